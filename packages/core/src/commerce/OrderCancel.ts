/**
 * Commerce order cancellations (주문 취소): a buyer requests a cancellation or withdraws it, the
 * merchant (supervisor role) approves or rejects it. `list` gives the
 * `order_cancellation_request_id` the other calls take.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { NotFound } from "../BootpayError.js"
import * as Commerce from "../internal/commerce.js"
import { Id, idOr, JsonObject, Krw, KrwOrZero, opt, Text } from "../internal/schemas.js"
import * as Paging from "./Paging.js"

/**
 * A cancellation request as Bootpay Commerce returns it; fields Bootpay adds later are kept.
 * `order_cancel_request_history_id` is the id's former name.
 *
 * @since 0.1.0
 * @category models
 */
export const CancellationRequest = Schema.Struct({
  order_cancellation_request_id: opt(Schema.String),
  order_cancel_request_history_id: opt(Schema.String),
  order_id: opt(Schema.String),
  order_number: opt(Schema.String),
  status: opt(Schema.Union(Schema.Number, Schema.String)),
  cancel_price: opt(Schema.Number),
  cancel_tax_free_price: opt(Schema.Number),
  refund_price: opt(Schema.Number),
  cancel_reason: opt(Schema.String),
  cancel_message: opt(Schema.String),
  cancel_type: opt(Schema.Number),
  message: opt(Schema.String),
  request_cancel_parameters: opt(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  requested_at: opt(Schema.String),
  processed_at: opt(Schema.String),
  created_at: opt(Schema.String),
  updated_at: opt(Schema.String)
})

/**
 * A cancellation request.
 *
 * @since 0.1.0
 * @category models
 */
export type CancellationRequest = typeof CancellationRequest.Type

/**
 * The filters of `list`: an order by `order_number` or `order_id` (neither: every request).
 *
 * @since 0.1.0
 * @category models
 */
export const ListRequest = Schema.Struct({
  ...Commerce.paging,
  order_number: Schema.optional(Id),
  order_id: Schema.optional(Id),
  idempotency_key: Commerce.idempotencyKey
})

/**
 * One page of cancellation requests (see `listAll` for every page).
 *
 * `GET /order/cancel`.
 *
 * @since 0.1.0
 * @category operations
 */
export const list = Commerce.make({
  module: "OrderCancel",
  name: "list",
  method: "GET",
  path: "/order/cancel",
  request: Schema.UndefinedOr(ListRequest),
  response: Paging.Page(CancellationRequest),
  safety: "read",
  role: "user",
  idempotencyKey: true
})

/**
 * Every cancellation request matching the filters, page after page, as a `Stream`.
 *
 * @since 0.1.0
 * @category walkers
 */
export const listAll = Paging.walker(list)

/**
 * What to cancel: products, subscription bills or an amount (an amount-based cancel refunds without
 * recomputing shipping), with `cancel_id` naming this cancel. `force` (supervisor only) marks the
 * order cancelled even when the PG cancel fails.
 *
 * @since 0.1.0
 * @category models
 */
export const CancelParameters = Schema.Struct({
  cancel_id: Schema.optional(Id),
  cancel_products: Schema.optional(
    Schema.Array(
      Schema.Struct({
        product_id: Schema.optional(Id),
        product_option_id: Schema.optional(Id),
        order_product_id: Schema.optional(Id),
        qty: Schema.optional(Schema.Number),
        cancel_price: Schema.optional(Krw)
      })
    )
  ),
  cancel_order_subscription_bills: Schema.optional(
    Schema.Array(
      Schema.Struct({
        order_subscription_bill_id: Id,
        cancel_quantity: Schema.optional(Schema.Number),
        cancel_price: Schema.optional(Krw)
      })
    )
  ),
  cancel_price: Schema.optional(Krw),
  cancel_tax_free_price: Schema.optional(KrwOrZero),
  cancel_requester: Schema.optional(Text),
  cancel_message: Schema.optional(Text),
  cancel_reason: Schema.optional(Text),
  cancel_type: Schema.optional(Schema.Number),
  refund_price: Schema.optional(Krw),
  cancel_immediately: Schema.optional(Schema.Boolean),
  force: Schema.optional(Schema.Boolean),
  extra: Schema.optional(JsonObject)
})

/**
 * The input of `request`.
 *
 * @since 0.1.0
 * @category models
 */
export const CancelRequest = Schema.Struct({
  order_number: Id,
  request_cancel_parameters: Schema.optional(CancelParameters),
  is_supervisor: Schema.optional(Schema.Boolean),
  idempotency_key: Commerce.idempotencyKey
})

/**
 * The input of `request`.
 *
 * @since 0.1.0
 * @category models
 */
export type CancelRequest = typeof CancelRequest.Encoded

/**
 * Requests an order's cancellation (a refund once approved). Never repeated once it may have
 * reached Bootpay: a lost answer is `OutcomeUnknown` with the call's `Idempotency-Key`; look the
 * request up with `list` before asking again.
 *
 * `POST /order/cancel`.
 *
 * @since 0.1.0
 * @category operations
 */
export const request = Commerce.make({
  module: "OrderCancel",
  name: "request",
  method: "POST",
  path: "/order/cancel",
  request: CancelRequest,
  response: CancellationRequest,
  // Starts a refund: a repeat could request a second cancellation.
  safety: "unsafe",
  role: "user",
  idempotencyKey: true,
  errors: [NotFound],
  resource: { name: "order", idField: "order_number" }
})

const resource = { name: "order_cancellation_request", idField: "order_cancellation_request_id" } as const

/**
 * The input naming a cancellation request by `order_cancellation_request_id`, or by its former
 * name `order_cancel_request_history_id` (as Bootpay's SDKs still take it), with `fields`.
 */
const byRequestId = <F extends Schema.Struct.Fields>(fields: F) => {
  const current = Schema.Struct({ order_cancellation_request_id: Id, ...fields })
  const former = Schema.Struct({ order_cancel_request_history_id: Id, ...fields })
  return Schema.Union(
    current,
    Schema.transform(former, Schema.typeSchema(current), {
      strict: false,
      decode: (input) => {
        const { order_cancel_request_history_id: id, ...rest } = input as Record<string, unknown>
        return { ...rest, order_cancellation_request_id: id } as unknown as typeof current.Type
      },
      encode: (input) => {
        const { order_cancellation_request_id: id, ...rest } = input as Record<string, unknown>
        return { ...rest, order_cancel_request_history_id: id } as unknown as typeof former.Encoded
      }
    })
  )
}

/**
 * Withdraws a buyer's pending cancellation request (a request id, or an object holding it under
 * `order_cancellation_request_id` or its former name `order_cancel_request_history_id`).
 *
 * `PUT /order/cancel/{order_cancellation_request_id}/withdraw`.
 *
 * @since 0.1.0
 * @category operations
 */
export const withdraw = Commerce.make({
  module: "OrderCancel",
  name: "withdraw",
  method: "PUT",
  path: "/order/cancel/{order_cancellation_request_id}/withdraw",
  request: Schema.Union(
    idOr("order_cancellation_request_id", { idempotency_key: Commerce.idempotencyKey }),
    byRequestId({ idempotency_key: Commerce.idempotencyKey })
  ),
  response: Schema.NullOr(CancellationRequest),
  safety: "idempotent",
  role: "user",
  idempotencyKey: true,
  errors: [NotFound],
  resource
})

/**
 * The input of `approve` and `reject`: the request (`order_cancellation_request_id`, or its former
 * name `order_cancel_request_history_id`) and the merchant's `message` (what Bootpay reads), with
 * the amount fields Bootpay's Node SDK also passes.
 *
 * @since 0.1.0
 * @category models
 */
export const ActionRequest = byRequestId({
  message: Schema.optional(Text),
  cancel_reason: Schema.optional(Text),
  refund_price: Schema.optional(Krw),
  idempotency_key: Commerce.idempotencyKey
})

/**
 * Approves a cancellation request: the order is cancelled and refunded. Never repeated once it
 * may have reached Bootpay: a lost answer is `OutcomeUnknown` with the call's `Idempotency-Key`.
 *
 * `PUT /order/cancel/{order_cancellation_request_id}/approve`.
 *
 * @since 0.1.0
 * @category operations
 */
export const approve = Commerce.make({
  module: "OrderCancel",
  name: "approve",
  method: "PUT",
  path: "/order/cancel/{order_cancellation_request_id}/approve",
  request: ActionRequest,
  response: CancellationRequest,
  // Refunds the buyer: cannot be undone.
  safety: "unsafe",
  role: "supervisor",
  idempotencyKey: true,
  errors: [NotFound],
  resource
})

/**
 * Rejects a cancellation request; the order stays as it is.
 *
 * `PUT /order/cancel/{order_cancellation_request_id}/reject`.
 *
 * @since 0.1.0
 * @category operations
 */
export const reject = Commerce.make({
  module: "OrderCancel",
  name: "reject",
  method: "PUT",
  path: "/order/cancel/{order_cancellation_request_id}/reject",
  request: ActionRequest,
  response: CancellationRequest,
  safety: "idempotent",
  role: "supervisor",
  idempotencyKey: true,
  errors: [NotFound],
  resource
})
