/**
 * The order preview (주문 미리보기): prices products, shipping, coupons and points and changes
 * nothing.
 *
 * Inferences (the contract gives the request and answer shapes only): a `guest` preview prices
 * its `cart_items`, a `member` preview the member's cart in `collection("carts")` (keyed by
 * `user_id`: `{ cart_id, items: [{ cart_item_id, product_id, product_option_id?, quantity }] }`)
 * and needs a member session; a product's unit price is its `display_price`, less `discount_price`
 * when `use_discount` (an amount, or a percentage when `discount_price_type` is 2), plus the
 * chosen option's `price`; items are grouped by `delivery_shipping_id`, whose fee comes from
 * `collection("deliveryShippings")` (`{ delivery_fee, free_over?, extra_fee_jeju? }`; none: free),
 * with the Jeju fee for zip codes 63000-63644; an unknown product, one not on sale or without
 * enough stock is listed in `unavailable_items` and not priced; coupons and points need a member
 * session (401), a coupon must be the member's and usable and its `min_order_amount` met (400),
 * `point_amount` may not exceed `point_max_usable` (400), the smaller of the balance and what is
 * left to pay for products after coupons.
 */
import type { CommerceState } from "../../../FakeCommerce.js"
import type { Json } from "../../../FakeStore.js"
import { type CommerceHandler, data, failure } from "../reply.js"
import { usableCoupons } from "./coupon.js"
import { memberOf, optionalMemberOf } from "./member.js"

interface Line {
  readonly cart_item_id?: string
  readonly product_id: string
  readonly product_option_id?: string
  readonly quantity: number
}

const unitPrice = (product: Json, optionId: string | undefined): number => {
  const base = Number(product.display_price ?? 0)
  const discount = product.use_discount === true ? Number(product.discount_price ?? 0) : 0
  const off = product.discount_price_type === 2 ? Math.floor((base * discount) / 100) : discount
  const options = Array.isArray(product.options) ? (product.options as Array<Json>) : []
  const option = options.find((candidate) => candidate.option_id === optionId)
  return Math.max(0, base - off) + Number(option?.price ?? 0)
}

const unavailable = (product: Json | undefined, quantity: number): string | undefined => {
  if (product === undefined) return "not_found"
  if (product.status_sale === false) return "not_on_sale"
  if (product.use_stock === true && Number(product.stock ?? 0) < quantity) return "out_of_stock"
  return undefined
}

const couponDiscount = (coupon: Json, total: number): number => {
  const value = Number(coupon.discount_value ?? 0)
  const raw = coupon.discount_type === 2 ? Math.floor((total * value) / 100) : value
  const cap = coupon.max_discount_amount
  return typeof cap === "number" ? Math.min(raw, cap) : raw
}

const isJeju = (zipcode: unknown) => {
  const zip = Number(zipcode)
  return Number.isInteger(zip) && zip >= 63000 && zip <= 63644
}

const linesOf = (state: CommerceState, body: Json, userId: unknown): ReadonlyArray<Line> => {
  if (body.member_mode === "member") {
    const cart = state.collection("carts").get(String(userId))
    return Array.isArray(cart?.items) ? (cart.items as Array<Line>) : []
  }
  return Array.isArray(body.cart_items)
    ? (body.cart_items as Array<Json>).map((item) => ({
        product_id: String(item.product_id),
        ...(item.product_option_id === undefined
          ? {}
          : { product_option_id: String(item.product_option_id) }),
        quantity: Number(item.quantity ?? 1)
      }))
    : []
}

export const orderPreview: CommerceHandler = ({ state, body, headers }) => {
  const member = body.member_mode === "member" ? memberOf(state, headers) : optionalMemberOf(state, headers)
  if (member !== undefined && "refused" in member) return member.refused
  const user = member?.user
  const couponIds = Array.isArray(body.coupon_ids) ? (body.coupon_ids as Array<string>) : []
  const pointAmount = Number(body.point_amount ?? 0)
  if (user === undefined && (couponIds.length > 0 || pointAmount > 0)) {
    return failure(401, "USER_JWT_INVALID", "coupons and points need a member session (Bootpay-User-JWT)")
  }
  if (body.member_mode !== "member" && linesOf(state, body, undefined).length === 0) {
    return failure(400, "INVALID_PARAMETER", "cart_items is required")
  }
  const groups = new Map<string, Json & { items: Array<Json>; total_price: number; total_quantity: number }>()
  const unavailableItems: Array<Json> = []
  for (const line of linesOf(state, body, user?.user_id)) {
    const product = state.products.get(line.product_id)
    const reason = unavailable(product, line.quantity)
    if (reason !== undefined || product === undefined) {
      unavailableItems.push({
        ...(line.cart_item_id === undefined ? {} : { cart_item_id: line.cart_item_id }),
        product_id: line.product_id,
        ...(product === undefined ? {} : { product_name: product.name }),
        reason
      })
      continue
    }
    const key = typeof product.delivery_shipping_id === "string" ? product.delivery_shipping_id : "default"
    const group = groups.get(key) ?? {
      group_key: key,
      ...(key === "default" ? {} : { delivery_shipping_id: key }),
      items: [],
      total_price: 0,
      total_quantity: 0
    }
    const price = unitPrice(product, line.product_option_id)
    group.items.push({
      ...(line.cart_item_id === undefined ? {} : { cart_item_id: line.cart_item_id }),
      product_id: line.product_id,
      ...(line.product_option_id === undefined ? {} : { product_option_id: line.product_option_id }),
      product_name: product.name,
      quantity: line.quantity,
      price,
      subtotal: price * line.quantity
    })
    group.total_price += price * line.quantity
    group.total_quantity += line.quantity
    groups.set(key, group)
  }
  const jeju = isJeju((body.shipping_address as Json | undefined)?.zipcode)
  const deliveryGroups = [...groups.values()].map((group) => {
    const shipping = state.collection("deliveryShippings").get(String(group.group_key))
    const freeOver = shipping?.free_over
    const fee =
      shipping === undefined || (typeof freeOver === "number" && group.total_price >= freeOver)
        ? 0
        : Number(shipping.delivery_fee ?? 0)
    return {
      ...group,
      delivery_fee: fee,
      delivery_extra_fee_jeju: jeju ? Number(shipping?.extra_fee_jeju ?? 0) : 0,
      delivery_extra_fee_remote: 0,
      shipping_available: true
    }
  })
  const productTotal = deliveryGroups.reduce((sum, group) => sum + group.total_price, 0)
  const deliveryTotal = deliveryGroups.reduce((sum, group) => sum + group.delivery_fee, 0)
  const extraTotal = deliveryGroups.reduce((sum, group) => sum + group.delivery_extra_fee_jeju, 0)
  const usable = user === undefined ? new Map<string, Json>() : usableCoupons(state, user.user_id)
  const applied: Array<Json> = []
  let couponTotal = 0
  for (const id of couponIds) {
    const coupon = usable.get(id)
    if (coupon === undefined) return failure(400, "COUPON_NOT_AVAILABLE", `coupon ${id} cannot be used`)
    if (productTotal < Number(coupon.min_order_amount ?? 0)) {
      return failure(
        400,
        "COUPON_NOT_AVAILABLE",
        `coupon ${id} needs an order of ${String(coupon.min_order_amount)}`
      )
    }
    const discount = Math.min(couponDiscount(coupon, productTotal), productTotal - couponTotal)
    couponTotal += discount
    applied.push({
      coupon_id: coupon.coupon_id,
      coupon_template_id: coupon.coupon_template_id,
      name: coupon.name,
      discount_type: coupon.discount_type,
      discount_value: coupon.discount_value,
      actual_discount_amount: discount
    })
  }
  const balance = user === undefined ? 0 : state.pointBalance(String(user.user_id))
  const maxUsable = Math.max(0, Math.min(balance, productTotal - couponTotal))
  if (pointAmount > maxUsable) {
    return failure(400, "POINT_EXCEEDED", `point_amount may be at most ${maxUsable}`)
  }
  const cart = user === undefined ? undefined : state.collection("carts").get(String(user.user_id))
  return data({
    ...(cart?.cart_id === undefined ? {} : { cart_id: cart.cart_id }),
    ...(user === undefined ? {} : { user_id: user.user_id }),
    delivery_groups: deliveryGroups,
    summary: {
      total_items: deliveryGroups.reduce((sum, group) => sum + group.items.length, 0),
      total_quantity: deliveryGroups.reduce((sum, group) => sum + group.total_quantity, 0),
      total_product_price: productTotal,
      total_delivery_fee: deliveryTotal,
      total_delivery_extra_fee: extraTotal,
      coupon_discount_amount: couponTotal,
      applied_coupons: applied,
      point_use_amount: pointAmount,
      point_max_usable: maxUsable,
      point_balance_after: balance - pointAmount,
      total_order_price: productTotal + deliveryTotal + extraTotal - couponTotal - pointAmount
    },
    unavailable_items: unavailableItems
  })
}
