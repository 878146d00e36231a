/**
 * Commerce subscription bills (정기구독 청구서): one bill per cycle of a subscription, its list and
 * one bill, and changes to a bill.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { NotFound } from "../BootpayError.js"
import * as Commerce from "../internal/commerce.js"
import { Id, idOr, KrwOrZero, opt, Text } from "../internal/schemas.js"
import * as Paging from "./Paging.js"

/**
 * A subscription bill as Bootpay Commerce returns it; `duration` is its cycle number. Fields
 * Bootpay adds later are kept.
 *
 * @since 0.1.0
 * @category models
 */
export const CommerceOrderSubscriptionBill = Schema.Struct({
  order_subscription_bill_id: Schema.String,
  order_subscription_id: opt(Schema.String),
  user_id: opt(Schema.String),
  user_group_id: opt(Schema.String),
  subscription_billing_type: opt(Schema.Number),
  order_name: opt(Schema.String),
  paid_wallet_id: opt(Schema.String),
  reserved_wallet_id: opt(Schema.String),
  order_number: opt(Schema.String),
  order_pre_id: opt(Schema.String),
  order_id: opt(Schema.String),
  duration: opt(Schema.Number),
  total_subscription_duration: opt(Schema.Number),
  one_unit_price: opt(Schema.Number),
  one_unit_tax_free_price: opt(Schema.Number),
  setup_price: opt(Schema.Number),
  price: opt(Schema.Number),
  tax_free_price: opt(Schema.Number),
  unit: opt(Schema.Number),
  purchase_price: opt(Schema.Number),
  purchase_tax_free_price: opt(Schema.Number),
  cancelled_price: opt(Schema.Number),
  cancelled_tax_free_price: opt(Schema.Number),
  cancelled_fee: opt(Schema.Number),
  membership_type: opt(Schema.Union(Schema.Number, Schema.String)),
  address_id: opt(Schema.String),
  user_address: opt(Schema.String),
  username: opt(Schema.String),
  user_phone: opt(Schema.String),
  user_email: opt(Schema.String),
  user_company_name: opt(Schema.String),
  user_business_number: opt(Schema.String),
  product_ids: opt(Schema.Array(Schema.String)),
  product_option_ids: opt(Schema.Array(Schema.String)),
  product_snapshot_ids: opt(Schema.Array(Schema.String)),
  product_option_snapshot_ids: opt(Schema.Array(Schema.String)),
  product_type: opt(Schema.Number),
  quantity: opt(Schema.Number),
  reserve_payment_at: opt(Schema.String),
  purchased_at: opt(Schema.String),
  revoked_at: opt(Schema.String),
  last_error_at: opt(Schema.String),
  status: opt(Schema.Union(Schema.Number, Schema.String)),
  cancel_status: opt(Schema.Number),
  test_code: opt(Schema.String),
  service_start_at: opt(Schema.String),
  service_end_at: opt(Schema.String)
})

/**
 * A subscription bill.
 *
 * @since 0.1.0
 * @category models
 */
export type CommerceOrderSubscriptionBill = typeof CommerceOrderSubscriptionBill.Type

/**
 * The filters of `list`: a subscription's bills, with `status` a list of codes sent comma-joined
 * (an empty list is left out).
 *
 * @since 0.1.0
 * @category models
 */
export const ListRequest = Schema.Struct({
  ...Commerce.paging,
  order_subscription_id: Schema.optional(Id),
  keyword: Schema.optional(Text),
  status: Schema.optional(
    Schema.transform(Schema.Array(Schema.Number), Schema.UndefinedOr(Schema.String), {
      strict: false,
      decode: (codes) => (codes.length === 0 ? undefined : codes.join(",")),
      encode: (joined) => (joined === undefined ? [] : joined.split(",").map(Number))
    })
  ),
  idempotency_key: Commerce.idempotencyKey
})

/**
 * One page of bills (see `listAll` for every page).
 *
 * `GET /order_subscription_bills`.
 *
 * @since 0.1.0
 * @category operations
 */
export const list = Commerce.make({
  module: "OrderSubscriptionBill",
  name: "list",
  method: "GET",
  path: "/order_subscription_bills",
  request: Schema.UndefinedOr(ListRequest),
  response: Paging.Page(CommerceOrderSubscriptionBill),
  safety: "read",
  role: "user",
  idempotencyKey: true
})

/**
 * Every bill matching the filters, page after page, as a `Stream`.
 *
 * @since 0.1.0
 * @category walkers
 */
export const listAll = Paging.walker(list)

const resource = { name: "order_subscription_bill", idField: "order_subscription_bill_id" } as const

/**
 * One bill.
 *
 * `GET /order_subscription_bills/{order_subscription_bill_id}`.
 *
 * @since 0.1.0
 * @category operations
 */
export const detail = Commerce.make({
  module: "OrderSubscriptionBill",
  name: "detail",
  method: "GET",
  path: "/order_subscription_bills/{order_subscription_bill_id}",
  request: idOr("order_subscription_bill_id", {}),
  response: CommerceOrderSubscriptionBill,
  safety: "read",
  errors: [NotFound],
  resource,
  args: ["order_subscription_bill_id"]
})

/**
 * The input of `update`: the bill and the fields that change.
 *
 * @since 0.1.0
 * @category models
 */
export const UpdateRequest = Schema.Struct({
  order_subscription_bill_id: Id,
  order_name: Schema.optional(Text),
  price: Schema.optional(KrwOrZero),
  tax_free_price: Schema.optional(KrwOrZero),
  quantity: Schema.optional(Schema.Number),
  address_id: Schema.optional(Id),
  user_address: Schema.optional(Text),
  username: Schema.optional(Text),
  user_phone: Schema.optional(Text),
  user_email: Schema.optional(Text),
  user_company_name: Schema.optional(Text),
  user_business_number: Schema.optional(Text),
  reserve_payment_at: Schema.optional(Commerce.DateText),
  reserved_wallet_id: Schema.optional(Id),
  service_start_at: Schema.optional(Commerce.DateText),
  service_end_at: Schema.optional(Commerce.DateText),
  status: Schema.optional(Schema.Number)
})

/**
 * Changes a bill that is not paid yet.
 *
 * `PUT /order_subscription_bills/{order_subscription_bill_id}`.
 *
 * @since 0.1.0
 * @category operations
 */
export const update = Commerce.make({
  module: "OrderSubscriptionBill",
  name: "update",
  method: "PUT",
  path: "/order_subscription_bills/{order_subscription_bill_id}",
  request: UpdateRequest,
  response: CommerceOrderSubscriptionBill,
  safety: "idempotent",
  errors: [NotFound],
  resource
})
