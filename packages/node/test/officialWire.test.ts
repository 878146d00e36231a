/**
 * `Receipt.cancel` on the wire, next to the official SDK (`@bootpay/backend-js` 2.13.1, a dev
 * dependency of the bench package): both are pointed at one loopback capture server, and every cancel
 * must be the same single request — method, path, authorization and body bytes.
 */
import * as Http from "node:http"
import { createRequire } from "node:module"
import type { AddressInfo } from "node:net"
import { Bootpay } from "@effect-bootpay/node"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

interface Captured {
  readonly method: string
  readonly url: string
  readonly authorization: string | undefined
  readonly contentType: string | undefined
  readonly body: string
}

const receipt = {
  receipt_id: "62b12f4b6d3e4e0021f5c8a1",
  order_id: "order-1",
  price: 15000,
  cancelled_price: 5000,
  status: 20
}

let server: Http.Server
let url: string
const captured: Array<Captured> = []

beforeAll(async () => {
  server = Http.createServer((request, response) => {
    const chunks: Array<Buffer> = []
    request.on("data", (chunk: Buffer) => chunks.push(chunk))
    request.on("end", () => {
      captured.push({
        method: request.method ?? "",
        url: request.url ?? "",
        authorization: request.headers.authorization,
        contentType: request.headers["content-type"],
        body: Buffer.concat(chunks).toString("utf8")
      })
      response.writeHead(200, { "content-type": "application/json" })
      response.end(JSON.stringify(receipt))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`
})

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

interface OfficialSdk {
  readonly API_ENTRYPOINTS: Record<string, string>
  setConfiguration(options: Record<string, string>): void
  getAccessToken(): Promise<unknown>
  cancelPayment(input: Record<string, unknown>): Promise<unknown>
}

/** The official SDK as its README uses it, aimed at the capture server through its mode table. */
const official = async (): Promise<OfficialSdk> => {
  const require = createRequire(new URL("../../../bench/package.json", import.meta.url))
  const { Bootpay: sdk } = require("@bootpay/backend-js") as { Bootpay: OfficialSdk }
  sdk.API_ENTRYPOINTS.development = url
  sdk.setConfiguration({ client_key: "client", secret_key: "secret", mode: "development" })
  await sdk.getAccessToken()
  return sdk
}

const cancels: ReadonlyArray<[string, Record<string, unknown>]> = [
  ["a full cancel", { receipt_id: receipt.receipt_id }],
  [
    "a partial cancel with cancel_id",
    {
      receipt_id: receipt.receipt_id,
      cancel_price: 5000,
      cancel_id: "refund-1",
      cancel_username: "관리자",
      cancel_message: "부분 환불"
    }
  ],
  [
    "a virtual-account refund",
    {
      receipt_id: receipt.receipt_id,
      cancel_price: 1000,
      cancel_tax_free: 100,
      refund: { bank_account: "12345678", bank_username: "홍길동", bank_code: "004" }
    }
  ]
]

describe("Receipt.cancel, byte for byte the official SDK's request", () => {
  it.each(cancels)("%s: one request, same method, path, authorization and body", async (_, input) => {
    const sdk = await official()
    const ours = Bootpay.make({ baseUrl: url, clientKey: "client", secretKey: "secret" })
    try {
      captured.length = 0
      await sdk.cancelPayment(input)
      const theirs = captured.splice(0)
      await ours.receipt.cancel(input as never)
      const mine = captured.splice(0)
      expect(theirs).toHaveLength(1)
      expect(mine).toHaveLength(1)
      expect(mine[0]!.method).toBe(theirs[0]!.method)
      expect(mine[0]!.url).toBe(theirs[0]!.url)
      expect(mine[0]!.authorization).toBe(theirs[0]!.authorization)
      expect(mine[0]!.contentType?.split(";")[0]).toBe(theirs[0]!.contentType?.split(";")[0])
      expect(mine[0]!.body).toBe(theirs[0]!.body)
    } finally {
      await ours.dispose()
    }
  })
})
