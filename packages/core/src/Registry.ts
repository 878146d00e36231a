/**
 * Every operation of the SDK in one table, grouped by module. The Promise facade, the fake Bootpay's
 * routes and the coverage tests are derived from it.
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import * as AccessToken from "./AccessToken.js"
import * as Authentication from "./Authentication.js"
import * as BillingKey from "./BillingKey.js"
import type { BootpayClient } from "./BootpayClient.js"
import * as CashReceipt from "./CashReceipt.js"
import * as Certificate from "./Certificate.js"
import * as Escrow from "./Escrow.js"
import type * as Operation from "./Operation.js"
import * as Receipt from "./Receipt.js"
import * as Subscription from "./Subscription.js"
import * as UserToken from "./UserToken.js"

/** One registry entry: the declaration and the Effect function that runs it. */
export interface Entry<O extends Operation.Any, In, A, E> {
  /** The operation's declaration. */
  readonly operation: O
  /** Runs the operation with the client from the context. */
  readonly run: (input: In, options?: Operation.CallOptions) => Effect.Effect<A, E, BootpayClient>
}

const entry = <O extends Operation.Any, In, A, E>(
  operation: O,
  run: (input: In, options?: Operation.CallOptions) => Effect.Effect<A, E, BootpayClient>
): Entry<O, In, A, E> => ({ operation, run })

/** The operations, by facade name: `registry.receipt.cancel`. */
export const registry = {
  accessToken: {
    issue: entry(AccessToken.issueOperation, AccessToken.issue)
  },
  receipt: {
    lookup: entry(Receipt.lookupOperation, Receipt.lookup),
    lookupByOrderId: entry(Receipt.lookupByOrderIdOperation, Receipt.lookupByOrderId),
    confirm: entry(Receipt.confirmOperation, Receipt.confirm),
    cancel: entry(Receipt.cancelOperation, Receipt.cancel)
  },
  billingKey: {
    issue: entry(BillingKey.issueOperation, BillingKey.issue),
    issueTransfer: entry(BillingKey.issueTransferOperation, BillingKey.issueTransfer),
    publishTransfer: entry(BillingKey.publishTransferOperation, BillingKey.publishTransfer),
    lookup: entry(BillingKey.lookupOperation, BillingKey.lookup),
    lookupByKey: entry(BillingKey.lookupByKeyOperation, BillingKey.lookupByKey),
    lookupSequential: entry(BillingKey.lookupSequentialOperation, BillingKey.lookupSequential),
    destroy: entry(BillingKey.destroyOperation, BillingKey.destroy)
  },
  subscription: {
    pay: entry(Subscription.payOperation, Subscription.pay),
    reserve: entry(Subscription.reserveOperation, Subscription.reserve),
    lookupReservation: entry(Subscription.lookupReservationOperation, Subscription.lookupReservation),
    cancelReservation: entry(Subscription.cancelReservationOperation, Subscription.cancelReservation)
  },
  userToken: {
    issue: entry(UserToken.issueOperation, UserToken.issue)
  },
  certificate: {
    lookup: entry(Certificate.lookupOperation, Certificate.lookup)
  },
  authentication: {
    request: entry(Authentication.requestOperation, Authentication.request),
    confirm: entry(Authentication.confirmOperation, Authentication.confirm),
    resend: entry(Authentication.resendOperation, Authentication.resend)
  },
  escrow: {
    startShipping: entry(Escrow.startShippingOperation, Escrow.startShipping)
  },
  cashReceipt: {
    publishOnReceipt: entry(CashReceipt.publishOnReceiptOperation, CashReceipt.publishOnReceipt),
    cancelOnReceipt: entry(CashReceipt.cancelOnReceiptOperation, CashReceipt.cancelOnReceipt),
    publish: entry(CashReceipt.publishOperation, CashReceipt.publish),
    cancel: entry(CashReceipt.cancelOperation, CashReceipt.cancel)
  }
} as const

/** The registry's shape. */
export type Registry = typeof registry

/** A registry entry with its facade names, its input type erased. */
export interface Named extends Entry<Operation.Any, never, unknown, unknown> {
  /** The facade module name, e.g. `receipt`. */
  readonly module: string
  /** The facade method name, e.g. `cancel`. */
  readonly name: string
}

/** Every entry, flattened, for code that walks the registry (the facade, fakes, tests). */
export const entries: ReadonlyArray<Named> = Object.entries(registry).flatMap(([module, methods]) =>
  Object.entries(methods as Record<string, Entry<Operation.Any, never, unknown, unknown>>).map(
    ([name, value]) => ({
      module,
      name,
      operation: value.operation,
      run: value.run
    })
  )
)

/** Every declared operation, flattened. */
export const operations: ReadonlyArray<Operation.Any> = entries.map((entry) => entry.operation)
