/**
 * Every Commerce operation, by the facade names of Bootpay's official `BootpayCommerce`
 * (`registry.user.join`, `registry.orderSubscription.requestIng.pause`), and every list's walker.
 * The Promise facade, the fake's Commerce routes and the coverage tests are derived from it.
 *
 * @since 0.1.0
 */
import * as PgRegistry from "../Registry.js"
import * as AccessToken from "./AccessToken.js"
import * as Cart from "./Cart.js"
import * as Category from "./Category.js"
import * as Coupon from "./Coupon.js"
import * as Invoice from "./Invoice.js"
import * as MallSetting from "./MallSetting.js"
import * as Order from "./Order.js"
import * as OrderCancel from "./OrderCancel.js"
import * as OrderSubscription from "./OrderSubscription.js"
import * as OrderSubscriptionAdjustment from "./OrderSubscriptionAdjustment.js"
import * as OrderSubscriptionBill from "./OrderSubscriptionBill.js"
import * as OrderSubscriptionRequest from "./OrderSubscriptionRequest.js"
import * as OrderSubscriptionRequestIng from "./OrderSubscriptionRequestIng.js"
import * as Paging from "./Paging.js"
import * as Point from "./Point.js"
import * as Product from "./Product.js"
import * as Store from "./Store.js"
import * as User from "./User.js"
import * as UserGroup from "./UserGroup.js"
import * as Webhook from "./Webhook.js"

/**
 * The Commerce operations, by facade name.
 *
 * @since 0.1.0
 * @category utils
 */
export const registry = {
  accessToken: PgRegistry.operationsOf(AccessToken),
  user: PgRegistry.operationsOf(User),
  invoice: PgRegistry.operationsOf(Invoice),
  order: PgRegistry.operationsOf(Order),
  orderCancel: PgRegistry.operationsOf(OrderCancel),
  // An intersection, not a spread: a spread's properties lose the operations' doc comments.
  orderSubscription: Object.assign(PgRegistry.operationsOf(OrderSubscription), {
    requestIng: PgRegistry.operationsOf(OrderSubscriptionRequestIng)
  }),
  orderSubscriptionBill: PgRegistry.operationsOf(OrderSubscriptionBill),
  orderSubscriptionAdjustment: PgRegistry.operationsOf(OrderSubscriptionAdjustment),
  orderSubscriptionRequest: PgRegistry.operationsOf(OrderSubscriptionRequest),
  userGroup: PgRegistry.operationsOf(UserGroup),
  product: PgRegistry.operationsOf(Product),
  category: PgRegistry.operationsOf(Category),
  coupon: PgRegistry.operationsOf(Coupon),
  point: PgRegistry.operationsOf(Point),
  cart: PgRegistry.operationsOf(Cart),
  store: PgRegistry.operationsOf(Store),
  mallSetting: PgRegistry.operationsOf(MallSetting),
  webhook: PgRegistry.operationsOf(Webhook)
} as const

/**
 * The registry's shape.
 *
 * @since 0.1.0
 * @category models
 */
export type Registry = typeof registry

/**
 * The walkers among a module's exports, by export name.
 *
 * @since 0.1.0
 * @category models
 */
export type WalkersOf<M> = {
  readonly [K in keyof M as M[K] extends Paging.AnyWalker ? K : never]: M[K]
}

const walkersOf = <M extends object>(module: M): WalkersOf<M> =>
  Object.fromEntries(Object.entries(module).filter(([, value]) => Paging.isWalker(value))) as WalkersOf<M>

/**
 * Every list's walker, by facade name: `walkers.user.listAll` walks `user.list`.
 *
 * @since 0.1.0
 * @category utils
 */
export const walkers = {
  user: walkersOf(User),
  invoice: walkersOf(Invoice),
  order: walkersOf(Order),
  orderCancel: walkersOf(OrderCancel),
  orderSubscription: walkersOf(OrderSubscription),
  orderSubscriptionBill: walkersOf(OrderSubscriptionBill),
  orderSubscriptionRequest: walkersOf(OrderSubscriptionRequest),
  userGroup: walkersOf(UserGroup),
  product: walkersOf(Product),
  coupon: walkersOf(Coupon),
  point: walkersOf(Point)
} as const

/**
 * Every Commerce operation with its facade names.
 *
 * @since 0.1.0
 * @category utils
 */
export const entries: ReadonlyArray<PgRegistry.Named> = PgRegistry.entriesOf(registry)
