import { describe, expect, it } from "@effect/vitest"
import { Commerce } from "@effect-bootpay/core"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { FakeBootpay, FakeCommerce, FakeServer } from "../src/index.js"

describe("Commerce cart, store, mall settings and test webhook against the fake", () => {
  it.effect("a guest preview prices items by delivery group and lists what cannot be bought", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const state = FakeCommerce.of(store)
      state
        .collection("deliveryShippings")
        .set("ship-1", { delivery_fee: 3000, free_over: 50_000, extra_fee_jeju: 4000 })
      const beans = state.createProduct({
        name: "원두",
        display_price: 12_000,
        delivery_shipping_id: "ship-1"
      })
      const mug = state.createProduct({
        name: "머그",
        display_price: 9000,
        use_discount: true,
        discount_price: 1000
      })
      const soldOut = state.createProduct({ name: "한정", use_stock: true, stock: 1 })
      const preview = yield* Commerce.Cart.orderPreview({
        cart_items: [
          { product_id: String(beans.product_id), quantity: 2 },
          { product_id: String(mug.product_id) },
          { product_id: String(soldOut.product_id), quantity: 2 },
          { product_id: "ghost" }
        ],
        shipping_address: { zipcode: "63100" }
      })
      expect(
        preview.delivery_groups.map((g) => [g.total_price, g.delivery_fee, g.delivery_extra_fee_jeju])
      ).toEqual([
        [24_000, 3000, 4000],
        [8000, 0, 0]
      ])
      expect(preview.summary.total_order_price).toBe(24_000 + 8000 + 3000 + 4000)
      expect(preview.unavailable_items?.map((i) => i.reason)).toEqual(["out_of_stock", "not_found"])
      const empty = yield* Effect.flip(Commerce.Cart.orderPreview({ cart_items: [] }))
      expect(empty._tag).toBe("InvalidRequest")
      const noMember = yield* Effect.flip(Commerce.Cart.orderPreview({ member_mode: "member" }))
      expect(noMember._tag).toBe("InvalidRequest")
      expect(store.requests.filter((r) => r.operation === "Commerce.Cart.orderPreview")).toHaveLength(1)
    }).pipe(Effect.provide(FakeBootpay.layer()))
  )

  it.effect("a member preview uses the member's cart, coupons and points, and changes nothing", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const state = FakeCommerce.of(store)
      yield* Commerce.User.join({ login_id: "kim", login_pw: "pw-1234" })
      const jwt = Redacted.value(
        (yield* Commerce.User.login({ login_id: "kim", login_pw: "pw-1234" })).access_token!
      )
      const user = [...state.users.values()].find((u) => u.login_id === "kim")!
      const product = state.createProduct({ display_price: 20_000 })
      state.collection("carts").set(String(user.user_id), {
        cart_id: "cart-1",
        items: [{ cart_item_id: "ci-1", product_id: product.product_id, quantity: 3 }]
      })
      const template = state.createCouponTemplate({
        discount_type: 2,
        discount_value: 10,
        max_discount_amount: 5000
      })
      const coupon = yield* Commerce.Coupon.download({
        coupon_template_id: String(template.coupon_template_id),
        user_jwt: jwt
      })
      state.addPoints(String(user.user_id), 2000)
      const preview = yield* Commerce.Cart.orderPreview({
        member_mode: "member",
        user_jwt: jwt,
        coupon_ids: [coupon.coupon_id!],
        point_amount: 1500
      })
      expect(preview.cart_id).toBe("cart-1")
      expect(preview.summary.coupon_discount_amount).toBe(5000)
      expect(preview.summary.point_max_usable).toBe(2000)
      expect(preview.summary.point_balance_after).toBe(500)
      expect(preview.summary.total_order_price).toBe(60_000 - 5000 - 1500)
      expect(state.pointBalance(String(user.user_id))).toBe(2000)
      const tooMany = yield* Effect.flip(
        Commerce.Cart.orderPreview({ member_mode: "member", user_jwt: jwt, point_amount: 2001 })
      )
      expect(tooMany._tag).toBe("ApiError")
      const guestCoupon = yield* Effect.flip(
        Commerce.Cart.orderPreview({
          cart_items: [{ product_id: String(product.product_id) }],
          coupon_ids: ["c"]
        })
      )
      expect(guestCoupon._tag).toBe("InvalidCredentials")
    }).pipe(Effect.provide(FakeBootpay.layer()))
  )

  it.effect("store info, mall settings (supervisor, flat, typo kept) and a test webhook", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const basic = yield* Commerce.Store.getStore()
      const detail = yield* Commerce.Store.getStoreDetail({ idempotency_key: "store-detail-1" })
      expect(basic.name).toBe(detail.name)
      expect(Object.keys(detail).length).toBeGreaterThan(Object.keys(basic).length)
      const storeCall = store.requests.find((r) => r.operation === "Commerce.Store.getStore")!
      expect(storeCall.headers["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/)
      const setting = yield* Commerce.MallSetting.getMallSetting()
      expect(setting.use_oder_cancel_approval).toBe(false)
      const updated = yield* Commerce.MallSetting.updateMallSetting({
        use_oder_cancel_approval: true,
        point_rate: 2.5
      })
      expect(updated.use_oder_cancel_approval).toBe(true)
      expect(updated.point_rate).toBe(2.5)
      expect(updated.use_cart).toBe(true)
      const typo = yield* Effect.flip(
        Commerce.MallSetting.updateMallSetting({ use_order_cancel_approval: true } as never)
      )
      expect(typo._tag).toBe("InvalidRequest")
      const roles = store.requests
        .filter((r) => r.operation?.startsWith("Commerce.MallSetting."))
        .map((r) => r.headers["bootpay-role"])
      expect(roles).toEqual(["supervisor", "supervisor"])
      const noUrl = yield* Effect.flip(Commerce.Webhook.sendTest())
      expect(noUrl._tag).toBe("ApiError")
    }).pipe(Effect.provide(FakeBootpay.layer()))
  )

  it.effect("a test webhook is recorded against the registered URL; a repeated key sends it once", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const first = yield* Commerce.Webhook.sendTest({ header_content_type: 1, idempotency_key: "hook-key" })
      const again = yield* Commerce.Webhook.sendTest({ header_content_type: 1, idempotency_key: "hook-key" })
      expect(again).toEqual(first)
      const sent = [...FakeCommerce.of(store).collection("webhookTests").values()]
      expect(sent.map((d) => d.url)).toEqual(["http://127.0.0.1:9/hook"])
    }).pipe(Effect.provide(FakeBootpay.layer({ webhookUrl: "http://127.0.0.1:9/hook" })))
  )

  it("mall settings changed with the user role are refused with scope_invalid", async () => {
    const server = await FakeServer.start()
    try {
      const send = (role: string) =>
        fetch(`${server.commerceUrl}/mall-setting`, {
          method: "PUT",
          headers: {
            authorization: `Basic ${btoa("test:test")}`,
            "content-type": "application/json",
            "bootpay-role": role
          },
          body: JSON.stringify({ use_point: false })
        })
      const refused = await send("user")
      expect(refused.status).toBe(403)
      expect(((await refused.json()) as { error_code: string }).error_code).toBe("scope_invalid")
      const allowed = await send("supervisor")
      expect(((await allowed.json()) as { data: { use_point: boolean } }).data.use_point).toBe(false)
    } finally {
      await server.close()
    }
  })
})
