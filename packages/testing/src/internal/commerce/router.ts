/**
 * The fake's Commerce router: routes come from the core's Commerce registry, HTTP Basic is checked
 * against the store's keys, each operation's fixed role is enforced the way Bootpay refuses it
 * (`scope_invalid`), a repeated `Idempotency-Key` gets the first answer, faults apply, and every
 * request is recorded beside the PG ones.
 */
import { Commerce, type Operation } from "@effect-bootpay/core/index"
import * as Duration from "effect/Duration"
import * as FakeCommerce from "../../FakeCommerce.js"
import type { FakeStore } from "../../FakeStore.js"
import * as Mask from "../mask.js"
import type { Reply } from "../reply.js"
import type { FakeRequest, Outcome } from "../router.js"
import * as Routes from "../routes.js"
import * as Cart from "./handlers/cart.js"
import * as Category from "./handlers/category.js"
import * as Coupon from "./handlers/coupon.js"
import * as Invoice from "./handlers/invoice.js"
import * as Order from "./handlers/order.js"
import * as OrderCancel from "./handlers/orderCancel.js"
import * as OrderSubscription from "./handlers/orderSubscription.js"
import * as OrderSubscriptionAdjustment from "./handlers/orderSubscriptionAdjustment.js"
import * as OrderSubscriptionBill from "./handlers/orderSubscriptionBill.js"
import * as OrderSubscriptionRequest from "./handlers/orderSubscriptionRequest.js"
import * as Point from "./handlers/point.js"
import * as Product from "./handlers/product.js"
import * as Store from "./handlers/store.js"
import * as User from "./handlers/user.js"
import * as UserGroup from "./handlers/userGroup.js"
import { type CommerceHandler, failure } from "./reply.js"

/** A handler for every Commerce operation, by its facade names: one missing is a type error. */
export type Handlers<T = Commerce.Registry.Registry> = {
  readonly [K in keyof T]: T[K] extends Operation.Any ? CommerceHandler : Handlers<T[K]>
}

/** The fake's handler of every Commerce operation. */
export const handlers: Handlers = {
  accessToken: {
    issue: ({ state }) => ({
      status: 200,
      body: { success: true, data: { access_token: `commerce-token-${state.nextId()}`, expire_in: 1800 } }
    })
  },
  user: {
    join: User.join,
    checkExist: User.checkExist,
    authenticationData: User.authenticationData,
    login: User.login,
    userLogin: User.login,
    userJoin: User.join,
    userJoinCheck: User.checkExist,
    uidExist: User.checkExist,
    token: User.token,
    userSession: User.userSession,
    userLogout: User.userLogout,
    list: User.list,
    detail: User.detail,
    update: User.update,
    delete: User.remove
  },
  invoice: {
    list: Invoice.list,
    create: Invoice.create,
    notify: Invoice.notify,
    detail: Invoice.detail
  },
  order: { list: Order.list, detail: Order.detail, month: Order.month },
  orderCancel: {
    list: OrderCancel.list,
    request: OrderCancel.request,
    withdraw: OrderCancel.withdraw,
    approve: OrderCancel.approve,
    reject: OrderCancel.reject
  },
  orderSubscription: {
    list: OrderSubscription.list,
    detail: OrderSubscription.detail,
    update: OrderSubscription.update,
    supervisorApprove: OrderSubscription.supervisorApprove,
    supervisorReject: OrderSubscription.supervisorReject,
    supervisorTerminate: OrderSubscription.supervisorTerminate,
    supervisorPause: OrderSubscription.supervisorPause,
    supervisorResume: OrderSubscription.supervisorResume,
    supervisorCharge: OrderSubscription.supervisorCharge,
    supervisorChargeRevoke: OrderSubscription.supervisorChargeRevoke,
    requestIng: {
      pause: OrderSubscriptionRequest.pause,
      resume: OrderSubscriptionRequest.resume,
      purchase: OrderSubscriptionRequest.purchase,
      transfer: OrderSubscriptionRequest.transfer,
      calculateTerminationFee: OrderSubscriptionRequest.calculateTerminationFee,
      termination: OrderSubscriptionRequest.termination
    }
  },
  orderSubscriptionBill: {
    list: OrderSubscriptionBill.list,
    detail: OrderSubscriptionBill.detail,
    update: OrderSubscriptionBill.update
  },
  orderSubscriptionAdjustment: {
    create: OrderSubscriptionAdjustment.create,
    update: OrderSubscriptionAdjustment.update,
    delete: OrderSubscriptionAdjustment.remove
  },
  orderSubscriptionRequest: {
    list: OrderSubscriptionRequest.list,
    detail: OrderSubscriptionRequest.detail,
    update: OrderSubscriptionRequest.update
  },
  userGroup: {
    create: UserGroup.create,
    list: UserGroup.list,
    detail: UserGroup.detail,
    update: UserGroup.update,
    userCreate: UserGroup.userCreate,
    userDelete: UserGroup.userDelete,
    limit: UserGroup.limit,
    aggregateTransaction: UserGroup.aggregateTransaction
  },
  product: {
    list: Product.list,
    create: Product.create,
    detail: Product.detail,
    update: Product.update,
    status: Product.status,
    delete: Product.remove
  },
  category: {
    list: Category.list,
    detail: Category.detail,
    create: Category.create,
    update: Category.update,
    destroy: Category.destroy
  },
  coupon: { list: Coupon.list, available: Coupon.available, download: Coupon.download },
  point: { balance: Point.balance, transactions: Point.transactions },
  cart: { orderPreview: Cart.orderPreview },
  store: { getStore: Store.getStore, getStoreDetail: Store.getStoreDetail },
  mallSetting: { getMallSetting: Store.getMallSetting, updateMallSetting: Store.updateMallSetting },
  webhook: { sendTest: Store.sendTest }
}

const handlerOf = ({ module, name }: { readonly module: string; readonly name: string }): CommerceHandler => {
  let node: unknown = handlers
  for (const key of [...module.split("."), name]) node = (node as Record<string, unknown>)[key]
  return node as CommerceHandler
}

const routes = Routes.compile(Commerce.Registry.entries, handlerOf)

const authorize = (store: FakeStore, header: string | undefined): Reply | undefined => {
  const [scheme, value = ""] = (header ?? "").split(" ", 2)
  if (scheme !== "Basic") return failure(401, 401, "Basic authorization is required")
  const decoded = Buffer.from(value, "base64").toString("utf8")
  const separator = decoded.indexOf(":")
  return separator >= 0 &&
    decoded.slice(0, separator) === store.credentials.clientKey &&
    decoded.slice(separator + 1) === store.credentials.secretKey
    ? undefined
    : failure(401, 401, "client_key or secret_key is wrong")
}

/** Routes one Commerce request (path below `/v1`) against the store. */
export const route = (store: FakeStore, request: FakeRequest): Outcome => {
  store.runDue()
  const found = Routes.match(routes, request.method, request.path)
  const body = Routes.parseBody(request.body)
  const { authorization: _authorization, ...headers } = request.headers
  store.requests.push({
    method: request.method,
    path: `/v1${request.path}`,
    query: request.query,
    headers,
    body: Mask.recorded(body ?? request.body),
    operation: found?.route.operation.id
  })
  const reply = (value: Reply, delayMillis = 0): Outcome => ({ _tag: "Reply", reply: value, delayMillis })
  if (found === undefined) return reply(failure(404, 404, `no route for ${request.method} ${request.path}`))
  const operation = found.route.operation
  const fault = store.takeFault(operation.id)
  if (fault?._tag === "DropBefore") return { _tag: "Drop", delayMillis: 0 }
  if (fault?._tag === "Respond")
    return reply({ status: fault.status, body: fault.body, headers: fault.headers ?? {} })
  const refused = authorize(store, request.headers.authorization)
  if (refused !== undefined) return reply(refused)
  const role = headers["bootpay-role"] ?? "user"
  if (operation.role !== undefined && role !== operation.role) {
    return reply(
      failure(403, "scope_invalid", `scope_invalid! ${operation.id} needs the ${operation.role} role`)
    )
  }
  if (body === undefined) return reply(failure(400, "INVALID_PARAMETER", "the body is not JSON"))
  if (fault?._tag === "Decline") return reply(failure(400, fault.errorCode, fault.message ?? "refused"))
  const state = FakeCommerce.of(store)
  const key = headers["idempotency-key"]
  const replayed = key === undefined ? undefined : state.idempotency.get(key)
  let result: Reply
  if (replayed !== undefined && replayed.operation === operation.id) {
    result = { status: replayed.status, body: structuredClone(replayed.body) }
  } else {
    result = found.route.handler({
      state,
      params: found.params,
      query: request.query,
      body: { ...request.query, ...body, ...found.params },
      headers
    })
    if (key !== undefined && result.status < 500) {
      state.idempotency.set(key, {
        operation: operation.id,
        status: result.status,
        body: structuredClone(result.body)
      })
    }
  }
  if (fault?._tag === "DropAfter") return { _tag: "Drop", delayMillis: 0 }
  const delayMillis = fault?._tag === "Latency" ? Duration.toMillis(Duration.decode(fault.duration)) : 0
  return reply(result, delayMillis)
}
