/**
 * Configuration from the environment: `NodeBootpay.layerConfig()` reads the `BOOTPAY_*` variables,
 * so keys never appear in code. A malformed variable fails as `ConfigError`, missing or unusable
 * values as `InvalidConfig`, both before any request; this program turns either into a message naming
 * the variables to set.
 *
 * Run it against the fake Bootpay (no keys): `pnpm run build && node examples/dist/effect/fromEnvironment.js`
 * starts a fake server, gives the program the variables that point at it, and shows a misconfiguration.
 * With your keys: `BOOTPAY_CLIENT_KEY=... BOOTPAY_SECRET_KEY=... BOOTPAY_MODE=development
 * node examples/dist/effect/fromEnvironment.js <receipt_id>`.
 */
import { pathToFileURL } from "node:url"
import { type BootpayError, Receipt } from "@effect-bootpay/core"
import { NodeBootpay } from "@effect-bootpay/node"
import { FakeServer } from "@effect-bootpay/testing"
import type * as ConfigError from "effect/ConfigError"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"

/** Looks a receipt up with the client configured from the environment. */
export const showReceipt = (receiptId: string) =>
  Receipt.lookup(receiptId).pipe(
    Effect.map(
      (receipt) =>
        `receipt ${receipt.receipt_id}: order ${receipt.order_id}, ${receipt.price} KRW, status ${receipt.status} (${receipt.status_locale})`
    ),
    Effect.provide(NodeBootpay.layerConfig())
  )

/**
 * A message naming the environment variables to fix: a `ConfigError` names the malformed variable,
 * each issue of an `InvalidConfig` from `layerConfig` names its option and the variable it was read from.
 */
export const explain = (error: BootpayError.InvalidConfig | ConfigError.ConfigError): string =>
  [
    "Bootpay is not configured:",
    ...(error._tag === "ConfigError"
      ? [`  ${String(error)}`] // its message alone leaves out the variable; the string names it
      : error.issues.map((issue) => `  ${issue.path}: ${issue.message}`)),
    "Set BOOTPAY_CLIENT_KEY and BOOTPAY_SECRET_KEY (the REST keys of your Bootpay project), and optionally",
    "BOOTPAY_MODE (production | development | stage | test), BOOTPAY_BASE_URL, BOOTPAY_TIMEOUT (e.g. 10 seconds)",
    "and BOOTPAY_RETRY (0 to 10)."
  ].join("\n")

/** The program: prints the receipt and answers the process exit code (0 ok, 1 Bootpay failure, 2 usage or configuration). */
export const main = (receiptId: string | undefined): Effect.Effect<number> =>
  receiptId === undefined
    ? Effect.as(Console.error("usage: node examples/dist/effect/fromEnvironment.js <receipt_id>"), 2)
    : showReceipt(receiptId).pipe(
        Effect.flatMap(Console.log),
        Effect.as(0),
        Effect.catchTags({
          ConfigError: (error) => Effect.as(Console.error(explain(error)), 2),
          InvalidConfig: (error) => Effect.as(Console.error(explain(error)), 2)
        }),
        Effect.catchAll((error) => Effect.as(Console.error(`${error._tag}: ${error.message}`), 1))
      )

/**
 * Without a receipt id: the program against a fake Bootpay on loopback, given the variables that
 * point at it (`BOOTPAY_BASE_URL` and the fake's `test` keys), then once more with a variable missing.
 */
export const againstFake = async (): Promise<number> => {
  const fake = await FakeServer.start()
  try {
    const paid = fake.store.createReceipt({ order_id: "order-1", price: 15_000 })
    const environment = (variables: Record<string, string>) =>
      Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(variables))))
    const found = await Effect.runPromise(
      main(paid.receipt_id).pipe(
        environment({ BOOTPAY_BASE_URL: fake.url, BOOTPAY_CLIENT_KEY: "test", BOOTPAY_SECRET_KEY: "test" })
      )
    )
    await Effect.runPromise(Console.log("and with BOOTPAY_SECRET_KEY left out:"))
    const refused = await Effect.runPromise(
      main(paid.receipt_id).pipe(environment({ BOOTPAY_BASE_URL: fake.url, BOOTPAY_CLIENT_KEY: "test" }))
    )
    return found === 0 && refused === 2 ? 0 : 1
  } finally {
    await fake.close()
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode =
    process.argv[2] === undefined ? await againstFake() : await Effect.runPromise(main(process.argv[2]))
}
