/**
 * A member's coupons (쿠폰): templates in `collection("couponTemplates")` (seed them with
 * `createCouponTemplate`), the coupons members downloaded in `collection("coupons")`.
 *
 * Inferences (the contract names the routes only): coupon calls act for the member of the
 * `Bootpay-User-JWT` session and are refused with 401 without one, except `available`, which
 * without a member lists every active template; a coupon's `status` is 1 usable, 2 used, 3
 * expired, and the `status` filter takes the number or `available`/`usable`, `used`, `expired`;
 * `list` answers a bare array, newest first; a template downloads once per member (409 after), an
 * inactive (`status` 0) or expired template is refused (400), an unknown one is a 404;
 * `discount_type` 1 is a fixed amount, 2 a percentage.
 */
import type { CommerceState } from "../../../FakeCommerce.js"
import type { Json } from "../../../FakeStore.js"
import { type CommerceHandler, data, failure, notFound } from "../reply.js"
import { memberOf, optionalMemberOf } from "./member.js"

const statusNames: Readonly<Record<string, number>> = { available: 1, usable: 1, used: 2, expired: 3 }

/** A coupon's status now: an unused coupon past its `expires_at` is expired. */
const statusOf = (state: CommerceState, coupon: Json): number =>
  coupon.status === 1 &&
  typeof coupon.expires_at === "string" &&
  Date.parse(coupon.expires_at) <= state.store.now
    ? 3
    : Number(coupon.status)

const shown = (state: CommerceState, coupon: Json): Json => ({
  ...structuredClone(coupon),
  status: statusOf(state, coupon)
})

const templateOpen = (state: CommerceState, template: Json) =>
  template.status === 1 &&
  !(typeof template.expires_at === "string" && Date.parse(template.expires_at) <= state.store.now)

const held = (state: CommerceState, userId: unknown) =>
  [...state.collection("coupons").values()].filter((coupon) => coupon.user_id === userId)

/** The member's usable coupons, by id. */
export const usableCoupons = (state: CommerceState, userId: unknown): Map<string, Json> =>
  new Map(
    held(state, userId)
      .filter((coupon) => statusOf(state, coupon) === 1)
      .map((coupon) => [String(coupon.coupon_id), coupon])
  )

export const list: CommerceHandler = ({ state, headers, query }) => {
  const member = memberOf(state, headers)
  if ("refused" in member) return member.refused
  const wanted = query.status === undefined ? undefined : (statusNames[query.status] ?? Number(query.status))
  if (wanted !== undefined && !Number.isInteger(wanted)) {
    return failure(400, "INVALID_PARAMETER", `status ${query.status} is not a coupon status`)
  }
  const coupons = held(state, member.user.user_id)
    .reverse()
    .filter((coupon) => wanted === undefined || statusOf(state, coupon) === wanted)
  const size = Math.max(1, Number(query.limit ?? 20) || 20)
  const number = Math.max(1, Number(query.page ?? 1) || 1)
  return data(coupons.slice((number - 1) * size, number * size).map((coupon) => shown(state, coupon)))
}

export const available: CommerceHandler = ({ state, headers }) => {
  const member = optionalMemberOf(state, headers)
  if (member !== undefined && "refused" in member) return member.refused
  const taken = new Set(
    member === undefined ? [] : held(state, member.user.user_id).map((coupon) => coupon.coupon_template_id)
  )
  return data(
    [...state.collection("couponTemplates").values()]
      .filter((template) => templateOpen(state, template) && !taken.has(template.coupon_template_id))
      .map((template) => structuredClone(template))
  )
}

export const download: CommerceHandler = ({ state, headers, body }) => {
  const member = memberOf(state, headers)
  if ("refused" in member) return member.refused
  const id = String(body.coupon_template_id ?? "")
  const template = state.collection("couponTemplates").get(id)
  if (template === undefined) return notFound("coupon_template", id)
  if (!templateOpen(state, template))
    return failure(400, "COUPON_NOT_AVAILABLE", "the coupon can no longer be downloaded")
  if (held(state, member.user.user_id).some((coupon) => coupon.coupon_template_id === id)) {
    return failure(409, "COUPON_ALREADY_DOWNLOADED", "the member already has this coupon")
  }
  const now = state.nowIso()
  const coupon: Json = {
    coupon_id: state.nextId(),
    coupon_template_id: id,
    user_id: member.user.user_id,
    name: template.name,
    discount_type: template.discount_type,
    discount_value: template.discount_value,
    min_order_amount: template.min_order_amount,
    max_discount_amount: template.max_discount_amount,
    status: 1,
    issued_at: now,
    used_at: null,
    expires_at: template.expires_at ?? null,
    created_at: now
  }
  state.collection("coupons").set(String(coupon.coupon_id), coupon)
  return data(shown(state, coupon))
}
