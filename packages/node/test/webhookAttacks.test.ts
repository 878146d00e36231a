/**
 * Attacks on the webhook endpoints. PG webhooks are not signed, so anyone can post one: each attack
 * runs against `NodeWebhook` behind a real `node:http` server on loopback and against
 * `Webhook.handler` as an `@effect/platform` app, and checks that `onEvent` only ever sees Bootpay's
 * own facts, once per state change. The numbers are those of the review that found each defect.
 */
import { afterEach, describe, expect, it } from "vitest"
import {
  bootpayState,
  closeAll,
  type Endpoint,
  eventBody,
  receipt,
  receiptId,
  type Sent,
  targets
} from "./utils/webhookEndpoints.js"

afterEach(closeAll)

/** Sends `bodies` `concurrency` at a time, in order. */
const sendAll = async (endpoint: Endpoint, bodies: ReadonlyArray<string>, concurrency = 25) => {
  const answers: Array<Sent> = []
  for (let start = 0; start < bodies.length; start += concurrency) {
    answers.push(
      ...(await Promise.all(bodies.slice(start, start + concurrency).map((body) => endpoint.send(body))))
    )
  }
  return answers
}

/** What onEvent received, as the verified type and the fields a merchant acts on. */
const seen = (endpoint: Endpoint) =>
  endpoint.events.map(([event]) => [event.webhook_type, event.status, event.cancelled_price])

describe.each(targets)("forged webhooks: $name", (target) => {
  it("#2 a forged body's own fields (order_id, metadata, extra fields) never reach onEvent", async () => {
    const bootpay = bootpayState()
    const truth = receipt()
    const endpoint = await target.start(bootpay)
    const forged = eventBody("PAYMENT_COMPLETED", {
      order_id: "attacker-order",
      metadata: { role: "admin", credit: 1_000_000 },
      card_data: { card_no: "0000****0000" },
      order_name: "free upgrade",
      refund_account: "attacker"
    })
    expect((await endpoint.send(forged)).status).toBe(200)
    expect(endpoint.events).toEqual([[{ ...truth, webhook_type: "PAYMENT_COMPLETED" }, truth]])
  })

  it("#2 a forgery that arrives first cannot take the genuine delivery's place", async () => {
    const bootpay = bootpayState()
    const endpoint = await target.start(bootpay)
    const forged = eventBody("PAYMENT_COMPLETED", { order_id: "attacker-order", metadata: { paid: "twice" } })
    expect((await endpoint.send(forged)).status).toBe(200)
    expect((await endpoint.send(eventBody("PAYMENT_COMPLETED"))).status).toBe(200)
    expect(endpoint.events).toHaveLength(1)
    expect(endpoint.events[0]![0]).toMatchObject({ order_id: "order-1", metadata: { cart: "c-1" } })
  })

  it("a forgery that contradicts Bootpay never runs onEvent, and a mismatch takes no key", async () => {
    const bootpay = bootpayState()
    bootpay.state.receipts.set(
      "62b12f4b6d3e4e0021f5c8a2",
      receipt({ receipt_id: "62b12f4b6d3e4e0021f5c8a2", status: 2 })
    )
    const endpoint = await target.start(bootpay)
    const forgeries: ReadonlyArray<readonly [string, number]> = [
      [eventBody("PAYMENT_COMPLETED", { price: 100 }), 422],
      [eventBody("PAYMENT_CANCELLED", { status: 20, cancelled_price: 15000 }), 422],
      [eventBody("PAYMENT_PARTIAL_CANCELLED", { status: 20, cancelled_price: 3000 }), 422],
      [eventBody("PAYMENT_VIRTUAL_ACCOUNT_ISSUED", { status: 5, method_symbol: "vbank" }), 422],
      [eventBody("PAYMENT_COMPLETED", { receipt_id: "62b12f4b6d3e4e0021f5c8a2" }), 422],
      [eventBody("PAYMENT_COMPLETED", { receipt_id: "62b12f4b6d3e4e0021f5ffff" }), 404],
      [eventBody("SOMETHING_ELSE", { receipt_id: "62b12f4b6d3e4e0021f5c8a2", status: 2 }), 200]
    ]
    for (const [body, status] of forgeries) expect((await endpoint.send(body)).status).toBe(status)
    expect(endpoint.events).toEqual([])
    // The genuine event still runs: no forgery held its key.
    expect((await endpoint.send(eventBody("PAYMENT_COMPLETED"))).status).toBe(200)
    expect(seen(endpoint)).toEqual([["PAYMENT_COMPLETED", 1, 0]])
  })

  it("#3 2,000 replays varying webhook_type and cancelled_price never re-run a genuine event (store capacity 50)", async () => {
    const bootpay = bootpayState()
    const endpoint = await target.start(bootpay, { capacity: 50 })
    expect((await endpoint.send(eventBody("PAYMENT_COMPLETED"))).status).toBe(200)
    bootpay.state.receipts.set(receiptId, receipt({ status: 20, cancelled_price: 5000 }))
    const partial = eventBody("PAYMENT_PARTIAL_CANCELLED", { status: 20, cancelled_price: 5000 })
    expect((await endpoint.send(partial)).status).toBe(200)
    expect(seen(endpoint)).toEqual([
      ["PAYMENT_COMPLETED", 1, 0],
      ["PAYMENT_PARTIAL_CANCELLED", 20, 5000]
    ])
    const types = [
      (i: number) => `PAYMENT_FORGED_${i}`,
      () => "PAYMENT_COMPLETED",
      () => "PAYMENT_PARTIAL_CANCELLED",
      () => undefined,
      (i: number) => `payment_completed\u0000${i}`
    ]
    const flood = Array.from({ length: 2_000 }, (_, i) =>
      eventBody(types[i % types.length]!(i), { status: i % 3 === 0 ? 1 : 20, cancelled_price: i % 5001 })
    )
    const answers = await sendAll(endpoint, flood)
    expect(answers.every((answer) => answer.status === 200 || answer.status === 422)).toBe(true)
    expect(endpoint.events).toHaveLength(2)
    // The genuine deliveries, redelivered after the flood: still processed, so not run again.
    expect((await endpoint.send(eventBody("PAYMENT_COMPLETED"))).status).toBe(200)
    expect((await endpoint.send(partial)).status).toBe(200)
    expect(endpoint.events).toHaveLength(2)
  })

  it("late events: each state change runs once, with Bootpay's state as it is now", async () => {
    const bootpay = bootpayState()
    const endpoint = await target.start(bootpay)
    const completed = eventBody("PAYMENT_COMPLETED")
    const partial = eventBody("PAYMENT_PARTIAL_CANCELLED", { status: 20, cancelled_price: 5000 })
    const cancelled = eventBody("PAYMENT_CANCELLED", { status: 20, cancelled_price: 15000 })
    const legacy = eventBody(undefined, { status: 20, cancelled_price: 15000 })
    // Paid, then 5,000 and then the rest cancelled before any notice got through.
    bootpay.state.receipts.set(receiptId, receipt({ status: 20, cancelled_price: 15000 }))
    for (const body of [partial, completed, cancelled, legacy, completed, partial, cancelled]) {
      expect((await endpoint.send(body)).status).toBe(200)
    }
    // The payment is announced once (its status says it was cancelled since); every cancel notice
    // is about one state, whole: one PAYMENT_CANCELLED.
    expect(seen(endpoint)).toEqual([
      ["PAYMENT_CANCELLED", 20, 15000],
      ["PAYMENT_COMPLETED", 20, 15000]
    ])
  })

  it("in-order events run once each, and replays after later changes do not run them again", async () => {
    const bootpay = bootpayState()
    const endpoint = await target.start(bootpay)
    const completed = eventBody("PAYMENT_COMPLETED")
    const partial = eventBody("PAYMENT_PARTIAL_CANCELLED", { status: 20, cancelled_price: 5000 })
    await endpoint.send(completed)
    bootpay.state.receipts.set(receiptId, receipt({ status: 20, cancelled_price: 5000 }))
    await endpoint.send(partial)
    bootpay.state.receipts.set(receiptId, receipt({ status: 20, cancelled_price: 15000 }))
    for (const body of [completed, partial, completed]) expect((await endpoint.send(body)).status).toBe(200)
    await endpoint.send(eventBody("PAYMENT_CANCELLED", { status: 20, cancelled_price: 15000 }))
    expect(seen(endpoint)).toEqual([
      ["PAYMENT_COMPLETED", 1, 0],
      ["PAYMENT_PARTIAL_CANCELLED", 20, 5000],
      // The late replay of the 5,000 cancel is the full cancel now; the full cancel's own notice is its duplicate.
      ["PAYMENT_CANCELLED", 20, 15000]
    ])
  })

  it("#10 __proto__, constructor and prototype keys are dropped at every depth", async () => {
    const bootpay = bootpayState()
    const endpoint = await target.start(bootpay)
    const body = eventBody("PAYMENT_COMPLETED").replace(
      "{",
      '{"__proto__":{"isAdmin":true,"order_id":42},"metadata":{"constructor":{"prototype":{"x":1}}},'
    )
    expect((await endpoint.send(body)).status).toBe(200)
    expect(Object.getPrototypeOf(endpoint.events[0]![0])).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined()
  })

  it("a body nested deeper than 32 levels is answered 400 without asking Bootpay", async () => {
    const bootpay = bootpayState()
    const endpoint = await target.start(bootpay)
    const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`
    const deep = eventBody("PAYMENT_COMPLETED").replace(
      '"metadata":{"cart":"c-1"}',
      `"metadata":${nested(200_000)}`
    )
    const answer = await endpoint.send(deep)
    expect(answer).toEqual({ status: 400, text: '{"success":false,"error":"WebhookInvalidBody"}' })
    const limit = eventBody("PAYMENT_COMPLETED").replace(
      '"metadata":{"cart":"c-1"}',
      `"metadata":${nested(32)}`
    )
    expect((await endpoint.send(limit)).status).toBe(400)
    expect(bootpay.state.lookups).toBe(0)
    const allowed = eventBody("PAYMENT_COMPLETED").replace(
      '"metadata":{"cart":"c-1"}',
      `"metadata":${nested(31)}`
    )
    expect((await endpoint.send(allowed)).status).toBe(200)
  })

  it("#11a control characters of a forged delivery never reach a log line raw", async () => {
    const bootpay = bootpayState()
    const logs: Array<string> = []
    const endpoint = await target.start(bootpay, { logs })
    const injected = 'X\nlevel=ERROR message="payment 999 refunded"\r\n\u001b[2J'
    await endpoint.send(eventBody(`PAYMENT_COMPLETED${injected}`, { price: 1 }))
    await endpoint.send(eventBody("PAYMENT_COMPLETED", { receipt_id: `${receiptId}${injected}` }))
    await endpoint.send(eventBody(injected, { status: 20 }))
    expect(logs.length).toBeGreaterThanOrEqual(6)
    for (const line of logs) {
      expect(line).not.toMatch(/[\r\n]/)
      expect(line).not.toContain("\u001b")
    }
    expect(logs.some((line) => line.includes("X\\\\nlevel=ERROR") || line.includes("X\\nlevel=ERROR"))).toBe(
      true
    )
  })
})
