/**
 * The fake's router: routes come from the core registry (so fake paths cannot drift from client
 * paths), authorization is checked as Bootpay does, faults are applied, and every request is recorded.
 */
import { Registry } from "@effect-bootpay/core/index"
import * as Duration from "effect/Duration"
import type { FakeStore } from "../FakeStore.js"
import * as AccessToken from "./handlers/accessToken.js"
import * as BillingKey from "./handlers/billingKey.js"
import * as CashReceipt from "./handlers/cashReceipt.js"
import * as Escrow from "./handlers/escrow.js"
import * as Identity from "./handlers/identity.js"
import * as Receipt from "./handlers/receipt.js"
import * as Subscription from "./handlers/subscription.js"
import * as Mask from "./mask.js"
import { error, type Handler, type Reply } from "./reply.js"
import * as Routes from "./routes.js"

/** A handler for every operation of the registry, by its facade names: one missing is a type error. */
export type Handlers = {
  readonly [M in keyof Registry.Registry]: { readonly [O in keyof Registry.Registry[M]]: Handler }
}

/** The fake's handler of every operation. */
export const handlers: Handlers = {
  accessToken: { issue: AccessToken.issue },
  receipt: {
    lookup: Receipt.lookup,
    lookupByOrderId: Receipt.lookupByOrderId,
    confirm: Receipt.confirm,
    cancel: Receipt.cancel
  },
  billingKey: {
    issue: BillingKey.issue,
    issueTransfer: BillingKey.issueTransfer,
    publishTransfer: BillingKey.publishTransfer,
    lookup: BillingKey.lookup,
    lookupByKey: BillingKey.lookupByKey,
    lookupSequential: BillingKey.lookupSequential,
    destroy: BillingKey.destroy
  },
  subscription: {
    pay: Subscription.pay,
    reserve: Subscription.reserve,
    lookupReservation: Subscription.lookupReservation,
    cancelReservation: Subscription.cancelReservation
  },
  userToken: { issue: Identity.issueUserToken },
  certificate: { lookup: Identity.lookup },
  authentication: { request: Identity.request, confirm: Identity.confirm, resend: Identity.resend },
  escrow: { startShipping: Escrow.startShipping },
  cashReceipt: {
    publishOnReceipt: CashReceipt.publishOnReceipt,
    cancelOnReceipt: CashReceipt.cancelOnReceipt,
    publish: CashReceipt.publish,
    cancel: CashReceipt.cancel
  }
}

/** A request as the fake sees it. */
export interface FakeRequest {
  readonly method: string
  /** Path below the base URL, without the query. */
  readonly path: string
  readonly query: Readonly<Record<string, string>>
  readonly headers: Readonly<Record<string, string>>
  /** The raw body text. */
  readonly body: string
}

/** What the transport must do: answer (after an optional delay) or drop the connection. */
export type Outcome =
  | { readonly _tag: "Reply"; readonly reply: Reply; readonly delayMillis: number }
  | { readonly _tag: "Drop"; readonly delayMillis: number }

const routes = Routes.compile(
  Registry.entries,
  ({ module, name }) => (handlers as Record<string, Record<string, Handler>>)[module]![name]!
)

const authorize = (store: FakeStore, header: string | undefined): Reply | undefined => {
  if (header === undefined) return error(401, "TOKEN_KEY_INVALID", "인증 정보가 없습니다")
  const [scheme, value = ""] = header.split(" ", 2)
  if (scheme === "Basic") {
    const decoded = Buffer.from(value, "base64").toString("utf8")
    const separator = decoded.indexOf(":")
    const clientKey = decoded.slice(0, separator)
    const secretKey = decoded.slice(separator + 1)
    if (separator < 0 || clientKey !== store.credentials.clientKey) {
      return error(401, "APP_KEY_NOT_FOUND", "client_key를 찾을 수 없습니다")
    }
    return secretKey === store.credentials.secretKey
      ? undefined
      : error(401, "APP_SK_NOT_MATCHED", "secret_key가 일치하지 않습니다")
  }
  if (scheme === "Bearer") {
    const expiresAt = store.tokens.get(value)
    return expiresAt !== undefined && store.now < expiresAt
      ? undefined
      : error(401, "TOKEN_KEY_INVALID", "토큰이 유효하지 않거나 만료되었습니다")
  }
  return error(401, "TOKEN_KEY_INVALID", "지원하지 않는 인증 방식입니다")
}

/** Routes one request against the store. */
export const route = (store: FakeStore, request: FakeRequest): Outcome => {
  store.runDue()
  const found = Routes.match(routes, request.method, request.path)
  const body = Routes.parseBody(request.body)
  const { authorization: _authorization, ...headers } = request.headers
  store.requests.push({
    method: request.method,
    path: request.path,
    query: request.query,
    headers,
    body: Mask.recorded(body ?? request.body),
    operation: found?.route.operation.id
  })
  const reply = (value: Reply, delayMillis = 0): Outcome => ({ _tag: "Reply", reply: value, delayMillis })
  if (found === undefined)
    return reply(error(404, "NOT_FOUND", `no route for ${request.method} ${request.path}`))
  const operation = found.route.operation
  const fault = store.takeFault(operation.id)
  if (fault?._tag === "DropBefore") return { _tag: "Drop", delayMillis: 0 }
  if (fault?._tag === "Respond")
    return reply({ status: fault.status, body: fault.body, headers: fault.headers ?? {} })
  if (operation.auth !== "none") {
    const refused = authorize(store, request.headers.authorization)
    if (refused !== undefined) return reply(refused)
  }
  if (body === undefined) return reply(error(400, "INVALID_PARAMETER", "JSON 형식이 아닙니다"))
  if (fault?._tag === "Decline") {
    return reply(
      error(400, fault.errorCode, fault.message ?? "PG사에서 거절되었습니다", {
        ...(fault.pgErrorCode === undefined ? {} : { pg_error_code: fault.pgErrorCode })
      })
    )
  }
  const result = found.route.handler({
    store,
    params: found.params,
    query: request.query,
    body: { ...request.query, ...body, ...found.params }
  })
  if (fault?._tag === "DropAfter") return { _tag: "Drop", delayMillis: 0 }
  const delayMillis = fault?._tag === "Latency" ? Duration.toMillis(Duration.decode(fault.duration)) : 0
  return reply(result, delayMillis)
}
