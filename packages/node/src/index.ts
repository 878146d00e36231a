/**
 * @effect-bootpay/node: the undici transport and the Promise facade.
 *
 * @since 0.1.0
 */

/**
 * The Promise facade: `Bootpay.make(options)`.
 *
 * @since 0.1.0
 * @category constructors
 */
export * as Bootpay from "./Bootpay.js"
/**
 * The Commerce Promise facade: `BootpayCommerce.make(options)`, named as the official `BootpayCommerce`.
 *
 * @since 0.1.0
 * @category constructors
 */
export * as BootpayCommerce from "./BootpayCommerce.js"
/**
 * Effect layers over undici: `NodeBootpay.layer(options)`, `NodeBootpay.layerConfig()`, and
 * `layerCommerce` / `layerCommerceConfig` for Commerce.
 *
 * @since 0.1.0
 * @category layers
 */
export * as NodeBootpay from "./NodeBootpay.js"
/**
 * Webhooks for `node:http` and Express: `NodeWebhook.make({ bootpay, onEvent })`.
 *
 * @since 0.1.0
 * @category webhooks
 */
export * as NodeWebhook from "./NodeWebhook.js"
