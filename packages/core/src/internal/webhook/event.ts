/**
 * The webhook event as a schema: the receipt Bootpay posts plus its `webhook_type`, as it arrived
 * (`Event`) and as verification rebuilds it from Bootpay's answer (`VerifiedEvent`). Everything
 * exported here is public: `Webhook` re-exports it.
 */
import * as Schema from "effect/Schema"
import * as Receipt from "../../Receipt.js"

/**
 * The event types Bootpay documents.
 *
 * @since 0.1.0
 * @category models
 */
export const KnownWebhookType = Schema.Literal(
  "PAYMENT_COMPLETED",
  "PAYMENT_CANCELLED",
  "PAYMENT_PARTIAL_CANCELLED",
  "PAYMENT_VIRTUAL_ACCOUNT_ISSUED"
)

/**
 * The event types Bootpay documents.
 *
 * @since 0.1.0
 * @category models
 */
export type KnownWebhookType = typeof KnownWebhookType.Type

/**
 * An event type: a documented one, or any other string Bootpay sends (`PAYMENT_CONFIRM_FAILED`, ...).
 *
 * @since 0.1.0
 * @category models
 */
export const WebhookType = Schema.Union(KnownWebhookType, Schema.String)

/**
 * An event type: a documented one, or any other string Bootpay sends.
 *
 * @since 0.1.0
 * @category models
 */
export type WebhookType = KnownWebhookType | (string & {})

/**
 * A webhook event as it arrived, unverified: the receipt as the body claims it, plus `webhook_type`;
 * unknown fields are kept. Anyone can post one; `verify` turns it into a `VerifiedEvent`.
 *
 * @since 0.1.0
 * @category models
 */
export const Event = Schema.Struct({ ...Receipt.Receipt.fields, webhook_type: WebhookType })

/**
 * A webhook event as it arrived, unverified.
 *
 * @since 0.1.0
 * @category models
 */
export type Event = typeof Event.Type

/**
 * An event built from Bootpay's answer only: every field is the receipt's as the lookup returned it
 * (`receipt_id`, `order_id`, `price`, `status`, `cancelled_price`, `metadata`, ...), and `webhook_type`
 * is a documented type the receipt bears out. The type names the change Bootpay announced; the fields
 * say where the payment is now, so a `PAYMENT_COMPLETED` that arrives after a cancel has `status` 20.
 * Cancel events are typed by the receipt's cancelled amount: `PAYMENT_CANCELLED` once it is whole.
 *
 * @since 0.1.0
 * @category models
 */
export const VerifiedEvent = Schema.Struct({ ...Receipt.Receipt.fields, webhook_type: KnownWebhookType })

/**
 * An event built from Bootpay's answer only.
 *
 * @since 0.1.0
 * @category models
 */
export type VerifiedEvent = typeof VerifiedEvent.Type
