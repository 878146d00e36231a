import * as Util from "node:util"
import { Authentication, type BootpayClient, type BootpayError, Receipt } from "@effect-bootpay/core"
import { NodeBootpay } from "@effect-bootpay/node"
import { FakeServer, type Fault, kstIso } from "@effect-bootpay/testing"
import * as Effect from "effect/Effect"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { recordingTracer } from "../../core/test/utils/tracer.js"

const secretKey = "SECRET-sk-9f8e7d6c5b4a"
const privateKey = "SECRET-pk-1a2b3c4d5e6f"

let fake: FakeServer.FakeServer
beforeAll(async () => {
  fake = await FakeServer.start({ secretKey, privateKey })
})
afterAll(() => fake.close())

const modes = [
  { name: "Basic", options: () => ({ clientKey: "test", secretKey }) },
  { name: "Bearer", options: () => ({ applicationId: "test", privateKey }) }
] as const

describe.each(modes)("no secret leaks ($name mode)", ({ options }) => {
  it("errors, spans and logs never contain a key or a token", async () => {
    const { tracer, spans } = recordingTracer()
    const logs: Array<string> = []
    const logger = Logger.make(({ message, annotations }) => {
      logs.push(Util.inspect({ message, annotations }, { depth: 10 }))
    })
    const paid = fake.store.createReceipt()
    const phone = fake.store.createReceipt({
      method_symbol: "phone",
      purchased_at: kstIso(Date.now() - 40 * 86_400_000)
    })
    const injected = <A, E>(
      fault: Fault,
      operation: string,
      call: () => Effect.Effect<A, E, BootpayClient.BootpayClient>,
      times = 1
    ) =>
      Effect.sync(() => fake.store.inject(fault, { operation, times })).pipe(
        Effect.zipRight(Effect.suspend(call)),
        Effect.provide(NodeBootpay.layer({ baseUrl: fake.url, ...options() }))
      )
    const wrongOptions =
      "clientKey" in options()
        ? { clientKey: "test", secretKey: `${secretKey}-wrong` }
        : { applicationId: "test", privateKey: `${privateKey}-wrong` }

    const failures: Array<Effect.Effect<unknown, BootpayError.BootpayError | BootpayError.InvalidConfig>> = [
      Receipt.lookup("missing").pipe(Effect.provide(NodeBootpay.layer({ baseUrl: fake.url, ...options() }))),
      Receipt.cancel({ receipt_id: paid.receipt_id, cancel_price: 0 }).pipe(
        Effect.provide(NodeBootpay.layer({ baseUrl: fake.url, ...options() }))
      ),
      Effect.sync(() => fake.store.inject({ _tag: "DropAfter" }, { operation: "Receipt.confirm" })).pipe(
        Effect.zipRight(Receipt.confirm(paid.receipt_id)),
        Effect.provide(NodeBootpay.layer({ baseUrl: fake.url, ...options() }))
      ),
      Effect.sync(() =>
        fake.store.inject({ _tag: "Latency", duration: "2 seconds" }, { operation: "Receipt.lookup" })
      ).pipe(
        Effect.zipRight(Receipt.lookup(paid.receipt_id, { timeout: "100 millis" })),
        Effect.provide(NodeBootpay.layer({ baseUrl: fake.url, ...options() }))
      ),
      Receipt.lookup(paid.receipt_id).pipe(
        Effect.provide(NodeBootpay.layer({ baseUrl: fake.url, ...wrongOptions }))
      ),
      Receipt.lookup(paid.receipt_id).pipe(
        Effect.provide(NodeBootpay.layer({ baseUrl: "http://127.0.0.1:1/v2", retry: 0, ...options() }))
      ),
      injected(
        { _tag: "Decline", errorCode: "RC_CANCEL_SERVER_ERROR", pgErrorCode: "1234" },
        "Receipt.cancel",
        () => Receipt.cancel({ receipt_id: paid.receipt_id, cancel_price: 10 })
      ),
      injected({ _tag: "Respond", status: 429, body: { message: "slow" } }, "Receipt.lookup", () =>
        Receipt.lookup(paid.receipt_id, { retry: 0 })
      ),
      injected(
        { _tag: "Respond", status: 418, body: { error_code: "X", message: "teapot" } },
        "Receipt.lookup",
        () => Receipt.lookup(paid.receipt_id)
      ),
      injected({ _tag: "Respond", status: 200, body: { nothing: true } }, "Receipt.lookup", () =>
        Receipt.lookup(paid.receipt_id)
      ),
      injected(
        { _tag: "Respond", status: 401, body: { error_code: "TOKEN_KEY_INVALID", message: "expired" } },
        "Receipt.lookup",
        () => Receipt.lookup(paid.receipt_id),
        // Basic mode has no token to refresh; Bearer refreshes once and is refused again.
        "clientKey" in options() ? 1 : 2
      ),
      Receipt.cancel({ receipt_id: phone.receipt_id }).pipe(
        Effect.provide(NodeBootpay.layer({ baseUrl: fake.url, ...options() }))
      ),
      injected({ _tag: "Decline", errorCode: "AUTH_EXPIRED" }, "Authentication.confirm", () =>
        Authentication.confirm({ receipt_id: paid.receipt_id, otp: "123456" })
      )
    ]
    const tags: Array<string> = []
    const texts: Array<string> = []
    for (const failure of failures) {
      const error = await Effect.runPromise(
        Effect.flip(failure).pipe(
          Effect.withTracer(tracer),
          Effect.provide(Logger.replace(Logger.defaultLogger, logger)),
          Logger.withMinimumLogLevel(LogLevel.All)
        )
      )
      tags.push(error._tag)
      texts.push(String(error), JSON.stringify(error), Util.inspect(error, { depth: 10 }), error.message)
    }
    expect(tags).toEqual([
      "NotFound",
      "InvalidRequest",
      "OutcomeUnknown",
      "RequestTimeout",
      "InvalidCredentials",
      "TransportError",
      "PgRefused",
      "RateLimited",
      "ApiError",
      "InvalidResponse",
      "TokenExpired",
      "CarrierCancelWindowClosed",
      "IdentityVerificationFailed"
    ])
    for (const span of spans) {
      texts.push(span.name, Util.inspect(Object.fromEntries(span.attributes), { depth: 10 }))
      for (const event of span.events) texts.push(Util.inspect(event, { depth: 10 }))
    }
    texts.push(...logs)
    const tokens = Array.from(fake.store.tokens.keys())
    const forbidden = [
      secretKey,
      privateKey,
      Buffer.from(`test:${secretKey}`).toString("base64"),
      Buffer.from(`test:${secretKey}-wrong`).toString("base64"),
      ...tokens
    ]
    expect(spans.map((span) => span.name)).toContain("Bootpay.Receipt.lookup")
    for (const text of texts) {
      for (const secret of forbidden) expect(text).not.toContain(secret)
    }
  })
})
