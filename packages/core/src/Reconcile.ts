/**
 * Reconciliation (대사): resolving an `OutcomeUnknown` by reading Bootpay's state back. It answers
 * `Happened` or `DidNotHappen` only when the state proves it, and `Undetermined` (with what it read
 * and why) whenever another call could explain that state. It never guesses.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { BootpayClient } from "./BootpayClient.js"
import * as BootpayConfig from "./BootpayConfig.js"
import type * as BootpayError from "./BootpayError.js"
import { InvalidRequest, type NotFound, OutcomeUnknown } from "./BootpayError.js"
import * as Resolutions from "./internal/resolution.js"
import { issuesOf } from "./internal/schemas.js"
import type * as Operation from "./Operation.js"
import type { Receipt } from "./Receipt.js"
import * as Registry from "./Registry.js"

/**
 * What reconciliation found about one call whose outcome was unknown.
 *
 * @since 0.1.0
 * @category models
 */
export type Resolution =
  /** The call took effect, as Bootpay's state proves; `receipt` is that state. */
  | { readonly _tag: "Happened"; readonly receipt: Receipt }
  /** The call did not take effect: repeating it is safe. `receipt` is the current state when one exists. */
  | { readonly _tag: "DidNotHappen"; readonly receipt: Receipt | undefined }
  /**
   * Bootpay's state cannot tell: it could come from this call or from another one. `reason` says
   * why, `receipts` is what was read.
   */
  | { readonly _tag: "Undetermined"; readonly reason: string; readonly receipts: ReadonlyArray<Receipt> }

const byId = new Map(Registry.operations.map((operation) => [operation.id, operation]))

// An error object carries more than its fields (a stack, Effect's own symbols): those are not refused.
const decode = Schema.decodeUnknownEither(OutcomeUnknown, { errors: "all" })

/**
 * Resolves an `OutcomeUnknown` (the error itself, or its JSON read back from storage) with the
 * proof its operation declares: a confirm by its receipt's status, a cancel by the receipt's
 * cumulative cancelled amount, a billing-key charge or cash receipt by the receipts of its order id.
 * An operation no read can settle answers `Undetermined`.
 *
 * @since 0.1.0
 * @category utils
 */
export const outcome = (
  error: OutcomeUnknown,
  options?: Operation.CallOptions
): Effect.Effect<Resolution, BootpayError.CommonError | NotFound, BootpayClient> =>
  Effect.flatMap(BootpayClient, (client) => {
    const decoded = decode(error)
    const issues: Array<BootpayError.Issue> = Either.isLeft(decoded)
      ? issuesOf(decoded.left).map((issue) => ({
          ...issue,
          path: issue.path === "" ? "error" : `error.${issue.path}`
        }))
      : []
    BootpayConfig.checkCallOptions(options, client.config, issues)
    if (issues.length > 0 || Either.isLeft(decoded)) {
      return Effect.fail(new InvalidRequest({ operation: "Reconcile.outcome", issues }))
    }
    const unknown = decoded.right
    const proof = byId.get(unknown.operation)?.proof
    if (proof === undefined) {
      return Effect.succeed(
        Resolutions.undetermined(
          `no read of Bootpay shows whether ${unknown.operation} took effect; check the Bootpay dashboard`,
          []
        )
      )
    }
    return proof.reconcile(unknown, (operation, input) =>
      client.execute(operation, input, options)
    ) as Effect.Effect<Resolution, BootpayError.CommonError | NotFound>
  })
