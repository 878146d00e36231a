/**
 * The server half of a checkout for async/await code: a plain `node:http` handler for
 * `POST /api/confirm` with the Promise facade. The browser posts `{ receipt_id, order_id }` after the
 * Bootpay window closed; the handler checks the receipt against the stored order (금액 위변조 check),
 * confirms a payment that waits for the server, and answers JSON.
 *
 * The same `handleConfirm` function fits an Express, Fastify or Next.js route handler unchanged.
 *
 * Run it against the fake Bootpay (no keys): `pnpm run build && node examples/dist/promise/confirmHandler.js`.
 */
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import { pathToFileURL } from "node:url"
import { BootpayError, Receipt } from "@effect-bootpay/core"
import { Bootpay } from "@effect-bootpay/node"
import { FakeServer } from "@effect-bootpay/testing"

/** An order in the merchant's database. */
export interface Order {
  readonly orderId: string
  readonly amount: number
}

/** What the handler needs from the application. */
export interface ConfirmOptions {
  readonly bootpay: Bootpay.Bootpay
  /** Loads an order, `undefined` when there is none. */
  readonly findOrder: (orderId: string) => Promise<Order | undefined>
  /** Records a confirmed payment (ship the goods, send the mail ...). */
  readonly markPaid?: (orderId: string, receipt: Receipt.Receipt) => Promise<void>
}

/** A JSON answer. */
export interface Answer {
  readonly status: number
  readonly body: Readonly<Record<string, unknown>>
}

const fail = (status: number, error: string, message: string): Answer => ({
  status,
  body: { ok: false, error, message }
})

/** What to tell the browser for each SDK error. */
const fromBootpayError = (error: BootpayError.BootpayError): Answer => {
  switch (error._tag) {
    case "PgRefused":
      return {
        status: 402,
        body: { ok: false, error: "declined", message: error.message, code: error.errorCode }
      }
    case "NotFound":
      return fail(404, "receipt_not_found", "no such payment")
    case "InvalidRequest":
      return fail(400, "bad_request", error.message)
    case "RateLimited":
    case "TransportError":
    case "RequestTimeout":
    case "OutcomeUnknown":
      return fail(503, "try_again", "the payment service is unavailable; try again shortly")
    case "ApiError":
      return error.isRetryable
        ? fail(503, "try_again", "the payment service is unavailable; try again shortly")
        : fail(502, "payment_error", error.message)
    default:
      // InvalidCredentials, TokenExpired, InvalidResponse ...: the merchant's problem, not the buyer's.
      return fail(500, "payment_error", "the payment could not be checked")
  }
}

/**
 * Confirms a payment, resolving a lost answer by reading Bootpay back instead of guessing: a confirm
 * that did not happen is sent again, a paid receipt is kept whoever confirmed it (a receipt is
 * confirmed at most once), anything else is left to a person as the `OutcomeUnknown`.
 */
const confirmOnce = async (bootpay: Bootpay.Bootpay, receiptId: string): Promise<Receipt.Receipt> => {
  try {
    return await bootpay.receipt.confirm(receiptId)
  } catch (error) {
    if (!BootpayError.isBootpayError(error) || error._tag !== "OutcomeUnknown") throw error
    const resolution = await bootpay.reconcile(error)
    switch (resolution._tag) {
      case "Happened":
        return resolution.receipt
      case "DidNotHappen":
        return await bootpay.receipt.confirm(receiptId)
      case "Undetermined": {
        const paid = resolution.receipts.find((receipt) => receipt.status === Receipt.Status.PAID)
        if (paid === undefined) throw error
        return paid
      }
    }
  }
}

/** Handles one `POST /api/confirm` body. */
export const handleConfirm = async (options: ConfirmOptions, body: unknown): Promise<Answer> => {
  const input = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {}
  const receiptId = input.receipt_id
  const orderId = input.order_id
  if (typeof receiptId !== "string" || receiptId === "" || typeof orderId !== "string" || orderId === "") {
    return fail(400, "bad_request", "receipt_id and order_id are required")
  }
  const order = await options.findOrder(orderId)
  if (order === undefined) return fail(404, "order_not_found", `no order ${orderId}`)
  try {
    const receipt = await options.bootpay.receipt.lookup(receiptId)
    if (receipt.order_id !== order.orderId)
      return fail(409, "order_mismatch", "the payment is for another order")
    if (receipt.price !== order.amount) {
      // Never confirm a payment whose amount was edited in the browser; give back one already captured.
      // The cancel_id makes the cancel idempotent, so the client retries it safely.
      const captured = receipt.status === Receipt.Status.PAID
      if (captured) {
        await options.bootpay.receipt.cancel({
          receipt_id: receipt.receipt_id,
          cancel_id: `${order.orderId}:amount_mismatch`,
          cancel_username: "shop",
          cancel_message: "결제 금액 불일치로 인한 자동 취소"
        })
      }
      return {
        status: 409,
        body: {
          ok: false,
          error: "amount_mismatch",
          message: `paid ${receipt.price} KRW, the order is ${order.amount} KRW`,
          cancelled: captured
        }
      }
    }
    let paid: Receipt.Receipt
    if (receipt.status === Receipt.Status.AWAITING_CONFIRM)
      paid = await confirmOnce(options.bootpay, receiptId)
    else if (receipt.status === Receipt.Status.PAID) paid = receipt
    else return fail(409, "not_paid", `the payment is in status ${receipt.status} (${receipt.status_locale})`)
    await options.markPaid?.(order.orderId, paid)
    return {
      status: 200,
      body: {
        ok: true,
        receipt_id: paid.receipt_id,
        order_id: order.orderId,
        price: paid.price,
        status: paid.status
      }
    }
  } catch (error) {
    if (BootpayError.isBootpayError(error)) return fromBootpayError(error)
    throw error
  }
}

const readJson = (request: Http.IncomingMessage): Promise<unknown> =>
  new Promise((resolve) => {
    const chunks: Array<Buffer> = []
    request.on("data", (chunk: Buffer) => chunks.push(chunk))
    request.on("end", () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")))
      } catch {
        resolve(undefined)
      }
    })
    request.on("error", () => resolve(undefined))
  })

const send = (response: Http.ServerResponse, answer: Answer) => {
  response.writeHead(answer.status, { "content-type": "application/json; charset=utf-8" })
  response.end(JSON.stringify(answer.body))
}

/** A `node:http` server with `POST /api/confirm`; call `listen` on it. */
export const createConfirmServer = (options: ConfirmOptions): Http.Server =>
  Http.createServer((request, response) => {
    if (request.method !== "POST" || request.url !== "/api/confirm") {
      send(response, fail(404, "not_found", "POST /api/confirm only"))
      return
    }
    readJson(request)
      .then((body) => handleConfirm(options, body))
      .then(
        (answer) => send(response, answer),
        () => send(response, fail(500, "internal", "unexpected failure"))
      )
  })

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // A fake Bootpay on loopback stands in for Bootpay; in production give Bootpay.make your keys.
  const fake = await FakeServer.start()
  const bootpay = Bootpay.make({ baseUrl: fake.url, clientKey: "test", secretKey: "test" })
  const orders = new Map<string, Order>([["order-1", { orderId: "order-1", amount: 15_000 }]])
  const server = createConfirmServer({ bootpay, findOrder: async (id) => orders.get(id) })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  // What the browser does once the buyer paid (the payment waits for this server: status 2).
  const pending = fake.store.createReceipt({ order_id: "order-1", price: 15_000, status: 2 })
  const answer = await fetch(`http://127.0.0.1:${port}/api/confirm`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ receipt_id: pending.receipt_id, order_id: "order-1" })
  })
  process.stdout.write(`POST /api/confirm -> ${answer.status} ${await answer.text()}\n`)
  await new Promise<void>((resolve) => server.close(() => resolve()))
  await bootpay.dispose()
  await fake.close()
}
