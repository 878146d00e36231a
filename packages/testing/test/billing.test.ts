import { describe as effectDescribe, expect as effectExpect, it as effectIt } from "@effect/vitest"
import { Receipt, Subscription } from "@effect-bootpay/core"
import { FakeBootpay, ReservationStatus } from "@effect-bootpay/testing"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import { describe, expect, it } from "vitest"
import { type Outcome, type Target, tagOf, targets, value, withTarget } from "./utils/targets.js"

const card = {
  pg: "nicepay",
  order_name: "월간 구독",
  subscription_id: "sub-1",
  card_no: "9435201712346169",
  card_pw: "58",
  card_identity_no: "880215",
  card_expire_year: "30",
  card_expire_month: "02"
}

const transfer = {
  pg: "nicepay",
  order_name: "월간 구독",
  subscription_id: "sub-2",
  username: "홍길동",
  bank_name: "국민",
  bank_account: "1234567890",
  identity_no: "8802151234"
}

type Fields = Record<string, unknown>

const fields = (outcome: Outcome<unknown>): Fields => value(outcome) as Fields

const errorOf = (outcome: Outcome<unknown>) => {
  if ("ok" in outcome) throw new Error("expected a failure, got a success")
  return outcome.error as unknown as Fields
}

const issueKey = async ({ call }: Target, input: Fields = {}): Promise<string> =>
  fields(await call("billingKey", "issue", { ...card, ...input })).billing_key as string

const inAnHour = () => new Date(Date.now() + 3_600_000)

/** Reserves a 9,900 KRW charge of `order_id` on `billingKey`, due in an hour unless `at` is given. */
const reserveOn = (
  { call }: Target,
  billingKey: string,
  order: { readonly order_id: string; readonly order_name: string },
  at: Date = inAnHour()
) =>
  call("subscription", "reserve", { billing_key: billingKey, ...order, price: 9900, reserve_execute_at: at })

describe.each(targets)("billing contract: $name", ({ start }) => {
  it("issues a card key, charges it, and finds the charge by order id; only masked card data is kept", () =>
    withTarget(start, async ({ store, call }) => {
      const key = fields(await call("billingKey", "issue", card))
      expect(key).toMatchObject({ status: 11, subscription_id: "sub-1", method_symbol: "card_rebill" })
      expect((key.billing_data as Fields).card_no).toBe("943520******6169")
      expect(key.billing_expire_at).toBe("2030-02-28T23:59:59+09:00")
      const billingKey = key.billing_key as string

      const receipt = fields(
        await call("subscription", "pay", {
          billing_key: billingKey,
          order_name: "월간 구독 2월",
          price: 9900,
          order_id: "order-feb"
        })
      )
      expect(receipt).toMatchObject({
        status: 1,
        price: 9900,
        method_symbol: "card_rebill",
        order_id: "order-feb"
      })
      expect((receipt.card_data as Fields).card_no).toBe("943520******6169")

      const byOrder = value(await call("receipt", "lookupByOrderId", "order-feb")) as ReadonlyArray<Fields>
      expect(byOrder.map((r) => r.receipt_id)).toEqual([receipt.receipt_id])
      expect(fields(await call("receipt", "lookup", receipt.receipt_id))).toMatchObject({ status: 1 })
      expect(fields(await call("billingKey", "lookup", key.receipt_id))).toMatchObject({
        billing_key: billingKey
      })
      expect(fields(await call("billingKey", "lookupByKey", billingKey))).toMatchObject({
        receipt_id: key.receipt_id
      })

      const everything = JSON.stringify([
        [...store.billingKeys.values()],
        store.requests,
        [...store.receipts.values()]
      ])
      expect(everything).not.toContain(card.card_no)
      expect(everything).not.toContain(card.card_identity_no)
      const recorded = store.requestsFor("BillingKey.issue")[0]!.body as Fields
      expect(recorded).toMatchObject({
        card_no: "943520******6169",
        card_pw: "**",
        card_identity_no: "******"
      })
    }))

  it("an issue with a price charges once at issuance (receipt_data, receipt under the subscription id)", () =>
    withTarget(start, async ({ store, call }) => {
      const key = fields(
        await call("billingKey", "issue", { ...card, price: 1000, extra: { card_quota: "00" } })
      )
      expect(key.receipt_data).toMatchObject({ status: 1, price: 1000, order_id: "sub-1" })
      expect(store.receipts.size).toBe(1)
      expect(fields(await call("billingKey", "lookup", key.receipt_id)).receipt_data).toMatchObject({
        price: 1000
      })
    }))

  it("a destroyed key cannot be charged or reserved and is no longer found; destroying again succeeds", () =>
    withTarget(start, async (target) => {
      const { store, call } = target
      const billingKey = await issueKey(target)
      expect(value(await call("billingKey", "destroy", billingKey))).toEqual({ billing_key: billingKey })
      const charge = { billing_key: billingKey, order_name: "x", price: 1000, order_id: "o-1" }
      const refused = errorOf(await call("subscription", "pay", charge))
      expect(refused).toMatchObject({ _tag: "NotFound", resource: "billing_key", id: billingKey })
      expect(
        tagOf(await call("subscription", "reserve", { ...charge, reserve_execute_at: inAnHour() }))
      ).toBe("NotFound")
      expect(tagOf(await call("billingKey", "lookupByKey", billingKey))).toBe("NotFound")
      expect(value(await call("billingKey", "destroy", billingKey))).toEqual({ billing_key: billingKey })
      expect(tagOf(await call("billingKey", "destroy", "never-issued"))).toBe("NotFound")
      expect(store.receipts.size).toBe(0)
    }))

  it("takes 10 pending reservations per key and refuses the 11th; a cancel frees a slot", () =>
    withTarget(start, async (target) => {
      const { call } = target
      const billingKey = await issueKey(target)
      const reserve = (n: number) =>
        reserveOn(
          target,
          billingKey,
          { order_id: `order-${n}`, order_name: `회차 ${n}` },
          new Date(Date.now() + (n + 1) * 86_400_000)
        )
      const ids: Array<string> = []
      for (let n = 1; n <= 10; n++) ids.push(fields(await reserve(n)).reserve_id as string)
      expect(new Set(ids).size).toBe(10)
      expect(errorOf(await reserve(11))).toMatchObject({
        _tag: "ApiError",
        status: 400,
        errorCode: "RESERVE_LIMIT_EXCEEDED"
      })
      // Another key has its own limit.
      const other = await issueKey(target, { subscription_id: "sub-other" })
      value(await reserveOn(target, other, { order_id: "order-other", order_name: "다른 키" }))
      expect(value(await call("subscription", "cancelReservation", ids[0]))).toEqual({
        reserve_id: ids[0],
        success: true
      })
      value(await reserve(11))
    }))

  it("runs a reservation once the fake's time passes it, creating the paid receipt", () =>
    withTarget(start, async (target) => {
      const { store, call } = target
      const billingKey = await issueKey(target)
      const executeAt = inAnHour()
      const { reserve_id } = fields(
        await reserveOn(target, billingKey, { order_id: "order-mar", order_name: "월간 구독 3월" }, executeAt)
      ) as { reserve_id: string }
      expect(fields(await call("subscription", "lookupReservation", reserve_id))).toMatchObject({
        status: ReservationStatus.RESERVED,
        receipt_id: null,
        billing_key: billingKey
      })

      store.advance("30 minutes")
      expect(store.reservations.get(reserve_id)?.status).toBe(ReservationStatus.RESERVED)
      expect(value(await call("receipt", "lookupByOrderId", "order-mar"))).toEqual([])

      store.advance("31 minutes")
      const ran = fields(await call("subscription", "lookupReservation", reserve_id))
      expect(ran).toMatchObject({ status: ReservationStatus.EXECUTED })
      expect(ran.reserve_finished_at).toEqual(expect.any(String))
      const receipts = value(await call("receipt", "lookupByOrderId", "order-mar")) as ReadonlyArray<Fields>
      expect(receipts).toHaveLength(1)
      expect(receipts[0]).toMatchObject({ receipt_id: ran.receipt_id, status: 1, price: 9900 })
      expect(Date.parse(receipts[0]!.purchased_at as string)).toBe(
        Math.ceil(executeAt.getTime() / 1000) * 1000
      )

      store.advance("1 day")
      expect(value(await call("receipt", "lookupByOrderId", "order-mar"))).toHaveLength(1)
      expect(tagOf(await call("subscription", "cancelReservation", reserve_id))).toBe("ApiError")
    }))

  it("never runs a cancelled reservation; cancelling again answers the same", () =>
    withTarget(start, async (target) => {
      const { store, call } = target
      const billingKey = await issueKey(target)
      const { reserve_id } = fields(
        await reserveOn(target, billingKey, { order_id: "order-cancelled", order_name: "취소될 예약" })
      ) as { reserve_id: string }
      value(await call("subscription", "cancelReservation", reserve_id))
      store.advance("2 hours")
      expect(value(await call("receipt", "lookupByOrderId", "order-cancelled"))).toEqual([])
      const cancelled = fields(await call("subscription", "lookupReservation", reserve_id))
      expect(cancelled).toMatchObject({ status: ReservationStatus.CANCELLED, receipt_id: null })
      expect(cancelled.reserve_revoked_at).toEqual(expect.any(String))
      expect(value(await call("subscription", "cancelReservation", reserve_id))).toEqual({
        reserve_id,
        success: true
      })
      expect(tagOf(await call("subscription", "lookupReservation", "missing"))).toBe("NotFound")
    }))

  it("destroying a key keeps its reservations, which fail instead of charging when due", () =>
    withTarget(start, async (target) => {
      const { store, call } = target
      const billingKey = await issueKey(target)
      const { reserve_id } = fields(
        await reserveOn(target, billingKey, { order_id: "order-orphan", order_name: "키 삭제 후" })
      ) as { reserve_id: string }
      value(await call("billingKey", "destroy", billingKey))
      expect(store.reservations.get(reserve_id)?.status).toBe(ReservationStatus.RESERVED)
      store.advance("2 hours")
      expect(fields(await call("subscription", "lookupReservation", reserve_id))).toMatchObject({
        status: ReservationStatus.FAILED,
        receipt_id: null
      })
      expect(store.receipts.size).toBe(0)
    }))

  it("publishes a bank-transfer key only after the holder's consent", () =>
    withTarget(start, async ({ store, call }) => {
      const pending = fields(await call("billingKey", "issueTransfer", { ...transfer, auth_type: "ARS" }))
      expect(pending).toMatchObject({ status: 41, method_symbol: "automatic_transfer_rest" })
      const receiptId = pending.receipt_id as string

      expect(errorOf(await call("billingKey", "publishTransfer", receiptId))).toMatchObject({
        _tag: "ApiError",
        errorCode: "SUBSCRIBE_REQUEST_FAILED"
      })
      expect(tagOf(await call("billingKey", "lookup", receiptId))).toBe("NotFound")
      expect(tagOf(await call("billingKey", "publishTransfer", "unknown-receipt"))).toBe("NotFound")

      store.completeTransferConsent(receiptId)
      const key = fields(await call("billingKey", "publishTransfer", receiptId))
      expect(key).toMatchObject({
        status: 11,
        receipt_id: receiptId,
        billing_expire_at: "2099-12-31T23:59:59+09:00",
        billing_data: { bank_name: "국민", bank_code: "004", bank_account: "123****890", username: "홍*동" }
      })
      expect(fields(await call("billingKey", "publishTransfer", receiptId)).billing_key).toBe(key.billing_key)
      expect(fields(await call("billingKey", "lookup", receiptId)).billing_key).toBe(key.billing_key)

      const receipt = fields(
        await call("subscription", "pay", {
          billing_key: key.billing_key,
          order_name: "자동이체",
          price: 30_000,
          order_id: "order-bank"
        })
      )
      expect(receipt).toMatchObject({ status: 1, method_symbol: "automatic_transfer_rest" })
      expect(receipt.bank_data).toMatchObject({ bank_code: "004", bank_account: "123****890" })
      expect(store.requestsFor("BillingKey.issueTransfer")[0]!.body).toMatchObject({
        identity_no: "**********"
      })
      expect(() => store.completeTransferConsent("unknown-receipt")).toThrow()
    }))

  it("a declined charge (injected) is PgRefused and leaves no receipt; the next charge goes through", () =>
    withTarget(start, async (target) => {
      const { store, call } = target
      const billingKey = await issueKey(target)
      store.inject(
        { _tag: "Decline", errorCode: "RC_CONFIRM_FAILED", pgErrorCode: "3011" },
        { operation: "Subscription.pay" }
      )
      const charge = { billing_key: billingKey, order_name: "x", price: 1000, order_id: "order-declined" }
      expect(errorOf(await call("subscription", "pay", charge))).toMatchObject({
        _tag: "PgRefused",
        errorCode: "RC_CONFIRM_FAILED",
        pgErrorCode: "3011"
      })
      expect(value(await call("receipt", "lookupByOrderId", "order-declined"))).toEqual([])
      expect(store.receipts.size).toBe(0)
      expect(fields(await call("subscription", "pay", charge))).toMatchObject({ status: 1 })
      expect(store.receipts.size).toBe(1)
    }))

  it("a charge whose answer is lost is OutcomeUnknown, and the charge is found by its order id", () =>
    withTarget(start, async (target) => {
      const { store, call } = target
      const billingKey = await issueKey(target)
      store.inject({ _tag: "DropAfter" }, { operation: "Subscription.pay" })
      const charge = { billing_key: billingKey, order_name: "x", price: 1000, order_id: "order-lost" }
      expect(errorOf(await call("subscription", "pay", charge))).toMatchObject({
        _tag: "OutcomeUnknown",
        orderId: "order-lost",
        billingKey
      })
      expect(store.requestsFor("Subscription.pay")).toHaveLength(1)
      expect(value(await call("receipt", "lookupByOrderId", "order-lost"))).toHaveLength(1)
    }))

  it("a sequential lookup answers only the key's owner", () =>
    withTarget(start, async (target) => {
      const billingKey = await issueKey(target, { user: { id: "member-1" } })
      const lookup = (user_id: string) =>
        target.call("billingKey", "lookupSequential", { billing_key: billingKey, widget_key: "w-1", user_id })
      expect(fields(await lookup("member-1")).billing_key).toBe(billingKey)
      expect(tagOf(await lookup("member-2"))).toBe("NotFound")
      expect(target.store.requestsFor("BillingKey.lookupSequential")[0]!.query).toEqual({
        widget_key: "w-1",
        user_id: "member-1"
      })
    }))

  it("a key issued in the browser (seeded) is found by its issuance receipt and can be charged", () =>
    withTarget(start, async ({ store, call }) => {
      const seeded = store.createBillingKey()
      expect(fields(await call("billingKey", "lookup", seeded.receipt_id)).billing_key).toBe(
        seeded.billing_key
      )
      const receipt = fields(
        await call("subscription", "pay", {
          billing_key: seeded.billing_key,
          order_name: "x",
          price: 1000,
          order_id: "order-seeded"
        })
      )
      expect(receipt.status).toBe(1)
    }))

  it("works in bearer-token mode", () =>
    withTarget(
      start,
      async (target) => {
        const billingKey = await issueKey(target)
        const receipt = fields(
          await target.call("subscription", "pay", {
            billing_key: billingKey,
            order_name: "x",
            price: 1000,
            order_id: "order-bearer"
          })
        )
        expect(receipt.status).toBe(1)
        expect(target.store.tokenRequests).toBe(1)
      },
      { bearer: true }
    ))
})

effectDescribe("billing with TestClock (FakeBootpay.layer)", () => {
  effectIt.effect("a due reservation runs on the next request after the Clock passes it", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const key = store.createBillingKey()
      const now = yield* Clock.currentTimeMillis
      const { reserve_id } = yield* Subscription.reserve({
        billing_key: key.billing_key,
        order_name: "TestClock",
        price: 5000,
        order_id: "order-clock",
        reserve_execute_at: new Date(now + 3_600_000)
      })
      yield* TestClock.adjust("59 minutes")
      effectExpect((yield* Subscription.lookupReservation(reserve_id)).receipt_id).toBeNull()
      yield* TestClock.adjust("2 minutes")
      const ran = yield* Subscription.lookupReservation(reserve_id)
      effectExpect(ran.status).toBe(ReservationStatus.EXECUTED)
      const [receipt] = yield* Receipt.lookupByOrderId("order-clock")
      effectExpect(receipt).toMatchObject({ receipt_id: ran.receipt_id, price: 5000, status: 1 })
    }).pipe(Effect.provide(FakeBootpay.layer()))
  )
})
