/**
 * Every way a Bootpay call can fail, as tagged errors (`Effect.catchTag` works on each `_tag`).
 *
 * None of these carries a key, a token, a card number or an identity number: they hold only ids,
 * codes and Bootpay's own messages. `isRetryable` says whether the same call may succeed later.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { formatIssues } from "./internal/schemas.js"

/**
 * One problem found in a caller's input or configuration: where it is and what is wrong.
 *
 * @since 0.1.0
 * @category models
 */
export const Issue = Schema.Struct({
  path: Schema.String,
  message: Schema.String
})

/**
 * One problem found in a caller's input or configuration.
 *
 * @since 0.1.0
 * @category models
 */
export type Issue = typeof Issue.Type

const ErrorCode = Schema.Union(Schema.String, Schema.Number)

/**
 * The input failed validation; nothing was sent to Bootpay.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidRequest extends Schema.TaggedError<InvalidRequest>()("InvalidRequest", {
  operation: Schema.String,
  issues: Schema.Array(Issue)
}) {
  /** Input errors never fix themselves. */
  get isRetryable(): boolean {
    return false
  }
  override get message(): string {
    return `${this.operation}: invalid input: ${formatIssues(this.issues)}`
  }
}

/**
 * The client options (keys, mode, base URL, timeout, retry) are unusable; nothing was sent.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidConfig extends Schema.TaggedError<InvalidConfig>()("InvalidConfig", {
  issues: Schema.Array(Issue)
}) {
  /** Configuration errors never fix themselves. */
  get isRetryable(): boolean {
    return false
  }
  override get message(): string {
    return `invalid Bootpay configuration: ${formatIssues(this.issues)}`
  }
}

/**
 * Bootpay rejected the keys (token issuance or Basic authorization).
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidCredentials extends Schema.TaggedError<InvalidCredentials>()("InvalidCredentials", {
  operation: Schema.String,
  status: Schema.Number,
  errorCode: Schema.optional(ErrorCode),
  message: Schema.String
}) {
  /** Wrong keys stay wrong. */
  get isRetryable(): boolean {
    return false
  }
}

/**
 * The access token was still rejected after one refresh and replay.
 *
 * @since 0.1.0
 * @category errors
 */
export class TokenExpired extends Schema.TaggedError<TokenExpired>()("TokenExpired", {
  operation: Schema.String,
  /** HTTP status of Bootpay's answer. */
  status: Schema.Number,
  errorCode: Schema.optional(ErrorCode),
  message: Schema.String
}) {
  /** A fresh token was already tried. */
  get isRetryable(): boolean {
    return false
  }
}

/**
 * The receipt, billing key or reservation does not exist (or belongs to another project).
 *
 * @since 0.1.0
 * @category errors
 */
export class NotFound extends Schema.TaggedError<NotFound>()("NotFound", {
  operation: Schema.String,
  /** HTTP status of Bootpay's answer. */
  status: Schema.Number,
  resource: Schema.String,
  id: Schema.String,
  errorCode: Schema.optional(ErrorCode),
  message: Schema.String
}) {
  /** A missing resource stays missing. */
  get isRetryable(): boolean {
    return false
  }
}

/**
 * The PG (card company, bank, carrier) declined: card declined, balance too low, cancel refused ...
 *
 * @since 0.1.0
 * @category errors
 */
export class PgRefused extends Schema.TaggedError<PgRefused>()("PgRefused", {
  operation: Schema.String,
  /** HTTP status of Bootpay's answer. */
  status: Schema.Number,
  errorCode: ErrorCode,
  pgErrorCode: Schema.optional(ErrorCode),
  pgMessage: Schema.optional(Schema.String),
  message: Schema.String
}) {
  /** A decline is an answer, not a transient failure. */
  get isRetryable(): boolean {
    return false
  }
}

/**
 * A phone (carrier) payment cancel was refused because its purchase month (Korea time) has passed.
 *
 * @since 0.1.0
 * @category errors
 */
export class CarrierCancelWindowClosed extends Schema.TaggedError<CarrierCancelWindowClosed>()(
  "CarrierCancelWindowClosed",
  {
    operation: Schema.String,
    receiptId: Schema.String,
    purchasedAt: Schema.String,
    errorCode: Schema.optional(ErrorCode),
    message: Schema.String
  }
) {
  /** The window only closes further. */
  get isRetryable(): boolean {
    return false
  }
}

/**
 * Why the outcome of a call that is not a read is unknown: no answer in time (`timeout`), the
 * connection lost after sending (`connection`), a gateway error without Bootpay's answer (`server`),
 * Bootpay's own `*_CRITICAL_*` code (`critical`), or a refusal of a repeated `cancel_id` whose receipt
 * could not be read back (`duplicate`).
 *
 * @since 0.1.0
 * @category models
 */
export const OutcomeUnknownReason = Schema.Literal("timeout", "connection", "server", "critical", "duplicate")

/**
 * A money-moving call may or may not have happened (timeout or connection loss after sending, or a
 * Bootpay `*_CRITICAL_*` code). It carries the identifiers needed to look the truth up.
 *
 * @since 0.1.0
 * @category errors
 */
export class OutcomeUnknown extends Schema.TaggedError<OutcomeUnknown>()("OutcomeUnknown", {
  operation: Schema.String,
  reason: OutcomeUnknownReason,
  receiptId: Schema.optional(Schema.String),
  orderId: Schema.optional(Schema.String),
  cancelId: Schema.optional(Schema.String),
  billingKey: Schema.optional(Schema.String),
  /** For a partial cancel: the amount it asked for (absent for a full cancel). */
  cancelPrice: Schema.optional(Schema.Number),
  /** For a Commerce call: the `Idempotency-Key` it was sent with (repeat it under the same key). */
  idempotencyKey: Schema.optional(Schema.String),
  errorCode: Schema.optional(ErrorCode),
  message: Schema.String
}) {
  /** Retrying blindly could charge or cancel twice: reconcile instead. */
  get isRetryable(): boolean {
    return false
  }
}

/**
 * REST identity verification (본인인증) failed: expired, already verified, wrong OTP ...
 *
 * @since 0.1.0
 * @category errors
 */
export class IdentityVerificationFailed extends Schema.TaggedError<IdentityVerificationFailed>()(
  "IdentityVerificationFailed",
  {
    operation: Schema.String,
    /** HTTP status of Bootpay's answer. */
    status: Schema.Number,
    errorCode: ErrorCode,
    message: Schema.String
  }
) {
  /** Each of these codes needs a new verification or a different input. */
  get isRetryable(): boolean {
    return false
  }
}

/**
 * A Commerce call was refused because the role it was sent with (`BOOTPAY-ROLE`) lacks the scope it
 * needs (Bootpay's `scope_invalid`), or the keychain is not allowed that role's scopes.
 *
 * @since 0.1.0
 * @category errors
 */
export class InsufficientRole extends Schema.TaggedError<InsufficientRole>()("InsufficientRole", {
  operation: Schema.String,
  /** HTTP status of Bootpay's answer. */
  status: Schema.Number,
  /** The role the call was sent with. */
  role: Schema.String,
  errorCode: Schema.optional(ErrorCode),
  message: Schema.String
}) {
  /** Another role (or a keychain allowed it) is needed: the same call fails again. */
  get isRetryable(): boolean {
    return false
  }
}

/**
 * Bootpay answered HTTP 429.
 *
 * @since 0.1.0
 * @category errors
 */
export class RateLimited extends Schema.TaggedError<RateLimited>()("RateLimited", {
  operation: Schema.String,
  retryAfterMillis: Schema.optional(Schema.Number),
  message: Schema.String
}) {
  /** Waiting helps. */
  get isRetryable(): boolean {
    return true
  }
}

/**
 * Any other Bootpay error answer.
 *
 * @since 0.1.0
 * @category errors
 */
export class ApiError extends Schema.TaggedError<ApiError>()("ApiError", {
  operation: Schema.String,
  status: Schema.Number,
  errorCode: Schema.optional(ErrorCode),
  message: Schema.String
}) {
  /**
   * Server-side (5xx) failures are transient, and so is a `*_CRITICAL_*` code on a read (Bootpay lost
   * the PG for a moment); client-side (4xx) ones are not.
   */
  get isRetryable(): boolean {
    return this.status >= 500 || String(this.errorCode ?? "").includes("CRITICAL")
  }
}

/**
 * No response at all: DNS failure, connection refused, or a connection lost before an answer.
 *
 * @since 0.1.0
 * @category errors
 */
export class TransportError extends Schema.TaggedError<TransportError>()("TransportError", {
  operation: Schema.String,
  /** `false` only when the request provably never left this process (refused, DNS). */
  maybeSent: Schema.Boolean,
  message: Schema.String
}) {
  /** The network may recover. */
  get isRetryable(): boolean {
    return true
  }
}

/**
 * The per-call timeout elapsed before Bootpay answered.
 *
 * @since 0.1.0
 * @category errors
 */
export class RequestTimeout extends Schema.TaggedError<RequestTimeout>()("RequestTimeout", {
  operation: Schema.String,
  timeoutMillis: Schema.Number,
  message: Schema.String
}) {
  /** A later attempt may be faster. */
  get isRetryable(): boolean {
    return true
  }
}

/**
 * A successful (2xx) answer did not match the expected shape.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidResponse extends Schema.TaggedError<InvalidResponse>()("InvalidResponse", {
  operation: Schema.String,
  status: Schema.Number,
  issues: Schema.Array(Issue)
}) {
  /** The same answer would come back. */
  get isRetryable(): boolean {
    return false
  }
  override get message(): string {
    return `${this.operation}: unexpected response (HTTP ${this.status}): ${formatIssues(this.issues)}`
  }
}

/**
 * The errors any operation can fail with, whatever it does.
 *
 * @since 0.1.0
 * @category errors
 */
export const common = [
  InvalidRequest,
  InvalidCredentials,
  TokenExpired,
  RateLimited,
  ApiError,
  TransportError,
  RequestTimeout,
  InvalidResponse
] as const

/**
 * Every error an operation can fail with: the common ones and those an operation declares.
 *
 * @since 0.1.0
 * @category errors
 */
export const all = [
  ...common,
  NotFound,
  PgRefused,
  CarrierCancelWindowClosed,
  OutcomeUnknown,
  IdentityVerificationFailed,
  InsufficientRole
] as const

/**
 * Every error an operation can fail with.
 *
 * @since 0.1.0
 * @category errors
 */
export type BootpayError = InstanceType<(typeof all)[number]>

/**
 * The errors any operation can fail with, whatever it does.
 *
 * @since 0.1.0
 * @category errors
 */
export type CommonError = InstanceType<(typeof common)[number]>

/**
 * The `_tag` of every error an operation may fail with.
 *
 * @since 0.1.0
 * @category errors
 */
export type Tag = BootpayError["_tag"]

/**
 * The tags of the common errors.
 *
 * @since 0.1.0
 * @category errors
 */
export const commonTags: ReadonlySet<string> = new Set(common.map((error) => error._tag))

const tags: ReadonlySet<string> = new Set(all.map((error) => error._tag))

/**
 * Whether a value is one of this SDK's operation errors.
 *
 * @since 0.1.0
 * @category guards
 */
export const isBootpayError = (u: unknown): u is BootpayError =>
  typeof u === "object" &&
  u !== null &&
  "_tag" in u &&
  tags.has((u as { _tag: string })._tag) &&
  u instanceof Error
