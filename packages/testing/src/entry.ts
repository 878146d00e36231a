/**
 * The entry Node loads for `import "@effect-bootpay/testing"` (package.json `exports`: the `default`
 * condition). It loads `index.js` dynamically: when that fails, loading `@effect-bootpay/core` on its
 * own turns a wrong Effect install into core's one clear error naming the versions to install (see
 * core's `entry.ts`); any other failure is rethrown as it is. Bundlers (the `module` condition) and
 * `require` load `index.js` directly. The types are `index.d.ts`'s.
 */
let api: typeof import("./index.js")
try {
  api = await import("./index.js")
} catch (cause) {
  await import("@effect-bootpay/core")
  throw cause
}

const {
  CertificateStatus,
  FakeBootpay,
  FakeCommerce,
  FakeServer,
  FakeStore,
  FakeWebhooks,
  Fixtures,
  IdentityState,
  ReservationStatus,
  Status,
  formEncode,
  kstIso,
  statusLocale,
  verificationValidityMillis,
  ...unlisted
} = api
// Every value index.ts exports is listed above: an unlisted one fails to compile here.
unlisted satisfies Record<string, never>

export {
  CertificateStatus,
  FakeBootpay,
  FakeCommerce,
  FakeServer,
  FakeStore,
  FakeWebhooks,
  Fixtures,
  formEncode,
  IdentityState,
  kstIso,
  ReservationStatus,
  Status,
  statusLocale,
  verificationValidityMillis
}
