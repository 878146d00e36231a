/** Receipts: lookup, lookup by order, confirm and cancel, with Bootpay's refusal rules. */
import { Receipt } from "@effect-bootpay/core/index"
import { kstIso, Status, statusLocale } from "../../FakeStore.js"
import { error, type Handler, notText, num, ok, receiptNotFound, str } from "../reply.js"

/** `Receipt.lookup`. */
export const lookup: Handler = ({ store, params }) => {
  const receipt = store.getReceipt(params.receipt_id!)
  return receipt === undefined ? receiptNotFound(params.receipt_id!) : ok(receipt)
}

/** `Receipt.lookupByOrderId`: every receipt of the order, oldest first. */
export const lookupByOrderId: Handler = ({ store, params }) =>
  ok(Array.from(store.receipts.values()).filter((receipt) => receipt.order_id === params.order_id))

/** `Receipt.confirm`: only a receipt awaiting confirm (status 2) becomes paid. */
export const confirm: Handler = ({ store, body }) => {
  const wrong = notText(body, ["receipt_id"])
  if (wrong !== undefined) return wrong
  const receiptId = str(body, "receipt_id") ?? ""
  const receipt = store.receipts.get(receiptId)
  if (receipt === undefined) return receiptNotFound(receiptId)
  if (receipt.status !== Status.AWAITING_CONFIRM) {
    return error(400, "RC_CONFIRM_FAILED", `승인 대기 상태의 결제가 아닙니다 (status ${receipt.status})`)
  }
  receipt.status = Status.PAID
  receipt.status_locale = statusLocale(Status.PAID)
  receipt.purchased_at = kstIso(store.now)
  store.receiptChanged(receiptId)
  return ok(structuredClone(receipt))
}

/** `Receipt.cancel`: full or partial, cumulative amounts, each `cancel_id` once, phone month rule. */
export const cancel: Handler = ({ store, body }) => {
  const wrong = notText(body, ["receipt_id", "cancel_id"])
  if (wrong !== undefined) return wrong
  const receiptId = str(body, "receipt_id") ?? ""
  const receipt = store.receipts.get(receiptId)
  if (receipt === undefined) return receiptNotFound(receiptId)
  const refuse = (message: string) => error(400, "RC_CANCEL_SERVER_ERROR", message)
  if (receipt.status !== Status.PAID && receipt.status !== Status.CANCELLED) {
    return refuse(`취소할 수 없는 상태입니다 (status ${receipt.status})`)
  }
  const cancelId = str(body, "cancel_id")
  if (cancelId !== undefined && store.hasCancelId(receiptId, cancelId)) {
    return refuse(`이미 처리된 취소 요청입니다 (cancel_id ${cancelId})`)
  }
  const remaining = receipt.price - receipt.cancelled_price
  const remainingTaxFree = receipt.tax_free - receipt.cancelled_tax_free
  if (remaining <= 0) return refuse("이미 전액 취소된 결제입니다")
  if (
    receipt.method_symbol === "phone" &&
    typeof receipt.purchased_at === "string" &&
    Receipt.carrierWindowClosed(receipt.purchased_at, store.now)
  ) {
    return refuse("휴대폰 결제는 결제한 달이 지나면 취소할 수 없습니다")
  }
  const price = num(body, "cancel_price") ?? remaining
  const taxFree =
    num(body, "cancel_tax_free") ?? (num(body, "cancel_price") === undefined ? remainingTaxFree : 0)
  if (price > remaining) return refuse(`취소 금액이 취소 가능 금액(${remaining}원)을 초과합니다`)
  if (taxFree > remainingTaxFree)
    return refuse(`면세 취소 금액이 취소 가능 면세 금액(${remainingTaxFree}원)을 초과합니다`)
  if (cancelId !== undefined) store.addCancelId(receiptId, cancelId)
  receipt.cancelled_price += price
  receipt.cancelled_tax_free += taxFree
  receipt.status = Status.CANCELLED
  receipt.status_locale = statusLocale(Status.CANCELLED)
  receipt.cancelled_at = kstIso(store.now)
  store.receiptChanged(receiptId)
  return ok(structuredClone(receipt))
}
