/**
 * The demo: the payment flows merchants build, through the real SDK and the real undici transport,
 * against the embedded fake Bootpay on 127.0.0.1. No keys needed. Every step prints what was sent and
 * what came back (ids, statuses, amounts; never a key or a card number) and the demo exits 0 only if
 * every step behaved as expected, so it doubles as a smoke test.
 *
 *   pnpm demo              the flows against the fake
 *   pnpm demo -- --live    read-only steps against the Bootpay environment in BOOTPAY_* variables
 */
import { pathToFileURL } from "node:url"
import {
  BillingKey,
  BootpayClient,
  BootpayError,
  Receipt,
  Reconcile,
  Subscription
} from "@effect-bootpay/core"
import { Bootpay, NodeBootpay } from "@effect-bootpay/node"
import { FakeServer, Fixtures, kstIso } from "@effect-bootpay/testing"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import { extraSteps, startWebhookReceiver } from "./demoSteps.js"

/** Collects what each step checked. */
export class Transcript {
  failures = 0
  constructor(readonly write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)) {}
  title(text: string) {
    this.write(`\n${text}`)
  }
  sent(text: string) {
    this.write(`  -> ${text}`)
  }
  got(text: string) {
    this.write(`  <- ${text}`)
  }
  check(label: string, ok: boolean) {
    if (!ok) this.failures += 1
    this.write(`  ${ok ? "ok  " : "FAIL"} ${label}`)
  }
}

/** The rejection of a promise expected to reject (or `undefined` when it resolved). */
export const rejectionOf = async (
  promise: Promise<unknown>
): Promise<BootpayError.BootpayError | undefined> => {
  try {
    await promise
    return undefined
  } catch (error) {
    if (BootpayError.isBootpayError(error)) return error
    throw error
  }
}

/** Runs every flow against a fresh fake server; resolves to the number of failed checks. */
export const runAgainstFake = async (t: Transcript = new Transcript()): Promise<number> => {
  const webhooks = await startWebhookReceiver()
  const fake = await FakeServer.start({ webhookUrl: webhooks.url })
  t.write(`fake Bootpay listening on ${fake.url} (client key "test", Basic auth)`)
  t.write(`the merchant's webhook endpoint: ${webhooks.url}`)
  const options = { baseUrl: fake.url, clientKey: "test", secretKey: "test" } as const
  const bootpay = Bootpay.make(options)
  webhooks.attach(bootpay)
  const runtime = ManagedRuntime.make(Layer.orDie(NodeBootpay.layer(options)))
  try {
    // 1 ------------------------------------------------------------------------------------------------
    t.title("1. Server-side confirm (separately_confirmed): check the amount, then confirm  [Promise facade]")
    const order = { id: "order-1001", amount: 15_000 }
    const pending = fake.store.createReceipt(
      Fixtures.receipt("card", { price: 15_000, status: 2, order_id: order.id })
    )
    t.write(`  (the buyer paid in the browser: receipt ${pending.receipt_id}, status 2 awaiting confirm)`)
    t.sent(`GET /receipt/${pending.receipt_id}`)
    const looked = await bootpay.receipt.lookup(pending.receipt_id)
    t.got(`status ${looked.status}, price ${looked.price}`)
    t.check(`price ${looked.price} equals the order amount ${order.amount}`, looked.price === order.amount)
    t.sent(`POST /confirm { receipt_id: ${pending.receipt_id} }`)
    const confirmed = await bootpay.receipt.confirm(pending.receipt_id)
    t.got(`status ${confirmed.status} (${confirmed.status_locale}), purchased_at ${confirmed.purchased_at}`)
    t.check("confirmed: status 1", confirmed.status === Receipt.Status.PAID)

    const tampered = fake.store.createReceipt(
      Fixtures.receipt("card", { price: 100, order_id: "order-1002" })
    )
    t.write(
      `  (a payment confirmed in the browser for a 15000 order shows price ${tampered.price}: tampered)`
    )
    const seen = await bootpay.receipt.lookup(tampered.receipt_id)
    t.check(`price ${seen.price} does not match 15000: the order is refused`, seen.price !== 15_000)
    t.sent(`POST /cancel { receipt_id: ${tampered.receipt_id}, cancel_message: "금액 불일치" }`)
    const voided = await bootpay.receipt.cancel({
      receipt_id: tampered.receipt_id,
      cancel_message: "금액 불일치"
    })
    t.got(`status ${voided.status}, cancelled_price ${voided.cancelled_price}`)
    t.check("the tampered payment is cancelled in full", voided.cancelled_price === tampered.price)

    // 2 ------------------------------------------------------------------------------------------------
    t.title("2. Partial cancels with cancel_id, then a full cancel  [Effect API]")
    const paid = fake.store.createReceipt(Fixtures.receipt("card", { price: 30_000, order_id: "order-1003" }))
    await runtime.runPromise(
      Effect.gen(function* () {
        t.sent(`POST /cancel { receipt_id, cancel_price: 10000, cancel_id: "refund-1" }`)
        const first = yield* Receipt.cancel({
          receipt_id: paid.receipt_id,
          cancel_price: 10_000,
          cancel_id: "refund-1"
        })
        t.got(`status ${first.status}, cancelled_price ${first.cancelled_price} of ${first.price}`)
        t.check("first partial cancel: 10000 cancelled", first.cancelled_price === 10_000)
        t.sent(
          `POST /cancel { receipt_id, cancel_price: 10000, cancel_id: "refund-1" }  (the same request again)`
        )
        const repeated = yield* Receipt.cancel({
          receipt_id: paid.receipt_id,
          cancel_price: 10_000,
          cancel_id: "refund-1"
        })
        t.got(
          `Bootpay refused it as done; the SDK read the receipt: cancelled_price ${repeated.cancelled_price}`
        )
        t.check(
          "a repeated cancel_id is done once: nothing cancelled twice, and the repeat says it is done",
          repeated.cancelled_price === 10_000 &&
            fake.store.getReceipt(paid.receipt_id)?.cancelled_price === 10_000
        )
        const second = yield* Receipt.cancel({
          receipt_id: paid.receipt_id,
          cancel_price: 5_000,
          cancel_id: "refund-2"
        })
        t.got(`cancelled_price ${second.cancelled_price} (cumulative)`)
        t.check("cumulative cancelled amount 15000", second.cancelled_price === 15_000)
        t.sent('POST /cancel { receipt_id, cancel_id: "refund-3" }  (no cancel_price: the rest)')
        const rest = yield* Receipt.cancel({ receipt_id: paid.receipt_id, cancel_id: "refund-3" })
        t.got(`cancelled_price ${rest.cancelled_price} of ${rest.price}`)
        t.check("full cancel of the remaining 15000", rest.cancelled_price === 30_000)
        const invalid = yield* Effect.flip(Receipt.cancel({ receipt_id: paid.receipt_id, cancel_price: -1 }))
        t.got(`${invalid._tag}: ${invalid.message}`)
        t.check("a negative amount is refused before anything is sent", invalid._tag === "InvalidRequest")
      })
    )

    // 3 ------------------------------------------------------------------------------------------------
    t.title("3. Billing: card billing key, charge, reservation, destroy  [Effect API]")
    await runtime.runPromise(
      Effect.gen(function* () {
        t.sent("POST /request/subscribe { pg: nicepay, card_no: ****, card_pw: **, ... }")
        const key = yield* BillingKey.issue(Fixtures.card({ subscription_id: "sub-77" }))
        t.got(`billing key issued (status ${key.status}), card ${key.billing_data?.card_no ?? "?"}`)
        t.check("billing key issued: status 11", key.status === Receipt.Status.BILLING_KEY_ISSUED)
        t.sent("POST /subscribe/payment { billing_key, order_id: sub-77-2026-01, price: 9900 }")
        const charge = yield* Subscription.pay(
          Fixtures.charge(key.billing_key, { order_id: "sub-77-2026-01", order_name: "1월 구독료" })
        )
        t.got(`receipt ${charge.receipt_id}, status ${charge.status}, price ${charge.price}`)
        t.check("charged 9900", charge.status === Receipt.Status.PAID && charge.price === 9_900)
        const at = new Date(Date.now() + 30 * 86_400_000)
        t.sent("POST /subscribe/payment/reserve { reserve_execute_at: in 30 days, sent in Korea time }")
        const reserved = yield* Subscription.reserve(
          Fixtures.charge(key.billing_key, { order_id: "sub-77-2026-02", reserve_execute_at: at })
        )
        t.got(`reservation ${reserved.reserve_id} at ${reserved.reserve_execute_at}`)
        t.check("reservation created", typeof reserved.reserve_id === "string")
        const cancelled = yield* Subscription.cancelReservation(reserved.reserve_id)
        t.got(`reservation cancelled: success ${cancelled.success}`)
        t.check("reservation cancelled", cancelled.success === true)
        const destroyed = yield* BillingKey.destroy(key.billing_key)
        t.check("billing key destroyed", destroyed.billing_key === key.billing_key)
        t.sent("POST /subscribe/payment with the destroyed key")
        const refused = yield* Effect.flip(
          Subscription.pay(Fixtures.charge(key.billing_key, { order_id: "sub-77-2026-03" }))
        )
        t.got(`${refused._tag}: ${refused.message}`)
        t.check("a destroyed key cannot be charged", refused._tag === "NotFound")

        t.write("  (the connection drops right after Bootpay charged: did it happen?)")
        const key2 = yield* BillingKey.issue(Fixtures.card({ subscription_id: "sub-78" }))
        fake.store.inject({ _tag: "DropAfter" }, { operation: "Subscription.pay" })
        const unknown = yield* Effect.flip(
          Subscription.pay(Fixtures.charge(key2.billing_key, { order_id: "sub-78-1" }))
        )
        t.got(
          `${unknown._tag} (${unknown._tag === "OutcomeUnknown" ? unknown.reason : "?"}): never retried blindly`
        )
        if (unknown._tag === "OutcomeUnknown") {
          // A read cannot tell which request made a receipt of the order, so it says what it found.
          const resolution = yield* Reconcile.outcome(unknown)
          const charges = resolution._tag === "Undetermined" ? resolution.receipts : []
          t.got(`Reconcile.outcome -> ${resolution._tag}: ${charges.length} charge(s) of order sub-78-1`)
          t.check(
            "reconciled: Bootpay holds exactly one charge for the order, so it is not charged again",
            charges.length === 1 && charges[0]?.status === Receipt.Status.PAID
          )
        } else {
          t.check("the lost answer is OutcomeUnknown", false)
        }
      })
    )

    // 4 ------------------------------------------------------------------------------------------------
    t.title("4. A phone (carrier) payment from last month cannot be cancelled  [Promise facade]")
    const phone = fake.store.createReceipt(
      Fixtures.receipt("phone", { price: 9_900, purchased_at: kstIso(Date.now() - 40 * 86_400_000) })
    )
    t.sent(`POST /cancel { receipt_id: ${phone.receipt_id} }  (purchased ${phone.purchased_at})`)
    const refused = await rejectionOf(bootpay.receipt.cancel({ receipt_id: phone.receipt_id }))
    t.got(`${refused?._tag}: ${refused?.message}`)
    t.check("CarrierCancelWindowClosed", refused?._tag === "CarrierCancelWindowClosed")

    await extraSteps({ t, fake, bootpay, webhooks })
  } finally {
    await runtime.dispose()
    await fake.close()
    await webhooks.close()
    await bootpay.dispose()
  }
  return t.failures
}

/** Read-only steps against a real Bootpay environment configured by `BOOTPAY_*`. */
export const runLive = async (t: Transcript = new Transcript()): Promise<number> => {
  const runtime = ManagedRuntime.make(NodeBootpay.layerConfig())
  try {
    t.title("Live, read-only: authentication and a lookup of a receipt that does not exist")
    const client = await runtime.runPromise(BootpayClient.BootpayClient)
    t.write(
      `  environment ${client.config.mode} (${client.config.baseUrl}), ${client.config.credentials._tag} auth`
    )
    const error = await runtime.runPromise(Effect.flip(Receipt.lookup("000000000000000000000000")))
    t.got(`${error._tag}: ${error.message}`)
    t.check("the keys are accepted (the lookup fails only with NotFound)", error._tag === "NotFound")
  } catch (error) {
    t.check(`live configuration: ${error instanceof Error ? error.message : String(error)}`, false)
  } finally {
    await runtime.dispose()
  }
  return t.failures
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const live = process.argv.includes("--live")
  const failures = live ? await runLive() : await runAgainstFake()
  process.stdout.write(
    `\n${failures === 0 ? "every step behaved as expected" : `${failures} check(s) did not behave as expected`}\n`
  )
  process.exitCode = failures === 0 ? 0 : 1
}
