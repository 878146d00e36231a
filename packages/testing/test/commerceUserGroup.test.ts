import { describe, expect, it } from "@effect/vitest"
import { Commerce } from "@effect-bootpay/core"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { FakeBootpay, FakeCommerce, FakeServer } from "../src/index.js"

describe("Commerce member groups against the fake", () => {
  it.effect("create, detail, update (limit fields refused), list every page", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const group = yield* Commerce.UserGroup.create({
        company_name: "부트페이",
        corporate_type: 2,
        business_number: "1234567890",
        purchase_limit: 100_000
      })
      expect(group.company_name).toBe("부트페이")
      expect(group.purchase_limit).toBe(100_000)
      expect(group.count).toBe(0)
      expect(group.created_at).toMatch(/\+09:00$/)
      const again = yield* Effect.flip(
        Commerce.UserGroup.create({ company_name: "다른", business_number: "1234567890" })
      )
      expect(again._tag).toBe("ApiError")
      const updated = yield* Commerce.UserGroup.update({
        user_group_id: group.user_group_id,
        ceo_name: "홍길동"
      })
      expect(updated.ceo_name).toBe("홍길동")
      const refused = yield* Effect.flip(
        Commerce.UserGroup.update({ user_group_id: group.user_group_id, purchase_limit: 1 } as never)
      )
      expect(refused._tag).toBe("InvalidRequest")
      expect((yield* Commerce.UserGroup.detail(group.user_group_id)).purchase_limit).toBe(100_000)
      const state = FakeCommerce.of(store)
      for (let i = 0; i < 4; i++) state.createUserGroup({ company_name: `그룹 ${i}`, corporate_type: 1 })
      const all = yield* Stream.runCollect(Commerce.UserGroup.listAll({ limit: 2 }))
      expect(Chunk.size(all)).toBe(5)
      const pages = store.requests.filter((r) => r.operation === "Commerce.UserGroup.list")
      expect(pages.map((r) => r.query.page)).toEqual(["1", "2", "3"])
      const individual = yield* Commerce.UserGroup.list({ corporate_type: 1 })
      expect(Commerce.Paging.pageItems(individual).total).toBe(4)
      const missing = yield* Effect.flip(Commerce.UserGroup.detail("nope"))
      expect(missing._tag).toBe("NotFound")
    }).pipe(Effect.provide(FakeBootpay.layer()))
  )

  it.effect("members join and leave a group as manager; the count follows", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const state = FakeCommerce.of(store)
      const group = state.createUserGroup()
      const kim = state.createUser({ name: "김" })
      const lee = state.createUser({ name: "이" })
      yield* Commerce.UserGroup.userCreate({
        user_group_id: String(group.user_group_id),
        user_id: String(kim.user_id)
      })
      yield* Commerce.UserGroup.userCreate({
        user_group_id: String(group.user_group_id),
        user_id: String(lee.user_id)
      })
      expect((yield* Commerce.UserGroup.detail(String(group.user_group_id))).count).toBe(2)
      const member = yield* Commerce.User.detail(String(kim.user_id))
      expect(member.user_group_id).toBe(group.user_group_id)
      yield* Commerce.UserGroup.userDelete({
        user_group_id: String(group.user_group_id),
        user_id: String(kim.user_id)
      })
      expect((yield* Commerce.UserGroup.detail(String(group.user_group_id))).count).toBe(1)
      const notMember = yield* Effect.flip(
        Commerce.UserGroup.userDelete({
          user_group_id: String(group.user_group_id),
          user_id: String(kim.user_id)
        })
      )
      expect(notMember._tag).toBe("NotFound")
      const noUser = yield* Effect.flip(
        Commerce.UserGroup.userCreate({ user_group_id: String(group.user_group_id), user_id: "ghost" })
      )
      expect(noUser._tag).toBe("NotFound")
      const sent = store.requests.filter((r) => r.operation === "Commerce.UserGroup.userCreate")
      expect(sent.every((r) => r.headers["bootpay-role"] === "manager")).toBe(true)
      expect(new Set(sent.map((r) => r.headers["idempotency-key"])).size).toBe(sent.length)
    }).pipe(Effect.provide(FakeBootpay.layer()))
  )

  it.effect("limit and aggregate billing change only through their own calls", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const group = FakeCommerce.of(store).createUserGroup()
      const id = String(group.user_group_id)
      const limited = yield* Commerce.UserGroup.limit({
        user_group_id: id,
        use_limit: true,
        limit_month_purchase: 500_000,
        limit_message: "한도 초과"
      })
      expect(limited.use_limit).toBe(true)
      expect(limited.limit_month_purchase).toBe(500_000)
      yield* Commerce.UserGroup.aggregateTransaction({
        user_group_id: id,
        use_subscription_aggregate_transaction: true,
        subscription_month_day: 10
      })
      const read = yield* Commerce.UserGroup.detail(id)
      expect(read.use_subscription_aggregate_transaction).toBe(true)
      expect(read.subscription_month_day).toBe(10)
      const badDay = yield* Effect.flip(
        Commerce.UserGroup.aggregateTransaction({ user_group_id: id, subscription_month_day: 40 })
      )
      expect(badDay._tag).toBe("ApiError")
      expect((yield* Commerce.UserGroup.detail(id)).subscription_month_day).toBe(10)
    }).pipe(Effect.provide(FakeBootpay.layer()))
  )

  it.effect("a repeated Idempotency-Key gets the first answer and changes nothing again", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const group = FakeCommerce.of(store).createUserGroup()
      const id = String(group.user_group_id)
      const first = yield* Commerce.UserGroup.limit({
        user_group_id: id,
        limit_month_purchase: 1000,
        idempotency_key: "limit-key-1"
      })
      const replay = yield* Commerce.UserGroup.limit({
        user_group_id: id,
        limit_month_purchase: 2000,
        idempotency_key: "limit-key-1"
      })
      expect(replay).toEqual(first)
      expect((yield* Commerce.UserGroup.detail(id)).limit_month_purchase).toBe(1000)
    }).pipe(Effect.provide(FakeBootpay.layer()))
  )

  it("a member change sent with the user role is refused with scope_invalid", async () => {
    const server = await FakeServer.start()
    try {
      const state = FakeCommerce.of(server.store)
      const group = state.createUserGroup()
      const user = state.createUser()
      const send = (role: string) =>
        fetch(`${server.commerceUrl}/user-groups/${String(group.user_group_id)}/user`, {
          method: "POST",
          headers: {
            authorization: `Basic ${btoa("test:test")}`,
            "content-type": "application/json",
            "bootpay-role": role
          },
          body: JSON.stringify({ user_id: user.user_id })
        })
      const refused = await send("user")
      expect(refused.status).toBe(403)
      expect(((await refused.json()) as { error_code: string }).error_code).toBe("scope_invalid")
      expect(user.user_group_id).toBeUndefined()
      const allowed = await send("manager")
      expect(allowed.status).toBe(200)
      expect(user.user_group_id).toBe(group.user_group_id)
    } finally {
      await server.close()
    }
  })
})
