/**
 * One deadline around a whole call (token, attempts, retry waits).
 *
 * `Effect.timeoutFail` races two forked fibers (the call and a sleep), then joins the winner's
 * fiber refs and interrupts the loser: about a third of the SDK's own CPU per lookup in the
 * benchmark. On the live clock this forks only the call and arms a plain timer, which the answer
 * clears. Under any other `Clock` (a `TestClock`, a custom one) it uses `Effect.timeoutFail`, so
 * virtual time still drives the deadline.
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Transport from "../Transport.js"

const LiveClock = Clock.make().constructor

/** Whether a deadline of `millis` on `clock` can be kept with a plain timer: the live clock, in range. */
export const onTimer = (clock: Clock.Clock, millis: number): boolean =>
  clock.constructor === LiveClock && millis <= Transport.maxTimerMillis

/** Fails with `onTimeout()` (evaluated once the timed-out work has stopped) unless `effect` ends within `millis`. */
export const within = <A, E, R, E2>(
  effect: Effect.Effect<A, E, R>,
  millis: number,
  onTimeout: () => E2
): Effect.Effect<A, E | E2, R> =>
  Effect.clockWith((clock) =>
    onTimer(clock, millis) ? onLiveClock(effect, millis, onTimeout) : timeoutFail(effect, millis, onTimeout)
  )

const timeoutFail = <A, E, R, E2>(effect: Effect.Effect<A, E, R>, millis: number, onTimeout: () => E2) =>
  Effect.timeoutFail(effect, { duration: millis, onTimeout })

const onLiveClock = <A, E, R, E2>(
  effect: Effect.Effect<A, E, R>,
  millis: number,
  onTimeout: () => E2
): Effect.Effect<A, E | E2, R> =>
  Effect.uninterruptibleMask((restore) =>
    Effect.flatMap(Effect.forkDaemon(restore(effect)), (fiber) =>
      restore(
        Effect.async<A, E | E2>((resume) => {
          let settled = false
          const timer = setTimeout(() => {
            if (settled) return
            settled = true
            // Stop the call (and abort its request) first, and only then ask what it got to: a call
            // that was still sending when the timer fired must report that (an unsafe call is then
            // `OutcomeUnknown`, not `RequestTimeout`).
            resume(Effect.zipRight(Fiber.interrupt(fiber), Effect.failSync(onTimeout)))
          }, millis)
          fiber.addObserver((exit) => {
            if (settled) return
            settled = true
            clearTimeout(timer)
            resume(exit)
          })
          // The caller was interrupted: stop the timer and the call.
          return Effect.suspend(() => {
            settled = true
            clearTimeout(timer)
            return Fiber.interrupt(fiber)
          })
        })
      )
    )
  )
