import { describe, expect, it } from "@effect/vitest"
import { Commerce } from "@effect-bootpay/core"
import * as Effect from "effect/Effect"
import { FakeBootpay, FakeCommerce, FakeServer } from "../src/index.js"

// The client's own role is `user`: the writes send their fixed `supervisor` role themselves.
const supervisor = FakeBootpay.layer()

describe("Commerce categories against the fake", () => {
  it.effect("create a tree, read it nested, move and rename, destroy leaf first", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const drinks = yield* Commerce.Category.create({ name: "음료" })
      const coffee = yield* Commerce.Category.create({ name: "커피", parent_category_id: drinks.category_id })
      const tea = yield* Commerce.Category.create({ name: "차", parent_category_id: drinks.category_id })
      expect(coffee.parent_categories).toEqual([drinks.category_id])
      const sent = store.requests.filter((r) => r.operation === "Commerce.Category.create")
      expect(sent.every((r) => r.headers["bootpay-role"] === "supervisor")).toBe(true)
      const tree = yield* Commerce.Category.list()
      expect(tree.map((c) => c.name)).toEqual(["음료"])
      expect(tree[0]!.children?.map((c) => c.name)).toEqual(["커피", "차"])
      const moved = yield* Commerce.Category.update({
        category_id: tea.category_id,
        parent_category_id: coffee.category_id,
        name: "허브차"
      })
      expect(moved.parent_categories).toEqual([drinks.category_id, coffee.category_id])
      const cycle = yield* Effect.flip(
        Commerce.Category.update({ category_id: drinks.category_id, parent_category_id: tea.category_id })
      )
      expect(cycle._tag).toBe("ApiError")
      const busy = yield* Effect.flip(Commerce.Category.destroy(drinks.category_id))
      expect(busy._tag).toBe("ApiError")
      const product = FakeCommerce.of(store).createProduct({ category_id: tea.category_id })
      yield* Commerce.Category.destroy(tea.category_id)
      expect(product.category_id).toBeUndefined()
      const gone = yield* Effect.flip(Commerce.Category.detail(tea.category_id))
      expect(gone._tag).toBe("NotFound")
      expect((yield* Commerce.Category.detail(drinks.category_id)).children?.map((c) => c.name)).toEqual([
        "커피"
      ])
      const orphan = yield* Effect.flip(Commerce.Category.create({ name: "x", parent_category_id: "ghost" }))
      expect(orphan._tag).toBe("ApiError")
      const blank = yield* Effect.flip(Commerce.Category.create({ name: " " }))
      expect(blank._tag).toBe("InvalidRequest")
    }).pipe(Effect.provide(supervisor))
  )

  it.effect("a repeated Idempotency-Key creates one category", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const first = yield* Commerce.Category.create({ name: "한 번", idempotency_key: "category-key" })
      const again = yield* Commerce.Category.create({ name: "한 번", idempotency_key: "category-key" })
      expect(again.category_id).toBe(first.category_id)
      expect(FakeCommerce.of(store).categories.size).toBe(1)
    }).pipe(Effect.provide(supervisor))
  )

  it("a category write sent with the manager role is refused with scope_invalid", async () => {
    const server = await FakeServer.start()
    try {
      const send = (role: string) =>
        fetch(`${server.commerceUrl}/categories`, {
          method: "POST",
          headers: {
            authorization: `Basic ${btoa("test:test")}`,
            "content-type": "application/json",
            "bootpay-role": role
          },
          body: JSON.stringify({ name: "음료" })
        })
      const refused = await send("manager")
      expect(refused.status).toBe(403)
      expect(((await refused.json()) as { error_code: string }).error_code).toBe("scope_invalid")
      expect(FakeCommerce.of(server.store).categories.size).toBe(0)
      expect((await send("supervisor")).status).toBe(200)
      expect(FakeCommerce.of(server.store).categories.size).toBe(1)
    } finally {
      await server.close()
    }
  })
})
