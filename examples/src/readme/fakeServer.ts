import { Bootpay } from "@effect-bootpay/node"
import { FakeServer } from "@effect-bootpay/testing"

const fake = await FakeServer.start() // { url, store, close }
const bootpay = Bootpay.make({ baseUrl: fake.url, clientKey: "test", secretKey: "test" })

const paid = fake.store.createReceipt({ price: 1000, method_symbol: "card" })
fake.store.inject({ _tag: "DropAfter" }, { operation: "Receipt.cancel" })
const cancelled = await bootpay.receipt.cancel({
  receipt_id: paid.receipt_id,
  cancel_price: 300,
  cancel_id: "c-1"
})
// The connection dropped after the cancel was applied; the retried cancel ends as that success, applied once.
console.log(cancelled.cancelled_price, fake.store.requestsFor("Receipt.cancel").length) // 300 2

await bootpay.dispose()
await fake.close()
