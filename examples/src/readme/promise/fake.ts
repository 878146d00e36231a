// fake.ts: the same checkout against the fake Bootpay on a loopback port, no keys.
import { Bootpay } from "@effect-bootpay/node"
import { FakeServer } from "@effect-bootpay/testing"
import { checkout } from "./checkout.js"

const fake = await FakeServer.start() // { url, store, close }
const bootpay = Bootpay.make({ baseUrl: fake.url, clientKey: "test", secretKey: "test" }) // the one change

// What the browser did: a card payment of order-1 that waits for the server's confirm (status 2).
const pending = fake.store.createReceipt({ order_id: "order-1", price: 15_000, status: 2 })
const outcome = await checkout(bootpay, pending.receipt_id, { orderId: "order-1", amount: 15_000 })
console.log(outcome._tag, fake.store.getReceipt(pending.receipt_id)?.status) // Paid 1

await bootpay.dispose()
await fake.close()
