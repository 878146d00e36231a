import { describe, expect, it } from "@effect/vitest"
import { Commerce } from "@effect-bootpay/core"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import { FakeBootpay, FakeCommerce } from "../src/index.js"

/** Joins and logs in a member; gives its JWT. */
const member = (loginId: string) =>
  Effect.gen(function* () {
    yield* Commerce.User.join({ login_id: loginId, login_pw: "pw-1234" })
    const login = yield* Commerce.User.login({ login_id: loginId, login_pw: "pw-1234" })
    return Redacted.value(login.access_token!)
  })

describe("Commerce coupons and points against the fake", () => {
  it.effect("a member downloads a coupon once; it moves from available to held", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const state = FakeCommerce.of(store)
      const ten = state.createCouponTemplate({ name: "10% 할인", discount_type: 2, discount_value: 10 })
      state.createCouponTemplate({ name: "마감", status: 0 })
      const jwt = yield* member("kim")
      const before = yield* Commerce.Coupon.available({ user_jwt: jwt })
      expect(before.map((c) => c.name)).toEqual(["10% 할인"])
      const coupon = yield* Commerce.Coupon.download({
        coupon_template_id: String(ten.coupon_template_id),
        user_jwt: jwt
      })
      expect(coupon.status).toBe(1)
      expect(coupon.issued_at).toMatch(/\+09:00$/)
      expect(yield* Commerce.Coupon.available({ user_jwt: jwt })).toEqual([])
      expect((yield* Commerce.Coupon.available()).map((c) => c.name)).toEqual(["10% 할인"])
      const twice = yield* Effect.flip(
        Commerce.Coupon.download({ coupon_template_id: String(ten.coupon_template_id), user_jwt: jwt })
      )
      expect(twice._tag).toBe("ApiError")
      const unknown = yield* Effect.flip(
        Commerce.Coupon.download({ coupon_template_id: "ghost", user_jwt: jwt })
      )
      expect(unknown._tag).toBe("NotFound")
      const held = yield* Commerce.Coupon.list({ user_jwt: jwt, status: "available" })
      expect(Commerce.Paging.pageItems(held).items.map((c) => c.coupon_id)).toEqual([coupon.coupon_id])
      const used = yield* Commerce.Coupon.list({ user_jwt: jwt, status: "used" })
      expect(Commerce.Paging.pageItems(used).items).toEqual([])
      const anonymous = yield* Effect.flip(Commerce.Coupon.list())
      expect(anonymous._tag).toBe("InvalidCredentials")
      const sent = store.requests.find((r) => r.operation === "Commerce.Coupon.download")!
      expect(sent.headers["bootpay-user-jwt"]).toBe(jwt)
      expect(sent.body).toEqual({ coupon_template_id: ten.coupon_template_id })
    }).pipe(Effect.provide(FakeBootpay.layer()))
  )

  it.effect("coupon listAll walks bare-array pages until a short one; an expired coupon is status 3", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const state = FakeCommerce.of(store)
      const jwt = yield* member("lee")
      for (let i = 0; i < 5; i++) {
        const template = state.createCouponTemplate({ name: `쿠폰 ${i}` })
        yield* Commerce.Coupon.download({
          coupon_template_id: String(template.coupon_template_id),
          user_jwt: jwt
        })
      }
      const all = yield* Stream.runCollect(Commerce.Coupon.listAll({ user_jwt: jwt, limit: 2 }))
      expect(Chunk.size(all)).toBe(5)
      const pages = store.requests.filter((r) => r.operation === "Commerce.Coupon.list")
      expect(pages.map((r) => r.query.page)).toEqual(["1", "2", "3"])
      const coupon = [...state.collection("coupons").values()][0]!
      coupon.expires_at = state.nowIso()
      const expired = yield* Commerce.Coupon.list({ user_jwt: jwt, status: "expired" })
      expect(Commerce.Paging.pageItems(expired).items.map((c) => c.status)).toEqual([3])
    }).pipe(Effect.provide(FakeBootpay.layer()))
  )

  it.effect("point balance and transactions; listAll walks the transactions pages", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const state = FakeCommerce.of(store)
      const jwt = yield* member("park")
      const user = [...state.users.values()].find((u) => u.login_id === "park")!
      state.addPoints(String(user.user_id), 1000)
      state.addPoints(String(user.user_id), 500)
      state.addPoints(String(user.user_id), -300)
      state.addPoints(String(state.createUser().user_id), 9999)
      const balance = yield* Commerce.Point.balance({ user_jwt: jwt })
      expect(balance).toEqual({
        available_balance: 1200,
        total_earned: 1500,
        total_used: 300,
        is_negative: false
      })
      const earned = yield* Commerce.Point.transactions({ user_jwt: jwt, transaction_type: 1 })
      expect(earned.total_count).toBe(2)
      expect(earned.transactions.map((t) => t.amount)).toEqual([500, 1000])
      const all = yield* Stream.runCollect(Commerce.Point.listAll({ user_jwt: jwt, limit: 2 }))
      expect(Chunk.toReadonlyArray(all).map((t) => t.amount)).toEqual([-300, 500, 1000])
      const pages = store.requests.filter((r) => r.operation === "Commerce.Point.transactions").slice(1)
      expect(pages.map((r) => r.query.page)).toEqual(["1", "2"])
      expect(Commerce.Registry.walkers.point.listAll).toBe(Commerce.Point.listAll)
      const anonymous = yield* Effect.flip(Commerce.Point.balance())
      expect(anonymous._tag).toBe("InvalidCredentials")
    }).pipe(Effect.provide(FakeBootpay.layer()))
  )
})
