/**
 * @effect-bootpay/testing: a stateful fake Bootpay for testing payment code without Bootpay.
 *
 * @since 0.1.0
 */

/**
 * The fake as an Effect layer over an in-memory HttpClient.
 *
 * @since 0.1.0
 * @category layers
 */
export * as FakeBootpay from "./FakeBootpay.js"
/**
 * The fake's Commerce state.
 *
 * @since 0.1.0
 * @category models
 */
export * as FakeCommerce from "./FakeCommerce.js"
/**
 * The fake on a loopback HTTP port.
 *
 * @since 0.1.0
 * @category constructors
 */
export * as FakeServer from "./FakeServer.js"
/**
 * The fake's state model.
 *
 * @since 0.1.0
 * @category models
 */
export * from "./FakeStore.js"
/**
 * Valid inputs and receipts for tests.
 *
 * @since 0.1.0
 * @category constructors
 */
export * as Fixtures from "./Fixtures.js"
