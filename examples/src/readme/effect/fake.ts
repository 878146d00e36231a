// fake.ts: the same checkout against the fake Bootpay, no keys: FakeBootpay.layer() replaces the client layer.
import { FakeBootpay } from "@effect-bootpay/testing"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { checkout } from "./checkout.js"

const program = Effect.gen(function* () {
  const store = yield* FakeBootpay.Store
  // What the browser did: a card payment of order-1 that waits for the server's confirm (status 2).
  const pending = store.createReceipt({ order_id: "order-1", price: 15_000, status: 2 })
  const outcome = yield* checkout(pending.receipt_id, { orderId: "order-1", amount: 15_000 })
  yield* Console.log(outcome._tag, store.getReceipt(pending.receipt_id)?.status) // Paid 1
})

Effect.runPromise(program.pipe(Effect.provide(FakeBootpay.layer())))
