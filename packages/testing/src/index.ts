/**
 * @effect-bootpay/testing: a stateful fake Bootpay for testing payment code without Bootpay.
 *
 * @since 0.1.0
 */

/** The fake as an Effect layer over an in-memory HttpClient. */
export * as FakeBootpay from "./FakeBootpay.js"
/** The fake on a loopback HTTP port. */
export * as FakeServer from "./FakeServer.js"
/** The fake's state model. */
export * from "./FakeStore.js"
/** Valid inputs and receipts for tests. */
export * as Fixtures from "./Fixtures.js"
