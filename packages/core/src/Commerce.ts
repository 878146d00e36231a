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
 * Invoices (payment links): list, create, notify, detail.
 *
 * @since 0.1.0
 * @category operations
 */
export * as Invoice from "./commerce/Invoice.js"
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
