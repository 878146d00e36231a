/**
 * Written as a merchant would: an order service of their own, tested with nothing but the public API
 * of `@effect-bootpay/testing` (and the SDK it tests).
 */
import { describe, expect, it } from "@effect/vitest"
import { BootpayClient, type BootpayError, Receipt } from "@effect-bootpay/core"
import { FakeBootpay, Fixtures } from "@effect-bootpay/testing"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

// ---- the merchant's code -------------------------------------------------------------------------

class AmountMismatch extends Data.TaggedError("AmountMismatch")<{ expected: number; paid: number }> {}

interface Order {
  readonly id: string
  readonly amount: number
}

class Orders extends Context.Tag("shop/Orders")<Orders, Map<string, Order & { status: string }>>() {}

/** Confirms a payment only when Bootpay's amount is the order's amount; otherwise cancels it. */
const completeOrder = (orderId: string, receiptId: string) =>
  Effect.gen(function* () {
    const orders = yield* Orders
    const order = orders.get(orderId)!
    const receipt = yield* Receipt.lookup(receiptId)
    if (receipt.price !== order.amount) {
      yield* Receipt.cancel({ receipt_id: receiptId, cancel_message: "금액 불일치" })
      order.status = "rejected"
      return yield* new AmountMismatch({ expected: order.amount, paid: receipt.price ?? 0 })
    }
    const confirmed = yield* Receipt.confirm(receiptId)
    order.status = confirmed.status === Receipt.Status.PAID ? "paid" : "pending"
    return confirmed
  })

// ---- the merchant's tests ------------------------------------------------------------------------

const ordersLayer = Layer.sync(
  Orders,
  () => new Map([["order-1", { id: "order-1", amount: 15_000, status: "new" }]])
)
const testLayer = Layer.merge(FakeBootpay.layer(), ordersLayer)

describe("completeOrder (a merchant's own service)", () => {
  it.effect("confirms a payment whose amount matches the order", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const payment = store.createReceipt(
        Fixtures.receipt("card", { price: 15_000, status: 2, order_id: "order-1" })
      )
      const confirmed = yield* completeOrder("order-1", payment.receipt_id)
      expect(confirmed.status).toBe(1)
      expect((yield* Orders).get("order-1")!.status).toBe("paid")
      expect(store.getReceipt(payment.receipt_id)!.status).toBe(1)
    }).pipe(Effect.provide(testLayer))
  )

  it.effect("refuses and cancels a tampered amount", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const payment = store.createReceipt(Fixtures.receipt("card", { price: 100, order_id: "order-1" }))
      const error = yield* Effect.flip(completeOrder("order-1", payment.receipt_id))
      expect(error).toMatchObject({ _tag: "AmountMismatch", expected: 15_000, paid: 100 })
      expect(store.getReceipt(payment.receipt_id)!.cancelled_price).toBe(100)
      expect(store.requestsFor("Receipt.confirm")).toHaveLength(0)
    }).pipe(Effect.provide(testLayer))
  )

  it.effect("surfaces a PG decline as a typed error the merchant can catch", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const payment = store.createReceipt(Fixtures.receipt("card", { price: 15_000, status: 2 }))
      store.inject(
        { _tag: "Decline", errorCode: "RC_CONFIRM_FAILED", message: "한도 초과" },
        { operation: "Receipt.confirm" }
      )
      const outcome = yield* completeOrder("order-1", payment.receipt_id).pipe(
        Effect.catchTag("PgRefused", (refused: BootpayError.PgRefused) =>
          Effect.succeed(`declined: ${refused.message}`)
        )
      )
      expect(outcome).toBe("declined: 한도 초과")
      expect(store.getReceipt(payment.receipt_id)!.status).toBe(2)
    }).pipe(Effect.provide(testLayer))
  )

  it.effect("keeps BootpayClient available for the merchant's own composition", () =>
    Effect.gen(function* () {
      const client = yield* BootpayClient.BootpayClient
      expect(client.config.mode).toBe("custom")
    }).pipe(Effect.provide(testLayer))
  )
})
