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
 * Pages of Commerce lists and the walkers over them.
 *
 * @since 0.1.0
 * @category utils
 */
export * as Paging from "./commerce/Paging.js"
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
