/**
 * The bundled deploy of the README: `examples/src/promise/bundled.ts` bundled by esbuild into one
 * file with the README's recipe, copied into an empty folder (no node_modules anywhere above it, as
 * in a serverless function), run with node against the fake Bootpay on loopback. It must confirm a
 * waiting payment and refund part of it, and the fake must have seen both.
 *
 * The ESM recipe needs its `createRequire` banner: undici is CommonJS and requires Node's built-ins,
 * which esbuild's ESM output cannot do without a `require`; the bundle without it is shown to fail
 * that way, so the banner in the README is not decoration. The CommonJS output needs no banner.
 */
import { spawn } from "node:child_process"
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { build } from "esbuild"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { FakeServer, Fixtures } from "../packages/testing/src/index.js"

const root = fileURLToPath(new URL("..", import.meta.url))
const program = join(root, "examples", "src", "promise", "bundled.ts")
const banner = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);"
const scratch = mkdtempSync(join(tmpdir(), "effect-bootpay-bundle-"))

const bundles = new Map<string, string>()

/** The README's recipe, through esbuild's API: the same options as its command line. */
const bundle = async (name: string, format: "esm" | "cjs", withBanner: boolean, minify = true) => {
  const done = bundles.get(name)
  if (done !== undefined) return done
  const built = join(scratch, "build", name)
  const result = await build({
    entryPoints: [program],
    bundle: true,
    platform: "node",
    format,
    target: "node20.19",
    minify,
    outfile: built,
    logLevel: "silent",
    ...(withBanner ? { banner: { js: banner } } : {})
  })
  expect(result.errors).toEqual([])
  // The deployed folder: the bundle alone, nothing to resolve packages from.
  const deployed = join(scratch, "deploy", name)
  cpSync(built, deployed)
  bundles.set(name, deployed)
  return deployed
}

let fake: FakeServer.FakeServer
beforeAll(async () => {
  fake = await FakeServer.start({ clientKey: "bundle-key", secretKey: "bundle-secret" })
})
afterAll(async () => {
  await fake.close()
  rmSync(scratch, { recursive: true, force: true })
})

const runBundle = (file: string, args: ReadonlyArray<string>) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [file, ...args], {
      cwd: join(scratch, "deploy"),
      env: {
        PATH: process.env.PATH ?? "",
        BOOTPAY_CLIENT_KEY: "bundle-key",
        BOOTPAY_SECRET_KEY: "bundle-secret",
        BOOTPAY_BASE_URL: fake.url
      },
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 30_000
    })
    let stdout = ""
    let stderr = ""
    child.stdout.setEncoding("utf8")
    child.stderr.setEncoding("utf8")
    child.stdout.on("data", (chunk) => {
      stdout += chunk
    })
    child.stderr.on("data", (chunk) => {
      stderr += chunk
    })
    child.once("error", reject)
    child.once("close", (code) => resolve({ code, stdout, stderr }))
  })

const waitingPayment = (orderId: string) =>
  fake.store.createReceipt(Fixtures.receipt("card", { price: 39_800, status: 2, order_id: orderId }))

describe("the bundled facade program", () => {
  it.each([
    ["ESM with the createRequire banner", "bundled.mjs", "esm", true],
    ["CommonJS", "bundled.cjs", "cjs", false]
  ] as const)("%s: confirms and refunds against the fake", async (_, name, format, withBanner) => {
    const file = await bundle(name, format, withBanner)
    expect(existsSync(join(scratch, "deploy", "node_modules"))).toBe(false)
    const payment = waitingPayment(`order-bundle-${format}`)
    const { code, stdout, stderr } = await runBundle(file, [payment.receipt_id, "39800", "9800"])
    expect(stderr).toBe("")
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toEqual({
      looked: { price: 39_800, status: 2 },
      confirmed: { status: 1 },
      refunded: { status: 20, cancelled_price: 9_800 }
    })
    const stored = fake.store.getReceipt(payment.receipt_id)
    expect(stored).toMatchObject({ status: 20, cancelled_price: 9_800 })
  })

  it("refuses a tampered amount without confirming", async () => {
    const file = await bundle("bundled.mjs", "esm", true)
    const payment = waitingPayment("order-bundle-tampered")
    const { code, stderr } = await runBundle(file, [payment.receipt_id, "100000", "0"])
    expect(code).toBe(1)
    expect(stderr).toContain(`receipt ${payment.receipt_id}: price 39800, status 2; not confirmed`)
    expect(fake.store.getReceipt(payment.receipt_id)).toMatchObject({ status: 2 })
  })

  it("ESM without the banner fails at start on undici's require of a Node built-in", async () => {
    // Not minified: Node prints the throwing source line before the error, and a minified line of
    // 200 KB can be cut off when the crashing process exits before its stderr pipe drained.
    const file = await bundle("no-banner.mjs", "esm", false, false)
    const { code, stderr } = await runBundle(file, ["r", "1", "0"])
    expect(code).toBe(1)
    // The throwing source line comes first; the error is the line that starts with "Error".
    const thrown = stderr.split("\n").find((line) => /^\w*Error\b/.test(line))
    expect(thrown).toMatch(/^Error: Dynamic require of "(node:)?[a-z_]+" is not supported$/)
  })
})
