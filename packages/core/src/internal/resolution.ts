/** The three constructors of `Reconcile.Resolution`, for the operations' proofs. */
import type { Receipt } from "../Receipt.js"
import type { Resolution } from "../Reconcile.js"

/** The call took effect. */
export const happened = (receipt: Receipt): Resolution => ({ _tag: "Happened", receipt })

/** The call did not take effect. */
export const didNotHappen = (receipt: Receipt | undefined): Resolution => ({ _tag: "DidNotHappen", receipt })

/** Bootpay's state cannot tell. */
export const undetermined = (reason: string, receipts: ReadonlyArray<Receipt>): Resolution => ({
  _tag: "Undetermined",
  reason,
  receipts
})
