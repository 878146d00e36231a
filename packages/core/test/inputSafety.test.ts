/**
 * Inputs that must never reach Bootpay, across every operation: ids that would change the request's
 * path, text that has no UTF-8 form, values `JSON.stringify` cannot write, and sizes beyond the caps.
 * Each is `InvalidRequest` with nothing sent; validation stays fast on 100,000-character inputs.
 */
import { describe, expect, it } from "@effect/vitest"
import { type BootpayError, Operation, Registry, Webhook } from "@effect-bootpay/core"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { type Path, setAt, stringLeaves } from "./utils/leaves.js"
import { basic, clientLayer, receiptBody } from "./utils/mockHttp.js"
import { bound, millisOf } from "./utils/timing.js"

const user = {
  id: "member-1",
  username: "홍길동",
  email: "buyer@example.com",
  phone: "01012345678",
  gender: 1,
  birth: "1990-01-01",
  area: "서울",
  addr: "서울시 중구"
}

const item = {
  id: "plan-basic",
  name: "베이직",
  qty: 1,
  price: 9900,
  cat1: "구독",
  cat2: "월간",
  cat3: "베이직",
  category_type: "type",
  category_code: "code",
  start_date: "20260301",
  end_date: "20260331"
}

const metadata = () => ({ plan: "basic", nested: { note: "메모", tags: ["a", "b"] } })

/** One valid input per operation that takes one, with every kind of string field it has. */
const samples: Record<string, () => unknown> = {
  "receipt.lookup": () => ({ receipt_id: "r-1", lookup_user_data: true }),
  "receipt.lookupByOrderId": () => "order-1",
  "receipt.confirm": () => "r-1",
  "receipt.cancel": () => ({
    receipt_id: "r-1",
    cancel_price: 1000,
    cancel_tax_free: 0,
    cancel_id: "c-1",
    cancel_username: "관리자",
    cancel_message: "변심",
    refund: { bank_account: "123456789", bank_username: "홍길동", bank_code: "004" },
    metadata: metadata()
  }),
  "billingKey.issue": () => ({
    pg: "nicepay",
    method: "card_rebill",
    order_name: "정기결제",
    subscription_id: "sub-1",
    card_no: "4111111111111111",
    card_pw: "12",
    card_identity_no: "900101",
    card_expire_year: "30",
    card_expire_month: "12",
    price: 1000,
    tax_free: 0,
    extra: { card_quota: "00", subscribe_test_payment: true, raw_data: 1 },
    user,
    metadata: metadata()
  }),
  "billingKey.issueTransfer": () => ({
    pg: "nicepay",
    order_name: "정기결제",
    subscription_id: "sub-1",
    auth_type: "ARS",
    username: "홍길동",
    bank_name: "국민은행",
    bank_account: "123456789",
    identity_no: "900101",
    cash_receipt_type: "소득공제",
    cash_receipt_identity_no: "01012345678",
    phone: "01012345678",
    price: 1000,
    tax_free: 0,
    method: "auth",
    extra: { card_quota: "00" },
    user,
    metadata: metadata()
  }),
  "billingKey.publishTransfer": () => "r-1",
  "billingKey.lookup": () => "r-1",
  "billingKey.lookupByKey": () => "bk-1",
  "billingKey.lookupSequential": () => ({ billing_key: "bk-1", widget_key: "wk-1", user_id: "u-1" }),
  "billingKey.destroy": () => "bk-1",
  "subscription.pay": () => ({
    billing_key: "bk-1",
    order_name: "월간 구독",
    price: 59_000,
    order_id: "order-1",
    tax_free: 0,
    card_quota: "3",
    card_interest: "1",
    items: [item],
    user,
    feedback_url: "https://shop.example.com/bootpay/webhook",
    content_type: "application/json",
    metadata: metadata(),
    extra: { card_quota: "3" }
  }),
  "subscription.reserve": () => ({
    billing_key: "bk-1",
    order_name: "월간 구독",
    price: 9900,
    order_id: "order-1",
    reserve_execute_at: "2026-03-01T09:00:00+09:00",
    tax_free: 0,
    user,
    items: [item],
    metadata: metadata(),
    feedback_url: "https://shop.example.com/bootpay/webhook",
    content_type: "application/json"
  }),
  "subscription.lookupReservation": () => "rs-1",
  "subscription.cancelReservation": () => "rs-1",
  "userToken.issue": () => ({
    user_id: "member-1",
    email: "buyer@example.com",
    username: "홍길동",
    birth: "901004",
    phone: "01012345678",
    gender: 0
  }),
  "certificate.lookup": () => "r-1",
  "authentication.request": () => ({
    pg: "danal",
    method: "본인인증",
    authentication_id: "auth-1",
    order_name: "본인인증",
    username: "홍길동",
    identity_no: "9001011",
    carrier: "SKT",
    phone: "01012345678",
    client_ip: "203.0.113.7",
    site_url: "https://shop.example.com",
    authenticate_type: "sms",
    extra: { note: "x" },
    user,
    metadata: metadata()
  }),
  "authentication.confirm": () => ({ receipt_id: "r-1", otp: "123456" }),
  "authentication.resend": () => "r-1",
  "escrow.startShipping": () => ({
    receipt_id: "r-1",
    tracking_number: "123456789",
    delivery_corp: "CJ대한통운",
    receipt_url: "https://shop.example.com/receipt/1",
    shipping_prepayment: true,
    shipping_day: 2,
    user: { username: "홍길동", phone: "01012345678", zipcode: "04524", address: "서울시 중구" },
    company: { name: "상점", phone: "0212345678", zipcode: "04524", addr1: "서울시", addr2: "중구" },
    redirect_url: "https://shop.example.com/escrow"
  }),
  "cashReceipt.publishOnReceipt": () => ({
    receipt_id: "r-1",
    identity_no: "01012345678",
    cash_receipt_type: "소득공제",
    username: "홍길동",
    email: "buyer@example.com",
    phone: "01012345678",
    currency: "KRW"
  }),
  "cashReceipt.cancelOnReceipt": () => ({
    receipt_id: "r-1",
    cancel_username: "관리자",
    cancel_message: "취소"
  }),
  "cashReceipt.publish": () => ({
    pg: "nicepay",
    price: 1000,
    tax_free: 0,
    order_name: "현금 판매",
    order_id: "order-1",
    cash_receipt_type: "지출증빙",
    identity_no: "1234567890",
    purchased_at: "2026-01-15T12:00:00+09:00",
    user,
    metadata: metadata(),
    extra: { note: "x" }
  }),
  "cashReceipt.cancel": () => ({ receipt_id: "r-1", cancel_username: "관리자", cancel_message: "취소" })
}

const withInput = Registry.entries.filter((entry) => entry.operation.id !== "AccessToken.issue")
const keyOf = (entry: Registry.Named) => `${entry.module}.${entry.name}`

/** Whether an issue at `issuePath` is about the field at `leaf` (a JSON object reports at its own field). */
const covers = (issuePath: string, leaf: Path) => {
  const field = leaf.join(".")
  return issuePath === field || (issuePath !== "" && field.startsWith(`${issuePath}.`))
}

/** A client whose every request is recorded and refused with a 404, so nothing is retried. */
const refusing = () =>
  clientLayer({ ...basic, retry: 0 }, () => ({
    status: 404,
    body: { error_code: "RC_NOT_FOUND", message: "없음" }
  }))

const run = (entry: Registry.Named, input: unknown) =>
  (
    entry.operation as unknown as (input: unknown) => Effect.Effect<unknown, BootpayError.BootpayError, never>
  )(input)

/** The caller's error for `input`, or `undefined` when the call got past validation. */
const refusal = (entry: Registry.Named, input: unknown) =>
  Effect.map(Effect.either(run(entry, input)), (result) =>
    result._tag === "Left" && result.left._tag === "InvalidRequest"
      ? (result.left as BootpayError.InvalidRequest)
      : undefined
  )

describe("input safety", () => {
  it("every operation that takes an input has a sample here", () => {
    expect(Object.keys(samples).sort()).toEqual(withInput.map(keyOf).sort())
  })

  it.effect("the samples are valid: each one is sent", () =>
    Effect.gen(function* () {
      for (const entry of withInput) {
        const { layer, requests } = refusing()
        const error = yield* Effect.provide(refusal(entry, samples[keyOf(entry)]!()), layer)
        expect({ operation: entry.operation.id, issues: error?.issues }).toEqual({
          operation: entry.operation.id,
          issues: undefined
        })
        expect(requests.length).toBeGreaterThan(0)
      }
    })
  )

  describe("path ids", () => {
    const withPath = withInput.filter((entry) => Operation.pathFields(entry.operation).length > 0)
    /** The sample with every path field set to `id`. */
    const withId = (entry: Registry.Named, id: string) => {
      const sample = samples[keyOf(entry)]!()
      if (typeof sample === "string") return id
      return Operation.pathFields(entry.operation).reduce<unknown>(
        (input, field) => setAt(input, [field], id),
        sample
      )
    }

    const refused = [
      [".", "a dot segment"],
      ["..", "a dot-dot segment"],
      ["", "empty"],
      ["   ", "blank"],
      ["\uD800", "a lone high surrogate"],
      ["r-\uDC00", "a lone low surrogate"],
      ["r\u00001", "a NUL"],
      ["r-1\n", "a newline"],
      ["r\u007f1", "a DEL"],
      ["r".repeat(1001), "longer than 1,000 characters"]
    ] as const

    it.effect(
      "an id that would change the path or cannot be encoded is InvalidRequest naming it; nothing is sent",
      () =>
        Effect.gen(function* () {
          expect(withPath.length).toBeGreaterThanOrEqual(12)
          for (const entry of withPath) {
            for (const [id, what] of refused) {
              const { layer, requests } = refusing()
              const error = yield* Effect.provide(refusal(entry, withId(entry, id)), layer)
              const sample = samples[keyOf(entry)]!()
              const fields = typeof sample === "string" ? [""] : Operation.pathFields(entry.operation)
              // A receipt id or `{ receipt_id }` (Receipt.lookup) reports against both forms.
              const paths = new Set(error?.issues.map((issue) => issue.path))
              expect({
                operation: entry.operation.id,
                what,
                named: fields.every((field) => paths.has(field))
              }).toEqual({
                operation: entry.operation.id,
                what,
                named: true
              })
              expect(requests).toEqual([])
            }
          }
        })
    )

    it.effect("any other id stays inside its own path segment, encoded", () =>
      Effect.gen(function* () {
        for (const entry of withPath) {
          for (const id of [
            "a/b",
            "...",
            ".a",
            "%2e%2e",
            " r-1 ",
            "영수증",
            "\uD83D\uDE00",
            "r".repeat(1000)
          ]) {
            const { layer, requests } = refusing()
            yield* Effect.provide(Effect.either(run(entry, withId(entry, id))), layer)
            const expected = Operation.pathFields(entry.operation).reduce(
              (path, field) => path.replace(`{${field}}`, encodeURIComponent(id)),
              entry.operation.path
            )
            expect({ operation: entry.operation.id, path: requests[0]?.path }).toEqual({
              operation: entry.operation.id,
              path: expected
            })
          }
        }
      })
    )
  })

  it.effect("a lone surrogate in any string field is InvalidRequest naming the field; nothing is sent", () =>
    Effect.gen(function* () {
      let checked = 0
      for (const entry of withInput) {
        const sample = samples[keyOf(entry)]!()
        for (const leaf of stringLeaves(sample)) {
          for (const bad of ["\uD800", "ok\uDBFFend", "\uDC00ok"]) {
            const { layer, requests } = refusing()
            const error = yield* Effect.provide(refusal(entry, setAt(sample, leaf, bad)), layer)
            const named = error?.issues.some((issue) => covers(issue.path, leaf)) ?? false
            expect({ operation: entry.operation.id, field: leaf.join("."), named }).toEqual({
              operation: entry.operation.id,
              field: leaf.join("."),
              named: true
            })
            expect(requests).toEqual([])
            checked++
          }
        }
      }
      expect(checked).toBeGreaterThan(300)
    })
  )

  describe("JSON objects (metadata, extra)", () => {
    const cancel = Registry.entries.find((entry) => entry.operation.id === "Receipt.cancel")!
    const cyclic: Record<string, unknown> = { a: 1 }
    cyclic.self = cyclic
    let deep: Record<string, unknown> = {}
    for (let i = 0; i < 100_000; i++) deep = { next: deep }
    const cases = [
      ["a lone surrogate in a key", { "k\uD800": 1 }],
      ["a lone surrogate deep inside", { a: [{ b: ["ok", "\uDFFF"] }] }],
      ["a bigint", { amount: BigInt(1) }],
      ["a cycle", cyclic],
      ["100,000 levels of nesting", deep],
      ["more than 100,000 values", { list: Array.from({ length: 100_001 }, () => 0) }]
    ] as const

    for (const [what, value] of cases) {
      it.effect(`${what} is InvalidRequest at metadata; nothing is sent`, () => {
        const { layer, requests } = refusing()
        return Effect.gen(function* () {
          const error = yield* refusal(cancel, { receipt_id: "r-1", metadata: value })
          expect(error?.issues.map((issue) => issue.path)).toEqual(["metadata"])
          expect(requests).toEqual([])
        }).pipe(Effect.provide(layer))
      })
    }

    it.effect("shared (not cyclic) objects, dates and 64 levels are sent", () => {
      const { layer, requests } = refusing()
      const shared = { note: "같은 객체" }
      let nested: Record<string, unknown> = { leaf: true }
      for (let i = 0; i < 63; i++) nested = { next: nested }
      return Effect.gen(function* () {
        const error = yield* refusal(cancel, {
          receipt_id: "r-1",
          metadata: { a: shared, b: shared, at: new Date(0), nested }
        })
        expect(error).toBeUndefined()
        expect(requests).toHaveLength(1)
        expect((requests[0]!.body as { metadata: { at: string } }).metadata.at).toBe(
          "1970-01-01T00:00:00.000Z"
        )
      }).pipe(Effect.provide(layer))
    })
  })

  it.effect(
    "a value nested 100,000 levels deep where text is expected is InvalidRequest, not a stack overflow",
    () => {
      let deep: Record<string, unknown> = {}
      for (let i = 0; i < 100_000; i++) deep = { next: deep }
      const cancel = Registry.entries.find((entry) => entry.operation.id === "Receipt.cancel")!
      const { layer, requests } = refusing()
      return Effect.gen(function* () {
        const error = yield* refusal(cancel, { receipt_id: deep, cancel_message: [deep] })
        expect(error?.issues).toEqual([
          { path: "receipt_id", message: "Expected string" },
          { path: "cancel_message", message: "Expected string" }
        ])
        expect(requests).toEqual([])
      }).pipe(Effect.provide(layer))
    }
  )

  describe("length caps", () => {
    const entry = (id: string) => Registry.entries.find((candidate) => candidate.operation.id === id)!
    const cases = [
      ["Receipt.cancel", "cancel_message", { receipt_id: "r-1" }, 10_000],
      ["Receipt.cancel", "receipt_id", {}, 1_000],
      ["Subscription.pay", "order_name", samples["subscription.pay"]!(), 10_000],
      ["Subscription.pay", "feedback_url", samples["subscription.pay"]!(), 2_000]
    ] as const
    for (const [id, field, base, max] of cases) {
      it.effect(`${id} sends a ${field} of ${max} characters and refuses one of ${max + 1}`, () =>
        Effect.gen(function* () {
          const value = (length: number) =>
            field === "feedback_url"
              ? `https://shop.example.com/${"a".repeat(length - 25)}`
              : "a".repeat(length)
          const atCap = refusing()
          expect(
            yield* Effect.provide(
              refusal(entry(id), { ...(base as object), [field]: value(max) }),
              atCap.layer
            )
          ).toBeUndefined()
          expect(atCap.requests).toHaveLength(1)
          const over = refusing()
          const error = yield* Effect.provide(
            refusal(entry(id), { ...(base as object), [field]: value(max + 1) }),
            over.layer
          )
          expect(error?.issues).toEqual([{ path: field, message: `must be at most ${max} characters` }])
          expect(over.requests).toEqual([])
        })
      )
    }
  })

  describe("time on 100,000-character inputs", () => {
    const n = 100_000
    /** Worst cases for the patterns the validators use: long runs that fail at their very end. */
    const hostile = [
      `http://${"a".repeat(n)} `,
      `https://${"a/".repeat(n / 2)}\n`,
      `${"1".repeat(n)}x`,
      `2026-01-01T00:00:00.${"1".repeat(n)}x`,
      ":".repeat(n),
      `${"1:".repeat(n / 2)}1.1.1.1x`,
      `${" ".repeat(n)}x`,
      `${"\uD83D\uDE00".repeat(n / 2)}\uD800`
    ]
    const jsonExtra = new Set(["CashReceipt.publish", "Authentication.request"])
    const isJson = (entry: Registry.Named, leaf: Path) =>
      leaf[0] === "metadata" || (leaf[0] === "extra" && jsonExtra.has(entry.operation.id))

    it.effect("validating any field of any operation stays under 200 ms, and the input is refused", () =>
      Effect.gen(function* () {
        let slowest = { millis: 0, at: "" }
        const accepted: Array<string> = []
        for (const entry of withInput) {
          const sample = samples[keyOf(entry)]!()
          // The first call builds the operation's validator; only the calls after it are timed.
          yield* Effect.provide(Effect.either(run(entry, sample)), refusing().layer)
          for (const leaf of stringLeaves(sample)) {
            for (const [index, bad] of hostile.entries()) {
              const { layer, requests } = refusing()
              const at = `${entry.operation.id} ${leaf.join(".")} #${index}`
              const input = setAt(sample, leaf, bad)
              const error = yield* Effect.provide(refusal(entry, input), layer)
              const millis = yield* Effect.provide(millisOf(refusal(entry, input)), refusing().layer)
              if (millis > slowest.millis) slowest = { millis, at }
              // A JSON object's strings have no length cap: a long one that is valid Unicode is sent.
              const refused = error !== undefined || (isJson(entry, leaf) && !bad.includes("\uD800"))
              if (!refused || requests.length !== (error === undefined ? 1 : 0)) accepted.push(at)
            }
          }
        }
        expect(slowest.millis, slowest.at).toBeLessThan(bound)
        expect(accepted).toEqual([])
      })
    )

    it.effect(
      "a 100,000-character feedback_url is refused in under 200 ms, and the longest allowed as fast",
      () =>
        Effect.gen(function* () {
          const pay = Registry.entries.find((entry) => entry.operation.id === "Subscription.pay")!
          yield* Effect.provide(Effect.either(run(pay, samples["subscription.pay"]!())), refusing().layer)
          for (const url of [`http://${"a".repeat(n)} `, `http://${"a".repeat(1992)} `]) {
            const { layer, requests } = refusing()
            const input = { ...(samples["subscription.pay"]!() as object), feedback_url: url }
            expect(yield* Effect.provide(millisOf(refusal(pay, input)), layer)).toBeLessThan(bound)
            const error = yield* Effect.provide(refusal(pay, input), layer)
            expect(error?.issues.map((issue) => issue.path)).toEqual(["feedback_url"])
            expect(requests).toEqual([])
          }
        })
    )
  })

  it.effect(
    "a forged webhook whose receipt_id is a lone surrogate is a 400 bad body, not a 500; nothing is sent",
    () => {
      const { layer, requests } = clientLayer(basic, () => ({ status: 200, body: receiptBody() }))
      let handled = 0
      return Effect.gen(function* () {
        const body = JSON.stringify({ ...receiptBody(), webhook_type: "PAYMENT_COMPLETED" }).replace(
          '"receipt_id":"62b12f4b6d3e4e0021f5c8a1"',
          '"receipt_id":"\\ud800"'
        )
        expect(body).toContain('"receipt_id":"\\ud800"')
        const answer = yield* Webhook.respond({ body, contentType: "application/json" }, () =>
          Effect.sync(() => handled++)
        )
        expect(answer.status).toBe(400)
        expect(answer.body.success).toBe(false)
        expect(handled).toBe(0)
        expect(requests).toEqual([])
      }).pipe(Effect.provide(Layer.merge(layer, Webhook.WebhookStore.layerMemory())))
    }
  )
})
