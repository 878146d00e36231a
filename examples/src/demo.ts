/**
 * The demo: real payment flows through the real SDK and the real undici transport, against the
 * embedded fake Bootpay on 127.0.0.1. No keys needed. Exits 0 only if every step behaved as expected.
 */
import { BootpayError, Receipt } from "@effect-bootpay/core"
import { Bootpay, NodeBootpay } from "@effect-bootpay/node"
import { FakeServer } from "@effect-bootpay/testing"
import * as Effect from "effect/Effect"

let failures = 0
const say = (line: string) => process.stdout.write(`${line}\n`)
const check = (label: string, ok: boolean) => {
  if (!ok) failures += 1
  say(`  ${ok ? "ok  " : "FAIL"} ${label}`)
}

const fake = await FakeServer.start()
say(`fake Bootpay listening on ${fake.url}\n`)
const bootpay = Bootpay.make({ baseUrl: fake.url, clientKey: "test", secretKey: "test" })

say("1. server-side confirm of a payment that waits for approval (Promise facade)")
const pending = fake.store.createReceipt({ price: 15_000, status: 2, order_id: "order-1001" })
say(`  browser paid: receipt ${pending.receipt_id}, order ${pending.order_id}, status ${pending.status}`)
const looked = await bootpay.receipt.lookup(pending.receipt_id)
check(
  `lookup: status ${looked.status}, price ${looked.price} matches the order (15000)`,
  looked.price === 15_000
)
const confirmed = await bootpay.receipt.confirm(pending.receipt_id)
check(
  `confirm: status ${confirmed.status} (${confirmed.status_locale})`,
  confirmed.status === Receipt.Status.PAID
)

say("\n2. partial cancels with cancel_id, then a full cancel (Effect API)")
const program = Effect.gen(function* () {
  const first = yield* Receipt.cancel({
    receipt_id: pending.receipt_id,
    cancel_price: 5_000,
    cancel_id: "c-1"
  })
  check(
    `cancel 5000 (c-1): cancelled_price ${first.cancelled_price}, status ${first.status}`,
    first.cancelled_price === 5_000
  )
  const repeated = yield* Effect.flip(
    Receipt.cancel({ receipt_id: pending.receipt_id, cancel_price: 5_000, cancel_id: "c-1" })
  )
  check(`the same cancel_id again is refused: ${repeated._tag}`, repeated._tag === "PgRefused")
  const rest = yield* Receipt.cancel({ receipt_id: pending.receipt_id, cancel_id: "c-2" })
  check(
    `full cancel of the rest: cancelled_price ${rest.cancelled_price} of ${rest.price}`,
    rest.cancelled_price === 15_000
  )
  const missing = yield* Effect.flip(Receipt.lookup("000000000000000000000000"))
  check(`lookup of an unknown receipt: ${missing._tag}`, missing._tag === "NotFound")
  const invalid = yield* Effect.flip(Receipt.cancel({ receipt_id: pending.receipt_id, cancel_price: -1 }))
  check(
    `a negative cancel amount is refused before sending: ${invalid._tag} (${invalid.message})`,
    invalid._tag === "InvalidRequest"
  )
})
await Effect.runPromise(
  program.pipe(Effect.provide(NodeBootpay.layer({ baseUrl: fake.url, clientKey: "test", secretKey: "test" })))
)

say("\n3. a phone payment from last month cannot be cancelled")
const phone = fake.store.createReceipt({
  method_symbol: "phone",
  price: 9_900,
  purchased_at: "2025-12-20T10:00:00+09:00"
})
const refused = await bootpay.receipt.cancel({ receipt_id: phone.receipt_id }).then(
  () => undefined,
  (error: unknown) => error
)
check(
  `cancel refused with ${BootpayError.isBootpayError(refused) ? refused._tag : String(refused)}`,
  BootpayError.isBootpayError(refused) && refused._tag === "CarrierCancelWindowClosed"
)

await bootpay.dispose()
await fake.close()
say(
  `\n${failures === 0 ? "all steps behaved as expected" : `${failures} step(s) did not behave as expected`}`
)
process.exitCode = failures === 0 ? 0 : 1
