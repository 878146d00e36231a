/**
 * Billing keys (빌링키): a stored card or bank account that the merchant's server charges later
 * without the buyer. Issue one from card details or, in two steps, from a bank account the holder
 * consents to; look it up by the issuance receipt or by the key itself; destroy it.
 *
 * Card numbers, card passwords and identity numbers are only ever sent to Bootpay: validation
 * messages never quote them, and Bootpay answers with the card number masked.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { NotFound, OutcomeUnknown, PgRefused } from "./BootpayError.js"
import {
  CardQuota,
  Digits,
  Id,
  idOnly,
  JsonObject,
  Krw,
  KrwOrZero,
  NonEmptyString,
  opt,
  taxFreeWithinPrice,
  User
} from "./internal/schemas.js"
import * as Operation from "./Operation.js"
import { Receipt } from "./Receipt.js"

/**
 * A card's details on a card billing key (`billing_data`); the number is masked by Bootpay.
 *
 * @since 0.1.0
 * @category models
 */
export const CardBillingData = Schema.Struct({
  card_no: opt(Schema.String),
  card_company: opt(Schema.String),
  card_company_code: opt(Schema.String),
  card_type: opt(Schema.Union(Schema.Number, Schema.String)),
  card_hash: opt(Schema.String),
  /** KCP only. */
  rtn_key_info: opt(Schema.Unknown)
})

/**
 * A bank account's details on a bank-transfer billing key (`billing_data`); account and holder are masked.
 *
 * @since 0.1.0
 * @category models
 */
export const BankBillingData = Schema.Struct({
  bank_name: opt(Schema.String),
  bank_code: opt(Schema.String),
  bank_account: opt(Schema.String),
  username: opt(Schema.String)
})

/**
 * `billing_data`: the card fields on a card key, the bank fields on a bank-transfer key. One struct
 * with both sets, so `billing_data.card_no` reads without narrowing.
 *
 * @since 0.1.0
 * @category models
 */
export const BillingData = Schema.Struct({ ...CardBillingData.fields, ...BankBillingData.fields })

/**
 * A billing key as Bootpay returns it; fields Bootpay adds later are kept as they come.
 *
 * @since 0.1.0
 * @category models
 */
export const BillingKey = Schema.Struct({
  billing_key: Schema.String,
  billing_data: opt(BillingData),
  receipt_id: opt(Schema.String),
  subscription_id: opt(Schema.String),
  gateway_url: opt(Schema.String),
  metadata: opt(Schema.Unknown),
  pg: opt(Schema.String),
  method: opt(Schema.String),
  method_symbol: opt(Schema.String),
  method_origin: opt(Schema.String),
  method_origin_symbol: opt(Schema.String),
  published_at: opt(Schema.String),
  requested_at: opt(Schema.String),
  billing_expire_at: opt(Schema.String),
  /** The first charge, when the issuance carried a `price`. */
  receipt_data: opt(Receipt),
  /** 11 issued (`Receipt.Status.BILLING_KEY_ISSUED`). */
  status: opt(Schema.Number),
  status_locale: opt(Schema.String)
})

/**
 * A billing key as Bootpay returns it.
 *
 * @since 0.1.0
 * @category models
 */
export type BillingKey = typeof BillingKey.Type

/**
 * The answer to a bank-transfer key request: a receipt in status 41
 * (`Receipt.Status.TRANSFER_KEY_PENDING`) whose `receipt_id` is published once the holder consented.
 *
 * @since 0.1.0
 * @category models
 */
export const PendingTransfer = Schema.Struct({ ...Receipt.fields, subscription_id: opt(Schema.String) })

/**
 * The answer to a bank-transfer key request.
 *
 * @since 0.1.0
 * @category models
 */
export type PendingTransfer = typeof PendingTransfer.Type

/**
 * The answer to `BillingKey.destroy`.
 *
 * @since 0.1.0
 * @category models
 */
export const DestroyResponse = Schema.Struct({ billing_key: Schema.String })

/**
 * The answer to `BillingKey.destroy`.
 *
 * @since 0.1.0
 * @category models
 */
export type DestroyResponse = typeof DestroyResponse.Type

/**
 * Options of a billing call (`extra`).
 *
 * @since 0.1.0
 * @category models
 */
export const Extra = Schema.Struct({
  /** Installment months of the charge. */
  card_quota: Schema.optional(CardQuota),
  /** Charge a small test amount and issue the key only if it succeeds. */
  subscribe_test_payment: Schema.optional(Schema.Union(Schema.Boolean, Schema.Literal(0, 1))),
  /** Return the PG's own error code and message. */
  raw_data: Schema.optional(Schema.Union(Schema.Boolean, Schema.Literal(0, 1)))
})

const CardNumber = Schema.String.pipe(
  Schema.filter((s) => /^\d{13,19}$/.test(s), {
    message: () => "must be a card number: 13 to 19 digits, nothing else"
  })
)

const ExpireMonth = Schema.String.pipe(
  Schema.filter((s) => /^(0[1-9]|1[0-2])$/.test(s), { message: () => "must be a 2-digit month, 01 to 12" })
)

const IdentityNo = Digits([6, 10], "a birth date (YYMMDD) or a business number")

/**
 * The input of `BillingKey.issue`: a keyed-in card, for PGs that allow REST billing without the buyer.
 *
 * @since 0.1.0
 * @category models
 */
export const IssueRequest = Schema.Struct({
  pg: NonEmptyString,
  method: Schema.optional(NonEmptyString),
  order_name: NonEmptyString,
  subscription_id: NonEmptyString,
  card_no: CardNumber,
  card_pw: Digits([2], "the first digits of the card password"),
  card_identity_no: IdentityNo,
  card_expire_year: Digits([2], "a 2-digit year"),
  card_expire_month: ExpireMonth,
  price: Schema.optional(Krw),
  tax_free: Schema.optional(KrwOrZero),
  extra: Schema.optional(Extra),
  user: Schema.optional(User),
  metadata: Schema.optional(JsonObject)
}).pipe(Schema.filter(taxFreeWithinPrice))

/**
 * The input of `BillingKey.issue`.
 *
 * @since 0.1.0
 * @category models
 */
export type IssueRequest = typeof IssueRequest.Encoded

/**
 * The input of `BillingKey.issueTransfer`: a bank account whose holder then consents (ARS or simple auth).
 *
 * @since 0.1.0
 * @category models
 */
export const IssueTransferRequest = Schema.Struct({
  pg: NonEmptyString,
  order_name: NonEmptyString,
  subscription_id: NonEmptyString,
  auth_type: Schema.optional(Schema.Literal("ARS", "간편인증")),
  username: NonEmptyString,
  bank_name: NonEmptyString,
  bank_account: NonEmptyString,
  identity_no: IdentityNo,
  cash_receipt_type: Schema.optional(Schema.Literal("소득공제", "지출증빙")),
  cash_receipt_identity_no: Schema.optional(NonEmptyString),
  phone: Schema.optional(NonEmptyString),
  price: Schema.optional(Krw),
  tax_free: Schema.optional(KrwOrZero),
  method: Schema.optional(NonEmptyString),
  extra: Schema.optional(Extra),
  user: Schema.optional(User),
  metadata: Schema.optional(JsonObject)
}).pipe(Schema.filter(taxFreeWithinPrice))

/**
 * The input of `BillingKey.issueTransfer`.
 *
 * @since 0.1.0
 * @category models
 */
export type IssueTransferRequest = typeof IssueTransferRequest.Encoded

/**
 * The input of `BillingKey.lookupSequential`; `user_id` lets Bootpay check who owns the key.
 *
 * @since 0.1.0
 * @category models
 */
export const SequentialLookupRequest = Schema.Struct({
  billing_key: Id,
  widget_key: NonEmptyString,
  user_id: NonEmptyString
})

/**
 * The input of `BillingKey.lookupSequential`.
 *
 * @since 0.1.0
 * @category models
 */
export type SequentialLookupRequest = typeof SequentialLookupRequest.Encoded

const billingKeyResource = { name: "billing_key", idField: "billing_key" } as const

/**
 * Issues a billing key from card details; store `billing_key`. Never retried once sent.
 *
 * `POST /request/subscribe`: issues a key from card details.
 *
 * @since 0.1.0
 * @category operations
 */
export const issue = Operation.make({
  module: "BillingKey",
  name: "issue",
  method: "POST",
  path: "/request/subscribe",
  request: IssueRequest,
  response: BillingKey,
  safety: "unsafe",
  errors: [PgRefused, OutcomeUnknown]
})

/**
 * Asks for a bank-account billing key; publish its `receipt_id` once the holder consented.
 *
 * `POST /request/subscribe/automatic-transfer`: asks for a bank-account key (status 41).
 *
 * @since 0.1.0
 * @category operations
 */
export const issueTransfer = Operation.make({
  module: "BillingKey",
  name: "issueTransfer",
  method: "POST",
  path: "/request/subscribe/automatic-transfer",
  request: IssueTransferRequest,
  response: PendingTransfer,
  safety: "unsafe",
  errors: [PgRefused, OutcomeUnknown]
})

/**
 * Issues the bank-account key of a request whose holder consented; refused before that.
 *
 * `POST /request/subscribe/automatic-transfer/publish`: issues the bank-account key after consent.
 *
 * @since 0.1.0
 * @category operations
 */
export const publishTransfer = Operation.make({
  module: "BillingKey",
  name: "publishTransfer",
  method: "POST",
  path: "/request/subscribe/automatic-transfer/publish",
  request: idOnly("receipt_id"),
  response: BillingKey,
  safety: "unsafe",
  errors: [NotFound, PgRefused, OutcomeUnknown],
  resource: { name: "receipt", idField: "receipt_id" }
})

/**
 * Looks a billing key up by the receipt id of its issuance.
 *
 * `GET /subscribe/billing_key/{receipt_id}`: the key issued by a receipt (the client SDK never sees keys).
 *
 * @since 0.1.0
 * @category operations
 */
export const lookup = Operation.make({
  module: "BillingKey",
  name: "lookup",
  method: "GET",
  path: "/subscribe/billing_key/{receipt_id}",
  request: idOnly("receipt_id"),
  response: BillingKey,
  safety: "read",
  errors: [NotFound],
  resource: { name: "billing_key", idField: "receipt_id" }
})

/**
 * Looks a billing key up by the key itself.
 *
 * `GET /billing_key/{billing_key}`.
 *
 * @since 0.1.0
 * @category operations
 */
export const lookupByKey = Operation.make({
  module: "BillingKey",
  name: "lookupByKey",
  method: "GET",
  path: "/billing_key/{billing_key}",
  request: idOnly("billing_key"),
  response: BillingKey,
  safety: "read",
  errors: [NotFound],
  resource: billingKeyResource
})

/**
 * Looks a widget's sequential (priority) billing key up, checking it belongs to `user_id`.
 *
 * `GET /subscribe/sequential_billing_key/{billing_key}?widget_key=..&user_id=..`: a widget's priority key.
 *
 * @since 0.1.0
 * @category operations
 */
export const lookupSequential = Operation.make({
  module: "BillingKey",
  name: "lookupSequential",
  method: "GET",
  path: "/subscribe/sequential_billing_key/{billing_key}",
  request: SequentialLookupRequest,
  response: BillingKey,
  safety: "read",
  errors: [NotFound],
  resource: billingKeyResource
})

/**
 * Destroys a billing key; cancel its reservations first, Bootpay keeps them.
 *
 * `DELETE /subscribe/billing_key/{billing_key}`: reservations on the key are not cancelled.
 *
 * @since 0.1.0
 * @category operations
 */
export const destroy = Operation.make({
  module: "BillingKey",
  name: "destroy",
  method: "DELETE",
  path: "/subscribe/billing_key/{billing_key}",
  request: idOnly("billing_key"),
  response: DestroyResponse,
  safety: "idempotent",
  errors: [NotFound, OutcomeUnknown],
  resource: billingKeyResource
})
