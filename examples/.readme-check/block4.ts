import { Receipt } from "@effect-bootpay/core"
import { NodeBootpay } from "@effect-bootpay/node"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"

const program = Receipt.lookup("6100000000000000000000a1").pipe(
  Effect.flatMap((receipt) => Console.log(receipt.status_locale)),
  Effect.provide(NodeBootpay.layerConfig()),
  Effect.catchTag("InvalidConfig", (error) =>
    Console.error(`set the BOOTPAY_* variables: ${error.issues.map((issue) => issue.message).join("; ")}`)
  )
)

export {}
