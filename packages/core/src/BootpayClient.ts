/**
 * The Bootpay client: runs any declared operation through one pipeline (validate the input, authorize,
 * send, decode, map errors), with the retry policy of its safety class, one deadline per call, a
 * token replay on a rejected bearer token, and a `Bootpay.<Module>.<op>` span.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import type * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Random from "effect/Random"
import * as Redacted from "effect/Redacted"
import { Authorization, layer as authorizationLayer } from "./Authorization.js"
import * as BootpayConfig from "./BootpayConfig.js"
import * as BootpayError from "./BootpayError.js"
import * as ErrorMapping from "./internal/errorMapping.js"
import * as Pipeline from "./internal/pipeline.js"
import type * as Token from "./internal/token.js"
import type * as Operation from "./Operation.js"
import { safetyOf } from "./Operation.js"
import * as Transport from "./Transport.js"

/**
 * The client's interface.
 *
 * @since 0.1.0
 * @category services
 */
export interface Service {
  /** The validated configuration this client runs with (secrets stay redacted). */
  readonly config: BootpayConfig.Resolved
  /** Runs one operation. */
  readonly execute: <I, W, A, E, R>(
    operation: Operation.Operation<I, W, A, E, R>,
    input: I,
    options?: Operation.CallOptions
  ) => Effect.Effect<A, E | BootpayError.CommonError>
}

/**
 * What sets one API's calls apart on the wire; the engine is the same for both.
 *
 * @since 0.1.0
 * @category models
 */
export interface Profile {
  /** Headers sent on every call. */
  readonly headers: Readonly<Record<string, string>>
  /** The wire fields of a call that takes the client's keys (`auth: "none"`, the token). */
  readonly tokenWire: Readonly<Record<string, string>>
  /** Whether that call is answered without a request in Basic mode (PG: no token exists there). */
  readonly synthesizeBasicToken: boolean
  /** The role sent by operations that do not fix their own (Commerce). */
  readonly role: Operation.Role | undefined
}

/**
 * The Bootpay client service.
 *
 * @since 0.1.0
 * @category services
 */
export class BootpayClient extends Context.Tag("@effect-bootpay/core/BootpayClient")<
  BootpayClient,
  Service
>() {}

/** Base delay of the retry backoff; doubled per attempt, capped, with jitter. */
const backoffBase = 250
const backoffCap = 5_000
/** Longest `Retry-After` honoured; longer waits fail with `RateLimited` instead. */
const retryAfterCap = 60_000

/**
 * Whether a failed attempt may be repeated, given the call's safety class.
 *
 * @since 0.1.0
 * @category utils
 */
export const shouldRetry = (error: BootpayError.BootpayError, safety: Operation.Safety): boolean => {
  if (safety === "unsafe") return error._tag === "TransportError" && !error.maybeSent
  if (error._tag === "RateLimited") return (error.retryAfterMillis ?? 0) <= retryAfterCap
  // An idempotent call whose answer was lost is repeated (Bootpay dedupes it); its deadline is not.
  if (error._tag === "OutcomeUnknown") return safety === "idempotent" && error.reason !== "timeout"
  return error._tag !== "RequestTimeout" && error.isRetryable
}

/**
 * The wait before retry number `retry` (0-based): exponential with jitter, or Bootpay's `Retry-After`.
 *
 * @since 0.1.0
 * @category utils
 */
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

/** Answers that are Bootpay's own definite refusal of an attempt: nothing of that attempt happened. */
const refusalTags: ReadonlySet<string> = new Set<BootpayError.Tag>([
  "PgRefused",
  "NotFound",
  "CarrierCancelWindowClosed",
  "IdentityVerificationFailed",
  "InvalidCredentials",
  "TokenExpired",
  "ApiError"
])

/**
 * Builds a client from a configuration, a token service and an HttpClient.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<
  Service,
  never,
  BootpayConfig.BootpayConfig | Authorization | HttpClient.HttpClient
> = Effect.gen(function* () {
  const config = yield* BootpayConfig.BootpayConfig
  return makeEngine(config, yield* Authorization, yield* HttpClient.HttpClient, {
    headers: Pipeline.staticHeaders,
    // The token endpoint takes the client's own keys, never a caller's input.
    tokenWire:
      config.credentials._tag === "Bearer"
        ? {
            application_id: config.credentials.applicationId,
            private_key: Redacted.value(config.credentials.privateKey)
          }
        : { application_id: "-", private_key: "-" },
    synthesizeBasicToken: true,
    role: undefined
  })
})

/**
 * The engine behind every client: one configuration, token service, HttpClient and API profile.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeEngine = (
  config: BootpayConfig.Resolved,
  authorization: Authorization["Type"],
  http: HttpClient.HttpClient,
  profile: Profile
): Service => {
  const attempt = Pipeline.makeAttempt(http, config, profile.headers)
  const transportDeadlines = Transport.isEnforcingDeadlines(http)
  const defaults = BootpayConfig.checkCallOptions(undefined, config, [])!
  const tokenWire = profile.tokenWire

  const execute = <I, W, A, E, R>(
    operation: Operation.Operation<I, W, A, E, R>,
    input: I,
    options?: Operation.CallOptions
  ): Effect.Effect<A, E | BootpayError.CommonError> => {
    const compiledOperation = Pipeline.compiled(operation)
    const report = (error: BootpayError.BootpayError) =>
      reportError<E>(operation, compiledOperation.declared, error)
    const refuse = (issues: ReadonlyArray<BootpayError.Issue>) =>
      Effect.withSpan(
        report(new BootpayError.InvalidRequest({ operation: operation.id, issues })),
        operation.span,
        { kind: "client", captureStackTrace: false, attributes: { "bootpay.operation": operation.id } }
      )
    return Effect.suspend(() => {
      const none = operation.auth === "none"
      const validated = compiledOperation.validate(none ? tokenWire : input)
      const issues: Array<BootpayError.Issue> = Either.isLeft(validated) ? validated.left : []
      if (none && input !== undefined) {
        issues.push({ path: "", message: "takes no input: the keys come from the client's configuration" })
      }
      const checked =
        options === undefined ? defaults : BootpayConfig.checkCallOptions(options, config, issues)
      if (issues.length > 0 || checked === undefined || Either.isLeft(validated)) return refuse(issues)
      const wire = validated.right as W & Record<string, unknown>
      const check = operation.check
      if (check === undefined) return start(operation, wire, checked, report)
      return Effect.clockWith((clock) => {
        const problems = check(wire, clock.unsafeCurrentTimeMillis())
        return problems.length > 0 ? refuse(problems) : start(operation, wire, checked, report)
      })
    }) as Effect.Effect<A, E | BootpayError.CommonError>
  }

  /** Runs a call whose input and options were checked, in its span. */
  const start = <I, W, A, E, R>(
    operation: Operation.Operation<I, W, A, E, R>,
    wire: W & Record<string, unknown>,
    checked: BootpayConfig.CheckedCallOptions,
    report: (error: BootpayError.BootpayError) => Effect.Effect<never, E | BootpayError.CommonError>
  ): Effect.Effect<A, E | BootpayError.CommonError> => {
    const safety = safetyOf(operation, wire)
    if (operation.api === "commerce") return startCommerce(operation, wire, checked, report, safety)
    return run(operation, wire, checked, report, safety, undefined)
  }

  /**
   * A Commerce call: its role, and an `Idempotency-Key` (the caller's, or one made now and kept on
   * every retry of this call), go with each attempt as headers.
   */
  const startCommerce = <I, W, A, E, R>(
    operation: Operation.Operation<I, W, A, E, R>,
    wire: W & Record<string, unknown>,
    checked: BootpayConfig.CheckedCallOptions,
    report: (error: BootpayError.BootpayError) => Effect.Effect<never, E | BootpayError.CommonError>,
    safety: Operation.Safety
  ): Effect.Effect<A, E | BootpayError.CommonError> => {
    // An operation whose input may be left out has no wire fields then: nothing but the key to send.
    const fields: Record<string, unknown> = wire ?? {}
    const withKey =
      operation.idempotencyKey && fields.idempotency_key === undefined
        ? Effect.map(uuid, (key) => ({ ...fields, idempotency_key: key }))
        : Effect.succeed(fields)
    return Effect.flatMap(withKey, (keyed) => {
      const headers: Record<string, string> = {
        "bootpay-role": operation.role ?? checked.role ?? profile.role ?? "user"
      }
      const body: Record<string, unknown> = { ...keyed }
      for (const [field, header] of Object.entries(operation.headerFields)) {
        const value = body[field]
        delete body[field]
        if (typeof value === "string" && value !== "") headers[header] = value
      }
      return run(operation, body as W & Record<string, unknown>, checked, report, safety, headers)
    })
  }

  /** Runs a call whose input and options were checked, in its span. */
  const run = <I, W, A, E, R>(
    operation: Operation.Operation<I, W, A, E, R>,
    wire: W & Record<string, unknown>,
    checked: BootpayConfig.CheckedCallOptions,
    report: (error: BootpayError.BootpayError) => Effect.Effect<never, E | BootpayError.CommonError>,
    safety: Operation.Safety,
    headers: Readonly<Record<string, string>> | undefined
  ): Effect.Effect<A, E | BootpayError.CommonError> => {
    const ids = Pipeline.identifiers(wire, headers)
    const resourceId = operation.resource === undefined ? undefined : wire[operation.resource.idField]
    const state: Pipeline.CallState = {
      operation,
      safety,
      ids,
      resource:
        operation.resource === undefined
          ? undefined
          : { name: operation.resource.name, id: typeof resourceId === "string" ? resourceId : "" },
      headers
    }
    const attributes: Record<string, string> = {
      "bootpay.operation": operation.id,
      "bootpay.safety": safety
    }
    if (ids.receipt_id !== undefined) attributes["bootpay.receipt_id"] = ids.receipt_id
    if (ids.order_id !== undefined) attributes["bootpay.order_id"] = ids.order_id
    let call: Effect.Effect<unknown, BootpayError.BootpayError>
    if (operation.auth === "none") {
      call =
        profile.synthesizeBasicToken && config.credentials._tag === "Basic"
          ? // Basic mode has no token; answer like Bootpay's own SDKs do, without a request.
            Pipeline.decodeSuccess(state, 200, synthesizedBasicToken)
          : // A token the caller asked for is the client's next token too (one issue, not two).
            Effect.tap(
              withDeadline(state, withRetries(state, once(state, wire), checked.retry), checked.millis),
              (token) => authorization.prime(token as typeof Token.TokenResponse.Type)
            )
    } else {
      const tries = withRetries(state, once(state, wire), checked.retry)
      call = withDeadline(state, safety === "read" ? tries : settle(state, wire, tries), checked.millis)
    }
    return Effect.withSpan(Effect.catchAll(call, report), operation.span, {
      kind: "client",
      captureStackTrace: false,
      attributes
    }) as Effect.Effect<A, E | BootpayError.CommonError>
  }

  /** What is left of the call's deadline, in milliseconds. */
  const remaining = (deadline: Pipeline.TransportDeadline) =>
    deadline.at - deadline.clock.unsafeCurrentTimeMillis()

  /** A read inside the deadline of the call in `state`, for what its answer alone does not prove. */
  const readFor =
    (state: Pipeline.CallState): Operation.Read =>
    (operation, input) => {
      const deadline = state.deadline!
      const left = remaining(deadline)
      return left > 0
        ? execute(operation, input, { timeout: Duration.millis(left) })
        : Effect.fail(
            new BootpayError.RequestTimeout({
              operation: operation.id,
              timeoutMillis: 0,
              message: `no time left of ${state.operation.id}'s ${deadline.millis} ms deadline`
            })
          )
    }

  /**
   * What a call that is not a read really tells: a success stands; a lost answer stays unknown, even
   * when a repeat is then refused or rate-limited; a refusal of the only attempt that reached Bootpay
   * stands, explained by the operation's proof when it has one.
   */
  const settle = (
    state: Pipeline.CallState,
    wire: Readonly<Record<string, unknown>>,
    tries: Effect.Effect<unknown, BootpayError.BootpayError>
  ): Effect.Effect<unknown, BootpayError.BootpayError> =>
    Effect.catchAll(tries, (error) => {
      const unknown = state.unknown
      if (!refusalTags.has(error._tag)) return Effect.fail(unknown ?? error)
      const proof = state.operation.proof
      if (proof?.refused === undefined) {
        return Effect.fail(unknown === undefined ? error : ErrorMapping.refusedAfter(unknown, error))
      }
      state.refusal = error
      return proof.refused({ wire, refusal: error, unknown }, readFor(state))
    })

  /**
   * The authorization header. Under a transport-enforced deadline a ready header is taken as it is,
   * and a wait for a token issue is bounded by what is left of the deadline.
   */
  const headerFor = (
    state: Pipeline.CallState
  ): Effect.Effect<Redacted.Redacted<string>, BootpayError.BootpayError> => {
    const deadline = state.deadline
    if (deadline === undefined || !state.transportEnforces) return authorization.header
    const ready = authorization.peek(deadline.clock.unsafeCurrentTimeMillis())
    if (ready !== undefined) return Effect.succeed(ready)
    return Pipeline.within(authorization.header, Math.max(0, remaining(deadline)), () =>
      Pipeline.timeoutError(state, deadline.millis)
    )
  }

  /** One attempt with the current authorization, replayed once with a fresh token if Bootpay rejects it. */
  const once = (
    state: Pipeline.CallState,
    wire: Readonly<Record<string, unknown>>
  ): Effect.Effect<unknown, BootpayError.BootpayError> => {
    if (state.operation.auth === "none" && profile.synthesizeBasicToken)
      return attempt(state, wire, undefined)
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

  /**
   * Repeats failed attempts the call's safety class allows, with backoff, while the wait fits in
   * the deadline (a `Retry-After` beyond it fails at once with the `RateLimited` that carries it).
   * A call that is not a read remembers its first lost answer: whatever comes later, it may have
   * taken effect.
   */
  const withRetries = (
    state: Pipeline.CallState,
    attemptOnce: Effect.Effect<unknown, BootpayError.BootpayError>,
    maxRetries: number
  ): Effect.Effect<unknown, BootpayError.BootpayError> => {
    if (maxRetries <= 0 && state.safety === "read") return attemptOnce
    const loop = (retry: number): Effect.Effect<unknown, BootpayError.BootpayError> =>
      Effect.catchAll(attemptOnce, (error) => {
        if (error._tag === "OutcomeUnknown") state.unknown ??= error
        if (retry >= maxRetries || !shouldRetry(error, state.safety)) return Effect.fail(error)
        return Effect.flatMap(retryDelay(error, retry), (delay) => {
          const deadline = state.deadline
          if (deadline !== undefined && Duration.toMillis(delay) >= remaining(deadline)) {
            return Effect.fail(error)
          }
          return Effect.annotateCurrentSpan("bootpay.retry", retry + 1).pipe(
            Effect.zipRight(Effect.sleep(delay)),
            Effect.zipRight(loop(retry + 1))
          )
        })
      })
    return loop(0)
  }

  /**
   * One deadline over the whole call: token, attempts, retry waits and follow-up reads. A transport
   * that enforces deadlines gets it with each request (no extra fiber); otherwise the call runs
   * under `within`.
   */
  const withDeadline = (
    state: Pipeline.CallState,
    call: Effect.Effect<unknown, BootpayError.BootpayError>,
    millis: number
  ): Effect.Effect<unknown, BootpayError.BootpayError> =>
    Effect.clockWith((clock) => {
      state.deadline = { at: clock.unsafeCurrentTimeMillis() + millis, millis, clock }
      if (transportDeadlines && Pipeline.onTimer(clock, millis)) {
        state.transportEnforces = true
        return call
      }
      return Pipeline.within(call, millis, () => Pipeline.timeoutError(state, millis))
    })

  return { config, execute } satisfies Service
}

/** A random (version 4) UUID from Effect's `Random`, so a seeded `Random` makes it reproducible. */
const uuid: Effect.Effect<string> = Effect.map(
  Effect.all(Array.from({ length: 16 }, () => Random.nextIntBetween(0, 256))),
  (bytes) => {
    bytes[6] = (bytes[6]! & 0x0f) | 0x40
    bytes[8] = (bytes[8]! & 0x3f) | 0x80
    const hex = bytes.map((byte) => byte.toString(16).padStart(2, "0")).join("")
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
  }
)

/** The attributes that describe a failed call on its span. */
const errorAttributes = (error: BootpayError.BootpayError): Record<string, unknown> => {
  const attributes: Record<string, unknown> = { "bootpay.error": error._tag }
  if ("errorCode" in error && error.errorCode !== undefined)
    attributes["bootpay.error_code"] = String(error.errorCode)
  if ("status" in error) attributes["http.response.status_code"] = error.status
  return attributes
}

/**
 * Records a failure on the call's span and fails with it, narrowed to what the operation declares
 * (`ErrorMapping.narrow`).
 */
const reportError = <E>(
  operation: Operation.Any,
  declared: ReadonlySet<string>,
  error: BootpayError.BootpayError
): Effect.Effect<never, E | BootpayError.CommonError> =>
  Effect.zipRight(
    Effect.annotateCurrentSpan(errorAttributes(error)),
    Effect.fail(ErrorMapping.narrow(operation.id, declared, error) as E | BootpayError.CommonError)
  )

/**
 * The client over a configuration and token service already in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerFromServices: Layer.Layer<
  BootpayClient,
  never,
  BootpayConfig.BootpayConfig | Authorization | HttpClient.HttpClient
> = Layer.effect(BootpayClient, make)

/**
 * The client for the given options (configuration and token service included) over any HttpClient.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options: BootpayConfig.Options
): Layer.Layer<BootpayClient, BootpayError.InvalidConfig, HttpClient.HttpClient> =>
  layerFromServices.pipe(Layer.provide(authorizationLayer), Layer.provide(BootpayConfig.layer(options)))

/**
 * The client configured through a `Config` per option (`BOOTPAY_*` by default), over any HttpClient.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  options?: BootpayConfig.ConfigOptions
): Layer.Layer<BootpayClient, ConfigError.ConfigError | BootpayError.InvalidConfig, HttpClient.HttpClient> =>
  layerFromServices.pipe(Layer.provide(authorizationLayer), Layer.provide(BootpayConfig.layerConfig(options)))
