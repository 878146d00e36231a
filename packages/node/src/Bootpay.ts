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
  type BootpayError,
  type Operation,
  Reconcile,
  Registry
} from "@effect-bootpay/core/index"
import * as Cause from "effect/Cause"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Facade from "./internal/facade.js"
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
  const { run, dispose } = Facade.makeRunner(
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
