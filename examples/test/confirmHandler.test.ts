/**
 * A merchant's own test of its `POST /api/confirm` route, black-box over loopback: the fake Bootpay
 * runs as a real HTTP server, the Promise facade talks to it with the real undici transport, and the
 * test talks to the route with `fetch`, as the browser would.
 */
import type { AddressInfo } from "node:net"
import { Bootpay } from "@effect-bootpay/node"
import { FakeServer } from "@effect-bootpay/testing"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { createConfirmServer, type Order } from "../src/promise/confirmHandler.js"

let fake: FakeServer.FakeServer
let bootpay: Bootpay.Bootpay
let server: ReturnType<typeof createConfirmServer>
let endpoint: string
let paid: Array<string>

const orders = new Map<string, Order>([["order-1", { orderId: "order-1", amount: 15_000 }]])

beforeEach(async () => {
  fake = await FakeServer.start()
  bootpay = Bootpay.make({ baseUrl: fake.url, clientKey: "test", secretKey: "test", timeout: "2 seconds" })
  paid = []
  server = createConfirmServer({
    bootpay,
    findOrder: async (orderId) => orders.get(orderId),
    markPaid: async (orderId) => {
      paid.push(orderId)
    }
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/confirm`
})

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
  await bootpay.dispose()
  await fake.close()
})

const post = async (body: unknown) => {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body)
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

describe("POST /api/confirm", () => {
  it("confirms a payment whose amount matches the order", async () => {
    const pending = fake.store.createReceipt({ order_id: "order-1", price: 15_000, status: 2 })

    const answer = await post({ receipt_id: pending.receipt_id, order_id: "order-1" })

    expect(answer).toEqual({
      status: 200,
      body: { ok: true, receipt_id: pending.receipt_id, order_id: "order-1", price: 15_000, status: 1 }
    })
    expect(fake.store.getReceipt(pending.receipt_id)?.status).toBe(1)
    expect(paid).toEqual(["order-1"])
  })

  it("answers the same for a payment already captured, without confirming it again", async () => {
    const captured = fake.store.createReceipt({ order_id: "order-1", price: 15_000, status: 1 })

    const answer = await post({ receipt_id: captured.receipt_id, order_id: "order-1" })

    expect(answer.status).toBe(200)
    expect(fake.store.requestsFor("Receipt.confirm")).toHaveLength(0)
  })

  it("refuses a tampered amount and never confirms it", async () => {
    const tampered = fake.store.createReceipt({ order_id: "order-1", price: 100, status: 2 })

    const answer = await post({ receipt_id: tampered.receipt_id, order_id: "order-1" })

    expect(answer).toMatchObject({ status: 409, body: { error: "amount_mismatch", cancelled: false } })
    expect(fake.store.requestsFor("Receipt.confirm")).toHaveLength(0)
    expect(fake.store.getReceipt(tampered.receipt_id)?.status).toBe(2)
    expect(paid).toEqual([])
  })

  it("refuses a tampered amount the PG already captured and cancels it", async () => {
    const tampered = fake.store.createReceipt({ order_id: "order-1", price: 100, status: 1 })

    const answer = await post({ receipt_id: tampered.receipt_id, order_id: "order-1" })

    expect(answer).toMatchObject({ status: 409, body: { error: "amount_mismatch", cancelled: true } })
    expect(fake.store.getReceipt(tampered.receipt_id)).toMatchObject({ status: 20, cancelled_price: 100 })
  })

  it("answers 402 with the PG's code when the PG declines the confirm", async () => {
    const pending = fake.store.createReceipt({ order_id: "order-1", price: 15_000, status: 2 })
    fake.store.inject(
      { _tag: "Decline", errorCode: "RC_CONFIRM_FAILED", pgErrorCode: "3011", message: "한도 초과" },
      { operation: "Receipt.confirm" }
    )

    const answer = await post({ receipt_id: pending.receipt_id, order_id: "order-1" })

    expect(answer).toMatchObject({
      status: 402,
      body: { ok: false, error: "declined", code: "RC_CONFIRM_FAILED" }
    })
    expect(fake.store.getReceipt(pending.receipt_id)?.status).toBe(2)
    expect(paid).toEqual([])
  })

  it("a confirm whose answer was lost is reconciled: confirmed once, answered 200", async () => {
    const pending = fake.store.createReceipt({ order_id: "order-1", price: 15_000, status: 2 })
    fake.store.inject({ _tag: "DropAfter" }, { operation: "Receipt.confirm" })

    const answer = await post({ receipt_id: pending.receipt_id, order_id: "order-1" })

    expect(answer).toMatchObject({ status: 200, body: { ok: true, status: 1 } })
    expect(fake.store.requestsFor("Receipt.confirm")).toHaveLength(1)
  })

  it("answers 404 for an unknown receipt and an unknown order, 400 for a malformed body", async () => {
    expect(await post({ receipt_id: "000000000000000000000000", order_id: "order-1" })).toMatchObject({
      status: 404,
      body: { error: "receipt_not_found" }
    })
    expect(await post({ receipt_id: "r", order_id: "order-404" })).toMatchObject({
      status: 404,
      body: { error: "order_not_found" }
    })
    expect(await post("{not json")).toMatchObject({ status: 400, body: { error: "bad_request" } })
    expect(await post({ order_id: "order-1" })).toMatchObject({ status: 400, body: { error: "bad_request" } })
  })

  it("answers 503 when Bootpay keeps failing, so the browser can try again", async () => {
    const pending = fake.store.createReceipt({ order_id: "order-1", price: 15_000, status: 2 })
    fake.store.inject({ _tag: "Respond", status: 503, body: { message: "점검 중" } }, { times: 3 })

    const answer = await post({ receipt_id: pending.receipt_id, order_id: "order-1" })

    expect(answer).toMatchObject({ status: 503, body: { error: "try_again" } })
    expect(fake.store.requestsFor("Receipt.lookup")).toHaveLength(3)
  })
})
