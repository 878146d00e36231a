/**
 * Subscription charges: charge a key now, reserve a charge, look a reservation up and cancel it.
 * Codes the contract does not name are assumptions: `RC_NOT_FOUND` (HTTP 404) for a missing or
 * destroyed key and a missing reservation; HTTP 400 with `RESERVE_LIMIT_EXCEEDED` for an 11th pending
 * reservation, `RESERVE_EXECUTE_AT_INVALID` for a time that is not in the future, and
 * `RESERVE_ALREADY_EXECUTED` for cancelling a reservation that already ran.
 */
import { reservationLimit } from "../billingState.js"
import { error, type Handler, missing, notText, num, ok, str } from "../reply.js"
import { keyNotFound } from "./billingKey.js"

const reservationNotFound = (id: string) => error(404, "RC_NOT_FOUND", `예약을 찾을 수 없습니다 (${id})`)

const positive = (value: number | undefined) =>
  value !== undefined && Number.isSafeInteger(value) && value > 0

/** `Subscription.pay`: a paid receipt (status 1), found afterwards by `Receipt.lookupByOrderId`. */
export const pay: Handler = ({ store, body }) => {
  const absent =
    notText(body, ["billing_key", "order_name", "order_id", "card_quota"]) ??
    missing(body, ["billing_key", "order_name", "price", "order_id"])
  if (absent !== undefined) return absent
  if (!positive(num(body, "price"))) return error(400, "INVALID_PARAMETER", "결제 금액을 설정해주세요")
  const billingKey = str(body, "billing_key") ?? ""
  const key = store.billingKeys.get(billingKey)
  if (key === undefined) return keyNotFound(billingKey)
  return ok(
    store.billing.charge(key, {
      order_id: str(body, "order_id") ?? "",
      order_name: str(body, "order_name") ?? "",
      price: num(body, "price") ?? 0,
      tax_free: num(body, "tax_free"),
      card_quota: str(body, "card_quota"),
      metadata: body.metadata
    })
  )
}

/** `Subscription.reserve`: at most 10 pending reservations per key, in the future only. */
export const reserve: Handler = ({ store, body }) => {
  const absent =
    notText(body, ["billing_key", "order_name", "order_id", "reserve_execute_at"]) ??
    missing(body, ["billing_key", "order_name", "price", "order_id", "reserve_execute_at"])
  if (absent !== undefined) return absent
  if (!positive(num(body, "price"))) return error(400, "INVALID_PARAMETER", "결제 금액을 설정해주세요")
  const billingKey = str(body, "billing_key") ?? ""
  if (!store.billingKeys.has(billingKey)) return keyNotFound(billingKey)
  const executeAt = str(body, "reserve_execute_at") ?? ""
  const millis = Date.parse(executeAt)
  if (Number.isNaN(millis) || millis <= store.now) {
    return error(400, "RESERVE_EXECUTE_AT_INVALID", "예약 실행 시간은 현재 시각 이후여야 합니다")
  }
  if (store.billing.pending(billingKey) >= reservationLimit) {
    return error(400, "RESERVE_LIMIT_EXCEEDED", `빌링키당 예약은 최대 ${reservationLimit}건입니다`)
  }
  // Stored and answered in Korea time like every other date, whatever offset it was sent with.
  const reservation = store.billing.reserve(body, millis)
  return ok({ reserve_id: reservation.reserve_id, reserve_execute_at: reservation.reserve_execute_at })
}

/** `Subscription.lookupReservation`. */
export const lookupReservation: Handler = ({ store, params }) => {
  const reservation = store.reservations.get(params.reserve_id!)
  return reservation === undefined
    ? reservationNotFound(params.reserve_id!)
    : ok(structuredClone(reservation))
}

/** `Subscription.cancelReservation`: cancelling again answers the same (so a retry succeeds). */
export const cancelReservation: Handler = ({ store, params }) => {
  const reserveId = params.reserve_id!
  switch (store.billing.cancelReservation(reserveId)) {
    case "missing":
      return reservationNotFound(reserveId)
    case "already ran":
      return error(400, "RESERVE_ALREADY_EXECUTED", "이미 실행된 예약입니다")
    case "cancelled":
      return ok({ reserve_id: reserveId, success: true })
  }
}
