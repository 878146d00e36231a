/**
 * The checker of the fault-injection suite: the money-outcome rule, judged against the fake's state.
 *
 * For every call that is not a read, the SDK may answer a definite success only when the call took
 * effect, a definite failure only when nothing of it did, and `OutcomeUnknown` otherwise; reconciling
 * may answer `Undetermined`, never a wrong `Happened` or `DidNotHappen`. The truth comes from the
 * fake: each cancel is recognised by its own `cancel_message`, recorded with every change the fake
 * made, a confirm by its receipt's status, a charge or cash receipt by the receipts of its `order_id`.
 */
import type { FakeReceipt, FakeStore } from "@effect-bootpay/testing"
import type { FaultClass, FaultProxy } from "./faultProxy.js"
import {
  type Api,
  type BadCallRecord,
  type CallRecord,
  isMoney,
  isUnsafe,
  type MoneyIntent,
  markerOf,
  type Outcome,
  operationOf,
  type Plan,
  type Verdict
} from "./faultWorkload.js"

/** The kinds of violation, each counted on its own. */
export const violationClasses = [
  /** A success for a call that did not take effect. */
  "successNotHappened",
  /** A definite failure for a call that (partly) took effect. */
  "failureButHappened",
  /** Reconciliation said `Happened` or `DidNotHappen`, and the opposite is true. */
  "wrongVerdict",
  /** Reconciliation through a clean client failed instead of answering. */
  "reconcileFailed",
  /** More than one receipt for one charge's or cash receipt's `order_id`. */
  "doubleCharge",
  /** One cancel applied more than once. */
  "appliedTwice",
  /** A receipt's cancelled amount outside what the SDK's answers allow. */
  "cancelledAmount",
  /** A call ran past its timeout (plus the margin and the event loop's stalls). */
  "deadlineOverrun",
  /** A promise rejected with nobody listening. */
  "unhandledRejection",
  /** An unsafe request reached the fake more than once. */
  "unsafeRepeated",
  /** An unsafe request was sent again after a fault, though it reached the fake at most once. */
  "unsafeResent",
  /** A bad input or bad option did not fail with `InvalidRequest`. */
  "badCallNotRejected",
  /** A bad input or bad option sent a request. */
  "badCallSent"
] as const

export type ViolationClass = (typeof violationClasses)[number]

/** One request of a call, as the proxy saw it. */
export interface RequestTrace {
  readonly index: number
  readonly fault: FaultClass
}

/** One broken rule, with what a replay needs: the seed, the call's index, its operation. */
export interface Violation {
  readonly seed: number
  readonly kind: ViolationClass
  readonly callIndex: number | undefined
  /** The planned scenario the call belongs to (`cancelRace`, `pay`, ...). */
  readonly scenario: string | undefined
  readonly operation: string
  readonly api: Api | undefined
  /** What the SDK said and what was true. */
  readonly detail: string
  /** The call's own requests (not its lookups), arrival index and fault. */
  readonly requests: ReadonlyArray<RequestTrace>
}

/** One change the fake made for a cancel: the receipt and the amount it cancelled. */
interface CancelEffect {
  readonly receiptId: string
  readonly amount: number
}

/**
 * What the fake did for each cancel, by the cancel's `cancel_message`. The fake handles a request
 * synchronously and records it before its handler runs, so when a receipt-change listener fires, the
 * last recorded request is the one that made the change.
 */
export class Truth {
  private readonly cancelled = new Map<string, number>()
  private readonly cancels = new Map<string, Array<CancelEffect>>()

  constructor(private readonly store: FakeStore) {
    for (const [id, receipt] of store.receipts) this.cancelled.set(id, receipt.cancelled_price)
    store.receiptListeners.push((receipt) => this.changed(receipt))
  }

  private changed(receipt: FakeReceipt): void {
    const before = this.cancelled.get(receipt.receipt_id) ?? 0
    this.cancelled.set(receipt.receipt_id, receipt.cancelled_price)
    const request = this.store.requests.at(-1)
    if (request?.operation !== "Receipt.cancel") return
    const body = request.body as Readonly<Record<string, unknown>>
    const marker = typeof body.cancel_message === "string" ? body.cancel_message : "(none)"
    const effects = this.cancels.get(marker) ?? []
    effects.push({ receiptId: receipt.receipt_id, amount: receipt.cancelled_price - before })
    this.cancels.set(marker, effects)
  }

  /** What happened for one money call, and how many times it was applied. */
  of(intent: MoneyIntent): { readonly happened: boolean; readonly applied: number; readonly text: string } {
    switch (intent._tag) {
      case "confirm": {
        const receipt = this.store.receipts.get(intent.receiptId)
        if (receipt === undefined) return { happened: false, applied: 0, text: "no such receipt" }
        if (!intent.awaiting) return { happened: false, applied: 0, text: "the receipt was already paid" }
        const happened = receipt.status === 1
        return {
          happened,
          applied: happened ? 1 : 0,
          text: happened ? "confirmed (status 2 -> 1)" : `not confirmed (status ${receipt.status})`
        }
      }
      case "cancel": {
        const effects = this.cancels.get(intent.marker) ?? []
        for (const effect of effects) {
          // Guards of the truth model itself: a mismatch is a bug here, not in the SDK.
          if (effect.receiptId !== intent.receiptId)
            throw new Error(`cancel ${intent.marker} changed ${effect.receiptId}`)
          if (intent.cancelPrice !== undefined && effect.amount !== intent.cancelPrice)
            throw new Error(`cancel ${intent.marker} of ${intent.cancelPrice} changed ${effect.amount}`)
        }
        const amount = effects.reduce((sum, effect) => sum + effect.amount, 0)
        return {
          happened: effects.length > 0,
          applied: effects.length,
          text: effects.length > 0 ? `it cancelled ${amount}` : "it cancelled nothing"
        }
      }
      case "pay":
      case "publish": {
        let count = 0
        for (const receipt of this.store.receipts.values()) if (receipt.order_id === intent.orderId) count++
        return {
          happened: count > 0,
          applied: count,
          text: count === 0 ? "no receipt for the order" : `${count} receipt(s) for the order`
        }
      }
    }
  }
}

/** What the SDK claimed about a call: it happened, it did not, or nobody knows. */
type Claim = "happened" | "notHappened" | "unknown"

const messageOf = (error: unknown): string => {
  const text = error instanceof Error ? error.message : String(error)
  return text.length > 140 ? `${text.slice(0, 140)}...` : text
}

const said = (call: CallRecord): string => {
  const { outcome, verdict } = call
  if (outcome._tag === "Success") return "success"
  const reason = (outcome.error as { readonly reason?: unknown }).reason
  const base = `${outcome.errorTag}${typeof reason === "string" ? `(${reason})` : ""} "${messageOf(outcome.error)}"`
  if (verdict === undefined) return base
  const then =
    verdict._tag === "Undetermined"
      ? `Undetermined (${verdict.reason})`
      : verdict._tag === "ReconcileFailed"
        ? `reconcile failed: ${verdict.errorTag} "${verdict.message}"`
        : verdict._tag
  return `${base}, reconciled: ${then}`
}

const isNotFound = (verdict: Verdict | undefined) =>
  verdict?._tag === "ReconcileFailed" && verdict.errorTag === "NotFound"

const claimOf = (call: CallRecord): Claim => {
  const { outcome, verdict } = call
  if (outcome._tag === "Success") return "happened"
  if (outcome.errorTag !== "OutcomeUnknown") return "notHappened"
  if (verdict?._tag === "Happened") return "happened"
  // Bootpay does not know the receipt: nothing can have happened to it.
  if (verdict?._tag === "DidNotHappen" || isNotFound(verdict)) return "notHappened"
  return "unknown"
}

const isDefiniteFailure = (outcome: Outcome) =>
  outcome._tag === "Failure" && outcome.errorTag !== "OutcomeUnknown"

/** Everything the checker reads. */
export interface CheckInput {
  readonly plan: Plan
  readonly calls: ReadonlyArray<CallRecord>
  readonly badCalls: ReadonlyArray<BadCallRecord>
  readonly truth: Truth
  readonly store: FakeStore
  readonly proxy: FaultProxy
  /** Requests the bad calls' pass-through proxy saw in all. */
  readonly sentinelRequests: number
  /** What rejected with nobody listening, during the run. */
  readonly unhandledRejections: ReadonlyArray<string>
  /** How far past its timeout a call may end (the event loop's stalls come on top). */
  readonly marginMillis: number
}

/** Every violation of one seed's run. */
export const check = (input: CheckInput): Array<Violation> => {
  const { plan, proxy, truth, store } = input
  const violations: Array<Violation> = []
  const requestsOf = (intent: MoneyIntent) => {
    const operation = operationOf(intent)
    const marker = markerOf(intent)
    return proxy.requests.filter((request) => request.operation === operation && request.key.includes(marker))
  }
  const add = (kind: ViolationClass, call: CallRecord | undefined, operation: string, detail: string) => {
    const intent = call?.spec.intent
    violations.push({
      seed: plan.seed,
      kind,
      callIndex: call?.spec.index,
      scenario: call?.spec.scenario,
      operation,
      api: call?.spec.api,
      detail,
      requests:
        intent !== undefined && isMoney(intent)
          ? requestsOf(intent).map((request) => ({ index: request.index, fault: request.fault }))
          : []
    })
  }

  for (const call of input.calls) {
    const { intent } = call.spec
    const operation = operationOf(intent)
    const budget = call.timeoutMillis + input.marginMillis + call.stalledMillis
    if (call.elapsedMillis > budget) {
      add(
        "deadlineOverrun",
        call,
        operation,
        `took ${Math.round(call.elapsedMillis)} ms with a ${call.timeoutMillis} ms timeout (event loop stalled ${Math.round(call.stalledMillis)} ms); said ${said(call)}`
      )
    }
    if (!isMoney(intent)) continue
    // A confirm, charge or publish always sends its request: finding none means the marker is wrong.
    if (intent._tag !== "cancel" && requestsOf(intent).length === 0) {
      throw new Error(
        `harness: no request of call #${call.spec.index} (${operation}) matches ${markerOf(intent)}; it said ${said(call)}`
      )
    }
    const fact = truth.of(intent)
    const claim = claimOf(call)
    const story = `said ${said(call)}; truth: ${fact.text}`
    if (call.outcome._tag === "Success" && !fact.happened) add("successNotHappened", call, operation, story)
    if (isDefiniteFailure(call.outcome) && fact.happened) add("failureButHappened", call, operation, story)
    if (call.verdict !== undefined) {
      if (call.verdict._tag === "ReconcileFailed" && !isNotFound(call.verdict))
        add("reconcileFailed", call, operation, story)
      else if ((claim === "happened") !== fact.happened && claim !== "unknown")
        add("wrongVerdict", call, operation, story)
    }
    if (fact.applied > 1) {
      add(intent._tag === "cancel" ? "appliedTwice" : "doubleCharge", call, operation, story)
    }
    if (isUnsafe(intent)) {
      const requests = requestsOf(intent)
      const forwarded = requests.length === 0 ? 0 : proxy.forwardedCount(requests[0]!.key)
      if (forwarded > 1) {
        add("unsafeRepeated", call, operation, `reached the fake ${forwarded} times; ${story}`)
      } else if (requests.length > 1) {
        add(
          "unsafeResent",
          call,
          operation,
          `sent ${requests.length} times, ${forwarded} reached the fake; ${story}`
        )
      }
    }
  }

  // Per receipt: the cancelled amount lies between what the SDK's answers say went through and that
  // plus every cancel nobody knows about, and equals the former when nothing is unknown.
  for (const [receiptId, price] of plan.cancelReceipts) {
    let claimedPartial = 0
    let unknownPartial = 0
    let fullClaimed = false
    let fullUnknown = false
    const cancels = input.calls.filter(
      (call) => call.spec.intent._tag === "cancel" && call.spec.intent.receiptId === receiptId
    )
    for (const call of cancels) {
      const intent = call.spec.intent as Extract<MoneyIntent, { _tag: "cancel" }>
      const claim = claimOf(call)
      if (intent.cancelPrice === undefined) {
        fullClaimed ||= claim === "happened"
        fullUnknown ||= claim === "unknown"
      } else if (claim === "happened") claimedPartial += intent.cancelPrice
      else if (claim === "unknown") unknownPartial += intent.cancelPrice
    }
    const low = fullClaimed ? price : claimedPartial
    const high = fullClaimed || fullUnknown ? price : claimedPartial + unknownPartial
    const actual = store.receipts.get(receiptId)?.cancelled_price ?? 0
    if (actual < low || actual > high) {
      const first = cancels.reduce<CallRecord | undefined>(
        (min, call) => (min === undefined || call.spec.index < min.spec.index ? call : min),
        undefined
      )
      violations.push({
        seed: plan.seed,
        kind: "cancelledAmount",
        callIndex: first?.spec.index,
        scenario: first?.spec.scenario,
        operation: "Receipt.cancel",
        api: undefined,
        detail: `receipt ${receiptId} (price ${price}): cancelled ${actual}, the SDK's answers allow ${low}..${high}; calls ${cancels
          .map((call) => `#${call.spec.index}: ${said(call)}`)
          .join(" | ")}`,
        requests: []
      })
    }
  }

  for (const bad of input.badCalls) {
    const { spec, outcome } = bad
    const base = {
      seed: plan.seed,
      callIndex: spec.index,
      scenario: "badCalls",
      operation: spec.operation,
      api: spec.api,
      requests: []
    }
    if (outcome._tag === "Success" || outcome.errorTag !== "InvalidRequest") {
      const answer =
        outcome._tag === "Success" ? "success" : `${outcome.errorTag} "${messageOf(outcome.error)}"`
      violations.push({ ...base, kind: "badCallNotRejected", detail: `${spec.description}: said ${answer}` })
    }
    if (bad.sent > 0) {
      violations.push({
        ...base,
        kind: "badCallSent",
        detail: `${spec.description}: sent ${bad.sent} request(s)`
      })
    }
  }
  const attributed = input.badCalls.reduce((sum, bad) => sum + bad.sent, 0)
  if (input.sentinelRequests > attributed) {
    violations.push({
      seed: plan.seed,
      kind: "badCallSent",
      callIndex: undefined,
      scenario: "badCalls",
      operation: "unknown",
      api: undefined,
      detail: `${input.sentinelRequests - attributed} request(s) sent after their bad call had already settled`,
      requests: []
    })
  }
  for (const reason of input.unhandledRejections) {
    violations.push({
      seed: plan.seed,
      kind: "unhandledRejection",
      callIndex: undefined,
      scenario: undefined,
      operation: "unknown",
      api: undefined,
      detail: reason,
      requests: []
    })
  }
  return violations
}
