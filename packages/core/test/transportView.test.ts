/**
 * What a custom transport sees of a request: it can send the real `authorization`, but printing the
 * request (`JSON.stringify`, `util.inspect`, as logging middleware does) never shows the credential.
 */
import * as Util from "node:util"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { describe, expect, it } from "@effect/vitest"
import { BootpayClient, Receipt } from "@effect-bootpay/core"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { baseUrl, basic, bearer, receiptBody } from "./utils/mockHttp.js"

const seen: Array<{ printed: Array<string>; authorization: string | undefined }> = []

const printing = HttpClient.make((request) =>
  Effect.sync(() => {
    seen.push({
      printed: [
        JSON.stringify(request),
        Util.inspect(request, { depth: 10 }),
        JSON.stringify(request.headers)
      ],
      authorization: request.headers.authorization
    })
    const body = request.url.endsWith("/request/token")
      ? { access_token: "tok-VIEW-123456", expire_in: 1800 }
      : receiptBody()
    return HttpClientResponse.fromWeb(
      request,
      new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } })
    )
  })
)

describe("a custom transport's view of a request", () => {
  for (const [name, options, secret] of [
    ["Basic", basic, Buffer.from(`${basic.clientKey}:${basic.secretKey}`).toString("base64")],
    ["Bearer", bearer, "tok-VIEW-123456"]
  ] as const) {
    it.effect(`${name}: the real header is sent, printing the request shows <redacted>`, () =>
      Effect.gen(function* () {
        seen.length = 0
        yield* Receipt.lookup("r-1")
        const call = seen.at(-1)!
        expect(call.authorization).toContain(secret)
        for (const text of call.printed) {
          expect(text).not.toContain(secret)
          expect(text).toContain("<redacted>")
        }
      }).pipe(
        Effect.provide(
          BootpayClient.layer({ baseUrl, ...options }).pipe(
            Layer.provide(Layer.succeed(HttpClient.HttpClient, printing)),
            Layer.orDie
          )
        )
      )
    )
  }
})
