/**
 * Subscription bills (정기구독 청구서), one per cycle (`duration`), made by `createSubscription`.
 * `list` filters on `order_subscription_id`, `status` (comma list) and `keyword` (order number),
 * sorted by subscription and cycle, 20 per page. Inference: `update` refuses a bill that is paid or
 * cancelled (400 `BILL_NOT_EDITABLE`) and changes only the listed fields. Status codes:
 * `FakeCommerce.BillStatus`.
 */
import { BillStatus } from "../../../FakeCommerce.js"
import { type CommerceHandler, data, defined, failure, notFound, page } from "../reply.js"

export const list: CommerceHandler = ({ state, query }) => {
  const statuses = query.status?.split(",")
  const found = [...state.bills.values()]
    .filter(
      (bill) =>
        (query.order_subscription_id === undefined ||
          bill.order_subscription_id === query.order_subscription_id) &&
        (statuses === undefined || statuses.includes(String(bill.status))) &&
        (query.keyword === undefined || String(bill.order_number ?? "").includes(query.keyword))
    )
    .sort(
      (a, b) =>
        String(a.order_subscription_id).localeCompare(String(b.order_subscription_id)) ||
        Number(a.duration) - Number(b.duration)
    )
  return data(page(structuredClone(found), query))
}

export const detail: CommerceHandler = ({ state, params }) => {
  const bill = state.bills.get(params.order_subscription_bill_id!)
  return bill === undefined
    ? notFound("order_subscription_bill", params.order_subscription_bill_id!)
    : data(structuredClone(bill))
}

const updateKeys = [
  "order_name",
  "price",
  "tax_free_price",
  "quantity",
  "address_id",
  "user_address",
  "username",
  "user_phone",
  "user_email",
  "user_company_name",
  "user_business_number",
  "reserve_payment_at",
  "reserved_wallet_id",
  "service_start_at",
  "service_end_at",
  "status"
] as const

export const update: CommerceHandler = ({ state, params, body }) => {
  const bill = state.bills.get(params.order_subscription_bill_id!)
  if (bill === undefined) return notFound("order_subscription_bill", params.order_subscription_bill_id!)
  if (bill.status !== BillStatus.ready) {
    return failure(400, "BILL_NOT_EDITABLE", "a paid or cancelled bill cannot change")
  }
  Object.assign(bill, defined(body, updateKeys))
  return data(structuredClone(bill))
}
