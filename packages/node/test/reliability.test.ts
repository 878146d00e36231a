/**
 * Fault injection over real loopback HTTP: whatever the network does, a money-moving call happens at
 * most once, and the caller gets either the result or an `OutcomeUnknown` that reconciles to the truth.
 */
import { Bootpay } from "@effect-bootpay/node"
import { describe, expect, it } from "vitest"
import { outcomeUnknown, settle, useFakeServer } from "./utils/settle.js"

const t = useFakeServer()

describe("confirm under faults", () => {
  it("a connection dropped before the change: OutcomeUnknown, reconciled to DidNotHappen, then a safe retry", async () => {
    const pending = t.fake.store.createReceipt({ status: 2 })
    t.fake.store.inject({ _tag: "DropBefore" }, { operation: "Receipt.confirm" })
    const error = outcomeUnknown(await settle(t.bootpay.receipt.confirm(pending.receipt_id)))
    expect(t.fake.store.requestsFor("Receipt.confirm")).toHaveLength(1)
    const resolution = await t.bootpay.reconcile(error)
    expect(resolution._tag).toBe("DidNotHappen")
    expect((await t.bootpay.receipt.confirm(pending.receipt_id)).status).toBe(1)
  })

  it("a connection dropped after the change: OutcomeUnknown, reconciled to Undetermined with the paid receipt, confirmed once", async () => {
    const pending = t.fake.store.createReceipt({ status: 2 })
    t.fake.store.inject({ _tag: "DropAfter" }, { operation: "Receipt.confirm" })
    const error = outcomeUnknown(await settle(t.bootpay.receipt.confirm(pending.receipt_id)))
    expect(error.receiptId).toBe(pending.receipt_id)
    // A paid receipt does not say which confirm paid it: the read says what it saw, not a guess.
    const resolution = await t.bootpay.reconcile(error)
    expect(resolution).toMatchObject({ _tag: "Undetermined", receipts: [{ status: 1 }] })
    expect(t.fake.store.requestsFor("Receipt.confirm")).toHaveLength(1)
  })

  it("an answer slower than the timeout: OutcomeUnknown(timeout), reconciled to Happened", async () => {
    const pending = t.fake.store.createReceipt({ status: 2 })
    t.fake.store.inject({ _tag: "Latency", duration: "5 seconds" }, { operation: "Receipt.confirm" })
    const error = outcomeUnknown(
      await settle(t.bootpay.receipt.confirm(pending.receipt_id, { timeout: "300 millis" }))
    )
    expect(error.reason).toBe("timeout")
    expect(await t.bootpay.reconcile(error)).toMatchObject({
      _tag: "Undetermined",
      receipts: [{ status: 1 }]
    })
    expect(t.fake.store.requestsFor("Receipt.confirm")).toHaveLength(1)
  })
})

describe("cancel under faults", () => {
  it("with cancel_id, a reset after the change ends as that success and cancels once", async () => {
    const paid = t.fake.store.createReceipt({ price: 10_000 })
    t.fake.store.inject({ _tag: "DropAfter" }, { operation: "Receipt.cancel" })
    const receipt = await t.bootpay.receipt.cancel({
      receipt_id: paid.receipt_id,
      cancel_price: 4000,
      cancel_id: "c-1"
    })
    expect(receipt.cancelled_price).toBe(4000)
    expect(t.fake.store.getReceipt(paid.receipt_id)!.cancelled_price).toBe(4000)
    expect(t.fake.store.requestsFor("Receipt.cancel")).toHaveLength(2)
  })

  it("with cancel_id, a reset before the change is retried and cancels once", async () => {
    const paid = t.fake.store.createReceipt({ price: 10_000 })
    t.fake.store.inject({ _tag: "DropBefore" }, { operation: "Receipt.cancel" })
    const receipt = await t.bootpay.receipt.cancel({
      receipt_id: paid.receipt_id,
      cancel_price: 4000,
      cancel_id: "c-1"
    })
    expect(receipt.cancelled_price).toBe(4000)
    expect(t.fake.store.getReceipt(paid.receipt_id)!.cancelled_price).toBe(4000)
  })

  it("without cancel_id, a reset is OutcomeUnknown and is never retried; reconcile says only what the receipt proves", async () => {
    const paid = t.fake.store.createReceipt({ price: 10_000 })
    t.fake.store.inject({ _tag: "DropBefore" }, { operation: "Receipt.cancel" })
    const lost = outcomeUnknown(
      await settle(t.bootpay.receipt.cancel({ receipt_id: paid.receipt_id, cancel_price: 1000 }))
    )
    expect(lost.cancelPrice).toBe(1000)
    expect(t.fake.store.requestsFor("Receipt.cancel")).toHaveLength(1)
    // Nothing is cancelled: a cancel of 1000 cannot have happened.
    expect((await t.bootpay.reconcile(lost))._tag).toBe("DidNotHappen")

    t.fake.store.inject({ _tag: "DropAfter" }, { operation: "Receipt.cancel" })
    const happened = outcomeUnknown(
      await settle(t.bootpay.receipt.cancel({ receipt_id: paid.receipt_id, cancel_price: 1000 }))
    )
    expect(t.fake.store.requestsFor("Receipt.cancel")).toHaveLength(2)
    expect(t.fake.store.getReceipt(paid.receipt_id)!.cancelled_price).toBe(1000)
    // 1000 is cancelled, but any cancel of this receipt could have done it: no read can tell.
    expect(await t.bootpay.reconcile(happened)).toMatchObject({
      _tag: "Undetermined",
      receipts: [{ cancelled_price: 1000 }]
    })
  })
})

describe("charges under faults", () => {
  it("a billing-key charge whose answer is lost reconciles by order id to the one charge, charged once", async () => {
    const key = await t.bootpay.billingKey.issue({
      pg: "nicepay",
      order_name: "정기결제",
      subscription_id: "sub-1",
      card_no: "5570000000000000",
      card_pw: "12",
      card_identity_no: "900101",
      card_expire_year: "30",
      card_expire_month: "12"
    })
    t.fake.store.inject({ _tag: "DropAfter" }, { operation: "Subscription.pay" })
    const charge = {
      billing_key: key.billing_key,
      order_name: "1월 구독료",
      price: 9900,
      order_id: "sub-1-2026-01"
    }
    const error = outcomeUnknown(await settle(t.bootpay.subscription.pay(charge)))
    expect(error.orderId).toBe("sub-1-2026-01")
    expect(t.fake.store.requestsFor("Subscription.pay")).toHaveLength(1)
    const resolution = await t.bootpay.reconcile(error)
    expect(resolution).toMatchObject({
      _tag: "Undetermined",
      receipts: [{ price: 9900, order_id: "sub-1-2026-01", status: 1 }]
    })
    const receipts = await t.bootpay.receipt.lookupByOrderId("sub-1-2026-01")
    expect(receipts).toHaveLength(1)
  })

  it("a declined charge is PgRefused and leaves nothing behind", async () => {
    const key = await t.bootpay.billingKey.issue({
      pg: "nicepay",
      order_name: "정기결제",
      subscription_id: "sub-2",
      card_no: "5570000000000000",
      card_pw: "12",
      card_identity_no: "900101",
      card_expire_year: "30",
      card_expire_month: "12"
    })
    t.fake.store.inject(
      { _tag: "Decline", errorCode: "RC_CONFIRM_FAILED", pgErrorCode: "3011", message: "잔액 부족" },
      { operation: "Subscription.pay" }
    )
    const result = await settle(
      t.bootpay.subscription.pay({
        billing_key: key.billing_key,
        order_name: "x",
        price: 1000,
        order_id: "o-declined"
      })
    )
    expect("error" in result && result.error).toMatchObject({ _tag: "PgRefused", pgErrorCode: "3011" })
    expect(await settle(t.bootpay.receipt.lookupByOrderId("o-declined"))).toEqual({ ok: [] })
  })
})

describe("reads under faults", () => {
  it("500 then success is retried to success", async () => {
    const paid = t.fake.store.createReceipt()
    t.fake.store.inject({ _tag: "Respond", status: 500, body: { error_code: "INTERNAL", message: "x" } })
    expect((await t.bootpay.receipt.lookup(paid.receipt_id)).receipt_id).toBe(paid.receipt_id)
    expect(t.fake.store.requestsFor("Receipt.lookup")).toHaveLength(2)
  })

  it("429 with Retry-After waits and retries", async () => {
    const paid = t.fake.store.createReceipt()
    t.fake.store.inject({
      _tag: "Respond",
      status: 429,
      body: { message: "slow" },
      headers: { "retry-after": "1" }
    })
    const started = performance.now()
    await t.bootpay.receipt.lookup(paid.receipt_id)
    expect(performance.now() - started).toBeGreaterThanOrEqual(900)
    expect(t.fake.store.requestsFor("Receipt.lookup")).toHaveLength(2)
  })

  it("malformed, HTML, empty and incomplete bodies are typed errors", async () => {
    const paid = t.fake.store.createReceipt()
    const answers: Array<[number, unknown, string]> = [
      [200, '{"receipt_id": "x", ', "InvalidResponse"],
      [200, "", "InvalidResponse"],
      [200, { status: 1 }, "InvalidResponse"],
      [502, "<html><body>Bad Gateway</body></html>", "ApiError"],
      [400, "<html>oops</html>", "ApiError"]
    ]
    for (const [status, body, tag] of answers) {
      t.fake.store.inject({ _tag: "Respond", status, body })
      const result = await settle(t.bootpay.receipt.lookup(paid.receipt_id, { retry: 0 }))
      expect("error" in result && result.error._tag).toBe(tag)
    }
  })

  it("tokens expiring in the middle of a burst of 100 calls cause exactly one refresh", async () => {
    const legacy = Bootpay.make({ baseUrl: t.fake.url, applicationId: "test", privateKey: "test" })
    try {
      const paid = t.fake.store.createReceipt()
      await legacy.receipt.lookup(paid.receipt_id)
      expect(t.fake.store.tokenRequests).toBe(1)
      t.fake.store.expireTokens()
      const results = await Promise.all(
        Array.from({ length: 100 }, () => legacy.receipt.lookup(paid.receipt_id))
      )
      expect(results).toHaveLength(100)
      expect(t.fake.store.tokenRequests).toBe(2)
    } finally {
      await legacy.dispose()
    }
  })
})
