/**
 * The README's checkout, written once per style (Effect, Promise; the 빠른 시작 shows the same files),
 * driven through the same scenarios against the fake Bootpay on loopback: both styles must end every
 * scenario with the same outcome, the same confirm requests and the same receipt state.
 */
import { Bootpay, NodeBootpay } from "@effect-bootpay/node"
import { FakeServer } from "@effect-bootpay/testing"
import * as Effect from "effect/Effect"
import { describe, expect, it } from "vitest"
import * as EffectFlow from "../../src/readme/effect/checkout.js"
import * as PromiseFlow from "../../src/readme/promise/checkout.js"

type Outcome = EffectFlow.Checkout | PromiseFlow.Checkout
const order = { orderId: "order-1", amount: 15_000 }

interface Scenario {
  readonly name: string
  /** Seeds the fake; answers the receipt id the browser sends. */
  readonly seed: (fake: FakeServer.FakeServer) => string
  /** The outcome, reduced to what the shop acts on. */
  readonly expected: Readonly<Record<string, unknown>>
  readonly confirms: number
  readonly status: number
}

const scenarios: ReadonlyArray<Scenario> = [
  {
    name: "paid already (status 1): kept, never confirmed again",
    seed: (fake) => fake.store.createReceipt({ order_id: "order-1", price: 15_000, status: 1 }).receipt_id,
    expected: { _tag: "Paid", status: 1 },
    confirms: 0,
    status: 1
  },
  {
    name: "awaiting confirm (status 2): confirmed once",
    seed: (fake) => fake.store.createReceipt({ order_id: "order-1", price: 15_000, status: 2 }).receipt_id,
    expected: { _tag: "Paid", status: 1 },
    confirms: 1,
    status: 1
  },
  {
    name: "tampered amount: refused, never confirmed",
    seed: (fake) => fake.store.createReceipt({ order_id: "order-1", price: 100, status: 2 }).receipt_id,
    expected: { _tag: "Refused", reason: "amount_mismatch" },
    confirms: 0,
    status: 2
  },
  {
    name: "another order's receipt of the same amount: refused, never confirmed",
    seed: (fake) => fake.store.createReceipt({ order_id: "order-2", price: 15_000, status: 2 }).receipt_id,
    expected: { _tag: "Refused", reason: "other_order" },
    confirms: 0,
    status: 2
  },
  {
    name: "a cancelled receipt (status 20): refused as not payable",
    seed: (fake) => fake.store.createReceipt({ order_id: "order-1", price: 15_000, status: 20 }).receipt_id,
    expected: { _tag: "Refused", reason: "not_payable" },
    confirms: 0,
    status: 20
  },
  {
    name: "a decline: Declined with the PG's message, still awaiting confirm",
    seed: (fake) => {
      fake.store.inject(
        { _tag: "Decline", errorCode: "RC_CONFIRM_FAILED", pgErrorCode: "3011", message: "한도 초과" },
        { operation: "Receipt.confirm" }
      )
      return fake.store.createReceipt({ order_id: "order-1", price: 15_000, status: 2 }).receipt_id
    },
    expected: { _tag: "Declined", declined: true },
    confirms: 1,
    status: 2
  },
  {
    name: "a lost answer after the confirm was applied: reconciled as paid, confirmed once",
    seed: (fake) => {
      fake.store.inject({ _tag: "DropAfter" }, { operation: "Receipt.confirm" })
      return fake.store.createReceipt({ order_id: "order-1", price: 15_000, status: 2 }).receipt_id
    },
    expected: { _tag: "Paid", status: 1 },
    confirms: 1,
    status: 1
  },
  {
    name: "a lost answer before anything happened: proven not confirmed, sent once more",
    seed: (fake) => {
      fake.store.inject({ _tag: "DropBefore" }, { operation: "Receipt.confirm" })
      return fake.store.createReceipt({ order_id: "order-1", price: 15_000, status: 2 }).receipt_id
    },
    expected: { _tag: "Paid", status: 1 },
    confirms: 2,
    status: 1
  },
  {
    name: "two lost answers: Unresolved with the OutcomeUnknown to store, nothing confirmed",
    seed: (fake) => {
      fake.store.inject({ _tag: "DropBefore" }, { operation: "Receipt.confirm", times: 2 })
      return fake.store.createReceipt({ order_id: "order-1", price: 15_000, status: 2 }).receipt_id
    },
    expected: { _tag: "Unresolved", operation: "Receipt.confirm" },
    confirms: 2,
    status: 2
  }
]

const reduce = (outcome: Outcome): Record<string, unknown> => {
  switch (outcome._tag) {
    case "Paid":
      return { _tag: "Paid", status: outcome.receipt.status }
    case "Refused":
      return { _tag: "Refused", reason: outcome.reason }
    case "Declined":
      return { _tag: "Declined", declined: outcome.message.length > 0 }
    case "Unresolved":
      return { _tag: "Unresolved", operation: outcome.error.operation }
  }
}

const styles = {
  Effect: (fake: FakeServer.FakeServer, receiptId: string) =>
    Effect.runPromise(
      EffectFlow.checkout(receiptId, order).pipe(
        Effect.provide(NodeBootpay.layer({ baseUrl: fake.url, clientKey: "test", secretKey: "test" }))
      )
    ),
  Promise: async (fake: FakeServer.FakeServer, receiptId: string) => {
    const bootpay = Bootpay.make({ baseUrl: fake.url, clientKey: "test", secretKey: "test" })
    try {
      return await PromiseFlow.checkout(bootpay, receiptId, order)
    } finally {
      await bootpay.dispose()
    }
  }
}

const run = async (style: keyof typeof styles, scenario: Scenario) => {
  const fake = await FakeServer.start()
  try {
    const receiptId = scenario.seed(fake)
    const outcome = await styles[style](fake, receiptId)
    return {
      outcome: reduce(outcome),
      confirms: fake.store.requestsFor("Receipt.confirm").length,
      status: fake.store.getReceipt(receiptId)?.status
    }
  } finally {
    await fake.close()
  }
}

describe("the README's checkout, in every style", () => {
  for (const scenario of scenarios) {
    it(scenario.name, async () => {
      const expected = { outcome: scenario.expected, confirms: scenario.confirms, status: scenario.status }
      expect(await run("Effect", scenario)).toEqual(expected)
      expect(await run("Promise", scenario)).toEqual(expected)
    })
  }
})
