/**
 * The fake's webhook deliveries (one per receipt state change, JSON or form, Bootpay's retries), the
 * verification of events against the fake's receipts, and the whole loop: a real cancel through the
 * Promise client, a delivery over loopback, `NodeWebhook` verifying it against the fake and running
 * the merchant's handler once.
 */
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import { describe, expect, it } from "@effect/vitest"
import { Receipt, Webhook } from "@effect-bootpay/core"
import { Bootpay, NodeWebhook } from "@effect-bootpay/node"
import { FakeBootpay, FakeServer, FakeStore, type WebhookDelivery } from "@effect-bootpay/testing"
import * as Effect from "effect/Effect"
import { afterEach } from "vitest"

interface Received {
  readonly contentType: string | undefined
  readonly body: string
}

type Respond = (received: Received, index: number) => { status: number; body: string } | "hang"

/** A loopback receiver recording every delivery and answering with `respond`. */
const receiver = async (respond: Respond = () => ({ status: 200, body: '{"success":true}' })) => {
  const received: Array<Received> = []
  const server = Http.createServer((request, response) => {
    const chunks: Array<Buffer> = []
    request.on("data", (chunk: Buffer) => chunks.push(chunk))
    request.on("end", () => {
      const entry = {
        contentType: request.headers["content-type"],
        body: Buffer.concat(chunks).toString("utf8")
      }
      received.push(entry)
      const answer = respond(entry, received.length - 1)
      if (answer === "hang") return
      response.writeHead(answer.status, { "content-type": "application/json" })
      response.end(answer.body)
    })
  })
  return { ...(await listen(server)), received }
}

const servers: Array<{ close: () => Promise<void> }> = []

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

const listen = async (server: Http.Server) => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  const handle = {
    url: `http://127.0.0.1:${port}/bootpay/webhook`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
  servers.push(handle)
  return handle
}

const fakeWith = async (options: FakeServer.Options) => {
  const fake = await FakeServer.start(options)
  const bootpay = Bootpay.make({ baseUrl: fake.url, clientKey: "test", secretKey: "test", retry: 0 })
  servers.push({
    close: async () => {
      fake.store.webhooks.stop()
      await bootpay.dispose()
      await fake.close()
    }
  })
  return { fake, bootpay, store: fake.store }
}

const fast = { intervalMillis: 5, timeoutMillis: 2_000 } as const

const summary = (deliveries: ReadonlyArray<WebhookDelivery>) =>
  deliveries.map((delivery) => [delivery.webhookType, delivery.status, delivery.attempts.length])

describe("FakeServer webhook deliveries", () => {
  it("sends one event per receipt state change, as JSON with the receipt as of that change", async () => {
    const target = await receiver()
    const { store, bootpay } = await fakeWith({ webhookUrl: target.url, webhook: fast })
    const pending = store.createReceipt({ status: 2, price: 10_000 })
    expect(store.webhookDeliveries).toHaveLength(0)
    await bootpay.receipt.confirm(pending.receipt_id)
    await bootpay.receipt.cancel({ receipt_id: pending.receipt_id, cancel_price: 3000, cancel_id: "c-1" })
    await bootpay.receipt.cancel({ receipt_id: pending.receipt_id })
    const vbank = store.createReceipt({ status: 5, method_symbol: "vbank" })
    await store.webhooks.settled()
    expect(summary(store.webhookDeliveries)).toEqual([
      ["PAYMENT_COMPLETED", "succeeded", 1],
      ["PAYMENT_PARTIAL_CANCELLED", "succeeded", 1],
      ["PAYMENT_CANCELLED", "succeeded", 1],
      ["PAYMENT_VIRTUAL_ACCOUNT_ISSUED", "succeeded", 1]
    ])
    const bodies = store.webhookDeliveries.map(
      (delivery) => JSON.parse(delivery.body) as Record<string, unknown>
    )
    expect(target.received).toHaveLength(4)
    expect(target.received.every((entry) => entry.contentType === "application/json")).toBe(true)
    expect(bodies.map((body) => [body.webhook_type, body.status, body.cancelled_price])).toEqual([
      ["PAYMENT_COMPLETED", 1, 0],
      ["PAYMENT_PARTIAL_CANCELLED", 20, 3000],
      ["PAYMENT_CANCELLED", 20, 10_000],
      ["PAYMENT_VIRTUAL_ACCOUNT_ISSUED", 5, 0]
    ])
    expect(bodies[3]).toMatchObject({ receipt_id: vbank.receipt_id, method_symbol: "vbank" })
    expect(store.webhookDeliveries[0]!.receiptId).toBe(pending.receipt_id)
  })

  it("a payment made in the browser (status 1) is announced; states without an event are not", async () => {
    const target = await receiver()
    const { store } = await fakeWith({ webhookUrl: target.url, webhook: fast })
    store.createReceipt({ status: 2 })
    store.createReceipt({ status: 11 })
    const paid = store.createReceipt()
    await store.webhooks.settled()
    expect(summary(store.webhookDeliveries)).toEqual([["PAYMENT_COMPLETED", "succeeded", 1]])
    expect(store.webhookDeliveries[0]!.receiptId).toBe(paid.receipt_id)
  })

  it("delivers on demand, typed by the receipt's status or explicitly", async () => {
    const target = await receiver()
    const { store } = await fakeWith({ webhook: fast })
    const paid = store.createReceipt({ price: 5000 })
    expect(store.webhookDeliveries).toHaveLength(0)
    await expect(store.deliverWebhook(paid.receipt_id)).rejects.toThrow("no webhook URL")
    store.webhooks.configure(target.url)
    const derived = await store.deliverWebhook(paid.receipt_id)
    expect(derived).toMatchObject({ webhookType: "PAYMENT_COMPLETED", status: "succeeded" })
    const failed = await store.deliverWebhook(paid.receipt_id, "PAYMENT_CONFIRM_FAILED")
    expect(JSON.parse(failed.body)).toMatchObject({ webhook_type: "PAYMENT_CONFIRM_FAILED", price: 5000 })
    await expect(store.deliverWebhook("missing")).rejects.toThrow("no receipt")
    expect(target.received).toHaveLength(2)
  })

  it("form format: bracket keys for objects, and the SDK decodes it back to the receipt", async () => {
    const target = await receiver()
    const { store } = await fakeWith({ webhookUrl: target.url, webhook: { ...fast, format: "form" } })
    const paid = store.createReceipt({ price: 7000, metadata: { items: ["a", "b"] } })
    await store.webhooks.settled()
    const [entry] = target.received
    expect(entry!.contentType).toBe("application/x-www-form-urlencoded")
    expect(entry!.body).toContain("card_data%5Bcard_no%5D=")
    const event = await Effect.runPromise(Webhook.decode(entry!.body, entry!.contentType))
    expect(event).toMatchObject({ ...paid, webhook_type: "PAYMENT_COMPLETED" })
    expect(event.metadata).toEqual({ items: ["a", "b"] })
  })

  it('redelivers until HTTP 200 with exactly {"success": true}', async () => {
    const answers = [
      { status: 500, body: '{"success":true}' },
      { status: 200, body: '{"success":false}' },
      { status: 201, body: '{"success":true}' },
      { status: 200, body: "OK" },
      { status: 200, body: '{"success": true}' }
    ]
    const target = await receiver((_entry, index) => answers[index] ?? answers[4]!)
    const { store } = await fakeWith({ webhookUrl: target.url, webhook: fast })
    store.createReceipt()
    await store.webhooks.settled()
    const [delivery] = store.webhookDeliveries
    expect(delivery!.status).toBe("succeeded")
    expect(delivery!.attempts.map((attempt) => [attempt.status, attempt.success])).toEqual([
      [500, false],
      [200, false],
      [201, false],
      [200, false],
      [200, true]
    ])
    expect(new Set(target.received.map((entry) => entry.body)).size).toBe(1)
  })

  it("gives up after the configured attempts (timeouts count as failures)", async () => {
    const failing = await receiver(() => ({ status: 503, body: "" }))
    const { store } = await fakeWith({ webhookUrl: failing.url, webhook: { ...fast, attempts: 3 } })
    store.createReceipt()
    await store.webhooks.settled()
    expect(summary(store.webhookDeliveries)).toEqual([["PAYMENT_COMPLETED", "failed", 3]])
    expect(failing.received).toHaveLength(3)

    const silent = await receiver(() => "hang")
    store.webhooks.configure(silent.url, { attempts: 2, timeoutMillis: 50 })
    const delivery = await store.deliverWebhook(
      store.createReceipt({ status: 2 }).receipt_id,
      "PAYMENT_COMPLETED"
    )
    expect(delivery.status).toBe("failed")
    expect(delivery.attempts.map((attempt) => attempt.error)).toEqual(["TimeoutError", "TimeoutError"])
  })

  it("stop() ends pending redeliveries as failed; later changes are delivered again", async () => {
    let failing = true
    const target = await receiver(() =>
      failing ? { status: 500, body: "" } : { status: 200, body: '{"success":true}' }
    )
    const { store } = await fakeWith({ webhookUrl: target.url, webhook: { intervalMillis: 60_000 } })
    store.createReceipt()
    while (store.webhookDeliveries[0]?.attempts.length !== 1)
      await new Promise((resolve) => setTimeout(resolve, 5))
    store.webhooks.stop()
    await store.webhooks.settled()
    expect(summary(store.webhookDeliveries)).toEqual([["PAYMENT_COMPLETED", "failed", 1]])
    failing = false
    store.createReceipt()
    await store.webhooks.settled()
    expect(summary(store.webhookDeliveries).at(-1)).toEqual(["PAYMENT_COMPLETED", "succeeded", 1])
  })

  it("defaults to Bootpay's 10 attempts", async () => {
    const failing = await receiver(() => ({ status: 500, body: "" }))
    const { store } = await fakeWith({ webhookUrl: failing.url, webhook: { intervalMillis: 1 } })
    store.createReceipt()
    await store.webhooks.settled()
    expect(summary(store.webhookDeliveries)).toEqual([["PAYMENT_COMPLETED", "failed", 10]])
  })

  it("never holds the API answer back, and delivers to loopback only", async () => {
    const target = await receiver(() => "hang")
    const { store, bootpay } = await fakeWith({
      webhookUrl: target.url,
      webhook: { ...fast, timeoutMillis: 30_000 }
    })
    const paid = store.createReceipt({ status: 2 })
    const confirmed = await bootpay.receipt.confirm(paid.receipt_id)
    expect(confirmed.status).toBe(1)
    expect(store.webhookDeliveries.every((delivery) => delivery.status === "pending")).toBe(true)
    expect(() => new FakeStore({ webhookUrl: "http://example.com/hook" })).toThrow("loopback")
    expect(() => store.webhooks.configure("http://10.0.0.1/hook")).toThrow("loopback")
  })
})

describe("Webhook.verify against FakeBootpay", () => {
  const eventOf = (receipt: Record<string, unknown>, type: string, fields: Record<string, unknown> = {}) =>
    Webhook.decode(JSON.stringify({ ...receipt, ...fields, webhook_type: type }))

  it.effect("accepts the store's receipt, and an older event after a real cancel", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const paid = store.createReceipt({ price: 8000 })
      const completed = yield* eventOf(paid, "PAYMENT_COMPLETED")
      expect((yield* Webhook.verify(completed)).status).toBe(1)
      yield* Receipt.cancel({ receipt_id: paid.receipt_id, cancel_price: 2000, cancel_id: "c-1" })
      const truth = yield* Webhook.verify(completed)
      expect(truth).toMatchObject({ status: 20, cancelled_price: 2000 })
      const partial = yield* eventOf(store.getReceipt(paid.receipt_id)!, "PAYMENT_PARTIAL_CANCELLED")
      expect((yield* Webhook.verify(partial)).cancelled_price).toBe(2000)
    }).pipe(Effect.provide(FakeBootpay.layer()))
  )

  it.effect("refuses each kind of disagreement with the store", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const paid = store.createReceipt({ price: 8000 })
      const vbank = store.createReceipt({ status: 5, method_symbol: "vbank", price: 30_000 })
      const mismatch = (
        receipt: Record<string, unknown>,
        type: string,
        fields: Record<string, unknown> = {}
      ) => Effect.flatMap(eventOf(receipt, type, fields), (event) => Effect.flip(Webhook.verify(event)))
      expect(yield* mismatch(paid, "PAYMENT_COMPLETED", { price: 80 })).toMatchObject({
        _tag: "WebhookMismatch",
        field: "price",
        eventValue: 80,
        bootpayValue: 8000
      })
      expect(yield* mismatch(vbank, "PAYMENT_COMPLETED", { status: 1 })).toMatchObject({
        field: "status",
        eventValue: 1,
        bootpayValue: 5
      })
      expect(
        yield* mismatch(paid, "PAYMENT_PARTIAL_CANCELLED", { status: 20, cancelled_price: 500 })
      ).toMatchObject({ field: "status", eventValue: 20, bootpayValue: 1 })
      yield* Receipt.cancel({ receipt_id: paid.receipt_id, cancel_price: 500 })
      expect(
        yield* mismatch(paid, "PAYMENT_PARTIAL_CANCELLED", { status: 20, cancelled_price: 900 })
      ).toMatchObject({ field: "cancelled_price", eventValue: 900, bootpayValue: 500 })
      expect(yield* mismatch(paid, "PAYMENT_CANCELLED", { status: 20, cancelled_price: 500 })).toMatchObject({
        field: "cancelled_price",
        bootpayValue: 500
      })
      expect(yield* mismatch({ ...paid, receipt_id: "forged" }, "PAYMENT_COMPLETED")).toMatchObject({
        _tag: "NotFound"
      })
    }).pipe(Effect.provide(FakeBootpay.layer()))
  )
})

describe("end to end: FakeServer -> NodeWebhook over loopback", () => {
  const merchant = async (
    bootpay: Bootpay.Bootpay,
    onEvent: (event: Webhook.Event, receipt: Receipt.Receipt) => Promise<void>
  ) => {
    const handler = NodeWebhook.make({ bootpay, onEvent })
    const server = Http.createServer((req, res) => void handler(req, res))
    const listening = await listen(server)
    servers.push({ close: handler.dispose })
    return listening
  }

  it("a real partial cancel reaches the merchant's handler once, with Bootpay's receipt", async () => {
    const { store, bootpay } = await fakeWith({ webhook: fast })
    const seen: Array<[string, number | null | undefined, number]> = []
    const site = await merchant(bootpay, async (event, receipt) => {
      seen.push([event.webhook_type, receipt.cancelled_price, receipt.status])
    })
    store.webhooks.configure(site.url)
    const paid = store.createReceipt({ price: 1000 })
    await store.webhooks.settled()
    await bootpay.receipt.cancel({ receipt_id: paid.receipt_id, cancel_price: 300, cancel_id: "c-1" })
    await store.webhooks.settled()
    expect(seen).toEqual([
      ["PAYMENT_COMPLETED", 0, 1],
      ["PAYMENT_PARTIAL_CANCELLED", 300, 20]
    ])
    expect(summary(store.webhookDeliveries)).toEqual([
      ["PAYMENT_COMPLETED", "succeeded", 1],
      ["PAYMENT_PARTIAL_CANCELLED", "succeeded", 1]
    ])
    // A repeated delivery is acknowledged without running the handler again.
    await store.deliverWebhook(paid.receipt_id)
    expect(store.webhookDeliveries.at(-1)).toMatchObject({ status: "succeeded" })
    expect(seen).toHaveLength(2)
    expect(store.requestsFor("Receipt.lookup").length).toBeGreaterThanOrEqual(2)
  })

  it("a failing handler is answered non-200 and the fake redelivers until it succeeds", async () => {
    const { store, bootpay } = await fakeWith({ webhook: fast })
    let calls = 0
    const site = await merchant(bootpay, async (event) => {
      calls++
      if (event.webhook_type === "PAYMENT_CANCELLED" && calls < 3) throw new Error("database unavailable")
    })
    const paid = store.createReceipt({ price: 2000 })
    store.webhooks.configure(site.url)
    await bootpay.receipt.cancel({ receipt_id: paid.receipt_id })
    await store.webhooks.settled()
    const [delivery] = store.webhookDeliveries
    expect(delivery!.webhookType).toBe("PAYMENT_CANCELLED")
    expect(delivery!.attempts.map((attempt) => attempt.status)).toEqual([500, 500, 200])
    expect(delivery!.attempts.at(-1)!.body).toBe('{"success":true}')
    expect(delivery!.attempts[0]!.body).not.toContain("database")
    expect(calls).toBe(3)
  })

  it("two concurrent deliveries of one event run the handler once; the other is redelivered and acknowledged", async () => {
    const { store, bootpay } = await fakeWith({ webhook: { ...fast, intervalMillis: 20, attempts: 100 } })
    let runs = 0
    let unblock: () => void = () => {}
    const gate = new Promise<void>((resolve) => {
      unblock = resolve
    })
    const site = await merchant(bootpay, async () => {
      runs++
      await gate
    })
    const paid = store.createReceipt({ price: 3000 })
    store.webhooks.configure(site.url)
    const first = store.deliverWebhook(paid.receipt_id)
    const second = store.deliverWebhook(paid.receipt_id)
    // Hold the first delivery until the other one was told the event is being processed.
    const toldToWait = () =>
      store.webhookDeliveries.some((delivery) => delivery.attempts.some((attempt) => attempt.status === 409))
    while (!toldToWait()) await new Promise((resolve) => setTimeout(resolve, 5))
    unblock()
    const results = await Promise.all([first, second])
    expect(runs).toBe(1)
    expect(results.every((delivery) => delivery.status === "succeeded")).toBe(true)
    const statuses = results.flatMap((delivery) => delivery.attempts.map((attempt) => attempt.status))
    expect(statuses).toContain(409)
  })
})
