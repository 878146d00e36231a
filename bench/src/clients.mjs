/**
 * The four clients under test, each behind the same tiny interface `{ lookup(id), close() }` so the
 * measuring loop is identical for all of them. Every factory imports its library lazily: the
 * cold-start child loads this module too, and must pay only for the client it starts.
 *
 *   a  raw undici `request` + `JSON.parse` on its own Agent: the floor, what any HTTP client must do
 *   b  our Effect API: `Receipt.lookup` run through a `ManagedRuntime` of `NodeBootpay.layer`
 *   c  our Promise facade: `Bootpay.make(...).receipt.lookup(id)`
 *   d  the official SDK `@bootpay/backend-js`, used as its README shows
 */

/** Keys the loopback server accepts; it checks the scheme, not the value. */
export const credentials = {
  clientKey: "bench-client-key",
  secretKey: "bench-secret-key",
  applicationId: "bench-application-id",
  privateKey: "bench-private-key"
}

/** Client ids in table order, with the label used in output. */
export const clientNames = {
  a: "(a) raw undici + JSON.parse",
  b: "(b) effect-bootpay, Effect API",
  c: "(c) effect-bootpay, Promise facade",
  d: "(d) @bootpay/backend-js (official)"
}

/** Builds the floor: one undici Agent, one request per lookup, the body read as text and parsed. */
const rawUndici = async ({ baseUrl }) => {
  const { Agent, request } = await import("undici")
  const agent = new Agent()
  // The same headers our client sends, so the floor does not win by sending less.
  const headers = {
    accept: "application/json",
    authorization: `Basic ${Buffer.from(`${credentials.clientKey}:${credentials.secretKey}`).toString("base64")}`,
    "bootpay-api-version": "5.0.0",
    "bootpay-sdk-version": "0.1.0",
    "bootpay-sdk-type": "301"
  }
  return {
    lookup: async (id) => {
      const { statusCode, body } = await request(`${baseUrl}/receipt/${encodeURIComponent(id)}`, {
        dispatcher: agent,
        headers
      })
      const json = JSON.parse(await body.text())
      if (statusCode !== 200) throw new Error(`HTTP ${statusCode}`)
      return json
    },
    close: () => agent.close()
  }
}

/** Our options for a mode: Basic keys by default, the legacy pair for Bearer mode. */
const ourOptions = (baseUrl, auth) =>
  auth === "bearer"
    ? { baseUrl, applicationId: credentials.applicationId, privateKey: credentials.privateKey }
    : { baseUrl, clientKey: credentials.clientKey, secretKey: credentials.secretKey }

/** Builds our Effect API client: one runtime (and so one undici pool and token service) for all calls. */
const effectApi = async ({ baseUrl, auth }) => {
  const [{ Receipt }, { NodeBootpay }, ManagedRuntime] = await Promise.all([
    import("@effect-bootpay/core"),
    import("@effect-bootpay/node"),
    import("effect/ManagedRuntime")
  ])
  const runtime = ManagedRuntime.make(NodeBootpay.layer(ourOptions(baseUrl, auth)))
  return {
    lookup: (id) => runtime.runPromise(Receipt.lookup(id)),
    close: () => runtime.dispose()
  }
}

/** Builds our Promise facade, as an async/await user would. */
const promiseFacade = async ({ baseUrl, auth }) => {
  const { Bootpay } = await import("@effect-bootpay/node")
  const bootpay = Bootpay.make(ourOptions(baseUrl, auth))
  return {
    lookup: (id) => bootpay.receipt.lookup(id),
    close: () => bootpay.dispose()
  }
}

/**
 * Builds the official SDK. It is a process-wide singleton whose base URL comes from
 * `API_ENTRYPOINTS[mode]` (dist/lib/resource.js); the least invasive way to aim it at the loopback
 * server is to replace the `development` entry on the instance and select that mode. Nothing in
 * node_modules is edited and its request path (axios, interceptors, URL joining) runs unchanged.
 *
 * Its README calls `await Bootpay.getAccessToken()` before every call in every example. In Basic
 * mode that returns a synthetic token without a request; in Bearer mode (`perCallToken`) it issues a
 * token each time, which is exactly what we count.
 */
const official = async ({ baseUrl, auth }) => {
  const { Bootpay } = await import("@bootpay/backend-js")
  Bootpay.API_ENTRYPOINTS.development = baseUrl
  Bootpay.setToken(undefined)
  Bootpay.setConfiguration(
    auth === "bearer"
      ? {
          application_id: credentials.applicationId,
          private_key: credentials.privateKey,
          mode: "development"
        }
      : { client_key: credentials.clientKey, secret_key: credentials.secretKey, mode: "development" }
  )
  if (auth === "bearer") {
    return {
      lookup: async (id) => {
        await Bootpay.getAccessToken()
        return Bootpay.receiptPayment(id)
      },
      close: async () => {}
    }
  }
  await Bootpay.getAccessToken()
  return {
    lookup: (id) => Bootpay.receiptPayment(id),
    // axios rides on Node's global keep-alive agent; the SDK has nothing to close.
    close: async () => {}
  }
}

const factories = { a: rawUndici, b: effectApi, c: promiseFacade, d: official }

/**
 * Creates client `name` ("a" | "b" | "c" | "d") against `baseUrl` (the `/v2` prefix included).
 * `auth` is "basic" (default) or "bearer".
 */
export const makeClient = (name, options) => {
  const factory = factories[name]
  if (factory === undefined) throw new Error(`unknown client ${name}`)
  return factory({ auth: "basic", ...options })
}
