/**
 * Attacks on the webhook endpoints. PG webhooks are not signed, so anyone can post one: each attack
 * runs against `NodeWebhook` behind a real `node:http` server on loopback and against
 * `Webhook.handler` as an `@effect/platform` app, and checks that `onEvent` only ever sees Bootpay's
 * own facts, once per state change. The numbers are those of the review that found each defect.
 */
import * as Http from "node:http"
import { Webhook } from "@effect-bootpay/core"
import { NodeWebhook } from "@effect-bootpay/node"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { afterEach, describe, expect, it } from "vitest"
import {
  appTarget,
  bootpayState,
  closeAll,
  type Endpoint,
  eventBody,
  listen,
  nodeTarget,
  post,
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

/** An nginx-style proxy in front of `target`: appends the peer it saw to X-Forwarded-For. */
const appendingProxy = async (target: string): Promise<string> => {
  const server = Http.createServer((req, res) => {
    const peer = req.socket.remoteAddress ?? ""
    const prior = req.headers["x-forwarded-for"]
    const forwarded = prior === undefined ? peer : `${prior}, ${peer}`
    const upstream = Http.request(
      target,
      { method: req.method, headers: { ...req.headers, "x-forwarded-for": forwarded } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      }
    )
    upstream.on("error", () => res.writeHead(502).end())
    req.pipe(upstream)
  })
  return listen(server, new URL(target).pathname)
}

/** `hops` appending proxies in front of `url`; answers the outermost URL. */
const proxyChain = async (url: string, hops: number): Promise<string> => {
  let front = url
  for (let hop = 0; hop < hops; hop++) front = await appendingProxy(front)
  return front
}

// On loopback, "Bootpay" sends from 127.0.0.2 and the attacker from 127.0.0.3; the proxies from 127.0.0.1.
const bootpayAddress = "127.0.0.2"
const attackerAddress = "127.0.0.3"

describe("#4 X-Forwarded-For behind appending proxies: NodeWebhook over loopback", () => {
  const cases = [
    ["trustProxy: true (one proxy)", true, 1],
    ["trustProxy: 1", 1, 1],
    ["trustProxy: 2 (two proxies)", 2, 2],
    ["trustProxy: the proxies' own range", ["127.0.0.1"], 2]
  ] as const
  for (const [name, trustProxy, hops] of cases) {
    it(`${name}: the attacker's own entry is refused, Bootpay's delivery accepted`, async () => {
      const bootpay = bootpayState()
      const endpoint = await nodeTarget.start(bootpay, {
        checkSender: true,
        trustProxy,
        allowedRanges: [`${bootpayAddress}/32`]
      })
      const front = await proxyChain(endpoint.url!, hops)
      const body = eventBody("PAYMENT_COMPLETED")
      const spoofed = await post(front, body, {
        from: attackerAddress,
        headers: { "x-forwarded-for": `${bootpayAddress}, ${bootpayAddress}` }
      })
      expect(spoofed.status).toBe(403)
      expect(bootpay.state.lookups).toBe(0)
      expect((await post(front, body, { from: bootpayAddress })).status).toBe(200)
      expect(endpoint.events).toHaveLength(1)
    })
  }

  it("a delivery that bypassed the proxy (fewer entries than trusted hops) is refused", async () => {
    const bootpay = bootpayState()
    const endpoint = await nodeTarget.start(bootpay, {
      checkSender: true,
      trustProxy: 1,
      allowedRanges: ["127.0.0.0/8"]
    })
    expect((await post(endpoint.url!, eventBody("PAYMENT_COMPLETED"), { from: bootpayAddress })).status).toBe(
      403
    )
  })
})

describe("#4 X-Forwarded-For as appending proxies write it: Webhook.handler", () => {
  it("n hops: the n-th entry from the right is the sender", async () => {
    const bootpay = bootpayState()
    const one = await appTarget.start(bootpay, { checkSender: true, trustProxy: 1 })
    const body = eventBody("PAYMENT_COMPLETED")
    const through = (forwardedFor: string) => ({
      from: "10.0.0.1",
      headers: { "x-forwarded-for": forwardedFor }
    })
    expect((await one.send(body, through("223.130.82.4, 198.51.100.7"))).status).toBe(403)
    expect((await one.send(body, through("223.130.82.4"))).status).toBe(200)
    const legacy = await appTarget.start(bootpay, { checkSender: true, trustProxy: true })
    expect((await legacy.send(body, through("223.130.82.4, 198.51.100.7"))).status).toBe(403)
    const two = await appTarget.start(bootpay, { checkSender: true, trustProxy: 2 })
    expect((await two.send(body, through("223.130.82.4, 198.51.100.7, 10.0.0.2"))).status).toBe(403)
    expect((await two.send(body, through("198.51.100.7, 223.130.82.4, 10.0.0.2"))).status).toBe(200)
    expect((await two.send(body, through("223.130.82.4"))).status).toBe(403)
    const ranges = await appTarget.start(bootpay, { checkSender: true, trustProxy: ["10.0.0.0/8"] })
    expect((await ranges.send(body, through("223.130.82.4, 198.51.100.7, 10.0.0.2"))).status).toBe(403)
    expect((await ranges.send(body, through("198.51.100.7, 223.130.82.4, 10.0.0.2"))).status).toBe(200)
    // The peer is not a trusted proxy: the header is ignored.
    expect(
      (await ranges.send(body, { from: "198.51.100.9", headers: { "x-forwarded-for": "223.130.82.4" } }))
        .status
    ).toBe(403)
  })
})

describe("#5 a malformed address range is a configuration error when the endpoint is built", () => {
  const malformed = [
    "223.130.82.0/",
    "223.130.82.0/33",
    "223.130.82.0/8x",
    "223.130.82",
    "223.130.82.4/24",
    "223.130.082.0/24",
    "",
    "::ffff:223.130.82.0/95"
  ]
  for (const range of malformed) {
    it(`refuses ${JSON.stringify(range)} in NodeWebhook.make and Webhook.handler`, async () => {
      const bootpay = bootpayState()
      const options = { checkSender: true, allowedRanges: ["10.0.0.0/8", range] }
      const make = () => NodeWebhook.make({ layer: bootpay.layer, onEvent: () => {}, ...options })
      expect(make).toThrow(`allowedRanges[1]: ${JSON.stringify(range)}`)
      expect(make).toThrow(Webhook.WebhookInvalidOptions)
      const built = await Effect.runPromise(Effect.either(Webhook.handler(() => Effect.void, options)))
      expect(Either.isLeft(built) && built.left._tag).toBe("WebhookInvalidOptions")
    })
  }

  it("refuses a bad proxy count or proxy range too", () => {
    for (const trustProxy of [-1, 1.5, Number.NaN, ["10.0.0.0/"]]) {
      expect(() => NodeWebhook.make({ layer: bootpayState().layer, onEvent: () => {}, trustProxy })).toThrow(
        "trustProxy"
      )
    }
  })
})

const megabyte = 1024 * 1024

/** A body of `total` bytes made on demand, counting what the reader pulled. */
const lazyBody = (total: number) => {
  const chunk = new Uint8Array(64 * 1024).fill(0x20)
  const counter = { pulled: 0 }
  const stream = new ReadableStream<Uint8Array>({
    pull: (controller) => {
      if (counter.pulled >= total) {
        controller.close()
        return
      }
      counter.pulled += chunk.length
      controller.enqueue(chunk)
    }
  })
  return { stream, counter }
}

/** Settles `promise`, or fails after `millis`: an endpoint that waits forever fails the test instead of hanging it. */
const within = <A>(promise: Promise<A>, millis: number): Promise<A> =>
  Promise.race([
    promise,
    new Promise<A>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer within ${millis} ms`)), millis)
    )
  ])

describe("#6 body limits and read deadlines: Webhook.handler", () => {
  const request = (body: ReadableStream<Uint8Array> | string, headers: Record<string, string> = {}) =>
    new Request("http://merchant.test/bootpay/webhook", {
      method: "POST",
      body,
      headers: { "content-type": "application/json", ...headers },
      duplex: "half"
    } as RequestInit)

  it("a 32 MiB body is refused 413 after reading about 1 MiB of it", async () => {
    const endpoint = await appTarget.start(bootpayState())
    const { stream, counter } = lazyBody(32 * megabyte)
    const answer = await within(endpoint.serve!(request(stream)), 10_000)
    expect(answer).toEqual({ status: 413, text: '{"success":false,"error":"WebhookBodyTooLarge"}' })
    expect(counter.pulled).toBeLessThanOrEqual(megabyte + 3 * 64 * 1024)
  })

  it("a declared Content-Length above the limit is refused before reading anything", async () => {
    const endpoint = await appTarget.start(bootpayState())
    const { stream, counter } = lazyBody(10 * megabyte)
    const answer = await endpoint.serve!(request(stream, { "content-length": String(10 * megabyte) }))
    expect(answer.status).toBe(413)
    // A stream fills its first chunk by itself; nothing more was asked for.
    expect(counter.pulled).toBeLessThanOrEqual(2 * 64 * 1024)
  })

  it("maxBodyBytes sets the limit", async () => {
    const endpoint = await appTarget.start(bootpayState(), { maxBodyBytes: 1000 })
    const large = eventBody("PAYMENT_COMPLETED", { order_name: "x".repeat(2000) })
    expect((await endpoint.send(large)).status).toBe(413)
    expect((await endpoint.send(eventBody("PAYMENT_COMPLETED"))).status).toBe(200)
  })

  it("a body that never ends is answered 408 at the read deadline", async () => {
    const endpoint = await appTarget.start(bootpayState(), { readTimeout: "300 millis" })
    const stream = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(new TextEncoder().encode('{"receipt_id":')),
      pull: () => new Promise(() => {})
    })
    const started = Date.now()
    const answer = await within(endpoint.serve!(request(stream)), 3_000)
    expect(answer).toEqual({ status: 408, text: '{"success":false,"error":"WebhookBodyTimeout"}' })
    expect(Date.now() - started).toBeLessThan(2_000)
  })
})

/** Streams `total` bytes to `url`, answering what the server said (the server may close before the end). */
const streamTo = (
  url: string,
  total: number,
  pace?: { readonly bytes: number; readonly everyMillis: number }
) =>
  new Promise<Sent & { readonly sent: number }>((resolve, reject) => {
    let sent = 0
    let stopped = false
    const request = Http.request(url, { method: "POST", headers: { "content-type": "application/json" } })
    request.on("response", (response) => {
      const chunks: Array<Buffer> = []
      response.on("data", (chunk: Buffer) => chunks.push(chunk))
      response.on("end", () => {
        stopped = true
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8"), sent })
      })
    })
    request.on("error", (error) => {
      stopped = true
      reject(error)
    })
    const chunk = Buffer.alloc(pace?.bytes ?? 64 * 1024, 0x20)
    const pump = () => {
      while (!stopped && sent < total) {
        sent += chunk.length
        if (pace !== undefined) {
          request.write(chunk)
          setTimeout(pump, pace.everyMillis)
          return
        }
        if (!request.write(chunk)) {
          request.once("drain", pump)
          return
        }
      }
      if (!stopped) request.end()
    }
    request.write("{")
    pump()
  })

describe("#6 body limits and read deadlines: NodeWebhook over loopback", () => {
  it("a 32 MiB body is refused 413 long before it is all sent", async () => {
    const endpoint = await nodeTarget.start(bootpayState())
    const answer = await within(
      streamTo(endpoint.url!, 32 * megabyte).catch((error: Error) => ({
        status: 0,
        text: error.message,
        sent: -1
      })),
      10_000
    )
    expect(answer.status).toBe(413)
    expect(answer.sent).toBeLessThan(16 * megabyte)
  })

  it("a body trickling in is answered 408 at the read deadline, whatever Node's own request timeout", async () => {
    const endpoint = await nodeTarget.start(bootpayState(), { readTimeout: "300 millis" })
    const started = Date.now()
    const answer = await within(streamTo(endpoint.url!, 1000, { bytes: 1, everyMillis: 20 }), 3_000)
    expect(answer).toMatchObject({ status: 408, text: '{"success":false,"error":"WebhookBodyTimeout"}' })
    expect(Date.now() - started).toBeLessThan(2_000)
  })
})
