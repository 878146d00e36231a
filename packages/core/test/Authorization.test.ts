import { describe, expect, it } from "@effect/vitest"
import { Authorization, Receipt } from "@effect-bootpay/core"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/TestClock"
import { type Answer, basic, bearer, clientLayer, type Recorded, receiptBody } from "./utils/mockHttp.js"

const tokens = (requests: ReadonlyArray<Recorded>) => requests.filter((r) => r.path === "/request/token")
const calls = (requests: ReadonlyArray<Recorded>) => requests.filter((r) => r.path !== "/request/token")

/** Issues `tok-1`, `tok-2`, ... and answers receipts; `api` may override the API answer. */
const bootpay = (
  api: (request: Recorded, call: number) => Answer = () => ({ status: 200, body: receiptBody() })
) => {
  let issued = 0
  let call = 0
  return (request: Recorded): Answer => {
    if (request.path === "/request/token") {
      issued += 1
      return { status: 200, body: { access_token: `tok-${issued}`, expire_in: 1800 } }
    }
    call += 1
    return api(request, call)
  }
}

describe("Authorization", () => {
  it.effect("Bearer: posts the legacy keys once and caches the token across calls", () => {
    const { layer, requests } = clientLayer(bearer, bootpay())
    return Effect.gen(function* () {
      yield* Receipt.lookup("r-1")
      yield* Receipt.lookup("r-2")
      yield* Receipt.confirm("r-3")
      expect(tokens(requests)).toHaveLength(1)
      expect(tokens(requests)[0]).toMatchObject({
        method: "POST",
        body: { application_id: "app-unit", private_key: "pk-unit-SECRET" }
      })
      expect(tokens(requests)[0]!.headers.authorization).toBeUndefined()
      expect(calls(requests).map((r) => r.headers.authorization)).toEqual([
        "Bearer tok-1",
        "Bearer tok-1",
        "Bearer tok-1"
      ])
    }).pipe(Effect.provide(layer))
  })

  it.effect("Bearer: refreshes ahead of expiry, after 25 of Bootpay's 30 minutes", () => {
    const { layer, requests } = clientLayer(bearer, bootpay())
    return Effect.gen(function* () {
      yield* Receipt.lookup("r-1")
      yield* TestClock.adjust("24 minutes")
      yield* Receipt.lookup("r-1")
      expect(tokens(requests)).toHaveLength(1)
      yield* TestClock.adjust("61 seconds")
      yield* Receipt.lookup("r-1")
      expect(tokens(requests)).toHaveLength(2)
      expect(calls(requests).map((r) => r.headers.authorization)).toEqual([
        "Bearer tok-1",
        "Bearer tok-1",
        "Bearer tok-2"
      ])
    }).pipe(Effect.provide(layer))
  })

  it("refreshAt honours a shorter expire_in", () => {
    expect(Authorization.refreshAt(0, 1800)).toBe(25 * 60_000)
    expect(Authorization.refreshAt(0, 600)).toBe(5 * 60_000)
    expect(Authorization.refreshAt(0, 60)).toBe(30_000)
    expect(Authorization.refreshAt(0, undefined)).toBe(25 * 60_000)
  })

  it.effect("Bearer: 100 concurrent calls at a cold start share exactly one token request", () =>
    Effect.gen(function* () {
      const latch = yield* Deferred.make<void>()
      let issued = 0
      const { layer, requests } = clientLayer(bearer, (request) =>
        request.path === "/request/token"
          ? Effect.map(Deferred.await(latch), () => {
              issued += 1
              return { status: 200, body: { access_token: "tok-1", expire_in: 1800 } }
            })
          : Effect.succeed({ status: 200, body: receiptBody() })
      )
      yield* Effect.gen(function* () {
        const fiber = yield* Effect.fork(
          Effect.forEach(
            Array.from({ length: 100 }, (_, i) => `r-${i}`),
            (id) => Receipt.lookup(id),
            {
              concurrency: "unbounded"
            }
          )
        )
        for (let i = 0; i < 20; i++) yield* Effect.yieldNow()
        yield* Deferred.succeed(latch, undefined)
        const receipts = yield* Fiber.join(fiber)
        expect(receipts).toHaveLength(100)
        expect(tokens(requests)).toHaveLength(1)
        expect(issued).toBe(1)
        expect(calls(requests)).toHaveLength(100)
      }).pipe(Effect.provide(layer))
    })
  )

  it.effect("Bearer: a failed issuance fails every waiting caller with one request, and is not cached", () =>
    Effect.gen(function* () {
      const latch = yield* Deferred.make<void>()
      const { layer, requests } = clientLayer(bearer, (request) =>
        request.path === "/request/token"
          ? Effect.as(Deferred.await(latch), {
              status: 401,
              body: { error_code: "APP_SK_NOT_MATCHED", message: "private_key mismatch" }
            })
          : Effect.succeed({ status: 200, body: receiptBody() })
      )
      yield* Effect.gen(function* () {
        const fiber = yield* Effect.fork(
          Effect.forEach(
            Array.from({ length: 10 }, (_, i) => `r-${i}`),
            (id) => Effect.flip(Receipt.lookup(id)),
            {
              concurrency: "unbounded"
            }
          )
        )
        for (let i = 0; i < 20; i++) yield* Effect.yieldNow()
        yield* Deferred.succeed(latch, undefined)
        const errors = yield* Fiber.join(fiber)
        expect(errors.map((error) => error._tag)).toEqual(Array(10).fill("InvalidCredentials"))
        expect(tokens(requests)).toHaveLength(1)
        expect(calls(requests)).toHaveLength(0)
        yield* Effect.flip(Receipt.lookup("r-x"))
        expect(tokens(requests)).toHaveLength(2)
      }).pipe(Effect.provide(layer))
    })
  )

  it.effect("Bearer: a rejected token is dropped, refreshed once and the call replayed", () => {
    const { layer, requests } = clientLayer(
      bearer,
      bootpay((_, call) =>
        call === 1
          ? { status: 401, body: { error_code: "TOKEN_KEY_INVALID", message: "만료" } }
          : { status: 200, body: receiptBody() }
      )
    )
    return Effect.gen(function* () {
      const receipt = yield* Receipt.confirm("r-1")
      expect(receipt.status).toBe(1)
      expect(tokens(requests)).toHaveLength(2)
      expect(calls(requests).map((r) => r.headers.authorization)).toEqual(["Bearer tok-1", "Bearer tok-2"])
    }).pipe(Effect.provide(layer))
  })

  it.effect("Bearer: a token rejected twice in a row fails TokenExpired", () => {
    const { layer, requests } = clientLayer(
      bearer,
      bootpay(() => ({ status: 401, body: { error_code: "TOKEN_KEY_INVALID", message: "만료" } }))
    )
    return Effect.gen(function* () {
      const error = yield* Effect.flip(Receipt.lookup("r-1"))
      expect(error._tag).toBe("TokenExpired")
      expect(tokens(requests)).toHaveLength(2)
      expect(calls(requests)).toHaveLength(2)
    }).pipe(Effect.provide(layer))
  })

  it.effect("Basic: never calls /request/token, sends base64(client_key:secret_key)", () => {
    const { layer, requests } = clientLayer(basic, bootpay())
    return Effect.gen(function* () {
      yield* Receipt.lookup("r-1")
      yield* TestClock.adjust("2 hours")
      yield* Receipt.lookup("r-1")
      expect(tokens(requests)).toHaveLength(0)
      const expected = `Basic ${Buffer.from("ck-unit:sk-unit-SECRET", "utf8").toString("base64")}`
      expect(calls(requests).map((r) => r.headers.authorization)).toEqual([expected, expected])
    }).pipe(Effect.provide(layer))
  })
})
