import { describe, expect, it } from "@effect/vitest"
import { Commerce } from "@effect-bootpay/core"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { FakeBootpay, FakeCommerce, FakeServer } from "../src/index.js"

describe("Commerce orders against the fake", () => {
  it.effect("detail by id or order number, list with comma filters and a 50 cap, month of a group", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const state = FakeCommerce.of(store)
      const order = state.createOrder({ user_group_id: "g-1", total_price: 20000 })
      for (let i = 0; i < 4; i++) state.createOrder({ status: i % 2 === 0 ? 1 : 20 })
      expect((yield* Commerce.Order.detail(String(order.order_number))).order_id).toBe(order.order_id)
      expect((yield* Effect.flip(Commerce.Order.detail("missing")))._tag).toBe("NotFound")
      const paid = yield* Commerce.Order.list({ status: [1] })
      expect(Commerce.Paging.pageItems(paid).items).toHaveLength(3)
      const all = yield* Stream.runCollect(Commerce.Order.listAll({ limit: 2 }))
      expect(Chunk.size(all)).toBe(5)
      const sent = store.requests.find((r) => r.operation === "Commerce.Order.list")!
      expect(sent.query).toEqual({ status: "1" })
      const month = yield* Commerce.Order.month({
        user_group_id: "g-1",
        search_date: String(order.created_at).slice(0, 7)
      })
      expect(month).toMatchObject({ total: 1, total_price: 20000 })
      for (let i = 0; i < 50; i++) state.createOrder()
      const capped = yield* Commerce.Order.list({ limit: 100 })
      expect(Commerce.Paging.pageItems(capped)).toMatchObject({ total: 55 })
      expect(Commerce.Paging.pageItems(capped).items).toHaveLength(50)
      const bad = yield* Effect.flip(Commerce.Order.month({ user_group_id: "g-1", search_date: "2026-13" }))
      expect(bad._tag).toBe("InvalidRequest")
    }).pipe(Effect.provide(FakeBootpay.layer()))
  )
})

describe("Commerce order cancellations against the fake", () => {
  it.effect("request → approve cancels the order; a second approve or a withdraw is refused", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const state = FakeCommerce.of(store)
      const order = state.createOrder({ total_price: 15000 })
      const number = String(order.order_number)
      const requested = yield* Commerce.OrderCancel.request({
        order_number: number,
        request_cancel_parameters: { cancel_id: "cancel-1", cancel_price: 5000, cancel_message: "일부 취소" }
      })
      expect(requested.status).toBe(FakeCommerce.CancellationStatus.requested)
      const id = requested.order_cancellation_request_id!
      const again = yield* Effect.flip(Commerce.OrderCancel.request({ order_number: number }))
      expect(again).toMatchObject({ _tag: "ApiError", errorCode: "ORDER_CANCEL_ALREADY_REQUESTED" })
      const approved = yield* Commerce.OrderCancel.approve({
        order_cancellation_request_id: id,
        message: "승인"
      })
      expect(approved.status).toBe(FakeCommerce.CancellationStatus.approved)
      const partly = yield* Commerce.Order.detail(String(order.order_id))
      expect(partly).toMatchObject({
        status: FakeCommerce.OrderStatus.partiallyCancelled,
        cancelled_price: 5000
      })
      expect(partly.cancelled_request_history?.[0]).toMatchObject({ order_cancellation_request_id: id })
      for (const step of [
        Commerce.OrderCancel.approve({ order_cancellation_request_id: id }),
        Commerce.OrderCancel.reject({ order_cancellation_request_id: id }),
        Commerce.OrderCancel.withdraw(id)
      ]) {
        expect(yield* Effect.flip(step)).toMatchObject({
          _tag: "ApiError",
          errorCode: "ORDER_CANCEL_NOT_PENDING"
        })
      }
      const reused = yield* Effect.flip(
        Commerce.OrderCancel.request({
          order_number: number,
          request_cancel_parameters: { cancel_id: "cancel-1" }
        })
      )
      expect(reused).toMatchObject({ errorCode: "DUPLICATE_CANCEL_ID" })
      const tooMuch = yield* Effect.flip(
        Commerce.OrderCancel.request({
          order_number: number,
          request_cancel_parameters: { cancel_price: 10001 }
        })
      )
      expect(tooMuch).toMatchObject({ errorCode: "CANCEL_PRICE_EXCEEDED" })
      const rest = yield* Commerce.OrderCancel.request({ order_number: number })
      expect(rest.cancel_price).toBe(10000)
      yield* Commerce.OrderCancel.approve({
        order_cancellation_request_id: rest.order_cancellation_request_id!
      })
      expect((yield* Commerce.Order.detail(number)).status).toBe(FakeCommerce.OrderStatus.cancelled)
      const done = yield* Effect.flip(Commerce.OrderCancel.request({ order_number: number }))
      expect(done).toMatchObject({ errorCode: "ORDER_ALREADY_CANCELLED" })
      const listed = yield* Commerce.OrderCancel.list({ order_number: number })
      expect(Commerce.Paging.pageItems(listed).items).toHaveLength(2)
      const roles = store.requests
        .filter((r) => r.operation?.startsWith("Commerce.OrderCancel."))
        .map((r) => `${r.operation}:${r.headers["bootpay-role"]}`)
      expect(new Set(roles)).toEqual(
        new Set([
          "Commerce.OrderCancel.request:user",
          "Commerce.OrderCancel.approve:supervisor",
          "Commerce.OrderCancel.reject:supervisor",
          "Commerce.OrderCancel.withdraw:user",
          "Commerce.OrderCancel.list:user"
        ])
      )
    }).pipe(Effect.provide(FakeBootpay.layer()))
  )

  it.effect("withdraw and reject leave the order as it was; an unknown request is NotFound", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const state = FakeCommerce.of(store)
      const order = state.createOrder()
      const number = String(order.order_number)
      const first = yield* Commerce.OrderCancel.request({ order_number: number })
      const withdrawn = yield* Commerce.OrderCancel.withdraw({
        order_cancellation_request_id: first.order_cancellation_request_id!
      })
      expect(withdrawn?.status).toBe(FakeCommerce.CancellationStatus.withdrawn)
      const second = yield* Commerce.OrderCancel.request({ order_number: number })
      const rejected = yield* Commerce.OrderCancel.reject({
        order_cancellation_request_id: second.order_cancellation_request_id!,
        message: "배송 완료"
      })
      expect(rejected).toMatchObject({
        status: FakeCommerce.CancellationStatus.rejected,
        message: "배송 완료"
      })
      expect(yield* Commerce.Order.detail(number)).toMatchObject({
        status: FakeCommerce.OrderStatus.paid,
        cancelled_price: 0
      })
      expect(
        (yield* Effect.flip(Commerce.OrderCancel.approve({ order_cancellation_request_id: "none" })))._tag
      ).toBe("NotFound")
      expect((yield* Effect.flip(Commerce.OrderCancel.request({ order_number: "none" })))._tag).toBe(
        "NotFound"
      )
    }).pipe(Effect.provide(FakeBootpay.layer()))
  )

  it.effect(
    "a lost approve is OutcomeUnknown with its key and is not repeated; the refund happened once",
    () =>
      Effect.gen(function* () {
        const store = yield* FakeBootpay.Store
        const state = FakeCommerce.of(store)
        const order = state.createOrder()
        const request = yield* Commerce.OrderCancel.request({ order_number: String(order.order_number) })
        store.inject({ _tag: "DropAfter" }, { operation: "Commerce.OrderCancel.approve" })
        const lost = yield* Effect.flip(
          Commerce.OrderCancel.approve(
            {
              order_cancellation_request_id: request.order_cancellation_request_id!,
              idempotency_key: "approve-1"
            },
            { retry: 3 }
          )
        )
        expect(lost).toMatchObject({ _tag: "OutcomeUnknown", idempotencyKey: "approve-1" })
        expect(store.requests.filter((r) => r.operation === "Commerce.OrderCancel.approve")).toHaveLength(1)
        expect(state.orders.get(String(order.order_id))!.cancelled_price).toBe(15000)
        const replay = yield* Commerce.OrderCancel.approve({
          order_cancellation_request_id: request.order_cancellation_request_id!,
          idempotency_key: "approve-1"
        })
        expect(replay.status).toBe(FakeCommerce.CancellationStatus.approved)
        expect(state.orders.get(String(order.order_id))!.cancelled_price).toBe(15000)
      }).pipe(Effect.provide(FakeBootpay.layer()))
  )

  it("a raw approve sent with the user role is refused with scope_invalid", async () => {
    const server = await FakeServer.start()
    try {
      const order = FakeCommerce.of(server.store).createOrder()
      const auth = `Basic ${Buffer.from("test:test").toString("base64")}`
      const headers = { authorization: auth, "content-type": "application/json", "bootpay-role": "user" }
      const requested = await fetch(`${server.commerceUrl}/order/cancel`, {
        method: "POST",
        headers,
        body: JSON.stringify({ order_number: order.order_number })
      })
      expect(requested.status).toBe(200)
      const { data } = (await requested.json()) as { data: { order_cancellation_request_id: string } }
      const response = await fetch(
        `${server.commerceUrl}/order/cancel/${data.order_cancellation_request_id}/approve`,
        { method: "PUT", headers, body: "{}" }
      )
      expect(response.status).toBe(403)
      expect(await response.json()).toMatchObject({ error_code: "scope_invalid" })
      expect(FakeCommerce.of(server.store).orders.get(String(order.order_id))!.cancelled_price).toBe(0)
    } finally {
      await server.close()
    }
  })
})
