// main.ts: node main.js <receipt_id> <order_id> <amount>, with the keys in BOOTPAY_* variables.
import { NodeBootpay } from "@effect-bootpay/node"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { type Checkout, checkout } from "./checkout.js"

const [receiptId = "", orderId = "", amount = ""] = process.argv.slice(2)

/** What to do with each outcome. */
const next = (outcome: Checkout): string => {
  switch (outcome._tag) {
    case "Paid":
      return `paid: fulfil ${orderId} (receipt ${outcome.receipt.receipt_id})`
    case "Refused":
      return `refused (${outcome.reason}): fulfil nothing`
    case "Declined":
      return `declined: tell the buyer "${outcome.message}"`
    case "Unresolved":
      return `unresolved: store ${JSON.stringify(outcome.error)} and reconcile it later`
  }
}

const program = checkout(receiptId, { orderId, amount: Number(amount) }).pipe(
  Effect.flatMap((outcome) => Console.log(next(outcome))),
  Effect.provide(NodeBootpay.layerConfig()),
  // NotFound, InvalidCredentials, a BOOTPAY_* variable missing or malformed, Bootpay unreachable ...: see Errors.
  Effect.tapError((error) => Console.error(String(error)))
)

Effect.runPromise(program).catch(() => {
  process.exitCode = 1
})
