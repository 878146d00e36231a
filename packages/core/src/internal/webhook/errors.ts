/**
 * The errors of a webhook delivery. Everything exported here is public: `Webhook` re-exports it.
 */
import * as Schema from "effect/Schema"
import { Issue } from "../../BootpayError.js"
import { formatIssues } from "../schemas.js"
import { escapeControls, quote } from "./quote.js"

const quoteValue = (value: number | string | null): string =>
  typeof value === "string" ? quote(value) : String(value)

/**
 * The body is not a Bootpay webhook (not JSON or form data, not a receipt, no event type, nested too deep).
 *
 * @since 0.1.0
 * @category errors
 */
export class WebhookInvalidBody extends Schema.TaggedError<WebhookInvalidBody>()("WebhookInvalidBody", {
  reason: Schema.String,
  issues: Schema.Array(Issue)
}) {
  /** The same body stays undecodable. */
  get isRetryable(): boolean {
    return false
  }
  override get message(): string {
    const details = formatIssues(this.issues)
    return escapeControls(
      `invalid Bootpay webhook body: ${this.reason}${details === "" ? "" : `: ${details}`}`
    )
  }
}

/**
 * The body is larger than the endpoint reads (`maxBodyBytes`); answered 413.
 *
 * @since 0.1.0
 * @category errors
 */
export class WebhookBodyTooLarge extends Schema.TaggedError<WebhookBodyTooLarge>()("WebhookBodyTooLarge", {
  maxBodyBytes: Schema.Number
}) {
  /** The same body stays too large. */
  get isRetryable(): boolean {
    return false
  }
  override get message(): string {
    return `webhook body larger than ${this.maxBodyBytes} bytes`
  }
}

/**
 * The body did not arrive whole within `readTimeout`; answered 408.
 *
 * @since 0.1.0
 * @category errors
 */
export class WebhookBodyTimeout extends Schema.TaggedError<WebhookBodyTimeout>()("WebhookBodyTimeout", {
  timeoutMillis: Schema.Number
}) {
  /** A slow network may do better on Bootpay's next attempt. */
  get isRetryable(): boolean {
    return true
  }
  override get message(): string {
    return `webhook body not received within ${this.timeoutMillis} ms`
  }
}

/**
 * The sender's address is not in the allowed ranges (Bootpay's published range by default).
 *
 * @since 0.1.0
 * @category errors
 */
export class WebhookForbiddenSender extends Schema.TaggedError<WebhookForbiddenSender>()(
  "WebhookForbiddenSender",
  { address: Schema.String }
) {
  /** The sender will not move into the range. */
  get isRetryable(): boolean {
    return false
  }
  override get message(): string {
    return `webhook sender ${quote(this.address)} is not in the allowed address ranges`
  }
}

/**
 * A fact the verification compares.
 *
 * @since 0.1.0
 * @category models
 */
export const MismatchField = Schema.Literal(
  "receipt_id",
  "price",
  "status",
  "cancelled_price",
  "webhook_type"
)

/**
 * The receipt Bootpay holds contradicts the event: a forged or corrupted webhook.
 *
 * @since 0.1.0
 * @category errors
 */
export class WebhookMismatch extends Schema.TaggedError<WebhookMismatch>()("WebhookMismatch", {
  receiptId: Schema.String,
  webhookType: Schema.String,
  field: MismatchField,
  /** What the event claims (for `status` of a typed event: the status its type implies). */
  eventValue: Schema.NullOr(Schema.Union(Schema.Number, Schema.String)),
  /** What Bootpay's receipt shows. */
  bootpayValue: Schema.NullOr(Schema.Union(Schema.Number, Schema.String))
}) {
  /** Bootpay's receipt is the truth; asking again gives the same answer. */
  get isRetryable(): boolean {
    return false
  }
  override get message(): string {
    return `webhook ${quote(this.webhookType)} for receipt ${quote(this.receiptId)} disagrees with Bootpay on ${this.field}: event ${quoteValue(this.eventValue)}, Bootpay ${quoteValue(this.bootpayValue)}`
  }
}

/**
 * The event names no change the receipt shows: an undocumented type (`PAYMENT_CONFIRM_FAILED`, ...)
 * for a receipt that is not paid, issued or cancelled. Nothing verified is left to process; a delivery
 * is acknowledged (200) without running `onEvent`.
 *
 * @since 0.1.0
 * @category errors
 */
export class WebhookUnverifiable extends Schema.TaggedError<WebhookUnverifiable>()("WebhookUnverifiable", {
  receiptId: Schema.String,
  webhookType: Schema.String,
  /** The receipt's status, which names no documented event. */
  status: Schema.Number
}) {
  /** The receipt's status decides, and asking again gives the same answer. */
  get isRetryable(): boolean {
    return false
  }
  override get message(): string {
    return `webhook ${quote(this.webhookType)} for receipt ${quote(this.receiptId)} names no change Bootpay's receipt shows (status ${this.status})`
  }
}

/**
 * Another delivery of the same event is being processed right now.
 *
 * @since 0.1.0
 * @category errors
 */
export class WebhookInProgress extends Schema.TaggedError<WebhookInProgress>()("WebhookInProgress", {
  key: Schema.String
}) {
  /** The other delivery finishes (or gives the event back) soon. */
  get isRetryable(): boolean {
    return true
  }
  override get message(): string {
    return `webhook ${quote(this.key)} is being processed by another delivery`
  }
}

/**
 * Unusable webhook options (a malformed address range, a bad proxy hop count, a zero body limit).
 *
 * @since 0.1.0
 * @category errors
 */
export class WebhookInvalidOptions extends Schema.TaggedError<WebhookInvalidOptions>()(
  "WebhookInvalidOptions",
  { issues: Schema.Array(Issue) }
) {
  /** Options never fix themselves. */
  get isRetryable(): boolean {
    return false
  }
  override get message(): string {
    return escapeControls(`invalid Bootpay webhook options: ${formatIssues(this.issues)}`)
  }
}

/**
 * Every error of the `Webhook` module.
 *
 * @since 0.1.0
 * @category errors
 */
export type WebhookError =
  | WebhookInvalidBody
  | WebhookBodyTooLarge
  | WebhookBodyTimeout
  | WebhookForbiddenSender
  | WebhookMismatch
  | WebhookUnverifiable
  | WebhookInProgress
  | WebhookInvalidOptions
