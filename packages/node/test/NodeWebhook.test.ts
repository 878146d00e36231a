/**
 * `NodeWebhook` behind a real `node:http` server on loopback: raw bodies, bodies an Express parser
 * already consumed, both ways of reaching Bootpay (Promise client, layer), the sender check, custom
 * stores, and the answers Bootpay acts on. Bootpay itself is an in-memory HttpClient answering
 * `GET /receipt/{id}` from a map (`utils/webhookEndpoints.ts`), so these tests need no fake server.
 * The attacks on both webhook endpoints are in `webhookAttacks.test.ts`.
 */
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import { type Receipt, Webhook } from "@effect-bootpay/core"
import { NodeWebhook } from "@effect-bootpay/node"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { afterEach, describe, expect, it } from "vitest"
import { bootpayState, cleanups, closeAll, eventBody, receipt, receiptId } from "./utils/webhookEndpoints.js"

afterEach(closeAll)

type Middleware = (req: Http.IncomingMessage & { body?: unknown; _body?: boolean }) => Promise<void>

/** Serves `handler` on loopback, after an optional body-parser-like middleware. */
const serve = async (handler: NodeWebhook.Handler, before?: Middleware) => {
  const server = Http.createServer((req, res) => {
    void (before === undefined ? Promise.resolve() : before(req)).then(() => handler(req, res))
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  cleanups.push(async () => {
    await handler.dispose()
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })
  const url = `http://127.0.0.1:${port}/bootpay/webhook`
  return async (body: string, headers: Record<string, string> = {}) => {
    const response = await fetch(url, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", ...headers }
    })
    return { status: response.status, text: await response.text() }
  }
}

/** Reads the stream like `express.json()` / `express.urlencoded()` / `express.raw()` do. */
const parser =
  (parse: (text: string) => unknown): Middleware =>
  async (req) => {
    const chunks: Array<Buffer> = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    req.body = parse(Buffer.concat(chunks).toString("utf8"))
    req._body = true
  }

const openRanges = { allowedRanges: ["127.0.0.1"] }

describe("NodeWebhook with a Promise client", () => {
  it('reads the raw body, verifies with Bootpay and answers exactly {"success":true}', async () => {
    const bootpay = bootpayState()
    bootpay.state.receipts.set(receiptId, receipt({ status: 20, cancelled_price: 15000 }))
    const seen: Array<[string, number, number | null | undefined]> = []
    const send = await serve(
      NodeWebhook.make({
        bootpay: bootpay.promiseClient(),
        onEvent: async (event, truth) => {
          seen.push([event.webhook_type, truth.status, truth.cancelled_price])
        }
      })
    )
    const answer = await send(eventBody("PAYMENT_COMPLETED"))
    expect(answer).toEqual({ status: 200, text: '{"success":true}' })
    expect(seen).toEqual([["PAYMENT_COMPLETED", 20, 15000]])
    expect(bootpay.state.lookups).toBe(1)
  })

  it("processes an event once; a failing handler answers 500 so the redelivery processes it", async () => {
    const bootpay = bootpayState()
    let calls = 0
    const send = await serve(
      NodeWebhook.make({
        bootpay: bootpay.promiseClient(),
        onEvent: () => {
          calls++
          if (calls === 1) throw new Error("connection to the orders database lost")
        }
      })
    )
    const body = eventBody("PAYMENT_COMPLETED")
    const failed = await send(body)
    expect(failed.status).toBe(500)
    expect(JSON.parse(failed.text)).toEqual({ success: false, error: "EventHandlerFailed" })
    expect(failed.text).not.toContain("database")
    expect(await send(body)).toEqual({ status: 200, text: '{"success":true}' })
    expect(await send(body)).toEqual({ status: 200, text: '{"success":true}' })
    expect(calls).toBe(2)
  })

  it("a concurrent duplicate is answered 409 while the first is processed", async () => {
    const bootpay = bootpayState()
    let runs = 0
    let unblock: () => void = () => {}
    const gate = new Promise<void>((resolve) => {
      unblock = resolve
    })
    const send = await serve(
      NodeWebhook.make({
        bootpay: bootpay.promiseClient(),
        onEvent: async () => {
          runs++
          await gate
        }
      })
    )
    const body = eventBody("PAYMENT_COMPLETED")
    const first = send(body)
    while (runs === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    const second = await send(body)
    expect(second.status).toBe(409)
    unblock()
    expect((await first).status).toBe(200)
    expect((await send(body)).status).toBe(200)
    expect(runs).toBe(1)
  })

  it("answers a forged event 422, an unknown receipt 404 and an undecodable body 400", async () => {
    const bootpay = bootpayState()
    let runs = 0
    const send = await serve(
      NodeWebhook.make({
        bootpay: bootpay.promiseClient(),
        onEvent: () => {
          runs++
        }
      })
    )
    const forged = await send(eventBody("PAYMENT_COMPLETED", { price: 100 }))
    expect(forged.status).toBe(422)
    expect(forged.text).not.toContain("15000")
    expect((await send(eventBody("PAYMENT_COMPLETED", { receipt_id: "nope" }))).status).toBe(404)
    expect((await send("{not json")).status).toBe(400)
    expect(runs).toBe(0)
  })

  it("answers 413 to a body above maxBodyBytes", async () => {
    const send = await serve(
      NodeWebhook.make({ bootpay: bootpayState().promiseClient(), onEvent: () => {}, maxBodyBytes: 100 })
    )
    expect((await send(eventBody("PAYMENT_COMPLETED"))).status).toBe(413)
  })
})

describe("NodeWebhook behind a body parser", () => {
  it("uses req.body after express.json() consumed the stream", async () => {
    const bootpay = bootpayState()
    const types: Array<string> = []
    const send = await serve(
      NodeWebhook.make({ layer: bootpay.layer, onEvent: (event) => void types.push(event.webhook_type) }),
      parser((text) => JSON.parse(text))
    )
    expect((await send(eventBody("PAYMENT_COMPLETED"))).status).toBe(200)
    expect(types).toEqual(["PAYMENT_COMPLETED"])
  })

  it("uses req.body after express.urlencoded() consumed a form body, coercing its strings", async () => {
    const bootpay = bootpayState()
    const prices: Array<number | null | undefined> = []
    const send = await serve(
      NodeWebhook.make({ layer: bootpay.layer, onEvent: (event) => void prices.push(event.price) }),
      parser((text) => {
        // express.urlencoded({ extended: true }) nests bracket keys the same way.
        const body: Record<string, unknown> = {}
        for (const [key, value] of new URLSearchParams(text)) {
          const nested = /^(\w+)\[(\w+)\]$/.exec(key)
          if (nested === null) body[key] = value
          else body[nested[1]!] = { ...(body[nested[1]!] as object), [nested[2]!]: value }
        }
        return body
      })
    )
    const form = `receipt_id=${receiptId}&price=15000&status=1&webhook_type=PAYMENT_COMPLETED&card_data%5Bcard_no%5D=9435`
    const answer = await send(form, { "content-type": "application/x-www-form-urlencoded" })
    expect(answer.status).toBe(200)
    expect(prices).toEqual([15000])
  })

  it("uses a raw Buffer body (express.raw())", async () => {
    const bootpay = bootpayState()
    let runs = 0
    const send = await serve(
      NodeWebhook.make({
        layer: bootpay.layer,
        onEvent: () => {
          runs++
        }
      }),
      parser((text) => Buffer.from(text))
    )
    expect((await send(eventBody("PAYMENT_COMPLETED"))).status).toBe(200)
    expect(runs).toBe(1)
  })
})

describe("NodeWebhook sender check and stores", () => {
  it("refuses senders outside the allowed ranges, reading X-Forwarded-For only behind a trusted proxy", async () => {
    const bootpay = bootpayState()
    const client = bootpay.promiseClient()
    const strict = await serve(NodeWebhook.make({ bootpay: client, onEvent: () => {}, checkSender: true }))
    expect((await strict(eventBody("PAYMENT_COMPLETED"))).status).toBe(403)
    expect((await strict(eventBody("PAYMENT_COMPLETED"), { "x-forwarded-for": "223.130.82.4" })).status).toBe(
      403
    )
    expect(bootpay.state.lookups).toBe(0)

    const proxied = await serve(
      NodeWebhook.make({ bootpay: client, onEvent: () => {}, checkSender: true, trustProxy: 1 })
    )
    expect(
      (await proxied(eventBody("PAYMENT_COMPLETED"), { "x-forwarded-for": "223.130.82.4" })).status
    ).toBe(200)
    // The client wrote Bootpay's address; the proxy appended the client's own.
    expect(
      (
        await proxied(eventBody("PAYMENT_COMPLETED"), {
          "x-forwarded-for": "223.130.82.4, 198.51.100.7"
        })
      ).status
    ).toBe(403)

    const local = await serve(
      NodeWebhook.make({ bootpay: client, onEvent: () => {}, checkSender: true, ...openRanges })
    )
    expect((await local(eventBody("PAYMENT_COMPLETED"))).status).toBe(200)
  })

  it("plugs a Promise store: its keys are the idempotency keys, and a busy claim answers 409", async () => {
    const bootpay = bootpayState()
    const calls: Array<string> = []
    const done = new Set<string>()
    let busy = false
    const store: NodeWebhook.Store = {
      claim: async (key) => {
        calls.push(`claim ${key}`)
        if (busy) throw new Webhook.WebhookInProgress({ key })
        return !done.has(key)
      },
      complete: async (key) => {
        calls.push(`complete ${key}`)
        done.add(key)
      },
      release: async (key) => {
        calls.push(`release ${key}`)
      }
    }
    const send = await serve(NodeWebhook.make({ bootpay: bootpay.promiseClient(), onEvent: () => {}, store }))
    const body = eventBody("PAYMENT_COMPLETED")
    expect((await send(body)).status).toBe(200)
    expect((await send(body)).status).toBe(200)
    busy = true
    expect((await send(body)).status).toBe(409)
    const key = `${receiptId}:PAYMENT_COMPLETED:0`
    expect(calls).toEqual([`claim ${key}`, `complete ${key}`, `claim ${key}`, `claim ${key}`])
  })

  it("plugs an Effect store layer", async () => {
    const bootpay = bootpayState()
    const claimed: Array<string> = []
    const store = Layer.succeed(Webhook.WebhookStore, {
      claim: (key) => Effect.sync(() => claimed.push(key)).pipe(Effect.as(true)),
      complete: () => Effect.void,
      release: () => Effect.void
    })
    const received: Array<Receipt.Receipt> = []
    const send = await serve(
      NodeWebhook.make({ layer: bootpay.layer, store, onEvent: (_event, truth) => void received.push(truth) })
    )
    const body = eventBody("PAYMENT_PARTIAL_CANCELLED", { status: 20, cancelled_price: 0 })
    bootpay.state.receipts.set(receiptId, receipt({ status: 20, cancelled_price: 4000 }))
    expect((await send(body)).status).toBe(200)
    expect((await send(body)).status).toBe(200)
    // The key holds Bootpay's cumulative cancelled amount, not the body's.
    expect(claimed).toEqual([
      `${receiptId}:PAYMENT_PARTIAL_CANCELLED:4000`,
      `${receiptId}:PAYMENT_PARTIAL_CANCELLED:4000`
    ])
    expect(received.map((truth) => truth.cancelled_price)).toEqual([4000, 4000])
  })
})
