// server.ts: POST /api/confirm { receipt_id, order_id } with node:http, the keys in BOOTPAY_* variables.
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import { Bootpay } from "@effect-bootpay/node"
import { checkout, type Order } from "./checkout.js"

const bootpay = Bootpay.make({
  clientKey: process.env.BOOTPAY_CLIENT_KEY,
  secretKey: process.env.BOOTPAY_SECRET_KEY,
  mode: "development", // for development keys; production (the default) when left out
  baseUrl: process.env.BOOTPAY_BASE_URL // unset: the mode's URL; set it to a fake's url to try this out
})
const orders = new Map<string, Order>([["order-1", { orderId: "order-1", amount: 15_000 }]]) // your database

const parse = (text: string): Record<string, unknown> => {
  try {
    return Object(JSON.parse(text))
  } catch {
    return {}
  }
}

const answer = async (body: Record<string, unknown>): Promise<[number, object]> => {
  const order = typeof body.order_id === "string" ? orders.get(body.order_id) : undefined
  if (order === undefined || typeof body.receipt_id !== "string") return [400, { error: "unknown order" }]
  try {
    const outcome = await checkout(bootpay, body.receipt_id, order)
    if (outcome._tag === "Paid") return [200, { paid: true }] // fulfil the order here
    if (outcome._tag === "Refused") return [409, { error: outcome.reason }]
    if (outcome._tag === "Declined") return [402, { error: "declined", message: outcome.message }]
    console.error("to reconcile:", JSON.stringify(outcome.error)) // store it, then bootpay.reconcile(...)
    return [202, { pending: true }]
  } catch (error) {
    console.error(error) // NotFound, InvalidCredentials, Bootpay unreachable ...: see Errors
    return [503, { error: "try again" }]
  }
}

const server = Http.createServer((request, response) => {
  let text = ""
  request.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8")
  })
  request.on("end", async () => {
    const [status, body] = await answer(parse(text))
    response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body))
  })
})
server.listen(Number(process.env.PORT ?? 3000), "127.0.0.1", () => {
  console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}/api/confirm`)
})

// On SIGTERM (and Ctrl-C): stop accepting, let requests in flight finish, close Bootpay's connections, exit.
const shutdown = () => {
  server.close(() => void bootpay.dispose()) // then nothing is left to run and node exits
  server.closeIdleConnections()
  setTimeout(() => process.exit(1), 10_000).unref() // a request that never ends
}
process.once("SIGTERM", shutdown)
process.once("SIGINT", shutdown)
