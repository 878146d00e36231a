/**
 * One HTTP attempt of an operation: build the request from validated wire fields, send it, read the
 * answer, decode a success or classify a failure. Retries, token replay and the deadline wrap this
 * in `BootpayClient`; the token service uses it directly for `POST /request/token`.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import type * as BootpayConfig from "../BootpayConfig.js"
import type * as BootpayError from "../BootpayError.js"
import { InvalidResponse } from "../BootpayError.js"
import * as Operation from "../Operation.js"
import * as ErrorMapping from "./errorMapping.js"
import { decodeOutput } from "./schemas.js"
import { apiVersion, sdkType, sdkVersion } from "./version.js"

/** What one call tracks across its attempts. */
export interface CallState {
  readonly operation: Operation.Any
  readonly safety: Operation.Safety
  readonly ids: ErrorMapping.Identifiers
  readonly resource: { readonly name: string; readonly id: string } | undefined
  /** Set as soon as a request of this call may have left the process. */
  sent: boolean
}

/** Sends one attempt and decodes its answer. */
export type Attempt = (
  state: CallState,
  wire: Readonly<Record<string, unknown>>,
  authorization: Redacted.Redacted<string> | undefined
) => Effect.Effect<unknown, BootpayError.BootpayError>

interface Plan {
  readonly pathFields: ReadonlyArray<string>
  readonly queryFields: ReadonlySet<string> | "all"
  readonly hasBody: boolean
  readonly decode: (body: unknown) => Either.Either<unknown, Array<BootpayError.Issue>>
}

const plans = new WeakMap<Operation.Any, Plan>()

const planOf = (operation: Operation.Any): Plan => {
  let plan = plans.get(operation)
  if (plan === undefined) {
    plan = {
      pathFields: Operation.pathFields(operation),
      queryFields: operation.queryFields === "all" ? "all" : new Set(operation.queryFields),
      hasBody: operation.method === "POST" || operation.method === "PUT",
      decode: decodeOutput(operation.response)
    }
    plans.set(operation, plan)
  }
  return plan
}

const queryValue = (value: unknown): string =>
  typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value)

/** The ids a call carries into spans and `OutcomeUnknown`. */
export const identifiers = (wire: Readonly<Record<string, unknown>>): ErrorMapping.Identifiers => {
  const pick = (key: string) => (typeof wire[key] === "string" ? (wire[key] as string) : undefined)
  return {
    receipt_id: pick("receipt_id"),
    order_id: pick("order_id"),
    cancel_id: pick("cancel_id"),
    billing_key: pick("billing_key")
  }
}

/** Builds the HTTP request for validated wire fields: path params encoded, the rest as query or JSON body. */
export const buildRequest = (
  operation: Operation.Any,
  wire: Readonly<Record<string, unknown>>,
  baseUrl: string
): HttpClientRequest.HttpClientRequest => {
  const plan = planOf(operation)
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
  let request = HttpClientRequest.make(operation.method)(baseUrl + path)
  if (query.length > 0) request = HttpClientRequest.setUrlParams(request, query)
  if (plan.hasBody) request = HttpClientRequest.bodyUnsafeJson(request, rest)
  return request
}

/** Headers Bootpay expects on every call. */
export const staticHeaders: Readonly<Record<string, string>> = {
  accept: "application/json",
  "bootpay-api-version": apiVersion,
  "bootpay-sdk-version": sdkVersion,
  "bootpay-sdk-type": sdkType
}

const parseJson = (text: string): unknown => {
  if (text.trim() === "") return undefined
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
): Effect.Effect<unknown, InvalidResponse> => {
  const decoded = planOf(state.operation).decode(body)
  return Either.isLeft(decoded)
    ? Effect.fail(new InvalidResponse({ operation: state.operation.id, status, issues: decoded.left }))
    : Effect.succeed(decoded.right)
}

/** Creates the attempt function over one HttpClient and configuration. */
export const makeAttempt = (http: HttpClient.HttpClient, config: BootpayConfig.Resolved): Attempt => {
  // The operation's own span (`Bootpay.<Module>.<op>`) describes the call; a second, generic
  // `http.client` span per attempt doubled the tracing cost without saying more.
  const client = HttpClient.mapRequest(
    HttpClient.withTracerDisabledWhen(http, () => true),
    HttpClientRequest.setHeaders(staticHeaders)
  )
  return (state, wire, authorization) =>
    Effect.gen(function* () {
      let request = buildRequest(state.operation, wire, config.baseUrl)
      if (authorization !== undefined) {
        request = HttpClientRequest.setHeader(request, "authorization", Redacted.value(authorization))
      }
      const context = (nowMillis: number): ErrorMapping.Context => ({
        operation: state.operation.id,
        safety: state.safety,
        nowMillis,
        resource: state.resource,
        ids: state.ids
      })
      const transportFailure = (error: HttpClientError.HttpClientError, maybeSent: boolean) =>
        Effect.flatMap(Clock.currentTimeMillis, (now) =>
          Effect.fail(
            ErrorMapping.classify(
              { _tag: "Transport", maybeSent, detail: ErrorMapping.transportDetail(error.cause ?? error) },
              context(now)
            )
          )
        )
      state.sent = true
      const response = yield* client
        .execute(request)
        .pipe(
          Effect.catchAll((error) =>
            transportFailure(
              error,
              error._tag === "RequestError" && ErrorMapping.transportMaybeSent(error.cause)
            )
          )
        )
      const text = yield* response.text.pipe(Effect.catchAll((error) => transportFailure(error, true)))
      const body = parseJson(text)
      const status = response.status
      if (status >= 200 && status < 300 && !ErrorMapping.isErrorBody(body)) {
        if (body === undefined) {
          // An empty answer is `null` to operations whose response allows it (a cash-receipt cancel).
          const empty = text.trim() === ""
          if (empty && Either.isRight(planOf(state.operation).decode(null))) return null
          return yield* new InvalidResponse({
            operation: state.operation.id,
            status,
            issues: [{ path: "", message: empty ? "empty body" : "body is not JSON" }]
          })
        }
        return yield* decodeSuccess(state, status, body)
      }
      const now = yield* Clock.currentTimeMillis
      return yield* Effect.fail(
        ErrorMapping.classify(
          { _tag: "Response", status, body, retryAfter: response.headers["retry-after"] },
          context(now)
        )
      )
    })
}

/** The error for a call whose deadline passed: `OutcomeUnknown` if an unsafe request may have left. */
export const timeoutError = (state: CallState, timeoutMillis: number): BootpayError.BootpayError =>
  ErrorMapping.classify(
    { _tag: "Timeout", maybeSent: state.sent, timeoutMillis },
    {
      operation: state.operation.id,
      safety: state.safety,
      nowMillis: 0,
      resource: state.resource,
      ids: state.ids
    }
  )
