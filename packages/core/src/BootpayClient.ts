/**
 * The Bootpay client: runs any declared operation through one pipeline (validate the input, authorize,
 * send, decode, map errors), with the retry policy of its safety class, one deadline per call, a
 * token replay on a rejected bearer token, and a `Bootpay.<Module>.<op>` span.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Random from "effect/Random"
import { Authorization, layer as authorizationLayer } from "./Authorization.js"
import * as BootpayConfig from "./BootpayConfig.js"
import * as BootpayError from "./BootpayError.js"
import * as Pipeline from "./internal/pipeline.js"
import { decodeInput } from "./internal/schemas.js"
import type * as Operation from "./Operation.js"
import { safetyOf } from "./Operation.js"

/** The client's interface. */
export interface Service {
  /** The validated configuration this client runs with (secrets stay redacted). */
  readonly config: BootpayConfig.Resolved
  /** Runs one operation. */
  readonly execute: <I, W, A, E>(
    operation: Operation.Operation<I, W, A, E>,
    input: I,
    options?: Operation.CallOptions
  ) => Effect.Effect<A, E | BootpayError.CommonError>
}

/** The Bootpay client service. */
export class BootpayClient extends Context.Tag("@effect-bootpay/core/BootpayClient")<
  BootpayClient,
  Service
>() {}

/** Base delay of the retry backoff; doubled per attempt, capped, with jitter. */
const backoffBase = 250
const backoffCap = 5_000
/** Longest `Retry-After` honoured; longer waits fail with `RateLimited` instead. */
const retryAfterCap = 60_000

const validators = new WeakMap<
  Operation.Any,
  (input: unknown) => Either.Either<unknown, Array<BootpayError.Issue>>
>()
const validatorOf = (operation: Operation.Any) => {
  let validate = validators.get(operation)
  if (validate === undefined) {
    validate = decodeInput(operation.request)
    validators.set(operation, validate)
  }
  return validate
}

/** Whether a failed attempt may be repeated, given the call's safety class. */
export const shouldRetry = (error: BootpayError.BootpayError, safety: Operation.Safety): boolean => {
  if (safety === "unsafe") return error._tag === "TransportError" && !error.maybeSent
  if (error._tag === "RateLimited") return (error.retryAfterMillis ?? 0) <= retryAfterCap
  return error._tag !== "RequestTimeout" && error.isRetryable
}

/** The wait before retry number `retry` (0-based): exponential with jitter, or Bootpay's `Retry-After`. */
export const retryDelay = (
  error: BootpayError.BootpayError,
  retry: number
): Effect.Effect<Duration.Duration> =>
  error._tag === "RateLimited" && error.retryAfterMillis !== undefined
    ? Effect.succeed(Duration.millis(error.retryAfterMillis))
    : Effect.map(Random.nextRange(0.5, 1), (jitter) =>
        Duration.millis(Math.round(Math.min(backoffCap, backoffBase * 2 ** retry) * jitter))
      )

const synthesizedBasicToken = { access_token: "", expire_in: 0 }

/** Builds a client from a configuration, a token service and an HttpClient. */
export const make: Effect.Effect<
  Service,
  never,
  BootpayConfig.BootpayConfig | Authorization | HttpClient.HttpClient
> = Effect.gen(function* () {
  const config = yield* BootpayConfig.BootpayConfig
  const authorization = yield* Authorization
  const http = yield* HttpClient.HttpClient
  const attempt = Pipeline.makeAttempt(http, config)

  const execute = <I, W, A, E>(
    operation: Operation.Operation<I, W, A, E>,
    input: I,
    options?: Operation.CallOptions
  ): Effect.Effect<A, E | BootpayError.CommonError> => {
    const program = Effect.gen(function* () {
      const validated = validatorOf(operation)(input)
      if (Either.isLeft(validated)) {
        return yield* new BootpayError.InvalidRequest({ operation: operation.id, issues: validated.left })
      }
      const wire = validated.right as W & Record<string, unknown>
      const safety = safetyOf(operation, wire)
      const ids = Pipeline.identifiers(wire)
      const resourceId = operation.resource === undefined ? undefined : wire[operation.resource.idField]
      const state: Pipeline.CallState = {
        operation,
        safety,
        ids,
        resource:
          operation.resource === undefined
            ? undefined
            : { name: operation.resource.name, id: typeof resourceId === "string" ? resourceId : "" },
        sent: false
      }
      yield* Effect.annotateCurrentSpan({
        "bootpay.operation": operation.id,
        "bootpay.safety": safety,
        ...(ids.receipt_id === undefined ? {} : { "bootpay.receipt_id": ids.receipt_id }),
        ...(ids.order_id === undefined ? {} : { "bootpay.order_id": ids.order_id })
      })

      if (operation.auth === "none" && config.credentials._tag === "Basic") {
        // Basic mode has no token; answer like Bootpay's own SDKs do, without a request.
        return (yield* Pipeline.decodeSuccess(state, 200, synthesizedBasicToken)) as A
      }

      const once =
        operation.auth === "none"
          ? attempt(state, wire, undefined)
          : Effect.flatMap(authorization.header, (header) =>
              attempt(state, wire, header).pipe(
                Effect.catchTag("TokenExpired", (error) =>
                  authorization.scheme === "Bearer"
                    ? authorization.invalidate(header).pipe(
                        Effect.zipRight(authorization.header),
                        Effect.flatMap((fresh) => attempt(state, wire, fresh))
                      )
                    : Effect.fail(error)
                )
              )
            )

      const maxRetries = options?.retry ?? config.retry
      const loop = (retry: number): Effect.Effect<unknown, BootpayError.BootpayError> =>
        Effect.catchAll(once, (error) =>
          retry < maxRetries && shouldRetry(error, safety)
            ? retryDelay(error, retry).pipe(
                Effect.tap(() => Effect.annotateCurrentSpan("bootpay.retry", retry + 1)),
                Effect.flatMap(Effect.sleep),
                Effect.zipRight(loop(retry + 1))
              )
            : Effect.fail(error)
        )

      const timeout = options?.timeout === undefined ? config.timeout : Duration.decode(options.timeout)
      const result = yield* loop(0).pipe(
        Effect.timeoutFail({
          duration: timeout,
          onTimeout: () => Pipeline.timeoutError(state, Duration.toMillis(timeout))
        }),
        Effect.tapError((error) =>
          Effect.annotateCurrentSpan({
            "bootpay.error": error._tag,
            ...("errorCode" in error && error.errorCode !== undefined
              ? { "bootpay.error_code": String(error.errorCode) }
              : {}),
            ...("status" in error ? { "http.response.status_code": error.status } : {})
          })
        )
      )
      return result as A
    })
    return narrow(operation, program).pipe(Effect.withSpan(operation.span, { kind: "client" }))
  }

  return { config, execute } satisfies Service
})

const commonTags: ReadonlySet<string> = new Set<BootpayError.CommonError["_tag"]>([
  "InvalidRequest",
  "InvalidCredentials",
  "TokenExpired",
  "RateLimited",
  "ApiError",
  "TransportError",
  "RequestTimeout",
  "InvalidResponse"
])

const declaredSets = new WeakMap<Operation.Any, ReadonlySet<string>>()
const declaredTags = (operation: Operation.Any): ReadonlySet<string> => {
  let declared = declaredSets.get(operation)
  if (declared === undefined) {
    declared = new Set(operation.errors.map((error) => error._tag))
    declaredSets.set(operation, declared)
  }
  return declared
}

/**
 * Keeps the error channel honest: an error an operation does not declare (say `NotFound` from a call
 * that cannot miss) reaches the caller as `ApiError`, so each operation's type lists what can happen.
 */
const narrow = <I, W, A, E>(
  operation: Operation.Operation<I, W, A, E>,
  program: Effect.Effect<A, BootpayError.BootpayError>
): Effect.Effect<A, E | BootpayError.CommonError> => {
  const declared = declaredTags(operation)
  return Effect.mapError(program, (error): E | BootpayError.CommonError => {
    if (commonTags.has(error._tag) || declared.has(error._tag)) return error as E | BootpayError.CommonError
    return new BootpayError.ApiError({
      operation: operation.id,
      status: "status" in error ? error.status : 0,
      errorCode: "errorCode" in error ? error.errorCode : undefined,
      message: error.message
    })
  })
}

/** Runs an operation with the client from the context. */
export const call =
  <I, W, A, E>(operation: Operation.Operation<I, W, A, E>) =>
  (
    input: I,
    options?: Operation.CallOptions
  ): Effect.Effect<A, E | BootpayError.CommonError, BootpayClient> =>
    Effect.flatMap(BootpayClient, (client) => client.execute(operation, input, options))

/** The client over a configuration and token service already in context. */
export const layerFromServices: Layer.Layer<
  BootpayClient,
  never,
  BootpayConfig.BootpayConfig | Authorization | HttpClient.HttpClient
> = Layer.effect(BootpayClient, make)

/** The client for the given options (configuration and token service included) over any HttpClient. */
export const layer = (
  options: BootpayConfig.Options
): Layer.Layer<BootpayClient, BootpayError.InvalidConfig, HttpClient.HttpClient> =>
  layerFromServices.pipe(Layer.provide(authorizationLayer), Layer.provide(BootpayConfig.layer(options)))

/** The client configured from the `ConfigProvider` (`BOOTPAY_*`), over any HttpClient. */
export const layerConfig = (
  overrides: Partial<BootpayConfig.Options> = {}
): Layer.Layer<BootpayClient, BootpayError.InvalidConfig, HttpClient.HttpClient> =>
  layerFromServices.pipe(
    Layer.provide(authorizationLayer),
    Layer.provide(BootpayConfig.layerConfig(overrides))
  )
