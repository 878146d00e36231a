/**
 * The README's runnable files, run from `examples/dist` as a user runs them (`node <file>.js`), against
 * the fake Bootpay: each must print what the README says, and the server must stop on SIGTERM.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { existsSync } from "node:fs"
import { setTimeout as sleep } from "node:timers/promises"
import { fileURLToPath } from "node:url"
import { FakeServer } from "@effect-bootpay/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

const root = fileURLToPath(new URL("../../..", import.meta.url))
// The built examples, run as a user runs them.
const dist = `${root}examples/dist/readme/`

interface Ran {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

const collect = (child: ChildProcess): Promise<Ran> =>
  new Promise((resolve, reject) => {
    let stdout = ""
    let stderr = ""
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8")
    })
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8")
    })
    child.on("error", reject)
    child.on("close", (code) => resolve({ code, stdout, stderr }))
  })

const environment = (variables: Record<string, string>) => {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith("BOOTPAY_"))
  )
  return { ...inherited, ...variables }
}

const node = (file: string, args: ReadonlyArray<string> = [], variables: Record<string, string> = {}) =>
  collect(
    spawn(process.execPath, [`${dist}${file}`, ...args], {
      env: environment(variables),
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 20_000
    })
  )

describe("the README's runnable files, against the fake", { timeout: 60_000 }, () => {
  let fake: FakeServer.FakeServer
  let keys: Record<string, string>

  beforeAll(async () => {
    expect(existsSync(`${dist}effect/checkout.js`)).toBe(true) // built by `tsc -b` (pnpm run build)
    fake = await FakeServer.start()
    keys = { BOOTPAY_BASE_URL: fake.url, BOOTPAY_CLIENT_KEY: "test", BOOTPAY_SECRET_KEY: "test" }
  })

  afterAll(async () => {
    await fake.close()
  })

  it("the Effect and Promise quick starts' fake variants confirm a payment", async () => {
    for (const file of ["effect/fake.js", "promise/fake.js"]) {
      expect(await node(file)).toEqual({ code: 0, stdout: "Paid 1\n", stderr: "" })
    }
  })

  it("the Commerce snippets run against the fake and print what their comments say", async () => {
    expect(await node("commerce/fake.js")).toEqual({ code: 0, stdout: "true\nRefunded\n1\n", stderr: "" })
    expect(await node("commerce/effect.js")).toEqual({ code: 0, stdout: "이영희 1\n", stderr: "" })
  })

  it("the Effect quick start's main confirms through BOOTPAY_* variables and says what to do", async () => {
    const pending = fake.store.createReceipt({ order_id: "order-9", price: 9_000, status: 2 })
    const ran = await node("effect/main.js", [pending.receipt_id, "order-9", "9000"], keys)
    expect(ran).toEqual({
      code: 0,
      stdout: `paid: fulfil order-9 (receipt ${pending.receipt_id})\n`,
      stderr: ""
    })
    expect(fake.store.getReceipt(pending.receipt_id)?.status).toBe(1)
    const tampered = fake.store.createReceipt({ order_id: "order-9", price: 90, status: 2 })
    expect((await node("effect/main.js", [tampered.receipt_id, "order-9", "9000"], keys)).stdout).toBe(
      "refused (amount_mismatch): fulfil nothing\n"
    )
    const wrongKeys = await node("effect/main.js", [pending.receipt_id, "order-9", "9000"], {
      ...keys,
      BOOTPAY_SECRET_KEY: "wrong"
    })
    expect(wrongKeys.code).toBe(1)
    expect(wrongKeys.stderr).toContain("InvalidCredentials")
  })

  it("the Configuration snippet names the variable to fix", async () => {
    const half = await node("configuration.js", [], { BOOTPAY_CLIENT_KEY: "test" })
    expect(half.stderr).toContain(
      "secretKey: missing (clientKey was given without it) (variable BOOTPAY_SECRET_KEY)"
    )
    const none = await node("configuration.js")
    expect(none.stderr).toContain("BOOTPAY_CLIENT_KEY + BOOTPAY_SECRET_KEY")
    const malformed = await node("configuration.js", [], { ...keys, BOOTPAY_TIMEOUT: "soon" })
    expect(malformed.stderr).toContain("BOOTPAY_TIMEOUT")
    const shopA = await node("configuration.js", [], { SHOP: "a", SHOP_A_CLIENT_KEY: "test" })
    expect(shopA.stderr).toContain("SHOP_A_SECRET_KEY")
    const paid = fake.store.createReceipt({ receipt_id: "6100000000000000000000a1" })
    expect(await node("configuration.js", [], keys)).toMatchObject({
      code: 0,
      stdout: `${paid.status_locale}\n`
    })
  })

  it("the FakeServer snippet prints what its comment says", async () => {
    expect(await node("fakeServer.js")).toEqual({ code: 0, stdout: "300 2\n", stderr: "" })
  })

  it("the Promise server answers a confirm, then closes, disposes the client and exits on SIGTERM", async () => {
    const child = spawn(process.execPath, [`${dist}promise/server.js`], {
      env: environment({ ...keys, PORT: "0" }),
      stdio: ["ignore", "pipe", "pipe"]
    })
    const ran = collect(child)
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let seen = ""
        child.stdout.on("data", (chunk: Buffer) => {
          seen += chunk.toString("utf8")
          const match = /listening on (\S+)/.exec(seen)
          if (match !== null) resolve(match[1]!)
        })
        child.on("close", () => reject(new Error(`exited before listening: ${seen}`)))
      })
      const pending = fake.store.createReceipt({ order_id: "order-1", price: 15_000, status: 2 })
      const answer = await fetch(url, {
        method: "POST",
        body: JSON.stringify({ receipt_id: pending.receipt_id, order_id: "order-1" })
      })
      expect([answer.status, await answer.json()]).toEqual([200, { paid: true }])
      const sent = Date.now()
      child.kill("SIGTERM")
      const exit = await Promise.race([ran, sleep(5_000).then(() => "still running 5 s after SIGTERM")])
      expect(exit).toMatchObject({ code: 0 })
      expect(Date.now() - sent).toBeLessThan(5_000)
    } finally {
      child.kill("SIGKILL")
    }
  })

  it("every example runs against the fake when executed directly, as the Examples section says", async () => {
    for (const file of [
      "effect/confirmOrCancel.js",
      "effect/billingLifecycle.js",
      "effect/fromEnvironment.js",
      "promise/confirmHandler.js"
    ]) {
      const ran = await collect(
        spawn(process.execPath, [`${root}examples/dist/${file}`], {
          env: environment({}),
          stdio: ["ignore", "pipe", "pipe"],
          timeout: 20_000
        })
      )
      expect({ file, code: ran.code }).toEqual({ file, code: 0 })
    }
  })
})
