/**
 * The Commerce store (가맹점): the merchant's store as Bootpay holds it.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Commerce from "../internal/commerce.js"

/**
 * The store's record as Bootpay answers it (its shape is not documented: every field is kept).
 *
 * @since 0.1.0
 * @category models
 */
export const StoreInfo = Schema.Record({ key: Schema.String, value: Schema.Unknown })

/**
 * The store's record.
 *
 * @since 0.1.0
 * @category models
 */
export type StoreInfo = typeof StoreInfo.Type

/**
 * The input of `getStore` and `getStoreDetail`: only the call's own idempotency key, if any.
 *
 * @since 0.1.0
 * @category models
 */
export const StoreRequest = Schema.UndefinedOr(Schema.Struct({ idempotency_key: Commerce.idempotencyKey }))

/**
 * The store's basic information.
 *
 * `GET /store` with an `Idempotency-Key`.
 *
 * @since 0.1.0
 * @category operations
 */
export const getStore = Commerce.make({
  module: "Store",
  name: "getStore",
  method: "GET",
  path: "/store",
  request: StoreRequest,
  response: StoreInfo,
  safety: "read",
  idempotencyKey: true,
  args: ["idempotency_key"]
})

/**
 * The store's detailed information.
 *
 * `GET /store/detail` with an `Idempotency-Key`.
 *
 * @since 0.1.0
 * @category operations
 */
export const getStoreDetail = Commerce.make({
  module: "Store",
  name: "getStoreDetail",
  method: "GET",
  path: "/store/detail",
  request: StoreRequest,
  response: StoreInfo,
  safety: "read",
  idempotencyKey: true,
  args: ["idempotency_key"]
})
