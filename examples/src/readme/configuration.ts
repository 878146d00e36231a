import { Receipt } from "@effect-bootpay/core"
import { NodeBootpay } from "@effect-bootpay/node"
import * as Config from "effect/Config"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"

// Other variable names for one merchant, a fixed mode; the rest still from BOOTPAY_*.
const shopA = NodeBootpay.layerConfig({
  clientKey: Config.string("SHOP_A_CLIENT_KEY"),
  secretKey: Config.redacted("SHOP_A_SECRET_KEY"),
  mode: Config.succeed("development")
})

const program = Receipt.lookup("6100000000000000000000a1").pipe(
  Effect.flatMap((receipt) => Console.log(receipt.status_locale)),
  Effect.provide(process.env.SHOP === "a" ? shopA : NodeBootpay.layerConfig()),
  Effect.catchTags({
    ConfigError: (error) => Console.error(`fix the variable: ${String(error)}`),
    InvalidConfig: (error) => Console.error(`fix the configuration: ${error.message}`)
  })
)

Effect.runPromise(program)
