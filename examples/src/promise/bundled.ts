/**
 * A deployable program with the Promise facade, written to be bundled into one file (a serverless
 * function, a container without node_modules). It confirms a payment that waits for the server after
 * checking its amount against the order, refunds part of it, and prints what Bootpay answered as JSON.
 *
 *   node bundled.mjs <receipt_id> <order_amount> <refund_amount>
 *
 * Keys and host come from the environment: BOOTPAY_CLIENT_KEY, BOOTPAY_SECRET_KEY and, against a
 * fake or a proxy, BOOTPAY_BASE_URL. The bundle recipe (esbuild) is in the README; `test/bundle.test.ts`
 * bundles this file with it and runs the bundle against the fake Bootpay.
 */
import { Receipt } from "@effect-bootpay/core"
import { Bootpay } from "@effect-bootpay/node"

/** What the program prints. */
export interface Outcome {
  readonly looked: { readonly price: number; readonly status: number }
  readonly confirmed: { readonly status: number }
  readonly refunded: { readonly status: number; readonly cancelled_price: number | null | undefined }
}

/** Confirms `receiptId` if it costs `orderAmount`, then refunds `refundAmount` of it. */
export const confirmAndRefund = async (
  bootpay: Bootpay.Bootpay,
  receiptId: string,
  orderAmount: number,
  refundAmount: number
): Promise<Outcome> => {
  const looked = await bootpay.receipt.lookup(receiptId)
  // 금액 위변조 check: confirm only what the order costs.
  if (looked.price !== orderAmount || looked.status !== Receipt.Status.AWAITING_CONFIRM) {
    throw new Error(`receipt ${receiptId}: price ${looked.price}, status ${looked.status}; not confirmed`)
  }
  const confirmed = await bootpay.receipt.confirm(receiptId)
  const refunded = await bootpay.receipt.cancel({
    receipt_id: receiptId,
    cancel_price: refundAmount,
    cancel_id: `${receiptId}-refund-1`,
    cancel_message: "부분 환불"
  })
  return {
    looked: { price: looked.price, status: looked.status },
    confirmed: { status: confirmed.status },
    refunded: { status: refunded.status, cancelled_price: refunded.cancelled_price }
  }
}

// No top-level await, so the same file bundles to ESM and to CommonJS.
const [receiptId, orderAmount, refundAmount] = process.argv.slice(2)
if (receiptId === undefined || orderAmount === undefined || refundAmount === undefined) {
  process.stderr.write("usage: bundled.mjs <receipt_id> <order_amount> <refund_amount>\n")
  process.exit(2)
}
const bootpay = Bootpay.make({
  clientKey: process.env.BOOTPAY_CLIENT_KEY ?? "",
  secretKey: process.env.BOOTPAY_SECRET_KEY ?? "",
  ...(process.env.BOOTPAY_BASE_URL === undefined ? {} : { baseUrl: process.env.BOOTPAY_BASE_URL })
})
confirmAndRefund(bootpay, receiptId, Number(orderAmount), Number(refundAmount))
  .then(
    (outcome) => {
      process.stdout.write(`${JSON.stringify(outcome)}\n`)
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
      process.exitCode = 1
    }
  )
  .finally(() => bootpay.dispose())
