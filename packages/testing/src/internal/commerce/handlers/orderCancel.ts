/**
 * Order cancellations (주문 취소): a request waits (`status` requested) until the merchant approves
 * or rejects it or the buyer withdraws it; only a waiting request can change, so approving,
 * rejecting or withdrawing it a second time is refused with 409 `ORDER_CANCEL_NOT_PENDING`.
 * Approving cancels `cancel_price` of the order (the whole remaining amount when no price or product
 * price is given): the order becomes cancelled when nothing is left, partially cancelled otherwise.
 * Inferences: a second request while one waits is refused (409 `ORDER_CANCEL_ALREADY_REQUESTED`),
 * as is a reused `cancel_id` (409 `DUPLICATE_CANCEL_ID`), a request on a cancelled order (400
 * `ORDER_ALREADY_CANCELLED`) and more than the amount left (400 `CANCEL_PRICE_EXCEEDED`);
 * `cancel_immediately` is not modelled (every request waits). `list` answers `{ items, total }`
 * (page and limit honoured), each request also appears in its order's
 * `cancelled_request_history`. Status codes: `FakeCommerce.CancellationStatus`.
 */
import { CancellationStatus, type CommerceState, OrderStatus } from "../../../FakeCommerce.js"
import type { Json } from "../../../FakeStore.js"
import { type CommerceHandler, data, failure, notFound, page, requireFields } from "../reply.js"
import { findOrder } from "./order.js"

const requests = (state: CommerceState) => state.collection("orderCancellations")

const remaining = (order: Json) => Number(order.total_price ?? 0) - Number(order.cancelled_price ?? 0)

/** Keeps the order's `cancelled_request_history` entry of a request in step with it. */
const sync = (state: CommerceState, request: Json) => {
  const order = state.orders.get(String(request.order_id))
  if (order === undefined) return
  const history = Array.isArray(order.cancelled_request_history)
    ? (order.cancelled_request_history as Array<Json>)
    : []
  const entry = {
    order_cancellation_request_id: request.order_cancellation_request_id,
    order_id: request.order_id,
    status: request.status,
    cancel_reason: request.cancel_message,
    requested_at: request.requested_at,
    ...(request.processed_at === undefined ? {} : { processed_at: request.processed_at })
  }
  const index = history.findIndex(
    (item) => item.order_cancellation_request_id === request.order_cancellation_request_id
  )
  if (index >= 0) history[index] = entry
  else history.push(entry)
  order.cancelled_request_history = history
  order.updated_at = state.nowIso()
}

const priceOf = (parameters: Json, order: Json): number => {
  if (typeof parameters.cancel_price === "number") return parameters.cancel_price
  const products = Array.isArray(parameters.cancel_products)
    ? (parameters.cancel_products as Array<Json>)
    : []
  const priced = products.filter((product) => typeof product.cancel_price === "number")
  return priced.length > 0
    ? priced.reduce((sum, product) => sum + Number(product.cancel_price), 0)
    : remaining(order)
}

export const list: CommerceHandler = ({ state, query }) => {
  const found = [...requests(state).values()].filter(
    (request) =>
      (query.order_number === undefined || request.order_number === query.order_number) &&
      (query.order_id === undefined || request.order_id === query.order_id)
  )
  return data(page(structuredClone(found), query))
}

export const request: CommerceHandler = ({ state, body }) => {
  const absent = requireFields(body, ["order_number"])
  if (absent !== undefined) return absent
  const order = findOrder(state.orders, String(body.order_number))
  if (order === undefined) return notFound("order", String(body.order_number))
  if (order.status === OrderStatus.cancelled || remaining(order) <= 0) {
    return failure(400, "ORDER_ALREADY_CANCELLED", "the order is already cancelled")
  }
  const all = [...requests(state).values()]
  if (all.some((r) => r.order_id === order.order_id && r.status === CancellationStatus.requested)) {
    return failure(409, "ORDER_CANCEL_ALREADY_REQUESTED", "a cancellation of this order is waiting")
  }
  const parameters = (body.request_cancel_parameters ?? {}) as Json
  if (parameters.cancel_id !== undefined && all.some((r) => r.cancel_id === parameters.cancel_id)) {
    return failure(409, "DUPLICATE_CANCEL_ID", "cancel_id was used before")
  }
  const price = priceOf(parameters, order)
  if (price <= 0 || price > remaining(order)) {
    return failure(400, "CANCEL_PRICE_EXCEEDED", "the cancel price exceeds what is left of the order")
  }
  const now = state.nowIso()
  const record: Json = {
    order_cancellation_request_id: state.nextId(),
    order_id: order.order_id,
    order_number: order.order_number,
    status: CancellationStatus.requested,
    cancel_price: price,
    cancel_tax_free_price: parameters.cancel_tax_free_price ?? 0,
    ...(parameters.cancel_id === undefined ? {} : { cancel_id: parameters.cancel_id }),
    ...(parameters.cancel_message === undefined ? {} : { cancel_message: parameters.cancel_message }),
    request_cancel_parameters: parameters,
    requested_at: now,
    created_at: now,
    updated_at: now
  }
  requests(state).set(String(record.order_cancellation_request_id), record)
  sync(state, record)
  return data(structuredClone(record))
}

/** Moves a waiting request to `status`, or refuses. */
const decide =
  (status: number, apply?: (state: CommerceState, request: Json) => void): CommerceHandler =>
  ({ state, params, body }) => {
    const id = params.order_cancellation_request_id!
    const record = requests(state).get(id)
    if (record === undefined) return notFound("order_cancellation_request", id)
    if (record.status !== CancellationStatus.requested) {
      return failure(409, "ORDER_CANCEL_NOT_PENDING", "the cancellation request is no longer waiting")
    }
    apply?.(state, record)
    const now = state.nowIso()
    record.status = status
    record.processed_at = now
    record.updated_at = now
    if (typeof body.message === "string") record.message = body.message
    sync(state, record)
    return data(structuredClone(record))
  }

export const withdraw = decide(CancellationStatus.withdrawn)

export const approve = decide(CancellationStatus.approved, (state, record) => {
  const order = state.orders.get(String(record.order_id))
  if (order === undefined) return
  order.cancelled_price = Number(order.cancelled_price ?? 0) + Number(record.cancel_price)
  order.status = remaining(order) <= 0 ? OrderStatus.cancelled : OrderStatus.partiallyCancelled
})

export const reject = decide(CancellationStatus.rejected)
