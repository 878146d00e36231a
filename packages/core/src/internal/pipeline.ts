/**
 * One HTTP attempt of an operation: build the request from validated wire fields, send it, read the
 * answer, decode a success or classify a failure. Retries, token replay and the deadline wrap this
 * in `BootpayClient`; the token service uses it directly for `POST /request/token`. The last
 * section, the fast path, is the one seam of the performance machinery (per-operation facts worked
 * out once, a deadline on a plain timer).
 */

import * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Redacted from "effect/Redacted"
import type * as BootpayConfig from "../BootpayConfig.js"
import type * as BootpayError from "../BootpayError.js"
import * as Operation from "../Operation.js"
import * as Transport from "../Transport.js"
import * as ErrorMapping from "./errorMapping.js"
import { decodeInput, decodeOutput } from "./schemas.js"
import * as Scrub from "./scrub.js"
import { apiVersion, sdkType, sdkVersion } from "./version.js"

/** What one call tracks across its attempts. */
export interface CallState {
  readonly operation: Operation.Any
  readonly safety: Operation.Safety
  readonly ids: ErrorMapping.Identifiers
  readonly resource: { readonly name: string; readonly id: string } | undefined
  /** Headers of this call beyond the API's own (a Commerce role, idempotency key, member JWT). */
  readonly headers?: Readonly<Record<string, string>> | undefined
  /** The wire fields and authorization of the latest attempt: what its errors must not repeat. */
  wire?: Readonly<Record<string, unknown>> | undefined
  authorization?: Redacted.Redacted<string> | undefined
  /** Set while an attempt is out and unanswered: a deadline that cuts it leaves its outcome unknown. */
  pending?: boolean | undefined
  /** The first attempt of a call that is not a read whose answer was lost (it may have taken effect). */
  unknown?: BootpayError.OutcomeUnknown | undefined
  /** Bootpay's definite refusal being explained by a follow-up read, should the deadline cut that read. */
  refusal?: BootpayError.BootpayError | undefined
  /** The call's deadline, once it runs. */
  deadline?: TransportDeadline | undefined
  /** Whether the transport enforces `deadline` itself (`Transport.enforcesDeadlines`, live clock). */
  transportEnforces?: boolean | undefined
}

/** A call's deadline on its clock; handed to the transport only on the live clock (the wall clock's time). */
export interface TransportDeadline {
  /** Epoch milliseconds. */
  readonly at: number
  /** The timeout it came from, for the error. */
  readonly millis: number
  readonly clock: Clock.Clock
}

/** Sends one attempt and decodes its answer. */
export type Attempt = (
  state: CallState,
  wire: Readonly<Record<string, unknown>>,
  authorization: Redacted.Redacted<string> | undefined
) => Effect.Effect<unknown, BootpayError.BootpayError>

const queryValue = (value: unknown): string =>
  typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value)

/** The ids a call carries into spans and `OutcomeUnknown`. */
export const identifiers = (
  wire: Readonly<Record<string, unknown>>,
  headers?: Readonly<Record<string, string>>
): ErrorMapping.Identifiers => {
  const pick = (key: string) => (typeof wire[key] === "string" ? (wire[key] as string) : undefined)
  return {
    receipt_id: pick("receipt_id"),
    order_id: pick("order_id"),
    cancel_id: pick("cancel_id"),
    billing_key: pick("billing_key"),
    cancel_price: typeof wire.cancel_price === "number" ? wire.cancel_price : undefined,
    idempotency_key: headers?.["idempotency-key"]
  }
}

/** Builds the HTTP request for validated wire fields: path params encoded, the rest as query or JSON body. */
export const buildRequest = (
  operation: Operation.Any,
  wire: Readonly<Record<string, unknown>>,
  baseUrl: string,
  headers: Headers.Headers
): HttpClientRequest.HttpClientRequest => {
  const plan = compiled(operation)
  let path = operation.path
  const rest: Record<string, unknown> = { ...wire }
  for (const field of plan.pathFields) {
    path = path.replace(`{${field}}`, encodeURIComponent(String(wire[field])))
    if (!operation.pathFieldsInBody) delete rest[field]
  }
  const query: Array<[string, string]> = []
  for (const key of Object.keys(rest)) {
    const value = rest[key]
    if (value === undefined) {
      delete rest[key]
    } else if (plan.queryFields === "all" || plan.queryFields.has(key)) {
      query.push([key, queryValue(value)])
      delete rest[key]
    }
  }
  let request = HttpClientRequest.make(operation.method)(baseUrl + path, { headers })
  if (query.length > 0) request = HttpClientRequest.setUrlParams(request, query)
  if (plan.hasBody) {
    // A form's content type (with its boundary) is set by whatever serializes it, never here.
    request =
      operation.multipart?.(wire) === true
        ? HttpClientRequest.bodyFormData(request, formOf(rest))
        : HttpClientRequest.bodyUnsafeJson(request, rest)
  }
  return request
}

/** A file part's name: a `File`'s own, else `fallback`. */
const fileName = (file: Blob, fallback: string): string =>
  "name" in file && typeof file.name === "string" && file.name !== "" ? file.name : fallback

/**
 * The body fields as a multipart form (`Operation.Declaration.multipart`): a `Blob` is a file part,
 * a list of `Blob`s the parts `field[0]`, `field[1]`, ... (Bootpay's Rails reads no repeated name
 * as a list), booleans `'true'`/`'false'`, objects and arrays JSON, other values their text.
 */
const formOf = (fields: Readonly<Record<string, unknown>>): FormData => {
  const form = new FormData()
  for (const [key, value] of Object.entries(fields)) {
    if (value === null || value === undefined) continue
    if (value instanceof Blob) {
      form.append(key, value, fileName(value, key))
    } else if (Array.isArray(value) && value.length > 0 && value.every((item) => item instanceof Blob)) {
      value.forEach((file: Blob, index) => {
        form.append(`${key}[${index}]`, file, fileName(file, `${key}-${index}`))
      })
    } else {
      form.append(key, typeof value === "object" ? JSON.stringify(value) : String(value))
    }
  }
  return form
}

/** Headers Bootpay's PG API expects on every call. */
export const staticHeaders: Readonly<Record<string, string>> = {
  accept: "application/json",
  "bootpay-api-version": apiVersion,
  "bootpay-sdk-version": sdkVersion,
  "bootpay-sdk-type": sdkType
}

/** The parsed body; `undefined` when it is empty or not JSON (`JSON.parse` refuses both). */
const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** Decodes a successful answer with the operation's response schema. */
export const decodeSuccess = (
  state: CallState,
  status: number,
  body: unknown
): Effect.Effect<unknown, BootpayError.BootpayError> => {
  const decoded = compiled(state.operation).decode(body)
  return Either.isLeft(decoded) ? unreadable(state, status, decoded.left) : Effect.succeed(decoded.right)
}

/** A 2xx answer that cannot be read: `InvalidResponse` for a read, `OutcomeUnknown` otherwise. */
const unreadable = (state: CallState, status: number, issues: ReadonlyArray<BootpayError.Issue>) =>
  Effect.fail(ErrorMapping.classify({ _tag: "Unreadable", status, issues }, errorContext(state, 0)))

const errorContext = (state: CallState, nowMillis: number): ErrorMapping.Context => ({
  operation: state.operation.id,
  api: state.operation.api,
  role: state.headers?.["bootpay-role"],
  safety: state.safety,
  nowMillis,
  resource: state.resource,
  ids: state.ids,
  secrets: Scrub.secretsOf(state.wire, state.authorization, state.headers)
})

const transportFailure = (state: CallState, error: HttpClientError.HttpClientError, maybeSent: boolean) =>
  Effect.flatMap(Clock.currentTimeMillis, (now) =>
    Effect.fail(
      ErrorMapping.classify(
        { _tag: "Transport", maybeSent, detail: ErrorMapping.transportDetail(error.cause ?? error) },
        errorContext(state, now)
      )
    )
  )

/** Reads an answer: a decoded success, or the classified failure. */
const interpret = (
  state: CallState,
  response: HttpClientResponse.HttpClientResponse,
  text: string
): Effect.Effect<unknown, BootpayError.BootpayError> => {
  const parsed = parseJson(text)
  const status = response.status
  // Commerce wraps answers as `{ success, data }`; a bare answer (some lists are arrays) is taken as it is.
  const body = state.operation.api === "commerce" ? ErrorMapping.unwrapCommerce(parsed) : parsed
  if (status >= 200 && status < 300 && !ErrorMapping.isErrorBody(body)) {
    if (body !== undefined) return decodeSuccess(state, status, body)
    // An empty answer is `null` to operations whose response allows it (a cash-receipt cancel).
    const empty = text.trim() === ""
    if (empty && compiled(state.operation).acceptsEmpty) return Effect.succeed(null)
    return unreadable(state, status, [{ path: "", message: empty ? "empty body" : "body is not JSON" }])
  }
  return Effect.flatMap(Clock.currentTimeMillis, (now) =>
    Effect.fail(
      ErrorMapping.classify(
        { _tag: "Response", status, body, retryAfter: response.headers["retry-after"] },
        errorContext(state, now)
      )
    )
  )
}

/**
 * Makes a request's `authorization` print as `<redacted>` in a custom transport's
 * `JSON.stringify(request)` or `util.inspect(request)` (Effect redacts it only inside its own
 * logging). The transport still reads the real value; the renderers are not enumerable, so nothing
 * iterating the headers sends them. The SDK's own transport prints nothing and skips this.
 */
const hideAuthorization = (request: HttpClientRequest.HttpClientRequest): void => {
  const headers = request.headers
  if (headers.authorization === undefined) return
  const render = () => ({ ...headers, authorization: "<redacted>" })
  // On a prototype of this request's own, not on the headers: `fetch` (undici) reads every own key of
  // `init.headers`, a symbol included, and refuses one (a GET sends these headers to it as they are).
  const hidden = Object.create(Object.getPrototypeOf(headers), {
    toJSON: { value: render },
    [Symbol.for("nodejs.util.inspect.custom")]: { value: render }
  })
  Object.setPrototypeOf(headers, hidden)
}

/** Creates the attempt function over one HttpClient and configuration. */
export const makeAttempt = (
  http: HttpClient.HttpClient,
  config: BootpayConfig.Resolved,
  apiHeaders: Readonly<Record<string, string>> = staticHeaders
): Attempt => {
  // The operation's own span (`Bootpay.<Module>.<op>`) describes the call with safe attributes. A
  // client made with `HttpClient.make` (fetch, the platform's undici) would add an `http.client` span
  // per attempt whose URL can hold a billing key or a user id, and send trace headers to Bootpay:
  // it is switched off. A transport written for this SDK (`Transport.enforcesDeadlines`, such as the
  // node one) opens no span, and is spared the fiber-ref change that costs every call.
  const ownTransport = Transport.isEnforcingDeadlines(http)
  const client = ownTransport ? http : HttpClient.withTracerDisabledWhen(http, () => true)
  // The header set is the same from call to call until the token changes: build it once per token.
  let headersFor: Redacted.Redacted<string> | undefined | null = null
  let headers = Headers.empty
  const headersWith = (authorization: Redacted.Redacted<string> | undefined): Headers.Headers => {
    if (authorization !== headersFor) {
      headersFor = authorization
      headers = Headers.fromInput(
        authorization === undefined
          ? apiHeaders
          : { ...apiHeaders, authorization: Redacted.value(authorization) }
      )
    }
    return headers
  }
  return (state, wire, authorization) =>
    Effect.suspend(() => {
      const base = headersWith(authorization)
      const request = buildRequest(
        state.operation,
        wire,
        config.baseUrl,
        state.headers === undefined ? base : Headers.setAll(base, state.headers)
      )
      if (!ownTransport) hideAuthorization(request)
      const deadline = state.deadline
      if (deadline !== undefined) {
        if (deadline.clock.unsafeCurrentTimeMillis() >= deadline.at) {
          return Effect.fail(timeoutError(state, deadline.millis))
        }
        if (state.transportEnforces) Transport.setDeadline(request, deadline.at)
      }
      state.pending = true
      state.wire = wire
      state.authorization = authorization
      return client.execute(request).pipe(
        Effect.catchAll((error) => {
          if (
            deadline !== undefined &&
            error._tag === "RequestError" &&
            Transport.isDeadlineExceeded(error.cause)
          ) {
            return Effect.fail(timeoutError(state, deadline.millis))
          }
          state.pending = false
          return transportFailure(
            state,
            error,
            error._tag === "RequestError" && ErrorMapping.transportMaybeSent(error.cause)
          )
        }),
        Effect.flatMap((response) =>
          response.text.pipe(
            Effect.catchAll((error) => {
              state.pending = false
              return transportFailure(state, error, true)
            }),
            Effect.flatMap((text) => {
              state.pending = false
              return interpret(state, response, text)
            })
          )
        )
      )
    })
}

/**
 * The error for a call whose deadline passed. A read times out. Otherwise what the call got to
 * decides: an earlier lost answer or an attempt still out leave the outcome unknown; a refusal that
 * was being explained stands; a call that never had a request out simply timed out.
 */
export const timeoutError = (state: CallState, timeoutMillis: number): BootpayError.BootpayError => {
  if (state.safety !== "read") {
    if (state.unknown !== undefined) return state.unknown
    if (!state.pending && state.refusal !== undefined) return state.refusal
  }
  return ErrorMapping.classify(
    { _tag: "Timeout", maybeSent: state.pending === true, timeoutMillis },
    errorContext(state, 0)
  )
}

// ------------------------------------------------------------------------------------------------
// The fast path: what makes a call cheaper, measured in bench/RESULTS.md, without changing what it
// does. Per-operation facts are worked out once, and one deadline is kept with a plain timer on the
// live clock. A reader following a call can stop above this line.
// ------------------------------------------------------------------------------------------------

/*
 * Everything about an operation that does not depend on the call, worked out once per operation
 * and kept: the input validator, how wire fields map to path, query and body, the response decoder
 * and the set of declared error tags. The pipeline and the client read it on every call.
 */
/** The per-operation facts a call needs. */
export interface Compiled {
  /** Validates a caller's input into wire fields; every problem is reported. */
  readonly validate: (input: unknown) => Either.Either<unknown, Array<BootpayError.Issue>>
  /** Decodes a successful answer with the response schema. */
  readonly decode: (body: unknown) => Either.Either<unknown, Array<BootpayError.Issue>>
  /** Whether an empty 2xx answer is a valid result (`null`), as for a cash-receipt cancel. */
  readonly acceptsEmpty: boolean
  /** The `{field}` names of the path, in order. */
  readonly pathFields: ReadonlyArray<string>
  /** Wire fields sent as the query string. */
  readonly queryFields: ReadonlySet<string> | "all"
  /** Whether the request carries a JSON body. */
  readonly hasBody: boolean
  /** Tags of the errors the operation declares beyond the common ones. */
  readonly declared: ReadonlySet<string>
}

const cache = new WeakMap<Operation.Any, Compiled>()

const compile = (operation: Operation.Any): Compiled => {
  const decode = decodeOutput(operation.response)
  return {
    validate: decodeInput(operation.request),
    decode,
    acceptsEmpty: Either.isRight(decode(null)),
    pathFields: Operation.pathFields(operation),
    queryFields: operation.queryFields === "all" ? "all" : new Set(operation.queryFields),
    hasBody:
      operation.method === "POST" ||
      operation.method === "PUT" ||
      (operation.method === "DELETE" && operation.bodyOnDelete),
    declared: new Set(operation.errors.map((error) => error._tag))
  }
}

/** The compiled form of an operation, built on first use. */
export const compiled = (operation: Operation.Any): Compiled => {
  let found = cache.get(operation)
  if (found === undefined) {
    found = compile(operation)
    cache.set(operation, found)
  }
  return found
}

/*
 * One deadline around a whole call (token, attempts, retry waits).
 *
 * `Effect.timeoutFail` races two forked fibers (the call and a sleep), then joins the winner's
 * fiber refs and interrupts the loser: about a third of the SDK's own CPU per lookup in the
 * benchmark. On the live clock this forks only the call and arms a plain timer, which the answer
 * clears. Under any other `Clock` (a `TestClock`, a custom one) it uses `Effect.timeoutFail`, so
 * virtual time still drives the deadline.
 */
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
