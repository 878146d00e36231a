/**
 * Configuration from the environment: `NodeBootpay.layerConfig()` reads the `BOOTPAY_*` variables,
 * so keys never appear in code. Missing or unusable variables fail as `InvalidConfig` before any
 * request, and this program turns that into a message naming the variables to set.
 *
 * Run it: `BOOTPAY_CLIENT_KEY=... BOOTPAY_SECRET_KEY=... BOOTPAY_MODE=development
 * node examples/dist/effect/fromEnvironment.js <receipt_id>`.
 */
import { pathToFileURL } from "node:url"
import { type BootpayError, Receipt } from "@effect-bootpay/core"
import { NodeBootpay } from "@effect-bootpay/node"
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

/** The variable behind each configuration field. */
const variables: Readonly<Record<string, string>> = {
  credentials:
    "BOOTPAY_CLIENT_KEY + BOOTPAY_SECRET_KEY (or the legacy BOOTPAY_APPLICATION_ID + BOOTPAY_PRIVATE_KEY)",
  clientKey: "BOOTPAY_CLIENT_KEY",
  secretKey: "BOOTPAY_SECRET_KEY",
  applicationId: "BOOTPAY_APPLICATION_ID",
  privateKey: "BOOTPAY_PRIVATE_KEY",
  mode: "BOOTPAY_MODE",
  baseUrl: "BOOTPAY_BASE_URL",
  allowInsecureHttp: "BOOTPAY_ALLOW_INSECURE_HTTP",
  timeout: "BOOTPAY_TIMEOUT",
  retry: "BOOTPAY_RETRY"
}

/** A message for an unusable configuration that names the environment variables to fix. */
export const explain = (error: BootpayError.InvalidConfig): string =>
  [
    "Bootpay is not configured:",
    ...error.issues.map((issue) => `  ${variables[issue.path] ?? issue.path}: ${issue.message}`),
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
        Effect.catchTag("InvalidConfig", (error) => Effect.as(Console.error(explain(error)), 2)),
        Effect.catchAll((error) => Effect.as(Console.error(`${error._tag}: ${error.message}`), 1))
      )

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await Effect.runPromise(main(process.argv[2]))
}
