// checkout.ts: the server side of a checkout. The browser sends the receipt id; the order is yours.
import { type BootpayClient, type BootpayError, Receipt, Reconcile } from "@effect-bootpay/core"
import * as Effect from "effect/Effect"

export interface Order {
  readonly orderId: string
  readonly amount: number
}

/** What became of a checkout, and what to do next. */
export type Checkout =
  /** Confirmed, by this call or an earlier one: fulfil the order. */
  | { readonly _tag: "Paid"; readonly receipt: Receipt.Receipt }
  /** The receipt does not pay for this order: fulfil nothing (nothing was confirmed). */
  | { readonly _tag: "Refused"; readonly reason: "other_order" | "amount_mismatch" | "not_payable" }
  /** The card company or bank declined: show `message` to the buyer, who can pay again. */
  | { readonly _tag: "Declined"; readonly message: string }
  /** Whether the confirm went through is unknown: fulfil nothing yet, store `JSON.stringify(error)`
   *  and run `Reconcile.outcome` on it later, or wait for the receipt's webhook. */
  | { readonly _tag: "Unresolved"; readonly error: BootpayError.OutcomeUnknown }

type Sent = Checkout | { readonly _tag: "Lost"; readonly error: BootpayError.OutcomeUnknown }

/** One confirm request: paid, declined, or its answer lost. */
const confirm = (receiptId: string) =>
  Receipt.confirm(receiptId).pipe(
    Effect.map((receipt): Sent => ({ _tag: "Paid", receipt })),
    Effect.catchTags({
      PgRefused: (error) => Effect.succeed<Sent>({ _tag: "Declined", message: error.message }),
      OutcomeUnknown: (error) => Effect.succeed<Sent>({ _tag: "Lost", error })
    })
  )

const unresolved = (sent: Sent): Checkout =>
  sent._tag === "Lost" ? { _tag: "Unresolved", error: sent.error } : sent

export const checkout = (
  receiptId: string,
  order: Order
): Effect.Effect<Checkout, BootpayError.CommonError | BootpayError.NotFound, BootpayClient.BootpayClient> =>
  Effect.gen(function* () {
    const receipt = yield* Receipt.lookup(receiptId)
    // The browser can send any receipt and edit the amount (금액 위변조): only these checks count.
    if (receipt.order_id !== order.orderId) return { _tag: "Refused", reason: "other_order" }
    if (receipt.price !== order.amount) return { _tag: "Refused", reason: "amount_mismatch" }
    if (receipt.status === Receipt.Status.PAID) return { _tag: "Paid", receipt } // confirmed before
    if (receipt.status !== Receipt.Status.AWAITING_CONFIRM) return { _tag: "Refused", reason: "not_payable" }

    const sent = yield* confirm(receiptId)
    if (sent._tag !== "Lost") return sent
    // The answer was lost: read Bootpay back instead of guessing.
    const resolution = yield* Reconcile.outcome(sent.error)
    switch (resolution._tag) {
      case "Happened":
        return { _tag: "Paid", receipt: resolution.receipt }
      case "DidNotHappen": // proven not confirmed: sending it once more is safe
        return unresolved(yield* confirm(receiptId))
      case "Undetermined": {
        // Bootpay confirms a receipt once: a paid one is paid, whoever confirmed it.
        const read = resolution.receipts.find(
          (r) => r.receipt_id === receiptId && r.status === Receipt.Status.PAID
        )
        return read === undefined ? unresolved(sent) : { _tag: "Paid", receipt: read }
      }
    }
  })
