/**
 * The workload of the fault-injection suite: a seeded plan of money calls (confirms, full and partial
 * cancels, billing-key charges, cash-receipt publishes), lookups, and bad inputs and options, run
 * with about 20 calls in flight through the Promise facade and the Effect API, each call's outcome
 * and duration recorded. Every `OutcomeUnknown` is then reconciled through a clean client that talks
 * to the fake directly.
 *
 * Each call carries something unique in its request (a cancel's `cancel_message`, a charge's
 * `order_id`, a confirm's receipt), so the checker can tell from the fake's state exactly what this
 * very call did, and find its requests in the proxy's log.
 */
import { performance } from "node:perf_hooks"
import {
  type BootpayClient,
  type BootpayConfig,
  BootpayError,
  CashReceipt,
  Receipt,
  Reconcile,
  Subscription
} from "@effect-bootpay/core"
import { Bootpay, NodeBootpay } from "@effect-bootpay/node"
import { type FakeStore, kstIso } from "@effect-bootpay/testing"
import * as Cause from "effect/Cause"
import type * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Option from "effect/Option"
import { hash32, mulberry32, pickWeighted } from "./faultProxy.js"

/** Which face of the SDK a call goes through. */
export type Api = "promise" | "effect"

type Facade = Bootpay.Bootpay
/** The inputs as the facade types them (the same types the Effect functions take). */
export type CancelInput = Parameters<Facade["receipt"]["cancel"]>[0]
export type PayInput = Parameters<Facade["subscription"]["pay"]>[0]
export type PublishInput = Parameters<Facade["cashReceipt"]["publish"]>[0]

/** What a call returned: its value, or what it failed with (`Defect` when that is no SDK error). */
export type Outcome =
  | { readonly _tag: "Success"; readonly value: unknown }
  | { readonly _tag: "Failure"; readonly errorTag: string; readonly error: unknown }

/** What reconciling an `OutcomeUnknown` said, or that reconciling itself failed. */
export type Verdict =
  | { readonly _tag: "Happened" }
  | { readonly _tag: "DidNotHappen" }
  | { readonly _tag: "Undetermined"; readonly reason: string }
  | { readonly _tag: "ReconcileFailed"; readonly errorTag: string; readonly message: string }

/** Options of one call; bad-option calls put anything in here. */
export interface CallOptions {
  readonly timeout?: number
  readonly retry?: number
}

/** One SDK face, every call settled to an `Outcome`. */
export interface Sdk {
  readonly api: Api
  readonly confirm: (receiptId: string, options?: CallOptions) => Promise<Outcome>
  readonly cancel: (input: CancelInput, options?: CallOptions) => Promise<Outcome>
  readonly pay: (input: PayInput, options?: CallOptions) => Promise<Outcome>
  readonly publish: (input: PublishInput, options?: CallOptions) => Promise<Outcome>
  readonly lookup: (receiptId: string, options?: CallOptions) => Promise<Outcome>
  readonly lookupByOrderId: (orderId: string, options?: CallOptions) => Promise<Outcome>
  readonly reconcile: (error: BootpayError.OutcomeUnknown) => Promise<Outcome>
  readonly dispose: () => Promise<void>
}

const failure = (error: unknown): Outcome => ({
  _tag: "Failure",
  errorTag: BootpayError.isBootpayError(error) ? error._tag : "Defect",
  error
})

const settle = (promise: Promise<unknown>): Promise<Outcome> =>
  promise.then((value): Outcome => ({ _tag: "Success", value }), failure)

/** The Promise facade (`Bootpay.make`). */
export const promiseSdk = (config: BootpayConfig.Options): Sdk => {
  const bootpay = Bootpay.make(config)
  return {
    api: "promise",
    confirm: (receiptId, options) => settle(bootpay.receipt.confirm(receiptId, options)),
    cancel: (input, options) => settle(bootpay.receipt.cancel(input, options)),
    pay: (input, options) => settle(bootpay.subscription.pay(input, options)),
    publish: (input, options) => settle(bootpay.cashReceipt.publish(input, options)),
    lookup: (receiptId, options) => settle(bootpay.receipt.lookup(receiptId, options)),
    lookupByOrderId: (orderId, options) => settle(bootpay.receipt.lookupByOrderId(orderId, options)),
    reconcile: (error) => settle(bootpay.reconcile(error)),
    dispose: () => bootpay.dispose()
  }
}

/** The Effect API (`NodeBootpay.layer` and the module functions), run on a managed runtime. */
export const effectSdk = (config: BootpayConfig.Options): Sdk => {
  const runtime = ManagedRuntime.make(NodeBootpay.layer(config))
  const run = async (effect: Effect.Effect<unknown, unknown, BootpayClient.BootpayClient>) => {
    const exit = await runtime.runPromiseExit(effect)
    if (Exit.isSuccess(exit)) return { _tag: "Success", value: exit.value } satisfies Outcome
    const failed = Cause.failureOption(exit.cause)
    return failure(Option.isSome(failed) ? failed.value : Cause.squash(exit.cause))
  }
  return {
    api: "effect",
    confirm: (receiptId, options) => run(Receipt.confirm(receiptId, options)),
    cancel: (input, options) => run(Receipt.cancel(input, options)),
    pay: (input, options) => run(Subscription.pay(input, options)),
    publish: (input, options) => run(CashReceipt.publish(input, options)),
    lookup: (receiptId, options) => run(Receipt.lookup(receiptId, options)),
    lookupByOrderId: (orderId, options) => run(Receipt.lookupByOrderId(orderId, options)),
    reconcile: (error) => run(Reconcile.outcome(error)),
    dispose: () => runtime.dispose()
  }
}

/** A Promise facade and an Effect client on the same options. */
export interface Clients {
  readonly promise: Sdk
  readonly effect: Sdk
}

export const clients = (config: BootpayConfig.Options): Clients => ({
  promise: promiseSdk(config),
  effect: effectSdk(config)
})

export const disposeClients = async (both: Clients): Promise<void> => {
  await Promise.all([both.promise.dispose(), both.effect.dispose()])
}

/**
 * What one call is meant to do. The checker reads the fake's state against it: a confirm by its
 * receipt's status, a cancel by the `cancel_message` marker the fake recorded with each change, a
 * charge or publish by the receipts of its unique `order_id`.
 */
export type Intent =
  | { readonly _tag: "confirm"; readonly receiptId: string; readonly awaiting: boolean }
  | {
      readonly _tag: "cancel"
      readonly receiptId: string
      /** `undefined`: a full cancel. */
      readonly cancelPrice: number | undefined
      readonly cancelId: string | undefined
      readonly marker: string
    }
  | { readonly _tag: "pay"; readonly orderId: string; readonly billingKey: string; readonly price: number }
  | { readonly _tag: "publish"; readonly orderId: string; readonly price: number }
  | { readonly _tag: "lookup"; readonly receiptId: string }
  | { readonly _tag: "lookupByOrderId"; readonly orderId: string }

/** Intents that move money (every call that is not a read). */
export type MoneyIntent = Extract<Intent, { readonly _tag: "confirm" | "cancel" | "pay" | "publish" }>

export const isMoney = (intent: Intent): intent is MoneyIntent =>
  intent._tag !== "lookup" && intent._tag !== "lookupByOrderId"

/** The registry id of an intent's operation. */
export const operationOf = (intent: Intent): string => {
  switch (intent._tag) {
    case "confirm":
      return "Receipt.confirm"
    case "cancel":
      return "Receipt.cancel"
    case "pay":
      return "Subscription.pay"
    case "publish":
      return "CashReceipt.publish"
    case "lookup":
      return "Receipt.lookup"
    case "lookupByOrderId":
      return "Receipt.lookupByOrderId"
  }
}

/** Whether the SDK may never send this call twice: everything but reads and a cancel with `cancel_id`. */
export const isUnsafe = (intent: Intent): boolean =>
  isMoney(intent) && !(intent._tag === "cancel" && intent.cancelId !== undefined)

/** A substring only this call's own request carries (body or path), to find it in the proxy log. */
export const markerOf = (intent: MoneyIntent): string => {
  switch (intent._tag) {
    case "confirm":
      return `"receipt_id":"${intent.receiptId}"`
    case "cancel":
      return `"cancel_message":"${intent.marker}"`
    case "pay":
    case "publish":
      return `"order_id":"${intent.orderId}"`
  }
}

/** One planned call. */
export interface CallSpec {
  /** The call's number in its seed's plan: with the seed, what a replay looks for. */
  readonly index: number
  readonly scenario: string
  readonly api: Api
  readonly intent: Intent
  /** A per-call timeout in milliseconds, or the client's. */
  readonly timeoutMillis: number | undefined
}

/** A call that must fail with `InvalidRequest` and send nothing. */
export interface BadCallSpec {
  readonly index: number
  readonly api: Api
  readonly operation: string
  /** What is wrong with it, for the report. */
  readonly description: string
  readonly invoke: (sdk: Sdk) => Promise<Outcome>
}

/** Calls that run together: concurrently (a race on one receipt) or one after another. */
export interface Scenario {
  readonly name: string
  readonly mode: "parallel" | "sequence"
  readonly calls: ReadonlyArray<CallSpec>
}

/** A seed's plan, its fake state already created. */
export interface Plan {
  readonly seed: number
  /** The client's default timeout in milliseconds. */
  readonly timeoutMillis: number
  readonly scenarios: ReadonlyArray<Scenario>
  readonly badCalls: ReadonlyArray<BadCallSpec>
  /** Receipts that cancels target, with their price. */
  readonly cancelReceipts: ReadonlyMap<string, number>
}

/** How many money calls a plan holds. */
export const moneyCallsOf = (plan: Plan): number =>
  plan.scenarios.reduce((sum, scenario) => sum + scenario.calls.filter((c) => isMoney(c.intent)).length, 0)

/** Client timeouts to pick from; per-call overrides too. Every one is below the proxy's hold. */
const clientTimeouts = [500, 600, 700] as const
const callTimeouts = [400, 500, 800] as const
/** The longest timeout any call runs with: a `delayed` answer is held beyond it. */
export const maxTimeoutMillis = 800

const scenarioWeights = {
  confirmAwaiting: 10,
  confirmPaid: 3,
  confirmMissing: 1,
  cancelRace: 5,
  cancelRaceMixed: 5,
  cancelSequence: 6,
  cancelFull: 5,
  cancelPhoneClosed: 2,
  cancelMissing: 1,
  pay: 16,
  payMissingKey: 1,
  publish: 12,
  lookups: 7
} as const

type ScenarioKind = keyof typeof scenarioWeights

/**
 * Builds a seed's plan: receipts and billing keys are created in `store` now (their ids come from the
 * store's counter, so a seed always gets the same ids), and the calls are planned until `moneyCalls`
 * is reached.
 */
export const buildPlan = (seed: number, store: FakeStore, moneyCalls: number): Plan => {
  const random = mulberry32(hash32(`plan|${seed}`))
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1))
  const pick = <A>(items: ReadonlyArray<A>): A => items[Math.floor(random() * items.length)]!
  const chance = (p: number) => random() < p
  const timeoutMillis = pick(clientTimeouts)
  const cancelReceipts = new Map<string, number>()
  const scenarios: Array<Scenario> = []
  const paidOrders: Array<string> = []
  const billingKeys = Array.from({ length: 4 }, () => store.createBillingKey().billing_key)
  let index = 0
  let planned = 0

  const call = (scenario: string, intent: Intent): CallSpec => {
    if (isMoney(intent)) planned++
    return {
      index: index++,
      scenario,
      api: chance(0.5) ? "promise" : "effect",
      intent,
      timeoutMillis: chance(0.3) ? pick(callTimeouts) : undefined
    }
  }
  const cancel = (
    scenario: string,
    receiptId: string,
    cancelPrice: number | undefined,
    withId: boolean
  ): CallSpec => {
    const marker = `fc-${seed}-${index}`
    return call(scenario, {
      _tag: "cancel",
      receiptId,
      cancelPrice,
      cancelId: withId ? `cid-${seed}-${index}` : undefined,
      marker
    })
  }
  const cancelTarget = (price: number, fields: Record<string, unknown> = {}) => {
    const receiptId = store.createReceipt({ price, ...fields }).receipt_id
    cancelReceipts.set(receiptId, price)
    return receiptId
  }
  const amount = (min: number, max: number) => int(min / 100, max / 100) * 100

  const scenario = (kind: ScenarioKind): Scenario => {
    switch (kind) {
      case "confirmAwaiting": {
        const receiptId = store.createReceipt({ price: amount(1_000, 50_000), status: 2 }).receipt_id
        const intent = { _tag: "confirm", receiptId, awaiting: true } as const
        return { name: kind, mode: "sequence", calls: [call(kind, intent)] }
      }
      case "confirmPaid": {
        // Already paid: a confirm is refused and can never take effect, whatever the network did.
        const receiptId = store.createReceipt({ price: amount(1_000, 50_000) }).receipt_id
        const intent = { _tag: "confirm", receiptId, awaiting: false } as const
        return { name: kind, mode: "sequence", calls: [call(kind, intent)] }
      }
      case "confirmMissing": {
        const intent = { _tag: "confirm", receiptId: `missing-${seed}-${index}`, awaiting: false } as const
        return { name: kind, mode: "sequence", calls: [call(kind, intent)] }
      }
      case "cancelRace": {
        // Three 4,000 cancels at once on 10,000: at most two can go through.
        const receiptId = cancelTarget(10_000)
        return {
          name: kind,
          mode: "parallel",
          calls: [0, 1, 2].map(() => cancel(kind, receiptId, 4_000, true))
        }
      }
      case "cancelRaceMixed": {
        const receiptId = cancelTarget(10_000)
        return {
          name: kind,
          mode: "parallel",
          calls: Array.from({ length: int(2, 4) }, () =>
            cancel(kind, receiptId, amount(1_000, 5_000), chance(0.5))
          )
        }
      }
      case "cancelSequence": {
        const receiptId = cancelTarget(10_000)
        const calls = Array.from({ length: int(2, 4) }, () =>
          cancel(kind, receiptId, amount(1_000, 4_000), chance(0.5))
        )
        if (chance(0.3)) calls.push(cancel(kind, receiptId, undefined, chance(0.5)))
        return { name: kind, mode: "sequence", calls }
      }
      case "cancelFull": {
        // One full cancel, or two at once (one of them at most can go through).
        const receiptId = cancelTarget(amount(1_000, 50_000))
        const calls = chance(0.3)
          ? [cancel(kind, receiptId, undefined, true), cancel(kind, receiptId, undefined, false)]
          : [cancel(kind, receiptId, undefined, chance(0.5))]
        return { name: kind, mode: "parallel", calls }
      }
      case "cancelPhoneClosed": {
        // A phone payment from an earlier month (Korea time): Bootpay refuses any cancel of it.
        const receiptId = cancelTarget(amount(1_000, 20_000), {
          method_symbol: "phone",
          purchased_at: kstIso(store.now - 40 * 86_400_000)
        })
        const cancelPrice = chance(0.5) ? undefined : 1_000
        return { name: kind, mode: "sequence", calls: [cancel(kind, receiptId, cancelPrice, chance(0.5))] }
      }
      case "cancelMissing":
        return {
          name: kind,
          mode: "sequence",
          calls: [cancel(kind, `missing-${seed}-${index}`, chance(0.5) ? 1_000 : undefined, chance(0.5))]
        }
      case "pay": {
        const orderId = `pay-${seed}-${index}`
        paidOrders.push(orderId)
        const intent = {
          _tag: "pay",
          orderId,
          billingKey: pick(billingKeys),
          price: amount(1_000, 99_000)
        } as const
        return { name: kind, mode: "sequence", calls: [call(kind, intent)] }
      }
      case "payMissingKey": {
        const intent = {
          _tag: "pay",
          orderId: `pay-${seed}-${index}`,
          billingKey: `no-such-key-${seed}-${index}`,
          price: 9_900
        } as const
        return { name: kind, mode: "sequence", calls: [call(kind, intent)] }
      }
      case "publish": {
        const intent = {
          _tag: "publish",
          orderId: `cash-${seed}-${index}`,
          price: amount(1_000, 99_000)
        } as const
        return { name: kind, mode: "sequence", calls: [call(kind, intent)] }
      }
      case "lookups": {
        // Reads of their own receipt (or of a charge's order, which no other call reads): a money
        // call's lookups are then the same requests only to calls of its own scenario, which keeps a
        // replay of that scenario alone close to the full run.
        const receiptId = store.createReceipt({
          price: amount(1_000, 50_000),
          status: pick([1, 2, 20])
        }).receipt_id
        const calls = Array.from({ length: int(1, 3) }, () =>
          paidOrders.length > 0 && chance(0.4)
            ? call(kind, { _tag: "lookupByOrderId", orderId: pick(paidOrders) })
            : call(kind, { _tag: "lookup", receiptId })
        )
        return { name: kind, mode: "parallel", calls }
      }
    }
  }

  while (planned < moneyCalls) scenarios.push(scenario(pickWeighted(random, scenarioWeights)))
  return {
    seed,
    timeoutMillis,
    scenarios,
    badCalls: planBadCalls(seed, store, random, billingKeys[0]!, index),
    cancelReceipts
  }
}

/** A `PublishInput` as the fake accepts it. */
export const publishInput = (orderId: string, price: number): PublishInput => ({
  price,
  order_name: "현장 결제",
  order_id: orderId,
  cash_receipt_type: "소득공제",
  identity_no: "01012345678"
})

/** A `PayInput` for a charge. */
export const payInput = (orderId: string, billingKey: string, price: number): PayInput => ({
  billing_key: billingKey,
  order_name: "월 구독료",
  price,
  order_id: orderId
})

/**
 * Bad inputs and bad options. A bad option goes with a valid call on a resource of its own, so if
 * the SDK sent it anyway, the money it moved touches nothing the other calls are judged by.
 */
const planBadCalls = (
  seed: number,
  store: FakeStore,
  random: () => number,
  billingKey: string,
  firstIndex: number
): ReadonlyArray<BadCallSpec> => {
  const pick = <A>(items: ReadonlyArray<A>): A => items[Math.floor(random() * items.length)]!
  let index = firstIndex
  const calls: Array<BadCallSpec> = []
  /** Each bad input gets the id of its own nonexistent receipt or order (`bad-<seed>-<index>`). */
  const badInputs: ReadonlyArray<{
    readonly operation: string
    readonly description: string
    readonly invoke: (id: string) => (sdk: Sdk) => Promise<Outcome>
  }> = [
    {
      operation: "Receipt.cancel",
      description: "cancel_price -1000",
      invoke: (id) => (sdk) => sdk.cancel({ receipt_id: id, cancel_price: -1_000 })
    },
    {
      operation: "Receipt.cancel",
      description: "cancel_price 0",
      invoke: (id) => (sdk) => sdk.cancel({ receipt_id: id, cancel_price: 0 })
    },
    {
      operation: "Receipt.cancel",
      description: "cancel_price 1.5",
      invoke: (id) => (sdk) => sdk.cancel({ receipt_id: id, cancel_price: 1.5 })
    },
    {
      operation: "Receipt.cancel",
      description: "empty receipt_id",
      invoke: () => (sdk) => sdk.cancel({ receipt_id: "", cancel_price: 1_000 })
    },
    {
      operation: "Receipt.cancel",
      description: "cancel_tax_free > cancel_price",
      invoke: (id) => (sdk) => sdk.cancel({ receipt_id: id, cancel_price: 1_000, cancel_tax_free: 2_000 })
    },
    {
      operation: "Receipt.confirm",
      description: "empty receipt_id",
      invoke: () => (sdk) => sdk.confirm("")
    },
    {
      operation: "Subscription.pay",
      description: "price 0",
      invoke: (id) => (sdk) => sdk.pay(payInput(id, billingKey, 0))
    },
    {
      operation: "Subscription.pay",
      description: "empty order_id",
      invoke: () => (sdk) => sdk.pay(payInput("", billingKey, 1_000))
    },
    {
      operation: "CashReceipt.publish",
      description: "identity_no of 3 digits",
      invoke: (id) => (sdk) => sdk.publish({ ...publishInput(id, 1_000), identity_no: "123" })
    },
    {
      operation: "CashReceipt.publish",
      description: "tax_free > price",
      invoke: (id) => (sdk) => sdk.publish({ ...publishInput(id, 1_000), tax_free: 5_000 })
    }
  ]
  // Call options the types forbid; a caller in plain JavaScript (or with a cast) can still pass them.
  const badOptions: ReadonlyArray<{ readonly description: string; readonly options: CallOptions }> = [
    { description: 'timeout "banana"', options: { timeout: "banana" } as unknown as CallOptions },
    { description: "timeout -1", options: { timeout: -1 } },
    { description: "retry -1", options: { retry: -1 } },
    { description: "retry 1.5", options: { retry: 1.5 } },
    { description: 'retry "x"', options: { retry: "x" } as unknown as CallOptions },
    { description: "retry 1e9", options: { retry: 1e9 } },
    { description: "signal {}", options: { signal: {} } as unknown as CallOptions }
  ]
  const withOptions = (options: CallOptions): Pick<BadCallSpec, "operation" | "invoke"> => {
    switch (pick(["lookup", "confirm", "cancel", "pay"] as const)) {
      case "lookup": {
        const receiptId = store.createReceipt({ price: 1_000 }).receipt_id
        return { operation: "Receipt.lookup", invoke: (sdk) => sdk.lookup(receiptId, options) }
      }
      case "confirm": {
        const receiptId = store.createReceipt({ price: 1_000, status: 2 }).receipt_id
        return { operation: "Receipt.confirm", invoke: (sdk) => sdk.confirm(receiptId, options) }
      }
      case "cancel": {
        const receiptId = store.createReceipt({ price: 10_000 }).receipt_id
        return {
          operation: "Receipt.cancel",
          invoke: (sdk) => sdk.cancel({ receipt_id: receiptId, cancel_price: 1_000 }, options)
        }
      }
      case "pay": {
        const orderId = `bad-options-${seed}-${index}`
        return {
          operation: "Subscription.pay",
          invoke: (sdk) => sdk.pay(payInput(orderId, billingKey, 1_000), options)
        }
      }
    }
  }
  for (let i = 0; i < 8; i++) {
    const input = pick(badInputs)
    calls.push({
      index,
      api: pick(["promise", "effect"] as const),
      operation: input.operation,
      description: input.description,
      invoke: input.invoke(`bad-${seed}-${index}`)
    })
    index++
  }
  for (const { description, options } of badOptions) {
    // `signal` exists on the Promise facade only.
    const api = description.startsWith("signal") ? "promise" : pick(["promise", "effect"] as const)
    calls.push({ index, api, description, ...withOptions(options) })
    index++
  }
  return calls
}

/**
 * Time the event loop lost: a 10 ms ticker adds up how late it ran. A call's duration minus what was
 * lost while it ran is what the SDK spent, so a busy machine does not count as an overrun.
 */
export class StallMeter {
  private lost = 0
  private last = performance.now()
  private readonly timer: ReturnType<typeof setInterval>

  constructor(private readonly tickMillis = 10) {
    this.timer = setInterval(() => {
      const now = performance.now()
      this.lost += Math.max(0, now - this.last - this.tickMillis)
      this.last = now
    }, tickMillis)
  }

  /** Milliseconds lost so far. */
  get total(): number {
    return this.lost + Math.max(0, performance.now() - this.last - this.tickMillis)
  }

  stop(): void {
    clearInterval(this.timer)
  }
}

/** One call as it ran. */
export interface CallRecord {
  readonly spec: CallSpec
  /** The deadline it ran under: its own timeout or the client's. */
  readonly timeoutMillis: number
  readonly elapsedMillis: number
  /** Event-loop time lost while it ran. */
  readonly stalledMillis: number
  readonly outcome: Outcome
  /** Set for an `OutcomeUnknown`, once reconciled. */
  verdict?: Verdict
}

/** One bad call as it ran, and how many requests it let through. */
export interface BadCallRecord {
  readonly spec: BadCallSpec
  readonly outcome: Outcome
  readonly sent: number
}

/** What a run needs: the faulty clients, the sentinel clients for bad calls, a stall meter. */
export interface RunContext {
  readonly plan: Plan
  readonly faulty: Clients
  /** Clients behind a pass-through proxy: whatever it sees, a bad call sent. */
  readonly sentinel: Clients
  readonly sentinelRequests: () => number
  /** Resolves once the sentinel has seen everything a settled call may still send. */
  readonly sentinelIdle: () => Promise<void>
  readonly concurrency: number
  readonly stalls: StallMeter
  /** Run only the scenario (or bad call) holding this call index: a replay of one violation. */
  readonly only?: number | undefined
}

const invoke = (sdk: Sdk, spec: CallSpec): Promise<Outcome> => {
  const options = spec.timeoutMillis === undefined ? undefined : { timeout: spec.timeoutMillis }
  const intent = spec.intent
  switch (intent._tag) {
    case "confirm":
      return sdk.confirm(intent.receiptId, options)
    case "cancel":
      return sdk.cancel(
        {
          receipt_id: intent.receiptId,
          ...(intent.cancelPrice === undefined ? {} : { cancel_price: intent.cancelPrice }),
          ...(intent.cancelId === undefined ? {} : { cancel_id: intent.cancelId }),
          cancel_message: intent.marker
        },
        options
      )
    case "pay":
      return sdk.pay(payInput(intent.orderId, intent.billingKey, intent.price), options)
    case "publish":
      return sdk.publish(publishInput(intent.orderId, intent.price), options)
    case "lookup":
      return sdk.lookup(intent.receiptId, options)
    case "lookupByOrderId":
      return sdk.lookupByOrderId(intent.orderId, options)
  }
}

/** Runs a plan: its scenarios about `concurrency` at a time, the bad calls as one more scenario. */
export const runPlan = async (
  context: RunContext
): Promise<{ readonly calls: Array<CallRecord>; readonly badCalls: Array<BadCallRecord> }> => {
  const { plan, faulty, stalls } = context
  const calls: Array<CallRecord> = []
  const badCalls: Array<BadCallRecord> = []

  const runCall = async (spec: CallSpec) => {
    const startedAt = performance.now()
    const stalledAt = stalls.total
    const outcome = await invoke(faulty[spec.api], spec)
    calls.push({
      spec,
      timeoutMillis: spec.timeoutMillis ?? plan.timeoutMillis,
      elapsedMillis: performance.now() - startedAt,
      stalledMillis: stalls.total - stalledAt,
      outcome
    })
  }

  // Bad calls go one at a time, so the sentinel's request count tells which one sent something;
  // waiting for the sentinel to go quiet also catches a request sent after the call settled.
  const runBadCalls = async () => {
    for (const spec of plan.badCalls) {
      if (context.only !== undefined && spec.index !== context.only) continue
      const before = context.sentinelRequests()
      const outcome = await spec.invoke(context.sentinel[spec.api])
      await context.sentinelIdle()
      badCalls.push({ spec, outcome, sent: context.sentinelRequests() - before })
    }
  }

  const scenarios =
    context.only === undefined
      ? plan.scenarios
      : plan.scenarios.filter((scenario) => scenario.calls.some((call) => call.index === context.only))
  const tasks: Array<() => Promise<void>> = scenarios.map((scenario) => async () => {
    if (scenario.mode === "parallel") {
      await Promise.all(scenario.calls.map(runCall))
    } else {
      for (const spec of scenario.calls) await runCall(spec)
    }
  })
  // Somewhere in the middle of the run, not before or after everything else.
  tasks.splice(Math.floor(tasks.length / 3), 0, runBadCalls)

  let next = 0
  const worker = async () => {
    while (next < tasks.length) {
      const task = tasks[next++]!
      await task()
    }
  }
  await Promise.all(Array.from({ length: context.concurrency }, worker))
  return { calls, badCalls }
}

const verdictOf = (outcome: Outcome): Verdict => {
  if (outcome._tag === "Failure") {
    const error = outcome.error
    return {
      _tag: "ReconcileFailed",
      errorTag: outcome.errorTag,
      message: error instanceof Error ? error.message : String(error)
    }
  }
  // Compared as a plain string: the `Undetermined` member may not be in the SDK's type yet.
  const resolution = outcome.value as { readonly _tag?: unknown; readonly reason?: unknown }
  const tag: unknown = resolution._tag
  switch (tag) {
    case "Happened":
      return { _tag: "Happened" }
    case "DidNotHappen":
      return { _tag: "DidNotHappen" }
    case "Undetermined":
      return { _tag: "Undetermined", reason: String(resolution.reason ?? "") }
    default:
      return { _tag: "ReconcileFailed", errorTag: "UnknownResolution", message: JSON.stringify(tag) }
  }
}

/**
 * Reconciles every `OutcomeUnknown` through clean clients (no proxy), with the same face of the SDK
 * that failed. Runs after the proxy went idle: every request that reached the fake has been handled,
 * so the state read back is final and nothing of the call is still in flight.
 */
export const reconcileAll = async (calls: ReadonlyArray<CallRecord>, clean: Clients): Promise<void> => {
  const unknown = calls.filter(
    (call) => call.outcome._tag === "Failure" && call.outcome.errorTag === "OutcomeUnknown"
  )
  let next = 0
  const worker = async () => {
    while (next < unknown.length) {
      const call = unknown[next++]!
      const error = (call.outcome as Extract<Outcome, { _tag: "Failure" }>)
        .error as BootpayError.OutcomeUnknown
      call.verdict = verdictOf(await clean[call.spec.api].reconcile(error))
    }
  }
  await Promise.all(Array.from({ length: 10 }, worker))
}
