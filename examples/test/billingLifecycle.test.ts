/**
 * A merchant's own test of its subscription code against the fake Bootpay layer. Time is the Effect
 * `Clock`, so `TestClock.adjust` makes the reserved charge come due without waiting a month.
 */
import { describe, expect, it } from "@effect/vitest"
import { Receipt, Subscription } from "@effect-bootpay/core"
import { FakeBootpay, ReservationStatus } from "@effect-bootpay/testing"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import { type Card, orderIdOf, type Plan, subscribe, unsubscribe } from "../src/effect/billingLifecycle.js"

const plan: Plan = { id: "basic", name: "베이직 월 구독", price: 9_900 }
const card: Card = {
  card_no: "4111111111111111",
  card_pw: "12",
  card_identity_no: "900101",
  card_expire_year: "30",
  card_expire_month: "12"
}

describe("subscribe", () => {
  it.effect("issues a key, charges the first month and reserves the next one a period later", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const subscribed = yield* subscribe("customer-1", plan, card)

      expect(store.billingKeys.has(subscribed.billingKey)).toBe(true)
      expect(subscribed.firstCharge).toMatchObject({
        price: 9_900,
        status: Receipt.Status.PAID,
        order_id: orderIdOf("customer-1-basic", 1)
      })
      const reservation = store.reservations.get(subscribed.nextReserveId)
      expect(reservation).toMatchObject({
        billing_key: subscribed.billingKey,
        price: 9_900,
        order_id: orderIdOf("customer-1-basic", 2),
        status: ReservationStatus.RESERVED
      })
      // The card number went to Bootpay only; what comes back is masked.
      expect(JSON.stringify(store.billingKeys.get(subscribed.billingKey))).not.toContain(card.card_no)
    }).pipe(Effect.provide(FakeBootpay.layer()))
  )

  it.effect("a declined first charge fails with PgRefused and destroys the new key", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      store.inject(
        { _tag: "Decline", errorCode: "RC_CONFIRM_FAILED", message: "잔액 부족" },
        { operation: "Subscription.pay" }
      )

      const error = yield* Effect.flip(subscribe("customer-1", plan, card))

      expect(error).toMatchObject({ _tag: "PgRefused", errorCode: "RC_CONFIRM_FAILED" })
      expect(store.billingKeys.size).toBe(0)
      expect(store.requestsFor("BillingKey.destroy")).toHaveLength(1)
      expect(store.reservations.size).toBe(0)
    }).pipe(Effect.provide(FakeBootpay.layer()))
  )

  it.effect("a first charge whose answer is lost is reconciled by order id and charged once", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      store.inject({ _tag: "DropAfter" }, { operation: "Subscription.pay" })

      const subscribed = yield* subscribe("customer-1", plan, card)

      expect(subscribed.firstCharge.order_id).toBe(orderIdOf("customer-1-basic", 1))
      expect(store.requestsFor("Subscription.pay")).toHaveLength(1)
      const charges = yield* Receipt.lookupByOrderId(orderIdOf("customer-1-basic", 1))
      expect(charges).toHaveLength(1)
    }).pipe(Effect.provide(FakeBootpay.layer()))
  )
})

describe("unsubscribe", () => {
  it.effect("cancels the pending reservation, then destroys the key", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const subscribed = yield* subscribe("customer-1", plan, card)

      const ended = yield* unsubscribe(subscribed)

      expect(ended.reservationCancelled).toBe(true)
      expect(store.reservations.get(subscribed.nextReserveId)?.status).toBe(ReservationStatus.CANCELLED)
      expect(store.billingKeys.has(subscribed.billingKey)).toBe(false)
      // A destroyed key can no longer be charged.
      const error = yield* Effect.flip(
        Subscription.pay({
          billing_key: subscribed.billingKey,
          order_name: plan.name,
          price: plan.price,
          order_id: orderIdOf("customer-1-basic", 3)
        })
      )
      expect(error._tag).toBe("NotFound")
      // Nothing runs when the reserved time comes.
      yield* TestClock.adjust("31 days")
      expect(yield* Receipt.lookupByOrderId(orderIdOf("customer-1-basic", 2))).toEqual([])
      expect(store.reservations.get(subscribed.nextReserveId)?.status).toBe(ReservationStatus.CANCELLED)
    }).pipe(Effect.provide(FakeBootpay.layer()))
  )

  it.effect("after the reserved charge ran, only the key is destroyed", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const subscribed = yield* subscribe("customer-1", plan, card)
      yield* TestClock.adjust("31 days")

      const ended = yield* unsubscribe(subscribed)

      expect(ended.reservationCancelled).toBe(false)
      expect(store.requestsFor("Subscription.cancelReservation")).toHaveLength(0)
      expect(store.billingKeys.has(subscribed.billingKey)).toBe(false)
      const [second] = yield* Receipt.lookupByOrderId(orderIdOf("customer-1-basic", 2))
      expect(second).toMatchObject({ price: 9_900, status: Receipt.Status.PAID })
    }).pipe(Effect.provide(FakeBootpay.layer()))
  )
})
