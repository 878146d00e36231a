/**
 * Commerce subscription change requests (구독 변경 요청): the buyer's pause, resume, buy-out,
 * hand-over and termination requests (`Commerce.OrderSubscriptionRequestIng`) as the merchant sees
 * them, and the merchant's answer (`update` with `approval`, supervisor role).
 *
 * `list` and `detail` send the client's role: with `project_id` Bootpay reads them in supervisor
 * mode, which needs a client with the `supervisor` role.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { NotFound } from "../BootpayError.js"
import * as Commerce from "../internal/commerce.js"
import { Id, idOr, KrwOrZero, opt, Text } from "../internal/schemas.js"
import * as Paging from "./Paging.js"

/**
 * A change request as Bootpay Commerce returns it; fields Bootpay adds later are kept.
 *
 * @since 0.1.0
 * @category models
 */
export const OrderSubscriptionRequest = Schema.Struct({
  order_subscription_request_history_id: Schema.String,
  order_subscription_id: opt(Schema.String),
  project_id: opt(Schema.String),
  user_id: opt(Schema.String),
  request_type: opt(Schema.Union(Schema.Number, Schema.String)),
  status: opt(Schema.Union(Schema.Number, Schema.String)),
  reason: opt(Schema.String),
  requested_at: opt(Schema.String),
  processed_at: opt(Schema.String),
  created_at: opt(Schema.String),
  updated_at: opt(Schema.String)
})

/**
 * A change request.
 *
 * @since 0.1.0
 * @category models
 */
export type OrderSubscriptionRequest = typeof OrderSubscriptionRequest.Type

/**
 * The filters of `list`; `project_id` reads in supervisor mode.
 *
 * @since 0.1.0
 * @category models
 */
export const ListRequest = Schema.Struct({
  ...Commerce.paging,
  project_id: Schema.optional(Id),
  order_subscription_id: Schema.optional(Id),
  keyword: Schema.optional(Text),
  s_at: Schema.optional(Commerce.DateText),
  e_at: Schema.optional(Commerce.DateText),
  status: Schema.optional(Schema.Number),
  request_type: Schema.optional(Schema.Number),
  user_id: Schema.optional(Id),
  user_group_id: Schema.optional(Id),
  idempotency_key: Commerce.idempotencyKey
})

/**
 * One page of change requests (see `listAll` for every page).
 *
 * `GET /order-subscription-requests`.
 *
 * @since 0.1.0
 * @category operations
 */
export const list = Commerce.make({
  module: "OrderSubscriptionRequest",
  name: "list",
  method: "GET",
  path: "/order-subscription-requests",
  request: Schema.UndefinedOr(ListRequest),
  response: Paging.Page(OrderSubscriptionRequest),
  safety: "read",
  idempotencyKey: true
})

/**
 * Every change request matching the filters, page after page, as a `Stream`.
 *
 * @since 0.1.0
 * @category walkers
 */
export const listAll = Paging.walker(list)

const resource = {
  name: "order_subscription_request",
  idField: "order_subscription_request_history_id"
} as const

/**
 * One change request (`detail(id, projectId?, idempotencyKey?)` on the facade).
 *
 * `GET /order-subscription-requests/{order_subscription_request_history_id}`.
 *
 * @since 0.1.0
 * @category operations
 */
export const detail = Commerce.make({
  module: "OrderSubscriptionRequest",
  name: "detail",
  method: "GET",
  path: "/order-subscription-requests/{order_subscription_request_history_id}",
  request: idOr("order_subscription_request_history_id", {
    project_id: Schema.optional(Id),
    idempotency_key: Commerce.idempotencyKey
  }),
  response: OrderSubscriptionRequest,
  safety: "read",
  idempotencyKey: true,
  errors: [NotFound],
  resource,
  args: ["order_subscription_request_history_id", "project_id", "idempotency_key"]
})

/**
 * The input of `update`: `approval` (`approve` or `reject`), the reason, and settlement amounts
 * that replace Bootpay's own.
 *
 * @since 0.1.0
 * @category models
 */
export const UpdateRequest = Schema.Struct({
  order_subscription_request_history_id: Id,
  approval: Schema.Literal("approve", "reject"),
  reason: Schema.optional(Text),
  price: Schema.optional(KrwOrZero),
  tax_free_price: Schema.optional(KrwOrZero),
  termination_fee: Schema.optional(KrwOrZero),
  last_bill_refund_price: Schema.optional(KrwOrZero),
  final_fee: Schema.optional(Schema.Number),
  service_end_at: Schema.optional(Commerce.DateText),
  idempotency_key: Commerce.idempotencyKey
})

/**
 * Approves or rejects a change request (supervisor role). Approving a buy-out, hand-over or
 * termination settles money and cannot be undone, so the call is never repeated once it may have
 * reached Bootpay: a lost answer is `OutcomeUnknown` with the call's `Idempotency-Key`.
 *
 * `PUT /order-subscription-requests/{order_subscription_request_history_id}`.
 *
 * @since 0.1.0
 * @category operations
 */
export const update = Commerce.make({
  module: "OrderSubscriptionRequest",
  name: "update",
  method: "PUT",
  path: "/order-subscription-requests/{order_subscription_request_history_id}",
  request: UpdateRequest,
  response: OrderSubscriptionRequest,
  // An approval carries out the request (a buy-out or termination settles money).
  safety: "unsafe",
  role: "supervisor",
  idempotencyKey: true,
  errors: [NotFound],
  resource
})
