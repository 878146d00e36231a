/**
 * The Promise facade for async/await code: `Bootpay.make(options)` gives `bootpay.receipt.lookup(...)`
 * and every other operation, derived from the core registry. A failed call rejects with the SDK's
 * tagged error itself (`err._tag === "PgRefused"`), never with an Effect wrapper.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import {
  BootpayClient,
  BootpayConfig,
  BootpayError,
  Commerce,
  type Operation,
  Reconcile,
  Registry
} from "@effect-bootpay/core/index"
import * as Cause from "effect/Cause"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Option from "effect/Option"
import * as UndiciClient from "./internal/undiciClient.js"

/**
 * Options for one call of the facade.
 *
 * @since 0.1.0
 * @category models
 */
export interface RequestOptions {
  /** Aborting it aborts the HTTP request; the call rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined
  /** Deadline for this call, e.g. `"5 seconds"` or milliseconds. */
  readonly timeout?: Duration.DurationInput | undefined
  /** Retries for this call when it is a read or idempotent call. */
  readonly retry?: number | undefined
}

type Method<O> =
  O extends Operation.Operation<infer In, infer _W, infer A, infer _E>
    ? undefined extends In
      ? (input?: In, options?: RequestOptions) => Promise<A>
      : (input: In, options?: RequestOptions) => Promise<A>
    : never

/**
 * The facade's operations, one property per core module.
 *
 * @since 0.1.0
 * @category models
 */
export type Operations = {
  readonly [M in keyof Registry.Registry]: {
    readonly [O in keyof Registry.Registry[M]]: Method<Registry.Registry[M][O]>
  }
}

/**
 * A Promise-based Bootpay client.
 *
 * @since 0.1.0
 * @category models
 */
export interface Bootpay extends Operations {
  /**
   * Resolves an `OutcomeUnknown` by reading Bootpay's state: `Happened` with the receipt, or
   * `DidNotHappen` (retrying is safe).
   */
  readonly reconcile: (
    error: BootpayError.OutcomeUnknown,
    options?: RequestOptions
  ) => Promise<Reconcile.Resolution>
  /**
   * Closes the connection pool: calls in flight fail with the SDK's errors as their connections close.
   * Later calls reject with `InvalidRequest` and send nothing; calling it again is harmless.
   */
  readonly dispose: () => Promise<void>
}

/**
 * Options of `Bootpay.make`: the core options plus an optional HttpClient layer (undici by default).
 *
 * @since 0.1.0
 * @category models
 */
export interface Options extends BootpayConfig.Options {
  readonly httpClient?: Layer.Layer<HttpClient.HttpClient> | undefined
}

/**
 * Duck-typed rather than `instanceof AbortSignal`: the facade only reads `aborted` and `reason` and
 * (un)subscribes, and a signal from another realm (a `vm` context, a jsdom test environment) is a
 * working signal that fails `instanceof`.
 */
const isSignal = (u: unknown): u is AbortSignal =>
  typeof u === "object" &&
  u !== null &&
  typeof (u as AbortSignal).aborted === "boolean" &&
  typeof (u as AbortSignal).addEventListener === "function" &&
  typeof (u as AbortSignal).removeEventListener === "function"

/** Why `request` cannot be used, or `undefined` when it can; `timeout` and `retry` are the client's to check. */
const requestIssue = (request: unknown): BootpayError.Issue | undefined => {
  if (request === undefined) return undefined
  if (typeof request !== "object" || request === null || Array.isArray(request)) {
    return { path: "options", message: "must be an object or undefined" }
  }
  const signal = (request as RequestOptions).signal
  return signal === undefined || isSignal(signal)
    ? undefined
    : { path: "options.signal", message: "must be an AbortSignal or undefined" }
}

const settle = <A, E>(
  exit: Exit.Exit<A, E>,
  signal: AbortSignal | undefined,
  resolve: (value: A) => void,
  reject: (reason: unknown) => void
): void => {
  if (Exit.isSuccess(exit)) {
    resolve(exit.value)
    return
  }
  const failure = Cause.failureOption(exit.cause)
  if (Option.isSome(failure)) reject(failure.value)
  else if (Cause.isInterruptedOnly(exit.cause) && signal?.aborted) reject(signal.reason)
  else reject(Cause.squash(exit.cause))
}

/**
 * A call of a facade: its Effect from the input, run when the Promise is made.
 *
 * @internal
 */
export type Call<In, A, E, R> = (input: In, options?: Operation.CallOptions) => Effect.Effect<A, E, R>

/**
 * A client's runtime and how it runs calls.
 *
 * @internal
 */
export interface Runner<R> {
  /** Runs one call as a Promise; never throws. */
  readonly run: <In, A, E>(
    operation: string,
    call: Call<In, A, E, R>,
    input: In,
    request: RequestOptions | undefined
  ) => Promise<A>
  /** Walks every page of a list as an async iterator: one call per page, each rejecting as `run` does. */
  readonly iterate: <In, A, E>(
    operation: string,
    list: Call<In, Commerce.Paging.Page<A>, E, R>,
    input: In,
    request: RequestOptions | undefined
  ) => AsyncIterable<A>
  /** Closes the runtime once; later calls are refused. */
  readonly dispose: () => Promise<void>
}

/**
 * The runtime of one client over `layer`, shared by both facades (`BootpayCommerce.make` too).
 *
 * @internal
 */
export const makeRunner = <R>(layer: Layer.Layer<R>, makeAgain: string): Runner<R> => {
  const runtime = ManagedRuntime.make(layer)
  let disposing: Promise<void> | undefined
  const disposedIssue: BootpayError.Issue = {
    path: "",
    message: `this client was disposed; create another with ${makeAgain}`
  }
  const refusal = (operation: string, request: unknown) => {
    // After dispose the runtime would die with a bare string; a typed refusal says what happened.
    const issue = disposing === undefined ? requestIssue(request) : disposedIssue
    return issue === undefined ? undefined : new BootpayError.InvalidRequest({ operation, issues: [issue] })
  }
  // One fiber per call, settled straight from its exit: no intermediate Promise of the exit. Every
  // check and the effect's construction happen inside the executor, so no call ever throws.
  const run: Runner<R>["run"] = (operation, call, input, request) =>
    new Promise((resolve, reject) => {
      const refused = refusal(operation, request)
      if (refused !== undefined) return reject(refused)
      const signal = request?.signal
      if (signal?.aborted) return reject(signal.reason)
      let done = false
      const onAbort = () => cancel()
      // The caller's options go straight to the client, which reads only `timeout` and `retry`.
      const cancel = runtime.runCallback(call(input, request), {
        onExit: (exit) => {
          done = true
          signal?.removeEventListener("abort", onAbort)
          settle(exit, signal, resolve, reject)
        }
      })
      // A call can end before `runCallback` returns (an input refused before anything is sent).
      if (!done) signal?.addEventListener("abort", onAbort, { once: true })
    })
  const iterate: Runner<R>["iterate"] = (operation, list, input, request) => ({
    async *[Symbol.asyncIterator]() {
      let cursor: Commerce.Paging.Cursor | undefined = Commerce.Paging.start(
        input as { readonly page?: number; readonly limit?: number } | undefined
      )
      while (cursor !== undefined) {
        const at: Commerce.Paging.Cursor = cursor
        const answer = await run(operation, list, { ...input, page: at.page, limit: at.limit }, request)
        const step = Commerce.Paging.advance(at, answer)
        yield* step.items
        cursor = step.next
      }
    }
  })
  return { run, iterate, dispose: () => (disposing ??= runtime.dispose()) }
}

/**
 * Creates a client. Throws `InvalidConfig` at once for unusable options (half a key pair, both
 * pairs, an unknown mode); nothing is sent.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options): Bootpay => {
  const { httpClient, ...config } = options
  const resolved = Effect.runSyncExit(BootpayConfig.make(config))
  if (Exit.isFailure(resolved)) throw Cause.squash(resolved.cause)
  const { run, dispose } = makeRunner(
    BootpayClient.layer(config).pipe(Layer.provide(httpClient ?? UndiciClient.layer), Layer.orDie),
    "Bootpay.make"
  )
  const operations: Record<string, Record<string, unknown>> = {}
  for (const entry of Registry.entries) {
    const id = entry.operation.id
    operations[entry.module] ??= {}
    operations[entry.module]![entry.name] = (input: never, request?: RequestOptions) =>
      run(
        id,
        entry.operation as (
          input: never,
          options?: Operation.CallOptions
        ) => Effect.Effect<unknown, unknown, BootpayClient.BootpayClient>,
        input,
        request
      )
  }
  return {
    ...(operations as unknown as Operations),
    reconcile: (error, request) => run("Reconcile.outcome", Reconcile.outcome, error, request),
    dispose
  }
}
