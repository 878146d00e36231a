import { describe, expect, it } from "@effect/vitest"
import { Commerce } from "@effect-bootpay/core"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { FakeBootpay, FakeCommerce, FakeServer } from "../src/index.js"

const { BillStatus } = FakeCommerce

const billOf = (state: FakeCommerce.CommerceState, subscriptionId: unknown, cycle: number) =>
  [...state.bills.values()].find(
    (bill) => bill.order_subscription_id === subscriptionId && bill.duration === cycle
  )!

describe("Commerce subscription bills against the fake", () => {
  it.effect(
    "list a subscription's bills by status page after page, read one, change an unpaid one only",
    () =>
      Effect.gen(function* () {
        const store = yield* FakeBootpay.Store
        const state = FakeCommerce.of(store)
        const sub = state.createSubscription({ paid_cycles: 2, total_subscription_duration: 6 })
        state.createSubscription()
        const id = String(sub.order_subscription_id)
        const ready = yield* Commerce.OrderSubscriptionBill.list({
          order_subscription_id: id,
          status: [BillStatus.ready]
        })
        expect(Commerce.Paging.pageItems(ready).items.map((bill) => bill.duration)).toEqual([3, 4, 5, 6])
        expect(store.requests.at(-1)!.query).toEqual({ order_subscription_id: id, status: "0" })
        const all = yield* Stream.runCollect(
          Commerce.OrderSubscriptionBill.listAll({ order_subscription_id: id, limit: 4 })
        )
        expect(Chunk.size(all)).toBe(6)
        const paid = billOf(state, id, 1)
        const unpaid = billOf(state, id, 3)
        expect(
          (yield* Commerce.OrderSubscriptionBill.detail(String(unpaid.order_subscription_bill_id))).duration
        ).toBe(3)
        const moved = yield* Commerce.OrderSubscriptionBill.update({
          order_subscription_bill_id: String(unpaid.order_subscription_bill_id),
          reserve_payment_at: "2026-05-20T00:00:00+09:00"
        })
        expect(moved.reserve_payment_at).toBe("2026-05-20T00:00:00+09:00")
        const refused = yield* Effect.flip(
          Commerce.OrderSubscriptionBill.update({
            order_subscription_bill_id: String(paid.order_subscription_bill_id),
            price: 1
          })
        )
        expect(refused).toMatchObject({ _tag: "ApiError", errorCode: "BILL_NOT_EDITABLE" })
        expect((yield* Effect.flip(Commerce.OrderSubscriptionBill.detail("none")))._tag).toBe("NotFound")
      }).pipe(Effect.provide(FakeBootpay.layer()))
  )
})

describe("Commerce subscription adjustments against the fake", () => {
  it.effect(
    "create over a range re-bills the cycles; paid, out-of-range and negative cycles refuse the whole request",
    () =>
      Effect.gen(function* () {
        const store = yield* FakeBootpay.Store
        const state = FakeCommerce.of(store)
        const sub = state.createSubscription({ paid_cycles: 2, total_subscription_duration: 6, price: 10000 })
        const id = String(sub.order_subscription_id)
        const created = yield* Commerce.OrderSubscriptionAdjustment.create({
          order_subscription_id: id,
          price: -3000,
          name: "3~5회차 할인",
          duration_from: 3,
          duration_to: 5
        })
        expect(created).toMatchObject({
          duration: 3,
          price: -3000,
          type: FakeCommerce.AdjustmentType.periodDiscount
        })
        expect(created.adjustments?.map((a) => a.duration)).toEqual([3, 4, 5])
        expect([3, 4, 5, 6].map((cycle) => billOf(state, id, cycle).price)).toEqual([7000, 7000, 7000, 10000])
        const size = state.collection("orderSubscriptionAdjustments").size
        const refusals = [
          [{ duration: 2, price: -1000 }, "ADJUSTMENT_CYCLE_ALREADY_PAID"],
          [{ duration: 7, price: 1000 }, "ADJUSTMENT_CYCLE_OUT_OF_RANGE"],
          [{ duration_from: 4, duration_to: 6, price: -8000 }, "ADJUSTMENT_NEGATIVE_PRICE"],
          [{ duration_from: 3, is_unlimited: true, price: -7500 }, "ADJUSTMENT_NEGATIVE_PRICE"]
        ] as const
        for (const [fields, code] of refusals) {
          const error = yield* Effect.flip(
            Commerce.OrderSubscriptionAdjustment.create({ order_subscription_id: id, ...fields })
          )
          expect(error).toMatchObject({ _tag: "ApiError", errorCode: code })
        }
        expect(state.collection("orderSubscriptionAdjustments").size).toBe(size)
        expect(billOf(state, id, 6).price).toBe(10000)
        const setup = yield* Commerce.OrderSubscriptionAdjustment.create({
          order_subscription_id: id,
          duration: 6,
          price: 500
        })
        expect(setup.type).toBe(FakeCommerce.AdjustmentType.setupPrice)
        const unlimited = state.createSubscription({ total_subscription_duration: 0, price: 1000 })
        const all = yield* Commerce.OrderSubscriptionAdjustment.create({
          order_subscription_id: String(unlimited.order_subscription_id),
          duration_from: 59,
          is_unlimited: true,
          price: 100
        })
        expect(all.adjustments?.map((a) => a.duration)).toEqual([59, 60])
        const bad = yield* Effect.flip(
          Commerce.OrderSubscriptionAdjustment.create({
            order_subscription_id: id,
            duration: 3,
            duration_from: 3,
            duration_to: 4
          })
        )
        expect(bad._tag).toBe("InvalidRequest")
      }).pipe(Effect.provide(FakeBootpay.layer()))
  )

  it.effect(
    "update replaces a cycle's adjustments or changes one; delete sends a JSON body and re-bills",
    () =>
      Effect.gen(function* () {
        const store = yield* FakeBootpay.Store
        const state = FakeCommerce.of(store)
        const sub = state.createSubscription({ paid_cycles: 1, total_subscription_duration: 4, price: 10000 })
        const id = String(sub.order_subscription_id)
        const first = yield* Commerce.OrderSubscriptionAdjustment.create({
          order_subscription_id: id,
          duration: 2,
          price: -1000
        })
        const replaced = yield* Commerce.OrderSubscriptionAdjustment.update({
          order_subscription_id: id,
          duration: 2,
          adjustments: [
            { price: -2000, name: "할인" },
            { price: 500, name: "포장" }
          ]
        })
        expect(replaced.adjustments?.map((a) => a.price)).toEqual([-2000, 500])
        expect(billOf(state, id, 2).price).toBe(8500)
        expect(
          state.collection("orderSubscriptionAdjustments").has(first.order_subscription_adjustment_id!)
        ).toBe(false)
        const negative = yield* Effect.flip(
          Commerce.OrderSubscriptionAdjustment.update({
            order_subscription_id: id,
            duration: 2,
            adjustments: [{ price: -10001 }]
          })
        )
        expect(negative).toMatchObject({ errorCode: "ADJUSTMENT_NEGATIVE_PRICE" })
        const paidCycle = yield* Effect.flip(
          Commerce.OrderSubscriptionAdjustment.update({
            order_subscription_id: id,
            duration: 1,
            adjustments: []
          })
        )
        expect(paidCycle).toMatchObject({ errorCode: "ADJUSTMENT_CYCLE_ALREADY_PAID" })
        const packing = replaced.adjustments![1]!.order_subscription_adjustment_id!
        const changed = yield* Commerce.OrderSubscriptionAdjustment.update({
          order_subscription_id: id,
          order_subscription_adjustment_id: packing,
          price: 1000
        })
        expect(changed.price).toBe(1000)
        expect(billOf(state, id, 2).price).toBe(9000)
        const discount = replaced.adjustments![0]!.order_subscription_adjustment_id!
        yield* Commerce.OrderSubscriptionAdjustment.delete({
          order_subscription_id: id,
          order_subscription_adjustment_id: discount
        })
        expect(billOf(state, id, 2).price).toBe(11000)
        const sent = store.requests.find(
          (r) => r.operation === "Commerce.OrderSubscriptionAdjustment.delete"
        )!
        expect(sent).toMatchObject({
          method: "DELETE",
          query: {},
          body: { order_subscription_adjustment_id: discount }
        })
        const gone = yield* Effect.flip(
          Commerce.OrderSubscriptionAdjustment.delete({
            order_subscription_id: id,
            order_subscription_adjustment_id: discount
          })
        )
        expect(gone._tag).toBe("NotFound")
      }).pipe(Effect.provide(FakeBootpay.layer()))
  )

  it("a raw delete naming the adjustment in the query is refused; one with the user role too", async () => {
    const server = await FakeServer.start()
    try {
      const state = FakeCommerce.of(server.store)
      const sub = state.createSubscription({ paid_cycles: 0 })
      const id = String(sub.order_subscription_id)
      const auth = `Basic ${Buffer.from("test:test").toString("base64")}`
      const created = await fetch(`${server.commerceUrl}/order_subscriptions/${id}/adjustments`, {
        method: "POST",
        headers: { authorization: auth, "content-type": "application/json", "bootpay-role": "supervisor" },
        body: JSON.stringify({ duration: 1, price: -100 })
      })
      const { data } = (await created.json()) as { data: { order_subscription_adjustment_id: string } }
      const adjustmentId = data.order_subscription_adjustment_id
      const inQuery = await fetch(
        `${server.commerceUrl}/order_subscriptions/${id}/adjustments?order_subscription_adjustment_id=${adjustmentId}`,
        { method: "DELETE", headers: { authorization: auth, "bootpay-role": "supervisor" } }
      )
      expect(inQuery.status).toBe(400)
      const asUser = await fetch(`${server.commerceUrl}/order_subscriptions/${id}/adjustments`, {
        method: "DELETE",
        headers: { authorization: auth, "content-type": "application/json", "bootpay-role": "user" },
        body: JSON.stringify({ order_subscription_adjustment_id: adjustmentId })
      })
      expect(asUser.status).toBe(403)
      expect(state.collection("orderSubscriptionAdjustments").has(adjustmentId)).toBe(true)
    } finally {
      await server.close()
    }
  })
})
