/**
 * Orders (주문), seeded with `createOrder` (or made by `supervisorCharge`). Inferences: `detail`
 * finds an order by id or `order_number`; `list` filters on `keyword` (order number or name),
 * `user_id`, `user_group_id`, `status` and `payment_status` (comma lists) and
 * `order_subscription_ids`, 20 per page, at most 50 (Bootpay clamps larger limits); `month`
 * answers `{ search_date, user_group_id, items, total, total_price }` for the group's orders
 * created in that `YYYY-MM` (Bootpay does not document its answer). Status codes: see
 * `FakeCommerce.OrderStatus`.
 */
import type { Json } from "../../../FakeStore.js"
import { type CommerceHandler, data, failure, notFound, page, requireFields } from "../reply.js"

/** An order by id or order number. */
export const findOrder = (orders: Map<string, Json>, id: string): Json | undefined =>
  orders.get(id) ?? [...orders.values()].find((order) => order.order_number === id)

const inList = (list: string | undefined, value: unknown) =>
  list === undefined || list.split(",").includes(String(value))

export const list: CommerceHandler = ({ state, query }) => {
  const keyword = query.keyword
  const orders = [...state.orders.values()].filter(
    (order) =>
      (keyword === undefined ||
        [order.order_number, order.order_name].some((v) => String(v ?? "").includes(keyword))) &&
      (query.user_id === undefined || order.user_id === query.user_id) &&
      (query.user_group_id === undefined || order.user_group_id === query.user_group_id) &&
      inList(query.status, order.status) &&
      inList(query.payment_status, order.payment_status ?? order.status) &&
      (query.order_subscription_ids === undefined ||
        query.order_subscription_ids.split(",").includes(String(order.order_subscription_id)))
  )
  const limit = String(Math.min(50, Math.max(1, Number(query.limit ?? 20) || 20)))
  return data(page(structuredClone(orders), { ...query, limit }))
}

export const detail: CommerceHandler = ({ state, params }) => {
  const order = findOrder(state.orders, params.order_id!)
  return order === undefined ? notFound("order", params.order_id!) : data(structuredClone(order))
}

export const month: CommerceHandler = ({ state, query }) => {
  const absent = requireFields(query, ["user_group_id", "search_date"])
  if (absent !== undefined) return absent
  if (!/^\d{4}-\d{2}$/.test(query.search_date!)) {
    return failure(400, "INVALID_PARAMETER", "search_date must be YYYY-MM")
  }
  const items = [...state.orders.values()].filter(
    (order) =>
      order.user_group_id === query.user_group_id &&
      String(order.created_at ?? "").startsWith(query.search_date!)
  )
  return data({
    search_date: query.search_date,
    user_group_id: query.user_group_id,
    items: structuredClone(items),
    total: items.length,
    total_price: items.reduce((sum, order) => sum + Number(order.total_price ?? 0), 0)
  })
}
