/**
 * The Commerce cart (장바구니): Bootpay's own calculation of an order before it is placed, with
 * shipping per delivery group, coupon discounts and points.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Commerce from "../internal/commerce.js"
import { Id, KrwOrZero, opt, Text } from "../internal/schemas.js"

/**
 * One item of a guest cart.
 *
 * @since 0.1.0
 * @category models
 */
export const CartItem = Schema.Struct({
  product_id: Id,
  product_option_id: Schema.optional(Id),
  quantity: Schema.optional(Commerce.PositiveInt),
  is_subscription: Schema.optional(Schema.Boolean),
  subscription_period_id: Schema.optional(Id)
})

/**
 * The input of `orderPreview`. A `guest` preview (the default) prices the `cart_items` given; a
 * `member` preview prices the member's cart on Bootpay and needs the member's `user_jwt`.
 * `coupon_ids` and `point_amount` apply the member's coupons and points.
 *
 * @since 0.1.0
 * @category models
 */
export const OrderPreviewRequest = Schema.Struct({
  member_mode: Schema.optional(Schema.Literal("guest", "member")),
  cart_items: Schema.optional(Schema.Array(CartItem)),
  shipping_address: Schema.optional(Schema.Struct({ zipcode: Schema.optional(Text) })),
  coupon_ids: Schema.optional(Schema.Array(Id)),
  point_amount: Schema.optional(KrwOrZero),
  user_group_id: Schema.optional(Id),
  user_jwt: Commerce.userJwt
}).pipe(
  Schema.filter((input) => {
    if (input.member_mode === "member") {
      return (
        input.user_jwt !== undefined || {
          path: ["user_jwt"],
          message: "a member preview needs the member's user_jwt"
        }
      )
    }
    return (
      (input.cart_items !== undefined && input.cart_items.length > 0) || {
        path: ["cart_items"],
        message: "a guest preview needs at least one cart item"
      }
    )
  })
)

/**
 * The input of `orderPreview`.
 *
 * @since 0.1.0
 * @category models
 */
export type OrderPreviewRequest = typeof OrderPreviewRequest.Encoded

const DeliveryGroupItem = Schema.Struct({
  cart_item_id: opt(Schema.String),
  product_id: Schema.String,
  product_option_id: opt(Schema.String),
  product_name: opt(Schema.String),
  quantity: Schema.Number,
  price: Schema.Number,
  subtotal: opt(Schema.Number)
})

/**
 * The items shipped together, with their shipping fee.
 *
 * @since 0.1.0
 * @category models
 */
export const DeliveryGroup = Schema.Struct({
  group_key: opt(Schema.String),
  seller_id: opt(Schema.String),
  delivery_shipping_id: opt(Schema.String),
  delivery_shipping_bundle_id: opt(Schema.String),
  bundle_id: opt(Schema.String),
  items: Schema.Array(DeliveryGroupItem),
  total_price: Schema.Number,
  total_quantity: Schema.Number,
  delivery_fee: Schema.Number,
  delivery_extra_fee_jeju: opt(Schema.Number),
  delivery_extra_fee_remote: opt(Schema.Number),
  shipping_available: opt(Schema.Boolean)
})

/**
 * The totals of a preview.
 *
 * @since 0.1.0
 * @category models
 */
export const OrderPreviewSummary = Schema.Struct({
  total_items: opt(Schema.Number),
  total_quantity: opt(Schema.Number),
  total_product_price: opt(Schema.Number),
  total_delivery_fee: opt(Schema.Number),
  total_delivery_extra_fee: opt(Schema.Number),
  coupon_discount_amount: opt(Schema.Number),
  applied_coupons: opt(Schema.Array(Schema.Record({ key: Schema.String, value: Schema.Unknown }))),
  point_use_amount: opt(Schema.Number),
  point_max_usable: opt(Schema.Number),
  point_balance_after: opt(Schema.Number),
  total_order_price: opt(Schema.Number)
})

/**
 * What `orderPreview` answers; fields Bootpay adds later are kept.
 *
 * @since 0.1.0
 * @category models
 */
export const OrderPreview = Schema.Struct({
  cart_id: opt(Schema.String),
  user_id: opt(Schema.String),
  delivery_groups: Schema.Array(DeliveryGroup),
  summary: OrderPreviewSummary,
  unavailable_items: opt(
    Schema.Array(
      Schema.Struct({
        cart_item_id: opt(Schema.String),
        product_id: Schema.String,
        product_name: opt(Schema.String),
        reason: opt(Schema.String)
      })
    )
  )
})

/**
 * Prices an order before it is placed: products, shipping, coupons and points as Bootpay will
 * charge them. A calculation that changes nothing, so it is retried like a read.
 *
 * `POST /cart/order-preview`.
 *
 * @since 0.1.0
 * @category operations
 */
export const orderPreview = Commerce.make({
  module: "Cart",
  name: "orderPreview",
  method: "POST",
  path: "/cart/order-preview",
  request: OrderPreviewRequest,
  response: OrderPreview,
  safety: "read",
  userJwt: true
})
