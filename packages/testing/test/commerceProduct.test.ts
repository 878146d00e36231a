import { describe, expect, it } from "@effect/vitest"
import { Commerce } from "@effect-bootpay/core"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { FakeBootpay, FakeCommerce, FakeServer } from "../src/index.js"

describe("Commerce products against the fake", () => {
  it.effect("create, detail, update (stock, category cleared), status, delete", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const category = FakeCommerce.of(store).createCategory({ name: "커피" })
      const created = yield* Commerce.Product.create({
        name: "원두 200g",
        display_price: 12_000,
        category_id: String(category.category_id),
        use_stock: true,
        stock: 10,
        options: [{ name: "분쇄", price: 0 }]
      })
      expect(created.name).toBe("원두 200g")
      expect(created.category_id).toBe(category.category_id)
      expect(created.created_at).toMatch(/\+09:00$/)
      const sent = store.requests.find((r) => r.operation === "Commerce.Product.create")!
      expect(sent.headers["bootpay-role"]).toBe("manager")
      expect(sent.headers["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/)
      const stocked = yield* Commerce.Product.update({ product_id: created.product_id, stock: 3 })
      expect(stocked.stock).toBe(3)
      expect(stocked.category_id).toBe(category.category_id)
      const cleared = yield* Commerce.Product.update({ product_id: created.product_id, category_id: null })
      expect(cleared.category_id).toBeUndefined()
      const hidden = yield* Commerce.Product.status({
        product_id: created.product_id,
        status_sale: false,
        status_display: false
      })
      expect(hidden.status_sale).toBe(false)
      expect(hidden.stock).toBe(3)
      const read = yield* Commerce.Product.detail(created.product_id)
      expect(read.status_display).toBe(false)
      yield* Commerce.Product.delete(created.product_id)
      const gone = yield* Effect.flip(Commerce.Product.detail(created.product_id))
      expect(gone._tag).toBe("NotFound")
      const again = yield* Effect.flip(Commerce.Product.delete(created.product_id))
      expect(again._tag).toBe("NotFound")
    }).pipe(Effect.provide(FakeBootpay.layer()))
  )

  it.effect("refusals: no name, an unknown category, an ignored list filter", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const noName = yield* Effect.flip(Commerce.Product.create({ display_price: 1000 }))
      expect(noName._tag).toBe("ApiError")
      const noCategory = yield* Effect.flip(Commerce.Product.create({ name: "x", category_id: "ghost" }))
      expect(noCategory._tag).toBe("ApiError")
      expect(FakeCommerce.of(store).products.size).toBe(0)
      const ignored = yield* Effect.flip(Commerce.Product.list({ period_type: "month" } as never))
      expect(ignored._tag).toBe("InvalidRequest")
    }).pipe(Effect.provide(FakeBootpay.layer()))
  )

  it.effect("list filters by category (sub-categories included), sorts, and walks every page", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const state = FakeCommerce.of(store)
      const drinks = state.createCategory({ name: "음료" })
      const coffee = state.createCategory({ name: "커피", parent_category_id: drinks.category_id })
      state.createProduct({ name: "콜라", category_id: drinks.category_id, display_price: 2000 })
      state.createProduct({ name: "라떼", category_id: coffee.category_id, display_price: 5000 })
      state.createProduct({ name: "머그", display_price: 9000 })
      const inDrinks = yield* Commerce.Product.list({
        category_id: String(drinks.category_id),
        sort: "-price"
      })
      expect(Commerce.Paging.pageItems(inDrinks).items.map((p) => p.name)).toEqual(["라떼", "콜라"])
      const inCoffee = yield* Commerce.Product.list({ category_id: String(coffee.category_id) })
      expect(Commerce.Paging.pageItems(inCoffee).items.map((p) => p.name)).toEqual(["라떼"])
      for (let i = 0; i < 4; i++) state.createProduct({ name: `상품 ${i}` })
      const all = yield* Stream.runCollect(Commerce.Product.listAll({ limit: 3 }))
      expect(Chunk.size(all)).toBe(7)
      const pages = store.requests.filter((r) => r.operation === "Commerce.Product.list").slice(2)
      expect(pages.map((r) => r.query.page)).toEqual(["1", "2", "3"])
      const member = yield* Commerce.Product.detail({
        product_id: Chunk.unsafeGet(all, 0).product_id,
        user_jwt: "jwt-9"
      })
      expect(member.product_id).toBe(Chunk.unsafeGet(all, 0).product_id)
      const detailSent = store.requests.find((r) => r.operation === "Commerce.Product.detail")!
      expect(detailSent.headers["bootpay-user-jwt"]).toBe("jwt-9")
      expect(detailSent.headers["bootpay-role"]).toBe("user")
    }).pipe(Effect.provide(FakeBootpay.layer()))
  )

  it.effect("a product created with images goes as a form; the fake keeps each file's name and size", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const created = yield* Commerce.Product.create({
        name: "머그",
        display_price: 9000,
        use_stock: true,
        status_sale: false,
        options: [{ name: "흰색", price: 0 }],
        images: [new File([new Uint8Array(12)], "mug.png", { type: "image/png" }), new Uint8Array(5)]
      })
      expect(created.display_price).toBe(9000)
      expect(created.use_stock).toBe(true)
      expect(created.status_sale).toBe(false)
      expect(created.options).toEqual([{ name: "흰색", price: 0 }])
      expect(created.images).toEqual([
        `https://cdn.fake.bootpay.local/products/${created.product_id}/0-mug.png`,
        `https://cdn.fake.bootpay.local/products/${created.product_id}/1-images-1`
      ])
      const files = FakeCommerce.of(store).collection("productImages").get(created.product_id)?.files
      expect(files).toEqual([
        { filename: "mug.png", size: 12, type: "image/png" },
        { filename: "images-1", size: 5, type: "application/octet-stream" }
      ])
      const sent = store.requests.find((r) => r.operation === "Commerce.Product.create")!
      expect(sent.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/)
      expect(sent.body).toMatchObject({ use_stock: "true", display_price: "9000" })
    }).pipe(Effect.provide(FakeBootpay.layer()))
  )

  it.effect("a repeated Idempotency-Key creates one product and answers it again", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const first = yield* Commerce.Product.create({ name: "한 번", idempotency_key: "product-key-1" })
      const replay = yield* Commerce.Product.create({ name: "한 번", idempotency_key: "product-key-1" })
      expect(replay.product_id).toBe(first.product_id)
      expect(FakeCommerce.of(store).products.size).toBe(1)
    }).pipe(Effect.provide(FakeBootpay.layer()))
  )

  it("a product write sent with the user role is refused with scope_invalid", async () => {
    const server = await FakeServer.start()
    try {
      const product = FakeCommerce.of(server.store).createProduct({ stock: 5 })
      const send = (role: string) =>
        fetch(`${server.commerceUrl}/products/${String(product.product_id)}`, {
          method: "PUT",
          headers: {
            authorization: `Basic ${btoa("test:test")}`,
            "content-type": "application/json",
            "bootpay-role": role
          },
          body: JSON.stringify({ stock: 1 })
        })
      const refused = await send("user")
      expect(refused.status).toBe(403)
      expect(((await refused.json()) as { error_code: string }).error_code).toBe("scope_invalid")
      expect(product.stock).toBe(5)
      expect((await send("manager")).status).toBe(200)
      expect(product.stock).toBe(1)
    } finally {
      await server.close()
    }
  })
})
