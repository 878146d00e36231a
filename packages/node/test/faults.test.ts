/**
 * Seeded fault injection over real loopback TCP: the money-outcome rule, proven against the fake's
 * state. A proxy between the SDK and `FakeServer` resets connections before and after Bootpay saw a
 * request, cuts answers short, holds them past the deadline, and answers 429, 502 and 503 itself,
 * while confirms, full and partial cancels (some racing on one receipt), billing-key charges, cash
 * receipts and lookups run about 20 at a time through the Promise facade and the Effect API.
 *
 * For every call that is not a read: success only when it took effect, a definite failure only when
 * nothing of it did, `OutcomeUnknown` otherwise; reconciling that through a clean client may say
 * `Undetermined`, never a wrong `Happened` or `DidNotHappen`. Also: one charge per order, cancelled
 * amounts that add up, no call past its deadline, no unhandled rejection, no unsafe request sent
 * twice, and bad inputs and options rejected with `InvalidRequest` before anything is sent.
 *
 * Run the default seeds:   pnpm faults
 * Replay one seed:         FAULT_SEED=3 pnpm faults
 * ... with fewer calls:    FAULT_SEED=3 FAULT_CALLS=100 pnpm faults
 * Replay one violation:    FAULT_SEED=3 FAULT_CALL=117 pnpm faults   (only the scenario of call #117)
 *
 * A violation is reported with its seed, the call's index in that seed's plan and its operation, the
 * arrival index and fault of each of the call's own requests, and the command that replays it. A
 * request's fault depends only on the seed and on the request itself (method, path, body and how often
 * it was seen), so a replay gives a call's own requests the same faults. Lookups of one receipt by
 * racing calls are the same request, so which racer gets which of their faults, and which racer
 * wins, can vary from run to run; the plan (every call, its input and its receipt) never does.
 */
import * as Http from "node:http"
import { performance } from "node:perf_hooks"
import type { BootpayConfig } from "@effect-bootpay/core"
import { FakeServer } from "@effect-bootpay/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { check, Truth, type Violation, type ViolationClass, violationClasses } from "./utils/faultCheck.js"
import * as FaultProxy from "./utils/faultProxy.js"
import {
  type BadCallRecord,
  buildPlan,
  type CallRecord,
  clients,
  disposeClients,
  isMoney,
  maxTimeoutMillis,
  moneyCallsOf,
  type Outcome,
  type Plan,
  promiseSdk,
  reconcileAll,
  runPlan,
  StallMeter
} from "./utils/faultWorkload.js"

const defaultSeeds = [1, 2, 3, 4, 5]
const defaultMoneyCalls = 420
/** At least this many money calls over the default seeds. */
const minimumMoneyCalls = 2_000

const envInt = (name: string): number | undefined => {
  const value = process.env[name]
  if (value === undefined || value.trim() === "") return undefined
  const parsed = Number(value)
  if (!Number.isSafeInteger(parsed) || parsed < 0)
    throw new Error(`${name} must be a whole number, got ${value}`)
  return parsed
}

const replaySeed = envInt("FAULT_SEED")
const seeds = replaySeed === undefined ? defaultSeeds : [replaySeed]
const moneyCalls = envInt("FAULT_CALLS") ?? defaultMoneyCalls
const replayCall = envInt("FAULT_CALL")

/** About half the requests get a fault, spread over every class. */
const weights: FaultProxy.FaultWeights = {
  none: 50,
  resetBefore: 8,
  resetAfter: 8,
  truncated: 7,
  delayed: 6,
  rateLimited: 9,
  badGateway: 6,
  lostAnswer: 6
}

/** How far past its timeout a call may end. */
const marginMillis = 250
const concurrency = 20

const unhandledRejections: Array<string> = []
const countUnhandled = (reason: unknown) => {
  unhandledRejections.push(reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason))
}
beforeAll(() => {
  process.on("unhandledRejection", countUnhandled)
})
afterAll(() => {
  process.off("unhandledRejection", countUnhandled)
})

interface SeedReport {
  readonly seed: number
  readonly plan: Plan
  readonly wallMillis: number
  readonly calls: ReadonlyArray<CallRecord>
  readonly badCalls: ReadonlyArray<BadCallRecord>
  readonly requests: number
  readonly faultCounts: Readonly<Record<FaultProxy.FaultClass, number>>
  readonly faultsByOperation: ReadonlyMap<string, Readonly<Record<FaultProxy.FaultClass, number>>>
  readonly violations: ReadonlyArray<Violation>
}

const reports: Array<SeedReport> = []

const options = (baseUrl: string, timeout: number): BootpayConfig.Options => ({
  baseUrl,
  clientKey: "test",
  secretKey: "test",
  timeout,
  retry: 2
})

const runSeed = async (seed: number): Promise<SeedReport> => {
  const fake = await FakeServer.start()
  const plan = buildPlan(seed, fake.store, moneyCalls)
  const truth = new Truth(fake.store)
  // A `delayed` answer is held past every call's deadline, so the client always gives up first.
  const proxy = await FaultProxy.start({
    upstream: fake.url,
    seed,
    weights,
    holdMillis: maxTimeoutMillis + 200
  })
  const sentinel = await FaultProxy.start({ upstream: fake.url, seed })
  const faulty = clients(options(proxy.url, plan.timeoutMillis))
  const sentinelClients = clients(options(sentinel.url, plan.timeoutMillis))
  const clean = clients(options(fake.url, 10_000))
  const stalls = new StallMeter()
  const unhandledBefore = unhandledRejections.length
  try {
    const started = performance.now()
    const { calls, badCalls } = await runPlan({
      plan,
      faulty,
      sentinel: sentinelClients,
      sentinelRequests: () => sentinel.requests.length,
      sentinelIdle: () => sentinel.idle(),
      concurrency,
      stalls,
      only: replayCall
    })
    const wallMillis = performance.now() - started
    await Promise.all([proxy.idle(), sentinel.idle()])
    await reconcileAll(calls, clean)
    // A rejection nobody handles is reported on a later turn of the event loop.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(proxy.problems, "the proxy itself failed").toEqual([])
    expect(sentinel.problems, "the sentinel proxy itself failed").toEqual([])
    const violations = check({
      plan,
      calls,
      badCalls,
      truth,
      store: fake.store,
      proxy,
      sentinelRequests: sentinel.requests.length,
      unhandledRejections: unhandledRejections.slice(unhandledBefore),
      marginMillis
    })
    return {
      seed,
      plan,
      wallMillis,
      calls,
      badCalls,
      requests: proxy.requests.length,
      faultCounts: { ...proxy.faultCounts },
      faultsByOperation: new Map(proxy.faultsByOperation),
      violations
    }
  } finally {
    stalls.stop()
    await Promise.all([disposeClients(faulty), disposeClients(sentinelClients), disposeClients(clean)])
    await Promise.all([proxy.close(), sentinel.close()])
    await fake.close()
  }
}

/** A plain-text table with right-aligned numbers. */
const table = (
  headers: ReadonlyArray<string>,
  rows: ReadonlyArray<ReadonlyArray<string | number>>
): string => {
  const cells = [headers, ...rows].map((row) => row.map(String))
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => row[column]!.length)))
  const line = (row: ReadonlyArray<string>) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join("  ")
  return [
    line(cells[0]!),
    widths.map((width) => "-".repeat(width)).join("  "),
    ...cells.slice(1).map(line)
  ].join("\n")
}

const countBy = <A>(items: ReadonlyArray<A>, key: (item: A) => string | undefined): Map<string, number> => {
  const counts = new Map<string, number>()
  for (const item of items) {
    const k = key(item)
    if (k !== undefined) counts.set(k, (counts.get(k) ?? 0) + 1)
  }
  return counts
}

const callsRow = (report: SeedReport): Array<string | number> => {
  const money = report.calls.filter((call) => isMoney(call.spec.intent))
  const ops = countBy(money, (call) => call.spec.intent._tag)
  const outcomes = countBy(money, (call) =>
    call.outcome._tag === "Success"
      ? "success"
      : call.outcome.errorTag === "OutcomeUnknown"
        ? "unknown"
        : "failure"
  )
  const verdicts = countBy(money, (call) => call.verdict?._tag)
  return [
    report.seed,
    (report.wallMillis / 1000).toFixed(1),
    money.length,
    ops.get("confirm") ?? 0,
    ops.get("cancel") ?? 0,
    ops.get("pay") ?? 0,
    ops.get("publish") ?? 0,
    report.calls.length - money.length,
    report.badCalls.length,
    outcomes.get("success") ?? 0,
    outcomes.get("failure") ?? 0,
    outcomes.get("unknown") ?? 0,
    verdicts.get("Happened") ?? 0,
    verdicts.get("DidNotHappen") ?? 0,
    verdicts.get("Undetermined") ?? 0,
    verdicts.get("ReconcileFailed") ?? 0,
    // How close the latest call came to its deadline budget: calibrates the margin.
    Math.round(
      Math.max(...report.calls.map((call) => call.elapsedMillis - call.timeoutMillis - call.stalledMillis))
    )
  ]
}

const callsHeaders = [
  "seed",
  "wall s",
  "money",
  "confirm",
  "cancel",
  "pay",
  "publish",
  "reads",
  "bad",
  "success",
  "failure",
  "unknown",
  "Happened",
  "DidNotHappen",
  "Undetermined",
  "reconcile error",
  "max late ms"
]

const violationCounts = (violations: ReadonlyArray<Violation>): Record<ViolationClass, number> => {
  const counts = Object.fromEntries(violationClasses.map((kind) => [kind, 0])) as Record<
    ViolationClass,
    number
  >
  for (const violation of violations) counts[violation.kind]++
  return counts
}

const detailLine = (violation: Violation): string => {
  const where =
    violation.callIndex === undefined
      ? ""
      : ` call #${violation.callIndex}${violation.scenario === undefined ? "" : ` (${violation.scenario})`}`
  const api = violation.api === undefined ? "" : ` [${violation.api}]`
  const requests =
    violation.requests.length === 0
      ? ""
      : ` | requests ${violation.requests.map((request) => `#${request.index} ${request.fault}`).join(", ")}`
  return `seed ${violation.seed}${where} ${violation.operation}${api} ${violation.kind}: ${violation.detail}${requests}${
    violation.callIndex === undefined
      ? ""
      : ` | replay: ${replayCommand(violation.seed, violation.callIndex)}`
  }`
}

const replayCommand = (seed: number, callIndex: number): string =>
  `FAULT_SEED=${seed}${moneyCalls === defaultMoneyCalls ? "" : ` FAULT_CALLS=${moneyCalls}`} FAULT_CALL=${callIndex} pnpm faults`

/** Every table for a set of seed reports. */
const render = (title: string, list: ReadonlyArray<SeedReport>): string => {
  const faultRows = list.map((report) => [
    report.seed,
    report.requests,
    ...FaultProxy.faultClasses.map((fault) => report.faultCounts[fault])
  ])
  const byOperation = new Map<string, Record<FaultProxy.FaultClass, number>>()
  for (const report of list) {
    for (const [operation, counts] of report.faultsByOperation) {
      const sum =
        byOperation.get(operation) ??
        (Object.fromEntries(FaultProxy.faultClasses.map((fault) => [fault, 0])) as Record<
          FaultProxy.FaultClass,
          number
        >)
      for (const fault of FaultProxy.faultClasses) sum[fault] += counts[fault]
      byOperation.set(operation, sum)
    }
  }
  const counts = list.map((report) => violationCounts(report.violations))
  const violations = list.flatMap((report) => report.violations)
  return [
    `=== ${title} ===`,
    "",
    "Calls (money calls by operation; how they ended; what reconciling the OutcomeUnknowns said;",
    `max late ms: the most any call ran past its timeout, event-loop stalls taken off; the margin is ${marginMillis})`,
    table(callsHeaders, list.map(callsRow)),
    "",
    "Faults injected, by class (requests the faulty proxy received)",
    table(["seed", "requests", ...FaultProxy.faultClasses], faultRows),
    "",
    "Faults injected, by operation",
    table(
      ["operation", ...FaultProxy.faultClasses],
      [...byOperation].map(([operation, sum]) => [
        operation,
        ...FaultProxy.faultClasses.map((fault) => sum[fault])
      ])
    ),
    "",
    "Violations, by class and seed",
    table(
      ["violation", ...list.map((report) => `seed ${report.seed}`), "total"],
      violationClasses.map((kind) => [
        kind,
        ...counts.map((count) => count[kind]),
        counts.reduce((sum, count) => sum + count[kind], 0)
      ])
    ),
    "",
    violations.length === 0 ? "No violations." : `Violations (${violations.length}):`,
    ...violations.map(detailLine)
  ].join("\n")
}

/** What a plain HTTP client saw of one request through the proxy. */
interface RawAnswer {
  readonly status?: number | undefined
  readonly headers?: Http.IncomingHttpHeaders
  readonly body?: string
  /** Set when the connection failed before or during the answer. */
  readonly error?: string
  readonly millis: number
}

const rawGet = (url: string): Promise<RawAnswer> =>
  new Promise((resolve) => {
    const started = performance.now()
    const done = (answer: Omit<RawAnswer, "millis">) =>
      resolve({ ...answer, millis: performance.now() - started })
    const authorization = `Basic ${Buffer.from("test:test").toString("base64")}`
    const request = Http.get(url, { agent: false, headers: { authorization } }, (response) => {
      const chunks: Array<Buffer> = []
      response.on("data", (chunk: Buffer) => chunks.push(chunk))
      response.on("error", () => undefined)
      response.on("close", () =>
        done({
          status: response.statusCode,
          headers: response.headers,
          body: Buffer.concat(chunks).toString("utf8"),
          ...(response.complete ? {} : { error: "incomplete" })
        })
      )
    })
    request.on("error", (error: NodeJS.ErrnoException) => done({ error: error.code ?? error.message }))
  })

describe("the fault proxy", () => {
  /** What each fault does to the client, and whether the fake sees the request. */
  const expected: Readonly<
    Record<FaultProxy.FaultClass, { readonly reaches: boolean; readonly client: (answer: RawAnswer) => void }>
  > = {
    none: { reaches: true, client: (answer) => expect(answer).toMatchObject({ status: 200 }) },
    resetBefore: { reaches: false, client: (answer) => expect(answer.error).toBe("ECONNRESET") },
    resetAfter: { reaches: true, client: (answer) => expect(answer.error).toBe("ECONNRESET") },
    truncated: {
      reaches: true,
      client: (answer) => expect(answer).toMatchObject({ status: 200, error: "incomplete" })
    },
    delayed: {
      reaches: true,
      client: (answer) => {
        expect(answer.status).toBeUndefined()
        expect(answer.error).toBeDefined()
        expect(answer.millis).toBeGreaterThanOrEqual(140)
      }
    },
    rateLimited: {
      reaches: false,
      client: (answer) => {
        expect(answer.status).toBe(429)
        expect(answer.headers?.["retry-after"]).toMatch(/^(0|1|\w{3}, .+ GMT)$/)
        expect(JSON.parse(answer.body ?? "")).toMatchObject({ error_code: "TOO_MANY_REQUESTS" })
      }
    },
    badGateway: {
      reaches: false,
      client: (answer) =>
        expect(answer).toMatchObject({ status: 502, body: expect.stringContaining("<html>") })
    },
    lostAnswer: {
      reaches: true,
      client: (answer) =>
        expect(answer).toMatchObject({ status: 503, body: expect.stringContaining("<html>") })
    }
  }

  it.each(FaultProxy.faultClasses)(
    "%s: the client and the fake see what the fault class says",
    async (fault) => {
      const fake = await FakeServer.start()
      const proxy = await FaultProxy.start({
        upstream: fake.url,
        seed: 1,
        weights: { [fault]: 1 },
        holdMillis: 150
      })
      try {
        const paid = fake.store.createReceipt()
        expected[fault].client(await rawGet(`${proxy.url}/receipt/${paid.receipt_id}`))
        await proxy.idle()
        expect(fake.store.requests).toHaveLength(expected[fault].reaches ? 1 : 0)
        expect(proxy.requests).toMatchObject([
          { index: 0, operation: "Receipt.lookup", fault, occurrence: 0 }
        ])
        expect(proxy.forwardedCount(proxy.requests[0]!.key)).toBe(expected[fault].reaches ? 1 : 0)
        expect(proxy.faultCounts[fault]).toBe(1)
        expect(proxy.faultsByOperation.get("Receipt.lookup")?.[fault]).toBe(1)
        expect(proxy.problems).toEqual([])
      } finally {
        await proxy.close()
        await fake.close()
      }
    }
  )

  it("gives a request the same fault for the same seed, whatever came before it", async () => {
    const fake = await FakeServer.start()
    const faultsOf = async (paths: ReadonlyArray<string>) => {
      const proxy = await FaultProxy.start({ upstream: fake.url, seed: 7, weights, holdMillis: 50 })
      try {
        for (const path of paths) await rawGet(`${proxy.url}${path}`)
        return new Map(proxy.requests.map((request) => [request.path, request.fault]))
      } finally {
        await proxy.close()
      }
    }
    try {
      const paths = Array.from({ length: 24 }, (_, i) => `/receipt/r-${i}`)
      const forwards = await faultsOf(paths)
      const backwards = await faultsOf([...paths].reverse())
      expect(backwards).toEqual(forwards)
      // Not one fault for everything: the seed spreads them.
      expect(new Set(forwards.values()).size).toBeGreaterThan(2)
    } finally {
      await fake.close()
    }
  })
})

describe("the checker", () => {
  it("flags every answer the fake's state contradicts, and accepts Undetermined", async () => {
    const fake = await FakeServer.start()
    const proxy = await FaultProxy.start({ upstream: fake.url, seed: 0 })
    const sdk = promiseSdk(options(proxy.url, 5_000))
    try {
      const receiptId = fake.store.createReceipt({ price: 10_000 }).receipt_id
      const truth = new Truth(fake.store)
      const cancel = (marker: string) =>
        ({ _tag: "cancel", receiptId, cancelPrice: 4_000, cancelId: undefined, marker }) as const
      const tookEffect = cancel("took-effect")
      const neverSent = cancel("never-sent")
      const sent = await sdk.cancel({
        receipt_id: receiptId,
        cancel_price: 4_000,
        cancel_message: "took-effect"
      })
      expect(sent._tag).toBe("Success")
      await proxy.idle()

      const success: Outcome = { _tag: "Success", value: {} }
      const refused: Outcome = { _tag: "Failure", errorTag: "PgRefused", error: new Error("refused") }
      const unknown: Outcome = { _tag: "Failure", errorTag: "OutcomeUnknown", error: new Error("lost") }
      let index = 0
      const record = (
        intent: ReturnType<typeof cancel>,
        outcome: Outcome,
        verdict?: CallRecord["verdict"],
        elapsedMillis = 10
      ): CallRecord => ({
        spec: { index: index++, scenario: "test", api: "promise", intent, timeoutMillis: undefined },
        timeoutMillis: 500,
        elapsedMillis,
        stalledMillis: 0,
        outcome,
        ...(verdict === undefined ? {} : { verdict })
      })
      const plan: Plan = {
        seed: 0,
        timeoutMillis: 500,
        scenarios: [],
        badCalls: [],
        cancelReceipts: new Map()
      }
      const kinds = (
        calls: ReadonlyArray<CallRecord>,
        extra: { readonly plan?: Plan; readonly badCalls?: ReadonlyArray<BadCallRecord> } = {}
      ) =>
        check({
          plan: extra.plan ?? plan,
          calls,
          badCalls: extra.badCalls ?? [],
          truth,
          store: fake.store,
          proxy,
          sentinelRequests: (extra.badCalls ?? []).reduce((sum, bad) => sum + bad.sent, 0),
          unhandledRejections: [],
          marginMillis
        }).map((violation) => violation.kind)
      const undetermined = { _tag: "Undetermined", reason: "another cancel could have done it" } as const

      expect(kinds([record(tookEffect, success)])).toEqual([])
      expect(kinds([record(neverSent, success)])).toEqual(["successNotHappened"])
      expect(kinds([record(tookEffect, refused)])).toEqual(["failureButHappened"])
      expect(kinds([record(neverSent, refused)])).toEqual([])
      expect(kinds([record(neverSent, unknown, { _tag: "Happened" })])).toEqual(["wrongVerdict"])
      expect(kinds([record(tookEffect, unknown, { _tag: "DidNotHappen" })])).toEqual(["wrongVerdict"])
      expect(kinds([record(tookEffect, unknown, { _tag: "Happened" })])).toEqual([])
      expect(kinds([record(tookEffect, unknown, undetermined)])).toEqual([])
      expect(kinds([record(neverSent, unknown, undetermined)])).toEqual([])
      expect(
        kinds([record(tookEffect, unknown, { _tag: "ReconcileFailed", errorTag: "ApiError", message: "x" })])
      ).toEqual(["reconcileFailed"])
      expect(kinds([record(tookEffect, success, undefined, 500 + marginMillis + 1)])).toEqual([
        "deadlineOverrun"
      ])

      // The receipt's cancelled 4,000 must lie within what the answers allow.
      const amounts: Plan = { ...plan, cancelReceipts: new Map([[receiptId, 10_000]]) }
      expect(kinds([record(tookEffect, success), record(neverSent, refused)], { plan: amounts })).toEqual([])
      expect(kinds([record(tookEffect, unknown, undetermined)], { plan: amounts })).toEqual([])
      expect(kinds([record(tookEffect, refused)], { plan: amounts })).toEqual([
        "failureButHappened",
        "cancelledAmount"
      ])

      const bad = (outcome: Outcome, sentRequests: number): BadCallRecord => ({
        spec: {
          index: 99,
          api: "promise",
          operation: "Receipt.cancel",
          description: "test",
          invoke: async () => outcome
        },
        outcome,
        sent: sentRequests
      })
      const invalid: Outcome = { _tag: "Failure", errorTag: "InvalidRequest", error: new Error("invalid") }
      expect(kinds([], { badCalls: [bad(invalid, 0)] })).toEqual([])
      expect(kinds([], { badCalls: [bad(success, 1)] })).toEqual(["badCallNotRejected", "badCallSent"])
    } finally {
      await sdk.dispose()
      await proxy.close()
      await fake.close()
    }
  })
})

describe("money outcomes under injected network faults", () => {
  it.each(seeds)(
    "seed %i: every answer of a call that is not a read matches what the fake really did",
    async (seed) => {
      const report = await runSeed(seed)
      reports.push(report)
      console.log(render(`seed ${seed}`, [report]))
      expect(moneyCallsOf(report.plan)).toBeGreaterThanOrEqual(moneyCalls)
      if (replayCall === undefined) expect(report.calls.length).toBeGreaterThanOrEqual(moneyCalls)
      // Each seed stays well inside its time budget on a small machine.
      expect(report.wallMillis).toBeLessThan(15_000)
      expect(violationCounts(report.violations)).toEqual(violationCounts([]))
    },
    40_000
  )

  it.runIf(replaySeed === undefined && replayCall === undefined)(
    `runs at least ${minimumMoneyCalls} money calls over the default seeds`,
    () => {
      console.log(render("all seeds", reports))
      const total = reports.reduce(
        (sum, report) => sum + report.calls.filter((call) => isMoney(call.spec.intent)).length,
        0
      )
      expect(reports.map((report) => report.seed)).toEqual(defaultSeeds)
      expect(total).toBeGreaterThanOrEqual(minimumMoneyCalls)
    }
  )
})
