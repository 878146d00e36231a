/**
 * Commerce subscriptions (정기구독): the list, one subscription, the merchant's (supervisor role)
 * changes, approval, pause, resume and termination, and on-demand charges with a `charge_key`.
 * The buyer's change requests are `Commerce.OrderSubscriptionRequestIng`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { NotFound } from "../BootpayError.js"
import * as Commerce from "../internal/commerce.js"
import { Id, idOr, JsonObject, Krw, KrwOrZero, opt, Text } from "../internal/schemas.js"
import * as Paging from "./Paging.js"

/**
 * A subscription as Bootpay Commerce returns it; fields Bootpay adds later are kept.
 *
 * @since 0.1.0
 * @category models
 */
export const CommerceOrderSubscription = Schema.Struct({
  order_subscription_id: Schema.String,
  seller_id: opt(Schema.String),
  project_id: opt(Schema.String),
  order_id: opt(Schema.String),
  order_number: opt(Schema.String),
  order_pre_id: opt(Schema.String),
  user_id: opt(Schema.String),
  user_group_id: opt(Schema.String),
  wallet_id: opt(Schema.String),
  subscription_billing_type: opt(Schema.Number),
  subscription_payment_cycle_type: opt(Schema.Number),
  subscription_payment_date: opt(Schema.Number),
  subscription_billing_base_day: opt(Schema.Number),
  quantity: opt(Schema.Number),
  is_first_prepaid: opt(Schema.Boolean),
  one_unit_price: opt(Schema.Number),
  one_unit_tax_free_price: opt(Schema.Number),
  price: opt(Schema.Number),
  tax_free_price: opt(Schema.Number),
  setup_price: opt(Schema.Number),
  unit: opt(Schema.Number),
  order_name: opt(Schema.String),
  product_name: opt(Schema.String),
  option_names: opt(Schema.Array(Schema.String)),
  service_start_at: opt(Schema.String),
  service_end_at: opt(Schema.String),
  last_billing_created_at: opt(Schema.String),
  latest_purchased_at: opt(Schema.String),
  latest_failed_at: opt(Schema.String),
  payment_next_at: opt(Schema.String),
  current_duration: opt(Schema.Number),
  created_last_duration: opt(Schema.Number),
  payment_last_duration: opt(Schema.Number),
  total_subscription_duration: opt(Schema.Number),
  membership_type: opt(Schema.Union(Schema.Number, Schema.String)),
  use_subscription_times: opt(Schema.Boolean),
  renewal_status: opt(Schema.Number),
  cancel_status: opt(Schema.Number),
  status: opt(Schema.Union(Schema.Number, Schema.String)),
  cancel_at: opt(Schema.String),
  created_at: opt(Schema.String),
  updated_at: opt(Schema.String)
})

/**
 * A subscription.
 *
 * @since 0.1.0
 * @category models
 */
export type CommerceOrderSubscription = typeof CommerceOrderSubscription.Type

/**
 * The filters of `list`. The dates are `search_date_from`/`search_date_to` (or `s_at`/`e_at`), not
 * the order list's `css_at`/`cse_at`; `order_number` finds an order's subscription.
 *
 * @since 0.1.0
 * @category models
 */
export const ListRequest = Schema.Struct({
  ...Commerce.paging,
  keyword: Schema.optional(Text),
  search_date_from: Schema.optional(Commerce.DateText),
  search_date_to: Schema.optional(Commerce.DateText),
  s_at: Schema.optional(Commerce.DateText),
  e_at: Schema.optional(Commerce.DateText),
  request_type: Schema.optional(Schema.Union(Text, Schema.Number)),
  user_group_id: Schema.optional(Id),
  user_id: Schema.optional(Id),
  status: Schema.optional(Schema.Number),
  order_number: Schema.optional(Id)
})

/**
 * One page of subscriptions, as Bootpay sends it (see `listAll` for every page).
 *
 * `GET /order_subscriptions`.
 *
 * @since 0.1.0
 * @category operations
 */
export const list = Commerce.make({
  module: "OrderSubscription",
  name: "list",
  method: "GET",
  path: "/order_subscriptions",
  request: Schema.UndefinedOr(ListRequest),
  response: Paging.Page(CommerceOrderSubscription),
  safety: "read"
})

/**
 * Every subscription matching the filters, page after page, as a `Stream`.
 *
 * @since 0.1.0
 * @category walkers
 */
export const listAll = Paging.walker(list)

const resource = { name: "order_subscription", idField: "order_subscription_id" } as const

/**
 * One subscription, by id or external uid.
 *
 * `GET /order_subscriptions/{order_subscription_id}`.
 *
 * @since 0.1.0
 * @category operations
 */
export const detail = Commerce.make({
  module: "OrderSubscription",
  name: "detail",
  method: "GET",
  path: "/order_subscriptions/{order_subscription_id}",
  request: idOr("order_subscription_id", {}),
  response: CommerceOrderSubscription,
  safety: "read",
  errors: [NotFound],
  resource,
  args: ["order_subscription_id"]
})

/**
 * The input of `update`: only the fields that change. `price` is the base price of a cycle
 * (above zero): the cycles not yet paid are billed anew at it; `memo` is kept in the change log.
 *
 * @since 0.1.0
 * @category models
 */
export const UpdateRequest = Schema.Struct({
  order_subscription_id: Id,
  product_id: Schema.optional(Id),
  product_option_id: Schema.optional(Id),
  order_name: Schema.optional(Text),
  total_subscription_duration: Schema.optional(Schema.Number),
  quantity: Schema.optional(Schema.Number),
  address_id: Schema.optional(Id),
  username: Schema.optional(Text),
  phone: Schema.optional(Text),
  email: Schema.optional(Text),
  use_free_trial: Schema.optional(Schema.Boolean),
  free_trial_day: Schema.optional(Schema.Number),
  service_start_at: Schema.optional(Commerce.DateText),
  next_billing_at: Schema.optional(Commerce.DateText),
  billing_key: Schema.optional(Id),
  status: Schema.optional(Schema.Number),
  payment_next_at: Schema.optional(Commerce.DateText),
  service_end_at: Schema.optional(Commerce.DateText),
  price: Schema.optional(Krw),
  memo: Schema.optional(Text),
  idempotency_key: Commerce.idempotencyKey
})

/**
 * Changes a subscription's contract (supervisor role).
 *
 * `PUT /order_subscriptions/{order_subscription_id}`.
 *
 * @since 0.1.0
 * @category operations
 */
export const update = Commerce.make({
  module: "OrderSubscription",
  name: "update",
  method: "PUT",
  path: "/order_subscriptions/{order_subscription_id}",
  request: UpdateRequest,
  response: CommerceOrderSubscription,
  safety: "idempotent",
  role: "supervisor",
  idempotencyKey: true,
  errors: [NotFound],
  resource
})

const supervisorAction = <A, I>(
  name: string,
  action: string,
  request: Schema.Schema<A, I>,
  safety: "idempotent" | "unsafe"
) =>
  Commerce.make({
    module: "OrderSubscription",
    name,
    method: "PUT",
    path: `/order_subscriptions/{order_subscription_id}/${action}`,
    request,
    response: CommerceOrderSubscription,
    safety,
    role: "supervisor",
    idempotencyKey: true,
    errors: [NotFound],
    resource,
    args: ["order_subscription_id", "..."]
  })

/**
 * Approves a subscription waiting for the merchant (supervisor role);
 * `supervisorApprove(id, { reason })` on the facade.
 *
 * `PUT /order_subscriptions/{order_subscription_id}/approve`.
 *
 * @since 0.1.0
 * @category operations
 */
export const supervisorApprove = supervisorAction(
  "supervisorApprove",
  "approve",
  Schema.Struct({
    order_subscription_id: Id,
    reason: Schema.optional(Text),
    idempotency_key: Commerce.idempotencyKey
  }),
  "idempotent"
)

/**
 * Rejects a subscription waiting for the merchant (supervisor role).
 *
 * `PUT /order_subscriptions/{order_subscription_id}/reject`.
 *
 * @since 0.1.0
 * @category operations
 */
export const supervisorReject = supervisorAction(
  "supervisorReject",
  "reject",
  Schema.Struct({
    order_subscription_id: Id,
    reason: Schema.optional(Text),
    idempotency_key: Commerce.idempotencyKey
  }),
  "idempotent"
)

/**
 * Terminates a subscription (supervisor role), with the settlement given. It cannot be undone, so
 * it is never repeated once it may have reached Bootpay: a lost answer is `OutcomeUnknown` with
 * the call's `Idempotency-Key`.
 *
 * `PUT /order_subscriptions/{order_subscription_id}/terminate`.
 *
 * @since 0.1.0
 * @category operations
 */
export const supervisorTerminate = supervisorAction(
  "supervisorTerminate",
  "terminate",
  Schema.Struct({
    order_subscription_id: Id,
    reason: Schema.optional(Text),
    termination_fee: Schema.optional(KrwOrZero),
    last_bill_refund_price: Schema.optional(KrwOrZero),
    final_fee: Schema.optional(Schema.Number),
    service_end_at: Schema.optional(Commerce.DateText),
    cancel_date: Schema.optional(Commerce.DateText),
    idempotency_key: Commerce.idempotencyKey
  }),
  // Ends the contract and settles fees and refunds: cannot be undone.
  "unsafe"
)

/**
 * Pauses an active subscription from `paused_at` (supervisor role).
 *
 * `PUT /order_subscriptions/{order_subscription_id}/pause`.
 *
 * @since 0.1.0
 * @category operations
 */
export const supervisorPause = supervisorAction(
  "supervisorPause",
  "pause",
  Schema.Struct({
    order_subscription_id: Id,
    paused_at: Commerce.DateText,
    reason: Schema.optional(Text),
    expected_resume_at: Schema.optional(Commerce.DateText),
    idempotency_key: Commerce.idempotencyKey
  }),
  "idempotent"
)

/**
 * Resumes a paused subscription (supervisor role).
 *
 * `PUT /order_subscriptions/{order_subscription_id}/resume`.
 *
 * @since 0.1.0
 * @category operations
 */
export const supervisorResume = supervisorAction(
  "supervisorResume",
  "resume",
  Schema.Struct({
    order_subscription_id: Id,
    reason: Schema.optional(Text),
    idempotency_key: Commerce.idempotencyKey
  }),
  "idempotent"
)

/**
 * An on-demand charge's answer: the order it made and its receipt.
 *
 * @since 0.1.0
 * @category models
 */
export const ChargeResponse = Schema.Struct({
  order_id: opt(Schema.String),
  order_number: opt(Schema.String),
  receipt_id: opt(Schema.String),
  charge_key: opt(Schema.String),
  price: opt(Schema.Number),
  tax_free_price: opt(Schema.Number),
  status: opt(Schema.Union(Schema.Number, Schema.String))
})

/**
 * Charges a `charge_key` now (supervisor role); the key goes in the body only, never in the URL.
 * It moves money, so it is never repeated once it may have reached Bootpay: a lost answer is
 * `OutcomeUnknown` with the call's `Idempotency-Key`.
 *
 * `POST /order_subscriptions/charge`.
 *
 * @since 0.1.0
 * @category operations
 */
export const supervisorCharge = Commerce.make({
  module: "OrderSubscription",
  name: "supervisorCharge",
  method: "POST",
  path: "/order_subscriptions/charge",
  request: Schema.Struct({
    charge_key: Id,
    price: Krw,
    tax_free_price: Schema.optional(KrwOrZero),
    user: Schema.optional(JsonObject),
    metadata: Schema.optional(JsonObject),
    idempotency_key: Commerce.idempotencyKey
  }).pipe(
    Schema.filter((input) =>
      input.tax_free_price !== undefined && input.tax_free_price > input.price
        ? { path: ["tax_free_price"], message: "must not exceed price" }
        : true
    )
  ),
  response: ChargeResponse,
  // Moves money: a repeat could charge twice.
  safety: "unsafe",
  role: "supervisor",
  idempotencyKey: true,
  errors: [NotFound],
  resource: { name: "charge_key", idField: "charge_key" }
})

/**
 * A revoked charge key.
 *
 * @since 0.1.0
 * @category models
 */
export const ChargeRevokeResponse = Schema.Struct({
  charge_key: opt(Schema.String),
  revoked_at: opt(Schema.String),
  status: opt(Schema.Union(Schema.Number, Schema.String))
})

/**
 * Revokes a `charge_key` (supervisor role): no charge can use it afterwards. Sent as a DELETE with
 * a JSON body, as Bootpay requires. It cannot be undone, so it is never repeated once it may have
 * reached Bootpay: a lost answer is `OutcomeUnknown` with the call's `Idempotency-Key`.
 *
 * `DELETE /order_subscriptions/charge`.
 *
 * @since 0.1.0
 * @category operations
 */
export const supervisorChargeRevoke = Commerce.make({
  module: "OrderSubscription",
  name: "supervisorChargeRevoke",
  method: "DELETE",
  path: "/order_subscriptions/charge",
  request: Schema.Struct({
    charge_key: Id,
    user: Schema.optional(JsonObject),
    idempotency_key: Commerce.idempotencyKey
  }),
  response: ChargeRevokeResponse,
  // The key is unusable afterwards: cannot be undone.
  safety: "unsafe",
  role: "supervisor",
  idempotencyKey: true,
  bodyOnDelete: true,
  errors: [NotFound],
  resource: { name: "charge_key", idField: "charge_key" }
})
