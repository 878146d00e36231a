/**
 * Subscription charges (정기결제): charge a billing key now, or reserve a charge that Bootpay runs at a
 * given time (at most 10 pending per key), look a reservation up and cancel it.
 *
 * @since 0.1.0
 */
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { Extra } from "./BillingKey.js"
import { NotFound, OutcomeUnknown, PgRefused } from "./BootpayError.js"
import * as Kst from "./internal/kst.js"
import { byOrderId } from "./internal/proofs.js"
import {
  CardQuota,
  HttpUrl,
  Id,
  idOnly,
  JsonObject,
  Krw,
  KrwOrZero,
  NonEmptyString,
  opt,
  Text,
  taxFreeWithinPrice,
  User
} from "./internal/schemas.js"
import * as Operation from "./Operation.js"
import { Receipt } from "./Receipt.js"

const Yyyymmdd = Schema.String.pipe(
  Schema.filter((s) => /^\d{8}$/.test(s), { message: () => "must be a date as yyyyMMdd" })
)

/**
 * One line of the order (`items`); Naver Pay and Payco read the categories and dates.
 *
 * @since 0.1.0
 * @category models
 */
export const Item = Schema.Struct({
  id: NonEmptyString,
  name: NonEmptyString,
  qty: Schema.Number.pipe(
    Schema.filter((n) => Number.isSafeInteger(n) && n > 0, {
      message: () => "must be a positive whole quantity"
    })
  ),
  price: KrwOrZero,
  cat1: Schema.optional(Text),
  cat2: Schema.optional(Text),
  cat3: Schema.optional(Text),
  category_type: Schema.optional(Text),
  category_code: Schema.optional(Text),
  start_date: Schema.optional(Yyyymmdd),
  end_date: Schema.optional(Yyyymmdd)
})

/**
 * How Bootpay posts the charge's webhook to `feedback_url`.
 *
 * @since 0.1.0
 * @category models
 */
export const ContentType = Schema.Literal("application/json", "application/x-www-form-urlencoded")

const lumpSum = (quota: string) => quota === "0" || quota === "00"

/** Installments below 50,000 KRW are refused by the card companies. */
const installmentsAllowed = (input: {
  readonly price: number
  readonly card_quota?: string | undefined
  readonly extra?: { readonly card_quota?: string | undefined } | undefined
}) => {
  const message = "installments need a price of at least 50,000 KRW"
  const issues: Array<{ readonly path: ReadonlyArray<string>; readonly message: string }> = []
  if (input.price < 50_000) {
    if (input.card_quota !== undefined && !lumpSum(input.card_quota))
      issues.push({ path: ["card_quota"], message })
    const extraQuota = input.extra?.card_quota
    if (extraQuota !== undefined && !lumpSum(extraQuota))
      issues.push({ path: ["extra", "card_quota"], message })
  }
  return issues
}

/**
 * The input of `Subscription.pay`: one charge of a billing key; `order_id` must be new for each attempt.
 *
 * @since 0.1.0
 * @category models
 */
export const PayRequest = Schema.Struct({
  billing_key: Id,
  order_name: NonEmptyString,
  price: Krw,
  order_id: Id,
  tax_free: Schema.optional(KrwOrZero),
  card_quota: Schema.optional(CardQuota),
  /** Interest-free flag (Welcome Payments). */
  card_interest: Schema.optional(NonEmptyString),
  items: Schema.optional(Schema.Array(Item)),
  user: Schema.optional(User),
  feedback_url: Schema.optional(HttpUrl),
  content_type: Schema.optional(ContentType),
  metadata: Schema.optional(JsonObject),
  extra: Schema.optional(Extra)
}).pipe(Schema.filter((input) => [taxFreeWithinPrice(input), ...installmentsAllowed(input)]))

/**
 * The input of `Subscription.pay`.
 *
 * @since 0.1.0
 * @category models
 */
export type PayRequest = typeof PayRequest.Encoded

const offsetDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/

/** Bootpay writes times in Korea time; whole seconds, rounded up so never early. */
const koreaTime = (millis: number): string => Kst.iso(Math.ceil(millis / 1000) * 1000)

/**
 * When a reservation runs: a `Date`, or an ISO 8601 string with an explicit offset (`Z` or `+09:00`);
 * a string without one would be read in whatever zone the server guesses. Sent in Korea time.
 *
 * @since 0.1.0
 * @category models
 */
export const ExecuteAt = Schema.transformOrFail(
  Schema.Union(Schema.DateFromSelf, Schema.String),
  Schema.String,
  {
    strict: true,
    decode: (value, _, ast) => {
      const millis =
        value instanceof Date ? value.getTime() : offsetDateTime.test(value) ? Date.parse(value) : Number.NaN
      return Number.isNaN(millis)
        ? ParseResult.fail(
            new ParseResult.Type(
              ast,
              value,
              "must be a Date or an ISO 8601 date-time with an offset, e.g. 2026-01-15T09:00:00+09:00"
            )
          )
        : ParseResult.succeed(koreaTime(millis))
    },
    encode: ParseResult.succeed
  }
)

/**
 * The input of `Subscription.reserve`: a charge Bootpay runs at `reserve_execute_at`.
 *
 * @since 0.1.0
 * @category models
 */
export const ReserveRequest = Schema.Struct({
  billing_key: Id,
  order_name: NonEmptyString,
  price: Krw,
  order_id: Id,
  reserve_execute_at: ExecuteAt,
  tax_free: Schema.optional(KrwOrZero),
  user: Schema.optional(User),
  items: Schema.optional(Schema.Array(Item)),
  metadata: Schema.optional(JsonObject),
  feedback_url: Schema.optional(HttpUrl),
  content_type: Schema.optional(ContentType)
}).pipe(Schema.filter(taxFreeWithinPrice))

/**
 * The input of `Subscription.reserve`.
 *
 * @since 0.1.0
 * @category models
 */
export type ReserveRequest = typeof ReserveRequest.Encoded

/**
 * The answer to `Subscription.reserve`: keep `reserve_id` to look the reservation up or cancel it.
 *
 * @since 0.1.0
 * @category models
 */
export const ReserveResponse = Schema.Struct({
  reserve_id: Schema.String,
  reserve_execute_at: opt(Schema.Union(Schema.String, Schema.Number))
})

/**
 * The answer to `Subscription.reserve`.
 *
 * @since 0.1.0
 * @category models
 */
export type ReserveResponse = typeof ReserveResponse.Type

/**
 * A reservation as Bootpay returns it; `receipt_id` is set once it ran. Its status codes are undocumented.
 *
 * @since 0.1.0
 * @category models
 */
export const Reservation = Schema.Struct({
  reserve_id: Schema.String,
  receipt_id: opt(Schema.String),
  billing_key: opt(Schema.String),
  order_id: opt(Schema.String),
  price: opt(Schema.Number),
  tax_free: opt(Schema.Number),
  order_name: opt(Schema.String),
  user: opt(Schema.Unknown),
  items: opt(Schema.Array(Schema.Unknown)),
  card_quota: opt(Schema.String),
  feedback_url: opt(Schema.String),
  metadata: opt(Schema.Unknown),
  content_type: opt(Schema.String),
  version: opt(Schema.Union(Schema.String, Schema.Number)),
  extra: opt(Schema.Unknown),
  reserve_requested_at: opt(Schema.String),
  reserve_execute_at: opt(Schema.String),
  reserve_started_at: opt(Schema.String),
  reserve_finished_at: opt(Schema.String),
  reserve_revoked_at: opt(Schema.String),
  status: opt(Schema.Union(Schema.Number, Schema.String))
})

/**
 * A reservation as Bootpay returns it.
 *
 * @since 0.1.0
 * @category models
 */
export type Reservation = typeof Reservation.Type

/**
 * The answer to `Subscription.cancelReservation`.
 *
 * @since 0.1.0
 * @category models
 */
export const CancelReservationResponse = Schema.Struct({
  reserve_id: Schema.String,
  success: Schema.Boolean
})

/**
 * The answer to `Subscription.cancelReservation`.
 *
 * @since 0.1.0
 * @category models
 */
export type CancelReservationResponse = typeof CancelReservationResponse.Type

const billingKeyResource = { name: "billing_key", idField: "billing_key" } as const
const reservationResource = { name: "reservation", idField: "reserve_id" } as const

/**
 * Charges a billing key. Never retried once sent: on `OutcomeUnknown` look the `order_id` up
 * (`Receipt.lookupByOrderId`) before charging again.
 *
 *
 * `POST /subscribe/payment`: charges a billing key now.
 *
 * @since 0.1.0
 * @category operations
 */
export const pay = Operation.make({
  module: "Subscription",
  name: "pay",
  method: "POST",
  path: "/subscribe/payment",
  request: PayRequest,
  response: Receipt,
  safety: "unsafe",
  errors: [PgRefused, NotFound, OutcomeUnknown],
  resource: billingKeyResource,
  proof: byOrderId
})

/**
 * Reserves a charge at `reserve_execute_at`, which must lie in the future by the `Clock`; a past time
 * fails with `InvalidRequest` and nothing is sent. Keep the `reserve_id`.
 *
 * `POST /subscribe/payment/reserve`: schedules a charge.
 *
 * @since 0.1.0
 * @category operations
 */
export const reserve = Operation.make({
  module: "Subscription",
  name: "reserve",
  method: "POST",
  path: "/subscribe/payment/reserve",
  request: ReserveRequest,
  response: ReserveResponse,
  safety: "unsafe",
  errors: [NotFound, OutcomeUnknown],
  resource: billingKeyResource,
  check: (wire, now) =>
    Date.parse(wire.reserve_execute_at) > now
      ? []
      : [{ path: "reserve_execute_at", message: "must be in the future" }]
})

/**
 * Looks a reservation up; `receipt_id` and `reserve_finished_at` are set once it ran.
 *
 * `GET /subscribe/payment/reserve/{reserve_id}`.
 *
 * @since 0.1.0
 * @category operations
 */
export const lookupReservation = Operation.make({
  module: "Subscription",
  name: "lookupReservation",
  method: "GET",
  path: "/subscribe/payment/reserve/{reserve_id}",
  request: idOnly("reserve_id"),
  response: Reservation,
  safety: "read",
  errors: [NotFound],
  resource: reservationResource
})

/**
 * Cancels a pending reservation; a cancelled reservation never runs.
 *
 * `DELETE /subscribe/payment/reserve/{reserve_id}`.
 *
 * @since 0.1.0
 * @category operations
 */
export const cancelReservation = Operation.make({
  module: "Subscription",
  name: "cancelReservation",
  method: "DELETE",
  path: "/subscribe/payment/reserve/{reserve_id}",
  request: idOnly("reserve_id"),
  response: CancelReservationResponse,
  safety: "idempotent",
  errors: [NotFound, OutcomeUnknown],
  resource: reservationResource
})
