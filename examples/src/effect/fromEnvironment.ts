/**
 * Configuration from the environment: `NodeBootpay.layerConfig()` reads the `BOOTPAY_*` variables,
 * so keys never appear in code. A malformed variable fails as `ConfigError`, missing or unusable
 * values as `InvalidConfig`, both before any request; this program turns either into a message naming
 * the variables to set.
 *
 * Run it: `BOOTPAY_CLIENT_KEY=... BOOTPAY_SECRET_KEY=... BOOTPAY_MODE=development
 * node examples/dist/effect/fromEnvironment.js <receipt_id>`.
 */
import { pathToFileURL } from "node:url"
import { BootpayConfig, type BootpayError, Receipt } from "@effect-bootpay/core"
import { NodeBootpay } from "@effect-bootpay/node"
import type * as ConfigError from "effect/ConfigError"
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

/** The variable each option is read from, and the pairs for `credentials` (no key pair at all). */
const variables: Readonly<Record<string, string>> = {
  ...BootpayConfig.variables,
  credentials:
    "BOOTPAY_CLIENT_KEY + BOOTPAY_SECRET_KEY (or the legacy BOOTPAY_APPLICATION_ID + BOOTPAY_PRIVATE_KEY)"
}

/**
 * A message naming the environment variables to fix: a `ConfigError` names the malformed variable
 * itself, an `InvalidConfig` names options, each read from its `BOOTPAY_*` variable here.
 */
export const explain = (error: BootpayError.InvalidConfig | ConfigError.ConfigError): string =>
  [
    "Bootpay is not configured:",
    ...(error._tag === "ConfigError"
      ? [`  ${String(error)}`] // its message alone leaves out the variable; the string names it
      : error.issues.map((issue) => `  ${variables[issue.path] ?? issue.path}: ${issue.message}`)),
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

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await Effect.runPromise(main(process.argv[2]))
}
