/**
 * Every operation of the SDK, collected from the modules that declare them: `registry.receipt` is
 * every operation `Receipt` exports. The Promise facade, the fake Bootpay's routes and the coverage
 * tests are derived from it; nothing here names an operation again.
 *
 * @since 0.1.0
 */
import * as AccessToken from "./AccessToken.js"
import * as Authentication from "./Authentication.js"
import * as BillingKey from "./BillingKey.js"
import * as CashReceipt from "./CashReceipt.js"
import * as Certificate from "./Certificate.js"
import * as Escrow from "./Escrow.js"
import * as Operation from "./Operation.js"
import * as Receipt from "./Receipt.js"
import * as Subscription from "./Subscription.js"
import * as UserToken from "./UserToken.js"

/**
 * The operations among a module's exports, by export name (its doc comments carried along).
 *
 * @since 0.1.0
 * @category models
 */
export type OperationsOf<M> = {
  readonly [K in keyof M as M[K] extends Operation.Any ? K : never]: M[K]
}

/**
 * The operations among a module's exports.
 *
 * @since 0.1.0
 * @category utils
 */
export const operationsOf = <M extends object>(module: M): OperationsOf<M> =>
  Object.fromEntries(
    Object.entries(module).filter(([, value]) => Operation.isOperation(value))
  ) as OperationsOf<M>

/**
 * Every operation of a registry with its facade names; a nested group (`orderSubscription.requestIng`)
 * is named with a dot (`orderSubscription.requestIng`).
 *
 * @since 0.1.0
 * @category utils
 */
export function entriesOf(tree: object, prefix = ""): ReadonlyArray<Named> {
  return Object.entries(tree).flatMap(([module, methods]) =>
    Object.entries(methods as Record<string, unknown>).flatMap(([name, value]): ReadonlyArray<Named> => {
      if (Operation.isOperation(value)) return [{ module: prefix + module, name, operation: value }]
      if (typeof value === "object" && value !== null) {
        return entriesOf({ [name]: value }, `${prefix}${module}.`)
      }
      return []
    })
  )
}

/**
 * The operations, by facade name: `registry.receipt.cancel` is `Receipt.cancel`.
 *
 * @since 0.1.0
 * @category utils
 */
export const registry = {
  accessToken: operationsOf(AccessToken),
  receipt: operationsOf(Receipt),
  billingKey: operationsOf(BillingKey),
  subscription: operationsOf(Subscription),
  userToken: operationsOf(UserToken),
  certificate: operationsOf(Certificate),
  authentication: operationsOf(Authentication),
  escrow: operationsOf(Escrow),
  cashReceipt: operationsOf(CashReceipt)
} as const

/**
 * The registry's shape.
 *
 * @since 0.1.0
 * @category models
 */
export type Registry = typeof registry

/**
 * One operation with its facade names.
 *
 * @since 0.1.0
 * @category models
 */
export interface Named {
  /** The facade module name, e.g. `receipt`. */
  readonly module: string
  /** The facade method name, e.g. `cancel`. */
  readonly name: string
  /** The operation (callable, with its declaration). */
  readonly operation: Operation.Any
}

/**
 * Every operation with its facade names, for code that walks the registry (the facade, fakes, tests).
 *
 * @since 0.1.0
 * @category utils
 */
export const entries: ReadonlyArray<Named> = entriesOf(registry)

/**
 * Every declared operation, flattened.
 *
 * @since 0.1.0
 * @category utils
 */
export const operations: ReadonlyArray<Operation.Any> = entries.map((entry) => entry.operation)
