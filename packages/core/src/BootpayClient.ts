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
import type * as Redacted from "effect/Redacted"
import { Authorization, layer as authorizationLayer } from "./Authorization.js"
import * as BootpayConfig from "./BootpayConfig.js"
import * as BootpayError from "./BootpayError.js"
import { compiled } from "./internal/compiled.js"
import * as Deadline from "./internal/deadline.js"
import * as Pipeline from "./internal/pipeline.js"
import type * as Operation from "./Operation.js"
import { safetyOf } from "./Operation.js"
import * as Transport from "./Transport.js"

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
  const transportDeadlines = Transport.isEnforcingDeadlines(http)

  const execute = <I, W, A, E>(
    operation: Operation.Operation<I, W, A, E>,
    input: I,
    options?: Operation.CallOptions
  ): Effect.Effect<A, E | BootpayError.CommonError> => {
    const compiledOperation = compiled(operation)
    const report = (error: BootpayError.BootpayError) =>
      reportError<E>(operation, compiledOperation.declared, error)
    return Effect.suspend(() => {
      const validated = compiledOperation.validate(input)
      if (Either.isLeft(validated)) {
        return Effect.withSpan(
          report(new BootpayError.InvalidRequest({ operation: operation.id, issues: validated.left })),
          operation.span,
          { kind: "client", captureStackTrace: false, attributes: { "bootpay.operation": operation.id } }
        )
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
      const attributes: Record<string, string> = {
        "bootpay.operation": operation.id,
        "bootpay.safety": safety
      }
      if (ids.receipt_id !== undefined) attributes["bootpay.receipt_id"] = ids.receipt_id
      if (ids.order_id !== undefined) attributes["bootpay.order_id"] = ids.order_id
      const run =
        operation.auth === "none" && config.credentials._tag === "Basic"
          ? // Basic mode has no token; answer like Bootpay's own SDKs do, without a request.
            Pipeline.decodeSuccess(state, 200, synthesizedBasicToken)
          : withDeadline(state, withRetries(state, once(state, wire), options), options)
      return Effect.withSpan(Effect.catchAll(run, report), operation.span, {
        kind: "client",
        captureStackTrace: false,
        attributes
      }) as Effect.Effect<A, E | BootpayError.CommonError>
    })
  }

  /** What is left of a transport-enforced deadline, in milliseconds. */
  const remaining = (deadline: Pipeline.TransportDeadline) =>
    deadline.at - deadline.clock.unsafeCurrentTimeMillis()

  /**
   * The authorization header. Under a transport-enforced deadline a ready header is taken as it is,
   * and a wait for a token issue is bounded by what is left of the deadline.
   */
  const headerFor = (
    state: Pipeline.CallState
  ): Effect.Effect<Redacted.Redacted<string>, BootpayError.BootpayError> => {
    const deadline = state.deadline
    if (deadline === undefined) return authorization.header
    const ready = authorization.peek(deadline.clock.unsafeCurrentTimeMillis())
    if (ready !== undefined) return Effect.succeed(ready)
    return Deadline.within(authorization.header, Math.max(0, remaining(deadline)), () =>
      Pipeline.timeoutError(state, deadline.millis)
    )
  }

  /** One attempt with the current authorization, replayed once with a fresh token if Bootpay rejects it. */
  const once = (
    state: Pipeline.CallState,
    wire: Readonly<Record<string, unknown>>
  ): Effect.Effect<unknown, BootpayError.BootpayError> => {
    if (state.operation.auth === "none") return attempt(state, wire, undefined)
    // Basic credentials are one constant header: nothing to wait for, nothing to replay.
    const basic = authorization.scheme === "Basic" ? authorization.peek(0) : undefined
    if (basic !== undefined) return attempt(state, wire, basic)
    return Effect.flatMap(
      Effect.suspend(() => headerFor(state)),
      (header) =>
        authorization.scheme === "Bearer"
          ? Effect.catchTag(attempt(state, wire, header), "TokenExpired", () =>
              authorization.invalidate(header).pipe(
                Effect.zipRight(Effect.suspend(() => headerFor(state))),
                Effect.flatMap((fresh) => attempt(state, wire, fresh))
              )
            )
          : attempt(state, wire, header)
    )
  }

  /** Repeats failed attempts the call's safety class allows, with backoff. */
  const withRetries = (
    state: Pipeline.CallState,
    attemptOnce: Effect.Effect<unknown, BootpayError.BootpayError>,
    options: Operation.CallOptions | undefined
  ): Effect.Effect<unknown, BootpayError.BootpayError> => {
    const maxRetries = options?.retry ?? config.retry
    if (maxRetries <= 0) return attemptOnce
    const wait = (delay: Duration.Duration): Effect.Effect<void, BootpayError.BootpayError> => {
      const deadline = state.deadline
      if (deadline === undefined) return Effect.sleep(delay)
      // The transport only times requests: a wait must not outlast the deadline either.
      const left = remaining(deadline)
      return Duration.toMillis(delay) < left
        ? Effect.sleep(delay)
        : Effect.zipRight(
            Effect.sleep(Math.max(0, left)),
            Effect.fail(Pipeline.timeoutError(state, deadline.millis))
          )
    }
    const loop = (retry: number): Effect.Effect<unknown, BootpayError.BootpayError> =>
      Effect.catchAll(attemptOnce, (error) =>
        retry < maxRetries && shouldRetry(error, state.safety)
          ? retryDelay(error, retry).pipe(
              Effect.tap(() => Effect.annotateCurrentSpan("bootpay.retry", retry + 1)),
              Effect.flatMap(wait),
              Effect.zipRight(loop(retry + 1))
            )
          : Effect.fail(error)
      )
    return loop(0)
  }

  /**
   * One deadline over the whole call: token, attempts and retry waits. A transport that enforces
   * deadlines gets it with each request (no extra fiber); otherwise the call runs under `within`.
   */
  const withDeadline = (
    state: Pipeline.CallState,
    call: Effect.Effect<unknown, BootpayError.BootpayError>,
    options: Operation.CallOptions | undefined
  ): Effect.Effect<unknown, BootpayError.BootpayError> => {
    const millis = Duration.toMillis(
      options?.timeout === undefined ? config.timeout : Duration.decode(options.timeout)
    )
    const onTimeout = () => Pipeline.timeoutError(state, millis)
    if (!transportDeadlines) return Deadline.within(call, millis, onTimeout)
    return Effect.clockWith((clock) => {
      if (!Deadline.onTimer(clock, millis)) return Deadline.within(call, millis, onTimeout)
      state.deadline = { at: clock.unsafeCurrentTimeMillis() + millis, millis, clock }
      return call
    })
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

/** The attributes that describe a failed call on its span. */
const errorAttributes = (error: BootpayError.BootpayError): Record<string, unknown> => {
  const attributes: Record<string, unknown> = { "bootpay.error": error._tag }
  if ("errorCode" in error && error.errorCode !== undefined)
    attributes["bootpay.error_code"] = String(error.errorCode)
  if ("status" in error) attributes["http.response.status_code"] = error.status
  return attributes
}

/**
 * Records a failure on the call's span and keeps the error channel honest: an error an operation
 * does not declare (say `NotFound` from a call that cannot miss) reaches the caller as `ApiError`,
 * so each operation's type lists what can happen.
 */
const reportError = <E>(
  operation: Operation.Any,
  declared: ReadonlySet<string>,
  error: BootpayError.BootpayError
): Effect.Effect<never, E | BootpayError.CommonError> =>
  Effect.zipRight(
    Effect.annotateCurrentSpan(errorAttributes(error)),
    Effect.fail(
      commonTags.has(error._tag) || declared.has(error._tag)
        ? (error as E | BootpayError.CommonError)
        : new BootpayError.ApiError({
            operation: operation.id,
            status: "status" in error ? error.status : 0,
            errorCode: "errorCode" in error ? error.errorCode : undefined,
            message: error.message
          })
    )
  )

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
