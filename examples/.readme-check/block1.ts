import { Receipt, Reconcile } from "@effect-bootpay/core"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"

interface Order {
  readonly orderId: string
  readonly amount: number
}
class OutOfStock extends Schema.TaggedError<OutOfStock>()("OutOfStock", { orderId: Schema.String }) {}
declare const takeStock: (order: Order) => Effect.Effect<void, OutOfStock> // your inventory

/** Confirms at most once: when the answer was lost, Bootpay is read back before confirming again. */
const confirmOnce = (receiptId: string) =>
  Receipt.confirm(receiptId).pipe(
    Effect.catchTag("OutcomeUnknown", (unknown) =>
      Effect.flatMap(Reconcile.outcome(unknown), (resolution) =>
        resolution._tag === "Happened" ? Effect.succeed(resolution.receipt) : Receipt.confirm(receiptId)
      )
    )
  )

const checkout = (receiptId: string, order: Order) =>
  Effect.gen(function* () {
    const receipt = yield* Receipt.lookup(receiptId)
    // The browser can edit the amount (금액 위변조): only the server-side check counts.
    if (receipt.order_id !== order.orderId || receipt.price !== order.amount) return "refused" as const
    const paid = yield* confirmOnce(receiptId)
    return yield* takeStock(order).pipe(
      Effect.as("confirmed" as const),
      Effect.catchTag("OutOfStock", () =>
        Receipt.cancel({ receipt_id: paid.receipt_id, cancel_id: `${order.orderId}:out-of-stock` }).pipe(
          Effect.as("refunded" as const)
        )
      )
    )
  })
// checkout(...): Effect<"refused" | "confirmed" | "refunded", PgRefused | NotFound | OutcomeUnknown | ..., BootpayClient>

export {}
