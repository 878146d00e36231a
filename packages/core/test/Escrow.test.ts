import { describe, expect, it } from "@effect/vitest"
import { BootpayError, Escrow } from "@effect-bootpay/core"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/TestClock"
import { authModes, clientLayer, receiptBody, withToken } from "./utils/mockHttp.js"

const ok = (body: unknown) => () => ({ status: 200, body })

const apiCalls = <R extends { path: string }>(requests: ReadonlyArray<R>) =>
  requests.filter((request) => request.path !== "/request/token")

/** An Inicis escrow card payment whose shipment started. */
const shippedBody = receiptBody({
  pg: "이니시스",
  escrow_data: {
    status: 1,
    status_locale: "배송중",
    shipping_started_at: "2026-01-16T09:00:00+09:00",
    receipt_confirmed_at: null
  }
})

const shipment = {
  receipt_id: "62b12f4b6d3e4e0021f5c8a1",
  tracking_number: "631234567890",
  delivery_corp: "CJ대한통운"
} as const

describe("Escrow", () => {
  for (const mode of authModes) {
    describe(`${mode.name} mode`, () => {
      it.effect("startShipping puts the receipt id in the path and the body, and decodes the receipt", () => {
        const { layer, requests } = clientLayer(mode.options, withToken(ok(shippedBody)))
        return Effect.gen(function* () {
          const receipt = yield* Escrow.startShipping(shipment)
          expect(receipt.escrow_data).toEqual({
            status: 1,
            status_locale: "배송중",
            shipping_started_at: "2026-01-16T09:00:00+09:00",
            receipt_confirmed_at: null
          })
          const [request] = apiCalls(requests)
          expect(request).toMatchObject({
            method: "PUT",
            path: "/escrow/shipping/start/62b12f4b6d3e4e0021f5c8a1",
            query: {},
            headers: { authorization: mode.authorization, "content-type": "application/json" }
          })
          expect(request!.body).toEqual(shipment)
        }).pipe(Effect.provide(layer))
      })

      it.effect("startShipping sends every optional field the caller set", () => {
        const { layer, requests } = clientLayer(mode.options, withToken(ok(shippedBody)))
        const input = {
          ...shipment,
          receipt_id: "a/b",
          receipt_url: "https://shop.example.com/orders/1",
          shipping_prepayment: true,
          shipping_day: 3,
          user: {
            username: "홍길동",
            phone: "01012345678",
            zipcode: "06236",
            address: "서울 강남구 테헤란로 1"
          },
          company: {
            name: "테스트 상점",
            phone: "0212345678",
            zipcode: "06236",
            addr1: "서울",
            addr2: "1층"
          },
          redirect_url: "https://shop.example.com/escrow/callback"
        }
        return Effect.gen(function* () {
          yield* Escrow.startShipping(input)
          const [request] = apiCalls(requests)
          expect(request!.path).toBe("/escrow/shipping/start/a%2Fb")
          expect(request!.body).toEqual(input)
        }).pipe(Effect.provide(layer))
      })
    })
  }

  describe("validation sends nothing", () => {
    const invalid: ReadonlyArray<[string, Record<string, unknown>, string]> = [
      ...(["receipt_id", "tracking_number", "delivery_corp"] as const).map(
        (field): [string, Record<string, unknown>, string] => {
          const { [field]: _omitted, ...rest } = shipment
          return [`missing ${field}`, rest, field]
        }
      ),
      ["empty receipt_id", { ...shipment, receipt_id: "" }, "receipt_id"],
      ["blank tracking_number", { ...shipment, tracking_number: "  " }, "tracking_number"],
      ["empty delivery_corp", { ...shipment, delivery_corp: "" }, "delivery_corp"],
      ["zero shipping days", { ...shipment, shipping_day: 0 }, "shipping_day"],
      ["fractional shipping days", { ...shipment, shipping_day: 1.5 }, "shipping_day"],
      ["shipping_prepayment as text", { ...shipment, shipping_prepayment: "yes" }, "shipping_prepayment"],
      ["an unknown recipient field", { ...shipment, user: { name: "홍길동" } }, "user.name"],
      ["a misspelt field", { ...shipment, delivery_company: "한진" }, "delivery_company"]
    ]
    for (const [name, input, path] of invalid) {
      it.effect(`startShipping: ${name}`, () => {
        const { layer, requests } = clientLayer(authModes[1].options, withToken(ok(shippedBody)))
        return Effect.gen(function* () {
          const error = yield* Effect.flip(Escrow.startShipping(input as Escrow.StartShippingRequest))
          expect(error).toBeInstanceOf(BootpayError.InvalidRequest)
          if (error._tag === "InvalidRequest") {
            expect(error.operation).toBe("Escrow.startShipping")
            expect(error.issues.map((issue) => issue.path)).toContain(path)
          }
          expect(requests).toHaveLength(0)
        }).pipe(Effect.provide(layer))
      })
    }
  })

  describe("errors", () => {
    it.effect("RC_NOT_FOUND becomes NotFound naming the receipt", () => {
      const { layer } = clientLayer(authModes[0].options, () => ({
        status: 404,
        body: { error_code: "RC_NOT_FOUND", message: "영수증을 찾을 수 없습니다" }
      }))
      return Effect.gen(function* () {
        const error = yield* Effect.flip(Escrow.startShipping({ ...shipment, receipt_id: "missing-1" }))
        expect(error).toBeInstanceOf(BootpayError.NotFound)
        expect(error).toMatchObject({ resource: "receipt", id: "missing-1", errorCode: "RC_NOT_FOUND" })
      }).pipe(Effect.provide(layer))
    })

    it.effect("reporting a shipment is idempotent: a 503 and a lost connection are retried", () => {
      let calls = 0
      const { layer, requests } = clientLayer(authModes[0].options, () => {
        calls += 1
        if (calls === 1) return { status: 503, body: { message: "점검 중" } }
        if (calls === 2) return { fail: "ECONNRESET" }
        return { status: 200, body: shippedBody }
      })
      return Effect.gen(function* () {
        const fiber = yield* Effect.fork(Escrow.startShipping(shipment))
        yield* TestClock.adjust("1 minute")
        const receipt = yield* Fiber.join(fiber)
        expect(receipt.escrow_data?.status_locale).toBe("배송중")
        expect(requests).toHaveLength(3)
        expect(new Set(requests.map((request) => JSON.stringify(request.body))).size).toBe(1)
      }).pipe(Effect.provide(layer))
    })
  })
})
