/**
 * Commerce orders (주문): the order list, one order, and a user group's orders of a month.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { NotFound } from "../BootpayError.js"
import * as Commerce from "../internal/commerce.js"
import { Id, idOr, opt, Text } from "../internal/schemas.js"
import * as Paging from "./Paging.js"

/**
 * A product option chosen in an order.
 *
 * @since 0.1.0
 * @category models
 */
export const ChosenProductOption = Schema.Struct({
  chosen_product_option_id: opt(Schema.String),
  product_id: opt(Schema.String),
  product_option_id: opt(Schema.String),
  product_name: opt(Schema.String),
  option_name: opt(Schema.String),
  price: opt(Schema.Number),
  tax_free_price: opt(Schema.Number),
  qty: opt(Schema.Number)
})

/**
 * A cancellation request as an order lists it.
 *
 * @since 0.1.0
 * @category models
 */
export const CancellationHistory = Schema.Struct({
  order_cancellation_request_id: opt(Schema.String),
  order_cancellation_request_history_id: opt(Schema.String),
  order_id: opt(Schema.String),
  status: opt(Schema.Union(Schema.Number, Schema.String)),
  cancel_reason: opt(Schema.String),
  cancel_type: opt(Schema.Number),
  requested_at: opt(Schema.String),
  processed_at: opt(Schema.String)
})

/**
 * An order as Bootpay Commerce returns it; fields Bootpay adds later are kept. Its `status` codes
 * are not documented by Bootpay.
 *
 * @since 0.1.0
 * @category models
 */
export const CommerceOrder = Schema.Struct({
  order_id: Schema.String,
  order_number: opt(Schema.String),
  order_pre_id: opt(Schema.String),
  parent_order_id: opt(Schema.String),
  user_id: opt(Schema.String),
  user_group_id: opt(Schema.String),
  seller_id: opt(Schema.String),
  project_id: opt(Schema.String),
  status: opt(Schema.Union(Schema.Number, Schema.String)),
  payment_status: opt(Schema.Union(Schema.Number, Schema.String)),
  currency: opt(Schema.Union(Schema.Number, Schema.String)),
  is_subscription: opt(Schema.Boolean),
  is_leaf: opt(Schema.Boolean),
  total_price: opt(Schema.Number),
  tax_free_price: opt(Schema.Number),
  cancelled_price: opt(Schema.Number),
  discount_amount: opt(Schema.Number),
  delivery_price: opt(Schema.Number),
  payment_method: opt(Schema.String),
  receipt_id: opt(Schema.String),
  webhook_url: opt(Schema.String),
  chosen_product_options: opt(Schema.Array(ChosenProductOption)),
  cancelled_request_history: opt(Schema.Array(CancellationHistory)),
  created_at: opt(Schema.String),
  updated_at: opt(Schema.String)
})

/**
 * An order.
 *
 * @since 0.1.0
 * @category models
 */
export type CommerceOrder = typeof CommerceOrder.Type

/** A list of ids or codes Bootpay takes comma-joined; an empty list is not sent. */
const commaList = <A extends string | number, I>(item: Schema.Schema<A, I>) =>
  Schema.optional(
    Schema.transform(Schema.Array(item), Schema.UndefinedOr(Schema.String), {
      strict: false,
      decode: (items) => (items.length === 0 ? undefined : items.join(",")),
      encode: (joined) => (joined === undefined ? [] : joined.split(",")) as unknown as ReadonlyArray<A>
    })
  )

/**
 * The filters of `list`. `status`, `payment_status` and `order_subscription_ids` are lists, sent
 * comma-joined (an empty list is left out); `limit` is at most 50 on Bootpay's side.
 *
 * @since 0.1.0
 * @category models
 */
export const ListRequest = Schema.Struct({
  ...Commerce.paging,
  keyword: Schema.optional(Text),
  user_id: Schema.optional(Id),
  user_group_id: Schema.optional(Id),
  cs_type: Schema.optional(Text),
  search_date_from: Schema.optional(Commerce.DateText),
  search_date_to: Schema.optional(Commerce.DateText),
  css_at: Schema.optional(Commerce.DateText),
  cse_at: Schema.optional(Commerce.DateText),
  /** 0 none, 1 each, 2 group. */
  subscription_billing_type: Schema.optional(Schema.Literal(0, 1, 2)),
  status: commaList(Schema.Number),
  payment_status: commaList(Schema.Number),
  order_subscription_ids: commaList(Id)
})

/**
 * One page of orders, as Bootpay sends it (see `listAll` for every page).
 *
 * `GET /orders`.
 *
 * @since 0.1.0
 * @category operations
 */
export const list = Commerce.make({
  module: "Order",
  name: "list",
  method: "GET",
  path: "/orders",
  request: Schema.UndefinedOr(ListRequest),
  response: Paging.Page(CommerceOrder),
  safety: "read"
})

/**
 * Every order matching the filters, page after page, as a `Stream`.
 *
 * @since 0.1.0
 * @category walkers
 */
export const listAll = Paging.walker(list)

/**
 * One order, by order id or order number.
 *
 * `GET /orders/{order_id}`.
 *
 * @since 0.1.0
 * @category operations
 */
export const detail = Commerce.make({
  module: "Order",
  name: "detail",
  method: "GET",
  path: "/orders/{order_id}",
  request: idOr("order_id", {}),
  response: CommerceOrder,
  safety: "read",
  errors: [NotFound],
  resource: { name: "order", idField: "order_id" },
  args: ["order_id"]
})

/**
 * A month as Bootpay's `search_date` takes it: `YYYY-MM`.
 *
 * @since 0.1.0
 * @category models
 */
export const YearMonth = Schema.String.pipe(
  Schema.filter((s) => /^\d{4}-(0[1-9]|1[0-2])$/.test(s) || "must be a month as YYYY-MM")
)

/**
 * A user group's orders of one month. Bootpay does not document the answer's shape: it is kept as
 * sent (an object or a list).
 *
 * `GET /orders/month?user_group_id=&search_date=YYYY-MM`.
 *
 * @since 0.1.0
 * @category operations
 */
export const month = Commerce.make({
  module: "Order",
  name: "month",
  method: "GET",
  path: "/orders/month",
  request: Schema.Struct({ user_group_id: Id, search_date: YearMonth }),
  response: Schema.Union(
    Schema.Array(Schema.Unknown),
    Schema.Record({ key: Schema.String, value: Schema.Unknown })
  ),
  safety: "read",
  args: ["user_group_id", "search_date"]
})
