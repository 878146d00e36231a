/**
 * @effect-bootpay/core: every Bootpay PG operation as a typed Effect.
 *
 * @since 0.1.0
 */

/**
 * Legacy-mode access tokens.
 *
 * @since 0.1.0
 * @category operations
 */
export * as AccessToken from "./AccessToken.js"
/**
 * REST identity verification (본인인증): request, confirm with the SMS code, resend.
 *
 * @since 0.1.0
 * @category operations
 */
export * as Authentication from "./Authentication.js"
/**
 * The token service (Basic or cached Bearer).
 *
 * @since 0.1.0
 * @category services
 */
export * as Authorization from "./Authorization.js"
/**
 * Billing keys: issue from a card or bank account, look up, destroy.
 *
 * @since 0.1.0
 * @category operations
 */
export * as BillingKey from "./BillingKey.js"
/**
 * The client that runs operations.
 *
 * @since 0.1.0
 * @category services
 */
export * as BootpayClient from "./BootpayClient.js"
/**
 * Client configuration: keys, mode, base URL, timeout, retry.
 *
 * @since 0.1.0
 * @category services
 */
export * as BootpayConfig from "./BootpayConfig.js"
/**
 * The tagged errors.
 *
 * @since 0.1.0
 * @category errors
 */
export * as BootpayError from "./BootpayError.js"
/**
 * Cash receipts (현금영수증): publish and cancel, on a payment or standalone.
 *
 * @since 0.1.0
 * @category operations
 */
export * as CashReceipt from "./CashReceipt.js"
/**
 * Identity-verification results (본인인증 결과).
 *
 * @since 0.1.0
 * @category operations
 */
export * as Certificate from "./Certificate.js"
/**
 * Bootpay Commerce: one module per resource (`Commerce.User.join`).
 *
 * @since 0.1.0
 * @category commerce
 */
export * as Commerce from "./Commerce.js"
/**
 * The Commerce client.
 *
 * @since 0.1.0
 * @category commerce
 */
export * as CommerceClient from "./CommerceClient.js"
/**
 * Commerce client configuration: keychain, mode, role, base URL, timeout, retry.
 *
 * @since 0.1.0
 * @category commerce
 */
export * as CommerceConfig from "./CommerceConfig.js"
/**
 * Escrow (에스크로): report the shipment of an escrow payment.
 *
 * @since 0.1.0
 * @category operations
 */
export * as Escrow from "./Escrow.js"
/**
 * Operation declarations.
 *
 * @since 0.1.0
 * @category models
 */
export * as Operation from "./Operation.js"
/**
 * Receipts: lookup, confirm, cancel.
 *
 * @since 0.1.0
 * @category operations
 */
export * as Receipt from "./Receipt.js"
/**
 * Resolving an `OutcomeUnknown` to what really happened.
 *
 * @since 0.1.0
 * @category utils
 */
export * as Reconcile from "./Reconcile.js"
/**
 * Every operation, for facades and fakes.
 *
 * @since 0.1.0
 * @category utils
 */
export * as Registry from "./Registry.js"
/**
 * Subscription charges: charge a billing key now or at a reserved time.
 *
 * @since 0.1.0
 * @category operations
 */
export * as Subscription from "./Subscription.js"
/**
 * What a transport can promise the client: deadlines it enforces itself.
 *
 * @since 0.1.0
 * @category utils
 */
export * as Transport from "./Transport.js"
/**
 * User tokens (사용자 토큰) for the browser SDK's saved payment methods.
 *
 * @since 0.1.0
 * @category operations
 */
export * as UserToken from "./UserToken.js"
/**
 * Webhooks: decode, verify against the receipt, process once, answer `{"success": true}`.
 *
 * @since 0.1.0
 * @category webhooks
 */
export * as Webhook from "./Webhook.js"
