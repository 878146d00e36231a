/**
 * Subscriptions (정기구독), seeded with `createSubscription` (an order, the subscription and one
 * bill per cycle), and on-demand charge keys seeded with `createChargeKey`.
 *
 * The supervisor's transitions, refused (409) from any other state: approve and reject a pending
 * subscription (`SUBSCRIPTION_NOT_PENDING`); pause an active one (`SUBSCRIPTION_NOT_ACTIVE`);
 * resume a paused one (`SUBSCRIPTION_NOT_PAUSED`); terminate an active or paused one
 * (`SUBSCRIPTION_NOT_ACTIVE`; its unpaid bills are cancelled). `update` refuses a terminated or
 * rejected subscription (400 `SUBSCRIPTION_TERMINATED`); a new `price` re-bills every unpaid cycle
 * at it (plus that cycle's adjustments).
 *
 * A charge makes a paid order of `price` and answers its ids with a receipt id; an unknown key is
 * 404, a revoked one is refused (400 `CHARGE_KEY_REVOKED`), on a charge and on a second revoke.
 * Status codes: `FakeCommerce.SubscriptionStatus`, `BillStatus`, `ChargeKeyStatus` (Bootpay does not
 * document its own). Inferences: `detail` also finds a subscription by `external_uid`; `list`
 * filters on `keyword` (order name or number), `user_id`, `user_group_id`, `status` and
 * `order_number`, 20 per page; a `charge_key` in the query string (not the JSON body) is refused
 * (400).
 */
import { BillStatus, ChargeKeyStatus, type CommerceState, SubscriptionStatus } from "../../../FakeCommerce.js"
import type { Json } from "../../../FakeStore.js"
import { type CommerceHandler, data, defined, failure, notFound, page, requireFields } from "../reply.js"

/** A subscription by id, external uid or order number. */
export const findSubscription = (state: CommerceState, id: string | undefined): Json | undefined => {
  if (id === undefined) return undefined
  return (
    state.subscriptions.get(id) ??
    [...state.subscriptions.values()].find(
      (subscription) => subscription.external_uid === id || subscription.order_number === id
    )
  )
}

/** The bills of a subscription, by cycle. */
export const billsOf = (state: CommerceState, subscriptionId: unknown): Array<Json> =>
  [...state.bills.values()]
    .filter((bill) => bill.order_subscription_id === subscriptionId)
    .sort((a, b) => Number(a.duration) - Number(b.duration))

/** The adjustments of a subscription. */
export const adjustmentsOf = (state: CommerceState, subscriptionId: unknown): Array<Json> =>
  [...state.collection("orderSubscriptionAdjustments").values()].filter(
    (adjustment) => adjustment.order_subscription_id === subscriptionId
  )

/** Bills every unpaid cycle at the subscription's price plus that cycle's adjustments. */
export const reprice = (state: CommerceState, subscription: Json) => {
  const adjustments = adjustmentsOf(state, subscription.order_subscription_id)
  for (const bill of billsOf(state, subscription.order_subscription_id)) {
    if (bill.status !== BillStatus.ready) continue
    const extra = adjustments
      .filter((adjustment) => adjustment.duration === bill.duration)
      .reduce((sum, adjustment) => sum + Number(adjustment.price ?? 0), 0)
    bill.price = Number(subscription.price) + extra
  }
}

const shown = (subscription: Json): Json => structuredClone(subscription)

export const list: CommerceHandler = ({ state, query }) => {
  const keyword = query.keyword
  const found = [...state.subscriptions.values()].filter(
    (subscription) =>
      (keyword === undefined ||
        [subscription.order_name, subscription.order_number].some((v) =>
          String(v ?? "").includes(keyword)
        )) &&
      (query.user_id === undefined || subscription.user_id === query.user_id) &&
      (query.user_group_id === undefined || subscription.user_group_id === query.user_group_id) &&
      (query.status === undefined || String(subscription.status) === query.status) &&
      (query.order_number === undefined || subscription.order_number === query.order_number)
  )
  return data(page(found.map(shown), query))
}

export const detail: CommerceHandler = ({ state, params }) => {
  const subscription = findSubscription(state, params.order_subscription_id)
  return subscription === undefined
    ? notFound("order_subscription", params.order_subscription_id!)
    : data(shown(subscription))
}

const updateKeys = [
  "product_id",
  "product_option_id",
  "order_name",
  "total_subscription_duration",
  "quantity",
  "address_id",
  "username",
  "phone",
  "email",
  "use_free_trial",
  "free_trial_day",
  "service_start_at",
  "next_billing_at",
  "billing_key",
  "status",
  "payment_next_at",
  "service_end_at",
  "price",
  "memo"
] as const

const ended = (subscription: Json) =>
  subscription.status === SubscriptionStatus.terminated || subscription.status === SubscriptionStatus.rejected

export const update: CommerceHandler = ({ state, params, body }) => {
  const subscription = state.subscriptions.get(params.order_subscription_id!)
  if (subscription === undefined) return notFound("order_subscription", params.order_subscription_id!)
  if (ended(subscription)) return failure(400, "SUBSCRIPTION_TERMINATED", "the subscription has ended")
  if (body.price !== undefined && !(typeof body.price === "number" && body.price > 0)) {
    return failure(400, "INVALID_PARAMETER", "price must be above zero")
  }
  Object.assign(subscription, defined(body, updateKeys), { updated_at: state.nowIso() })
  if (body.price !== undefined) reprice(state, subscription)
  return data(shown(subscription))
}

/** A supervisor transition: from the states in `from` to `to`, or a 409 with `code`. */
const transition =
  (
    from: ReadonlyArray<number>,
    to: number,
    code: string,
    apply?: (state: CommerceState, subscription: Json, body: Json) => void
  ): CommerceHandler =>
  ({ state, params, body }) => {
    const subscription = state.subscriptions.get(params.order_subscription_id!)
    if (subscription === undefined) return notFound("order_subscription", params.order_subscription_id!)
    if (!from.includes(subscription.status as number)) {
      return failure(409, code, `the subscription cannot go from status ${String(subscription.status)}`)
    }
    apply?.(state, subscription, body)
    subscription.status = to
    subscription.updated_at = state.nowIso()
    if (typeof body.reason === "string") subscription.reason = body.reason
    return data(shown(subscription))
  }

/** Ends a subscription: its unpaid bills are cancelled. */
export const terminate = (state: CommerceState, subscription: Json, fields: Json) => {
  const now = state.nowIso()
  for (const bill of billsOf(state, subscription.order_subscription_id)) {
    if (bill.status === BillStatus.ready) bill.status = BillStatus.cancelled
  }
  Object.assign(
    subscription,
    defined(fields, [
      "termination_fee",
      "last_bill_refund_price",
      "final_fee",
      "service_end_at",
      "cancel_date"
    ]),
    { cancel_at: now }
  )
  if (subscription.service_end_at === undefined) subscription.service_end_at = now
}

const { pending, active, paused, terminated, rejected } = SubscriptionStatus

export const supervisorApprove = transition([pending], active, "SUBSCRIPTION_NOT_PENDING")
export const supervisorReject = transition([pending], rejected, "SUBSCRIPTION_NOT_PENDING")
export const supervisorTerminate = transition(
  [active, paused],
  terminated,
  "SUBSCRIPTION_NOT_ACTIVE",
  terminate
)

export const supervisorPause: CommerceHandler = (context) => {
  const absent = requireFields(context.body, ["paused_at"])
  if (absent !== undefined) return absent
  return transition([active], paused, "SUBSCRIPTION_NOT_ACTIVE", (_state, subscription, body) => {
    Object.assign(subscription, defined(body, ["paused_at", "expected_resume_at"]))
  })(context)
}

export const supervisorResume = transition(
  [paused],
  active,
  "SUBSCRIPTION_NOT_PAUSED",
  (_state, subscription) => {
    delete subscription.paused_at
    delete subscription.expected_resume_at
  }
)

const chargeKeys = (state: CommerceState) => state.collection("chargeKeys")

export const supervisorCharge: CommerceHandler = ({ state, body }) => {
  const absent = requireFields(body, ["charge_key", "price"])
  if (absent !== undefined) return absent
  const key = chargeKeys(state).get(String(body.charge_key))
  if (key === undefined) return notFound("charge_key", "(hidden)")
  if (key.status === ChargeKeyStatus.revoked) {
    return failure(400, "CHARGE_KEY_REVOKED", "the charge key was revoked")
  }
  if (!(typeof body.price === "number" && body.price > 0)) {
    return failure(400, "INVALID_PARAMETER", "price must be above zero")
  }
  const order = state.createOrder({
    total_price: body.price,
    tax_free_price: body.tax_free_price ?? 0,
    charge_key: key.charge_key,
    ...(key.order_subscription_id === undefined ? {} : { order_subscription_id: key.order_subscription_id }),
    ...(key.user_id === undefined ? {} : { user_id: key.user_id }),
    ...(body.metadata === undefined ? {} : { metadata: body.metadata })
  })
  key.charges = Number(key.charges ?? 0) + 1
  return data({
    order_id: order.order_id,
    order_number: order.order_number,
    receipt_id: order.receipt_id,
    charge_key: key.charge_key,
    price: order.total_price,
    tax_free_price: order.tax_free_price,
    status: order.status
  })
}

export const supervisorChargeRevoke: CommerceHandler = ({ state, query, body }) => {
  if (query.charge_key !== undefined) {
    return failure(400, "INVALID_PARAMETER", "charge_key goes in the JSON body, never in the URL")
  }
  const absent = requireFields(body, ["charge_key"])
  if (absent !== undefined) return absent
  const key = chargeKeys(state).get(String(body.charge_key))
  if (key === undefined) return notFound("charge_key", "(hidden)")
  if (key.status === ChargeKeyStatus.revoked) {
    return failure(400, "CHARGE_KEY_REVOKED", "the charge key was revoked")
  }
  key.status = ChargeKeyStatus.revoked
  key.revoked_at = state.nowIso()
  return data({ charge_key: key.charge_key, revoked_at: key.revoked_at, status: key.status })
}
