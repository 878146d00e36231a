import { describe, expect, it } from "@effect/vitest"
import { BootpayError, Receipt, Subscription } from "@effect-bootpay/core"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import { authModes, clientLayer, receiptBody, withToken } from "./utils/mockHttp.js"

const ok = (body: unknown) => () => ({ status: 200, body })

const apiCalls = <R extends { path: string }>(requests: ReadonlyArray<R>) =>
  requests.filter((request) => request.path !== "/request/token")

/** A receipt of a billing-key charge. */
const chargeBody = receiptBody({
  order_id: "order-2026-02",
  price: 9900,
  method: "카드자동",
  method_symbol: "card_rebill",
  method_origin: "카드자동",
  method_origin_symbol: "card_rebill"
})

/** A reservation as Bootpay answers it (CONTRACT 3.7), after it ran. */
const reservationBody = {
  reserve_id: "62b1301a6d3e4e0021f5c8d1",
  receipt_id: "62b1301b6d3e4e0021f5c8d2",
  billing_key: "62b12f4c6d3e4e0021f5c8b2",
  order_id: "order-2026-03",
  price: 9900,
  tax_free: 0,
  order_name: "월간 구독 3월",
  user: { id: "member-1", username: "홍길동" },
  items: [{ id: "plan-basic", name: "베이직", qty: 1, price: 9900 }],
  card_quota: "00",
  feedback_url: "https://shop.example.com/bootpay/webhook",
  metadata: { plan: "basic" },
  content_type: "application/json",
  version: 2,
  extra: null,
  reserve_requested_at: "2026-02-15T10:00:00+09:00",
  reserve_execute_at: "2026-03-01T09:00:00+09:00",
  reserve_started_at: "2026-03-01T09:00:00+09:00",
  reserve_finished_at: "2026-03-01T09:00:02+09:00",
  reserve_revoked_at: null,
  status: 1
}

const charge = {
  billing_key: "62b12f4c6d3e4e0021f5c8b2",
  order_name: "월간 구독 2월",
  price: 9900,
  order_id: "order-2026-02"
} as const

const reservation = {
  billing_key: "62b12f4c6d3e4e0021f5c8b2",
  order_name: "월간 구독 3월",
  price: 9900,
  order_id: "order-2026-03",
  reserve_execute_at: "2026-03-01T09:00:00+09:00"
} as const

const reserved = () => ({
  status: 200,
  body: { reserve_id: "62b1301a6d3e4e0021f5c8d1", reserve_execute_at: "2026-03-01T09:00:00+09:00" }
})

describe("Subscription", () => {
  for (const mode of authModes) {
    describe(`${mode.name} mode`, () => {
      it.effect("pay posts every field the caller set and decodes the receipt", () => {
        const { layer, requests } = clientLayer(mode.options, withToken(ok(chargeBody)))
        return Effect.gen(function* () {
          const input = {
            ...charge,
            price: 59_000,
            tax_free: 1000,
            card_quota: "3",
            card_interest: "1",
            items: [
              {
                id: "plan-pro",
                name: "프로",
                qty: 1,
                price: 59_000,
                cat1: "구독",
                category_type: "PRODUCT",
                category_code: "GENERAL",
                start_date: "20260201",
                end_date: "20260228"
              }
            ],
            user: { id: "member-1", username: "홍길동", email: "member@example.com", phone: "01012345678" },
            feedback_url: "https://shop.example.com/bootpay/webhook",
            content_type: "application/json" as const,
            metadata: { plan: "pro" },
            extra: { raw_data: 1 as const }
          }
          const receipt = yield* Subscription.pay(input)
          expect(receipt.status).toBe(Receipt.Status.PAID)
          expect(receipt.method_symbol).toBe("card_rebill")
          expect(receipt.order_id).toBe("order-2026-02")
          const [request] = apiCalls(requests)
          expect(request).toMatchObject({ method: "POST", path: "/subscribe/payment", query: {} })
          expect(request!.body).toEqual(input)
          expect(request!.headers).toMatchObject({
            authorization: mode.authorization,
            "content-type": "application/json"
          })
        }).pipe(Effect.provide(layer))
      })

      it.effect("pay sends only the required fields when nothing else is set", () => {
        const { layer, requests } = clientLayer(mode.options, withToken(ok(chargeBody)))
        return Effect.gen(function* () {
          yield* Subscription.pay(charge)
          expect(apiCalls(requests)[0]!.body).toEqual(charge)
        }).pipe(Effect.provide(layer))
      })

      it.effect("reserve posts the reservation and decodes its id", () => {
        const { layer, requests } = clientLayer(mode.options, withToken(reserved))
        return Effect.gen(function* () {
          const input = {
            ...reservation,
            tax_free: 0,
            user: { id: "member-1" },
            items: [{ id: "plan-basic", name: "베이직", qty: 1, price: 9900 }],
            metadata: { plan: "basic" },
            feedback_url: "https://shop.example.com/bootpay/webhook",
            content_type: "application/x-www-form-urlencoded" as const
          }
          const answer = yield* Subscription.reserve(input)
          expect(answer).toEqual({
            reserve_id: "62b1301a6d3e4e0021f5c8d1",
            reserve_execute_at: "2026-03-01T09:00:00+09:00"
          })
          const [request] = apiCalls(requests)
          expect(request).toMatchObject({ method: "POST", path: "/subscribe/payment/reserve", query: {} })
          expect(request!.body).toEqual(input)
        }).pipe(Effect.provide(layer))
      })

      it.effect("lookupReservation gets the reservation and decodes it", () => {
        const { layer, requests } = clientLayer(
          mode.options,
          withToken(ok({ ...reservationBody, later: "x" }))
        )
        return Effect.gen(function* () {
          const found = yield* Subscription.lookupReservation("62b1301a6d3e4e0021f5c8d1")
          expect(found).toMatchObject({
            reserve_id: "62b1301a6d3e4e0021f5c8d1",
            receipt_id: "62b1301b6d3e4e0021f5c8d2",
            reserve_finished_at: "2026-03-01T09:00:02+09:00",
            reserve_revoked_at: null,
            status: 1,
            later: "x"
          })
          const [request] = apiCalls(requests)
          expect(request).toMatchObject({
            method: "GET",
            path: "/subscribe/payment/reserve/62b1301a6d3e4e0021f5c8d1",
            query: {}
          })
          expect(request!.body).toBeUndefined()
        }).pipe(Effect.provide(layer))
      })

      it.effect("cancelReservation sends DELETE without a body", () => {
        const { layer, requests } = clientLayer(
          mode.options,
          withToken(ok({ reserve_id: "62b1301a6d3e4e0021f5c8d1", success: true }))
        )
        return Effect.gen(function* () {
          const cancelled = yield* Subscription.cancelReservation("62b1301a6d3e4e0021f5c8d1")
          expect(cancelled).toEqual({ reserve_id: "62b1301a6d3e4e0021f5c8d1", success: true })
          const [request] = apiCalls(requests)
          expect(request).toMatchObject({
            method: "DELETE",
            path: "/subscribe/payment/reserve/62b1301a6d3e4e0021f5c8d1",
            query: {}
          })
          expect(request!.body).toBeUndefined()
        }).pipe(Effect.provide(layer))
      })
    })
  }

  describe("reserve_execute_at", () => {
    const sentAt = (input: Date | string) => {
      const { layer, requests } = clientLayer(authModes[0].options, reserved)
      return Effect.gen(function* () {
        yield* Subscription.reserve({ ...reservation, reserve_execute_at: input })
        return (requests[0]!.body as { reserve_execute_at: string }).reserve_execute_at
      }).pipe(Effect.provide(layer))
    }

    it.effect("a Date is sent in Korea time with an explicit +09:00 offset", () =>
      Effect.gen(function* () {
        expect(yield* sentAt(new Date("2026-03-01T00:00:00Z"))).toBe("2026-03-01T09:00:00+09:00")
        // 15:30 UTC is already the next day in Korea.
        expect(yield* sentAt(new Date("2026-02-28T15:30:00Z"))).toBe("2026-03-01T00:30:00+09:00")
      })
    )

    it.effect("a string with an offset is sent as the same instant in Korea time", () =>
      Effect.gen(function* () {
        expect(yield* sentAt("2026-03-01T09:00:00+09:00")).toBe("2026-03-01T09:00:00+09:00")
        expect(yield* sentAt("2026-03-01T00:00:00Z")).toBe("2026-03-01T09:00:00+09:00")
        expect(yield* sentAt("2026-02-28T19:00:00-05:00")).toBe("2026-03-01T09:00:00+09:00")
        expect(yield* sentAt("2026-03-01T09:00+09:00")).toBe("2026-03-01T09:00:00+09:00")
      })
    )

    it.effect("fractions of a second are rounded up, never earlier than asked", () =>
      Effect.gen(function* () {
        expect(yield* sentAt("2026-03-01T09:00:00.250+09:00")).toBe("2026-03-01T09:00:01+09:00")
      })
    )

    const refused: ReadonlyArray<[string, unknown]> = [
      ["a string without an offset", "2026-03-01T09:00:00"],
      ["a date without a time", "2026-03-01"],
      ["a space instead of T", "2026-03-01 09:00:00+09:00"],
      ["an impossible date", "2026-02-30T25:00:00+09:00"],
      ["an invalid Date", new Date(Number.NaN)],
      ["a number", 1_772_323_200_000]
    ]
    for (const [name, value] of refused) {
      it.effect(`refuses ${name} without sending`, () => {
        const { layer, requests } = clientLayer(authModes[0].options, reserved)
        return Effect.gen(function* () {
          const error = yield* Effect.flip(
            Subscription.reserve({ ...reservation, reserve_execute_at: value as string })
          )
          expect(error).toBeInstanceOf(BootpayError.InvalidRequest)
          const paths = (error as BootpayError.InvalidRequest).issues.map((issue) => issue.path)
          expect(new Set(paths)).toEqual(new Set(["reserve_execute_at"]))
          expect(requests).toHaveLength(0)
        }).pipe(Effect.provide(layer))
      })
    }

    it.effect("must be in the future by the Clock at call time; nothing is sent otherwise", () => {
      const { layer, requests } = clientLayer(authModes[0].options, reserved)
      return Effect.gen(function* () {
        yield* TestClock.setTime(Date.parse("2026-03-01T08:59:00+09:00"))
        yield* Subscription.reserve(reservation)
        expect(requests).toHaveLength(1)

        yield* TestClock.adjust("1 minute")
        const atThatTime = yield* Effect.flip(Subscription.reserve(reservation))
        expect(atThatTime).toMatchObject({
          _tag: "InvalidRequest",
          operation: "Subscription.reserve",
          issues: [{ path: "reserve_execute_at", message: "must be in the future" }]
        })

        yield* TestClock.adjust("1 day")
        const past = yield* Effect.flip(
          Subscription.reserve({ ...reservation, reserve_execute_at: new Date("2026-03-01T12:00:00+09:00") })
        )
        expect(past._tag).toBe("InvalidRequest")
        expect(requests).toHaveLength(1)
      }).pipe(Effect.provide(layer))
    })
  })

  describe("validation sends nothing", () => {
    const withoutField = (input: Record<string, unknown>, field: string) => {
      const { [field]: _dropped, ...rest } = input
      return rest
    }

    const payCases: ReadonlyArray<[string, Record<string, unknown>, string]> = [
      ...Object.keys(charge).map((field): [string, Record<string, unknown>, string] => [
        `missing ${field}`,
        withoutField(charge, field),
        field
      ]),
      ["an empty billing key", { ...charge, billing_key: "" }, "billing_key"],
      ["an empty order id", { ...charge, order_id: " " }, "order_id"],
      ["a zero price", { ...charge, price: 0 }, "price"],
      ["a negative price", { ...charge, price: -100 }, "price"],
      ["a fractional price", { ...charge, price: 9900.5 }, "price"],
      ["a price as a string", { ...charge, price: "9900" }, "price"],
      ["tax_free above price", { ...charge, tax_free: 10_000 }, "tax_free"],
      ["a negative tax_free", { ...charge, tax_free: -1 }, "tax_free"],
      ["card_quota 1", { ...charge, price: 60_000, card_quota: "1" }, "card_quota"],
      ["card_quota 13", { ...charge, price: 60_000, card_quota: "13" }, "card_quota"],
      ["installments below 50,000 KRW", { ...charge, price: 49_999, card_quota: "3" }, "card_quota"],
      [
        "installments in extra below 50,000 KRW",
        { ...charge, extra: { card_quota: "6" } },
        "extra.card_quota"
      ],
      ["an item without id", { ...charge, items: [{ name: "a", qty: 1, price: 1 }] }, "items.0.id"],
      ["an item without name", { ...charge, items: [{ id: "a", qty: 1, price: 1 }] }, "items.0.name"],
      ["an item with qty 0", { ...charge, items: [{ id: "a", name: "a", qty: 0, price: 1 }] }, "items.0.qty"],
      [
        "an item with a fractional qty",
        { ...charge, items: [{ id: "a", name: "a", qty: 1.5, price: 1 }] },
        "items.0.qty"
      ],
      [
        "an item date not yyyyMMdd",
        { ...charge, items: [{ id: "a", name: "a", qty: 1, price: 1, start_date: "2026-02-01" }] },
        "items.0.start_date"
      ],
      ["a feedback_url without scheme", { ...charge, feedback_url: "shop.example.com/hook" }, "feedback_url"],
      ["an unknown content_type", { ...charge, content_type: "text/plain" }, "content_type"],
      ["a user gender of 3", { ...charge, user: { gender: 3 } }, "user.gender"],
      ["metadata that is not an object", { ...charge, metadata: "plan" }, "metadata"],
      ["a misspelt field", { ...charge, oder_id: "x" }, "oder_id"]
    ]
    for (const [name, input, path] of payCases) {
      it.effect(`pay: ${name}`, () => {
        const { layer, requests } = clientLayer(authModes[1].options, withToken(ok(chargeBody)))
        return Effect.gen(function* () {
          const error = yield* Effect.flip(Subscription.pay(input as unknown as Subscription.PayRequest))
          expect(error).toBeInstanceOf(BootpayError.InvalidRequest)
          const invalid = error as BootpayError.InvalidRequest
          expect(invalid.operation).toBe("Subscription.pay")
          expect(invalid.issues.map((issue) => issue.path)).toContain(path)
          expect(requests).toHaveLength(0)
        }).pipe(Effect.provide(layer))
      })
    }

    const allowed: ReadonlyArray<[string, Record<string, unknown>]> = [
      ["a lump sum 00 below 50,000 KRW", { ...charge, card_quota: "00" }],
      ["a lump sum 0 below 50,000 KRW", { ...charge, card_quota: "0" }],
      ["12 months at 50,000 KRW", { ...charge, price: 50_000, card_quota: "12" }],
      ["tax_free equal to price", { ...charge, tax_free: 9900 }]
    ]
    for (const [name, input] of allowed) {
      it.effect(`pay accepts ${name}`, () => {
        const { layer, requests } = clientLayer(authModes[0].options, ok(chargeBody))
        return Effect.gen(function* () {
          yield* Subscription.pay(input as unknown as Subscription.PayRequest)
          expect(requests[0]!.body).toEqual(input)
        }).pipe(Effect.provide(layer))
      })
    }

    const reserveCases: ReadonlyArray<[string, Record<string, unknown>, string]> = [
      ...Object.keys(reservation).map((field): [string, Record<string, unknown>, string] => [
        `missing ${field}`,
        withoutField(reservation, field),
        field
      ]),
      ["a zero price", { ...reservation, price: 0 }, "price"],
      ["tax_free above price", { ...reservation, tax_free: 10_000 }, "tax_free"],
      ["an unknown content_type", { ...reservation, content_type: "application/xml" }, "content_type"],
      ["card_quota, which a reservation does not take", { ...reservation, card_quota: "00" }, "card_quota"]
    ]
    for (const [name, input, path] of reserveCases) {
      it.effect(`reserve: ${name}`, () => {
        const { layer, requests } = clientLayer(authModes[0].options, reserved)
        return Effect.gen(function* () {
          const error = yield* Effect.flip(
            Subscription.reserve(input as unknown as Subscription.ReserveRequest)
          )
          expect(error).toMatchObject({ _tag: "InvalidRequest", operation: "Subscription.reserve" })
          expect((error as BootpayError.InvalidRequest).issues.map((issue) => issue.path)).toContain(path)
          expect(requests).toHaveLength(0)
        }).pipe(Effect.provide(layer))
      })
    }

    for (const [name, run] of [
      ["lookupReservation", Subscription.lookupReservation],
      ["cancelReservation", Subscription.cancelReservation]
    ] as const) {
      it.effect(`${name}: an empty id`, () => {
        const { layer, requests } = clientLayer(authModes[0].options, ok(reservationBody))
        return Effect.gen(function* () {
          const error = yield* Effect.flip(run(""))
          expect(error).toMatchObject({ _tag: "InvalidRequest", operation: `Subscription.${name}` })
          expect(requests).toHaveLength(0)
        }).pipe(Effect.provide(layer))
      })
    }
  })

  describe("errors", () => {
    it.effect("charging an unknown or destroyed key is NotFound naming the billing key", () => {
      const { layer } = clientLayer(authModes[0].options, () => ({
        status: 404,
        body: { error_code: "RC_NOT_FOUND", message: "빌링키를 찾을 수 없습니다" }
      }))
      return Effect.gen(function* () {
        const error = yield* Effect.flip(Subscription.pay(charge))
        expect(error).toBeInstanceOf(BootpayError.NotFound)
        expect(error).toMatchObject({ resource: "billing_key", id: charge.billing_key })
      }).pipe(Effect.provide(layer))
    })

    it.effect("a declined charge is PgRefused with the PG's code", () => {
      const { layer } = clientLayer(authModes[0].options, () => ({
        status: 400,
        body: { error_code: "RC_CONFIRM_FAILED", message: "잔액 부족", pg_error_code: "3011" }
      }))
      return Effect.gen(function* () {
        const error = yield* Effect.flip(Subscription.pay(charge))
        expect(error).toMatchObject({
          _tag: "PgRefused",
          errorCode: "RC_CONFIRM_FAILED",
          pgErrorCode: "3011"
        })
      }).pipe(Effect.provide(layer))
    })

    it.effect(
      "a charge whose answer is lost is OutcomeUnknown with the order id and key, never retried",
      () => {
        const { layer, requests } = clientLayer(authModes[0].options, () => ({ fail: "ECONNRESET" }))
        return Effect.gen(function* () {
          const error = yield* Effect.flip(Subscription.pay(charge))
          expect(error).toMatchObject({
            _tag: "OutcomeUnknown",
            orderId: charge.order_id,
            billingKey: charge.billing_key
          })
          expect(requests).toHaveLength(1)
        }).pipe(Effect.provide(layer))
      }
    )

    it.effect("an unknown reservation is NotFound naming the reservation", () => {
      const { layer } = clientLayer(authModes[0].options, () => ({
        status: 404,
        body: { error_code: "RC_NOT_FOUND", message: "예약을 찾을 수 없습니다" }
      }))
      return Effect.gen(function* () {
        const looked = yield* Effect.flip(Subscription.lookupReservation("rsv-1"))
        expect(looked).toMatchObject({ _tag: "NotFound", resource: "reservation", id: "rsv-1" })
        const cancelled = yield* Effect.flip(Subscription.cancelReservation("rsv-1"))
        expect(cancelled).toMatchObject({ _tag: "NotFound", resource: "reservation", id: "rsv-1" })
      }).pipe(Effect.provide(layer))
    })
  })
})
