// fake.ts: Bootpay Commerce against the fake, no keys: a member joins, gets a payment link, and a
// partial refund of their order is requested and approved.
import { BootpayCommerce } from "@effect-bootpay/node"
import { FakeCommerce, FakeServer } from "@effect-bootpay/testing"
import { refund } from "./refund.js"

const fake = await FakeServer.start() // { url, commerceUrl, store, close }
// With real keys: BootpayCommerce.make({ clientKey, secretKey }) (the Commerce keychain, not the PG keys).
const commerce = BootpayCommerce.make({ baseUrl: fake.commerceUrl, clientKey: "test", secretKey: "test" })

// The official SDK's names and arguments; each answer is Bootpay's `data`, typed.
const member = await commerce.user.userJoin({ login_id: "kim", password: "pw-1234", name: "김철수" })
const invoice = await commerce.invoice.create({
  title: "3월 수강료",
  price: 120_000,
  user_id: member.user_id
})
console.log(invoice.payment_url !== undefined) // true: send the link to the member

// What the member's payment made: an order of 120,000 KRW (the fake plays the browser).
const order = FakeCommerce.of(fake.store).createOrder({ user_id: member.user_id, total_price: 120_000 })
const outcome = await refund(commerce, String(order.order_number), 20_000, "1회 결석")
console.log(outcome._tag) // Refunded

// Every member, page after page.
let members = 0
for await (const _ of commerce.user.listAll({ limit: 50 })) members += 1
console.log(members) // 1

await commerce.dispose()
await fake.close()
