import { execFile, spawn } from "node:child_process"
import { existsSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { Receipt } from "@effect-bootpay/core"
import { NodeBootpay } from "@effect-bootpay/node"
import { FakeServer } from "@effect-bootpay/testing"
import * as Effect from "effect/Effect"
import { beforeAll, describe, expect, it } from "vitest"

const root = fileURLToPath(new URL("../../../", import.meta.url))
const bin = `${root}packages/testing/dist/bin.js`

beforeAll(async () => {
  // The bin runs from the build; the test command builds first, a lone vitest run builds here.
  if (!existsSync(bin))
    await promisify(execFile)(`${root}node_modules/.bin/tsc`, ["-b", `${root}packages/testing`])
}, 60_000)

describe("FakeServer", () => {
  it("listens on 127.0.0.1 on a free port and answers Bootpay's wire protocol", async () => {
    const server = await FakeServer.start()
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2$/)
      const paid = server.store.createReceipt()
      const auth = `Basic ${Buffer.from("test:test").toString("base64")}`
      const found = await fetch(`${server.url}/receipt/${paid.receipt_id}`, {
        headers: { authorization: auth }
      })
      expect(found.status).toBe(200)
      expect(await found.json()).toMatchObject({ receipt_id: paid.receipt_id, status: 1 })
      const missing = await fetch(`${server.url}/receipt/nope`, { headers: { authorization: auth } })
      expect(missing.status).toBe(404)
      expect(await missing.json()).toMatchObject({ error_code: "RC_NOT_FOUND" })
      const anonymous = await fetch(`${server.url}/receipt/${paid.receipt_id}`)
      expect(anonymous.status).toBe(401)
    } finally {
      await server.close()
    }
  })

  it("FakeServer.layer serves Effect tests over real HTTP", async () => {
    const program = Effect.gen(function* () {
      const server = yield* FakeServer.Server
      const paid = server.store.createReceipt({ price: 777 })
      const receipt = yield* Receipt.lookup(paid.receipt_id).pipe(
        Effect.provide(NodeBootpay.layer({ baseUrl: server.url, clientKey: "test", secretKey: "test" }))
      )
      return receipt.price
    })
    expect(await Effect.runPromise(program.pipe(Effect.provide(FakeServer.layer())))).toBe(777)
  })

  it("the effect-bootpay-fake bin prints its URL and serves until SIGTERM", async () => {
    const child = spawn(process.execPath, [bin, "--port", "0", "--secret-key", "bin-secret"], {
      stdio: ["ignore", "pipe", "inherit"]
    })
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString().trim()))
        child.once("exit", (code) => reject(new Error(`bin exited with ${code}`)))
      })
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2$/)
      const refused = await fetch(`${url}/receipt/x`, {
        headers: { authorization: `Basic ${Buffer.from("test:test").toString("base64")}` }
      })
      expect(await refused.json()).toMatchObject({ error_code: "APP_SK_NOT_MATCHED" })
      const accepted = await fetch(`${url}/receipt/x`, {
        headers: { authorization: `Basic ${Buffer.from("test:bin-secret").toString("base64")}` }
      })
      expect(accepted.status).toBe(404)
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve))
      child.kill("SIGTERM")
      expect(await exited).toBe(0)
    }
  })
})
