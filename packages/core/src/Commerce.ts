/**
 * Bootpay Commerce (`https://api.bootapi.com/v1`): members, groups, products, orders, cancellations,
 * subscriptions, invoices and the rest, one module per resource. Its operations need a
 * `CommerceClient` (its own keychain and base URLs).
 *
 * @since 0.1.0
 */

/**
 * The Commerce access token.
 *
 * @since 0.1.0
 * @category operations
 */
export * as AccessToken from "./commerce/AccessToken.js"
/**
 * The cart: an order preview priced by Bootpay.
 *
 * @since 0.1.0
 * @category operations
 */
export * as Cart from "./commerce/Cart.js"
/**
 * Product categories: the tree, detail, create, update, destroy.
 *
 * @since 0.1.0
 * @category operations
 */
export * as Category from "./commerce/Category.js"
/**
 * A member's coupons: list, available, download.
 *
 * @since 0.1.0
 * @category operations
 */
export * as Coupon from "./commerce/Coupon.js"
/**
 * Mall settings: read and update.
 *
 * @since 0.1.0
 * @category operations
 */
export * as MallSetting from "./commerce/MallSetting.js"
/**
 * Pages of Commerce lists and the walkers over them.
 *
 * @since 0.1.0
 * @category utils
 */
export * as Paging from "./commerce/Paging.js"
/**
 * A member's points: balance and transactions.
 *
 * @since 0.1.0
 * @category operations
 */
export * as Point from "./commerce/Point.js"
/**
 * Products: list, create (JSON, or multipart with image files), detail, update, status, delete.
 *
 * @since 0.1.0
 * @category operations
 */
export * as Product from "./commerce/Product.js"
/**
 * Every Commerce operation by facade name.
 *
 * @since 0.1.0
 * @category utils
 */
export * as Registry from "./commerce/Registry.js"
/**
 * The merchant's store: basic and detailed information.
 *
 * @since 0.1.0
 * @category operations
 */
export * as Store from "./commerce/Store.js"
/**
 * Members: join, checks, login, sessions, list, detail, update, delete.
 *
 * @since 0.1.0
 * @category operations
 */
export * as User from "./commerce/User.js"
/**
 * Member groups: create, list, detail, update, members in and out, purchase limits, aggregate
 * billing.
 *
 * @since 0.1.0
 * @category operations
 */
export * as UserGroup from "./commerce/UserGroup.js"
/**
 * Webhooks: a test delivery.
 *
 * @since 0.1.0
 * @category operations
 */
export * as Webhook from "./commerce/Webhook.js"
