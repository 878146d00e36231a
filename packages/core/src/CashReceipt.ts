/**
 * Cash receipts (현금영수증): the tax receipt for a payment in cash. Publish one on an existing bank
 * transfer or virtual-account payment and cancel it, or publish one for a cash sale Bootpay did not
 * process (a standalone cash receipt, itself a receipt) and cancel that.
 *
 * Identity numbers are only ever sent to Bootpay: validation messages never quote them.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { NotFound, OutcomeUnknown, PgRefused } from "./BootpayError.js"
import { byOrderId } from "./internal/proofs.js"
import {
  Digits,
  Id,
  JsonObject,
  Krw,
  KrwOrZero,
  NonEmptyString,
  Text,
  taxFreeWithinPrice,
  User
} from "./internal/schemas.js"
import * as Operation from "./Operation.js"
import { Receipt } from "./Receipt.js"
import { ExecuteAt } from "./Subscription.js"

/**
 * What the receipt is for: `소득공제` (income deduction, a person) or `지출증빙` (expense proof, a business).
 *
 * @since 0.1.0
 * @category models
 */
export const CashReceiptType = Schema.Literal("소득공제", "지출증빙")

/**
 * What the receipt is for.
 *
 * @since 0.1.0
 * @category models
 */
export type CashReceiptType = typeof CashReceiptType.Type

/**
 * Whom the receipt is issued to, digits only: a phone number (10 or 11), a business number (10) or a
 * resident registration number (13).
 *
 * @since 0.1.0
 * @category models
 */
export const IdentityNo = Digits(
  [10, 11, 12, 13],
  "a phone, business or resident registration number, digits only"
)

/**
 * The input of `CashReceipt.publishOnReceipt`: a receipt for a bank or virtual-account payment.
 *
 * @since 0.1.0
 * @category models
 */
export const PublishOnReceiptRequest = Schema.Struct({
  receipt_id: Id,
  identity_no: IdentityNo,
  cash_receipt_type: CashReceiptType,
  username: Schema.optional(Text),
  email: Schema.optional(Text),
  phone: Schema.optional(Text),
  /** Receipts report `KRW`. */
  currency: Schema.optional(NonEmptyString)
})

/**
 * The input of `CashReceipt.publishOnReceipt`.
 *
 * @since 0.1.0
 * @category models
 */
export type PublishOnReceiptRequest = typeof PublishOnReceiptRequest.Encoded

/**
 * The input of `CashReceipt.cancelOnReceipt` and `CashReceipt.cancel`.
 *
 * @since 0.1.0
 * @category models
 */
export const CancelRequest = Schema.Struct({
  receipt_id: Id,
  cancel_username: Schema.optional(Text),
  cancel_message: Schema.optional(Text)
})

/**
 * The input of `CashReceipt.cancelOnReceipt` and `CashReceipt.cancel`.
 *
 * @since 0.1.0
 * @category models
 */
export type CancelRequest = typeof CancelRequest.Encoded

/**
 * The input of `CashReceipt.publish`: a cash sale Bootpay did not process.
 *
 * @since 0.1.0
 * @category models
 */
export const PublishRequest = Schema.Struct({
  /** The project's default PG when left out. */
  pg: Schema.optional(NonEmptyString),
  price: Krw,
  tax_free: Schema.optional(KrwOrZero),
  order_name: NonEmptyString,
  order_id: Id,
  cash_receipt_type: CashReceiptType,
  identity_no: IdentityNo,
  /** When the sale happened: a `Date` or an ISO 8601 string with an offset; sent in Korea time. */
  purchased_at: Schema.optional(ExecuteAt),
  user: Schema.optional(User),
  metadata: Schema.optional(JsonObject),
  extra: Schema.optional(JsonObject)
}).pipe(Schema.filter(taxFreeWithinPrice))

/**
 * The input of `CashReceipt.publish`.
 *
 * @since 0.1.0
 * @category models
 */
export type PublishRequest = typeof PublishRequest.Encoded

/**
 * The answer to `CashReceipt.cancelOnReceipt`: Bootpay's Node SDK types it `null`, so a receipt is
 * read when one comes and anything else decodes to `null` rather than failing a cancel that happened.
 *
 * @since 0.1.0
 * @category models
 */
export const CancelOnReceiptResponse = Schema.Union(
  Receipt,
  Schema.transform(Schema.Unknown, Schema.Null, {
    strict: true,
    decode: () => null,
    encode: (value) => value
  })
)

/**
 * The answer to `CashReceipt.cancelOnReceipt`.
 *
 * @since 0.1.0
 * @category models
 */
export type CancelOnReceiptResponse = typeof CancelOnReceiptResponse.Type

const receiptResource = { name: "receipt", idField: "receipt_id" } as const

/** The cancel fields travel as a query string: Bootpay's Node SDK sends them so on DELETE. */
const cancelQuery = ["cancel_username", "cancel_message"] as const

/**
 * Publishes a cash receipt on a bank-transfer or virtual-account payment. Never retried once sent.
 *
 * `POST /request/receipt/cash/publish`: publishes on a payment; the receipt's `cash_receipt_data` shows it.
 *
 * @since 0.1.0
 * @category operations
 */
export const publishOnReceipt = Operation.make({
  module: "CashReceipt",
  name: "publishOnReceipt",
  method: "POST",
  path: "/request/receipt/cash/publish",
  request: PublishOnReceiptRequest,
  response: Receipt,
  safety: "unsafe",
  errors: [NotFound, PgRefused, OutcomeUnknown],
  resource: receiptResource
})

/**
 * Cancels the cash receipt published on a payment; the payment itself stays.
 *
 * `DELETE /request/receipt/cash/cancel/{receipt_id}`: cancels the cash receipt of a payment.
 *
 * @since 0.1.0
 * @category operations
 */
export const cancelOnReceipt = Operation.make({
  module: "CashReceipt",
  name: "cancelOnReceipt",
  method: "DELETE",
  path: "/request/receipt/cash/cancel/{receipt_id}",
  request: CancelRequest,
  response: CancelOnReceiptResponse,
  safety: "idempotent",
  errors: [NotFound, PgRefused, OutcomeUnknown],
  resource: receiptResource,
  queryFields: cancelQuery
})

/**
 * Publishes a standalone cash receipt for a sale Bootpay did not process. Never retried once sent.
 *
 * `POST /request/cash/receipt`: publishes a standalone cash receipt.
 *
 * @since 0.1.0
 * @category operations
 */
export const publish = Operation.make({
  module: "CashReceipt",
  name: "publish",
  method: "POST",
  path: "/request/cash/receipt",
  request: PublishRequest,
  response: Receipt,
  safety: "unsafe",
  errors: [PgRefused, OutcomeUnknown],
  proof: byOrderId
})

/**
 * Cancels a standalone cash receipt.
 *
 * `DELETE /request/cash/receipt/{receipt_id}`: cancels a standalone cash receipt (status 20).
 *
 * @since 0.1.0
 * @category operations
 */
export const cancel = Operation.make({
  module: "CashReceipt",
  name: "cancel",
  method: "DELETE",
  path: "/request/cash/receipt/{receipt_id}",
  request: CancelRequest,
  response: Receipt,
  safety: "idempotent",
  errors: [NotFound, PgRefused, OutcomeUnknown],
  resource: receiptResource,
  queryFields: cancelQuery
})
