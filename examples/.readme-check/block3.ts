import { type BootpayError, Reconcile } from "@effect-bootpay/core"
import * as Effect from "effect/Effect"

const resolve = (unknown: BootpayError.OutcomeUnknown) =>
  Reconcile.outcome(unknown).pipe(
    Effect.map((resolution) =>
      resolution._tag === "Happened"
        ? `it went through: receipt ${resolution.receipt.receipt_id}, status ${resolution.receipt.status}`
        : "it did not happen: repeating the call is safe"
    )
  )

export {}
