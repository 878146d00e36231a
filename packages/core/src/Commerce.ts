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
 * Invoices (payment links): list, create, notify, detail.
 *
 * @since 0.1.0
 * @category operations
 */
export * as Invoice from "./commerce/Invoice.js"
/**
 * Mall settings: read and update.
 *
 * @since 0.1.0
 * @category operations
 */
export * as MallSetting from "./commerce/MallSetting.js"
/**
 * Orders: list, detail, a group's month.
 *
 * @since 0.1.0
 * @category operations
 */
export * as Order from "./commerce/Order.js"
/**
 * Order cancellations: list, request, withdraw, approve, reject.
 *
 * @since 0.1.0
 * @category operations
 */
export * as OrderCancel from "./commerce/OrderCancel.js"
/**
 * Subscriptions: list, detail, update, the supervisor's approve, reject, terminate, pause,
 * resume, and charge-key charges and revokes.
 *
 * @since 0.1.0
 * @category operations
 */
export * as OrderSubscription from "./commerce/OrderSubscription.js"
/**
 * Per-cycle subscription adjustments: create, update, delete.
 *
 * @since 0.1.0
 * @category operations
 */
export * as OrderSubscriptionAdjustment from "./commerce/OrderSubscriptionAdjustment.js"
/**
 * Subscription bills: list, detail, update.
 *
 * @since 0.1.0
 * @category operations
 */
export * as OrderSubscriptionBill from "./commerce/OrderSubscriptionBill.js"
/**
 * Subscription change requests as the merchant sees them: list, detail, update (approve or
 * reject).
 *
 * @since 0.1.0
 * @category operations
 */
export * as OrderSubscriptionRequest from "./commerce/OrderSubscriptionRequest.js"
/**
 * A buyer's subscription change requests (`orderSubscription.requestIng`): pause, resume,
 * purchase, transfer, calculateTerminationFee, termination.
 *
 * @since 0.1.0
 * @category operations
 */
export * as OrderSubscriptionRequestIng from "./commerce/OrderSubscriptionRequestIng.js"
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
