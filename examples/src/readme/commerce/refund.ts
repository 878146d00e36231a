// refund.ts: a partial refund on a Commerce order. The buyer asks, the merchant approves.
import { BootpayError } from "@effect-bootpay/core"
import type { BootpayCommerce } from "@effect-bootpay/node"

/** What became of a refund request, and what to do next. */
export type Refund =
  /** Approved: Bootpay refunds `amount`. */
  | { readonly _tag: "Refunded"; readonly amount: number }
  /** Bootpay refused the request (nothing was asked): `message` says why. */
  | { readonly _tag: "Refused"; readonly message: string }
  /** The request or the approval may or may not have gone through: read `orderCancel.list` for the
   *  order before asking again; never repeat it blindly (it moves money). */
  | { readonly _tag: "Unresolved"; readonly error: BootpayError.OutcomeUnknown }

export const refund = async (
  commerce: BootpayCommerce.BootpayCommerce,
  orderNumber: string,
  amount: number,
  reason: string
): Promise<Refund> => {
  try {
    const request = await commerce.orderCancel.request({
      order_number: orderNumber,
      request_cancel_parameters: { cancel_price: amount, cancel_message: reason }
    })
    // `approve` always goes with the supervisor role, as Bootpay requires.
    await commerce.orderCancel.approve({
      order_cancellation_request_id: request.order_cancellation_request_id!,
      message: "승인"
    })
    return { _tag: "Refunded", amount }
  } catch (error) {
    if (error instanceof BootpayError.OutcomeUnknown) return { _tag: "Unresolved", error }
    if (error instanceof BootpayError.ApiError || error instanceof BootpayError.NotFound) {
      return { _tag: "Refused", message: error.message }
    }
    throw error
  }
}
