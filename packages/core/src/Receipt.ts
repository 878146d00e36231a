/**
 * Receipts (영수증): one payment as Bootpay records it. Look one up by receipt id or every receipt of
 * an order, confirm a payment that waits for the server (`separately_confirmed`), and cancel fully or
 * partially.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type * as BootpayError from "./BootpayError.js"
import { CarrierCancelWindowClosed, NotFound, OutcomeUnknown, PgRefused } from "./BootpayError.js"
import * as ErrorMapping from "./internal/errorMapping.js"
import * as Kst from "./internal/kst.js"
import { didNotHappen, happened, undetermined } from "./internal/resolution.js"
import {
  BankCode,
  Id,
  idOnly,
  idOr,
  JsonObject,
  Krw,
  KrwOrZero,
  NonEmptyString,
  opt,
  Text
} from "./internal/schemas.js"
import * as Operation from "./Operation.js"

/**
 * Named receipt status codes; any other number still decodes.
 *
 * @since 0.1.0
 * @category models
 */
export const Status = {
  PENDING: 0,
  PAID: 1,
  AWAITING_CONFIRM: 2,
  VIRTUAL_ACCOUNT_ISSUED: 5,
  BILLING_KEY_ISSUED: 11,
  VERIFIED: 12,
  CANCELLED: 20,
  TRANSFER_KEY_PENDING: 41
} as const

/**
 * Card payment details (`card_data`); the card number is masked by Bootpay.
 *
 * @since 0.1.0
 * @category models
 */
export const CardData = Schema.Struct({
  tid: opt(Schema.String),
  card_approve_no: opt(Schema.String),
  card_no: opt(Schema.String),
  card_quota: opt(Schema.String),
  card_company_code: opt(Schema.String),
  card_company: opt(Schema.String),
  card_interest: opt(Schema.Union(Schema.String, Schema.Number)),
  card_type: opt(Schema.String),
  card_owner_type: opt(Schema.String),
  point: opt(Schema.Number),
  coupon: opt(Schema.Number),
  receipt_url: opt(Schema.String)
})

/**
 * Phone (carrier) payment details (`phone_data`).
 *
 * @since 0.1.0
 * @category models
 */
export const PhoneData = Schema.Struct({
  tid: opt(Schema.String),
  auth_no: opt(Schema.String),
  phone: opt(Schema.String),
  receipt_url: opt(Schema.String)
})

/**
 * Real-time bank transfer details (`bank_data`).
 *
 * @since 0.1.0
 * @category models
 */
export const BankData = Schema.Struct({
  tid: opt(Schema.String),
  bank_code: opt(Schema.String),
  bank_name: opt(Schema.String),
  bank_username: opt(Schema.String),
  bank_account: opt(Schema.String),
  cash_receipt_tid: opt(Schema.String),
  cash_receipt_type: opt(Schema.Union(Schema.String, Schema.Number)),
  cash_receipt_no: opt(Schema.String),
  receipt_url: opt(Schema.String)
})

/**
 * Virtual account details (`vbank_data`): where and until when the buyer must deposit.
 *
 * @since 0.1.0
 * @category models
 */
export const VbankData = Schema.Struct({
  tid: opt(Schema.String),
  bank_code: opt(Schema.String),
  bank_name: opt(Schema.String),
  bank_account: opt(Schema.String),
  bank_username: opt(Schema.String),
  sender_name: opt(Schema.String),
  expired_at: opt(Schema.String),
  cash_receipt_tid: opt(Schema.String),
  cash_receipt_type: opt(Schema.Union(Schema.String, Schema.Number)),
  cash_receipt_no: opt(Schema.String),
  receipt_url: opt(Schema.String)
})

/**
 * Escrow details (`escrow_data`).
 *
 * @since 0.1.0
 * @category models
 */
export const EscrowData = Schema.Struct({
  status: opt(Schema.Union(Schema.Number, Schema.String)),
  status_locale: opt(Schema.String),
  shipping_started_at: opt(Schema.String),
  receipt_confirmed_at: opt(Schema.String)
})

/**
 * Cash receipt details (`cash_receipt_data`).
 *
 * @since 0.1.0
 * @category models
 */
export const CashReceiptData = Schema.Struct({
  tid: opt(Schema.String),
  cash_receipt_type: opt(Schema.Union(Schema.Number, Schema.String)),
  cash_receipt_no: opt(Schema.String),
  receipt_url: opt(Schema.String)
})

/**
 * An easy-pay sub-result (`naver_point_data`, `kakao_money_data`, ...).
 *
 * @since 0.1.0
 * @category models
 */
export const EasyPayData = Schema.Struct({ tid: opt(Schema.String) })

/**
 * A receipt as Bootpay returns it; fields Bootpay adds later are kept as they come.
 *
 * @since 0.1.0
 * @category models
 */
export const Receipt = Schema.Struct({
  receipt_id: Schema.String,
  order_id: opt(Schema.String),
  price: opt(Schema.Number),
  tax_free: opt(Schema.Number),
  cancelled_price: opt(Schema.Number),
  cancelled_tax_free: opt(Schema.Number),
  order_name: opt(Schema.String),
  company_name: opt(Schema.String),
  gateway_url: opt(Schema.String),
  metadata: opt(Schema.Unknown),
  sandbox: opt(Schema.Boolean),
  pg: opt(Schema.String),
  method: opt(Schema.String),
  method_symbol: opt(Schema.String),
  method_origin: opt(Schema.String),
  method_origin_symbol: opt(Schema.String),
  purchased_at: opt(Schema.String),
  requested_at: opt(Schema.String),
  cancelled_at: opt(Schema.String),
  status: Schema.Number,
  status_locale: opt(Schema.String),
  currency: opt(Schema.String),
  receipt_url: opt(Schema.String),
  card_data: opt(CardData),
  phone_data: opt(PhoneData),
  bank_data: opt(BankData),
  vbank_data: opt(VbankData),
  escrow_data: opt(EscrowData),
  cash_receipt_data: opt(CashReceiptData),
  naver_point_data: opt(EasyPayData),
  kakao_money_data: opt(EasyPayData),
  payco_point_data: opt(EasyPayData),
  toss_point_data: opt(EasyPayData),
  escrow_status: opt(Schema.Union(Schema.Number, Schema.String)),
  escrow_status_locale: opt(Schema.String)
})

/**
 * A receipt as Bootpay returns it.
 *
 * @since 0.1.0
 * @category models
 */
export type Receipt = typeof Receipt.Type

/**
 * Where a virtual-account payment is refunded to.
 *
 * @since 0.1.0
 * @category models
 */
export const Refund = Schema.Struct({
  bank_account: NonEmptyString,
  bank_username: NonEmptyString,
  bank_code: BankCode
})

/**
 * The input of `Receipt.cancel`: omit `cancel_price` for a full cancel.
 *
 * @since 0.1.0
 * @category models
 */
export const CancelRequest = Schema.Struct({
  receipt_id: Id,
  cancel_price: Schema.optional(Krw),
  cancel_tax_free: Schema.optional(KrwOrZero),
  cancel_id: Schema.optional(NonEmptyString),
  cancel_username: Schema.optional(Text),
  cancel_message: Schema.optional(Text),
  refund: Schema.optional(Refund),
  metadata: Schema.optional(JsonObject)
}).pipe(
  Schema.filter((input) => {
    if (input.cancel_tax_free === undefined) return true
    if (input.cancel_price === undefined) {
      return {
        path: ["cancel_tax_free"],
        message: "needs cancel_price (a full cancel refunds the tax-free part as paid)"
      }
    }
    return input.cancel_tax_free <= input.cancel_price
      ? true
      : { path: ["cancel_tax_free"], message: "must not exceed cancel_price" }
  })
)

/**
 * The input of `Receipt.cancel`.
 *
 * @since 0.1.0
 * @category models
 */
export type CancelRequest = typeof CancelRequest.Encoded

const receiptResource = { name: "receipt", idField: "receipt_id" } as const

/**
 * Looks a receipt up by id (optionally with buyer data).
 *
 * `GET /receipt/{receipt_id}`: a receipt id, or `{ receipt_id, lookup_user_data }` to include buyer data.
 *
 * @since 0.1.0
 * @category operations
 */
export const lookup = Operation.make({
  module: "Receipt",
  name: "lookup",
  method: "GET",
  path: "/receipt/{receipt_id}",
  request: idOr("receipt_id", { lookup_user_data: Schema.optional(Schema.Boolean) }),
  response: Receipt,
  safety: "read",
  errors: [NotFound],
  resource: receiptResource
})

/**
 * Every receipt of a merchant order id (retries of one order share it).
 *
 * `GET /lookup/order/{order_id}`: every receipt of one merchant order id.
 *
 * @since 0.1.0
 * @category operations
 */
export const lookupByOrderId = Operation.make({
  module: "Receipt",
  name: "lookupByOrderId",
  method: "GET",
  path: "/lookup/order/{order_id}",
  request: idOnly("order_id"),
  response: Schema.Array(Receipt),
  safety: "read",
  errors: [NotFound],
  resource: { name: "order", idField: "order_id" }
})

/**
 * Whether a phone payment made at `purchasedAt` can no longer be cancelled at `nowMillis`.
 *
 * @since 0.1.0
 * @category utils
 */
export const carrierWindowClosed = (purchasedAt: string, nowMillis: number): boolean =>
  Kst.monthPassed(purchasedAt, nowMillis)

/**
 * A confirm's outcome: a receipt still awaiting confirm proves it did not happen. Any other status
 * could be another confirm's doing (or the receipt was never awaiting one), so a read never says it
 * happened.
 */
const confirmProof: Operation.Proof<{ readonly receipt_id: string }, Receipt> = {
  reconcile: (error, read) =>
    error.receiptId === undefined
      ? Effect.succeed(undetermined("the call carries no receipt id to read", []))
      : Effect.map(read(lookup, error.receiptId), (receipt) => {
          switch (receipt.status) {
            case Status.AWAITING_CONFIRM:
              return didNotHappen(receipt)
            case Status.PAID:
              return undetermined(
                "the receipt is paid, but it does not show which confirm paid it: this call, or one before or beside it (a receipt is confirmed at most once)",
                [receipt]
              )
            case Status.CANCELLED:
              return undetermined(
                "the receipt is cancelled: it may have been confirmed (by this call or another) and cancelled since, or cancelled while it awaited confirm",
                [receipt]
              )
            default:
              return undetermined(
                `the receipt no longer awaits confirm (status ${receipt.status}), and a read does not show what changed it`,
                [receipt]
              )
          }
        })
}

/**
 * Confirms a payment that waits for server approval; check `status` and `price` against the order.
 *
 * `POST /confirm`: approves a payment waiting for the server (status 2).
 *
 * @since 0.1.0
 * @category operations
 */
export const confirm = Operation.make({
  module: "Receipt",
  name: "confirm",
  method: "POST",
  path: "/confirm",
  request: idOnly("receipt_id"),
  response: Receipt,
  safety: "unsafe",
  errors: [NotFound, PgRefused, OutcomeUnknown],
  resource: receiptResource,
  proof: confirmProof
})

/** Whether a receipt shows a cancel of `cancelPrice` (a full cancel when absent) as done. */
const covers = (receipt: Receipt, cancelPrice: number | undefined): boolean => {
  const cancelled = receipt.cancelled_price ?? 0
  if (cancelPrice !== undefined) return cancelled >= cancelPrice
  return typeof receipt.price === "number" && cancelled >= receipt.price
}

const amountText = (cancelPrice: number | undefined) =>
  cancelPrice === undefined ? "a full cancel" : `a cancel of ${cancelPrice}`

/** A refusal of a phone payment's cancel, explained when the receipt's month (Korea time) has passed. */
const explainRefusal = (
  refusal: BootpayError.BootpayError,
  receipt: Receipt
): Effect.Effect<never, BootpayError.BootpayError> =>
  Effect.flatMap(Clock.currentTimeMillis, (now) =>
    Effect.fail(ErrorMapping.explainCancelRefusal(refusal, receipt, now))
  )

/**
 * A cancel's outcome. Bootpay's receipt keeps only the cumulative `cancelled_price`, so a read
 * proves a cancel did not happen (the total is below what it would be) but never that this cancel,
 * rather than another one of the same receipt, made the total. A `cancel_id` is the proof: Bootpay
 * refuses one it has already carried out.
 */
const cancelProof: Operation.Proof<CancelRequest & { readonly receipt_id: string }, Receipt> = {
  reconcile: (error, read) =>
    error.receiptId === undefined
      ? Effect.succeed(undetermined("the call carries no receipt id to read", []))
      : Effect.map(read(lookup, error.receiptId), (receipt) => {
          if (error.reason === "duplicate") {
            return covers(receipt, error.cancelPrice)
              ? happened(receipt)
              : undetermined(
                  `Bootpay refused cancel_id ${error.cancelId} as already carried out, but the receipt's cancelled_price (${receipt.cancelled_price ?? 0}) does not show ${amountText(error.cancelPrice)}: the PG may still be at it, or the id was used by a smaller cancel`,
                  [receipt]
                )
          }
          if (!covers(receipt, error.cancelPrice)) return didNotHappen(receipt)
          return undetermined(
            `the receipt's cancelled_price (${receipt.cancelled_price ?? 0}) covers ${amountText(error.cancelPrice)}, but another cancel of the same receipt could account for it; ${
              error.cancelId === undefined
                ? "without a cancel_id no read can tell (check the receipt's webhooks or the dashboard)"
                : "repeat it with the same cancel_id: Bootpay refuses it if it happened, and the SDK then reports it done"
            }`,
            [receipt]
          )
        }),
  refused: ({ wire, refusal, unknown }, read) => {
    const readBack = read(lookup, wire.receipt_id)
    if (wire.cancel_id !== undefined && ErrorMapping.isDuplicateCancelRefusal(refusal)) {
      // Bootpay has carried out a cancel with this cancel_id: this one, or an earlier call's. Only a
      // receipt that shows it settles the call; one that does not yet (the PG may still be at it) does not.
      const duplicate = ErrorMapping.outcomeUnknown(
        cancel.id,
        { receipt_id: wire.receipt_id, cancel_id: wire.cancel_id, cancel_price: wire.cancel_price },
        "duplicate",
        `Bootpay refused cancel_id ${wire.cancel_id} as already carried out (${refusal.message}), and the receipt does not show it`
      )
      return Effect.matchEffect(readBack, {
        onFailure: () => Effect.fail(duplicate),
        onSuccess: (receipt) =>
          covers(receipt, wire.cancel_price) ? Effect.succeed(receipt) : Effect.fail(duplicate)
      })
    }
    if (unknown !== undefined) {
      // An earlier attempt's answer was lost: the refusal stands only if the receipt shows that attempt did nothing.
      const stays = Effect.fail(ErrorMapping.refusedAfter(unknown, refusal))
      return Effect.matchEffect(readBack, {
        onFailure: () => stays,
        onSuccess: (receipt) =>
          covers(receipt, wire.cancel_price) ? stays : explainRefusal(refusal, receipt)
      })
    }
    return refusal._tag === "PgRefused"
      ? Effect.matchEffect(readBack, {
          onFailure: () => Effect.fail(refusal),
          onSuccess: (receipt) => explainRefusal(refusal, receipt)
        })
      : Effect.fail(refusal)
  }
}

/**
 * Cancels a payment, fully (no `cancel_price`) or partly, with one `POST /cancel`. Give a stable
 * `cancel_id`: the cancel is then retried on transient failures, and a repeat of a cancel Bootpay
 * already carried out resolves to the receipt. A refused cancel of a phone payment from an earlier
 * month (Korea time) fails with `CarrierCancelWindowClosed`; an answer lost on the way back is
 * `OutcomeUnknown` (see `Reconcile.outcome`).
 *
 *
 *
 * `POST /cancel`: idempotent when the caller gives a `cancel_id` (retried, and a repeat Bootpay
 * refuses as done is reported done), never repeated otherwise.
 *
 * @since 0.1.0
 * @category operations
 */
export const cancel = Operation.make({
  module: "Receipt",
  name: "cancel",
  method: "POST",
  path: "/cancel",
  request: CancelRequest,
  response: Receipt,
  safety: (wire) => (wire.cancel_id === undefined ? "unsafe" : "idempotent"),
  errors: [NotFound, PgRefused, CarrierCancelWindowClosed, OutcomeUnknown],
  resource: receiptResource,
  proof: cancelProof
})
