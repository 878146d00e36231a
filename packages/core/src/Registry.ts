/**
 * Every operation of the SDK in one table, grouped by module. The Promise facade, the fake Bootpay's
 * routes and the coverage tests are derived from it.
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import * as AccessToken from "./AccessToken.js"
import type { BootpayClient } from "./BootpayClient.js"
import type * as Operation from "./Operation.js"
import * as Receipt from "./Receipt.js"

/** One registry entry: the declaration and the Effect function that runs it. */
export interface Entry<O extends Operation.Any, In, A, E> {
  readonly operation: O
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
  }
} as const

/** The registry's shape. */
export type Registry = typeof registry

/** Every declared operation, flattened. */
export const operations: ReadonlyArray<Operation.Any> = Object.values(registry).flatMap((module) =>
  Object.values(module).map((entry: { readonly operation: Operation.Any }) => entry.operation)
)
