/**
 * Escrow (에스크로) shipping. Bootpay documents no escrow status codes: the fake's `escrow_data.status`
 * 1 (`배송중`) is an assumption, and so is refusing a receipt that is not paid with HTTP 400
 * `INVALID_PARAMETER`. The fake does not model which payments are escrow payments.
 */
import { kstIso, Status } from "../../FakeStore.js"
import { error, type Handler, missing, ok, receiptNotFound } from "../reply.js"

/** The escrow status the fake gives a receipt whose shipment started. */
export const shippingStatus = { status: 1, status_locale: "배송중" } as const

/** `Escrow.startShipping`: reporting again updates the waybill and keeps the first start time. */
export const startShipping: Handler = ({ store, params, body }) => {
  const receiptId = params.receipt_id!
  const receipt = store.receipts.get(receiptId)
  if (receipt === undefined) return receiptNotFound(receiptId)
  const absent = missing(body, ["tracking_number", "delivery_corp"])
  if (absent !== undefined) return absent
  if (receipt.status !== Status.PAID) {
    return error(400, "INVALID_PARAMETER", `배송을 시작할 수 없는 상태입니다 (status ${receipt.status})`)
  }
  const previous =
    typeof receipt.escrow_data === "object" && receipt.escrow_data !== null
      ? (receipt.escrow_data as Record<string, unknown>)
      : {}
  receipt.escrow_data = {
    ...previous,
    ...shippingStatus,
    shipping_started_at: previous.shipping_started_at ?? kstIso(store.now),
    receipt_confirmed_at: previous.receipt_confirmed_at ?? null,
    tracking_number: body.tracking_number,
    delivery_corp: body.delivery_corp
  }
  return ok(structuredClone(receipt))
}
