/**
 * Reconciliation (대사): resolving an `OutcomeUnknown` to what really happened, by reading Bootpay's
 * state back. One call turns "the connection dropped while confirming" into either the final receipt
 * or a definite "it did not happen", so the caller can retry safely or carry on.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import type * as BootpayClient from "./BootpayClient.js"
import type * as BootpayError from "./BootpayError.js"
import { InvalidRequest, type NotFound, type OutcomeUnknown } from "./BootpayError.js"
import * as Receipt from "./Receipt.js"

/** What reconciliation found. */
export type Resolution =
  /** The call took effect; `receipt` is Bootpay's current state. */
  | { readonly _tag: "Happened"; readonly receipt: Receipt.Receipt }
  /** The call did not take effect; retrying it is safe. `receipt` is the current state when one exists. */
  | { readonly _tag: "DidNotHappen"; readonly receipt: Receipt.Receipt | undefined }

const happened = (receipt: Receipt.Receipt): Resolution => ({ _tag: "Happened", receipt })
const didNotHappen = (receipt: Receipt.Receipt | undefined): Resolution => ({ _tag: "DidNotHappen", receipt })

/** Operations whose effect shows as a receipt of their `order_id`. */
const chargesByOrder = new Set(["Subscription.pay", "CashReceipt.publish"])

const cannot = (error: OutcomeUnknown, why: string) =>
  new InvalidRequest({
    operation: "Reconcile.outcome",
    issues: [{ path: "operation", message: `${error.operation}: ${why}` }]
  })

/**
 * Resolves an `OutcomeUnknown`: a confirm by its receipt's status, a cancel by the receipt's cumulative
 * cancelled amount, a billing-key charge or cash receipt by the receipts of its order id.
 */
export const outcome = (
  error: OutcomeUnknown
): Effect.Effect<Resolution, BootpayError.CommonError | NotFound, BootpayClient.BootpayClient> => {
  if (error.operation === Receipt.confirmOperation.id && error.receiptId !== undefined) {
    return Effect.map(Receipt.lookup(error.receiptId), (receipt) =>
      receipt.status === Receipt.Status.AWAITING_CONFIRM ? didNotHappen(receipt) : happened(receipt)
    )
  }
  if (error.operation === Receipt.cancelOperation.id && error.receiptId !== undefined) {
    const expected = error.expectedCancelledPrice
    if (expected === undefined) return Effect.fail(cannot(error, "the cancel's expected amount is unknown"))
    return Effect.map(Receipt.lookup(error.receiptId), (receipt) =>
      (receipt.cancelled_price ?? 0) >= expected ? happened(receipt) : didNotHappen(receipt)
    )
  }
  if (chargesByOrder.has(error.operation) && error.orderId !== undefined) {
    return Receipt.lookupByOrderId(error.orderId).pipe(
      Effect.map((receipts) => {
        const charged = receipts.find(
          (receipt) => receipt.status !== Receipt.Status.PENDING && receipt.status > 0
        )
        return charged === undefined ? didNotHappen(undefined) : happened(charged)
      }),
      Effect.catchTag("NotFound", () => Effect.succeed(didNotHappen(undefined)))
    )
  }
  return Effect.fail(cannot(error, "cannot be reconciled by a lookup; check the Bootpay dashboard"))
}
