/**
 * The SDK over `@effect/platform`'s `FetchHttpClient` (edge runtimes, Deno, Bun): `fetch` reads every
 * own key of the request's headers, so a GET (whose headers go to it as they are) and a POST both
 * work, and the authorization still never prints.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { describe, expect, it } from "@effect/vitest"
import { BootpayClient, Commerce, CommerceClient, Receipt } from "@effect-bootpay/core"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { receiptBody } from "./utils/mockHttp.js"

/** A `fetch` that builds the `Request` as the platform's would, then answers `body`. */
const fetchAnswering = (body: (url: string) => unknown, seen: Array<Request>) =>
  ((input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init)
    seen.push(request)
    return Promise.resolve(
      new Response(JSON.stringify(body(request.url)), { headers: { "content-type": "application/json" } })
    )
  }) as typeof fetch

const over = (body: (url: string) => unknown, seen: Array<Request>) =>
  Layer.mergeAll(
    BootpayClient.layer({ clientKey: "ck", secretKey: "sk", baseUrl: "https://pg.test/v2" }),
    CommerceClient.layer({ clientKey: "ck", secretKey: "sk", baseUrl: "https://commerce.test/v1" })
  ).pipe(
    Layer.provide(FetchHttpClient.layer),
    Layer.provide(Layer.succeed(FetchHttpClient.Fetch, fetchAnswering(body, seen))),
    Layer.orDie
  )

describe("over FetchHttpClient", () => {
  it.effect("a PG lookup (GET), a PG confirm (POST) and a Commerce detail (GET) go through fetch", () =>
    Effect.gen(function* () {
      const seen: Array<Request> = []
      const layer = over(
        (url) =>
          url.includes("/users/")
            ? { success: true, data: { user_id: "u-1" } }
            : receiptBody({ receipt_id: "r-1" }),
        seen
      )
      const receipt = yield* Effect.provide(Receipt.lookup("r-1"), layer)
      expect(receipt.receipt_id).toBe("r-1")
      yield* Effect.provide(Receipt.confirm("r-1"), layer)
      const user = yield* Effect.provide(Commerce.User.detail("u-1"), layer)
      expect(user.user_id).toBe("u-1")
      expect(seen.map((request) => request.method)).toEqual(["GET", "POST", "GET"])
      expect(seen[0]!.headers.get("authorization")).toBe(`Basic ${btoa("ck:sk")}`)
      expect(seen[2]!.headers.get("bootpay-role")).toBe("user")
    })
  )
})
