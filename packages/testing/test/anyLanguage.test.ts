/**
 * The proof for any language: the built `effect-bootpay-fake` command runs as a child process and a
 * Python script using only the standard library (`urllib`, `http.server`) drives it through the
 * merchant flows, webhooks included. Also the command's own webhook and clock flags.
 */
import { type ChildProcessWithoutNullStreams, execFile, spawn, spawnSync } from "node:child_process"
import { existsSync } from "node:fs"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { afterEach, beforeAll, describe, expect, it } from "vitest"

const root = fileURLToPath(new URL("../../../", import.meta.url))
const bin = `${root}packages/testing/dist/bin.js`
const script = fileURLToPath(new URL("./python/flows.py", import.meta.url))

beforeAll(async () => {
  // The bin runs from the build; the test command builds first, a lone vitest run builds here.
  if (!existsSync(bin))
    await promisify(execFile)(`${root}node_modules/.bin/tsc`, ["-b", `${root}packages/testing`])
}, 60_000)

const children: Array<ChildProcessWithoutNullStreams> = []

afterEach(async () => {
  await Promise.all(
    children.splice(0).map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve()
          child.once("exit", () => resolve())
          child.kill("SIGTERM")
        })
    )
  )
})

/** Starts the command and resolves with the base URL it prints. */
const startBin = async (args: ReadonlyArray<string> = []): Promise<string> => {
  const child = spawn(process.execPath, [bin, "--port", "0", ...args])
  children.push(child)
  return new Promise<string>((resolve, reject) => {
    let out = ""
    let err = ""
    const timer = setTimeout(() => reject(new Error(`the bin printed no URL in 15 s: ${err}`)), 15_000)
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString()
      if (out.includes("\n")) {
        clearTimeout(timer)
        resolve(out.split("\n")[0]!.trim())
      }
    })
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString()
    })
    child.once("exit", (code) => {
      clearTimeout(timer)
      reject(new Error(`the bin exited with ${code}: ${err}`))
    })
  })
}

const python = (): string => {
  for (const candidate of ["python3", "python"]) {
    const probe = spawnSync(candidate, ["-c", "import sys; print(sys.version_info[0])"], { encoding: "utf8" })
    if (probe.status === 0 && probe.stdout.trim() === "3") return candidate
  }
  throw new Error(
    "python3 was not found on PATH: the any-language proof drives the fake with Python 3's standard library; install python3"
  )
}

const run = (command: string, args: ReadonlyArray<string>, timeoutMillis: number) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(command, args, { timeout: timeoutMillis, killSignal: "SIGKILL" })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString()
    })
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.once("close", (code) => resolve({ code, stdout, stderr }))
  })

describe("any language", () => {
  it("Python's standard library drives the bin through every flow, webhooks included", async () => {
    const interpreter = python()
    const url = await startBin()
    const result = await run(interpreter, [script, url], 60_000)
    expect(result.stderr).toBe("")
    expect(result.code).toBe(0)
    expect(result.stdout.trim().split("\n")).toEqual([
      "ok browser pays, server confirms, partial cancel, read back, webhooks",
      "ok webhook retried until 200 {success: true}",
      "ok virtual account issued, then its webhook",
      "ok cash receipt on a bank-transfer payment",
      "ok phone payment from last month cannot be cancelled",
      "ok bank-transfer billing key after the holder's consent, then a charge",
      "ok numeric order_id refused with INVALID_PARAMETER",
      "ok declined charge injected, then a normal charge",
      "ok bad control input lists every problem",
      "ok reservation in UTC answered in +09:00, runs when the clock reaches it",
      "ok token: the same within 25 minutes, new after, expired after 30",
      "ok identity verification with the test code; an old one expires",
      "ok frozen test clock: freeze, set, advance, resume",
      "ok requests received are listed; reset forgets everything"
    ])
  }, 90_000)

  it("--webhook-url and its options deliver from the bin; --clock frozen --now fixes the time", async () => {
    const received: Array<Record<string, unknown>> = []
    const receiver = Http.createServer((request, response) => {
      let body = ""
      request.on("data", (chunk: Buffer) => {
        body += chunk.toString()
      })
      request.on("end", () => {
        received.push({ contentType: request.headers["content-type"], body })
        response.writeHead(received.length === 1 ? 503 : 200, { "content-type": "application/json" })
        response.end('{"success":true}')
      })
    })
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve))
    try {
      const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`
      const url = await startBin([
        "--webhook-url",
        hook,
        "--webhook-format",
        "form",
        "--webhook-attempts",
        "3",
        "--webhook-interval-ms",
        "20",
        "--clock",
        "frozen",
        "--now",
        "2026-06-01T10:00:00+09:00"
      ])
      const control = url.replace(/\/v2$/, "/__fake")
      expect(await (await fetch(`${control}/webhook`)).json()).toEqual({
        url: hook,
        format: "form",
        attempts: 3,
        interval_millis: 20,
        timeout_millis: 5000
      })
      expect(await (await fetch(`${control}/clock`)).json()).toMatchObject({
        iso: "2026-06-01T10:00:00+09:00",
        frozen: true
      })
      const created = await fetch(`${control}/receipts`, { method: "POST", body: "{}" })
      const receipt = (await created.json()) as { receipt_id: string; purchased_at: string }
      expect(receipt.purchased_at).toBe("2026-06-01T10:00:00+09:00")
      const deadline = Date.now() + 5_000
      let deliveries: Array<{ status: string; attempts: Array<{ status: number }> }> = []
      while (Date.now() < deadline) {
        deliveries = (await (await fetch(`${control}/webhook/deliveries`)).json()) as typeof deliveries
        if (deliveries[0]?.status === "succeeded") break
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
      expect(deliveries.map((delivery) => delivery.attempts.map((attempt) => attempt.status))).toEqual([
        [503, 200]
      ])
      expect(received).toHaveLength(2)
      expect(received[1]).toMatchObject({ contentType: "application/x-www-form-urlencoded" })
      expect(String(received[1]!.body)).toContain(`receipt_id=${receipt.receipt_id}`)
    } finally {
      await new Promise<void>((resolve) => {
        receiver.closeAllConnections()
        receiver.close(() => resolve())
      })
    }
  })

  it("the bin refuses bad flags with a clear message", async () => {
    for (const [args, message] of [
      [["--clock", "sideways"], "--clock must be wall or frozen"],
      [["--now", "yesterday"], "--now must be an ISO 8601 time"],
      [["--webhook-attempts", "0"], "--webhook-attempts must be an integer 1..100"],
      [["--webhook-url", "https://example.com/hook"], "loopback"],
      [["--colour", "red"], "Unknown option '--colour'"]
    ] as const) {
      const result = await run(process.execPath, [bin, "--port", "0", ...args], 15_000)
      expect(result.code, args.join(" ")).toBe(2)
      expect(result.stderr, args.join(" ")).toContain(message)
    }
  })
})
