/**
 * The money-outcome rule, case by case, over real loopback HTTP (Promise facade against the fake
 * server): a call that is not a read gives a definite answer only from proof. Each case is one way
 * the SDK once misreported an outcome (issue 12); the seeded sweep over every fault class is
 * `faults.test.ts`.
 */
import type { BootpayError } from "@effect-bootpay/core"
import { Bootpay } from "@effect-bootpay/node"
import { describe, expect, it } from "vitest"
import { errorOf, outcomeUnknown, settle, useFakeServer } from "./utils/settle.js"

const t = useFakeServer()

/** Makes every receipt read fail for a while: DropBefore on the next `times` lookups. */
const breakLookups = (times: number) =>
  t.fake.store.inject({ _tag: "DropBefore" }, { operation: "Receipt.lookup", times })

const cancelsSent = () => t.fake.store.requestsFor("Receipt.cancel").length

describe("cancel: one request, and only proven answers", () => {
  it("the happy path is exactly one POST /cancel", async () => {
    const paid = t.fake.store.createReceipt({ price: 10_000 })
    const receipt = await t.bootpay.receipt.cancel({
      receipt_id: paid.receipt_id,
      cancel_price: 3000,
      cancel_id: "c-1"
    })
    expect(receipt.cancelled_price).toBe(3000)
    expect(t.fake.store.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      "POST /cancel"
    ])
  })

  it("two concurrent partial cancels: one is done, the other refused, never both reported done", async () => {
    const paid = t.fake.store.createReceipt({ price: 10_000 })
    const [a, b] = await Promise.all([
      settle(t.bootpay.receipt.cancel({ receipt_id: paid.receipt_id, cancel_price: 6000, cancel_id: "a" })),
      settle(t.bootpay.receipt.cancel({ receipt_id: paid.receipt_id, cancel_price: 6000, cancel_id: "b" }))
    ])
    const done = [a, b].filter((result) => "ok" in result)
    const refused = [a, b].filter((result) => "error" in result).map(errorOf)
    expect(done).toHaveLength(1)
    expect(refused.map((error) => error._tag)).toEqual(["PgRefused"])
    expect(t.fake.store.getReceipt(paid.receipt_id)!.cancelled_price).toBe(6000)
  })

  it("a cancel that went through, whose repeat is refused as a duplicate and whose receipt cannot be read, is OutcomeUnknown(duplicate), never PgRefused", async () => {
    const paid = t.fake.store.createReceipt({ price: 10_000 })
    t.fake.store.inject({ _tag: "DropAfter" }, { operation: "Receipt.cancel" })
    breakLookups(20)
    const error = outcomeUnknown(
      await settle(
        t.bootpay.receipt.cancel({ receipt_id: paid.receipt_id, cancel_price: 4000, cancel_id: "c-1" })
      )
    )
    expect(error).toMatchObject({ reason: "duplicate", cancelId: "c-1", cancelPrice: 4000 })
    expect(cancelsSent()).toBe(2)
    t.fake.store.clearFaults()
    expect(await t.bootpay.reconcile(error)).toMatchObject({
      _tag: "Happened",
      receipt: { cancelled_price: 4000 }
    })
  })

  it.each([
    ["every answer lost (connection)", { _tag: "DropAfter" } as const, "connection"],
    ["every answer late (timeout)", { _tag: "Latency", duration: "5 seconds" } as const, "timeout"]
  ])(
    "a cancel_id cancel that happened and whose retries ran out (%s) is OutcomeUnknown",
    async (_, fault, reason) => {
      const paid = t.fake.store.createReceipt({ price: 10_000 })
      t.fake.store.inject(fault, { operation: "Receipt.cancel", times: 10 })
      const error = outcomeUnknown(
        await settle(
          t.bootpay.receipt.cancel(
            { receipt_id: paid.receipt_id, cancel_price: 2500, cancel_id: "c-9" },
            { timeout: "700 millis" }
          )
        )
      )
      expect(error.reason).toBe(reason)
      expect(t.fake.store.getReceipt(paid.receipt_id)!.cancelled_price).toBe(2500)
    }
  )

  it("a cancel that happened, then rate-limited on every repeat, is OutcomeUnknown, not RateLimited", async () => {
    const paid = t.fake.store.createReceipt({ price: 10_000 })
    t.fake.store.inject({ _tag: "DropAfter" }, { operation: "Receipt.cancel" })
    t.fake.store.inject(
      { _tag: "Respond", status: 429, body: { message: "slow down" }, headers: { "retry-after": "0" } },
      { operation: "Receipt.cancel", times: 10 }
    )
    const error = outcomeUnknown(
      await settle(
        t.bootpay.receipt.cancel({ receipt_id: paid.receipt_id, cancel_price: 1000, cancel_id: "c-2" })
      )
    )
    expect(error.reason).toBe("connection")
    expect(t.fake.store.getReceipt(paid.receipt_id)!.cancelled_price).toBe(1000)
  })

  it("a repeat refused for another reason after a lost answer stays OutcomeUnknown unless the receipt shows the first attempt did nothing", async () => {
    const paid = t.fake.store.createReceipt({ price: 10_000 })
    const lostThenDeclined = (lost: "DropBefore" | "DropAfter", cancelId: string) => {
      t.fake.store.inject({ _tag: lost }, { operation: "Receipt.cancel" })
      t.fake.store.inject(
        { _tag: "Decline", errorCode: "RC_CANCEL_SERVER_ERROR", message: "부분취소 불가" },
        { operation: "Receipt.cancel" }
      )
      return settle(
        t.bootpay.receipt.cancel({ receipt_id: paid.receipt_id, cancel_price: 1000, cancel_id: cancelId })
      )
    }
    // The first attempt's connection drops before Bootpay acts, the repeat is refused (not as a
    // duplicate): the receipt proves nothing was cancelled, so the refusal is this call's.
    expect(errorOf(await lostThenDeclined("DropBefore", "x"))._tag).toBe("PgRefused")
    // Now the first attempt goes through and its answer is lost; the repeat is declined: the
    // receipt covers the amount, so no refusal is reported.
    const unknown = outcomeUnknown(await lostThenDeclined("DropAfter", "y"))
    expect(unknown.reason).toBe("connection")
    expect(unknown.message).toContain("부분취소 불가")
  })

  it("a refused cancel whose explaining read is slow still ends within the call's deadline, as the refusal", async () => {
    const paid = t.fake.store.createReceipt({ price: 10_000 })
    t.fake.store.inject({ _tag: "Latency", duration: "300 millis" }, { operation: "Receipt.cancel" })
    t.fake.store.inject({ _tag: "Latency", duration: "3 seconds" }, { operation: "Receipt.lookup", times: 5 })
    const started = performance.now()
    const error = errorOf(
      await settle(
        t.bootpay.receipt.cancel(
          { receipt_id: paid.receipt_id, cancel_price: 20_000 },
          { timeout: "600 millis" }
        )
      )
    )
    const elapsed = performance.now() - started
    expect(error._tag).toBe("PgRefused")
    expect(elapsed).toBeLessThan(600 + 250)
  })
})

describe("reconcile never guesses", () => {
  it.each([
    ["already paid before the call", 1],
    ["already cancelled", 20]
  ])(
    "a confirm of a receipt %s, whose answer was lost, is never reconciled as Happened",
    async (_, status) => {
      const receipt = t.fake.store.createReceipt({ status })
      t.fake.store.inject({ _tag: "DropAfter" }, { operation: "Receipt.confirm" })
      const error = outcomeUnknown(await settle(t.bootpay.receipt.confirm(receipt.receipt_id)))
      const resolution = await t.bootpay.reconcile(error)
      expect(resolution._tag).toBe("Undetermined")
      expect(resolution).toMatchObject({ receipts: [{ status }] })
    }
  )

  it("a lost cancel is DidNotHappen when the receipt's total is below it, Undetermined when another cancel could explain it", async () => {
    const paid = t.fake.store.createReceipt({ price: 10_000 })
    await t.bootpay.receipt.cancel({ receipt_id: paid.receipt_id, cancel_price: 3000, cancel_id: "first" })
    t.fake.store.inject({ _tag: "DropBefore" }, { operation: "Receipt.cancel" })
    const small = outcomeUnknown(
      await settle(t.bootpay.receipt.cancel({ receipt_id: paid.receipt_id, cancel_price: 2000 }))
    )
    // 3000 cancelled covers 2000: the earlier cancel could account for it, so no verdict.
    expect(await t.bootpay.reconcile(small)).toMatchObject({ _tag: "Undetermined" })
    t.fake.store.inject({ _tag: "DropBefore" }, { operation: "Receipt.cancel" })
    const large = outcomeUnknown(
      await settle(t.bootpay.receipt.cancel({ receipt_id: paid.receipt_id, cancel_price: 5000 }))
    )
    expect(await t.bootpay.reconcile(large)).toMatchObject({ _tag: "DidNotHappen" })
  })

  it("reconciles an OutcomeUnknown read back from JSON storage, and refuses what is not one", async () => {
    const pending = t.fake.store.createReceipt({ status: 2 })
    t.fake.store.inject({ _tag: "DropBefore" }, { operation: "Receipt.confirm" })
    const error = outcomeUnknown(await settle(t.bootpay.receipt.confirm(pending.receipt_id)))
    const stored = JSON.parse(JSON.stringify(error))
    expect((await t.bootpay.reconcile(stored))._tag).toBe("DidNotHappen")
    for (const bad of [null, {}, { _tag: "OutcomeUnknown" }, "OutcomeUnknown"]) {
      const refused = errorOf(await settle(t.bootpay.reconcile(bad as never)))
      expect(refused).toMatchObject({ _tag: "InvalidRequest", operation: "Reconcile.outcome" })
    }
    const badOptions = errorOf(await settle(t.bootpay.reconcile(error, { timeout: "banana" as never })))
    expect(badOptions).toMatchObject({ _tag: "InvalidRequest", operation: "Reconcile.outcome" })
    expect(t.fake.store.requestsFor("Receipt.lookup")).toHaveLength(1)
  })
})

describe("call options are input", () => {
  it.each([[-1], [1.5], ["x"], [1e9]])(
    "retry %j is InvalidRequest on the operation, nothing sent",
    async (retry) => {
      const paid = t.fake.store.createReceipt()
      const error = errorOf(
        await settle(t.bootpay.receipt.cancel({ receipt_id: paid.receipt_id }, { retry: retry as never }))
      )
      expect(error).toMatchObject({ _tag: "InvalidRequest", operation: "Receipt.cancel" })
      expect(error.message).toContain("options.retry")
      expect(t.fake.store.requests).toHaveLength(0)
    }
  )

  it('timeout "banana" is InvalidRequest naming options.timeout, nothing sent', async () => {
    const error = errorOf(await settle(t.bootpay.receipt.confirm("r-1", { timeout: "banana" as never })))
    expect(error).toMatchObject({ _tag: "InvalidRequest", operation: "Receipt.confirm" })
    expect(error.message).toContain("options.timeout")
    expect(t.fake.store.requests).toHaveLength(0)
  })

  it("accessToken.issue refuses an input instead of ignoring it", async () => {
    const error = errorOf(await settle(t.bootpay.accessToken.issue({ application_id: "x" } as never)))
    expect(error).toMatchObject({ _tag: "InvalidRequest", operation: "AccessToken.issue" })
  })
})

describe("rate limits and PG hiccups", () => {
  const retryAfters = [
    ["1 second", "1"],
    ["an HTTP date 5 s ahead", () => new Date(Date.now() + 5000).toUTCString()]
  ] as const

  it.each(retryAfters)(
    "a 429 whose Retry-After (%s) does not fit the deadline fails at once with RateLimited",
    async (_, value) => {
      const paid = t.fake.store.createReceipt()
      const header = typeof value === "function" ? value() : value
      t.fake.store.inject({
        _tag: "Respond",
        status: 429,
        body: { message: "slow" },
        headers: { "retry-after": header }
      })
      const started = performance.now()
      const error = errorOf(
        await settle(t.bootpay.receipt.lookup(paid.receipt_id, { timeout: "600 millis" }))
      )
      expect(performance.now() - started).toBeLessThan(400)
      expect(error._tag).toBe("RateLimited")
      expect((error as BootpayError.RateLimited).retryAfterMillis).toBeGreaterThan(600)
    }
  )

  it("a *_CRITICAL_* code on a lookup is retried, and its message says what it is", async () => {
    const paid = t.fake.store.createReceipt()
    t.fake.store.inject(
      { _tag: "Respond", status: 500, body: { error_code: "RC_CRITICAL_ERROR", message: "PG 통신 오류" } },
      { operation: "Receipt.lookup", times: 10 }
    )
    const error = errorOf(await settle(t.bootpay.receipt.lookup(paid.receipt_id, { retry: 2 })))
    expect(error._tag).toBe("ApiError")
    expect(error.message).toContain("could not reach the PG")
    expect(error.message).not.toContain("Reconcile")
    expect(t.fake.store.requestsFor("Receipt.lookup")).toHaveLength(3)
  })
})

describe("tokens", () => {
  it("accessToken.issue in legacy mode primes the client: a token, then a call, is one token request", async () => {
    const legacy = Bootpay.make({ baseUrl: t.fake.url, applicationId: "test", privateKey: "test" })
    try {
      const paid = t.fake.store.createReceipt()
      await legacy.accessToken.issue()
      await legacy.receipt.lookup(paid.receipt_id)
      expect(t.fake.store.tokenRequests).toBe(1)
    } finally {
      await legacy.dispose()
    }
  })
})
