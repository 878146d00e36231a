/**
 * A merchant's own test of its checkout, written against the fake Bootpay layer: the real SDK client
 * runs over an in-memory Bootpay whose store the test seeds (what the browser did) and inspects
 * (what happened to the money).
 */
import { describe, expect, it } from "@effect/vitest"
import { Receipt } from "@effect-bootpay/core"
import { FakeBootpay } from "@effect-bootpay/testing"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { confirmOrder, memoryShop, type Order } from "../src/effect/confirmOrCancel.js"

const mug: Order = { orderId: "order-1", amount: 15_000, sku: "mug", quantity: 1 }

/** A fresh fake Bootpay and a shop with `stock` mugs for each test. */
const setup = (stock: number) => {
  const shop = memoryShop([mug], { mug: stock })
  return { shop, layer: Layer.merge(FakeBootpay.layer(), shop.layer) }
}

describe("confirmOrder", () => {
  it.effect("the amount matches: the payment is confirmed, the stock taken and the order marked paid", () => {
    const { shop, layer } = setup(3)
    return Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const pending = store.createReceipt({ order_id: "order-1", price: 15_000, status: 2 })

      const outcome = yield* confirmOrder({ receiptId: pending.receipt_id, orderId: "order-1" })

      expect(outcome).toMatchObject({ _tag: "Confirmed", receipt: { status: Receipt.Status.PAID } })
      expect(store.getReceipt(pending.receipt_id)?.status).toBe(Receipt.Status.PAID)
      expect(store.requestsFor("Receipt.confirm")).toHaveLength(1)
      expect(shop.state.stock.get("mug")).toBe(2)
      expect(shop.state.paid.get("order-1")).toBe(pending.receipt_id)
    }).pipe(Effect.provide(layer))
  })

  it.effect("a tampered amount awaiting confirmation is refused and never confirmed", () => {
    const { shop, layer } = setup(3)
    return Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const tampered = store.createReceipt({ order_id: "order-1", price: 100, status: 2 })

      const outcome = yield* confirmOrder({ receiptId: tampered.receipt_id, orderId: "order-1" })

      expect(outcome).toMatchObject({ _tag: "Refused", reason: "amount_mismatch", cancelled: false })
      expect(store.requestsFor("Receipt.confirm")).toHaveLength(0)
      expect(store.getReceipt(tampered.receipt_id)?.status).toBe(2)
      expect(shop.state.stock.get("mug")).toBe(3)
      expect(shop.state.paid.size).toBe(0)
    }).pipe(Effect.provide(layer))
  })

  it.effect("a tampered amount the PG already captured is refused and cancelled in full", () => {
    const { shop, layer } = setup(3)
    return Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const tampered = store.createReceipt({ order_id: "order-1", price: 100, status: 1 })

      const outcome = yield* confirmOrder({ receiptId: tampered.receipt_id, orderId: "order-1" })

      expect(outcome).toMatchObject({ _tag: "Refused", reason: "amount_mismatch", cancelled: true })
      expect(store.getReceipt(tampered.receipt_id)).toMatchObject({
        status: Receipt.Status.CANCELLED,
        cancelled_price: 100
      })
      expect(store.requestsFor("Receipt.cancel")[0]?.body).toMatchObject({
        cancel_id: "order-1:amount_mismatch"
      })
      expect(shop.state.paid.size).toBe(0)
    }).pipe(Effect.provide(layer))
  })

  it.effect("a receipt of another order is refused and left alone", () => {
    const { layer } = setup(3)
    return Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const other = store.createReceipt({ order_id: "order-9", price: 15_000, status: 1 })

      const outcome = yield* confirmOrder({ receiptId: other.receipt_id, orderId: "order-1" })

      expect(outcome).toMatchObject({ _tag: "Refused", reason: "order_mismatch", cancelled: false })
      expect(store.requestsFor("Receipt.cancel")).toHaveLength(0)
      expect(store.getReceipt(other.receipt_id)?.cancelled_price).toBe(0)
    }).pipe(Effect.provide(layer))
  })

  it.effect("sold out after the confirm: the payment is cancelled and the order is not paid", () => {
    const { shop, layer } = setup(0)
    return Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const pending = store.createReceipt({ order_id: "order-1", price: 15_000, status: 2 })

      const outcome = yield* confirmOrder({ receiptId: pending.receipt_id, orderId: "order-1" })

      expect(outcome).toMatchObject({ _tag: "Refused", reason: "out_of_stock", cancelled: true })
      expect(store.getReceipt(pending.receipt_id)).toMatchObject({
        status: Receipt.Status.CANCELLED,
        cancelled_price: 15_000
      })
      expect(shop.state.paid.size).toBe(0)
    }).pipe(Effect.provide(layer))
  })

  it.effect("a PG decline of the confirm fails with PgRefused and touches neither stock nor order", () => {
    const { shop, layer } = setup(3)
    return Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const pending = store.createReceipt({ order_id: "order-1", price: 15_000, status: 2 })
      store.inject(
        { _tag: "Decline", errorCode: "RC_CONFIRM_FAILED", pgErrorCode: "3011", message: "한도 초과" },
        { operation: "Receipt.confirm" }
      )

      const error = yield* Effect.flip(confirmOrder({ receiptId: pending.receipt_id, orderId: "order-1" }))

      expect(error).toMatchObject({ _tag: "PgRefused", errorCode: "RC_CONFIRM_FAILED", pgErrorCode: "3011" })
      expect(store.getReceipt(pending.receipt_id)?.status).toBe(2)
      expect(shop.state.stock.get("mug")).toBe(3)
      expect(shop.state.paid.size).toBe(0)
    }).pipe(Effect.provide(layer))
  })

  it.effect(
    "the confirm's answer is lost after Bootpay applied it: reconciled, confirmed exactly once",
    () => {
      const { shop, layer } = setup(3)
      return Effect.gen(function* () {
        const store = yield* FakeBootpay.Store
        const pending = store.createReceipt({ order_id: "order-1", price: 15_000, status: 2 })
        store.inject({ _tag: "DropAfter" }, { operation: "Receipt.confirm" })

        const outcome = yield* confirmOrder({ receiptId: pending.receipt_id, orderId: "order-1" })

        expect(outcome).toMatchObject({ _tag: "Confirmed", receipt: { status: Receipt.Status.PAID } })
        expect(store.requestsFor("Receipt.confirm")).toHaveLength(1)
        expect(shop.state.paid.get("order-1")).toBe(pending.receipt_id)
      }).pipe(Effect.provide(layer))
    }
  )

  it.effect("the confirm is lost before reaching Bootpay: reconciled, then sent again once", () => {
    const { layer } = setup(3)
    return Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const pending = store.createReceipt({ order_id: "order-1", price: 15_000, status: 2 })
      store.inject({ _tag: "DropBefore" }, { operation: "Receipt.confirm" })

      const outcome = yield* confirmOrder({ receiptId: pending.receipt_id, orderId: "order-1" })

      expect(outcome._tag).toBe("Confirmed")
      expect(store.requestsFor("Receipt.confirm")).toHaveLength(2)
      expect(store.getReceipt(pending.receipt_id)?.status).toBe(Receipt.Status.PAID)
    }).pipe(Effect.provide(layer))
  })

  it.effect("an unknown order fails with OrderNotFound before Bootpay is asked anything", () => {
    const { layer } = setup(3)
    return Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const error = yield* Effect.flip(confirmOrder({ receiptId: "r-1", orderId: "order-404" }))
      expect(error).toMatchObject({ _tag: "OrderNotFound", orderId: "order-404" })
      expect(store.requests).toHaveLength(0)
    }).pipe(Effect.provide(layer))
  })
})
