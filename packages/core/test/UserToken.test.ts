import { describe, expect, it } from "@effect/vitest"
import { BootpayError, UserToken } from "@effect-bootpay/core"
import * as Effect from "effect/Effect"
import { authModes, clientLayer, withToken } from "./utils/mockHttp.js"

const ok = (body: unknown) => () => ({ status: 200, body })

const apiCalls = <R extends { path: string }>(requests: ReadonlyArray<R>) =>
  requests.filter((request) => request.path !== "/request/token")

const tokenBody = { user_token: "62b12f4b6d3e4e0021f5c8e1", expired_at: "2026-01-15T12:30:00+09:00" }

describe("UserToken", () => {
  for (const mode of authModes) {
    describe(`${mode.name} mode`, () => {
      it.effect("issue posts only the member fields given and decodes the token", () => {
        const { layer, requests } = clientLayer(mode.options, withToken(ok(tokenBody)))
        return Effect.gen(function* () {
          const token = yield* UserToken.issue({ user_id: "member-1" })
          expect(token).toEqual(tokenBody)
          const [request] = apiCalls(requests)
          expect(request).toMatchObject({
            method: "POST",
            path: "/request/user/token",
            query: {},
            body: { user_id: "member-1" },
            headers: { authorization: mode.authorization, "content-type": "application/json" }
          })
        }).pipe(Effect.provide(layer))
      })

      it.effect("issue sends every member field the caller set", () => {
        const { layer, requests } = clientLayer(mode.options, withToken(ok(tokenBody)))
        const input = {
          user_id: "member-1",
          email: "buyer@example.com",
          username: "홍길동",
          birth: "1990-10-04",
          phone: "01012345678",
          gender: 1
        } as const
        return Effect.gen(function* () {
          yield* UserToken.issue(input)
          expect(apiCalls(requests)[0]!.body).toEqual(input)
        }).pipe(Effect.provide(layer))
      })
    })
  }

  it.effect("keeps fields Bootpay adds and accepts a numeric expiry", () => {
    const { layer } = clientLayer(
      authModes[0].options,
      ok({ user_token: "t-1", expired_at: 1768449600, expired_localtime: "2026-01-15 12:30:00" })
    )
    return Effect.gen(function* () {
      const token = yield* UserToken.issue({ user_id: "member-1" })
      expect(token.expired_at).toBe(1768449600)
      expect((token as Record<string, unknown>).expired_localtime).toBe("2026-01-15 12:30:00")
    }).pipe(Effect.provide(layer))
  })

  describe("validation sends nothing", () => {
    const invalid: ReadonlyArray<[string, unknown, string]> = [
      ["missing user_id", {}, "user_id"],
      ["empty user_id", { user_id: " " }, "user_id"],
      ["gender other than 0 or 1", { user_id: "m", gender: 2 }, "gender"],
      ["gender as text", { user_id: "m", gender: "male" }, "gender"],
      ["a misspelt field", { user_id: "m", user_name: "홍길동" }, "user_name"]
    ]
    for (const [name, input, path] of invalid) {
      it.effect(`issue: ${name}`, () => {
        const { layer, requests } = clientLayer(authModes[1].options, withToken(ok(tokenBody)))
        return Effect.gen(function* () {
          const error = yield* Effect.flip(UserToken.issue(input as UserToken.IssueRequest))
          expect(error).toBeInstanceOf(BootpayError.InvalidRequest)
          if (error._tag === "InvalidRequest") {
            expect(error.operation).toBe("UserToken.issue")
            expect(error.issues.map((issue) => issue.path)).toContain(path)
          }
          expect(requests).toHaveLength(0)
        }).pipe(Effect.provide(layer))
      })
    }
  })

  describe("errors", () => {
    it.effect(
      "a 2xx answer without user_token is OutcomeUnknown: Bootpay said yes in a shape we cannot read",
      () => {
        const { layer } = clientLayer(authModes[0].options, ok({ expired_at: "2026-01-15T12:30:00+09:00" }))
        return Effect.gen(function* () {
          const error = yield* Effect.flip(UserToken.issue({ user_id: "member-1" }))
          expect(error).toMatchObject({ _tag: "OutcomeUnknown", reason: "server" })
          expect(error.message).toContain("user_token")
        }).pipe(Effect.provide(layer))
      }
    )

    it.effect("a connection lost after sending is OutcomeUnknown and is not retried", () => {
      const { layer, requests } = clientLayer(authModes[0].options, () => ({ fail: "ECONNRESET" }))
      return Effect.gen(function* () {
        const error = yield* Effect.flip(UserToken.issue({ user_id: "member-1" }))
        expect(error).toMatchObject({ _tag: "OutcomeUnknown", operation: "UserToken.issue" })
        expect(requests).toHaveLength(1)
      }).pipe(Effect.provide(layer))
    })
  })
})
