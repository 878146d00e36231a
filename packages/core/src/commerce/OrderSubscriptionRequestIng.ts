/**
 * A buyer's change requests on a running subscription (`orderSubscription.requestIng` on the
 * facade): pause, resume, buy-out (`purchase`), hand-over (`transfer`), termination and its fee
 * estimate. Each names the subscription by `order_subscription_id` or `order_number`, is sent with
 * the `user` role and an `Idempotency-Key`, and waits for the merchant
 * (`Commerce.OrderSubscriptionRequest.update`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { NotFound } from "../BootpayError.js"
import * as Commerce from "../internal/commerce.js"
import { Id, KrwOrZero, opt, Text } from "../internal/schemas.js"
import { CommerceOrderSubscription } from "./OrderSubscription.js"

/** The subscription a request is about: by id, by order number, or both. */
const target = {
  order_subscription_id: Schema.optional(Id),
  order_number: Schema.optional(Id)
}

const needsTarget = <
  A extends {
    readonly order_subscription_id?: string | undefined
    readonly order_number?: string | undefined
  }
>(
  input: A
) =>
  input.order_subscription_id === undefined && input.order_number === undefined
    ? { path: ["order_subscription_id"], message: "order_subscription_id or order_number is required" }
    : true

/**
 * A subscription as a change request answers it (the request's id may come beside it).
 *
 * @since 0.1.0
 * @category models
 */
export const RequestResponse = Schema.Struct({
  ...CommerceOrderSubscription.fields,
  order_subscription_id: opt(Schema.String),
  order_subscription_request_history_id: opt(Schema.String)
})

const resource = { name: "order_subscription", idField: "order_subscription_id" } as const

/**
 * Asks to pause a subscription from `paused_at`.
 *
 * `POST /order_subscriptions/requests/ing/pause`.
 *
 * @since 0.1.0
 * @category operations
 */
export const pause = Commerce.make({
  module: "OrderSubscriptionRequestIng",
  name: "pause",
  method: "POST",
  path: "/order_subscriptions/requests/ing/pause",
  request: Schema.Struct({
    ...target,
    reason: Schema.optional(Text),
    paused_at: Schema.optional(Commerce.DateText),
    expected_resume_at: Schema.optional(Commerce.DateText),
    idempotency_key: Commerce.idempotencyKey
  }).pipe(Schema.filter(needsTarget)),
  response: RequestResponse,
  safety: "idempotent",
  role: "user",
  idempotencyKey: true,
  errors: [NotFound],
  resource
})

/**
 * Asks to resume a paused subscription (a PUT, unlike its siblings).
 *
 * `PUT /order_subscriptions/requests/ing/resume`.
 *
 * @since 0.1.0
 * @category operations
 */
export const resume = Commerce.make({
  module: "OrderSubscriptionRequestIng",
  name: "resume",
  method: "PUT",
  path: "/order_subscriptions/requests/ing/resume",
  request: Schema.Struct({
    ...target,
    reason: Schema.optional(Text),
    resume_at: Schema.optional(Commerce.DateText),
    idempotency_key: Commerce.idempotencyKey
  }).pipe(Schema.filter(needsTarget)),
  response: RequestResponse,
  safety: "idempotent",
  role: "user",
  idempotencyKey: true,
  errors: [NotFound],
  resource
})

/**
 * Asks to buy out a subscription (중도인수) for `price`. It settles money, so it is never repeated
 * once it may have reached Bootpay: a lost answer is `OutcomeUnknown` with the call's
 * `Idempotency-Key`.
 *
 * `POST /order_subscriptions/requests/ing/purchase`.
 *
 * @since 0.1.0
 * @category operations
 */
export const purchase = Commerce.make({
  module: "OrderSubscriptionRequestIng",
  name: "purchase",
  method: "POST",
  path: "/order_subscriptions/requests/ing/purchase",
  request: Schema.Struct({
    ...target,
    price: Schema.optional(KrwOrZero),
    tax_free_price: Schema.optional(KrwOrZero),
    reason: Schema.optional(Text),
    idempotency_key: Commerce.idempotencyKey
  }).pipe(Schema.filter(needsTarget)),
  response: RequestResponse,
  // A buy-out settles money: a repeat could ask for a second one.
  safety: "unsafe",
  role: "user",
  idempotencyKey: true,
  errors: [NotFound],
  resource
})

/**
 * Asks to hand a subscription over to another member (이전/승계). It cannot be undone, so it is
 * never repeated once it may have reached Bootpay: a lost answer is `OutcomeUnknown` with the
 * call's `Idempotency-Key`.
 *
 * `POST /order_subscriptions/requests/ing/transfer`.
 *
 * @since 0.1.0
 * @category operations
 */
export const transfer = Commerce.make({
  module: "OrderSubscriptionRequestIng",
  name: "transfer",
  method: "POST",
  path: "/order_subscriptions/requests/ing/transfer",
  request: Schema.Struct({
    order_subscription_id: Id,
    new_user_id: Schema.optional(Id),
    new_username: Schema.optional(Text),
    new_user_email: Schema.optional(Text),
    new_user_phone: Schema.optional(Text),
    new_user_address: Schema.optional(Text),
    wallet_id: Schema.optional(Id),
    reason: Schema.optional(Text),
    idempotency_key: Commerce.idempotencyKey
  }),
  response: RequestResponse,
  // Moves the contract (and its billing) to another member: cannot be undone.
  safety: "unsafe",
  role: "user",
  idempotencyKey: true,
  errors: [NotFound],
  resource
})

/**
 * What terminating a subscription now would cost: the fee, the refund of the last bill and the
 * final amount.
 *
 * @since 0.1.0
 * @category models
 */
export const TerminationFee = Schema.Struct({
  termination_fee: opt(Schema.Number),
  refund_amount: opt(Schema.Number),
  last_bill_refund_price: opt(Schema.Number),
  final_fee: opt(Schema.Number)
})

/**
 * Estimates the termination fee before asking for a termination
 * (`calculateTerminationFee(id, orderNumber?, idempotencyKey?)` on the facade).
 *
 * `GET /order_subscriptions/requests/ing/calculate_termination_fee`.
 *
 * @since 0.1.0
 * @category operations
 */
export const calculateTerminationFee = Commerce.make({
  module: "OrderSubscriptionRequestIng",
  name: "calculateTerminationFee",
  method: "GET",
  path: "/order_subscriptions/requests/ing/calculate_termination_fee",
  request: Schema.Struct({ ...target, idempotency_key: Commerce.idempotencyKey }).pipe(
    Schema.filter(needsTarget)
  ),
  response: TerminationFee,
  safety: "read",
  role: "user",
  idempotencyKey: true,
  errors: [NotFound],
  resource,
  args: ["order_subscription_id", "order_number", "idempotency_key"]
})

/**
 * Asks to terminate a subscription early with the settlement given. It settles fees and refunds,
 * so it is never repeated once it may have reached Bootpay: a lost answer is `OutcomeUnknown` with
 * the call's `Idempotency-Key`.
 *
 * `POST /order_subscriptions/requests/ing/termination`.
 *
 * @since 0.1.0
 * @category operations
 */
export const termination = Commerce.make({
  module: "OrderSubscriptionRequestIng",
  name: "termination",
  method: "POST",
  path: "/order_subscriptions/requests/ing/termination",
  request: Schema.Struct({
    ...target,
    termination_fee: Schema.optional(KrwOrZero),
    last_bill_refund_price: Schema.optional(KrwOrZero),
    final_fee: Schema.optional(Schema.Number),
    service_end_at: Schema.optional(Commerce.DateText),
    reason: Schema.optional(Text),
    idempotency_key: Commerce.idempotencyKey
  }).pipe(Schema.filter(needsTarget)),
  response: RequestResponse,
  // Ends the contract with a fee: cannot be undone.
  safety: "unsafe",
  role: "user",
  idempotencyKey: true,
  errors: [NotFound],
  resource
})
