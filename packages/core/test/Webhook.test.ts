import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { describe, expect, it } from "@effect/vitest"
import { Webhook } from "@effect-bootpay/core"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as TestClock from "effect/TestClock"
import { basic, clientLayer, type Recorded, receiptBody } from "./utils/mockHttp.js"

const receiptId = "62b12f4b6d3e4e0021f5c8a1"

/** A webhook body: the receipt plus `webhook_type` (omitted when `type` is undefined). */
const payload = (type: string | undefined, fields: Record<string, unknown> = {}) => ({
  ...receiptBody(fields),
  ...(type === undefined ? {} : { webhook_type: type })
})

const json = (value: unknown) => JSON.stringify(value)

describe("Webhook.decode", () => {
  const cases = [
    ["PAYMENT_COMPLETED", { status: 1 }],
    ["PAYMENT_CANCELLED", { status: 20, cancelled_price: 15000 }],
    ["PAYMENT_PARTIAL_CANCELLED", { status: 20, cancelled_price: 5000 }],
    ["PAYMENT_VIRTUAL_ACCOUNT_ISSUED", { status: 5, method_symbol: "vbank", purchased_at: null }]
  ] as const
  for (const [type, fields] of cases) {
    it.effect(`decodes a JSON ${type} event with its receipt fields`, () =>
      Effect.gen(function* () {
        const event = yield* Webhook.decode(json(payload(type, fields)), "application/json")
        expect(event.webhook_type).toBe(type)
        expect(event).toMatchObject({ receipt_id: receiptId, price: 15000, ...fields })
      })
    )
  }

  it.effect("keeps an undocumented event type and unknown fields, and reads a byte body", () =>
    Effect.gen(function* () {
      const bytes = new TextEncoder().encode(
        json(payload("PAYMENT_CONFIRM_FAILED", { status: 2, new_field: { a: 1 } }))
      )
      const event = yield* Webhook.decode(bytes, "application/json; charset=utf-8")
      expect(event.webhook_type).toBe("PAYMENT_CONFIRM_FAILED")
      expect((event as Record<string, unknown>).new_field).toEqual({ a: 1 })
    })
  )

  const legacy = [
    [{ status: 1 }, "PAYMENT_COMPLETED"],
    [{ status: 5 }, "PAYMENT_VIRTUAL_ACCOUNT_ISSUED"],
    [{ status: 20, cancelled_price: 15000 }, "PAYMENT_CANCELLED"],
    [{ status: 20, cancelled_price: 4000 }, "PAYMENT_PARTIAL_CANCELLED"]
  ] as const
  for (const [fields, type] of legacy) {
    it.effect(`an older payload ${JSON.stringify(fields)} is ${type}`, () =>
      Effect.gen(function* () {
        const event = yield* Webhook.decode(json(payload(undefined, fields)))
        expect(event.webhook_type).toBe(type)
      })
    )
  }

  it.effect("an older payload whose status names no event is refused", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(Webhook.decode(json(payload(undefined, { status: 2 }))))
      expect(error._tag).toBe("WebhookInvalidBody")
      expect(error.reason).toContain("status 2")
      expect(error.isRetryable).toBe(false)
    })
  )

  it.effect("decodes a form-encoded body: numbers, booleans, bracket keys and JSON-string objects", () =>
    Effect.gen(function* () {
      const form = new URLSearchParams({
        receipt_id: receiptId,
        order_id: "order-1",
        order_name: "[이벤트] 상품",
        price: "15000",
        tax_free: "0",
        cancelled_price: "5000",
        cancelled_tax_free: "",
        status: "20",
        sandbox: "true",
        webhook_type: "PAYMENT_PARTIAL_CANCELLED",
        "card_data[card_no]": "94352017****6169",
        "card_data[card_quota]": "00",
        "card_data[point]": "300",
        vbank_data: JSON.stringify({ bank_code: "004", bank_name: "국민" }),
        metadata: JSON.stringify({ cart: [1, 2] }),
        "tags[]": "a"
      })
      form.append("tags[]", "b")
      const event = yield* Webhook.decode(form.toString(), "application/x-www-form-urlencoded")
      expect(event).toMatchObject({
        receipt_id: receiptId,
        order_name: "[이벤트] 상품",
        price: 15000,
        tax_free: 0,
        cancelled_price: 5000,
        cancelled_tax_free: null,
        status: 20,
        sandbox: true,
        webhook_type: "PAYMENT_PARTIAL_CANCELLED",
        card_data: { card_no: "94352017****6169", card_quota: "00", point: 300 },
        vbank_data: { bank_code: "004", bank_name: "국민" },
        metadata: { cart: [1, 2] }
      })
      expect((event as Record<string, unknown>).tags).toEqual(["a", "b"])
    })
  )

  it.effect("recognises a form body without a content type and derives an older payload's type", () =>
    Effect.gen(function* () {
      const event = yield* Webhook.decode(`receipt_id=${receiptId}&price=1000&cancelled_price=1000&status=20`)
      expect(event).toMatchObject({ price: 1000, status: 20, webhook_type: "PAYMENT_CANCELLED" })
    })
  )

  it.effect("ignores bracket keys that would reach Object.prototype", () =>
    Effect.gen(function* () {
      const event = yield* Webhook.decode(
        `receipt_id=r1&price=1000&status=1&__proto__[polluted]=yes&card_data[constructor][x]=1`,
        "application/x-www-form-urlencoded"
      )
      expect(event.receipt_id).toBe("r1")
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    })
  )

  it.effect("decodes a body Express already parsed, coercing form values", () =>
    Effect.gen(function* () {
      const event = yield* Webhook.decodeParsed(
        { receipt_id: "r2", price: "2000", status: "1", card_data: { card_no: "1234****", point: "0" } },
        "application/x-www-form-urlencoded"
      )
      expect(event).toMatchObject({
        price: 2000,
        status: 1,
        webhook_type: "PAYMENT_COMPLETED",
        card_data: { point: 0 }
      })
      const fromJson = yield* Webhook.decodeParsed(payload("PAYMENT_COMPLETED"), "application/json")
      expect(fromJson.price).toBe(15000)
    })
  )

  it.effect("refuses what is not a webhook, without quoting the body", () =>
    Effect.gen(function* () {
      const notJson = yield* Effect.flip(Webhook.decode("{oops", "application/json"))
      expect(notJson.reason).toBe("the body is not JSON")
      const list = yield* Effect.flip(Webhook.decode("[1,2]", "application/json"))
      expect(list.reason).toBe("the body is not an object")
      const wrong = yield* Effect.flip(
        Webhook.decode(
          json({ ...payload("PAYMENT_COMPLETED"), receipt_id: undefined, price: "4111111111111111" })
        )
      )
      expect(wrong.reason).toBe("the body is not a Bootpay receipt")
      expect(wrong.issues.map((issue) => issue.path)).toEqual(expect.arrayContaining(["receipt_id", "price"]))
      expect(wrong.message).not.toContain("4111111111111111")
    })
  )
})

describe("Webhook.decode safeguards", () => {
  const withProto = json(payload("PAYMENT_COMPLETED"))
    .replace("{", '{"__proto__":{"isAdmin":true,"order_id":42,"status":1},')
    .replace(
      '"metadata":{}',
      '"metadata":{"__proto__":{"x":1},"constructor":{"prototype":{"y":2}},"kept":true}'
    )

  it.effect("#10 a JSON __proto__ key neither replaces the prototype nor adds inherited fields", () =>
    Effect.gen(function* () {
      const event = yield* Webhook.decode(withProto, "application/json")
      expect(Object.getPrototypeOf(event)).toBe(Object.prototype)
      expect("isAdmin" in event).toBe(false)
      expect(event.order_id).toBe("order-1")
      expect(event.metadata).toEqual({ kept: true })
      expect(Object.getPrototypeOf(event.metadata)).toBe(Object.prototype)
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined()
    })
  )

  it.effect("#10 the same holds for a body Express parsed and for JSON inside form fields", () =>
    Effect.gen(function* () {
      const parsed = yield* Webhook.decodeParsed(JSON.parse(withProto), "application/json")
      expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype)
      expect("isAdmin" in parsed).toBe(false)
      const form = new URLSearchParams({
        receipt_id: receiptId,
        price: "15000",
        status: "1",
        webhook_type: "PAYMENT_COMPLETED",
        metadata: '{"__proto__":{"isAdmin":true},"cart":[{"constructor":1,"id":2}]}'
      })
      const fromForm = yield* Webhook.decode(form.toString(), "application/x-www-form-urlencoded")
      expect(fromForm.metadata).toEqual({ cart: [{ id: 2 }] })
      expect(Object.getPrototypeOf(fromForm.metadata)).toBe(Object.prototype)
    })
  )

  it.effect(
    `a body nested deeper than ${Webhook.maxBodyDepth} levels is refused, without a stack overflow`,
    () =>
      Effect.gen(function* () {
        const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`
        const withMetadata = (metadata: string) =>
          json(payload("PAYMENT_COMPLETED")).replace('"metadata":{}', `"metadata":${metadata}`)
        const deep = yield* Effect.flip(Webhook.decode(withMetadata(nested(300_000))))
        expect(deep).toMatchObject({
          _tag: "WebhookInvalidBody",
          reason: "the body nests deeper than 32 levels"
        })
        expect((yield* Effect.flip(Webhook.decode(withMetadata(nested(32)))))._tag).toBe("WebhookInvalidBody")
        expect((yield* Webhook.decode(withMetadata(nested(31)))).metadata).toBeDefined()
        const brackets = `receipt_id=r1&price=1&status=1&metadata${"[a]".repeat(40)}=1`
        expect((yield* Effect.flip(Webhook.decode(brackets, "application/x-www-form-urlencoded")))._tag).toBe(
          "WebhookInvalidBody"
        )
        const cyclic: Record<string, unknown> = { ...payload("PAYMENT_COMPLETED") }
        cyclic.metadata = cyclic
        expect((yield* Effect.flip(Webhook.decodeParsed(cyclic)))._tag).toBe("WebhookInvalidBody")
      })
  )
})

describe("Webhook sender check", () => {
  it("accepts Bootpay's /24 in IPv4 and IPv4-mapped IPv6 forms, nothing else", () => {
    expect(Webhook.isAllowedAddress("223.130.82.4")).toBe(true)
    expect(Webhook.isAllowedAddress("223.130.82.255")).toBe(true)
    expect(Webhook.isAllowedAddress("::ffff:223.130.82.130")).toBe(true)
    expect(Webhook.isAllowedAddress("::FFFF:df82:5204")).toBe(true)
    expect(Webhook.isAllowedAddress("223.130.83.4")).toBe(false)
    expect(Webhook.isAllowedAddress("::ffff:10.0.0.1")).toBe(false)
    expect(Webhook.isAllowedAddress("::1")).toBe(false)
    expect(Webhook.isAllowedAddress("2001:db8::1")).toBe(false)
    expect(Webhook.isAllowedAddress("not an address")).toBe(false)
    expect(Webhook.isAllowedAddress("10.1.2.3", ["10.0.0.0/8"])).toBe(true)
    expect(Webhook.isAllowedAddress("10.1.2.3", ["10.1.2.4"])).toBe(false)
    expect(Webhook.isAllowedAddress("10.1.2.3", ["garbage/99"])).toBe(false)
  })

  it("#5 ranges are parsed strictly: a malformed one matches nothing", () => {
    for (const range of [
      "223.130.82.0/",
      "223.130.82.0/33",
      "223.130.82.0/-1",
      "223.130.82.0/2.5",
      "223.130.82.0/ 24",
      "223.130.82",
      "223.130.82.0.1",
      "223.130.082.0/24",
      "0x7f.0.0.1",
      "223.130.82.4/24",
      "2001:db8::/129",
      "2001:db8:::1",
      "fe80::1%eth0",
      ""
    ]) {
      expect(Webhook.isAllowedAddress("198.51.100.7", [range])).toBe(false)
      expect(Webhook.isAllowedAddress("223.130.82.4", [range])).toBe(false)
    }
  })

  it("IPv6 addresses and ranges, IPv4-mapped ranges, ports and brackets", () => {
    expect(Webhook.isAllowedAddress("2001:db8::1", ["2001:db8::/32"])).toBe(true)
    expect(Webhook.isAllowedAddress("[2001:db8::1]:443", ["2001:db8::/32"])).toBe(true)
    expect(Webhook.isAllowedAddress("2001:db9::1", ["2001:db8::/32"])).toBe(false)
    expect(Webhook.isAllowedAddress("::1", ["::1"])).toBe(true)
    expect(Webhook.isAllowedAddress("fe80::1%eth0", ["fe80::/10"])).toBe(true)
    expect(Webhook.isAllowedAddress("223.130.82.9", ["::ffff:223.130.82.0/120"])).toBe(true)
    expect(Webhook.isAllowedAddress("223.130.82.9:8080")).toBe(true)
    expect(Webhook.isAllowedAddress("::ffff:223.130.82.9", ["2001:db8::/32"])).toBe(false)
    expect(Webhook.isAllowedAddress("198.51.100.7", ["0.0.0.0/0"])).toBe(true)
    expect(Webhook.isAllowedAddress("223.130.082.9")).toBe(false)
  })

  it.effect("#5 checkSender refuses malformed options with WebhookInvalidOptions naming each bad entry", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        Webhook.checkSender({
          remoteAddress: "223.130.82.4",
          allowedRanges: ["223.130.82.0/24", "223.130.82.0/", "10.0.0.1/8"],
          trustProxy: -2
        })
      )
      expect(error._tag).toBe("WebhookInvalidOptions")
      if (error._tag !== "WebhookInvalidOptions") return
      expect(error.issues.map((issue) => issue.path)).toEqual([
        "trustProxy",
        "allowedRanges[1]",
        "allowedRanges[2]"
      ])
      expect(error.message).toContain('allowedRanges[1]: "223.130.82.0/"')
      expect(error.message).toContain("host bits")
      expect(error.isRetryable).toBe(false)
    })
  )

  it("#4 trustProxy counts appending proxies from the right, and names no sender on a short header", () => {
    const from = (trustProxy: Webhook.TrustProxy | undefined, forwardedFor?: string | Array<string>) =>
      Webhook.senderAddress({ remoteAddress: "10.0.0.1", forwardedFor, trustProxy })
    const header = "198.51.100.1, 223.130.82.4, 10.0.0.2"
    expect(from(undefined, header)).toBe("10.0.0.1")
    expect(from(false, header)).toBe("10.0.0.1")
    expect(from(0, header)).toBe("10.0.0.1")
    expect(from(1, header)).toBe("10.0.0.2")
    expect(from(true, header)).toBe("10.0.0.2")
    expect(from(2, header)).toBe("223.130.82.4")
    expect(from(3, header)).toBe("198.51.100.1")
    expect(from(4, header)).toBeUndefined()
    expect(from(1)).toBeUndefined()
    expect(from(2, ["198.51.100.1, 223.130.82.4", "10.0.0.2"])).toBe("223.130.82.4")
    expect(from(["10.0.0.0/8"], header)).toBe("223.130.82.4")
    expect(from(["10.0.0.0/8", "223.130.82.0/24"], header)).toBe("198.51.100.1")
    expect(
      Webhook.senderAddress({
        remoteAddress: "198.51.100.9",
        forwardedFor: header,
        trustProxy: ["10.0.0.0/8"]
      })
    ).toBe("198.51.100.9")
    expect(from(["10.0.0.0/8"], "10.0.0.3")).toBeUndefined()
    expect(from(-1, header)).toBeUndefined()
  })

  it.effect("checkOptions refuses unusable limits and flags", () =>
    Effect.gen(function* () {
      const issues = (options: Webhook.HandlerOptions) =>
        Effect.map(Effect.flip(Webhook.checkOptions(options)), (error) =>
          error.issues.map((issue) => issue.path)
        )
      expect(yield* issues({ maxBodyBytes: 0 })).toEqual(["maxBodyBytes"])
      expect(yield* issues({ maxBodyBytes: 1.5 })).toEqual(["maxBodyBytes"])
      expect(yield* issues({ readTimeout: "0 millis" })).toEqual(["readTimeout"])
      expect(yield* issues({ readTimeout: Number.POSITIVE_INFINITY })).toEqual(["readTimeout"])
      expect(yield* issues({ allowedRanges: [] })).toEqual(["allowedRanges"])
      expect(yield* issues({ checkSender: "yes" as unknown as boolean })).toEqual(["checkSender"])
      yield* Webhook.checkOptions({
        checkSender: true,
        trustProxy: 2,
        maxBodyBytes: 4096,
        readTimeout: "2 seconds"
      })
    })
  )

  it.effect("checks only when an address is given", () =>
    Effect.gen(function* () {
      yield* Webhook.checkSender({})
      yield* Webhook.checkSender({ remoteAddress: "223.130.82.4" })
      const error = yield* Effect.flip(Webhook.checkSender({ remoteAddress: "198.51.100.7" }))
      expect(error).toMatchObject({ _tag: "WebhookForbiddenSender", address: "198.51.100.7" })
      expect(error.isRetryable).toBe(false)
    })
  )

  it.effect("behind one appending proxy the right-most X-Forwarded-For entry is the sender", () =>
    Effect.gen(function* () {
      yield* Webhook.checkSender({ remoteAddress: "10.0.0.1", forwardedFor: "223.130.82.4", trustProxy: 1 })
      // The client wrote Bootpay's address itself; the proxy appended the one it saw.
      const spoofed = yield* Effect.flip(
        Webhook.checkSender({
          remoteAddress: "10.0.0.1",
          forwardedFor: "223.130.82.4, 198.51.100.7",
          trustProxy: 1
        })
      )
      expect(spoofed).toMatchObject({ _tag: "WebhookForbiddenSender", address: "198.51.100.7" })
      // Without trustProxy the header is ignored: the proxy itself is the sender.
      const untrusted = yield* Effect.flip(
        Webhook.checkSender({ remoteAddress: "10.0.0.1", forwardedFor: "223.130.82.4" })
      )
      expect(untrusted).toMatchObject({ address: "10.0.0.1" })
    })
  )
})

/** A client whose `GET /receipt/{id}` answers `truth`. */
const bootpayWith = (
  truth: Record<string, unknown> | ((request: Recorded) => { status: number; body?: unknown })
) =>
  clientLayer({ ...basic, retry: 0 }, (request) =>
    typeof truth === "function" ? truth(request) : { status: 200, body: truth }
  )

const event = (type: string, fields: Record<string, unknown> = {}) =>
  Webhook.decode(json(payload(type, fields)))

describe("Webhook.verify", () => {
  it.effect("answers an event built from Bootpay's receipt, fetched by the event's receipt id", () => {
    const { layer, requests } = bootpayWith(receiptBody({ status_locale: "결제완료", extra_truth: 1 }))
    return Effect.gen(function* () {
      const verified = yield* Webhook.verify(yield* event("PAYMENT_COMPLETED"))
      expect(verified).toEqual({
        ...receiptBody({ status_locale: "결제완료", extra_truth: 1 }),
        webhook_type: "PAYMENT_COMPLETED"
      })
      expect(requests).toHaveLength(1)
      expect(requests[0]).toMatchObject({ method: "GET", path: `/receipt/${receiptId}` })
    }).pipe(Effect.provide(layer))
  })

  const accepted = [
    [
      "a completed event while a cancel is in progress (older status -30)",
      "PAYMENT_COMPLETED",
      {},
      { status: -30 }
    ],
    [
      "a completed event whose payment was cancelled since",
      "PAYMENT_COMPLETED",
      {},
      { status: 20, cancelled_price: 15000 }
    ],
    [
      "a partial cancel followed by more cancels",
      "PAYMENT_PARTIAL_CANCELLED",
      { status: 20, cancelled_price: 5000 },
      { status: 20, cancelled_price: 9000 }
    ],
    [
      "a virtual account issued, then paid",
      "PAYMENT_VIRTUAL_ACCOUNT_ISSUED",
      { status: 5 },
      { status: 1, method_symbol: "vbank" }
    ],
    [
      "a full cancel",
      "PAYMENT_CANCELLED",
      { status: 20, cancelled_price: 15000 },
      { status: 20, cancelled_price: 15000 }
    ]
  ] as const
  for (const [name, type, eventFields, truth] of accepted) {
    it.effect(`accepts ${name}`, () => {
      const { layer } = bootpayWith(receiptBody(truth))
      return Effect.gen(function* () {
        const verified = yield* Webhook.verify(yield* event(type, eventFields))
        expect(verified.status).toBe(truth.status)
        expect(verified.webhook_type).toBe(type)
      }).pipe(Effect.provide(layer))
    })
  }

  const normalised = [
    [
      "an undocumented type for a paid receipt",
      "PAYMENT_CONFIRM_FAILED",
      { status: 1 },
      {},
      "PAYMENT_COMPLETED"
    ],
    [
      "a partial cancel whose receipt was cancelled in full since",
      "PAYMENT_PARTIAL_CANCELLED",
      { status: 20, cancelled_price: 5000 },
      { status: 20, cancelled_price: 15000 },
      "PAYMENT_CANCELLED"
    ],
    [
      "a full cancel sent without webhook_type (an older payload)",
      undefined,
      { status: 20, cancelled_price: 15000 },
      { status: 20, cancelled_price: 15000 },
      "PAYMENT_CANCELLED"
    ],
    [
      "an undocumented type for a partly cancelled receipt",
      "SOMETHING_NEW",
      { status: 20, cancelled_price: 0 },
      { status: 20, cancelled_price: 4000 },
      "PAYMENT_PARTIAL_CANCELLED"
    ]
  ] as const
  for (const [name, type, eventFields, truth, verifiedType] of normalised) {
    it.effect(`types ${name} from the receipt: ${verifiedType}`, () => {
      const { layer } = bootpayWith(receiptBody(truth))
      return Effect.gen(function* () {
        const decoded = yield* Webhook.decode(json(payload(type, eventFields)))
        const verified = yield* Webhook.verify(decoded)
        expect(verified).toEqual({ ...receiptBody(truth), webhook_type: verifiedType })
      }).pipe(Effect.provide(layer))
    })
  }

  it.effect("an undocumented type whose receipt names no event is WebhookUnverifiable", () => {
    const { layer } = bootpayWith(receiptBody({ status: 2 }))
    return Effect.gen(function* () {
      const error = yield* Effect.flip(Webhook.verify(yield* event("PAYMENT_CONFIRM_FAILED", { status: 2 })))
      expect(error).toMatchObject({
        _tag: "WebhookUnverifiable",
        webhookType: "PAYMENT_CONFIRM_FAILED",
        status: 2
      })
      expect(error.isRetryable).toBe(false)
    }).pipe(Effect.provide(layer))
  })

  const refused = [
    ["a different price", "PAYMENT_COMPLETED", { price: 1000 }, {}, "price", 1000, 15000],
    ["a deposit the receipt has not seen", "PAYMENT_COMPLETED", { status: 1 }, { status: 5 }, "status", 1, 5],
    [
      "a cancel of a paid receipt",
      "PAYMENT_CANCELLED",
      { status: 20, cancelled_price: 15000 },
      { status: 1 },
      "status",
      20,
      1
    ],
    [
      "more cancelled than Bootpay shows",
      "PAYMENT_PARTIAL_CANCELLED",
      { status: 20, cancelled_price: 9000 },
      { status: 20, cancelled_price: 5000 },
      "cancelled_price",
      9000,
      5000
    ],
    [
      "a full cancel of a partly cancelled receipt",
      "PAYMENT_CANCELLED",
      { status: 20, cancelled_price: 5000 },
      { status: 20, cancelled_price: 5000 },
      "cancelled_price",
      5000,
      5000
    ],
    [
      "an event status ahead of the receipt",
      "PAYMENT_CONFIRM_FAILED",
      { status: 1 },
      { status: 2 },
      "status",
      1,
      2
    ],
    [
      "another receipt",
      "PAYMENT_COMPLETED",
      {},
      { receipt_id: "62b12f4b6d3e4e0021f5ffff" },
      "receipt_id",
      receiptId,
      "62b12f4b6d3e4e0021f5ffff"
    ],
    [
      "a virtual account issued for a card payment",
      "PAYMENT_VIRTUAL_ACCOUNT_ISSUED",
      { status: 5 },
      { status: 1 },
      "webhook_type",
      "PAYMENT_VIRTUAL_ACCOUNT_ISSUED",
      "card"
    ]
  ] as const
  for (const [name, type, eventFields, truth, field, eventValue, bootpayValue] of refused) {
    it.effect(`refuses ${name} with WebhookMismatch on ${field}`, () => {
      const { layer } = bootpayWith(receiptBody(truth))
      return Effect.gen(function* () {
        const error = yield* Effect.flip(Webhook.verify(yield* event(type, eventFields)))
        expect(error).toMatchObject({
          _tag: "WebhookMismatch",
          field,
          eventValue,
          bootpayValue,
          webhookType: type
        })
        if (error._tag === "WebhookMismatch") {
          expect(error.isRetryable).toBe(false)
          expect(error.message).toContain(field)
          expect(error.message).not.toContain("sk-unit-SECRET")
        }
      }).pipe(Effect.provide(layer))
    })
  }

  it.effect("checks the sender before asking Bootpay, and passes lookup errors through", () => {
    const { layer, requests } = bootpayWith(() => ({
      status: 404,
      body: { error_code: "RC_NOT_FOUND", message: "영수증을 찾을 수 없습니다" }
    }))
    return Effect.gen(function* () {
      const forged = yield* event("PAYMENT_COMPLETED")
      const forbidden = yield* Effect.flip(Webhook.verify(forged, { remoteAddress: "198.51.100.7" }))
      expect(forbidden._tag).toBe("WebhookForbiddenSender")
      expect(requests).toHaveLength(0)
      const missing = yield* Effect.flip(Webhook.verify(forged, { remoteAddress: "::ffff:223.130.82.4" }))
      expect(missing._tag).toBe("NotFound")
    }).pipe(Effect.provide(layer))
  })
})

describe("Webhook keys and answers", () => {
  it("the idempotency key separates types and, for cancels, Bootpay's cumulative cancelled amounts", () => {
    const verified = (type: Webhook.KnownWebhookType, fields: Record<string, unknown> = {}) =>
      ({ ...receiptBody(fields), webhook_type: type }) as Webhook.VerifiedEvent
    expect(Webhook.idempotencyKey(verified("PAYMENT_COMPLETED"))).toBe(`${receiptId}:PAYMENT_COMPLETED:0`)
    expect(
      Webhook.idempotencyKey(verified("PAYMENT_PARTIAL_CANCELLED", { status: 20, cancelled_price: 3000 }))
    ).toBe(`${receiptId}:PAYMENT_PARTIAL_CANCELLED:3000`)
    expect(Webhook.idempotencyKey(verified("PAYMENT_CANCELLED", { status: 20, cancelled_price: null }))).toBe(
      `${receiptId}:PAYMENT_CANCELLED:0`
    )
    // A payment happens once: the late PAYMENT_COMPLETED of a cancelled receipt is the same event.
    expect(
      Webhook.idempotencyKey(verified("PAYMENT_COMPLETED", { status: 20, cancelled_price: 15000 }))
    ).toBe(`${receiptId}:PAYMENT_COMPLETED:0`)
    expect(
      Webhook.idempotencyKey(verified("PAYMENT_VIRTUAL_ACCOUNT_ISSUED", { status: 1, cancelled_price: 0 }))
    ).toBe(`${receiptId}:PAYMENT_VIRTUAL_ACCOUNT_ISSUED:0`)
  })

  it("#11a messages quote a delivery's values, with control characters escaped", () => {
    const mismatch = new Webhook.WebhookMismatch({
      receiptId: "r1\r\nlevel=ERROR",
      webhookType: 'PAYMENT_COMPLETED\n"x"\u001b[2J\u2028',
      field: "price",
      eventValue: "1\n2",
      bootpayValue: 15000
    })
    expect(mismatch.message).not.toMatch(/[\r\n]/)
    expect(mismatch.message).not.toContain("\u001b")
    expect(mismatch.message).not.toContain("\u2028")
    expect(mismatch.message).toBe(
      'webhook "PAYMENT_COMPLETED\\n\\"x\\"\\u001b[2J\\u2028" for receipt "r1\\r\\nlevel=ERROR" disagrees with Bootpay on price: event "1\\n2", Bootpay 15000'
    )
    const sender = new Webhook.WebhookForbiddenSender({ address: "1.2.3.4\nlevel=ERROR" })
    expect(sender.message).toBe('webhook sender "1.2.3.4\\nlevel=ERROR" is not in the allowed address ranges')
  })

  it('only HTTP 200 with exactly {"success": true} counts as delivered', () => {
    expect(JSON.stringify(Webhook.successBody)).toBe('{"success":true}')
    expect(Webhook.isSuccess(200, '{"success": true}')).toBe(true)
    expect(Webhook.isSuccess(200, ' {"success":true}\n')).toBe(true)
    expect(Webhook.isSuccess(201, '{"success": true}')).toBe(false)
    expect(Webhook.isSuccess(200, '{"success": "true"}')).toBe(false)
    expect(Webhook.isSuccess(200, '{"success": false}')).toBe(false)
    expect(Webhook.isSuccess(200, '{"success": true, "extra": 1}')).toBe(false)
    expect(Webhook.isSuccess(200, "OK")).toBe(false)
    expect(Webhook.isSuccess(200, "")).toBe(false)
  })
})

describe("WebhookStore.layerMemory", () => {
  it.effect("claim, in progress, complete, release", () =>
    Effect.gen(function* () {
      const store = yield* Webhook.WebhookStore
      expect(yield* store.claim("k")).toBe(true)
      const busy = yield* Effect.flip(store.claim("k"))
      expect(busy).toMatchObject({ _tag: "WebhookInProgress", key: "k" })
      expect(busy.isRetryable).toBe(true)
      yield* store.release("k")
      expect(yield* store.claim("k")).toBe(true)
      yield* store.complete("k")
      expect(yield* store.claim("k")).toBe(false)
      // A release after completion does not forget the key.
      yield* store.release("k")
      expect(yield* store.claim("k")).toBe(false)
    }).pipe(Effect.provide(Webhook.WebhookStore.layerMemory()))
  )

  it.effect("forgets processed keys after ttl and abandoned claims after claimTtl (Clock)", () =>
    Effect.gen(function* () {
      const store = yield* Webhook.WebhookStore
      expect(yield* store.claim("done")).toBe(true)
      yield* store.complete("done")
      expect(yield* store.claim("stuck")).toBe(true)
      yield* TestClock.adjust("59 seconds")
      expect(yield* store.claim("done")).toBe(false)
      expect((yield* Effect.flip(store.claim("stuck")))._tag).toBe("WebhookInProgress")
      yield* TestClock.adjust("2 seconds")
      expect(yield* store.claim("stuck")).toBe(true)
      yield* TestClock.adjust("1 hour")
      expect(yield* store.claim("done")).toBe(true)
    }).pipe(Effect.provide(Webhook.WebhookStore.layerMemory({ ttl: "1 hour", claimTtl: "1 minute" })))
  )

  it.effect("is bounded: the oldest keys go first", () =>
    Effect.gen(function* () {
      const store = yield* Webhook.WebhookStore
      for (const key of ["a", "b", "c"]) {
        yield* store.claim(key)
        yield* store.complete(key)
      }
      expect(yield* store.claim("c")).toBe(false)
      expect(yield* store.claim("b")).toBe(false)
      expect(yield* store.claim("a")).toBe(true)
    }).pipe(Effect.provide(Webhook.WebhookStore.layerMemory({ capacity: 2 })))
  )
})

describe("Webhook.handler", () => {
  const post = (
    body: string,
    options: {
      readonly contentType?: string
      readonly remoteAddress?: string
      readonly headers?: Record<string, string>
    } = {}
  ) =>
    Effect.sync(() => {
      const request = HttpServerRequest.fromWeb(
        new Request("http://merchant.test/bootpay/webhook", {
          method: "POST",
          body,
          headers: { "content-type": options.contentType ?? "application/json", ...options.headers }
        })
      )
      return options.remoteAddress === undefined
        ? request
        : request.modify({ remoteAddress: options.remoteAddress })
    })

  /** Builds the app (as a server does once) and serves one request with it. */
  const run = <E, R>(
    built: Effect.Effect<
      Effect.Effect<HttpServerResponse.HttpServerResponse, E, R | HttpServerRequest.HttpServerRequest>,
      Webhook.WebhookInvalidOptions
    >,
    request: HttpServerRequest.HttpServerRequest
  ) =>
    Effect.gen(function* () {
      const app = yield* built
      const response = yield* Effect.provideService(app, HttpServerRequest.HttpServerRequest, request)
      const web = HttpServerResponse.toWeb(response)
      const text = yield* Effect.promise(() => web.text())
      return { status: web.status, text }
    })

  const setup = (truth: Record<string, unknown> = receiptBody()) => {
    const { layer, requests } = bootpayWith(truth)
    return { layer: Layer.merge(layer, Webhook.WebhookStore.layerMemory()), requests }
  }

  it.effect('verifies, runs onEvent with Bootpay\'s facts only, and answers exactly {"success":true}', () => {
    const truth = receiptBody({ status: 20, cancelled_price: 15000 })
    const { layer, requests } = setup(truth)
    const seen: Array<[Webhook.VerifiedEvent, unknown]> = []
    const app = Webhook.handler((event, receipt) => Effect.sync(() => seen.push([event, receipt])))
    return Effect.gen(function* () {
      const answer = yield* run(app, yield* post(json(payload("PAYMENT_COMPLETED"))))
      expect(answer).toEqual({ status: 200, text: '{"success":true}' })
      expect(seen).toEqual([[{ ...truth, webhook_type: "PAYMENT_COMPLETED" }, truth]])
      expect(requests).toHaveLength(1)
    }).pipe(Effect.provide(layer))
  })

  it.effect("a repeated delivery is verified again, answers success and does not run onEvent", () => {
    const { layer, requests } = setup()
    let runs = 0
    const app = Webhook.handler(() => Effect.sync(() => runs++))
    return Effect.gen(function* () {
      const body = json(payload("PAYMENT_COMPLETED"))
      expect((yield* run(app, yield* post(body))).status).toBe(200)
      const again = yield* run(app, yield* post(body))
      expect(again).toEqual({ status: 200, text: '{"success":true}' })
      expect(runs).toBe(1)
      expect(requests).toHaveLength(2)
    }).pipe(Effect.provide(layer))
  })

  it.effect(
    "two concurrent deliveries of one event run onEvent once; the second is told to come back",
    () => {
      const { layer } = setup()
      let runs = 0
      return Effect.gen(function* () {
        const started = yield* Deferred.make<void>()
        const release = yield* Deferred.make<void>()
        const app = Webhook.handler(() =>
          Effect.gen(function* () {
            runs++
            yield* Deferred.succeed(started, undefined)
            yield* Deferred.await(release)
          })
        )
        const body = json(payload("PAYMENT_COMPLETED"))
        const first = yield* Effect.fork(run(app, yield* post(body)))
        yield* Deferred.await(started)
        const second = yield* run(app, yield* post(body))
        expect(second.status).toBe(409)
        expect(JSON.parse(second.text)).toEqual({ success: false, error: "WebhookInProgress" })
        yield* Deferred.succeed(release, undefined)
        expect((yield* Fiber.join(first)).status).toBe(200)
        expect((yield* run(app, yield* post(body))).status).toBe(200)
        expect(runs).toBe(1)
      }).pipe(Effect.provide(layer))
    }
  )

  it.effect("a failing onEvent answers 500 and the redelivery processes the event", () => {
    const { layer } = setup()
    let attempts = 0
    const app = Webhook.handler(() =>
      Effect.suspend(() => (++attempts === 1 ? Effect.fail("database down" as const) : Effect.void))
    )
    return Effect.gen(function* () {
      const body = json(payload("PAYMENT_COMPLETED"))
      const failed = yield* run(app, yield* post(body))
      expect(failed.status).toBe(500)
      expect(JSON.parse(failed.text)).toEqual({ success: false, error: "EventHandlerFailed" })
      expect(failed.text).not.toContain("database")
      expect((yield* run(app, yield* post(body))).status).toBe(200)
      expect(attempts).toBe(2)
    }).pipe(Effect.provide(layer))
  })

  it.effect("a forged event answers 422 without telling the forger Bootpay's values", () => {
    const { layer } = setup(receiptBody({ price: 15000 }))
    let runs = 0
    const app = Webhook.handler(() => Effect.sync(() => runs++))
    return Effect.gen(function* () {
      const answer = yield* run(app, yield* post(json(payload("PAYMENT_COMPLETED", { price: 100 }))))
      expect(answer.status).toBe(422)
      expect(JSON.parse(answer.text)).toEqual({ success: false, error: "WebhookMismatch" })
      expect(answer.text).not.toContain("15000")
      expect(runs).toBe(0)
    }).pipe(Effect.provide(layer))
  })

  it.effect(
    "an undecodable body answers 400; a lookup failure answers 503 (transient) or 404 (unknown receipt)",
    () => {
      let status = 503
      const { layer: client } = bootpayWith(() => ({
        status,
        body: { error_code: status === 404 ? "RC_NOT_FOUND" : "SERVER_ERROR", message: "x" }
      }))
      const app = Webhook.handler(() => Effect.void)
      return Effect.gen(function* () {
        expect((yield* run(app, yield* post("not json"))).status).toBe(400)
        expect((yield* run(app, yield* post(json(payload("PAYMENT_COMPLETED"))))).status).toBe(503)
        status = 404
        const missing = yield* run(app, yield* post(json(payload("PAYMENT_COMPLETED"))))
        expect(missing.status).toBe(404)
        expect(JSON.parse(missing.text)).toEqual({ success: false, error: "ReceiptNotFound" })
      }).pipe(Effect.provide(Layer.merge(client, Webhook.WebhookStore.layerMemory())))
    }
  )

  it.effect(
    "with checkSender, reads the request's remote address (or X-Forwarded-For behind a trusted proxy)",
    () => {
      const { layer, requests } = setup()
      const app = Webhook.handler(() => Effect.void, { checkSender: true })
      const proxied = Webhook.handler(() => Effect.void, { checkSender: true, trustProxy: 1 })
      return Effect.gen(function* () {
        const body = (type: string) => json(payload(type, { status: 1 }))
        expect(
          (yield* run(app, yield* post(body("PAYMENT_COMPLETED"), { remoteAddress: "198.51.100.7" }))).status
        ).toBe(403)
        expect((yield* run(app, yield* post(body("PAYMENT_COMPLETED")))).status).toBe(403)
        expect(requests).toHaveLength(0)
        const allowed = yield* run(
          app,
          yield* post(body("PAYMENT_COMPLETED"), { remoteAddress: "::ffff:223.130.82.4" })
        )
        expect(allowed.status).toBe(200)
        const viaProxy = yield* run(
          proxied,
          yield* post(body("TEST_EVENT"), {
            remoteAddress: "10.0.0.1",
            headers: { "x-forwarded-for": "223.130.82.9" }
          })
        )
        expect(viaProxy.status).toBe(200)
        const spoofed = yield* run(
          proxied,
          yield* post(body("OTHER_EVENT"), {
            remoteAddress: "10.0.0.1",
            headers: { "x-forwarded-for": "223.130.82.9, 198.51.100.7" }
          })
        )
        expect(spoofed.status).toBe(403)
      }).pipe(Effect.provide(layer))
    }
  )

  it.effect("#5 is not built with unusable options: WebhookInvalidOptions before any delivery", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        Webhook.handler(() => Effect.void, { checkSender: true, allowedRanges: ["223.130.82.0/"] })
      )
      expect(error).toMatchObject({ _tag: "WebhookInvalidOptions" })
      expect(error.message).toContain('allowedRanges[0]: "223.130.82.0/"')
    })
  )

  it.effect("respond answers 500 to every delivery under unusable options, and never runs onEvent", () => {
    const { layer, requests } = setup()
    let runs = 0
    return Effect.gen(function* () {
      const answer = yield* Webhook.respond(
        { body: json(payload("PAYMENT_COMPLETED")), remoteAddress: "198.51.100.7" },
        () => Effect.sync(() => runs++),
        { checkSender: true, allowedRanges: ["223.130.82.0/"] }
      )
      expect(answer).toEqual({ status: 500, body: { success: false, error: "InternalError" } })
      expect(runs).toBe(0)
      expect(requests).toHaveLength(0)
    }).pipe(Effect.provide(layer))
  })

  it.effect("accepts a form-encoded delivery", () => {
    const { layer } = setup()
    const seen: Array<number | null | undefined> = []
    const app = Webhook.handler((event) => Effect.sync(() => seen.push(event.price)))
    return Effect.gen(function* () {
      const form = `receipt_id=${receiptId}&price=15000&status=1&webhook_type=PAYMENT_COMPLETED&card_data%5Bcard_no%5D=9435`
      const answer = yield* run(app, yield* post(form, { contentType: "application/x-www-form-urlencoded" }))
      expect(answer.status).toBe(200)
      expect(seen).toEqual([15000])
    }).pipe(Effect.provide(layer))
  })
})
