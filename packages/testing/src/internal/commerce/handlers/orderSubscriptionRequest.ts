/**
 * A buyer's subscription change requests (`orderSubscription.requestIng`) and the merchant's answer
 * to them (`orderSubscriptionRequest`). A request waits (`status` requested) until `update`
 * approves or rejects it; only then does the subscription change: an approved pause pauses it
 * (from `paused_at`), a resume reactivates it, a buy-out (`purchase`) or termination ends it
 * (unpaid bills cancelled, the settlement fields kept), a transfer gives it to `new_user_id`.
 *
 * Refusals: a request the subscription's state does not allow (pause: active only; resume: paused
 * only; the others: active or paused) is 409 `SUBSCRIPTION_STATE_INVALID`, also when an approval
 * finds the state changed meanwhile; a second waiting request of the same kind is 409
 * `SUBSCRIPTION_REQUEST_ALREADY_WAITING`; answering a request twice is 409
 * `SUBSCRIPTION_REQUEST_ALREADY_PROCESSED`; a transfer without `new_user_id` or `new_username` is
 * 400; `list` or `detail` with `project_id` under a role other than supervisor is refused the way
 * Bootpay refuses a scope (403 `scope_invalid`).
 *
 * Inferences: a request answers the subscription with the new request's
 * `order_subscription_request_history_id` beside it; `calculateTerminationFee` does not model
 * Bootpay's fee rules: it answers the subscription's seeded `termination_fee` and
 * `last_bill_refund_price` (0 unless seeded), `refund_amount` = the refund, `final_fee` = fee −
 * refund. Codes: `FakeCommerce.ChangeRequestType`, `ChangeRequestStatus`.
 */
import {
  ChangeRequestStatus,
  ChangeRequestType,
  type CommerceState,
  SubscriptionStatus
} from "../../../FakeCommerce.js"
import type { Json } from "../../../FakeStore.js"
import { type CommerceHandler, data, defined, failure, notFound, page, requireFields } from "../reply.js"
import { findSubscription, terminate } from "./orderSubscription.js"

type Kind = keyof typeof ChangeRequestType

const requests = (state: CommerceState) => state.collection("orderSubscriptionRequests")

const { active, paused, terminated } = SubscriptionStatus

/** The subscription states a request of each kind may start from. */
const allowedFrom: Readonly<Record<Kind, ReadonlyArray<unknown>>> = {
  pause: [active],
  resume: [paused],
  purchase: [active, paused],
  transfer: [active, paused],
  termination: [active, paused]
}

const payloadKeys = [
  "reason",
  "paused_at",
  "expected_resume_at",
  "resume_at",
  "price",
  "tax_free_price",
  "new_user_id",
  "new_username",
  "new_user_email",
  "new_user_phone",
  "new_user_address",
  "wallet_id",
  "termination_fee",
  "last_bill_refund_price",
  "final_fee",
  "service_end_at"
] as const

const stateRefusal = (subscription: Json, kind: Kind) =>
  allowedFrom[kind].includes(subscription.status)
    ? undefined
    : failure(
        409,
        "SUBSCRIPTION_STATE_INVALID",
        `a ${kind} request cannot be made on a subscription of status ${String(subscription.status)}`
      )

const ask =
  (kind: Kind): CommerceHandler =>
  ({ state, body }) => {
    const id = (body.order_subscription_id ?? body.order_number) as string | undefined
    if (id === undefined)
      return failure(400, "INVALID_PARAMETER", "order_subscription_id or order_number is required")
    const subscription = findSubscription(state, String(id))
    if (subscription === undefined) return notFound("order_subscription", String(id))
    const refused = stateRefusal(subscription, kind)
    if (refused !== undefined) return refused
    if (kind === "transfer" && body.new_user_id === undefined && body.new_username === undefined) {
      return failure(400, "INVALID_PARAMETER", "new_user_id or new_username is required")
    }
    const type = ChangeRequestType[kind]
    const waiting = [...requests(state).values()].some(
      (request) =>
        request.order_subscription_id === subscription.order_subscription_id &&
        request.request_type === type &&
        request.status === ChangeRequestStatus.requested
    )
    if (waiting) {
      return failure(409, "SUBSCRIPTION_REQUEST_ALREADY_WAITING", `a ${kind} request is already waiting`)
    }
    const now = state.nowIso()
    const request: Json = {
      order_subscription_request_history_id: state.nextId(),
      order_subscription_id: subscription.order_subscription_id,
      user_id: subscription.user_id,
      project_id: "fake-project",
      request_type: type,
      status: ChangeRequestStatus.requested,
      ...defined(body, payloadKeys),
      requested_at: now,
      processed_at: null,
      created_at: now,
      updated_at: now
    }
    requests(state).set(String(request.order_subscription_request_history_id), request)
    return data({
      ...structuredClone(subscription),
      order_subscription_request_history_id: request.order_subscription_request_history_id
    })
  }

export const pause = ask("pause")
export const resume = ask("resume")
export const purchase = ask("purchase")
export const transfer = ask("transfer")
export const termination = ask("termination")

export const calculateTerminationFee: CommerceHandler = ({ state, query }) => {
  const id = query.order_subscription_id ?? query.order_number
  if (id === undefined)
    return failure(400, "INVALID_PARAMETER", "order_subscription_id or order_number is required")
  const subscription = findSubscription(state, id)
  if (subscription === undefined) return notFound("order_subscription", id)
  if (subscription.status === terminated) {
    return failure(409, "SUBSCRIPTION_STATE_INVALID", "the subscription has ended")
  }
  const fee = Number(subscription.termination_fee ?? 0)
  const refund = Number(subscription.last_bill_refund_price ?? 0)
  return data({
    termination_fee: fee,
    refund_amount: refund,
    last_bill_refund_price: refund,
    final_fee: fee - refund
  })
}

/** `project_id` reads in supervisor mode: another role is refused as Bootpay refuses a scope. */
const supervisorMode = (
  headers: Readonly<Record<string, string>>,
  query: Readonly<Record<string, string>>
) =>
  query.project_id !== undefined && (headers["bootpay-role"] ?? "user") !== "supervisor"
    ? failure(403, "scope_invalid", "scope_invalid! project_id needs the supervisor role")
    : undefined

export const list: CommerceHandler = ({ state, query, headers }) => {
  const refused = supervisorMode(headers, query)
  if (refused !== undefined) return refused
  const found = [...requests(state).values()].filter(
    (request) =>
      (query.order_subscription_id === undefined ||
        request.order_subscription_id === query.order_subscription_id) &&
      (query.status === undefined || String(request.status) === query.status) &&
      (query.request_type === undefined || String(request.request_type) === query.request_type) &&
      (query.user_id === undefined || request.user_id === query.user_id)
  )
  return data(page(structuredClone(found), query))
}

export const detail: CommerceHandler = ({ state, params, query, headers }) => {
  const refused = supervisorMode(headers, query)
  if (refused !== undefined) return refused
  const id = params.order_subscription_request_history_id!
  const request = requests(state).get(id)
  return request === undefined ? notFound("order_subscription_request", id) : data(structuredClone(request))
}

const kindOf = (type: unknown): Kind =>
  (Object.keys(ChangeRequestType) as Array<Kind>).find((kind) => ChangeRequestType[kind] === type) ?? "pause"

/** Carries out an approved request on its subscription. */
const carryOut = (state: CommerceState, request: Json, subscription: Json, body: Json) => {
  const kind = kindOf(request.request_type)
  const settlement = { ...request, ...defined(body, payloadKeys) }
  if (kind === "pause") {
    subscription.status = paused
    Object.assign(subscription, defined(settlement, ["paused_at", "expected_resume_at"]))
  } else if (kind === "resume") {
    subscription.status = active
    delete subscription.paused_at
    delete subscription.expected_resume_at
  } else if (kind === "transfer") {
    Object.assign(
      subscription,
      defined({ user_id: settlement.new_user_id, wallet_id: settlement.wallet_id }, ["user_id", "wallet_id"])
    )
  } else {
    terminate(state, subscription, settlement)
    subscription.status = terminated
    if (kind === "purchase") Object.assign(subscription, defined(settlement, ["price", "tax_free_price"]))
  }
  subscription.updated_at = state.nowIso()
}

export const update: CommerceHandler = ({ state, params, body }) => {
  const id = params.order_subscription_request_history_id!
  const request = requests(state).get(id)
  if (request === undefined) return notFound("order_subscription_request", id)
  const absent = requireFields(body, ["approval"])
  if (absent !== undefined) return absent
  if (body.approval !== "approve" && body.approval !== "reject") {
    return failure(400, "INVALID_PARAMETER", "approval must be approve or reject")
  }
  if (request.status !== ChangeRequestStatus.requested) {
    return failure(409, "SUBSCRIPTION_REQUEST_ALREADY_PROCESSED", "the request was already answered")
  }
  if (body.approval === "approve") {
    const subscription = state.subscriptions.get(String(request.order_subscription_id))
    if (subscription === undefined)
      return notFound("order_subscription", String(request.order_subscription_id))
    const refused = stateRefusal(subscription, kindOf(request.request_type))
    if (refused !== undefined) return refused
    carryOut(state, request, subscription, body)
  }
  const now = state.nowIso()
  request.status = body.approval === "approve" ? ChangeRequestStatus.approved : ChangeRequestStatus.rejected
  request.processed_at = now
  request.updated_at = now
  if (typeof body.reason === "string") request.answer_reason = body.reason
  return data(structuredClone(request))
}
