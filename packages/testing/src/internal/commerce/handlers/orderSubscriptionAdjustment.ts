/**
 * Subscription adjustments (회차별 금액 조정), the rules of Bootpay's Node SDK 2.11.0: cycles run
 * from 1 to the contract's total (60 for an unlimited contract); a cycle already paid is refused
 * (400 `ADJUSTMENT_CYCLE_ALREADY_PAID`), a cycle past the contract too (400
 * `ADJUSTMENT_CYCLE_OUT_OF_RANGE`), and if any cycle of the request would be billed below zero the
 * whole request is refused (400 `ADJUSTMENT_NEGATIVE_PRICE`) and nothing changes. Every change
 * re-bills the unpaid cycles (the subscription's price plus the cycle's adjustments).
 *
 * Inferences: `create` stores one adjustment per cycle and answers the first with every one in
 * `adjustments`; a `type` left out is the fake's setup-price code 2 when `price` is above zero, else
 * the period discount 1; `update` with `adjustments` answers the cycle's first adjustment with all of
 * them in `adjustments`, with `order_subscription_adjustment_id` the changed one; an adjustment of
 * another subscription is 404; a `delete` naming the adjustment in the query string instead of the
 * JSON body is refused (400), as Bootpay ignores it there.
 */
import { AdjustmentType, BillStatus, type CommerceState, cyclesOf } from "../../../FakeCommerce.js"
import type { Json } from "../../../FakeStore.js"
import { type CommerceHandler, data, failure, notFound, requireFields } from "../reply.js"
import { adjustmentsOf, billsOf, reprice } from "./orderSubscription.js"

const store = (state: CommerceState) => state.collection("orderSubscriptionAdjustments")

/**
 * Why adjustments `next` (by cycle, replacing what the cycles had) cannot apply, or `undefined`.
 */
const refusal = (state: CommerceState, subscription: Json, next: ReadonlyMap<number, Array<Json>>) => {
  const bills = billsOf(state, subscription.order_subscription_id)
  const last = cyclesOf(subscription)
  for (const [cycle, adjustments] of next) {
    if (!Number.isSafeInteger(cycle) || cycle < 1 || cycle > last) {
      return failure(400, "ADJUSTMENT_CYCLE_OUT_OF_RANGE", `cycle ${cycle} is outside 1..${last}`)
    }
    if (bills.some((bill) => bill.duration === cycle && bill.status === BillStatus.paid)) {
      return failure(400, "ADJUSTMENT_CYCLE_ALREADY_PAID", `cycle ${cycle} is already paid`)
    }
    const total = adjustments.reduce((sum, adjustment) => sum + Number(adjustment.price ?? 0), 0)
    if (Number(subscription.price) + total < 0) {
      return failure(400, "ADJUSTMENT_NEGATIVE_PRICE", `cycle ${cycle} would be billed below zero`)
    }
  }
  return undefined
}

const cycleAdjustments = (state: CommerceState, subscription: Json, cycle: number) =>
  adjustmentsOf(state, subscription.order_subscription_id).filter(
    (adjustment) => adjustment.duration === cycle
  )

const made = (state: CommerceState, subscription: Json, cycle: number, fields: Json): Json => {
  const price = typeof fields.price === "number" ? fields.price : 0
  return {
    order_subscription_adjustment_id: state.nextId(),
    order_subscription_id: subscription.order_subscription_id,
    duration: cycle,
    price,
    tax_free_price: typeof fields.tax_free_price === "number" ? fields.tax_free_price : 0,
    ...(fields.name === undefined ? {} : { name: fields.name }),
    type: fields.type ?? (price > 0 ? AdjustmentType.setupPrice : AdjustmentType.periodDiscount),
    created_at: state.nowIso()
  }
}

const cyclesOfRequest = (body: Json, subscription: Json): Array<number> | undefined => {
  if (body.duration_from === undefined) return [typeof body.duration === "number" ? body.duration : 1]
  const from = Number(body.duration_from)
  const to = body.is_unlimited === true ? cyclesOf(subscription) : Number(body.duration_to)
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || to < from) return undefined
  return Array.from({ length: to - from + 1 }, (_, index) => from + index)
}

const subscriptionOf = (state: CommerceState, id: string) => state.subscriptions.get(id)

const answer = (first: Json, all: ReadonlyArray<Json>) =>
  data({ ...structuredClone(first), adjustments: structuredClone(all) })

export const create: CommerceHandler = ({ state, params, body }) => {
  const subscription = subscriptionOf(state, params.order_subscription_id!)
  if (subscription === undefined) return notFound("order_subscription", params.order_subscription_id!)
  const cycles = cyclesOfRequest(body, subscription)
  if (cycles === undefined)
    return failure(400, "INVALID_PARAMETER", "duration_from..duration_to is not a range")
  const created = cycles.map((cycle) => made(state, subscription, cycle, body))
  const next = new Map(
    cycles.map((cycle, index) => [cycle, [...cycleAdjustments(state, subscription, cycle), created[index]!]])
  )
  const refused = refusal(state, subscription, next)
  if (refused !== undefined) return refused
  for (const adjustment of created)
    store(state).set(String(adjustment.order_subscription_adjustment_id), adjustment)
  reprice(state, subscription)
  return answer(created[0]!, created)
}

export const update: CommerceHandler = ({ state, params, body }) => {
  const subscription = subscriptionOf(state, params.order_subscription_id!)
  if (subscription === undefined) return notFound("order_subscription", params.order_subscription_id!)
  if (Array.isArray(body.adjustments)) {
    const cycle = typeof body.duration === "number" ? body.duration : 1
    const replacing = (body.adjustments as Array<Json>).map((fields) =>
      made(state, subscription, cycle, fields)
    )
    const refused = refusal(state, subscription, new Map([[cycle, replacing]]))
    if (refused !== undefined) return refused
    for (const old of cycleAdjustments(state, subscription, cycle)) {
      store(state).delete(String(old.order_subscription_adjustment_id))
    }
    for (const adjustment of replacing)
      store(state).set(String(adjustment.order_subscription_adjustment_id), adjustment)
    reprice(state, subscription)
    return replacing.length === 0
      ? data({ duration: cycle, adjustments: [] })
      : answer(replacing[0]!, replacing)
  }
  const absent = requireFields(body, ["order_subscription_adjustment_id"])
  if (absent !== undefined) return absent
  const id = String(body.order_subscription_adjustment_id)
  const existing = store(state).get(id)
  if (existing === undefined || existing.order_subscription_id !== subscription.order_subscription_id) {
    return notFound("order_subscription_adjustment", id)
  }
  const changed: Json = { ...existing }
  for (const key of ["price", "tax_free_price", "name", "type"]) {
    if (body[key] !== undefined) changed[key] = body[key]
  }
  const cycle = Number(existing.duration)
  const others = cycleAdjustments(state, subscription, cycle).filter(
    (adjustment) => adjustment.order_subscription_adjustment_id !== id
  )
  const refused = refusal(state, subscription, new Map([[cycle, [...others, changed]]]))
  if (refused !== undefined) return refused
  Object.assign(existing, changed)
  reprice(state, subscription)
  return data(structuredClone(existing))
}

export const remove: CommerceHandler = ({ state, params, query, body }) => {
  const subscription = subscriptionOf(state, params.order_subscription_id!)
  if (subscription === undefined) return notFound("order_subscription", params.order_subscription_id!)
  if (query.order_subscription_adjustment_id !== undefined) {
    return failure(400, "INVALID_PARAMETER", "order_subscription_adjustment_id goes in the JSON body")
  }
  const absent = requireFields(body, ["order_subscription_adjustment_id"])
  if (absent !== undefined) return absent
  const id = String(body.order_subscription_adjustment_id)
  const existing = store(state).get(id)
  if (existing === undefined || existing.order_subscription_id !== subscription.order_subscription_id) {
    return notFound("order_subscription_adjustment", id)
  }
  const cycle = Number(existing.duration)
  const others = cycleAdjustments(state, subscription, cycle).filter(
    (adjustment) => adjustment.order_subscription_adjustment_id !== id
  )
  const refused = refusal(state, subscription, new Map([[cycle, others]]))
  if (refused !== undefined) return refused
  store(state).delete(id)
  reprice(state, subscription)
  return data(null)
}
