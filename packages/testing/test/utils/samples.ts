/**
 * One valid input per operation that takes an object, with a buyer's card, identity, phone and
 * account numbers where the operation carries them: shared by the input-contract and the leak suites.
 */
import { Fixtures } from "@effect-bootpay/testing"

const inTwoDays = () => new Date(Date.now() + 2 * 86_400_000)

/** One valid input per operation that takes an object, by operation id. */
export const samples: Record<string, () => Record<string, unknown>> = {
  "Receipt.lookup": () => ({ receipt_id: "r-1", lookup_user_data: true }),
  "Receipt.cancel": () => ({
    receipt_id: "r-1",
    cancel_price: 1000,
    cancel_tax_free: 0,
    cancel_id: "c-1",
    cancel_message: "변심"
  }),
  "BillingKey.issue": () => Fixtures.card({ price: 1000, tax_free: 0 }),
  "BillingKey.issueTransfer": () => Fixtures.bankTransfer(),
  "BillingKey.lookupSequential": () => ({ billing_key: "bk-1", widget_key: "wk-1", user_id: "u-1" }),
  "Subscription.pay": () => Fixtures.charge("bk-1", { tax_free: 0 }),
  "Subscription.reserve": () => Fixtures.charge("bk-1", { reserve_execute_at: inTwoDays() }),
  "UserToken.issue": () => ({ user_id: "member-1", email: "a@example.com", username: "홍길동" }),
  "Authentication.request": () => ({
    pg: "danal",
    method: "본인인증",
    authentication_id: "auth-1",
    order_name: "본인인증",
    username: "홍길동",
    identity_no: "9001011",
    carrier: "SKT",
    phone: "01012345678",
    client_ip: "203.0.113.7"
  }),
  "Authentication.confirm": () => ({ receipt_id: "r-1", otp: "000000" }),
  "Escrow.startShipping": () => ({
    receipt_id: "r-1",
    tracking_number: "123456789",
    delivery_corp: "CJ대한통운"
  }),
  "CashReceipt.publishOnReceipt": () => ({
    receipt_id: "r-1",
    identity_no: "01012345678",
    cash_receipt_type: "소득공제"
  }),
  "CashReceipt.cancelOnReceipt": () => ({ receipt_id: "r-1", cancel_message: "취소" }),
  "CashReceipt.publish": () => ({
    price: 1000,
    order_name: "상품",
    order_id: "o-1",
    identity_no: "01012345678",
    cash_receipt_type: "지출증빙"
  }),
  "CashReceipt.cancel": () => ({ receipt_id: "r-1", cancel_username: "관리자" })
}
