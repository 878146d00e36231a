/**
 * The repository's vitest setup (`vitest.setup.ts`): a test that fails with a plain value must be
 * reported as a failure, not hang the run (vitest's stack parser backtracks on such a value).
 */
import { spawnSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

const root = fileURLToPath(new URL("..", import.meta.url))
const vitest = fileURLToPath(new URL("../node_modules/vitest/vitest.mjs", import.meta.url))

describe("vitest setup", () => {
  it("reports a test failing with a long plain object instead of hanging", () => {
    const run = spawnSync(process.execPath, [vitest, "run", "--config", "test/fixtures/vitest.config.ts"], {
      cwd: root,
      encoding: "utf8",
      timeout: 60_000,
      killSignal: "SIGKILL",
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" }
    })
    expect(run.signal).toBeNull()
    expect(run.status).toBe(1)
    expect(run.stdout).toContain("fails with a plain receipt-like object")
    expect(run.stdout).toMatch(/Tests\s+1 failed/)
  }, 90_000)
})
