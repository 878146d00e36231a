import { describe, expect, it } from "@effect/vitest"
import { BootpayError, Receipt, Reconcile } from "@effect-bootpay/core"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import { authModes, clientLayer, receiptBody, withToken } from "./utils/mockHttp.js"

const ok = (body: unknown) => () => ({ status: 200, body })

describe("Receipt", () => {
  for (const mode of authModes) {
    describe(`${mode.name} mode`, () => {
      const apiCalls = <R extends { path: string }>(requests: ReadonlyArray<R>) =>
        requests.filter((request) => request.path !== "/request/token")

      it.effect("lookup sends GET /receipt/{id} with the SDK headers and decodes the receipt", () => {
        const { layer, requests } = clientLayer(mode.options, withToken(ok(receiptBody({ future_field: 7 }))))
        return Effect.gen(function* () {
          const receipt = yield* Receipt.lookup("62b12f4b6d3e4e0021f5c8a1")
          expect(receipt.status).toBe(Receipt.Status.PAID)
          expect(receipt.card_data?.card_no).toBe("94352017****6169")
          expect((receipt as Record<string, unknown>).future_field).toBe(7)
          const [request] = apiCalls(requests)
          expect(request).toMatchObject({
            method: "GET",
            path: "/receipt/62b12f4b6d3e4e0021f5c8a1",
            query: {}
          })
          expect(request!.body).toBeUndefined()
          expect(request!.headers).toMatchObject({
            authorization: mode.authorization,
            accept: "application/json",
            "bootpay-api-version": "5.1.0",
            "bootpay-sdk-version": "0.1.0",
            "bootpay-sdk-type": "301"
          })
        }).pipe(Effect.provide(layer))
      })

      it.effect("lookup with lookup_user_data sends it as a query and URL-encodes the id", () => {
        const { layer, requests } = clientLayer(mode.options, withToken(ok(receiptBody())))
        return Effect.gen(function* () {
          yield* Receipt.lookup({ receipt_id: "a/b c", lookup_user_data: true })
          expect(apiCalls(requests)[0]).toMatchObject({
            path: "/receipt/a%2Fb%20c",
            query: { lookup_user_data: "true" }
          })
        }).pipe(Effect.provide(layer))
      })

      it.effect("lookupByOrderId returns every receipt of the order", () => {
        const { layer, requests } = clientLayer(
          mode.options,
          withToken(ok([receiptBody(), receiptBody({ receipt_id: "62b12f4b6d3e4e0021f5c8a2", status: 20 })]))
        )
        return Effect.gen(function* () {
          const receipts = yield* Receipt.lookupByOrderId("order-1")
          expect(receipts.map((r) => r.status)).toEqual([1, 20])
          expect(apiCalls(requests)[0]).toMatchObject({ method: "GET", path: "/lookup/order/order-1" })
        }).pipe(Effect.provide(layer))
      })

      it.effect("confirm posts the receipt id", () => {
        const { layer, requests } = clientLayer(mode.options, withToken(ok(receiptBody())))
        return Effect.gen(function* () {
          const receipt = yield* Receipt.confirm("62b12f4b6d3e4e0021f5c8a1")
          expect(receipt.status).toBe(1)
          expect(apiCalls(requests)[0]).toMatchObject({
            method: "POST",
            path: "/confirm",
            body: { receipt_id: "62b12f4b6d3e4e0021f5c8a1" },
            headers: { "content-type": "application/json" }
          })
        }).pipe(Effect.provide(layer))
      })

      it.effect("cancel sends only the fields the caller set", () => {
        const { layer, requests } = clientLayer(
          mode.options,
          withToken(ok(receiptBody({ status: 20, cancelled_price: 300 })))
        )
        return Effect.gen(function* () {
          yield* Receipt.cancel({ receipt_id: "r-1" })
          yield* Receipt.cancel({
            receipt_id: "r-1",
            cancel_price: 300,
            cancel_tax_free: 100,
            cancel_id: "c-1",
            cancel_username: "관리자",
            cancel_message: "재고 부족",
            refund: { bank_account: "123456789", bank_username: "홍길동", bank_code: "004" }
          })
          const [full, partial] = requests.filter((request) => request.path === "/cancel")
          expect(full!.body).toEqual({ receipt_id: "r-1" })
          expect(partial!.body).toEqual({
            receipt_id: "r-1",
            cancel_price: 300,
            cancel_tax_free: 100,
            cancel_id: "c-1",
            cancel_username: "관리자",
            cancel_message: "재고 부족",
            refund: { bank_account: "123456789", bank_username: "홍길동", bank_code: "004" }
          })
        }).pipe(Effect.provide(layer))
      })
    })
  }

  describe("validation sends nothing", () => {
    const invalid: ReadonlyArray<[string, unknown, string]> = [
      ["empty receipt id", { receipt_id: "" }, "receipt_id"],
      ["missing receipt id", {}, "receipt_id"],
      ["zero cancel_price", { receipt_id: "r", cancel_price: 0 }, "cancel_price"],
      ["fractional cancel_price", { receipt_id: "r", cancel_price: 10.5 }, "cancel_price"],
      [
        "cancel_tax_free above cancel_price",
        { receipt_id: "r", cancel_price: 100, cancel_tax_free: 200 },
        "cancel_tax_free"
      ],
      ["cancel_tax_free without cancel_price", { receipt_id: "r", cancel_tax_free: 10 }, "cancel_tax_free"],
      [
        "bad bank code",
        { receipt_id: "r", refund: { bank_account: "1", bank_username: "a", bank_code: "4" } },
        "refund.bank_code"
      ],
      ["a misspelt field", { receipt_id: "r", cancel_prce: 100 }, "cancel_prce"]
    ]
    for (const [name, input, path] of invalid) {
      it.effect(`cancel: ${name}`, () => {
        const { layer, requests } = clientLayer(authModes[1].options, withToken(ok(receiptBody())))
        return Effect.gen(function* () {
          const error = yield* Effect.flip(Receipt.cancel(input as Receipt.CancelRequest))
          expect(error._tag).toBe("InvalidRequest")
          if (error._tag === "InvalidRequest") {
            expect(error.issues.map((issue) => issue.path)).toContain(path)
            expect(error.operation).toBe("Receipt.cancel")
          }
          expect(requests).toHaveLength(0)
        }).pipe(Effect.provide(layer))
      })
    }

    it.effect("lookup of an empty id", () => {
      const { layer, requests } = clientLayer(authModes[0].options, ok(receiptBody()))
      return Effect.gen(function* () {
        const error = yield* Effect.flip(Receipt.lookup(""))
        expect(error._tag).toBe("InvalidRequest")
        expect(requests).toHaveLength(0)
      }).pipe(Effect.provide(layer))
    })
  })

  describe("errors", () => {
    it.effect("RC_NOT_FOUND becomes NotFound naming the receipt", () => {
      const { layer } = clientLayer(authModes[0].options, () => ({
        status: 404,
        body: { error_code: "RC_NOT_FOUND", message: "영수증을 찾을 수 없습니다" }
      }))
      return Effect.gen(function* () {
        const error = yield* Effect.flip(Receipt.lookup("missing-1"))
        expect(error).toBeInstanceOf(BootpayError.NotFound)
        expect(error).toMatchObject({ resource: "receipt", id: "missing-1", errorCode: "RC_NOT_FOUND" })
      }).pipe(Effect.provide(layer))
    })

    it.effect("a refused confirm is PgRefused with the PG's code", () => {
      const { layer } = clientLayer(authModes[0].options, () => ({
        status: 400,
        body: { error_code: "RC_CONFIRM_FAILED", message: "잔액 부족", pg_error_code: "3011" }
      }))
      return Effect.gen(function* () {
        const error = yield* Effect.flip(Receipt.confirm("r-1"))
        expect(error).toMatchObject({
          _tag: "PgRefused",
          errorCode: "RC_CONFIRM_FAILED",
          pgErrorCode: "3011"
        })
      }).pipe(Effect.provide(layer))
    })

    it.effect("a refused cancel of last month's phone payment is CarrierCancelWindowClosed", () => {
      const { layer, requests } = clientLayer(authModes[0].options, (request) =>
        request.path === "/cancel"
          ? { status: 400, body: { error_code: "RC_CANCEL_SERVER_ERROR", message: "취소 불가" } }
          : {
              status: 200,
              body: receiptBody({ method_symbol: "phone", purchased_at: "2026-01-31T23:30:00+09:00" })
            }
      )
      return Effect.gen(function* () {
        // 2026-02-01 00:30 in Korea is still January 31st in UTC: the month rule must use Korea time.
        yield* TestClock.setTime(Date.parse("2026-01-31T15:30:00Z"))
        const error = yield* Effect.flip(Receipt.cancel({ receipt_id: "r-1" }))
        expect(error).toMatchObject({
          _tag: "CarrierCancelWindowClosed",
          purchasedAt: "2026-01-31T23:30:00+09:00"
        })
        expect(requests.map((r) => r.path)).toEqual(["/cancel", "/receipt/r-1"])
      }).pipe(Effect.provide(layer))
    })

    it.effect("a refused cancel of this month's phone payment stays PgRefused", () => {
      const { layer } = clientLayer(authModes[0].options, (request) =>
        request.path === "/cancel"
          ? { status: 400, body: { error_code: "RC_CANCEL_SERVER_ERROR", message: "취소 불가" } }
          : {
              status: 200,
              body: receiptBody({ method_symbol: "phone", purchased_at: "2026-01-31T23:30:00+09:00" })
            }
      )
      return Effect.gen(function* () {
        yield* TestClock.setTime(Date.parse("2026-01-31T14:30:00Z"))
        const error = yield* Effect.flip(Receipt.cancel({ receipt_id: "r-1" }))
        expect(error._tag).toBe("PgRefused")
      }).pipe(Effect.provide(layer))
    })

    it.effect("a card cancel refusal does not become CarrierCancelWindowClosed", () => {
      const { layer } = clientLayer(authModes[0].options, (request) =>
        request.path === "/cancel"
          ? { status: 400, body: { error_code: "RC_CANCEL_SERVER_ERROR", message: "취소 불가" } }
          : { status: 200, body: receiptBody({ purchased_at: "2025-01-01T00:00:00+09:00" }) }
      )
      return Effect.gen(function* () {
        yield* TestClock.setTime(Date.parse("2026-03-01T00:00:00Z"))
        const error = yield* Effect.flip(Receipt.cancel({ receipt_id: "r-1" }))
        expect(error._tag).toBe("PgRefused")
      }).pipe(Effect.provide(layer))
    })

    it.effect("a 2xx body that is not a receipt is InvalidResponse", () => {
      const { layer } = clientLayer(authModes[0].options, () => ({ status: 200, body: { receipt_id: 5 } }))
      return Effect.gen(function* () {
        const error = yield* Effect.flip(Receipt.lookup("r-1"))
        expect(error._tag).toBe("InvalidResponse")
      }).pipe(Effect.provide(layer))
    })

    const duplicate = {
      status: 400,
      body: { error_code: "RC_CANCEL_SERVER_ERROR", message: "이미 처리된 취소 요청입니다 (cancel_id c-1)" }
    }

    it.effect(
      "a duplicate cancel_id refusal whose receipt shows the cancel resolves to that receipt, one read",
      () => {
        const { layer, requests } = clientLayer(authModes[0].options, (request) =>
          request.path === "/cancel"
            ? duplicate
            : { status: 200, body: receiptBody({ status: 20, cancelled_price: 4000 }) }
        )
        return Effect.gen(function* () {
          const receipt = yield* Receipt.cancel({ receipt_id: "r-1", cancel_price: 4000, cancel_id: "c-1" })
          expect(receipt.cancelled_price).toBe(4000)
          expect(requests.map((r) => r.path)).toEqual(["/cancel", "/receipt/r-1"])
        }).pipe(Effect.provide(layer))
      }
    )

    it.effect(
      "a duplicate cancel_id refusal whose receipt does not show the cancel (yet) is OutcomeUnknown(duplicate), reconciled Undetermined",
      () => {
        const { layer } = clientLayer(authModes[0].options, (request) =>
          request.path === "/cancel"
            ? duplicate
            : { status: 200, body: receiptBody({ cancelled_price: 1000 }) }
        )
        return Effect.gen(function* () {
          const error = yield* Effect.flip(
            Receipt.cancel({ receipt_id: "r-1", cancel_price: 4000, cancel_id: "c-1" })
          )
          expect(error).toMatchObject({ _tag: "OutcomeUnknown", reason: "duplicate", cancelPrice: 4000 })
          if (error._tag !== "OutcomeUnknown") return
          const resolution = yield* Reconcile.outcome(error)
          expect(resolution._tag).toBe("Undetermined")
        }).pipe(Effect.provide(layer))
      }
    )

    it.effect(
      "a refusal that is not a duplicate, of a card payment, is PgRefused after one explaining read",
      () => {
        const { layer, requests } = clientLayer(authModes[0].options, (request) =>
          request.path === "/cancel"
            ? { status: 400, body: { error_code: "RC_CANCEL_SERVER_ERROR", message: "부분취소 불가" } }
            : { status: 200, body: receiptBody() }
        )
        return Effect.gen(function* () {
          const error = yield* Effect.flip(
            Receipt.cancel({ receipt_id: "r-1", cancel_price: 100, cancel_id: "c-1" })
          )
          expect(error._tag).toBe("PgRefused")
          expect(requests.map((r) => r.path)).toEqual(["/cancel", "/receipt/r-1"])
        }).pipe(Effect.provide(layer))
      }
    )
  })
})
