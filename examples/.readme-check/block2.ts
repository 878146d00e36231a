import { BootpayError, Receipt } from "@effect-bootpay/core"
import { Bootpay } from "@effect-bootpay/node"

const bootpay = Bootpay.make({ clientKey: "your-client-key", secretKey: "your-secret-key", mode: "production" })

export const confirm = async (receiptId: string, order: { orderId: string; amount: number }) => {
  const receipt = await bootpay.receipt.lookup(receiptId, { timeout: "5 seconds" })
  if (receipt.order_id !== order.orderId || receipt.price !== order.amount) return { ok: false, error: "amount_mismatch" }
  if (receipt.status !== Receipt.Status.AWAITING_CONFIRM) return { ok: receipt.status === Receipt.Status.PAID }
  try {
    const paid = await bootpay.receipt.confirm(receiptId)
    return { ok: true, receiptId: paid.receipt_id }
  } catch (error) {
    if (!BootpayError.isBootpayError(error)) throw error
    switch (error._tag) {
      case "PgRefused":
        return { ok: false, error: "declined", message: error.message }
      case "OutcomeUnknown": {
        const resolution = await bootpay.reconcile(error)
        return { ok: resolution._tag === "Happened" }
      }
      default:
        throw error
    }
  }
}

// On shutdown, close the connection pool.
process.once("SIGTERM", () => void bootpay.dispose())

export {}
