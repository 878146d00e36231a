import { Receipt } from "@effect-bootpay/core"
import { NodeBootpay } from "@effect-bootpay/node"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"

const BootpayLive = NodeBootpay.layer({
  clientKey: "your-client-key",
  secretKey: Redacted.make("your-secret-key"),
  mode: "development"
})

const status = Receipt.lookup("6100000000000000000000a1").pipe(
  Effect.map((receipt) => `${receipt.status_locale}: ${receipt.price} KRW`)
)

Effect.runPromise(status.pipe(Effect.provide(BootpayLive))).then(console.log)

export {}
const bad: number = "a"
