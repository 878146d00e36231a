import { describe, expect, it } from "@effect/vitest"
import { Commerce } from "@effect-bootpay/core"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import { FakeBootpay, FakeCommerce } from "../src/index.js"

describe("Commerce members against the fake", () => {
  it.effect("join, detail by login id, update, list every page, delete", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const joined = yield* Commerce.User.join({ login_id: "kim", login_pw: "pw-1234", name: "김철수" })
      expect(joined.name).toBe("김철수")
      expect(joined).not.toHaveProperty("login_pw")
      const byLogin = yield* Commerce.User.detail("kim")
      expect(byLogin.user_id).toBe(joined.user_id)
      const updated = yield* Commerce.User.update({ user_id: joined.user_id, nickname: "철수" })
      expect(updated.nickname).toBe("철수")
      const state = FakeCommerce.of(store)
      for (let i = 0; i < 5; i++) state.createUser({ name: `회원 ${i}` })
      const all = yield* Stream.runCollect(Commerce.User.listAll({ limit: 2 }))
      expect(Chunk.size(all)).toBe(6)
      const pages = store.requests.filter((r) => r.operation === "Commerce.User.list")
      expect(pages.map((r) => r.query.page)).toEqual(["1", "2", "3"])
      yield* Commerce.User.delete(joined.user_id)
      const gone = yield* Effect.flip(Commerce.User.detail(joined.user_id))
      expect(gone._tag).toBe("NotFound")
    }).pipe(Effect.provide(FakeBootpay.layer()))
  )

  it.effect("login gives a member JWT that opens the session; logout closes it", () =>
    Effect.gen(function* () {
      yield* Commerce.User.join({ login_id: "lee", login_pw: "pw-5678" })
      const login = yield* Commerce.User.login({ login_id: "lee", login_pw: "pw-5678" })
      const jwt = Redacted.value(login.access_token!)
      const session = yield* Commerce.User.userSession({ user_jwt: jwt })
      expect(session.user?.login_id).toBe("lee")
      yield* Commerce.User.userLogout({ user_jwt: jwt })
      const closed = yield* Effect.flip(Commerce.User.userSession({ user_jwt: jwt }))
      expect(closed._tag).toBe("InvalidCredentials")
      const store = yield* FakeBootpay.Store
      const sent = store.requests.find((r) => r.operation === "Commerce.User.userSession")!
      expect(sent.headers["bootpay-role"]).toBe("user")
      expect(sent.headers["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/)
      expect(sent.headers["bootpay-user-jwt"]).toBe(jwt)
    }).pipe(Effect.provide(FakeBootpay.layer()))
  )

  it.effect("a mall sign-up (userJoin) logs in with userLogin; a repeated idempotency key joins once", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const first = yield* Commerce.User.userJoin({
        login_id: "choi",
        password: "pw-9",
        name: "최민수",
        idempotency_key: "join-choi"
      })
      const again = yield* Commerce.User.userJoin({
        login_id: "choi",
        password: "pw-9",
        name: "최민수",
        idempotency_key: "join-choi"
      })
      expect(again.user_id).toBe(first.user_id)
      expect(FakeCommerce.of(store).users.size).toBe(1)
      const taken = yield* Commerce.User.userJoin({
        login_id: "choi",
        password: "x",
        name: "다른 사람"
      }).pipe(Effect.flip)
      expect(taken._tag).toBe("ApiError")
      const login = yield* Commerce.User.userLogin({ login_id: "choi", password: "pw-9" })
      expect(login.user?.user_id).toBe(first.user_id)
      expect((yield* Commerce.User.uidExist({ pk: "nobody" })).exists).toBe(false)
      expect((yield* Commerce.User.userJoinCheck({ type: "id-exist", pk: "choi" })).exists).toBe(true)
      const wrong = yield* Effect.flip(Commerce.User.userLogin({ login_id: "choi", password: "nope" }))
      expect(wrong._tag).toBe("InvalidCredentials")
    }).pipe(Effect.provide(FakeBootpay.layer()))
  )
})
