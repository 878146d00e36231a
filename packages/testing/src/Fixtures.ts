/**
 * Valid inputs for tests: card and bank-transfer billing-key requests, buyers, items and receipts of
 * each payment method. Every builder takes overrides, so a test states only what it cares about.
 * The card numbers are well-known test numbers, never real cards.
 *
 * @since 0.1.0
 */
import type { FakeReceipt, Json } from "./FakeStore.js"

/**
 * A buyer (`user`) as Bootpay's requests take it.
 *
 * @since 0.1.0
 * @category constructors
 */
export const user = <O extends Json>(overrides: O = {} as O) => ({
  id: "member-1",
  username: "홍길동",
  email: "buyer@example.com",
  phone: "01012345678",
  ...overrides
})

/**
 * An item line (`items[]`).
 *
 * @since 0.1.0
 * @category constructors
 */
export const item = <O extends Json>(overrides: O = {} as O) => ({
  id: "item-1",
  name: "테스트 상품",
  qty: 1,
  price: 1000,
  ...overrides
})

/**
 * A card billing-key request (`BillingKey.issue`) with a test card.
 *
 * @since 0.1.0
 * @category constructors
 */
export const card = <O extends Json>(overrides: O = {} as O) => ({
  pg: "nicepay",
  order_name: "정기구독",
  subscription_id: "subscription-1",
  card_no: "4111111111111111",
  card_pw: "12",
  card_identity_no: "900101",
  card_expire_year: "30",
  card_expire_month: "12",
  ...overrides
})

/**
 * A bank-account billing-key request (`BillingKey.issueTransfer`).
 *
 * @since 0.1.0
 * @category constructors
 */
export const bankTransfer = <O extends Json>(overrides: O = {} as O) => ({
  pg: "nicepay",
  order_name: "정기구독",
  subscription_id: "subscription-1",
  username: "홍길동",
  bank_name: "국민",
  bank_account: "12345678901234",
  identity_no: "900101",
  phone: "01012345678",
  ...overrides
})

/**
 * A charge of a billing key (`Subscription.pay`).
 *
 * @since 0.1.0
 * @category constructors
 */
export const charge = <O extends Json>(billingKey: string, overrides: O = {} as O) => ({
  billing_key: billingKey,
  order_name: "월 구독료",
  price: 9900,
  order_id: "order-subscription-1",
  ...overrides
})

/**
 * Fields for `store.createReceipt` of a payment made with `method` in the browser.
 *
 * @since 0.1.0
 * @category constructors
 */
export const receipt = (
  method: "card" | "phone" | "bank" | "vbank" = "card",
  overrides: Partial<FakeReceipt> & Json = {}
): Partial<FakeReceipt> & Json => ({
  method_symbol: method,
  price: 15_000,
  order_name: "테스트 상품",
  ...(method === "vbank" ? { status: 5 } : {}),
  ...overrides
})
