import type { BootpayError, Reconcile } from "@effect-bootpay/core"
import type { Bootpay } from "@effect-bootpay/node"

/** What to do after a lost answer, from what Bootpay's state proves. */
export const nextStep = (resolution: Reconcile.Resolution): string => {
  switch (resolution._tag) {
    case "Happened":
      return `it went through: carry on with receipt ${resolution.receipt.receipt_id}`
    case "DidNotHappen":
      return "it did not happen: sending the call again is safe"
    case "Undetermined":
      return `no read can tell (${resolution.reason}); decide from the ${resolution.receipts.length} receipt(s) read`
  }
}

// Effect: Reconcile.outcome(error).pipe(Effect.map(nextStep)). Promise, from what you stored earlier:
export const settle = async (bootpay: Bootpay.Bootpay, stored: string): Promise<string> =>
  nextStep(await bootpay.reconcile(JSON.parse(stored) as BootpayError.OutcomeUnknown))
