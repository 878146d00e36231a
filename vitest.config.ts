import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url))

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@effect-bootpay\/core(?:\/index)?$/, replacement: source("./packages/core/src/index.ts") },
      { find: /^@effect-bootpay\/node$/, replacement: source("./packages/node/src/index.ts") },
      { find: /^@effect-bootpay\/testing$/, replacement: source("./packages/testing/src/index.ts") }
    ]
  },
  test: {
    include: ["packages/*/test/**/*.test.ts", "examples/test/**/*.test.ts", "test/*.test.ts"],
    testTimeout: 20_000,
    pool: "forks",
    setupFiles: ["./vitest.setup.ts"]
  }
})
