/**
 * The repository's vitest setup (`vitest.setup.ts`): a test that fails with a plain value must be
 * reported as a failure, not hang the run (vitest's stack parser backtracks on such a value).
 */
import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

const root = fileURLToPath(new URL("..", import.meta.url))
const vitest = fileURLToPath(new URL("../node_modules/vitest/vitest.mjs", import.meta.url))

describe("vitest setup", () => {
  it("reports a test failing with a long plain object instead of hanging", async () => {
    // Spawned, not run synchronously: a blocked worker misses vitest's own heartbeats.
    const child = spawn(process.execPath, [vitest, "run", "--config", "test/fixtures/vitest.config.ts"], {
      cwd: root,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" }
    })
    let stdout = ""
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8")
    })
    const hung = setTimeout(() => child.kill("SIGKILL"), 60_000)
    const [status, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.on("close", (code, killedBy) => resolve([code, killedBy]))
    )
    clearTimeout(hung)
    expect(signal).toBeNull()
    expect(status).toBe(1)
    expect(stdout).toContain("fails with a plain receipt-like object")
    expect(stdout).toMatch(/Tests\s+1 failed/)
  }, 90_000)
})
