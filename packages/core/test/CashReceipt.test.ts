import { describe, expect, it } from "@effect/vitest"
import { BootpayError, CashReceipt } from "@effect-bootpay/core"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/TestClock"
import { authModes, clientLayer, receiptBody, withToken } from "./utils/mockHttp.js"

const ok = (body: unknown) => () => ({ status: 200, body })

const apiCalls = <R extends { path: string }>(requests: ReadonlyArray<R>) =>
  requests.filter((request) => request.path !== "/request/token")

const cashReceiptData = {
  tid: "cr-20260115-0001",
  cash_receipt_type: 1,
  cash_receipt_no: "123456789",
  receipt_url: "https://door.bootpay.co.kr/receipt/cash/62b12f4b6d3e4e0021f5c8f1"
}

/** A paid bank transfer with a cash receipt published on it. */
const bankBody = receiptBody({
  method: "계좌이체",
  method_symbol: "bank",
  method_origin: "계좌이체",
  method_origin_symbol: "bank",
  card_data: null,
  bank_data: { tid: "bank-tid-1", bank_code: "004", bank_name: "국민", bank_username: "홍*동" },
  cash_receipt_data: cashReceiptData
})

/** A standalone cash receipt. */
const standaloneBody = (fields: Record<string, unknown> = {}) =>
  receiptBody({
    receipt_id: "62b12f4b6d3e4e0021f5c8f2",
    order_id: "cash-order-1",
    order_name: "현장 결제",
    price: 33000,
    tax_free: 3000,
    method: "현금영수증",
    method_symbol: "cash_receipt",
    method_origin: "현금영수증",
    method_origin_symbol: "cash_receipt",
    card_data: null,
    cash_receipt_data: cashReceiptData,
    ...fields
  })

const onReceipt = {
  receipt_id: "62b12f4b6d3e4e0021f5c8a1",
  identity_no: "01012345678",
  cash_receipt_type: "소득공제"
} as const

const standalone = {
  price: 33000,
  order_name: "현장 결제",
  order_id: "cash-order-1",
  cash_receipt_type: "지출증빙",
  identity_no: "1234567890"
} as const

describe("CashReceipt", () => {
  for (const mode of authModes) {
    describe(`${mode.name} mode`, () => {
      it.effect("publishOnReceipt posts the fields and decodes cash_receipt_data", () => {
        const { layer, requests } = clientLayer(mode.options, withToken(ok(bankBody)))
        const input = {
          ...onReceipt,
          username: "홍길동",
          email: "buyer@example.com",
          phone: "01012345678",
          currency: "KRW"
        }
        return Effect.gen(function* () {
          const receipt = yield* CashReceipt.publishOnReceipt(input)
          expect(receipt.cash_receipt_data).toEqual(cashReceiptData)
          expect(apiCalls(requests)[0]).toMatchObject({
            method: "POST",
            path: "/request/receipt/cash/publish",
            query: {},
            body: input,
            headers: { authorization: mode.authorization, "content-type": "application/json" }
          })
        }).pipe(Effect.provide(layer))
      })

      it.effect("cancelOnReceipt sends DELETE with the cancel fields as a query and no body", () => {
        const { layer, requests } = clientLayer(mode.options, withToken(ok(null)))
        return Effect.gen(function* () {
          const answer = yield* CashReceipt.cancelOnReceipt({
            receipt_id: "62b12f4b6d3e4e0021f5c8a1",
            cancel_username: "관리자",
            cancel_message: "구매자 요청 & 재발행"
          })
          expect(answer).toBeNull()
          const [request] = apiCalls(requests)
          expect(request).toMatchObject({
            method: "DELETE",
            path: "/request/receipt/cash/cancel/62b12f4b6d3e4e0021f5c8a1",
            query: { cancel_username: "관리자", cancel_message: "구매자 요청 & 재발행" },
            headers: { authorization: mode.authorization }
          })
          expect(request!.body).toBeUndefined()
        }).pipe(Effect.provide(layer))
      })

      it.effect("publish posts a standalone cash receipt with only the fields set", () => {
        const { layer, requests } = clientLayer(mode.options, withToken(ok(standaloneBody())))
        return Effect.gen(function* () {
          const receipt = yield* CashReceipt.publish(standalone)
          expect(receipt).toMatchObject({ method_symbol: "cash_receipt", price: 33000, status: 1 })
          expect(apiCalls(requests)[0]).toMatchObject({
            method: "POST",
            path: "/request/cash/receipt",
            query: {},
            body: standalone,
            headers: { authorization: mode.authorization }
          })
        }).pipe(Effect.provide(layer))
      })

      it.effect("cancel sends DELETE /request/cash/receipt/{id} with the query and decodes status 20", () => {
        const { layer, requests } = clientLayer(
          mode.options,
          withToken(ok(standaloneBody({ status: 20, status_locale: "결제취소완료", cancelled_price: 33000 })))
        )
        return Effect.gen(function* () {
          const receipt = yield* CashReceipt.cancel({
            receipt_id: "62b12f4b6d3e4e0021f5c8f2",
            cancel_message: "주문 취소"
          })
          expect(receipt).toMatchObject({ status: 20, cancelled_price: 33000 })
          const [request] = apiCalls(requests)
          expect(request).toMatchObject({
            method: "DELETE",
            path: "/request/cash/receipt/62b12f4b6d3e4e0021f5c8f2",
            query: { cancel_message: "주문 취소" },
            headers: { authorization: mode.authorization }
          })
          expect(request!.body).toBeUndefined()
        }).pipe(Effect.provide(layer))
      })
    })
  }

  describe("requests", () => {
    it.effect("a cancel without optional fields has an empty query and an encoded id", () => {
      const { layer, requests } = clientLayer(authModes[0].options, ok(standaloneBody({ status: 20 })))
      return Effect.gen(function* () {
        yield* CashReceipt.cancelOnReceipt({ receipt_id: "a/b" })
        yield* CashReceipt.cancel({ receipt_id: "a/b" })
        expect(requests.map((request) => [request.path, request.query])).toEqual([
          ["/request/receipt/cash/cancel/a%2Fb", {}],
          ["/request/cash/receipt/a%2Fb", {}]
        ])
      }).pipe(Effect.provide(layer))
    })

    it.effect("publish sends every optional field, with purchased_at in Korea time", () => {
      const { layer, requests } = clientLayer(authModes[0].options, ok(standaloneBody()))
      return Effect.gen(function* () {
        yield* CashReceipt.publish({
          ...standalone,
          pg: "nicepay",
          tax_free: 3000,
          purchased_at: new Date("2026-01-15T03:00:00Z"),
          user: { id: "member-1", username: "홍길동" },
          metadata: { store: "강남점" },
          extra: { test: true }
        })
        yield* CashReceipt.publish({ ...standalone, purchased_at: "2026-01-15T12:00:00+09:00" })
        expect(requests[0]!.body).toEqual({
          ...standalone,
          pg: "nicepay",
          tax_free: 3000,
          purchased_at: "2026-01-15T12:00:00+09:00",
          user: { id: "member-1", username: "홍길동" },
          metadata: { store: "강남점" },
          extra: { test: true }
        })
        expect((requests[1]!.body as Record<string, unknown>).purchased_at).toBe("2026-01-15T12:00:00+09:00")
      }).pipe(Effect.provide(layer))
    })
  })

  describe("decoding", () => {
    it.effect("cancelOnReceipt reads a receipt when Bootpay sends one", () => {
      const { layer } = clientLayer(authModes[0].options, ok({ ...bankBody, cash_receipt_data: null }))
      return Effect.gen(function* () {
        const answer = yield* CashReceipt.cancelOnReceipt({ receipt_id: "62b12f4b6d3e4e0021f5c8a1" })
        expect(answer?.receipt_id).toBe("62b12f4b6d3e4e0021f5c8a1")
        expect(answer?.cash_receipt_data).toBeNull()
      }).pipe(Effect.provide(layer))
    })

    for (const [name, body] of [
      ["an object that is not a receipt", { success: true }],
      ["true", true],
      ["an empty object", {}]
    ] as const) {
      it.effect(`cancelOnReceipt turns ${name} into null instead of failing`, () => {
        const { layer } = clientLayer(authModes[0].options, ok(body))
        return Effect.gen(function* () {
          expect(yield* CashReceipt.cancelOnReceipt({ receipt_id: "r-1" })).toBeNull()
        }).pipe(Effect.provide(layer))
      })
    }

    it.effect("publish keeps fields Bootpay adds inside cash_receipt_data", () => {
      const { layer } = clientLayer(
        authModes[0].options,
        ok(standaloneBody({ cash_receipt_data: { ...cashReceiptData, cash_receipt_url: "https://x" } }))
      )
      return Effect.gen(function* () {
        const receipt = yield* CashReceipt.publish(standalone)
        expect((receipt.cash_receipt_data as Record<string, unknown>).cash_receipt_url).toBe("https://x")
      }).pipe(Effect.provide(layer))
    })
  })

  describe("validation sends nothing", () => {
    const omit = <T extends Record<string, unknown>>(input: T, field: keyof T) => {
      const { [field]: _omitted, ...rest } = input
      return rest
    }
    const publishOnReceiptCases: ReadonlyArray<[string, Record<string, unknown>, string]> = [
      ...(["receipt_id", "identity_no", "cash_receipt_type"] as const).map(
        (field): [string, Record<string, unknown>, string] => [
          `missing ${field}`,
          omit(onReceipt, field),
          field
        ]
      ),
      ["an identity_no of 9 digits", { ...onReceipt, identity_no: "010123456" }, "identity_no"],
      ["an identity_no of 14 digits", { ...onReceipt, identity_no: "01012345678901" }, "identity_no"],
      ["an identity_no with dashes", { ...onReceipt, identity_no: "010-1234-5678" }, "identity_no"],
      ["an identity_no as a number", { ...onReceipt, identity_no: 1012345678 }, "identity_no"],
      ["an unknown cash_receipt_type", { ...onReceipt, cash_receipt_type: "income" }, "cash_receipt_type"],
      ["a numeric cash_receipt_type", { ...onReceipt, cash_receipt_type: 1 }, "cash_receipt_type"],
      ["an empty currency", { ...onReceipt, currency: "" }, "currency"],
      ["a misspelt field", { ...onReceipt, user_name: "홍길동" }, "user_name"]
    ]
    for (const [name, input, path] of publishOnReceiptCases) {
      it.effect(`publishOnReceipt: ${name}`, () => {
        const { layer, requests } = clientLayer(authModes[1].options, withToken(ok(bankBody)))
        return Effect.gen(function* () {
          const error = yield* Effect.flip(
            CashReceipt.publishOnReceipt(input as CashReceipt.PublishOnReceiptRequest)
          )
          expect(error).toBeInstanceOf(BootpayError.InvalidRequest)
          if (error._tag === "InvalidRequest") {
            expect(error.operation).toBe("CashReceipt.publishOnReceipt")
            expect(error.issues.map((issue) => issue.path)).toContain(path)
          }
          expect(requests).toHaveLength(0)
        }).pipe(Effect.provide(layer))
      })
    }

    const publishCases: ReadonlyArray<[string, Record<string, unknown>, string]> = [
      ...(["price", "order_name", "order_id", "cash_receipt_type", "identity_no"] as const).map(
        (field): [string, Record<string, unknown>, string] => [
          `missing ${field}`,
          omit(standalone, field),
          field
        ]
      ),
      ["a zero price", { ...standalone, price: 0 }, "price"],
      ["a fractional price", { ...standalone, price: 100.5 }, "price"],
      ["a negative tax_free", { ...standalone, tax_free: -1 }, "tax_free"],
      ["tax_free above price", { ...standalone, tax_free: 40000 }, "tax_free"],
      ["an empty order_id", { ...standalone, order_id: "" }, "order_id"],
      ["an empty pg", { ...standalone, pg: "" }, "pg"],
      [
        "purchased_at without an offset",
        { ...standalone, purchased_at: "2026-01-15 12:00:00" },
        "purchased_at"
      ],
      ["an identity_no of 15 digits", { ...standalone, identity_no: "123456789012345" }, "identity_no"],
      ["a user gender of 3", { ...standalone, user: { gender: 3 } }, "user.gender"]
    ]
    for (const [name, input, path] of publishCases) {
      it.effect(`publish: ${name}`, () => {
        const { layer, requests } = clientLayer(authModes[0].options, ok(standaloneBody()))
        return Effect.gen(function* () {
          const error = yield* Effect.flip(CashReceipt.publish(input as CashReceipt.PublishRequest))
          expect(error).toMatchObject({ _tag: "InvalidRequest", operation: "CashReceipt.publish" })
          if (error._tag === "InvalidRequest") {
            expect(error.issues.map((issue) => issue.path)).toContain(path)
          }
          expect(requests).toHaveLength(0)
        }).pipe(Effect.provide(layer))
      })
    }

    for (const [name, run] of [
      ["cancelOnReceipt", CashReceipt.cancelOnReceipt],
      ["cancel", CashReceipt.cancel]
    ] as const) {
      for (const [what, input, path] of [
        ["an empty receipt_id", { receipt_id: "" }, "receipt_id"],
        ["a missing receipt_id", { cancel_message: "취소" }, "receipt_id"],
        ["a misspelt field", { receipt_id: "r-1", cancel_reason: "취소" }, "cancel_reason"]
      ] as const) {
        it.effect(`${name}: ${what}`, () => {
          const { layer, requests } = clientLayer(authModes[0].options, ok(standaloneBody()))
          return Effect.gen(function* () {
            const error = yield* Effect.flip(run(input as CashReceipt.CancelRequest))
            expect(error).toMatchObject({ _tag: "InvalidRequest", operation: `CashReceipt.${name}` })
            if (error._tag === "InvalidRequest") {
              expect(error.issues.map((issue) => issue.path)).toContain(path)
            }
            expect(requests).toHaveLength(0)
          }).pipe(Effect.provide(layer))
        })
      }
    }

    it.effect("an invalid identity number never shows in the error", () => {
      const { layer, requests } = clientLayer(authModes[0].options, ok(bankBody))
      const secrets = ["880215-1234567", "8802151234567890", "010-9876-5432"]
      return Effect.gen(function* () {
        const errors = [
          yield* Effect.flip(CashReceipt.publishOnReceipt({ ...onReceipt, identity_no: secrets[0]! })),
          yield* Effect.flip(CashReceipt.publish({ ...standalone, identity_no: secrets[1]! })),
          yield* Effect.flip(CashReceipt.publishOnReceipt({ ...onReceipt, identity_no: secrets[2]! })),
          yield* Effect.flip(
            CashReceipt.publish({
              ...standalone,
              identity_no: 8802151234567890
            } as unknown as CashReceipt.PublishRequest)
          )
        ]
        for (const error of errors) {
          expect(error._tag).toBe("InvalidRequest")
          for (const text of [String(error), JSON.stringify(error), error.message]) {
            for (const secret of [...secrets, "8802151234567", "880215", "1234567", "9876"]) {
              expect(text).not.toContain(secret)
            }
          }
        }
        expect(requests).toHaveLength(0)
      }).pipe(Effect.provide(layer))
    })
  })

  describe("errors", () => {
    it.effect("RC_NOT_FOUND becomes NotFound naming the receipt, for each receipt-bound call", () => {
      const { layer } = clientLayer(authModes[0].options, () => ({
        status: 404,
        body: { error_code: "RC_NOT_FOUND", message: "영수증을 찾을 수 없습니다" }
      }))
      return Effect.gen(function* () {
        const errors = [
          yield* Effect.flip(CashReceipt.publishOnReceipt({ ...onReceipt, receipt_id: "missing-1" })),
          yield* Effect.flip(CashReceipt.cancelOnReceipt({ receipt_id: "missing-1" })),
          yield* Effect.flip(CashReceipt.cancel({ receipt_id: "missing-1" }))
        ]
        for (const error of errors) {
          expect(error).toBeInstanceOf(BootpayError.NotFound)
          expect(error).toMatchObject({ resource: "receipt", id: "missing-1" })
        }
      }).pipe(Effect.provide(layer))
    })

    it.effect(
      "a publish whose connection was lost after sending is OutcomeUnknown and is not retried",
      () => {
        const { layer, requests } = clientLayer(authModes[0].options, () => ({ fail: "ECONNRESET" }))
        return Effect.gen(function* () {
          const standaloneError = yield* Effect.flip(CashReceipt.publish(standalone))
          expect(standaloneError).toMatchObject({ _tag: "OutcomeUnknown", orderId: "cash-order-1" })
          const onReceiptError = yield* Effect.flip(CashReceipt.publishOnReceipt(onReceipt))
          expect(onReceiptError).toMatchObject({
            _tag: "OutcomeUnknown",
            receiptId: "62b12f4b6d3e4e0021f5c8a1"
          })
          expect(requests).toHaveLength(2)
        }).pipe(Effect.provide(layer))
      }
    )

    it.effect("cancels are idempotent: a 503 is retried", () => {
      let calls = 0
      const { layer, requests } = clientLayer(authModes[0].options, () => {
        calls += 1
        return calls % 2 === 1
          ? { status: 503, body: { message: "점검 중" } }
          : { status: 200, body: standaloneBody({ status: 20 }) }
      })
      return Effect.gen(function* () {
        const fiber = yield* Effect.fork(
          Effect.all([
            CashReceipt.cancel({ receipt_id: "r-1" }),
            CashReceipt.cancelOnReceipt({ receipt_id: "r-2" })
          ])
        )
        yield* TestClock.adjust("1 minute")
        const [cancelled, onReceiptAnswer] = yield* Fiber.join(fiber)
        expect(cancelled.status).toBe(20)
        expect(onReceiptAnswer?.status).toBe(20)
        expect(requests.map((request) => request.path)).toEqual([
          "/request/cash/receipt/r-1",
          "/request/cash/receipt/r-1",
          "/request/receipt/cash/cancel/r-2",
          "/request/receipt/cash/cancel/r-2"
        ])
      }).pipe(Effect.provide(layer))
    })

    it.effect("a refused publish carrying the PG's code is PgRefused", () => {
      const { layer } = clientLayer(authModes[0].options, () => ({
        status: 400,
        body: { error_code: "CASH_RECEIPT_FAILED", message: "국세청 거절", pg_error_code: "C001" }
      }))
      return Effect.gen(function* () {
        const error = yield* Effect.flip(CashReceipt.publish(standalone))
        expect(error).toMatchObject({ _tag: "PgRefused", pgErrorCode: "C001" })
      }).pipe(Effect.provide(layer))
    })
  })
})
