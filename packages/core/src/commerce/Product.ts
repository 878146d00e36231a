/**
 * Commerce products (상품): the catalogue list and one product's record for everyone, and the
 * `manager` writes: create (with image files, sent as `multipart/form-data`), update, the sale and
 * display status, delete.
 *
 * @since 0.1.0
 */
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { NotFound } from "../BootpayError.js"
import * as Commerce from "../internal/commerce.js"
import { Id, idOr, JsonObject, KrwOrZero, opt, Text } from "../internal/schemas.js"
import * as Paging from "./Paging.js"

/**
 * A product option as Bootpay returns it.
 *
 * @since 0.1.0
 * @category models
 */
export const ProductOption = Schema.Struct({
  option_id: opt(Schema.String),
  name: opt(Schema.String),
  price: opt(Schema.Number),
  stock: opt(Schema.Number)
})

/**
 * A product's subscription setting as Bootpay returns it.
 *
 * @since 0.1.0
 * @category models
 */
export const SubscriptionSetting = Schema.Struct({
  subscription_setting_id: opt(Schema.String),
  period_type: opt(Schema.Union(Schema.String, Schema.Number)),
  period_value: opt(Schema.Number),
  billing_day: opt(Schema.Number),
  billing_count: opt(Schema.Number)
})

/**
 * A product as Bootpay Commerce returns it; fields Bootpay adds later are kept.
 *
 * @since 0.1.0
 * @category models
 */
export const CommerceProduct = Schema.Struct({
  product_id: Schema.String,
  project_id: opt(Schema.String),
  seller_id: opt(Schema.String),
  category_id: opt(Schema.String),
  subscription_setting_id: opt(Schema.String),
  delivery_shipping_id: opt(Schema.String),
  brand_id: opt(Schema.String),
  manufacturer_id: opt(Schema.String),
  ex_uid: opt(Schema.String),
  name: opt(Schema.String),
  description: opt(Schema.String),
  images: opt(Schema.Array(Schema.Unknown)),
  type: opt(Schema.Union(Schema.Number, Schema.String)),
  tax_type: opt(Schema.Number),
  status: opt(Schema.Union(Schema.Number, Schema.String)),
  use_stock: opt(Schema.Boolean),
  stock: opt(Schema.Number),
  use_option_stock: opt(Schema.Boolean),
  display_price: opt(Schema.Number),
  tax_free_price: opt(Schema.Number),
  use_discount: opt(Schema.Boolean),
  discount_price: opt(Schema.Number),
  discount_price_type: opt(Schema.Number),
  status_display: opt(Schema.Boolean),
  status_sale: opt(Schema.Boolean),
  status_frozen: opt(Schema.Boolean),
  status_review: opt(Schema.Boolean),
  use_display_period: opt(Schema.Boolean),
  display_start_at: opt(Schema.String),
  display_end_at: opt(Schema.String),
  use_sale_period: opt(Schema.Boolean),
  sale_start_at: opt(Schema.String),
  sale_end_at: opt(Schema.String),
  count_sale: opt(Schema.Number),
  count_review: opt(Schema.Number),
  use_subscription: opt(Schema.Boolean),
  use_subscription_times: opt(Schema.Boolean),
  use_setup_fee: opt(Schema.Boolean),
  setup_fee_value: opt(Schema.Number),
  use_cancel: opt(Schema.Boolean),
  use_able_refund: opt(Schema.Boolean),
  use_able_cart: opt(Schema.Boolean),
  options: opt(Schema.Array(ProductOption)),
  subscription_setting: opt(SubscriptionSetting),
  created_at: opt(Schema.String),
  updated_at: opt(Schema.String)
})

/**
 * A product.
 *
 * @since 0.1.0
 * @category models
 */
export type CommerceProduct = typeof CommerceProduct.Type

/** A date or time as text (ISO 8601). */
const When = Text

/** The sale and display status fields: `status` and `create`/`update` both take them. */
const statusFields = {
  status_display: Schema.optional(Schema.Boolean),
  status_sale: Schema.optional(Schema.Boolean),
  use_display_period: Schema.optional(Schema.Boolean),
  display_start_at: Schema.optional(When),
  display_end_at: Schema.optional(When),
  use_sale_period: Schema.optional(Schema.Boolean),
  sale_start_at: Schema.optional(When),
  sale_end_at: Schema.optional(When)
}

/** The product fields a merchant sets (create and update), as Bootpay names them. */
const productFields = {
  subscription_setting_id: Schema.optional(Id),
  delivery_shipping_id: Schema.optional(Id),
  brand_id: Schema.optional(Id),
  manufacturer_id: Schema.optional(Id),
  ex_uid: Schema.optional(Id),
  name: Schema.optional(Text),
  description: Schema.optional(Text),
  type: Schema.optional(Commerce.Count),
  tax_type: Schema.optional(Commerce.Count),
  use_stock: Schema.optional(Schema.Boolean),
  stock: Schema.optional(Commerce.Count),
  use_option_stock: Schema.optional(Schema.Boolean),
  use_stock_safe: Schema.optional(Schema.Boolean),
  stock_safe: Schema.optional(Commerce.Count),
  display_price: Schema.optional(KrwOrZero),
  tax_free_price: Schema.optional(KrwOrZero),
  use_discount: Schema.optional(Schema.Boolean),
  discount_price: Schema.optional(Commerce.NonNegative),
  discount_price_type: Schema.optional(Commerce.Count),
  use_discount_period: Schema.optional(Schema.Boolean),
  discount_start_at: Schema.optional(When),
  discount_end_at: Schema.optional(When),
  use_accumulation: Schema.optional(Schema.Boolean),
  accumulation_point: Schema.optional(Commerce.NonNegative),
  accumulation_point_type: Schema.optional(Commerce.Count),
  ...statusFields,
  barcode: Schema.optional(Text),
  sku: Schema.optional(Text),
  search_tags: Schema.optional(Commerce.Texts),
  event_tags: Schema.optional(Commerce.Texts),
  target_user_tags: Schema.optional(Commerce.Texts),
  delivery_tags: Schema.optional(Commerce.Texts),
  emotion_tags: Schema.optional(Commerce.Texts),
  use_coupon: Schema.optional(Schema.Boolean),
  use_minor: Schema.optional(Schema.Boolean),
  use_free_gift: Schema.optional(Schema.Boolean),
  free_gift: Schema.optional(Text),
  use_bulk_purchase_discount: Schema.optional(Schema.Boolean),
  bulk_purchase_discount: Schema.optional(JsonObject),
  use_review_point: Schema.optional(Schema.Boolean),
  review_point: Schema.optional(JsonObject),
  use_seo: Schema.optional(Schema.Boolean),
  seo_page_title: Schema.optional(Text),
  seo_meta_description: Schema.optional(Text),
  seo_meta_tags: Schema.optional(Commerce.Texts),
  model_id: Schema.optional(Text),
  model_name: Schema.optional(Text),
  manufacturer_name: Schema.optional(Text),
  brand_name: Schema.optional(Text),
  origin_code: Schema.optional(Text),
  origin_name: Schema.optional(Text),
  importer: Schema.optional(Text),
  used: Schema.optional(Schema.Boolean),
  expired_at: Schema.optional(When),
  manufactured_at: Schema.optional(When),
  use_setup_fee: Schema.optional(Schema.Boolean),
  setup_fee_value: Schema.optional(Commerce.NonNegative),
  setup_fee_type: Schema.optional(Commerce.Count),
  setup_fee_name: Schema.optional(Text),
  setup_fee_text: Schema.optional(Text),
  use_delivery_shipping: Schema.optional(Schema.Boolean),
  delivery_shipping_fee_type: Schema.optional(Commerce.Count),
  use_overseas_shipping: Schema.optional(Schema.Boolean),
  use_delivery_shipping_bundle: Schema.optional(Schema.Boolean),
  delivery_shipping_bundle_id: Schema.optional(Id),
  use_subscription: Schema.optional(Schema.Boolean),
  use_subscription_times: Schema.optional(Schema.Boolean),
  use_product_price: Schema.optional(Schema.Boolean),
  use_cancel: Schema.optional(Schema.Boolean),
  use_able_refund: Schema.optional(Schema.Boolean),
  use_able_cart: Schema.optional(Schema.Boolean),
  options: Schema.optional(
    Schema.Array(
      Commerce.OpenStruct({
        option_id: Schema.optional(Id),
        name: Schema.optional(Text),
        price: Schema.optional(Commerce.NonNegative),
        stock: Schema.optional(Commerce.Count)
      })
    )
  ),
  subscription_setting: Schema.optional(
    Commerce.OpenStruct({
      subscription_setting_id: Schema.optional(Id),
      period_type: Schema.optional(Schema.Union(Text, Commerce.Count)),
      period_value: Schema.optional(Commerce.Count),
      billing_day: Schema.optional(Commerce.Count),
      billing_count: Schema.optional(Commerce.Count)
    })
  )
}

/** An image file: a `Blob` (a `File` keeps its name), or bytes, which become one. */
const ImageFile = Schema.Union(
  Schema.instanceOf(Blob),
  Schema.transform(Schema.Uint8ArrayFromSelf, Schema.instanceOf(Blob), {
    strict: true,
    decode: (bytes) => new Blob([bytes]),
    encode: () => new Uint8Array()
  })
).pipe(Schema.filter((file) => file.size > 0 || "must not be an empty file"))

/** The most image files one `create` sends. */
const maxImages = 50

/**
 * The input of `create`: the product's fields, and image files to upload with it. With `images`
 * the call goes as `multipart/form-data` (files `images[0]`, `images[1]`, ...), without as JSON;
 * an empty list is the same as none.
 *
 * @since 0.1.0
 * @category models
 */
export const CreateRequest = Schema.Struct({
  category_id: Schema.optional(Id),
  ...productFields,
  images: Schema.optionalToOptional(
    Schema.Array(ImageFile).pipe(
      Schema.filter((files) => files.length <= maxImages || `must hold at most ${maxImages} files`)
    ),
    Schema.Array(Schema.instanceOf(Blob)),
    {
      decode: Option.filter((files) => files.length > 0),
      encode: (files) => files
    }
  ),
  idempotency_key: Commerce.idempotencyKey
})

/**
 * The input of `create`.
 *
 * @since 0.1.0
 * @category models
 */
export type CreateRequest = typeof CreateRequest.Encoded

/**
 * Creates a product (`create(product, images?)` on the facade), as JSON, or as
 * `multipart/form-data` when `images` holds files. Needs the `manager` role, which it always sends;
 * its `Idempotency-Key` makes a retry safe (the files are sent again on a retry).
 *
 * `POST /products`.
 *
 * @since 0.1.0
 * @category operations
 */
export const create = Commerce.make({
  module: "Product",
  name: "create",
  method: "POST",
  path: "/products",
  request: CreateRequest,
  response: CommerceProduct,
  safety: "idempotent",
  role: "manager",
  idempotencyKey: true,
  multipart: (wire) => wire.images !== undefined,
  args: ["...", "images", "idempotency_key"]
})

/**
 * How `list` orders products: by position, by creation (`-` newest first), by price, or by sales.
 *
 * @since 0.1.0
 * @category models
 */
export const Sort = Schema.Literal("position", "created_at", "-created_at", "price", "-price", "-sold")

/**
 * The filters of `list`: the only ones Bootpay reads. `type`, `period_type`, `s_at`, `e_at` and
 * `category_code` are refused here: Bootpay ignores them and answers the unfiltered list.
 *
 * @since 0.1.0
 * @category models
 */
export const ListRequest = Schema.Struct({
  ...Commerce.paging,
  keyword: Schema.optional(Text),
  category_id: Schema.optional(Id),
  ex_uid: Schema.optional(Id),
  sort: Schema.optional(Sort),
  user_jwt: Commerce.userJwt
})

/**
 * One page of products, as Bootpay sends it (see `listAll` for every page); `category_id` takes
 * its sub-categories in, a member's `user_jwt` gives the member's view.
 *
 * `GET /products`.
 *
 * @since 0.1.0
 * @category operations
 */
export const list = Commerce.make({
  module: "Product",
  name: "list",
  method: "GET",
  path: "/products",
  request: Schema.UndefinedOr(ListRequest),
  response: Paging.Page(CommerceProduct),
  safety: "read",
  userJwt: true
})

/**
 * Every product matching the filters, page after page, as a `Stream`.
 *
 * @since 0.1.0
 * @category walkers
 */
export const listAll = Paging.walker(list)

/**
 * One product (`detail(productId, userJwt?)` on the facade); a member's `user_jwt` gives the
 * member's view.
 *
 * `GET /products/{product_id}` with an `Idempotency-Key`.
 *
 * @since 0.1.0
 * @category operations
 */
export const detail = Commerce.make({
  module: "Product",
  name: "detail",
  method: "GET",
  path: "/products/{product_id}",
  request: idOr("product_id", { user_jwt: Commerce.userJwt, idempotency_key: Commerce.idempotencyKey }),
  response: CommerceProduct,
  safety: "read",
  idempotencyKey: true,
  userJwt: true,
  errors: [NotFound],
  resource: { name: "product", idField: "product_id" },
  args: ["product_id", "user_jwt", "idempotency_key"]
})

/**
 * The input of `update`: the product and the fields that change. `category_id: null` takes the
 * product out of its category (Bootpay reads the key's presence as a change); stock changes here.
 *
 * @since 0.1.0
 * @category models
 */
export const UpdateRequest = Schema.Struct({
  product_id: Id,
  category_id: Schema.optional(Schema.NullOr(Id)),
  ...productFields,
  idempotency_key: Commerce.idempotencyKey
})

/**
 * Changes a product's fields. Needs the `manager` role, which it always sends.
 *
 * `PUT /products/{product_id}` with an `Idempotency-Key`.
 *
 * @since 0.1.0
 * @category operations
 */
export const update = Commerce.make({
  module: "Product",
  name: "update",
  method: "PUT",
  path: "/products/{product_id}",
  request: UpdateRequest,
  response: CommerceProduct,
  safety: "idempotent",
  role: "manager",
  idempotencyKey: true,
  errors: [NotFound],
  resource: { name: "product", idField: "product_id" },
  args: ["...", "idempotency_key"]
})

/**
 * The input of `status`: the product and its sale, display, frozen and review status (stock
 * changes through `update`).
 *
 * @since 0.1.0
 * @category models
 */
export const StatusRequest = Schema.Struct({
  product_id: Id,
  status: Schema.optional(Commerce.Count),
  ...statusFields,
  status_frozen: Schema.optional(Schema.Boolean),
  status_review: Schema.optional(Schema.Boolean),
  idempotency_key: Commerce.idempotencyKey
})

/**
 * Changes a product's sale and display status. Needs the `manager` role, which it always sends.
 *
 * `PUT /products/{product_id}/status` with an `Idempotency-Key`.
 *
 * @since 0.1.0
 * @category operations
 */
export const status = Commerce.make({
  module: "Product",
  name: "status",
  method: "PUT",
  path: "/products/{product_id}/status",
  request: StatusRequest,
  response: CommerceProduct,
  safety: "idempotent",
  role: "manager",
  idempotencyKey: true,
  errors: [NotFound],
  resource: { name: "product", idField: "product_id" }
})

/**
 * Deletes a product (`delete(productId)` on the facade). Needs the `manager` role, which it
 * always sends.
 *
 * `DELETE /products/{product_id}` with an `Idempotency-Key`.
 *
 * @since 0.1.0
 * @category operations
 */
const remove = Commerce.make({
  module: "Product",
  name: "delete",
  method: "DELETE",
  path: "/products/{product_id}",
  request: idOr("product_id", { idempotency_key: Commerce.idempotencyKey }),
  response: Schema.NullOr(Schema.Unknown),
  safety: "idempotent",
  role: "manager",
  idempotencyKey: true,
  errors: [NotFound],
  resource: { name: "product", idField: "product_id" },
  args: ["product_id", "idempotency_key"]
})

export {
  /**
   * Deletes a product (`delete(productId)` on the facade). Needs the `manager` role, which it
   * always sends.
   *
   * `DELETE /products/{product_id}` with an `Idempotency-Key`.
   *
   * @since 0.1.0
   * @category operations
   */
  remove as delete
}
