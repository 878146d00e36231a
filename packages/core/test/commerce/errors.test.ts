/**
 * Commerce answers that are not a success: a role without the scope, a missing object, an envelope
 * saying `success: false` under HTTP 200, a 429, a server error; and what comes back never repeats
 * the member's JWT, the keychain or a password.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import { describe, expect, it } from "@effect/vitest"
import { BootpayError, Commerce, CommerceClient } from "@effect-bootpay/core"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { type Answer, basic, recording } from "../utils/mockHttp.js"

const layer = (respond: () => Answer) => {
  const { client, requests } = recording(respond)
  return {
    requests,
    layer: CommerceClient.layer({ ...basic, baseUrl: "https://commerce.test/v1", retry: 0 }).pipe(
      Layer.provide(Layer.succeed(HttpClient.HttpClient, client)),
      Layer.orDie
    )
  }
}

const failWith = <A, E>(effect: Effect.Effect<A, E, CommerceClient.CommerceClient>, respond: () => Answer) =>
  Effect.flip(Effect.provide(effect, layer(respond).layer))

describe("Commerce errors", () => {
  it.effect("scope_invalid is InsufficientRole naming the role sent", () =>
    Effect.gen(function* () {
      const error = yield* failWith(Commerce.User.detail("u-1"), () => ({
        status: 403,
        body: { success: false, error_code: "scope_invalid", message: "scope_invalid!" }
      }))
      expect(error).toBeInstanceOf(BootpayError.InsufficientRole)
      expect(error).toMatchObject({ role: "user", status: 403, isRetryable: false })
    })
  )

  it.effect("a 404 is NotFound naming what was asked for", () =>
    Effect.gen(function* () {
      const error = yield* failWith(Commerce.User.detail("u-404"), () => ({
        status: 404,
        body: { success: false, error_code: 404, message: "Not Found" }
      }))
      expect(error).toMatchObject({ _tag: "NotFound", resource: "user", id: "u-404" })
    })
  )

  it.effect("success: false under HTTP 200 is a refusal, not a result", () =>
    Effect.gen(function* () {
      const error = yield* failWith(Commerce.User.checkExist({ type: "id-exist", pk: "kim" }), () => ({
        status: 200,
        body: { success: false, error: "pk is required" }
      }))
      expect(error._tag).toBe("ApiError")
      expect(error.message).toContain("pk is required")
    })
  )

  it.effect("a write whose answer is a 502 page is OutcomeUnknown carrying its idempotency key", () =>
    Effect.gen(function* () {
      const { layer: client, requests } = layer(() => ({ status: 502, text: "<html>bad gateway</html>" }))
      const error = yield* Effect.flip(
        Effect.provide(Commerce.User.userLogout({ user_jwt: "jwt-1", idempotency_key: "key-7" }), client)
      )
      expect(error).toMatchObject({ _tag: "OutcomeUnknown", idempotencyKey: "key-7" })
      expect(requests).toHaveLength(1)
    })
  )

  it.effect("echoed secrets never come back: the member JWT, the keychain, a password", () =>
    Effect.gen(function* () {
      const echo = (text: string): Answer => ({
        status: 400,
        body: { success: false, error_code: "INVALID", message: text }
      })
      const session = yield* failWith(Commerce.User.userSession({ user_jwt: "jwt-very-secret-token" }), () =>
        echo("bad session jwt-very-secret-token for Basic Y2stdW5pdDpzay11bml0LVNFQ1JFVA==")
      )
      expect(session.message).not.toContain("jwt-very-secret-token")
      expect(session.message).not.toContain("Y2stdW5pdDpzay11bml0LVNFQ1JFVA==")
      const login = yield* failWith(
        Commerce.User.login({ login_id: "kim", login_pw: "hunter2-password" }),
        () => echo("wrong password hunter2-password")
      )
      expect(login.message).not.toContain("hunter2-password")
      const token = yield* failWith(Commerce.AccessToken.issue(), () =>
        echo("keychain sk-unit-SECRET refused")
      )
      expect(token.message).not.toContain("sk-unit-SECRET")
    })
  )
})
