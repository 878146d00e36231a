/**
 * Billing keys: card issue, bank-transfer request and publish, lookups and destroy. Codes the
 * contract does not name are assumptions: `RC_NOT_FOUND` (HTTP 404) for a missing, destroyed or
 * not-yet-published key, `INVALID_PARAMETER` (HTTP 400) for a missing field or a malformed card number.
 */
import { error, type Handler, missing, notText, ok, type Reply, str } from "../reply.js"

/** `RC_NOT_FOUND` for a missing billing key. */
export const keyNotFound = (id: string): Reply =>
  error(404, "RC_NOT_FOUND", `빌링키를 찾을 수 없습니다 (${id})`)

/** `BillingKey.issue`: a card key; the card number is stored masked, password and identity number not at all. */
const cardFields = [
  "pg",
  "order_name",
  "subscription_id",
  "card_no",
  "card_pw",
  "card_identity_no",
  "card_expire_year",
  "card_expire_month"
]

const transferFields = [
  "pg",
  "order_name",
  "subscription_id",
  "username",
  "bank_name",
  "bank_account",
  "identity_no"
]

export const issue: Handler = ({ store, body }) => {
  const absent = notText(body, cardFields) ?? missing(body, cardFields)
  if (absent !== undefined) return absent
  if (!/^\d{13,19}$/.test(str(body, "card_no") ?? "")) {
    return error(400, "INVALID_PARAMETER", "카드번호가 올바르지 않습니다")
  }
  return ok(store.billing.issueCard(body))
}

/** `BillingKey.issueTransfer`: a request in status 41 that waits for the holder's consent. */
export const issueTransfer: Handler = ({ store, body }) => {
  const absent = notText(body, [...transferFields, "phone"]) ?? missing(body, transferFields)
  return absent ?? ok(store.billing.requestTransfer(body))
}

/** `BillingKey.publishTransfer`: `SUBSCRIBE_REQUEST_FAILED` until the holder consented. */
export const publishTransfer: Handler = ({ store, body }) => {
  const wrong = notText(body, ["receipt_id"])
  if (wrong !== undefined) return wrong
  const receiptId = str(body, "receipt_id") ?? ""
  const published = store.billing.publish(receiptId)
  if (published === "missing") return error(404, "RC_NOT_FOUND", `요청을 찾을 수 없습니다 (${receiptId})`)
  if (published === "no consent") {
    return error(400, "SUBSCRIBE_REQUEST_FAILED", "고객의 출금 동의가 완료되지 않았습니다")
  }
  return ok(published)
}

/** `BillingKey.lookup`: by the issuance receipt. */
export const lookup: Handler = ({ store, params }) => {
  const key = store.billing.byReceipt(params.receipt_id!)
  return key === undefined ? keyNotFound(params.receipt_id!) : ok(key)
}

/** `BillingKey.lookupByKey`. */
export const lookupByKey: Handler = ({ store, params }) => {
  const key = store.billingKeys.get(params.billing_key!)
  return key === undefined ? keyNotFound(params.billing_key!) : ok(structuredClone(key))
}

/** `BillingKey.lookupSequential`: the key, if it belongs to `user_id`. */
export const lookupSequential: Handler = ({ store, params, query }) => {
  const absent = missing(query, ["widget_key", "user_id"])
  if (absent !== undefined) return absent
  const key = store.billingKeys.get(params.billing_key!)
  return key === undefined || !store.billing.ownedBy(key.billing_key, query.user_id!)
    ? keyNotFound(params.billing_key!)
    : ok(structuredClone(key))
}

/** `BillingKey.destroy`: destroying an already destroyed key answers the same (so a retry succeeds). */
export const destroy: Handler = ({ store, params }) => {
  const billingKey = params.billing_key!
  return store.billing.destroy(billingKey) === "missing"
    ? keyNotFound(billingKey)
    : ok({ billing_key: billingKey })
}
