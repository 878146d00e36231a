/**
 * The entry Node loads for `import "@effect-bootpay/core"` (package.json `exports`: the `default`
 * condition). It loads `index.js` dynamically so that a wrong Effect install fails with one clear
 * error naming the versions to install, not a link error from inside effect's dist: a static import
 * would fail while Node links the module graph, before any code of ours runs. Bundlers (the `module`
 * condition) and `require` (no top-level await there) load `index.js` directly; the namespaces
 * are the same objects either way. The types are `index.d.ts`'s.
 */
let api: typeof import("./index.js")
try {
  api = await import("./index.js")
} catch (cause) {
  // Read only after a failure, so a working install loads nothing more than index.js.
  const { explain } = await import("./internal/effectLine.js")
  throw explain(import.meta.url, cause) ?? cause
}

const {
  AccessToken,
  Authentication,
  Authorization,
  BillingKey,
  BootpayClient,
  BootpayConfig,
  BootpayError,
  CashReceipt,
  Certificate,
  Commerce,
  CommerceClient,
  CommerceConfig,
  Escrow,
  Operation,
  Receipt,
  Reconcile,
  Registry,
  Subscription,
  Transport,
  UserToken,
  Webhook,
  ...unlisted
} = api
// Every value index.ts exports is listed above: an unlisted one fails to compile here.
unlisted satisfies Record<string, never>

export {
  AccessToken,
  Authentication,
  Authorization,
  BillingKey,
  BootpayClient,
  BootpayConfig,
  BootpayError,
  CashReceipt,
  Certificate,
  Commerce,
  CommerceClient,
  CommerceConfig,
  Escrow,
  Operation,
  Receipt,
  Reconcile,
  Registry,
  Subscription,
  Transport,
  UserToken,
  Webhook
}
