import { Receipt } from "@effect-bootpay/core"
import { NodeBootpay } from "@effect-bootpay/node"
import * as Effect from "effect/Effect"

const cancelPart = Receipt.cancel({ receipt_id: "6100000000000000000000a1", cancel_price: 3000, cancel_id: "c-1" }).pipe(
  Effect.catchTag("CarrierCancelWindowClosed", () => Effect.succeed(undefined)), // 휴대폰 결제는 결제한 달이 지나면 취소 불가
  Effect.provide(NodeBootpay.layerConfig()) // BOOTPAY_CLIENT_KEY, BOOTPAY_SECRET_KEY, BOOTPAY_MODE ...
)

export {}
