/**
 * Bad input never leaves the process, for every operation: property-based mutations of valid inputs
 * (a required field removed, a field of the wrong type, an unknown field) fail `InvalidRequest` naming
 * the field, and the fake records zero requests. Valid inputs with generated ids and amounts go through.
 * Required fields come from the contract (`endpoints.json`), not from the SDK's own schemas.
 */
import { readFileSync } from "node:fs"
import { type BootpayError, Registry } from "@effect-bootpay/core"
import { FakeBootpay, Fixtures } from "@effect-bootpay/testing"
import { FastCheck as fc } from "effect"
import type * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as ManagedRuntime from "effect/ManagedRuntime"
import { afterAll, describe, expect, it } from "vitest"
import { samples } from "./utils/samples.js"

type Entry = Registry.Named
const entries: Record<string, Entry> = Object.fromEntries(
  Registry.entries.map((entry) => [entry.operation.id, entry] as const)
)

/** Operations whose caller input is one id string. */
const idOperations = Object.keys(entries).filter((id) => !(id in samples) && id !== "AccessToken.issue")

const contract = JSON.parse(
  // A copy of the team's contract (shared/bootpay-api/endpoints.json), kept in the repository so a
  // checkout tests on its own wherever it lives.
  readFileSync(new URL("./contract/endpoints.json", import.meta.url), "utf8")
) as ReadonlyArray<{
  method: string
  path: string
  api: string
  status: string
  requiredFields: ReadonlyArray<string>
}>
const pgCore = contract.filter((endpoint) => endpoint.api === "pg" && endpoint.status === "core")

/** API.md makes the OTP optional (PASS verification has none); the other SDKs differ. */
const optionalByDesign = new Set(["Authentication.confirm.otp"])

const requiredOf = (id: string): ReadonlyArray<string> => {
  const operation = entries[id]!.operation
  const endpoint = pgCore.find((e) => e.method === operation.method && e.path === operation.path)
  return (endpoint?.requiredFields ?? []).filter((field) => !optionalByDesign.has(`${id}.${field}`))
}

const runtime = ManagedRuntime.make(FakeBootpay.layer())
afterAll(() => runtime.dispose())

const attempt = async (id: string, input: unknown) => {
  const store = await runtime.runPromise(FakeBootpay.Store)
  const before = store.requests.length
  const exit = await runtime.runPromiseExit(
    (
      entries[id]!.operation as unknown as (
        input: unknown
      ) => Effect.Effect<unknown, BootpayError.BootpayError, never>
    )(input)
  )
  const error =
    Exit.isFailure(exit) && exit.cause._tag === "Fail"
      ? (exit.cause.error as BootpayError.BootpayError)
      : undefined
  return { error, sent: store.requests.length - before }
}

const issuePaths = (error: BootpayError.BootpayError | undefined): ReadonlyArray<string> =>
  error?._tag === "InvalidRequest" ? error.issues.map((issue) => issue.path) : []

/** Values no field of any operation accepts. */
const badValue = fc.constantFrom<unknown>(null, [[]], [null], -0.5, Number.NaN)

describe("bad input is refused before anything is sent", () => {
  it("every contract endpoint and every registry operation is covered by this suite", () => {
    expect(idOperations.length + Object.keys(samples).length + 1).toBe(Object.keys(entries).length)
    for (const endpoint of pgCore) {
      const found = Object.values(entries).find(
        (entry) => entry.operation.method === endpoint.method && entry.operation.path === endpoint.path
      )
      expect(found, `${endpoint.method} ${endpoint.path}`).toBeDefined()
    }
  })

  it("the samples themselves are valid", async () => {
    for (const [id, sample] of Object.entries(samples)) {
      const { error } = await attempt(id, sample())
      expect(error?._tag, id).not.toBe("InvalidRequest")
    }
  })

  it("removing a required field fails InvalidRequest naming it, nothing sent", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(samples).filter((id) => requiredOf(id).length > 0)),
        fc.nat(),
        async (id, pick) => {
          const required = requiredOf(id)
          const field = required[pick % required.length]!
          const input = samples[id]!()
          delete input[field]
          const { error, sent } = await attempt(id, input)
          expect(error?._tag).toBe("InvalidRequest")
          expect(issuePaths(error).some((path) => path === field || path.startsWith(`${field}.`))).toBe(true)
          expect(sent).toBe(0)
        }
      ),
      { numRuns: 120 }
    )
  })

  it("a field of the wrong type fails InvalidRequest naming it, nothing sent", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(samples)),
        fc.nat(),
        badValue,
        async (id, pick, value) => {
          const input = samples[id]!()
          const fields = Object.keys(input)
          const field = fields[pick % fields.length]!
          input[field] = value
          const { error, sent } = await attempt(id, input)
          expect(error?._tag).toBe("InvalidRequest")
          expect(issuePaths(error).some((path) => path === field || path.startsWith(`${field}.`))).toBe(true)
          expect(sent).toBe(0)
        }
      ),
      { numRuns: 200 }
    )
  })

  it("an unknown field (a typo such as cancel_prce) fails InvalidRequest naming it, nothing sent", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(samples)),
        fc.stringMatching(/^[a-z][a-z_]{2,14}$/),
        async (id, field) => {
          const input = samples[id]!()
          fc.pre(!(field in input))
          input[field] = 1
          const { error, sent } = await attempt(id, input)
          expect(error?._tag).toBe("InvalidRequest")
          expect(issuePaths(error)).toContain(field)
          expect(sent).toBe(0)
        }
      ),
      { numRuns: 100 }
    )
  })

  it("an id that is empty, blank or not a string fails InvalidRequest, nothing sent", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...idOperations),
        fc.constantFrom<unknown>("", "   ", 42, null, undefined, {}, []),
        async (id, value) => {
          const { error, sent } = await attempt(id, value)
          expect(error?._tag).toBe("InvalidRequest")
          expect(sent).toBe(0)
        }
      ),
      { numRuns: 80 }
    )
  })

  it("the error never quotes a rejected card number, password or identity number", async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[0-9]{8,12}-[0-9]{3}$/), async (secret) => {
        const { error } = await attempt(
          "BillingKey.issue",
          Fixtures.card({ card_no: secret, card_pw: secret, card_identity_no: secret })
        )
        expect(error?._tag).toBe("InvalidRequest")
        for (const text of [String(error), JSON.stringify(error), error?.message ?? ""]) {
          expect(text).not.toContain(secret)
        }
      }),
      { numRuns: 30 }
    )
  })
})

describe("valid generated inputs go through to the fake", () => {
  const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,30}$/)

  it("any well-formed id reaches Bootpay (the fake answers, not the validator)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...idOperations), id, async (operation, value) => {
        const { error, sent } = await attempt(operation, value)
        expect(error?._tag).not.toBe("InvalidRequest")
        expect(sent).toBeGreaterThanOrEqual(1)
      }),
      { numRuns: 60 }
    )
  })

  it("charges with generated amounts and order ids are recorded exactly as sent", async () => {
    const store = await runtime.runPromise(FakeBootpay.Store)
    const key = store.createBillingKey()
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 10_000_000 }), id, async (price, orderId) => {
        const input = Fixtures.charge(key.billing_key, { price, order_id: `o-${orderId}` })
        const { error, sent } = await attempt("Subscription.pay", input)
        expect(error).toBeUndefined()
        expect(sent).toBe(1)
        expect(store.requests.at(-1)!.body).toMatchObject({ price, order_id: `o-${orderId}` })
      }),
      { numRuns: 40 }
    )
  })
})
