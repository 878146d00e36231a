import { describe, expect, it } from "@effect/vitest"
import { BillingKey, type BootpayClient, Escrow, Registry } from "@effect-bootpay/core"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/TestClock"
import { basic, clientLayer } from "./utils/mockHttp.js"

/** The safety classes a declaration can give a call (a function may give either). */
const safeties = (operation: (typeof Registry.operations)[number]) =>
  typeof operation.safety === "function" ? ["idempotent or unsafe"] : [operation.safety]

describe("Registry", () => {
  it("every call that is not a read declares OutcomeUnknown, so a lost answer reaches the caller as one", () => {
    const missing = Registry.operations
      .filter((operation) => !safeties(operation).includes("read"))
      .filter((operation) => !operation.errors.some((error) => error._tag === "OutcomeUnknown"))
      .map((operation) => operation.id)
    expect(missing).toEqual([])
  })

  it("each operation declares the names the registry knows it by (module and export name)", () => {
    const misnamed = Registry.entries
      .filter(
        ({ module, name, operation }) =>
          operation.name !== name || operation.module !== `${module[0]!.toUpperCase()}${module.slice(1)}`
      )
      .map(({ module, name, operation }) => `${module}.${name} declares ${operation.id}`)
    expect(misnamed).toEqual([])
  })

  it("an operation is its declaration, callable: the Effect of a call, and its method, path and span", () => {
    const cancel = Registry.registry.receipt.cancel
    expect(typeof cancel).toBe("function")
    expect([cancel.method, cancel.path, cancel.span, cancel.id]).toEqual([
      "POST",
      "/cancel",
      "Bootpay.Receipt.cancel",
      "Receipt.cancel"
    ])
    expect(Effect.isEffect(cancel({ receipt_id: "r-1" }))).toBe(true)
  })

  it("operation ids are unique", () => {
    const ids = Registry.operations.map((operation) => operation.id)
    expect(new Set(ids).size).toBe(ids.length)
  })

  for (const [name, run] of [
    ["BillingKey.destroy", () => BillingKey.destroy("bk-1")],
    [
      "Escrow.startShipping",
      () => Escrow.startShipping({ receipt_id: "r-1", tracking_number: "1", delivery_corp: "CJ" })
    ]
  ] as const) {
    it.effect(
      `an idempotent ${name} whose every answer is lost is OutcomeUnknown, not a transport error`,
      () => {
        const { layer, requests } = clientLayer({ ...basic, retry: 2 }, () => ({ fail: "ECONNRESET" }))
        return Effect.gen(function* () {
          const fiber = yield* Effect.fork(
            Effect.flip(
              run() as Effect.Effect<unknown, { readonly _tag: string }, BootpayClient.BootpayClient>
            )
          )
          yield* TestClock.adjust("1 minute")
          const error = yield* Fiber.join(fiber)
          expect(error._tag).toBe("OutcomeUnknown")
          expect(requests).toHaveLength(3)
        }).pipe(Effect.provide(layer))
      }
    )
  }
})
