/**
 * The one place where HTTP statuses, Bootpay `error_code`s and transport failures become tagged
 * errors. Everything else in the SDK asks this module; its table test is `test/errorMapping.test.ts`.
 */
import * as BootpayError from "../BootpayError.js"
import type { Safety } from "../Operation.js"
import * as Kst from "./kst.js"
import * as Scrub from "./scrub.js"

/** What went wrong, before classification. */
export type Failure =
  | {
      readonly _tag: "Response"
      readonly status: number
      /** The parsed JSON body, or `undefined` when the body was empty or not JSON. */
      readonly body: unknown
      readonly retryAfter: string | undefined
    }
  | { readonly _tag: "Transport"; readonly maybeSent: boolean; readonly detail: string }
  | { readonly _tag: "Timeout"; readonly maybeSent: boolean; readonly timeoutMillis: number }
  /** A 2xx answer the operation's response schema (or JSON) cannot read. */
  | {
      readonly _tag: "Unreadable"
      readonly status: number
      readonly issues: ReadonlyArray<BootpayError.Issue>
    }

/** What the classification needs to know about the call. */
export interface Context {
  readonly operation: string
  /** The API of the call; Commerce answers are read by their own rules first. */
  readonly api?: "pg" | "commerce" | undefined
  /** A Commerce call's role (`BOOTPAY-ROLE`). */
  readonly role?: string | undefined
  readonly safety: Safety
  readonly nowMillis: number
  readonly resource?: { readonly name: string; readonly id: string } | undefined
  readonly ids: Identifiers
  /** What the call sent that must never come back in an error (see `scrub.ts`). */
  readonly secrets: ReadonlyArray<string>
}

/** Identifiers of the call, carried into `OutcomeUnknown` so it can be reconciled. */
export interface Identifiers {
  readonly receipt_id?: string | undefined
  readonly order_id?: string | undefined
  readonly cancel_id?: string | undefined
  readonly billing_key?: string | undefined
  /** A partial cancel's amount. */
  readonly cancel_price?: number | undefined
  /** A Commerce call's `Idempotency-Key`: the key to repeat it under. */
  readonly idempotency_key?: string | undefined
}

const invalidCredentialCodes = new Set(["APP_KEY_NOT_FOUND", "APP_SK_NOT_MATCHED", "APP_KEY_NOT_REST"])
const pgRefusalCodes = new Set(["RC_CONFIRM_FAILED", "RC_CANCEL_SERVER_ERROR"])
const notFoundCodes = new Set(["RC_NOT_FOUND"])

/** The fields of a Bootpay error body, when the body is one. */
export interface ErrorBody {
  readonly error_code?: string | number | undefined
  readonly message?: string | undefined
  readonly pg_error_code?: string | number | undefined
  readonly pg_message?: string | undefined
}

const asErrorBody = (body: unknown): ErrorBody => {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return {}
  const record = body as Record<string, unknown>
  const code = (value: unknown) =>
    typeof value === "string" || typeof value === "number" ? value : undefined
  const text = (value: unknown) => (typeof value === "string" ? value : undefined)
  return {
    error_code: code(record.error_code),
    message: text(record.message) ?? text(record.error),
    pg_error_code: code(record.pg_error_code),
    pg_message: text(record.pg_message)
  }
}

/**
 * A Commerce answer without its `{ success, data }` envelope: `data` when `success` is true; the
 * body itself otherwise (an error body, or an answer sent bare, such as a list as an array). A
 * `success: false` without an `error_code` keeps the envelope and is marked with one, so it is read
 * as the refusal it is.
 */
export const unwrapCommerce = (body: unknown): unknown => {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return body
  const record = body as Record<string, unknown>
  if (record.success === true && "data" in record && record.error_code === undefined) return record.data
  if (record.success === false && record.error_code === undefined) return { ...record, error_code: "FAILED" }
  return body
}

/** Whether a successful-status body is really an error (Bootpay signals errors with `error_code`). */
export const isErrorBody = (body: unknown): boolean => asErrorBody(body).error_code !== undefined

/** Milliseconds to wait from a `Retry-After` header (seconds or an HTTP date). */
export const parseRetryAfter = (value: string | undefined, nowMillis: number): number | undefined => {
  if (value === undefined || value.trim() === "") return undefined
  const trimmed = value.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000)
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMillis)
}

/** The `OutcomeUnknown` of a call with these ids: what is needed to reconcile it, and where to look. */
export const outcomeUnknown = (
  operation: string,
  ids: Identifiers,
  reason: typeof BootpayError.OutcomeUnknownReason.Type,
  message: string,
  errorCode?: string | number
) =>
  new BootpayError.OutcomeUnknown({
    operation,
    reason,
    receiptId: ids.receipt_id,
    orderId: ids.order_id,
    cancelId: ids.cancel_id,
    billingKey: ids.billing_key,
    cancelPrice: ids.cancel_price,
    idempotencyKey: ids.idempotency_key,
    errorCode,
    message: `${message}; ${
      ids.receipt_id !== undefined
        ? "look the receipt up before trying again (Reconcile.outcome)"
        : ids.order_id !== undefined
          ? "look the order up before trying again (Reconcile.outcome)"
          : ids.idempotency_key !== undefined
            ? "check the Bootpay dashboard, or repeat it with the same idempotency_key"
            : "check the Bootpay dashboard before trying again"
    }`
  })

/**
 * A lost answer's `OutcomeUnknown` after a later attempt of the same call was refused: the refusal
 * may be Bootpay refusing to repeat what the lost attempt already did, so it proves nothing.
 */
export const refusedAfter = (
  unknown: BootpayError.OutcomeUnknown,
  refusal: BootpayError.BootpayError
): BootpayError.OutcomeUnknown =>
  new BootpayError.OutcomeUnknown({
    ...unknown,
    message: `${unknown.message}; a repeat was then refused, which may be Bootpay refusing a change it already made (${refusal.message})`
  })

const unknownIn = (
  context: Context,
  reason: typeof BootpayError.OutcomeUnknownReason.Type,
  message: string,
  errorCode?: string | number
) => outcomeUnknown(context.operation, context.ids, reason, message, errorCode)

const fromResponse = (
  failure: Extract<Failure, { _tag: "Response" }>,
  context: Context
): BootpayError.BootpayError => {
  const { status } = failure
  const body = asErrorBody(failure.body)
  const code = body.error_code
  const codeText = code === undefined ? undefined : String(code)
  // Bootpay's (or a proxy's) words, never what the call sent: see `scrub.ts`.
  const message = Scrub.scrub(
    body.message ?? (failure.body === undefined ? `HTTP ${status} without a JSON body` : `HTTP ${status}`),
    context.secrets
  )
  const pgMessage = body.pg_message === undefined ? undefined : Scrub.scrub(body.pg_message, context.secrets)
  const operation = context.operation

  if (codeText?.includes("CRITICAL")) {
    // A read changes nothing: Bootpay lost the PG for a moment, and asking again is safe.
    return context.safety === "read"
      ? new BootpayError.ApiError({
          operation,
          status,
          errorCode: code,
          message: `Bootpay could not reach the PG (${codeText}), a transient failure: ${message}`
        })
      : unknownIn(context, "critical", `Bootpay lost track of the PG: ${message}`, code)
  }
  if (context.api === "commerce") {
    const commerce = fromCommerce(status, code, message, context)
    if (commerce !== undefined) return commerce
  }
  if (status === 429) {
    return new BootpayError.RateLimited({
      operation,
      retryAfterMillis: parseRetryAfter(failure.retryAfter, context.nowMillis),
      message
    })
  }
  if (codeText === "TOKEN_KEY_INVALID") {
    return new BootpayError.TokenExpired({ operation, status, errorCode: code, message })
  }
  if (codeText !== undefined && invalidCredentialCodes.has(codeText)) {
    return new BootpayError.InvalidCredentials({ operation, status, errorCode: code, message })
  }
  if (codeText !== undefined && notFoundCodes.has(codeText)) {
    return notFound(context, status, code, message)
  }
  if (codeText?.startsWith("AUTH_")) {
    return new BootpayError.IdentityVerificationFailed({ operation, status, errorCode: code!, message })
  }
  if (code !== undefined && (pgRefusalCodes.has(codeText!) || body.pg_error_code !== undefined)) {
    return new BootpayError.PgRefused({
      operation,
      status,
      errorCode: code,
      pgErrorCode: body.pg_error_code,
      pgMessage,
      message
    })
  }
  if (status === 401 || status === 403) {
    return new BootpayError.InvalidCredentials({ operation, status, errorCode: code, message })
  }
  if (status >= 500 && code === undefined && context.safety !== "read") {
    // A gateway error page says nothing about whether Bootpay processed the call.
    return unknownIn(context, "server", `HTTP ${status} without a Bootpay answer`)
  }
  return new BootpayError.ApiError({ operation, status, errorCode: code, message })
}

/** `NotFound` for the resource the call addressed. */
const notFound = (context: Context, status: number, code: string | number | undefined, message: string) =>
  new BootpayError.NotFound({
    operation: context.operation,
    status,
    resource: context.resource?.name ?? "resource",
    id: context.resource?.id ?? "",
    errorCode: code,
    message
  })

/**
 * Commerce's own refusals: a role without the scope (`scope_invalid`, or 403) and a missing
 * object (HTTP 404, `error_code` 404 or a `*_NOT_FOUND` code). `undefined` leaves the rest to the
 * shared rules.
 */
const fromCommerce = (
  status: number,
  code: string | number | undefined,
  message: string,
  context: Context
): BootpayError.BootpayError | undefined => {
  const codeText = code === undefined ? "" : String(code)
  const operation = context.operation
  if (/scope/i.test(codeText) || /scope_invalid/i.test(message) || (status === 403 && code === undefined)) {
    return new BootpayError.InsufficientRole({
      operation,
      status,
      role: context.role ?? "user",
      errorCode: code,
      message: `the role ${context.role ?? "user"} may not do this (${message})`
    })
  }
  if (status === 404 || codeText === "404" || codeText.endsWith("NOT_FOUND")) {
    return notFound(context, status, code, message)
  }
  return undefined
}

/** Classifies a failure into the tagged error the caller sees. */
export const classify = (failure: Failure, context: Context): BootpayError.BootpayError => {
  switch (failure._tag) {
    case "Response":
      return fromResponse(failure, context)
    case "Transport":
      return failure.maybeSent && context.safety !== "read"
        ? unknownIn(context, "connection", `connection lost after sending (${failure.detail})`)
        : new BootpayError.TransportError({
            operation: context.operation,
            maybeSent: failure.maybeSent,
            message: failure.detail
          })
    case "Timeout":
      return failure.maybeSent && context.safety !== "read"
        ? unknownIn(context, "timeout", `no answer within ${failure.timeoutMillis} ms`)
        : new BootpayError.RequestTimeout({
            operation: context.operation,
            timeoutMillis: failure.timeoutMillis,
            message: `no answer within ${failure.timeoutMillis} ms`
          })
    case "Unreadable": {
      const error = new BootpayError.InvalidResponse({
        operation: context.operation,
        status: failure.status,
        issues: failure.issues
      })
      // Bootpay (or something before it) said yes in a shape we cannot read: a change may have happened.
      return context.safety === "read"
        ? error
        : unknownIn(context, "server", `${error.message}; it may have taken effect`)
    }
  }
}

/**
 * ASSUMPTION (CONTRACT.md 4.2, inferred): Bootpay refuses a `cancel_id` it has already processed on
 * the receipt, but no source names the code. We take a refusal to be that one when its code names a
 * duplicate or its message names `cancel_id`. This is the only place that guess lives; the engine
 * never relies on it for safety (a refusal after an attempt that may have gone through is never taken
 * as a plain refusal, recognised or not). Correct it here when Bootpay's real answer is known.
 */
export const isDuplicateCancelRefusal = (error: BootpayError.BootpayError): boolean => {
  if (error._tag !== "PgRefused" && error._tag !== "ApiError") return false
  if (error.status >= 500) return false
  return /DUPLICATE/i.test(String(error.errorCode ?? "")) || /cancel_id/i.test(error.message)
}

/**
 * A cancel refusal explained by the receipt: a phone (carrier) payment whose purchase month (Korea
 * time) is over at `nowMillis` is `CarrierCancelWindowClosed`; anything else stays the refusal.
 */
export const explainCancelRefusal = (
  refusal: BootpayError.BootpayError,
  receipt: {
    readonly receipt_id: string
    readonly purchased_at?: string | null | undefined
    readonly method_symbol?: string | null | undefined
    readonly method_origin_symbol?: string | null | undefined
  },
  nowMillis: number
): BootpayError.BootpayError =>
  (receipt.method_symbol === "phone" || receipt.method_origin_symbol === "phone") &&
  typeof receipt.purchased_at === "string" &&
  Kst.monthPassed(receipt.purchased_at, nowMillis)
    ? new BootpayError.CarrierCancelWindowClosed({
        operation: refusal.operation,
        receiptId: receipt.receipt_id,
        purchasedAt: receipt.purchased_at,
        errorCode: "errorCode" in refusal ? refusal.errorCode : undefined,
        message: `phone payments can only be cancelled in the month they were made (Korea time): ${refusal.message}`
      })
    : refusal

/**
 * Keeps an operation's error channel honest: an error it does not declare (say `NotFound` from a
 * call that cannot miss) reaches the caller as `ApiError`, so each operation's type lists what can
 * happen.
 */
export const narrow = (
  operation: string,
  declared: ReadonlySet<string>,
  error: BootpayError.BootpayError
): BootpayError.BootpayError =>
  BootpayError.commonTags.has(error._tag) || declared.has(error._tag)
    ? error
    : new BootpayError.ApiError({
        operation,
        status: "status" in error ? error.status : 0,
        errorCode: "errorCode" in error ? error.errorCode : undefined,
        message: error.message
      })

const neverSentCodes = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EADDRNOTAVAIL", "ENETUNREACH"])

/** Whether a transport error may have happened after the request left (anything but a refused connect). */
export const transportMaybeSent = (cause: unknown): boolean => {
  let current: unknown = cause
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === "string" && neverSentCodes.has(code)) return false
    current = (current as { cause?: unknown }).cause
  }
  return true
}

/** A short description of a transport error without request contents. */
export const transportDetail = (cause: unknown): string => {
  let current: unknown = cause
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === "string") return code
    current = (current as { cause?: unknown }).cause
  }
  return "transport failure"
}
