/**
 * @effect-bootpay/core: every Bootpay PG operation as a typed Effect.
 *
 * @since 0.1.0
 */

/** Legacy-mode access tokens. */
export * as AccessToken from "./AccessToken.js"
/** The token service (Basic or cached Bearer). */
export * as Authorization from "./Authorization.js"
/** Billing keys: issue from a card or bank account, look up, destroy. */
export * as BillingKey from "./BillingKey.js"
/** The client that runs operations. */
export * as BootpayClient from "./BootpayClient.js"
/** Client configuration: keys, mode, base URL, timeout, retry. */
export * as BootpayConfig from "./BootpayConfig.js"
/** The tagged errors. */
export * as BootpayError from "./BootpayError.js"
/** Operation declarations. */
export * as Operation from "./Operation.js"
/** Receipts: lookup, confirm, cancel. */
export * as Receipt from "./Receipt.js"
/** Resolving an `OutcomeUnknown` to what really happened. */
export * as Reconcile from "./Reconcile.js"
/** Every operation, for facades and fakes. */
export * as Registry from "./Registry.js"
/** Subscription charges: charge a billing key now or at a reserved time. */
export * as Subscription from "./Subscription.js"
