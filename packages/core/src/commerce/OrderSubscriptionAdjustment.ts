/**
 * Commerce subscription adjustments (회차별 금액 조정): a surcharge or discount on chosen cycles of a
 * subscription (supervisor role). Bootpay refuses a cycle already paid, and the whole request when
 * any cycle of it would be billed below zero.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { NotFound } from "../BootpayError.js"
import * as Commerce from "../internal/commerce.js"
import { Id, KrwOrZero, opt, Text } from "../internal/schemas.js"

/**
 * An adjustment's `type`: `1` is a period discount; Bootpay picks one when it is left out (a
 * setup price when `price` is above zero, else a period discount).
 *
 * @since 0.1.0
 * @category models
 */
export const PeriodDiscount = 1

/**
 * An adjustment as Bootpay Commerce returns it; `duration` is the cycle it applies to. A request
 * over several cycles may list them all in `adjustments`.
 *
 * @since 0.1.0
 * @category models
 */
export const CommerceOrderSubscriptionAdjustment = Schema.Struct({
  order_subscription_adjustment_id: opt(Schema.String),
  order_subscription_id: opt(Schema.String),
  duration: opt(Schema.Number),
  price: opt(Schema.Number),
  tax_free_price: opt(Schema.Number),
  name: opt(Schema.String),
  type: opt(Schema.Number),
  created_at: opt(Schema.String),
  adjustments: opt(
    Schema.Array(
      Schema.Struct({
        order_subscription_adjustment_id: opt(Schema.String),
        duration: opt(Schema.Number),
        price: opt(Schema.Number),
        tax_free_price: opt(Schema.Number),
        name: opt(Schema.String),
        type: opt(Schema.Number),
        created_at: opt(Schema.String)
      })
    )
  )
})

/** A cycle number: 1 or more. */
const Cycle = Commerce.PositiveInt

/** An amount that may be negative (a discount). */
const SignedKrw = Schema.Number.pipe(
  Schema.filter((n) => Number.isSafeInteger(n) || "must be a whole amount in KRW")
)

const resource = { name: "order_subscription", idField: "order_subscription_id" } as const

/**
 * The input of `create`: `price` (negative for a discount), and the cycles: `duration` (one
 * cycle), `duration_from` + `duration_to`, or `duration_from` + `is_unlimited`.
 *
 * @since 0.1.0
 * @category models
 */
export const CreateRequest = Schema.Struct({
  order_subscription_id: Id,
  price: Schema.optional(SignedKrw),
  tax_free_price: Schema.optional(KrwOrZero),
  name: Schema.optional(Text),
  type: Schema.optional(Schema.Number),
  duration: Schema.optional(Cycle),
  duration_from: Schema.optional(Cycle),
  duration_to: Schema.optional(Cycle),
  is_unlimited: Schema.optional(Schema.Boolean),
  idempotency_key: Commerce.idempotencyKey
}).pipe(
  Schema.filter((input) => {
    const ranged = input.duration_from !== undefined
    if (input.duration !== undefined && ranged) {
      return { path: ["duration"], message: "give duration or duration_from, not both" }
    }
    if (!ranged && (input.duration_to !== undefined || input.is_unlimited !== undefined)) {
      return { path: ["duration_from"], message: "duration_to and is_unlimited need duration_from" }
    }
    if (ranged && (input.duration_to === undefined) === (input.is_unlimited !== true)) {
      return { path: ["duration_to"], message: "give duration_to or is_unlimited: true with duration_from" }
    }
    if (
      input.duration_to !== undefined &&
      input.duration_from !== undefined &&
      input.duration_to < input.duration_from
    ) {
      return { path: ["duration_to"], message: "must not be before duration_from" }
    }
    return true
  })
)

/**
 * Adds an adjustment to one cycle or a range of cycles
 * (`create(orderSubscriptionId, adjustment, idempotencyKey?)` on the facade).
 *
 * `POST /order_subscriptions/{order_subscription_id}/adjustments`.
 *
 * @since 0.1.0
 * @category operations
 */
export const create = Commerce.make({
  module: "OrderSubscriptionAdjustment",
  name: "create",
  method: "POST",
  path: "/order_subscriptions/{order_subscription_id}/adjustments",
  request: CreateRequest,
  response: CommerceOrderSubscriptionAdjustment,
  safety: "idempotent",
  role: "supervisor",
  idempotencyKey: true,
  errors: [NotFound],
  resource,
  args: ["order_subscription_id", "...", "idempotency_key"]
})

/**
 * The input of `update`: `adjustments` replacing every adjustment of cycle `duration` (1 when
 * left out), or one adjustment's fields by `order_subscription_adjustment_id`.
 *
 * @since 0.1.0
 * @category models
 */
export const UpdateRequest = Schema.Struct({
  order_subscription_id: Id,
  duration: Schema.optional(Cycle),
  adjustments: Schema.optional(
    Schema.Array(
      Schema.Struct({
        order_subscription_adjustment_id: Schema.optional(Id),
        price: Schema.optional(SignedKrw),
        tax_free_price: Schema.optional(KrwOrZero),
        name: Schema.optional(Text),
        type: Schema.optional(Schema.Number)
      })
    )
  ),
  order_subscription_adjustment_id: Schema.optional(Id),
  price: Schema.optional(SignedKrw),
  tax_free_price: Schema.optional(KrwOrZero),
  name: Schema.optional(Text),
  type: Schema.optional(Schema.Number),
  idempotency_key: Commerce.idempotencyKey
}).pipe(
  Schema.filter((input) =>
    input.adjustments === undefined && input.order_subscription_adjustment_id === undefined
      ? { path: ["adjustments"], message: "adjustments or order_subscription_adjustment_id is required" }
      : true
  )
)

/**
 * Replaces a cycle's adjustments, or changes one adjustment.
 *
 * `PUT /order_subscriptions/{order_subscription_id}/adjustments`.
 *
 * @since 0.1.0
 * @category operations
 */
export const update = Commerce.make({
  module: "OrderSubscriptionAdjustment",
  name: "update",
  method: "PUT",
  path: "/order_subscriptions/{order_subscription_id}/adjustments",
  request: UpdateRequest,
  response: CommerceOrderSubscriptionAdjustment,
  safety: "idempotent",
  role: "supervisor",
  idempotencyKey: true,
  errors: [NotFound],
  resource
})

/**
 * Removes an adjustment; the adjustment id goes in a JSON body, as Bootpay requires.
 *
 * `DELETE /order_subscriptions/{order_subscription_id}/adjustments`.
 *
 * @since 0.1.0
 * @category operations
 */
const remove = Commerce.make({
  module: "OrderSubscriptionAdjustment",
  name: "delete",
  method: "DELETE",
  path: "/order_subscriptions/{order_subscription_id}/adjustments",
  request: Schema.Struct({
    order_subscription_id: Id,
    order_subscription_adjustment_id: Id,
    idempotency_key: Commerce.idempotencyKey
  }),
  response: Schema.NullOr(Schema.Unknown),
  safety: "idempotent",
  role: "supervisor",
  idempotencyKey: true,
  bodyOnDelete: true,
  errors: [NotFound],
  resource: { name: "order_subscription_adjustment", idField: "order_subscription_adjustment_id" },
  args: ["order_subscription_id", "order_subscription_adjustment_id", "idempotency_key"]
})

export {
  /**
   * Removes an adjustment; the adjustment id goes in a JSON body, as Bootpay requires.
   *
   * `DELETE /order_subscriptions/{order_subscription_id}/adjustments`.
   *
   * @since 0.1.0
   * @category operations
   */
  remove as delete
}
