import { describe, expect, it } from "@effect/vitest"
import { BillingKey, Receipt, Subscription } from "@effect-bootpay/core"
import { FakeBootpay, Fixtures } from "@effect-bootpay/testing"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/TestClock"
import type * as Router from "../src/internal/router.js"

describe("FakeBootpay.layer", () => {
  it.effect("runs the real client over the in-memory fake and exposes the store", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const paid = store.createReceipt(Fixtures.receipt("card", { price: 2500 }))
      const receipt = yield* Receipt.lookup(paid.receipt_id)
      expect(receipt).toMatchObject({ price: 2500, method_symbol: "card", status: 1 })
      const [request] = store.requestsFor("Receipt.lookup")
      expect(request).toMatchObject({ method: "GET", path: `/receipt/${paid.receipt_id}` })
      expect(request!.headers.authorization).toBeUndefined()
    }).pipe(Effect.provide(FakeBootpay.layer()))
  )

  it.effect("bad input never reaches the fake", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const error = yield* Effect.flip(Receipt.cancel({ receipt_id: "r", cancel_price: 1.5 }))
      expect(error._tag).toBe("InvalidRequest")
      expect(store.requests).toHaveLength(0)
    }).pipe(Effect.provide(FakeBootpay.layer()))
  )

  it.effect("wrong keys are refused with Bootpay's codes", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(Receipt.lookup("r"))
      expect(error).toMatchObject({
        _tag: "InvalidCredentials",
        errorCode: "APP_SK_NOT_MATCHED",
        status: 401
      })
    }).pipe(Effect.provide(FakeBootpay.layer({ client: { clientKey: "test", secretKey: "nope" } })))
  )

  it.effect("time is the Effect Clock: tokens expire after 30 fake minutes, the client refreshes them", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const paid = store.createReceipt()
      yield* Receipt.lookup(paid.receipt_id)
      yield* TestClock.adjust("20 minutes")
      yield* Receipt.lookup(paid.receipt_id)
      expect(store.tokenRequests).toBe(1)
      yield* TestClock.adjust("6 minutes")
      yield* Receipt.lookup(paid.receipt_id)
      expect(store.tokenRequests).toBe(2)
    }).pipe(Effect.provide(FakeBootpay.layer({ client: { applicationId: "test", privateKey: "test" } })))
  )

  it.effect("store.advance adds to the Clock: the fake's tokens expire, the client replays once", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const paid = store.createReceipt()
      yield* Receipt.lookup(paid.receipt_id)
      store.advance("31 minutes")
      yield* Receipt.lookup(paid.receipt_id)
      expect(store.tokenRequests).toBe(2)
      expect(store.requestsFor("Receipt.lookup")).toHaveLength(3)
    }).pipe(Effect.provide(FakeBootpay.layer({ client: { applicationId: "test", privateKey: "test" } })))
  )

  describe("scenarios", () => {
    it.effect("decline the next charge with the given codes, then charge normally", () =>
      Effect.gen(function* () {
        const store = yield* FakeBootpay.Store
        const key = yield* BillingKey.issue(Fixtures.card())
        store.inject(
          { _tag: "Decline", errorCode: "RC_CONFIRM_FAILED", pgErrorCode: "3011", message: "잔액 부족" },
          { operation: "Subscription.pay" }
        )
        const declined = yield* Effect.flip(
          Subscription.pay(Fixtures.charge(key.billing_key, { order_id: "o-1" }))
        )
        expect(declined).toMatchObject({
          _tag: "PgRefused",
          errorCode: "RC_CONFIRM_FAILED",
          pgErrorCode: "3011"
        })
        const paid = yield* Subscription.pay(Fixtures.charge(key.billing_key, { order_id: "o-2" }))
        expect(paid.status).toBe(1)
      }).pipe(Effect.provide(FakeBootpay.layer()))
    )

    it.effect("answer with any status and body, a given number of times", () =>
      Effect.gen(function* () {
        const store = yield* FakeBootpay.Store
        const paid = store.createReceipt()
        store.inject(
          { _tag: "Respond", status: 503, body: { error_code: "MAINTENANCE", message: "점검 중" } },
          { operation: "Receipt.lookup", times: 2 }
        )
        const fiber = yield* Effect.fork(Effect.flip(Receipt.lookup(paid.receipt_id, { retry: 1 })))
        yield* TestClock.adjust("1 minute")
        const error = yield* Fiber.join(fiber)
        expect(store.requestsFor("Receipt.lookup")).toHaveLength(2)
        expect(error).toMatchObject({ _tag: "ApiError", status: 503, errorCode: "MAINTENANCE" })
        expect((yield* Receipt.lookup(paid.receipt_id)).receipt_id).toBe(paid.receipt_id)
      }).pipe(Effect.provide(FakeBootpay.layer()))
    )

    it.effect("latency runs on the fake clock", () =>
      Effect.gen(function* () {
        const store = yield* FakeBootpay.Store
        const paid = store.createReceipt()
        store.inject({ _tag: "Latency", duration: "10 seconds" })
        const fiber = yield* Effect.fork(Receipt.lookup(paid.receipt_id, { timeout: "1 minute" }))
        yield* TestClock.adjust("9 seconds")
        expect(fiber.unsafePoll()).toBeNull()
        yield* TestClock.adjust("1 second")
        expect((yield* Fiber.join(fiber)).receipt_id).toBe(paid.receipt_id)
      }).pipe(Effect.provide(FakeBootpay.layer()))
    )

    it.effect("drop before the change: nothing changed; drop after: the change happened", () =>
      Effect.gen(function* () {
        const store = yield* FakeBootpay.Store
        const first = store.createReceipt({ status: 2 })
        store.inject({ _tag: "DropBefore" }, { operation: "Receipt.confirm" })
        expect((yield* Effect.flip(Receipt.confirm(first.receipt_id)))._tag).toBe("OutcomeUnknown")
        expect(store.getReceipt(first.receipt_id)!.status).toBe(2)
        store.inject({ _tag: "DropAfter" }, { operation: "Receipt.confirm" })
        expect((yield* Effect.flip(Receipt.confirm(first.receipt_id)))._tag).toBe("OutcomeUnknown")
        expect(store.getReceipt(first.receipt_id)!.status).toBe(1)
      }).pipe(Effect.provide(FakeBootpay.layer()))
    )

    it.effect("expire all tokens now", () =>
      Effect.gen(function* () {
        const store = yield* FakeBootpay.Store
        const paid = store.createReceipt()
        yield* Receipt.lookup(paid.receipt_id)
        store.expireTokens()
        yield* Receipt.lookup(paid.receipt_id)
        expect(store.tokenRequests).toBe(2)
      }).pipe(Effect.provide(FakeBootpay.layer({ client: { applicationId: "test", privateKey: "test" } })))
    )
  })

  it("every registered operation has a fake handler, and forgetting one does not typecheck", async () => {
    const { Registry } = await import("@effect-bootpay/core")
    const { handlers } = await import("../src/internal/router.js")
    const table = handlers as unknown as Record<string, Record<string, unknown>>
    const missing = Registry.entries.filter(
      (entry) => typeof table[entry.module]?.[entry.name] !== "function"
    )
    expect(missing.map((entry) => entry.operation.id)).toEqual([])
    const { receipt } = handlers
    const incomplete: Router.Handlers = {
      ...handlers,
      // @ts-expect-error a handler table without Receipt.lookupByOrderId is a compile error
      receipt: { lookup: receipt.lookup, confirm: receipt.confirm, cancel: receipt.cancel }
    }
    expect(Object.keys(incomplete.receipt)).not.toContain("lookupByOrderId")
  })
})
