// exported.ts: a flow exported from a project compiled with `declaration: true`.
// biome-ignore lint/correctness/noUnusedImports: the export's declaration names them (TS2742 without)
import type { BootpayClient, BootpayError } from "@effect-bootpay/core"
import { Receipt } from "@effect-bootpay/core"
import * as Effect from "effect/Effect"

export const confirmIfAwaiting = (receiptId: string) =>
  Receipt.lookup(receiptId).pipe(
    Effect.flatMap((receipt) =>
      receipt.status === Receipt.Status.AWAITING_CONFIRM
        ? Receipt.confirm(receiptId)
        : Effect.succeed(receipt)
    )
  )
