/**
 * Runs one contract suite against both faces of the fake: `FakeBootpay.layer` (Effect API, in-memory
 * HttpClient) and `FakeServer` (Promise facade over real loopback HTTP). A call answers
 * `{ ok: value }` or `{ error: tagged error }`, so suites compare outcomes, not transports.
 */
import { type BootpayClient, type BootpayError, Registry } from "@effect-bootpay/core"
import { Bootpay } from "@effect-bootpay/node"
import { FakeBootpay, FakeServer, type FakeStore } from "@effect-bootpay/testing"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Option from "effect/Option"

/** The outcome of one call. */
export type Outcome<A = unknown> = { readonly ok: A } | { readonly error: BootpayError.BootpayError }

type Modules = Registry.Registry

/** One running fake, driven through the registry names (`call("receipt", "cancel", input)`). */
export interface Target {
  readonly name: string
  readonly store: FakeStore
  readonly call: <M extends keyof Modules>(
    module: M,
    operation: keyof Modules[M] & string,
    input?: unknown
  ) => Promise<Outcome<Record<string, unknown> & ReadonlyArray<unknown>>>
  readonly close: () => Promise<void>
}

/** Options for both targets: Bearer mode when `bearer` is set. */
export interface TargetOptions {
  readonly bearer?: boolean
}

const layerTarget = async (options: TargetOptions): Promise<Target> => {
  const runtime = ManagedRuntime.make(
    FakeBootpay.layer(options.bearer ? { client: { applicationId: "test", privateKey: "test" } } : {})
  )
  const store = await runtime.runPromise(FakeBootpay.Store)
  return {
    name: "FakeBootpay.layer",
    store,
    call: async (module, operation, input) => {
      const entry = Registry.entries.find((e) => e.module === module && e.name === operation)!
      const exit = await runtime.runPromiseExit(
        entry.operation(input as never) as Effect.Effect<
          unknown,
          BootpayError.BootpayError,
          BootpayClient.BootpayClient
        >
      )
      if (Exit.isSuccess(exit)) return { ok: exit.value } as never
      const failure = Cause.failureOption(exit.cause)
      if (Option.isSome(failure)) return { error: failure.value as BootpayError.BootpayError }
      throw Cause.squash(exit.cause)
    },
    close: () => runtime.dispose()
  }
}

const serverTarget = async (options: TargetOptions): Promise<Target> => {
  const server = await FakeServer.start()
  const bootpay = Bootpay.make({
    baseUrl: server.url,
    ...(options.bearer
      ? { applicationId: "test", privateKey: "test" }
      : { clientKey: "test", secretKey: "test" })
  })
  return {
    name: "FakeServer + Promise facade",
    store: server.store,
    call: async (module, operation, input) => {
      const method = (bootpay[module] as Record<string, (input: unknown) => Promise<unknown>>)[operation]!
      try {
        return { ok: await method(input) } as never
      } catch (error) {
        return { error: error as BootpayError.BootpayError }
      }
    },
    close: async () => {
      await bootpay.dispose()
      await server.close()
    }
  }
}

/** Both targets, started fresh for each test by `withTarget`. */
export const targets: ReadonlyArray<{
  readonly name: string
  readonly start: (options?: TargetOptions) => Promise<Target>
}> = [
  { name: "FakeBootpay.layer", start: (options = {}) => layerTarget(options) },
  { name: "FakeServer + Promise facade", start: (options = {}) => serverTarget(options) }
]

/** Runs `body` with a fresh target and closes it afterwards. */
export const withTarget = async <A>(
  start: (options?: TargetOptions) => Promise<Target>,
  body: (target: Target) => Promise<A>,
  options: TargetOptions = {}
): Promise<A> => {
  const target = await start(options)
  try {
    return await body(target)
  } finally {
    await target.close()
  }
}

/** The value of a successful outcome; fails the test with the error otherwise. */
export const value = <A>(outcome: Outcome<A>): A => {
  if ("error" in outcome)
    throw new Error(`expected success, got ${outcome.error._tag}: ${outcome.error.message}`)
  return outcome.ok
}

/** The tag of a failed outcome; fails the test on success. */
export const tagOf = (outcome: Outcome): string => {
  if ("ok" in outcome) throw new Error("expected a failure, got a success")
  return outcome.error._tag
}

/** Keeps `Effect` referenced for suites that build programs. */
export { Effect }
