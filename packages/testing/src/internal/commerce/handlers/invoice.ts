/**
 * Invoices (청구서, payment links). Inferences: `create` answers the stored invoice with a
 * `payment_url` on the fake's host and `status` 1; `list` answers `{ list, count }` (Bootpay's
 * shape, 24 per page unless `limit` is given) filtered by `keyword` (part of the invoice id),
 * `user_id` and `product_type`; `notify` sends nothing: it records what it would send in
 * `collection("invoiceNotifications")` (invoice id, `send_types`, time), marks the invoice
 * `send_status` 1 with `sent_at`, and answers `null`. An unknown `send_types` code is refused
 * with 400, an expired invoice (`expired_at` before the fake's time) with 400 `INVOICE_EXPIRED`.
 */
import type { Json } from "../../../FakeStore.js"
import { type CommerceHandler, data, failure, notFound, requireFields } from "../reply.js"

const createKeys = [
  "title",
  "name",
  "description",
  "memo",
  "price",
  "tax_free_price",
  "delivery_price",
  "user_id",
  "user_group_id",
  "user",
  "selected_users",
  "products",
  "invoice_items",
  "product_type",
  "send_types",
  "expired_at",
  "redirect_url",
  "use_redirect",
  "use_memo",
  "use_notification",
  "use_auto_login",
  "is_open_link",
  "request_id",
  "webhook_url",
  "header_content_type",
  "usage_api_url",
  "metadata",
  "extra"
] as const

const sendTypes = new Set([1, 2, 3, 4])

export const create: CommerceHandler = ({ state, body }) => {
  if (body.title === undefined && body.name === undefined) {
    return failure(400, "INVALID_PARAMETER", "title or name is required")
  }
  const fields: Json = {}
  for (const key of createKeys) if (body[key] !== undefined) fields[key] = body[key]
  return data(structuredClone(state.createInvoice(fields)))
}

export const list: CommerceHandler = ({ state, query }) => {
  const invoices = [...state.collection("invoices").values()].filter(
    (invoice) =>
      (query.keyword === undefined || String(invoice.invoice_id).includes(query.keyword)) &&
      (query.user_id === undefined || invoice.user_id === query.user_id) &&
      (query.product_type === undefined || String(invoice.product_type) === query.product_type)
  )
  const size = Math.max(1, Number(query.limit ?? 24) || 24)
  const number = Math.max(1, Number(query.page ?? 1) || 1)
  return data({
    list: structuredClone(invoices.slice((number - 1) * size, number * size)),
    count: invoices.length
  })
}

export const detail: CommerceHandler = ({ state, params }) => {
  const invoice = state.collection("invoices").get(params.invoice_id!)
  return invoice === undefined ? notFound("invoice", params.invoice_id!) : data(structuredClone(invoice))
}

export const notify: CommerceHandler = ({ state, params, body }) => {
  const absent = requireFields(params, ["invoice_id"])
  if (absent !== undefined) return absent
  const invoice = state.collection("invoices").get(params.invoice_id!)
  if (invoice === undefined) return notFound("invoice", params.invoice_id!)
  const types = body.send_types ?? []
  if (!Array.isArray(types) || types.some((type) => !sendTypes.has(type as number))) {
    return failure(400, "INVALID_PARAMETER", "send_types must hold 1, 2, 3 or 4")
  }
  const expired = typeof invoice.expired_at === "string" ? Date.parse(invoice.expired_at) : Number.NaN
  if (!Number.isNaN(expired) && expired < state.store.now) {
    return failure(400, "INVOICE_EXPIRED", "the invoice has expired")
  }
  const at = state.nowIso()
  const notifications = state.collection("invoiceNotifications")
  notifications.set(state.nextId(), { invoice_id: invoice.invoice_id, send_types: types, at })
  invoice.send_status = 1
  invoice.sent_at = at
  return data(null)
}
