/** Proofs shared by several operations (see `Operation.Proof`). */
import * as Effect from "effect/Effect"
import type * as Operation from "../Operation.js"
import * as Receipt from "../Receipt.js"
import { didNotHappen, undetermined } from "./resolution.js"

/**
 * A charge (or cash receipt) known by its `order_id`: no receipt of the order proves it did not
 * happen. A receipt of the order never proves this call made it: a merchant's retries share the
 * order id, and Bootpay's receipt does not say which request created it.
 */
export const byOrderId: Operation.Proof<unknown, never> = {
  reconcile: (error, read) => {
    const orderId = error.orderId
    if (orderId === undefined) {
      return Effect.succeed(undetermined("the call carries no order id to read", []))
    }
    return read(Receipt.lookupByOrderId, orderId).pipe(
      Effect.map((receipts) => {
        const made = receipts.filter((receipt) => receipt.status > Receipt.Status.PENDING)
        return made.length === 0
          ? didNotHappen(receipts.at(-1))
          : undetermined(
              `order ${orderId} has ${made.length} receipt(s) that went through, but Bootpay does not say which request made them: this call, or another with the same order_id`,
              made
            )
      }),
      Effect.catchTag("NotFound", () => Effect.succeed(didNotHappen(undefined)))
    )
  }
}
