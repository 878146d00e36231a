import { kstIso } from "@effect-bootpay/testing"
import { describe, expect, it } from "vitest"
import { tagOf, targets, value, withTarget } from "./utils/targets.js"

describe.each(targets)("receipts contract: $name", ({ start }) => {
  it("looks a receipt up, and lists every receipt of an order", () =>
    withTarget(start, async ({ store, call }) => {
      const first = store.createReceipt({ order_id: "o-1", price: 1000 })
      store.createReceipt({ order_id: "o-1", price: 2000 })
      store.createReceipt({ order_id: "o-2" })
      expect(value(await call("receipt", "lookup", first.receipt_id))).toMatchObject({
        price: 1000,
        status: 1
      })
      const receipts = value(await call("receipt", "lookupByOrderId", "o-1"))
      expect(receipts.map((r) => (r as { price: number }).price)).toEqual([1000, 2000])
      expect(tagOf(await call("receipt", "lookup", "nope"))).toBe("NotFound")
    }))

  it("confirms only a receipt awaiting confirm", () =>
    withTarget(start, async ({ store, call }) => {
      const pending = store.createReceipt({ status: 2 })
      expect(value(await call("receipt", "confirm", pending.receipt_id))).toMatchObject({ status: 1 })
      expect(store.getReceipt(pending.receipt_id)?.purchased_at).toBeDefined()
      expect(tagOf(await call("receipt", "confirm", pending.receipt_id))).toBe("PgRefused")
      expect(store.getReceipt(pending.receipt_id)?.status).toBe(1)
    }))

  it("cancels partially with cumulative amounts; a repeated cancel_id resolves to the receipt, changing nothing; an over-cancel is refused", () =>
    withTarget(start, async ({ store, call }) => {
      const paid = store.createReceipt({ price: 10_000, tax_free: 1_000 })
      const id = paid.receipt_id
      expect(
        value(await call("receipt", "cancel", { receipt_id: id, cancel_price: 3000, cancel_id: "c1" }))
      ).toMatchObject({ status: 20, cancelled_price: 3000 })
      // Bootpay refuses the repeat as done: the SDK reads the receipt back and reports the cancel done.
      expect(
        value(await call("receipt", "cancel", { receipt_id: id, cancel_price: 3000, cancel_id: "c1" }))
      ).toMatchObject({ status: 20, cancelled_price: 3000 })
      expect(tagOf(await call("receipt", "cancel", { receipt_id: id, cancel_price: 7001 }))).toBe("PgRefused")
      expect(store.getReceipt(id)?.cancelled_price).toBe(3000)
      expect(
        value(await call("receipt", "cancel", { receipt_id: id, cancel_price: 2000, cancel_tax_free: 500 }))
      ).toMatchObject({ cancelled_price: 5000, cancelled_tax_free: 500 })
      expect(value(await call("receipt", "cancel", { receipt_id: id }))).toMatchObject({
        cancelled_price: 10_000,
        cancelled_tax_free: 1_000
      })
      expect(tagOf(await call("receipt", "cancel", { receipt_id: id }))).toBe("PgRefused")
    }))

  it("refuses to cancel a phone payment from an earlier month in Korea time", () =>
    withTarget(start, async ({ store, call }) => {
      // The SDK judges the month by its own clock, the fake by its store clock: both are "now" here.
      const phone = store.createReceipt({
        method_symbol: "phone",
        price: 5000,
        purchased_at: kstIso(Date.now() - 40 * 86_400_000)
      })
      expect(tagOf(await call("receipt", "cancel", { receipt_id: phone.receipt_id }))).toBe(
        "CarrierCancelWindowClosed"
      )
      expect(store.getReceipt(phone.receipt_id)?.cancelled_price).toBe(0)
    }))

  it("works in bearer-token mode, replaying once when the fake's tokens expire", () =>
    withTarget(
      start,
      async ({ store, call }) => {
        const paid = store.createReceipt()
        value(await call("receipt", "lookup", paid.receipt_id))
        expect(store.tokenRequests).toBe(1)
        store.expireTokens()
        value(await call("receipt", "lookup", paid.receipt_id))
        expect(store.tokenRequests).toBe(2)
      },
      { bearer: true }
    ))
})
