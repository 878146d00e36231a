import { describe, expect, it } from "@effect/vitest"
import { Commerce } from "@effect-bootpay/core"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import { FakeBootpay, FakeCommerce } from "../src/index.js"

describe("Commerce invoices against the fake", () => {
  it.effect("create, detail, list as { list, count } page after page", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const created = yield* Commerce.Invoice.create({ title: "3월 이용료", price: 33000, user_id: "u-1" })
      expect(created.payment_url).toContain(created.invoice_id!)
      expect((yield* Commerce.Invoice.detail(created.invoice_id!)).title).toBe("3월 이용료")
      const state = FakeCommerce.of(store)
      for (let i = 0; i < 4; i++) state.createInvoice({ title: `청구서 ${i}` })
      const first = yield* Commerce.Invoice.list({ limit: 2 })
      expect(first).toMatchObject({ count: 5 })
      expect(Commerce.Paging.pageItems(first).items).toHaveLength(2)
      const all = yield* Stream.runCollect(Commerce.Invoice.listAll({ limit: 2 }))
      expect(Chunk.size(all)).toBe(5)
      const pages = store.requests.filter((r) => r.operation === "Commerce.Invoice.list")
      expect(pages.slice(1).map((r) => r.query.page)).toEqual(["1", "2", "3"])
      expect(pages.every((r) => r.headers["bootpay-role"] === "user")).toBe(true)
      const missing = yield* Effect.flip(Commerce.Invoice.detail("nope"))
      expect(missing._tag).toBe("NotFound")
    }).pipe(Effect.provide(FakeBootpay.layer()))
  )

  it.effect(
    "the same Idempotency-Key gives the first answer; a lost answer is retried with the same key",
    () =>
      Effect.gen(function* () {
        const store = yield* FakeBootpay.Store
        const state = FakeCommerce.of(store)
        const input = { title: "같은 청구서", price: 1000, idempotency_key: "inv-key-1" }
        const a = yield* Commerce.Invoice.create(input)
        const b = yield* Commerce.Invoice.create(input)
        expect(b.invoice_id).toBe(a.invoice_id)
        expect(state.collection("invoices").size).toBe(1)
        store.inject({ _tag: "DropAfter" }, { operation: "Commerce.Invoice.create" })
        const fiber = yield* Effect.fork(
          Commerce.Invoice.create({ title: "재시도", price: 2000 }, { retry: 2 })
        )
        yield* TestClock.adjust("30 seconds")
        const retried = yield* Fiber.join(fiber)
        const sent = store.requests.filter((r) => r.operation === "Commerce.Invoice.create").slice(-2)
        expect(sent).toHaveLength(2)
        expect(sent[1]!.headers["idempotency-key"]).toBe(sent[0]!.headers["idempotency-key"])
        expect(state.collection("invoices").size).toBe(2)
        expect(retried.title).toBe("재시도")
      }).pipe(Effect.provide(FakeBootpay.layer()))
  )

  it.effect(
    "notify records what it would send and sends nothing; a lost answer is OutcomeUnknown, never repeated",
    () =>
      Effect.gen(function* () {
        const store = yield* FakeBootpay.Store
        const state = FakeCommerce.of(store)
        const invoice = state.createInvoice()
        yield* Commerce.Invoice.notify({ invoice_id: String(invoice.invoice_id), send_types: [1, 3] })
        const recorded = [...state.collection("invoiceNotifications").values()]
        expect(recorded).toEqual([{ invoice_id: invoice.invoice_id, send_types: [1, 3], at: state.nowIso() }])
        expect((yield* Commerce.Invoice.detail(String(invoice.invoice_id))).send_status).toBe(1)
        store.inject({ _tag: "DropAfter" }, { operation: "Commerce.Invoice.notify" })
        const lost = yield* Effect.flip(
          Commerce.Invoice.notify(
            { invoice_id: String(invoice.invoice_id), idempotency_key: "notify-1" },
            { retry: 3 }
          )
        )
        expect(lost).toMatchObject({ _tag: "OutcomeUnknown", idempotencyKey: "notify-1" })
        expect(store.requests.filter((r) => r.operation === "Commerce.Invoice.notify")).toHaveLength(2)
        const refused = yield* Effect.flip(
          Commerce.Invoice.notify({ invoice_id: String(invoice.invoice_id), send_types: [9 as 1] })
        )
        expect(refused._tag).toBe("InvalidRequest")
        const expired = state.createInvoice({ expired_at: new Date(store.now - 86_400_000).toISOString() })
        const late = yield* Effect.flip(Commerce.Invoice.notify({ invoice_id: String(expired.invoice_id) }))
        expect(late).toMatchObject({ _tag: "ApiError", errorCode: "INVOICE_EXPIRED" })
      }).pipe(Effect.provide(FakeBootpay.layer()))
  )
})
