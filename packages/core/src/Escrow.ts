/**
 * Escrow (에스크로): for a payment held by the PG until the buyer confirms receipt, the merchant
 * reports that the goods were shipped. Only Inicis and KCP support it.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { NotFound, OutcomeUnknown, PgRefused } from "./BootpayError.js"
import { Id, NonEmptyString, Text } from "./internal/schemas.js"
import * as Operation from "./Operation.js"
import { Receipt } from "./Receipt.js"

/**
 * Who receives the goods (`user`).
 *
 * @since 0.1.0
 * @category models
 */
export const Recipient = Schema.Struct({
  username: Schema.optional(Text),
  phone: Schema.optional(Text),
  zipcode: Schema.optional(Text),
  address: Schema.optional(Text)
})

/**
 * Who sends the goods (`company`).
 *
 * @since 0.1.0
 * @category models
 */
export const Sender = Schema.Struct({
  name: Schema.optional(Text),
  phone: Schema.optional(Text),
  zipcode: Schema.optional(Text),
  addr1: Schema.optional(Text),
  addr2: Schema.optional(Text)
})

/**
 * The input of `Escrow.startShipping`.
 *
 * @since 0.1.0
 * @category models
 */
export const StartShippingRequest = Schema.Struct({
  receipt_id: Id,
  /** The waybill number. */
  tracking_number: NonEmptyString,
  /** The courier's name as Bootpay knows it: `CJ대한통운`, `한진`, `롯데`, `우체국`, `로젠`, `경동`, ... */
  delivery_corp: NonEmptyString,
  receipt_url: Schema.optional(NonEmptyString),
  /** Whether the shipping fee was paid in advance. */
  shipping_prepayment: Schema.optional(Schema.Boolean),
  /** Expected delivery time in days. */
  shipping_day: Schema.optional(
    Schema.Number.pipe(
      Schema.filter((n) => Number.isSafeInteger(n) && n > 0, {
        message: () => "must be a positive whole number of days"
      })
    )
  ),
  user: Schema.optional(Recipient),
  company: Schema.optional(Sender),
  /** Inicis only: where the buyer's purchase confirmation or refusal is posted (`{ receipt_id }`). */
  redirect_url: Schema.optional(NonEmptyString)
})

/**
 * The input of `Escrow.startShipping`.
 *
 * @since 0.1.0
 * @category models
 */
export type StartShippingRequest = typeof StartShippingRequest.Encoded

/**
 * Reports the shipment of an escrow payment; the answer's `escrow_data` shows the new state.
 *
 *
 * `PUT /escrow/shipping/start/{receipt_id}`: Bootpay's SDKs send the receipt id in the body as well,
 * so it goes in both. Reporting the same shipment again changes nothing, so the call is retried.
 *
 * @since 0.1.0
 * @category operations
 */
export const startShipping = Operation.make({
  module: "Escrow",
  name: "startShipping",
  method: "PUT",
  path: "/escrow/shipping/start/{receipt_id}",
  request: StartShippingRequest,
  response: Receipt,
  safety: "idempotent",
  errors: [NotFound, PgRefused, OutcomeUnknown],
  resource: { name: "receipt", idField: "receipt_id" },
  pathFieldsInBody: true
})
