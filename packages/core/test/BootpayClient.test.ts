import { describe, expect, it } from "@effect/vitest"
import { AccessToken, BillingKey, BootpayClient, Receipt } from "@effect-bootpay/core"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/TestClock"
import { type Answer, basic, bearer, clientLayer, type Recorded, receiptBody } from "./utils/mockHttp.js"
import { recordingTracer } from "./utils/tracer.js"

const ok: Answer = { status: 200, body: receiptBody() }

/** Answers the API calls with `answers` in order (the last one repeats). */
const sequence =
  (...answers: Array<Answer>) =>
  (request: Recorded): Answer => {
    if (request.path === "/request/token")
      return { status: 200, body: { access_token: "tok", expire_in: 1800 } }
    return answers.length > 1 ? answers.shift()! : answers[0]!
  }

/** Answers lookups with a receipt and the calls to `path` with `answers` in order (the last repeats). */
const onPath =
  (path: string, ...answers: Array<Answer>) =>
  (request: Recorded): Answer =>
    request.path !== path ? ok : answers.length > 1 ? answers.shift()! : answers[0]!

/** Runs `effect` in a fiber while the test clock jumps far enough for every backoff. */
const withTime = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    const fiber = yield* Effect.fork(effect)
    yield* TestClock.adjust("10 minutes")
    return yield* Fiber.join(fiber)
  })

const serverError: Answer = { status: 500, body: { error_code: "INTERNAL", message: "잠시 후 다시" } }

describe("BootpayClient", () => {
  describe("retries by safety class", () => {
    it.effect("a read retries 5xx with backoff and succeeds", () => {
      const { layer, requests } = clientLayer(basic, sequence(serverError, serverError, ok))
      return Effect.gen(function* () {
        const receipt = yield* withTime(Receipt.lookup("r-1"))
        expect(receipt.receipt_id).toBe("62b12f4b6d3e4e0021f5c8a1")
        expect(requests).toHaveLength(3)
      }).pipe(Effect.provide(layer))
    })

    it.effect("retries stop at the configured count", () => {
      const { layer, requests } = clientLayer({ ...basic, retry: 1 }, sequence(serverError))
      return Effect.gen(function* () {
        const error = yield* withTime(Effect.flip(Receipt.lookup("r-1")))
        expect(error).toMatchObject({ _tag: "ApiError", status: 500 })
        expect(requests).toHaveLength(2)
      }).pipe(Effect.provide(layer))
    })

    it.effect("retry: 0 per call disables retries", () => {
      const { layer, requests } = clientLayer(basic, sequence(serverError, ok))
      return Effect.gen(function* () {
        const error = yield* Effect.flip(Receipt.lookup("r-1", { retry: 0 }))
        expect(error._tag).toBe("ApiError")
        expect(requests).toHaveLength(1)
      }).pipe(Effect.provide(layer))
    })

    it.effect("a read retries a reset connection", () => {
      const { layer, requests } = clientLayer(basic, sequence({ fail: "ECONNRESET" }, ok))
      return Effect.gen(function* () {
        yield* withTime(Receipt.lookup("r-1"))
        expect(requests).toHaveLength(2)
      }).pipe(Effect.provide(layer))
    })

    it.effect("429 waits for Retry-After before the retry", () => {
      const { layer, requests } = clientLayer(
        basic,
        sequence({ status: 429, body: { message: "too many" }, headers: { "retry-after": "7" } }, ok)
      )
      return Effect.gen(function* () {
        const fiber = yield* Effect.fork(Receipt.lookup("r-1"))
        yield* TestClock.adjust("6 seconds")
        expect(requests).toHaveLength(1)
        yield* TestClock.adjust("1 second")
        yield* Fiber.join(fiber)
        expect(requests).toHaveLength(2)
      }).pipe(Effect.provide(layer))
    })

    it.effect("client errors (4xx) are not retried", () => {
      const { layer, requests } = clientLayer(
        basic,
        sequence({ status: 404, body: { error_code: "RC_NOT_FOUND", message: "없음" } })
      )
      return Effect.gen(function* () {
        const error = yield* Effect.flip(Receipt.lookup("r-1"))
        expect(error._tag).toBe("NotFound")
        expect(requests).toHaveLength(1)
      }).pipe(Effect.provide(layer))
    })

    it.effect("an unsafe call is never retried after a 5xx: OutcomeUnknown, one request", () => {
      const { layer, requests } = clientLayer(
        basic,
        sequence({ status: 502, text: "<html>Bad gateway</html>" }, ok)
      )
      return Effect.gen(function* () {
        const error = yield* withTime(Effect.flip(Receipt.confirm("r-1")))
        expect(error).toMatchObject({ _tag: "OutcomeUnknown", reason: "server", receiptId: "r-1" })
        expect(requests).toHaveLength(1)
      }).pipe(Effect.provide(layer))
    })

    it.effect("an unsafe call whose connection reset after sending is OutcomeUnknown, one request", () => {
      const { layer, requests } = clientLayer(basic, onPath("/cancel", { fail: "ECONNRESET" }, ok))
      return Effect.gen(function* () {
        const error = yield* withTime(Effect.flip(Receipt.cancel({ receipt_id: "r-1", cancel_price: 100 })))
        expect(error).toMatchObject({
          _tag: "OutcomeUnknown",
          reason: "connection",
          receiptId: "r-1",
          cancelPrice: 100
        })
        expect(requests.filter((r) => r.path === "/cancel")).toHaveLength(1)
      }).pipe(Effect.provide(layer))
    })

    it.effect("an unsafe call is retried when the connection was refused (never sent)", () => {
      const { layer, requests } = clientLayer(basic, sequence({ fail: "ECONNREFUSED" }, ok))
      return Effect.gen(function* () {
        yield* withTime(Receipt.confirm("r-1"))
        expect(requests).toHaveLength(2)
      }).pipe(Effect.provide(layer))
    })

    it.effect("a cancel with cancel_id is idempotent and retried after a reset", () => {
      const { layer, requests } = clientLayer(basic, onPath("/cancel", { fail: "ECONNRESET" }, ok))
      return Effect.gen(function* () {
        yield* withTime(Receipt.cancel({ receipt_id: "r-1", cancel_price: 100, cancel_id: "c-1" }))
        const cancels = requests.filter((r) => r.path === "/cancel")
        expect(cancels.map((r) => (r.body as { cancel_id: string }).cancel_id)).toEqual(["c-1", "c-1"])
      }).pipe(Effect.provide(layer))
    })

    const critical = {
      status: 500,
      body: { error_code: "RC_CANCEL_CRITICAL_ERROR", message: "PG timeout" }
    } as const

    it.effect("a *_CRITICAL_* code on an unsafe call is OutcomeUnknown and not retried", () => {
      const { layer, requests } = clientLayer(basic, onPath("/cancel", critical, ok))
      return Effect.gen(function* () {
        const error = yield* withTime(Effect.flip(Receipt.cancel({ receipt_id: "r-1", cancel_price: 500 })))
        expect(error).toMatchObject({
          _tag: "OutcomeUnknown",
          reason: "critical",
          errorCode: "RC_CANCEL_CRITICAL_ERROR",
          cancelPrice: 500
        })
        expect(requests.filter((r) => r.path === "/cancel")).toHaveLength(1)
      }).pipe(Effect.provide(layer))
    })

    it.effect(
      "a *_CRITICAL_* code on a cancel with cancel_id is repeated, and the repeat's answer stands",
      () => {
        const { layer, requests } = clientLayer(basic, onPath("/cancel", critical, ok))
        return Effect.gen(function* () {
          const receipt = yield* withTime(Receipt.cancel({ receipt_id: "r-1", cancel_id: "c-1" }))
          expect(receipt.receipt_id).toBe(receiptBody().receipt_id)
          expect(requests.map((r) => r.path)).toEqual(["/cancel", "/cancel"])
        }).pipe(Effect.provide(layer))
      }
    )

    it.effect("a *_CRITICAL_* code on a read is a transient ApiError, retried", () => {
      const { layer, requests } = clientLayer(
        basic,
        onPath("/receipt/r-1", { status: 500, body: { error_code: "RC_CRITICAL_ERROR", message: "PG" } }, ok)
      )
      return Effect.gen(function* () {
        yield* withTime(Receipt.lookup("r-1"))
        expect(requests).toHaveLength(2)
      }).pipe(Effect.provide(layer))
    })

    it.effect(
      "a *_CRITICAL_* code on a read that stays: ApiError saying what it is, never a hint to reconcile",
      () => {
        const { layer, requests } = clientLayer({ ...basic, retry: 1 }, () => ({
          status: 400,
          body: { error_code: "RC_CRITICAL_ERROR", message: "PG" }
        }))
        return Effect.gen(function* () {
          const error = yield* withTime(Effect.flip(Receipt.lookup("r-1")))
          expect(error._tag).toBe("ApiError")
          expect(error.isRetryable).toBe(true)
          expect(error.message).toContain("could not reach the PG")
          expect(error.message).not.toContain("Reconcile")
          expect(requests).toHaveLength(2)
        }).pipe(Effect.provide(layer))
      }
    )
  })

  describe("deadline", () => {
    const slow = (request: Recorded) =>
      request.path === "/request/token"
        ? Effect.succeed<Answer>({ status: 200, body: { access_token: "tok", expire_in: 1800 } })
        : Effect.as(Effect.sleep("1 minute"), ok)

    it.effect("a read that outlives its timeout fails RequestTimeout", () => {
      const { layer } = clientLayer({ ...basic, timeout: "2 seconds" }, slow)
      return Effect.gen(function* () {
        const fiber = yield* Effect.fork(Effect.flip(Receipt.lookup("r-1")))
        yield* TestClock.adjust("2 seconds")
        const error = yield* Fiber.join(fiber)
        expect(error).toMatchObject({ _tag: "RequestTimeout", timeoutMillis: 2000 })
      }).pipe(Effect.provide(layer))
    })

    it.effect("an unsafe call that outlives its timeout is OutcomeUnknown", () => {
      const { layer } = clientLayer(basic, slow)
      return Effect.gen(function* () {
        const fiber = yield* Effect.fork(Effect.flip(Receipt.confirm("r-1", { timeout: "3 seconds" })))
        yield* TestClock.adjust("3 seconds")
        const error = yield* Fiber.join(fiber)
        expect(error).toMatchObject({ _tag: "OutcomeUnknown", reason: "timeout", receiptId: "r-1" })
      }).pipe(Effect.provide(layer))
    })

    it.effect(
      "a deadline that passes while the token is still being issued is RequestTimeout, nothing sent",
      () => {
        const { layer, requests } = clientLayer(bearer, (request) =>
          request.path === "/request/token"
            ? Effect.as(Effect.sleep("1 minute"), {
                status: 200,
                body: { access_token: "tok", expire_in: 1800 }
              })
            : Effect.succeed(ok)
        )
        return Effect.gen(function* () {
          const fiber = yield* Effect.fork(Effect.flip(Receipt.confirm("r-1", { timeout: "1 second" })))
          yield* TestClock.adjust("1 second")
          const error = yield* Fiber.join(fiber)
          expect(error._tag).toBe("RequestTimeout")
          expect(requests.filter((r) => r.path === "/confirm")).toHaveLength(0)
        }).pipe(Effect.provide(layer))
      }
    )
  })

  describe("error channel", () => {
    it.effect("an error the operation does not declare arrives as ApiError", () => {
      const { layer } = clientLayer(
        basic,
        sequence({ status: 400, body: { error_code: "RC_CONFIRM_FAILED", message: "거절" } })
      )
      return Effect.gen(function* () {
        const error = yield* Effect.flip(Receipt.lookupByOrderId("o-1"))
        expect(error).toMatchObject({ _tag: "ApiError", status: 400, errorCode: "RC_CONFIRM_FAILED" })
      }).pipe(Effect.provide(layer))
    })

    it.effect("a non-JSON 2xx body is InvalidResponse, an error_code in a 2xx body is an error", () => {
      const { layer } = clientLayer(
        basic,
        sequence(
          { status: 200, text: "<html>" },
          { status: 200, body: { error_code: "RC_NOT_FOUND", message: "x" } }
        )
      )
      return Effect.gen(function* () {
        expect((yield* Effect.flip(Receipt.lookup("r-1")))._tag).toBe("InvalidResponse")
        expect((yield* Effect.flip(Receipt.lookup("r-1")))._tag).toBe("NotFound")
      }).pipe(Effect.provide(layer))
    })
  })

  describe("access tokens", () => {
    it.effect("AccessToken.issue in Bearer mode returns a redacted token", () => {
      const { layer, requests } = clientLayer(bearer, sequence(ok))
      return Effect.gen(function* () {
        const token = yield* AccessToken.issue()
        expect(Redacted.value(token.access_token)).toBe("tok")
        expect(String(token.access_token)).not.toContain("tok")
        expect(requests).toHaveLength(1)
      }).pipe(Effect.provide(layer))
    })

    it.effect("AccessToken.issue in Basic mode answers an empty token without a request", () => {
      const { layer, requests } = clientLayer(basic, sequence(ok))
      return Effect.gen(function* () {
        const token = yield* AccessToken.issue()
        expect(Redacted.value(token.access_token)).toBe("")
        expect(token.expire_in).toBe(0)
        expect(requests).toHaveLength(0)
      }).pipe(Effect.provide(layer))
    })
  })

  describe("spans", () => {
    it.effect("each call runs in Bootpay.<Module>.<op> with safe attributes", () => {
      const { tracer, spans } = recordingTracer()
      const { layer } = clientLayer(
        basic,
        onPath("/cancel", { status: 400, body: { error_code: "RC_CANCEL_SERVER_ERROR", message: "x" } })
      )
      return Effect.gen(function* () {
        yield* Receipt.lookup("r-1")
        yield* Effect.flip(Receipt.cancel({ receipt_id: "r-2", cancel_id: "c-1", cancel_price: 100 }))
        const names = spans.map((span) => span.name)
        expect(names).toContain("Bootpay.Receipt.lookup")
        expect(names).toContain("Bootpay.Receipt.cancel")
        const cancel = spans.find((span) => span.name === "Bootpay.Receipt.cancel")!
        expect(cancel.attributes.get("bootpay.receipt_id")).toBe("r-2")
        expect(cancel.attributes.get("bootpay.safety")).toBe("idempotent")
        expect(cancel.attributes.get("bootpay.error")).toBe("PgRefused")
        expect(cancel.attributes.get("bootpay.error_code")).toBe("RC_CANCEL_SERVER_ERROR")
      }).pipe(Effect.provide(layer), Effect.withTracer(tracer))
    })

    it.effect(
      "a platform HttpClient opens no http.client span (its URL holds the billing key) and sends no trace headers",
      () => {
        const { tracer, spans } = recordingTracer()
        const { layer, requests } = clientLayer(basic, () => ({ status: 200, body: { receipt_id: "r-1" } }))
        return Effect.gen(function* () {
          yield* Effect.either(BillingKey.lookupByKey("bk-SECRET-1"))
          expect(requests.map((request) => request.path)).toEqual(["/billing_key/bk-SECRET-1"])
          expect(spans.map((span) => span.name)).toEqual(["Bootpay.BillingKey.lookupByKey"])
          for (const span of spans) {
            for (const value of span.attributes.values()) expect(String(value)).not.toContain("bk-SECRET-1")
          }
          expect(Object.keys(requests[0]!.headers)).not.toContain("traceparent")
          expect(Object.keys(requests[0]!.headers)).not.toContain("b3")
        }).pipe(Effect.provide(layer), Effect.withTracer(tracer))
      }
    )
  })

  it.effect("several clients with different keys work side by side", () => {
    const first = clientLayer({ clientKey: "merchant-a", secretKey: "sa" }, sequence(ok))
    const second = clientLayer({ clientKey: "merchant-b", secretKey: "sb" }, sequence(ok))
    return Effect.gen(function* () {
      yield* Effect.provide(Receipt.lookup("r-1"), first.layer)
      yield* Effect.provide(Receipt.lookup("r-1"), second.layer)
      const decode = (r: Recorded) => Buffer.from(r.headers.authorization!.slice(6), "base64").toString()
      expect(decode(first.requests[0]!)).toBe("merchant-a:sa")
      expect(decode(second.requests[0]!)).toBe("merchant-b:sb")
      const client = yield* Effect.provide(BootpayClient.BootpayClient, first.layer)
      expect(client.config.credentials._tag).toBe("Basic")
    })
  })
})
