/**
 * Server-side approval (승인) of an order, as one Effect: check the receipt against the order the
 * merchant stored, confirm the payment, take the stock, and give the money back when the stock is gone.
 *
 * Checking the amount on the server is what stops a buyer who edited the price in the browser
 * (금액 위변조). A payment that waits for the server (`separately_confirmed`, status 2) is simply
 * never confirmed; one the PG already captured (status 1) is cancelled.
 *
 * Run it against the fake Bootpay (no keys): `pnpm run build && node examples/dist/effect/confirmOrCancel.js`.
 * In production provide `NodeBootpay.layerConfig()` instead of `FakeBootpay.layer()`.
 */
import { pathToFileURL } from "node:url"
import { type BootpayClient, type Operation, Receipt, Reconcile } from "@effect-bootpay/core"
import { FakeBootpay } from "@effect-bootpay/testing"
import * as Console from "effect/Console"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"

/** An order in the merchant's database: what the buyer must pay for what. */
export interface Order {
  readonly orderId: string
  readonly amount: number
  readonly sku: string
  readonly quantity: number
}

/** The order id the browser sent is not in the database. */
export class OrderNotFound extends Schema.TaggedError<OrderNotFound>()("OrderNotFound", {
  orderId: Schema.String
}) {}

/** Not enough stock left for the order. */
export class OutOfStock extends Schema.TaggedError<OutOfStock>()("OutOfStock", {
  sku: Schema.String,
  requested: Schema.Number,
  available: Schema.Number
}) {}

/** The merchant's own services this flow needs (a database in a real application). */
export class Shop extends Context.Tag("examples/Shop")<
  Shop,
  {
    readonly findOrder: (orderId: string) => Effect.Effect<Order, OrderNotFound>
    readonly takeStock: (order: Order) => Effect.Effect<void, OutOfStock>
    readonly markPaid: (orderId: string, receiptId: string) => Effect.Effect<void>
  }
>() {}

/** Why an order was not fulfilled. */
export type RefusalReason = "order_mismatch" | "amount_mismatch" | "not_paid" | "out_of_stock"

/** What became of the order. */
export type Outcome =
  | { readonly _tag: "Confirmed"; readonly receipt: Receipt.Receipt }
  | {
      readonly _tag: "Refused"
      readonly reason: RefusalReason
      /** Whether the payment was cancelled (money given back); `receipt` is then the cancelled receipt. */
      readonly cancelled: boolean
      readonly receipt: Receipt.Receipt
    }

/** What the browser posts after the Bootpay window closed. */
export interface ConfirmRequest {
  readonly receiptId: string
  readonly orderId: string
}

/** How a confirm can fail: `NotFound`, `PgRefused`, `OutcomeUnknown` or a common error. */
export type ConfirmError = Operation.Failure<typeof Receipt.confirm>

/** How a cancel can fail: `NotFound`, `PgRefused`, `CarrierCancelWindowClosed`, `OutcomeUnknown` or a common error. */
export type CancelError = Operation.Failure<typeof Receipt.cancel>

/** How the whole checkout can fail; a refusal is an `Outcome`, not an error. */
export type CheckoutError = OrderNotFound | ConfirmError | CancelError

const refused = (reason: RefusalReason, receipt: Receipt.Receipt, cancelled: boolean): Outcome => ({
  _tag: "Refused",
  reason,
  cancelled,
  receipt
})

/** Whether the receipt pays for exactly this order, and can be fulfilled. */
const check = (receipt: Receipt.Receipt, order: Order): RefusalReason | undefined => {
  if (receipt.order_id !== order.orderId) return "order_mismatch"
  if (receipt.price !== order.amount) return "amount_mismatch"
  if (receipt.status !== Receipt.Status.PAID && receipt.status !== Receipt.Status.AWAITING_CONFIRM) {
    return "not_paid"
  }
  return undefined
}

/**
 * Confirms a payment. When the answer was lost (`OutcomeUnknown`), Bootpay is read back: a confirm
 * that did not happen is sent again; a receipt that is paid is kept whoever confirmed it (a receipt
 * is confirmed at most once); anything else stays `OutcomeUnknown` for a person to look at.
 */
export const confirmOnce = (
  receiptId: string
): Effect.Effect<Receipt.Receipt, ConfirmError, BootpayClient.BootpayClient> =>
  Receipt.confirm(receiptId).pipe(
    Effect.catchTag("OutcomeUnknown", (unknown) =>
      Effect.flatMap(Reconcile.outcome(unknown), (resolution) => {
        switch (resolution._tag) {
          case "Happened":
            return Effect.succeed(resolution.receipt)
          case "DidNotHappen":
            return Receipt.confirm(receiptId)
          case "Undetermined": {
            const paid = resolution.receipts.find((receipt) => receipt.status === Receipt.Status.PAID)
            return paid === undefined ? Effect.fail(unknown) : Effect.succeed(paid)
          }
        }
      })
    )
  )

/**
 * Cancels a payment in full. The `cancel_id` is derived from the order, so the cancel is idempotent:
 * the client retries it on transient failures and a repeat never refunds twice.
 */
export const refund = (
  receipt: Receipt.Receipt,
  order: Order,
  reason: RefusalReason
): Effect.Effect<Receipt.Receipt, CancelError, BootpayClient.BootpayClient> => {
  const cancel = Receipt.cancel({
    receipt_id: receipt.receipt_id,
    cancel_id: `${order.orderId}:${reason}`,
    cancel_username: "shop",
    cancel_message: reason === "out_of_stock" ? "품절로 인한 자동 취소" : "결제 금액 불일치로 인한 자동 취소"
  })
  // Repeating a cancel with its cancel_id is safe whatever the read found: Bootpay refuses one it
  // already carried out, and the SDK then answers with the receipt.
  return cancel.pipe(
    Effect.catchTag("OutcomeUnknown", (unknown) =>
      Effect.flatMap(Reconcile.outcome(unknown), (resolution) =>
        resolution._tag === "Happened" ? Effect.succeed(resolution.receipt) : cancel
      )
    )
  )
}

/**
 * The whole server side of a checkout: look the order and the receipt up, refuse a receipt that does
 * not pay for the order, confirm one that waits for the server, take the stock, and cancel the
 * payment when the stock is gone. A PG decline or any other Bootpay failure stays in the error
 * channel as its tagged error (`PgRefused`, `NotFound`, ...).
 */
export const confirmOrder = (
  request: ConfirmRequest
): Effect.Effect<Outcome, CheckoutError, Shop | BootpayClient.BootpayClient> =>
  Effect.gen(function* () {
    const shop = yield* Shop
    const order = yield* shop.findOrder(request.orderId)
    const receipt = yield* Receipt.lookup(request.receiptId)
    const refusal = check(receipt, order)
    if (refusal !== undefined) {
      // Only a tampered payment of this very order that was already captured has money to give back.
      const captured = refusal === "amount_mismatch" && receipt.status === Receipt.Status.PAID
      return captured
        ? refused(refusal, yield* refund(receipt, order, refusal), true)
        : refused(refusal, receipt, false)
    }
    const paid =
      receipt.status === Receipt.Status.AWAITING_CONFIRM ? yield* confirmOnce(receipt.receipt_id) : receipt
    return yield* shop.takeStock(order).pipe(
      Effect.zipRight(shop.markPaid(order.orderId, paid.receipt_id)),
      Effect.as<Outcome>({ _tag: "Confirmed", receipt: paid }),
      Effect.catchTag("OutOfStock", () =>
        Effect.map(refund(paid, order, "out_of_stock"), (cancelled) =>
          refused("out_of_stock", cancelled, true)
        )
      )
    )
  })

/** An in-memory `Shop` for this example and its tests: orders, stock by SKU, and the paid orders. */
export const memoryShop = (orders: ReadonlyArray<Order>, stock: Readonly<Record<string, number>>) => {
  const byId = new Map(orders.map((order) => [order.orderId, order]))
  const state = {
    stock: new Map(Object.entries(stock)),
    /** Receipt id of each paid order. */
    paid: new Map<string, string>()
  }
  const layer = Layer.succeed(Shop, {
    findOrder: (orderId) => {
      const order = byId.get(orderId)
      return order === undefined ? Effect.fail(new OrderNotFound({ orderId })) : Effect.succeed(order)
    },
    takeStock: (order) =>
      Effect.suspend(() => {
        const available = state.stock.get(order.sku) ?? 0
        if (available < order.quantity) {
          return Effect.fail(new OutOfStock({ sku: order.sku, requested: order.quantity, available }))
        }
        state.stock.set(order.sku, available - order.quantity)
        return Effect.void
      }),
    markPaid: (orderId, receiptId) =>
      Effect.sync(() => {
        state.paid.set(orderId, receiptId)
      })
  })
  return { layer, state }
}

const describe = (orderId: string, outcome: Outcome): string =>
  outcome._tag === "Confirmed"
    ? `${orderId}: confirmed, receipt ${outcome.receipt.receipt_id} status ${outcome.receipt.status}`
    : `${orderId}: refused (${outcome.reason})${outcome.cancelled ? `, cancelled ${outcome.receipt.cancelled_price} KRW` : ""}`

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const shop = memoryShop(
    [
      { orderId: "order-1", amount: 15_000, sku: "mug", quantity: 1 },
      { orderId: "order-2", amount: 15_000, sku: "mug", quantity: 1 },
      { orderId: "order-3", amount: 15_000, sku: "mug", quantity: 1 }
    ],
    { mug: 1 }
  )
  const demo = Effect.gen(function* () {
    const store = yield* FakeBootpay.Store
    // What the browser produced: payments waiting for this server, one with an edited price.
    const good = store.createReceipt({ order_id: "order-1", price: 15_000, status: 2 })
    const tampered = store.createReceipt({ order_id: "order-2", price: 100, status: 1 })
    const soldOut = store.createReceipt({ order_id: "order-3", price: 15_000, status: 2 })
    for (const receipt of [good, tampered, soldOut]) {
      const outcome = yield* confirmOrder({ receiptId: receipt.receipt_id, orderId: receipt.order_id })
      yield* Console.log(describe(receipt.order_id, outcome))
    }
  })
  await Effect.runPromise(demo.pipe(Effect.provide(Layer.merge(FakeBootpay.layer(), shop.layer))))
}
