/**
 * Cash receipts (현금영수증), on a payment and standalone. Assumptions where the contract is silent:
 * `cash_receipt_data.cash_receipt_type` is 1 for `소득공제` and 2 for `지출증빙`; a cancelled cash
 * receipt keeps its data with `cancelled_at` set; a cancel repeated after it went through answers the
 * same (so a retried cancel succeeds); refusals (a card payment, a receipt already published, nothing
 * to cancel) are HTTP 400 `INVALID_PARAMETER`; a receipt id that is not a standalone cash receipt is
 * `RC_NOT_FOUND`. The identity number is checked and then dropped, never stored.
 */
import { type FakeReceipt, type FakeStore, type Json, kstIso, Status, statusLocale } from "../../FakeStore.js"
import { error, type Handler, missing, notText, num, ok, type Reply, receiptNotFound, str } from "../reply.js"

const typeCodes: Readonly<Record<string, number>> = { 소득공제: 1, 지출증빙: 2 }

/** Payment methods a cash receipt can be published on. */
const cashMethods: ReadonlySet<string> = new Set(["bank", "vbank"])

const refuse = (message: string): Reply => error(400, "INVALID_PARAMETER", message)

/** What a published cash receipt looks like on its receipt (`cash_receipt_data`). */
const publishedData = (store: FakeStore, body: Json): Json => {
  const id = store.nextId()
  return {
    tid: `tid-cash-${id.slice(-6)}`,
    cash_receipt_type: typeCodes[str(body, "cash_receipt_type") ?? ""] ?? body.cash_receipt_type,
    cash_receipt_no: String(100_000_000 + Number.parseInt(id.slice(-6), 16)),
    receipt_url: `https://door.bootpay.co.kr/receipt/cash/${id}`,
    published_at: kstIso(store.now),
    cancelled_at: null
  }
}

/** The fields every publish needs, and an identity number that is 10 to 13 digits. */
const invalid = (body: Json, fields: ReadonlyArray<string>): Reply | undefined => {
  const absent =
    notText(body, ["order_id", "order_name", "identity_no", "cash_receipt_type", "receipt_id"]) ??
    missing(body, fields)
  if (absent !== undefined) return absent
  if (!/^\d{10,13}$/.test(str(body, "identity_no") ?? ""))
    return refuse("identity_no 형식이 올바르지 않습니다")
  return typeCodes[str(body, "cash_receipt_type") ?? ""] === undefined
    ? refuse("cash_receipt_type은 소득공제 또는 지출증빙이어야 합니다")
    : undefined
}

const dataOf = (receipt: FakeReceipt): Json | undefined =>
  typeof receipt.cash_receipt_data === "object" && receipt.cash_receipt_data !== null
    ? (receipt.cash_receipt_data as Json)
    : undefined

/** `CashReceipt.publishOnReceipt`: only on a paid bank transfer or virtual account, once. */
export const publishOnReceipt: Handler = ({ store, body }) => {
  const receiptId = str(body, "receipt_id") ?? ""
  const receipt = store.receipts.get(receiptId)
  if (receipt === undefined) return receiptNotFound(receiptId)
  const problem = invalid(body, ["identity_no", "cash_receipt_type"])
  if (problem !== undefined) return problem
  if (!cashMethods.has(receipt.method_symbol)) {
    return refuse("현금영수증은 계좌이체·가상계좌 결제에만 발행할 수 있습니다")
  }
  if (receipt.status !== Status.PAID) return refuse(`결제완료 상태가 아닙니다 (status ${receipt.status})`)
  const existing = dataOf(receipt)
  if (existing !== undefined && existing.cancelled_at === null)
    return refuse("이미 현금영수증이 발행되었습니다")
  receipt.cash_receipt_data = publishedData(store, body)
  return ok(structuredClone(receipt))
}

/** `CashReceipt.cancelOnReceipt`: the payment stays; its cash receipt gets `cancelled_at`. */
export const cancelOnReceipt: Handler = ({ store, params }) => {
  const receiptId = params.receipt_id!
  const receipt = store.receipts.get(receiptId)
  if (receipt === undefined) return receiptNotFound(receiptId)
  const data = dataOf(receipt)
  if (data === undefined) return refuse("발행된 현금영수증이 없습니다")
  if (data.cancelled_at === null) data.cancelled_at = kstIso(store.now)
  return ok(structuredClone(receipt))
}

/** `CashReceipt.publish`: a standalone cash receipt, itself a paid receipt (`method_symbol` `cash_receipt`). */
export const publish: Handler = ({ store, body }) => {
  const problem = invalid(body, ["price", "order_name", "order_id", "cash_receipt_type", "identity_no"])
  if (problem !== undefined) return problem
  const price = num(body, "price") ?? 0
  const taxFree = num(body, "tax_free") ?? 0
  if (!Number.isSafeInteger(price) || price <= 0) return refuse("price를 0원보다 크게 설정해주세요")
  if (taxFree > price) return refuse("tax_free가 price보다 클 수 없습니다")
  const receipt = store.createReceipt({
    order_id: str(body, "order_id") ?? "",
    order_name: str(body, "order_name") ?? "",
    price,
    tax_free: taxFree,
    ...(str(body, "pg") === undefined ? {} : { pg: str(body, "pg") }),
    method: "현금영수증",
    method_symbol: "cash_receipt",
    method_origin: "현금영수증",
    method_origin_symbol: "cash_receipt",
    metadata: body.metadata ?? {},
    status: Status.PAID,
    purchased_at: str(body, "purchased_at") ?? kstIso(store.now),
    cash_receipt_data: publishedData(store, body)
  })
  return ok(receipt)
}

/** `CashReceipt.cancel`: the standalone cash receipt ends in status 20, fully cancelled. */
export const cancel: Handler = ({ store, params }) => {
  const receiptId = params.receipt_id!
  const receipt = store.receipts.get(receiptId)
  if (receipt === undefined || receipt.method_symbol !== "cash_receipt") {
    return error(404, "RC_NOT_FOUND", `현금영수증을 찾을 수 없습니다 (${receiptId})`)
  }
  if (receipt.status !== Status.CANCELLED) {
    const now = kstIso(store.now)
    receipt.status = Status.CANCELLED
    receipt.status_locale = statusLocale(Status.CANCELLED)
    receipt.cancelled_price = receipt.price
    receipt.cancelled_tax_free = receipt.tax_free
    receipt.cancelled_at = now
    const data = dataOf(receipt)
    if (data !== undefined) data.cancelled_at = now
  }
  return ok(structuredClone(receipt))
}
