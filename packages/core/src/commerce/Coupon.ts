/**
 * Commerce coupons (쿠폰) of a member: the coupons held, the coupons that can still be downloaded,
 * and downloading one from its template. A member's `user_jwt` (from a member login) names the
 * member, sent as `Bootpay-User-JWT`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { NotFound } from "../BootpayError.js"
import * as Commerce from "../internal/commerce.js"
import { Id, opt, Text } from "../internal/schemas.js"
import * as Paging from "./Paging.js"

/**
 * A coupon (or a downloadable coupon template) as Bootpay Commerce returns it; fields Bootpay adds
 * later are kept.
 *
 * @since 0.1.0
 * @category models
 */
export const CommerceCoupon = Schema.Struct({
  coupon_id: opt(Schema.String),
  coupon_template_id: opt(Schema.String),
  user_id: opt(Schema.String),
  project_id: opt(Schema.String),
  name: opt(Schema.String),
  discount_type: opt(Schema.Number),
  discount_value: opt(Schema.Number),
  min_order_amount: opt(Schema.Number),
  max_discount_amount: opt(Schema.Number),
  status: opt(Schema.Union(Schema.Number, Schema.String)),
  issued_at: opt(Schema.String),
  used_at: opt(Schema.String),
  expires_at: opt(Schema.String),
  created_at: opt(Schema.String)
})

/**
 * A coupon.
 *
 * @since 0.1.0
 * @category models
 */
export type CommerceCoupon = typeof CommerceCoupon.Type

/**
 * The filters of `list`.
 *
 * @since 0.1.0
 * @category models
 */
export const ListRequest = Schema.Struct({
  status: Schema.optional(Text),
  ...Commerce.paging,
  user_jwt: Commerce.userJwt
})

/**
 * One page of the member's coupons, as Bootpay sends it (a bare array; see `listAll` for every
 * page).
 *
 * `GET /coupon`.
 *
 * @since 0.1.0
 * @category operations
 */
export const list = Commerce.make({
  module: "Coupon",
  name: "list",
  method: "GET",
  path: "/coupon",
  request: Schema.UndefinedOr(ListRequest),
  response: Paging.Page(CommerceCoupon),
  safety: "read",
  userJwt: true
})

/**
 * Every coupon of the member matching the filters, page after page, as a `Stream`.
 *
 * @since 0.1.0
 * @category walkers
 */
export const listAll = Paging.walker(list)

/**
 * The coupons the member can still download.
 *
 * `GET /coupon/available`.
 *
 * @since 0.1.0
 * @category operations
 */
export const available = Commerce.make({
  module: "Coupon",
  name: "available",
  method: "GET",
  path: "/coupon/available",
  request: Schema.UndefinedOr(Schema.Struct({ user_jwt: Commerce.userJwt })),
  response: Schema.Array(CommerceCoupon),
  safety: "read",
  userJwt: true
})

/**
 * The input of `download`: the coupon template to issue a coupon from.
 *
 * @since 0.1.0
 * @category models
 */
export const DownloadRequest = Schema.Struct({ coupon_template_id: Id, user_jwt: Commerce.userJwt })

/**
 * Downloads (issues) a coupon from a template for the member. Not repeated once it may have
 * reached Bootpay (no idempotency key: a repeat could issue a second coupon).
 *
 * `POST /coupon/download`.
 *
 * @since 0.1.0
 * @category operations
 */
export const download = Commerce.make({
  module: "Coupon",
  name: "download",
  method: "POST",
  path: "/coupon/download",
  request: DownloadRequest,
  response: CommerceCoupon,
  safety: "unsafe",
  userJwt: true,
  errors: [NotFound],
  resource: { name: "coupon_template", idField: "coupon_template_id" }
})
