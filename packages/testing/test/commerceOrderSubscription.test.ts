import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { describe, expect, it } from "@effect/vitest"
import { Commerce, CommerceClient } from "@effect-bootpay/core"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { FakeBootpay, FakeCommerce, FakeServer } from "../src/index.js"

const { SubscriptionStatus, BillStatus, ChangeRequestStatus, ChangeRequestType } = FakeCommerce

describe("Commerce subscriptions against the fake", () => {
  it.effect("approve a pending one, pause, resume, terminate; each refused from the wrong state", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const state = FakeCommerce.of(store)
      const sub = state.createSubscription({ status: SubscriptionStatus.pending, user_id: "u-1" })
      const id = String(sub.order_subscription_id)
      expect((yield* Commerce.OrderSubscription.detail(id)).status).toBe(SubscriptionStatus.pending)
      const notActive = yield* Effect.flip(
        Commerce.OrderSubscription.supervisorPause({ order_subscription_id: id, paused_at: "2026-04-01" })
      )
      expect(notActive).toMatchObject({ _tag: "ApiError", errorCode: "SUBSCRIPTION_NOT_ACTIVE" })
      const approved = yield* Commerce.OrderSubscription.supervisorApprove({ order_subscription_id: id })
      expect(approved.status).toBe(SubscriptionStatus.active)
      const twice = yield* Effect.flip(
        Commerce.OrderSubscription.supervisorApprove({ order_subscription_id: id })
      )
      expect(twice).toMatchObject({ errorCode: "SUBSCRIPTION_NOT_PENDING" })
      const activeResume = yield* Effect.flip(
        Commerce.OrderSubscription.supervisorResume({ order_subscription_id: id })
      )
      expect(activeResume).toMatchObject({ errorCode: "SUBSCRIPTION_NOT_PAUSED" })
      const paused = yield* Commerce.OrderSubscription.supervisorPause({
        order_subscription_id: id,
        paused_at: "2026-04-01T00:00:00+09:00"
      })
      expect(paused.status).toBe(SubscriptionStatus.paused)
      const resumed = yield* Commerce.OrderSubscription.supervisorResume({
        order_subscription_id: id,
        reason: "복귀"
      })
      expect(resumed.status).toBe(SubscriptionStatus.active)
      const updated = yield* Commerce.OrderSubscription.update({ order_subscription_id: id, price: 12900 })
      expect(updated.price).toBe(12900)
      const bills = [...state.bills.values()].filter((bill) => bill.order_subscription_id === id)
      expect(
        bills.filter((bill) => bill.status === BillStatus.ready).every((bill) => bill.price === 12900)
      ).toBe(true)
      expect(bills.find((bill) => bill.duration === 1)!.price).toBe(9900)
      const ended = yield* Commerce.OrderSubscription.supervisorTerminate({
        order_subscription_id: id,
        reason: "해지",
        termination_fee: 5000
      })
      expect(ended).toMatchObject({ status: SubscriptionStatus.terminated, termination_fee: 5000 })
      expect(bills.filter((bill) => bill.status === BillStatus.cancelled)).toHaveLength(11)
      const again = yield* Effect.flip(
        Commerce.OrderSubscription.supervisorTerminate({ order_subscription_id: id })
      )
      expect(again).toMatchObject({ errorCode: "SUBSCRIPTION_NOT_ACTIVE" })
      const late = yield* Effect.flip(
        Commerce.OrderSubscription.update({ order_subscription_id: id, memo: "x" })
      )
      expect(late).toMatchObject({ errorCode: "SUBSCRIPTION_TERMINATED" })
      const other = state.createSubscription({ status: SubscriptionStatus.pending })
      const rejected = yield* Commerce.OrderSubscription.supervisorReject({
        order_subscription_id: String(other.order_subscription_id),
        reason: "재고 없음"
      })
      expect(rejected.status).toBe(SubscriptionStatus.rejected)
      const all = yield* Stream.runCollect(Commerce.OrderSubscription.listAll({ limit: 1 }))
      expect(Chunk.size(all)).toBe(2)
      const filtered = yield* Commerce.OrderSubscription.list({ user_id: "u-1" })
      expect(Commerce.Paging.pageItems(filtered).items.map((s) => s.order_subscription_id)).toEqual([id])
      const supervisorCalls = store.requests.filter((r) =>
        r.operation?.startsWith("Commerce.OrderSubscription.supervisor")
      )
      expect(supervisorCalls.every((r) => r.headers["bootpay-role"] === "supervisor")).toBe(true)
    }).pipe(Effect.provide(FakeBootpay.layer()))
  )

  it.effect("a charge key charges until revoked; a revoked key is refused for charges and revokes", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const state = FakeCommerce.of(store)
      const key = String(state.createChargeKey().charge_key)
      const charged = yield* Commerce.OrderSubscription.supervisorCharge({ charge_key: key, price: 5000 })
      expect(charged).toMatchObject({ charge_key: key, price: 5000, status: FakeCommerce.OrderStatus.paid })
      expect(state.orders.get(charged.order_id!)!.total_price).toBe(5000)
      const sent = store.requests.find((r) => r.operation === "Commerce.OrderSubscription.supervisorCharge")!
      expect(sent.query).toEqual({})
      const revoked = yield* Commerce.OrderSubscription.supervisorChargeRevoke({ charge_key: key })
      expect(revoked).toMatchObject({ charge_key: key, status: FakeCommerce.ChargeKeyStatus.revoked })
      expect(revoked.revoked_at).toBe(state.nowIso())
      const revokeSent = store.requests.find(
        (r) => r.operation === "Commerce.OrderSubscription.supervisorChargeRevoke"
      )!
      expect(revokeSent.method).toBe("DELETE")
      expect(revokeSent.query).toEqual({})
      const orders = state.orders.size
      const refused = yield* Effect.flip(
        Commerce.OrderSubscription.supervisorCharge({ charge_key: key, price: 5000 })
      )
      expect(refused).toMatchObject({ _tag: "ApiError", errorCode: "CHARGE_KEY_REVOKED" })
      expect(state.orders.size).toBe(orders)
      const twice = yield* Effect.flip(Commerce.OrderSubscription.supervisorChargeRevoke({ charge_key: key }))
      expect(twice).toMatchObject({ errorCode: "CHARGE_KEY_REVOKED" })
      const unknown = yield* Effect.flip(
        Commerce.OrderSubscription.supervisorCharge({ charge_key: "nope", price: 1 })
      )
      expect(unknown._tag).toBe("NotFound")
    }).pipe(Effect.provide(FakeBootpay.layer()))
  )

  it.effect(
    "a lost charge is OutcomeUnknown with its Idempotency-Key, sent once; the same key replays the answer",
    () =>
      Effect.gen(function* () {
        const store = yield* FakeBootpay.Store
        const state = FakeCommerce.of(store)
        const key = String(state.createChargeKey().charge_key)
        store.inject({ _tag: "DropAfter" }, { operation: "Commerce.OrderSubscription.supervisorCharge" })
        const lost = yield* Effect.flip(
          Commerce.OrderSubscription.supervisorCharge(
            { charge_key: key, price: 7000, idempotency_key: "charge-1" },
            { retry: 3 }
          )
        )
        expect(lost).toMatchObject({ _tag: "OutcomeUnknown", idempotencyKey: "charge-1" })
        expect(
          store.requests.filter((r) => r.operation === "Commerce.OrderSubscription.supervisorCharge")
        ).toHaveLength(1)
        const orders = state.orders.size
        const replay = yield* Commerce.OrderSubscription.supervisorCharge({
          charge_key: key,
          price: 7000,
          idempotency_key: "charge-1"
        })
        expect(replay.price).toBe(7000)
        expect(state.orders.size).toBe(orders)
      }).pipe(Effect.provide(FakeBootpay.layer()))
  )

  it("over loopback HTTP the SDK's revoke is a DELETE carrying its JSON body, and the fake takes it", async () => {
    const server = await FakeServer.start()
    try {
      const state = FakeCommerce.of(server.store)
      const key = String(state.createChargeKey().charge_key)
      const revoked = await Effect.runPromise(
        Commerce.OrderSubscription.supervisorChargeRevoke({ charge_key: key }).pipe(
          Effect.provide(
            CommerceClient.layer({ clientKey: "test", secretKey: "test", baseUrl: server.commerceUrl })
          ),
          Effect.provide(FetchHttpClient.layer)
        )
      )
      expect(revoked.status).toBe(FakeCommerce.ChargeKeyStatus.revoked)
      const sent = server.store.requests.find(
        (r) => r.operation === "Commerce.OrderSubscription.supervisorChargeRevoke"
      )!
      expect(sent).toMatchObject({ method: "DELETE", query: {} })
      expect(sent.headers["content-type"]).toContain("application/json")
    } finally {
      await server.close()
    }
  })

  it("a raw revoke with the charge key in the query, or with the user role, is refused", async () => {
    const server = await FakeServer.start()
    try {
      const state = FakeCommerce.of(server.store)
      const key = String(state.createChargeKey().charge_key)
      const auth = `Basic ${Buffer.from("test:test").toString("base64")}`
      const asUser = await fetch(`${server.commerceUrl}/order_subscriptions/charge`, {
        method: "DELETE",
        headers: { authorization: auth, "content-type": "application/json", "bootpay-role": "user" },
        body: JSON.stringify({ charge_key: key })
      })
      expect(asUser.status).toBe(403)
      expect(await asUser.json()).toMatchObject({ error_code: "scope_invalid" })
      const inQuery = await fetch(`${server.commerceUrl}/order_subscriptions/charge?charge_key=${key}`, {
        method: "DELETE",
        headers: { authorization: auth, "bootpay-role": "supervisor" }
      })
      expect(inQuery.status).toBe(400)
      expect(state.collection("chargeKeys").get(key)!.status).toBe(FakeCommerce.ChargeKeyStatus.active)
    } finally {
      await server.close()
    }
  })
})

describe("Commerce subscription change requests against the fake", () => {
  it.effect(
    "a buyer's pause waits for the merchant; approve pauses, resume is approved, a second answer is refused",
    () =>
      Effect.gen(function* () {
        const store = yield* FakeBootpay.Store
        const state = FakeCommerce.of(store)
        const sub = state.createSubscription({ user_id: "u-1" })
        const id = String(sub.order_subscription_id)
        const asked = yield* Commerce.OrderSubscriptionRequestIng.pause({
          order_number: String(sub.order_number),
          paused_at: "2026-04-01T00:00:00+09:00",
          reason: "여행"
        })
        expect(asked.status).toBe(SubscriptionStatus.active)
        const requestId = asked.order_subscription_request_history_id!
        const twice = yield* Effect.flip(
          Commerce.OrderSubscriptionRequestIng.pause({ order_subscription_id: id })
        )
        expect(twice).toMatchObject({ errorCode: "SUBSCRIPTION_REQUEST_ALREADY_WAITING" })
        const notPaused = yield* Effect.flip(
          Commerce.OrderSubscriptionRequestIng.resume({ order_subscription_id: id })
        )
        expect(notPaused).toMatchObject({ errorCode: "SUBSCRIPTION_STATE_INVALID" })
        const waiting = yield* Commerce.OrderSubscriptionRequest.list({ order_subscription_id: id })
        expect(Commerce.Paging.pageItems(waiting).items).toMatchObject([
          { request_type: ChangeRequestType.pause, status: ChangeRequestStatus.requested }
        ])
        const approved = yield* Commerce.OrderSubscriptionRequest.update({
          order_subscription_request_history_id: requestId,
          approval: "approve"
        })
        expect(approved.status).toBe(ChangeRequestStatus.approved)
        expect((yield* Commerce.OrderSubscription.detail(id)).status).toBe(SubscriptionStatus.paused)
        const answered = yield* Effect.flip(
          Commerce.OrderSubscriptionRequest.update({
            order_subscription_request_history_id: requestId,
            approval: "reject"
          })
        )
        expect(answered).toMatchObject({ errorCode: "SUBSCRIPTION_REQUEST_ALREADY_PROCESSED" })
        const resume = yield* Commerce.OrderSubscriptionRequestIng.resume({ order_subscription_id: id })
        yield* Commerce.OrderSubscriptionRequest.update({
          order_subscription_request_history_id: resume.order_subscription_request_history_id!,
          approval: "approve"
        })
        expect((yield* Commerce.OrderSubscription.detail(id)).status).toBe(SubscriptionStatus.active)
        const detail = yield* Commerce.OrderSubscriptionRequest.detail(requestId)
        expect(detail.processed_at).toBe(state.nowIso())
        const roles = store.requests
          .filter((r) => r.operation?.startsWith("Commerce.OrderSubscriptionRequestIng."))
          .map((r) => r.headers["bootpay-role"])
        expect(new Set(roles)).toEqual(new Set(["user"]))
      }).pipe(Effect.provide(FakeBootpay.layer()))
  )

  it.effect("termination fee estimate, rejected transfer, approved transfer and termination", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const state = FakeCommerce.of(store)
      const sub = state.createSubscription({
        user_id: "u-1",
        termination_fee: 8000,
        last_bill_refund_price: 3000
      })
      const id = String(sub.order_subscription_id)
      const fee = yield* Commerce.OrderSubscriptionRequestIng.calculateTerminationFee({
        order_subscription_id: id
      })
      expect(fee).toEqual({
        termination_fee: 8000,
        refund_amount: 3000,
        last_bill_refund_price: 3000,
        final_fee: 5000
      })
      const none = yield* Effect.flip(Commerce.OrderSubscriptionRequestIng.calculateTerminationFee({}))
      expect(none._tag).toBe("InvalidRequest")
      const noTarget = yield* Effect.flip(
        Commerce.OrderSubscriptionRequestIng.transfer({ order_subscription_id: id, reason: "x" })
      )
      expect(noTarget).toMatchObject({ _tag: "ApiError", status: 400 })
      const transfer = yield* Commerce.OrderSubscriptionRequestIng.transfer({
        order_subscription_id: id,
        new_user_id: "u-2"
      })
      yield* Commerce.OrderSubscriptionRequest.update({
        order_subscription_request_history_id: transfer.order_subscription_request_history_id!,
        approval: "reject",
        reason: "본인 확인 불가"
      })
      expect((yield* Commerce.OrderSubscription.detail(id)).user_id).toBe("u-1")
      const again = yield* Commerce.OrderSubscriptionRequestIng.transfer({
        order_subscription_id: id,
        new_user_id: "u-2"
      })
      yield* Commerce.OrderSubscriptionRequest.update({
        order_subscription_request_history_id: again.order_subscription_request_history_id!,
        approval: "approve"
      })
      expect((yield* Commerce.OrderSubscription.detail(id)).user_id).toBe("u-2")
      const ending = yield* Commerce.OrderSubscriptionRequestIng.termination({
        order_subscription_id: id,
        reason: "이사"
      })
      yield* Commerce.OrderSubscriptionRequest.update({
        order_subscription_request_history_id: ending.order_subscription_request_history_id!,
        approval: "approve",
        termination_fee: 6000
      })
      expect(yield* Commerce.OrderSubscription.detail(id)).toMatchObject({
        status: SubscriptionStatus.terminated,
        termination_fee: 6000
      })
      const afterEnd = yield* Effect.flip(
        Commerce.OrderSubscriptionRequestIng.purchase({ order_subscription_id: id })
      )
      expect(afterEnd).toMatchObject({ errorCode: "SUBSCRIPTION_STATE_INVALID" })
      const all = yield* Stream.runCollect(Commerce.OrderSubscriptionRequest.listAll({ limit: 2 }))
      expect(Chunk.size(all)).toBe(3)
    }).pipe(Effect.provide(FakeBootpay.layer()))
  )

  it.effect(
    "project_id reads in supervisor mode: the user role is refused, a supervisor client is served",
    () =>
      Effect.gen(function* () {
        const asUser = yield* Effect.flip(
          Commerce.OrderSubscriptionRequest.list({ project_id: "fake-project" })
        )
        expect(asUser._tag).toBe("InsufficientRole")
        const asSupervisor = yield* Commerce.OrderSubscriptionRequest.list({
          project_id: "fake-project"
        }).pipe(Effect.provide(FakeBootpay.layer({ commerce: { role: "supervisor" } })))
        expect(Commerce.Paging.pageItems(asSupervisor).items).toEqual([])
      }).pipe(Effect.provide(FakeBootpay.layer()))
  )
})
