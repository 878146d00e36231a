/**
 * Timing for the linear-time tests. A loaded machine can pause a process for a while, so a run over
 * the bound is tried again and the fastest run counts: a quadratic check stays slow every time.
 */
import * as Effect from "effect/Effect"

/** The bound for one check of a 100,000-character input: generous for a loaded 2-core machine. */
export const bound = 200

const tries = 3

/** How long `effect` takes in milliseconds, whatever its outcome; the fastest of up to 3 runs over `bound`. */
export const millisOf = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<number, never, R> =>
  Effect.gen(function* () {
    let fastest = Number.POSITIVE_INFINITY
    for (let run = 0; run < tries && fastest >= bound; run++) {
      const started = performance.now()
      yield* Effect.either(effect)
      fastest = Math.min(fastest, performance.now() - started)
    }
    return fastest
  })

/** `millisOf` for synchronous code. */
export const millisOfSync = (run: () => unknown): number => Effect.runSync(millisOf(Effect.sync(run)))
