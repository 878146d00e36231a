import { describe, expect, it } from "@effect/vitest"
import { Receipt } from "@effect-bootpay/core"
import { FakeBootpay } from "@effect-bootpay/testing"
import * as Effect from "effect/Effect"

describe("checkout", () => {
  it.effect("a declined confirm is PgRefused and changes nothing", () =>
    Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      // What the browser did: a payment that waits for the server's confirm.
      const pending = store.createReceipt({ order_id: "order-1", price: 15_000, status: 2 })
      store.inject(
        { _tag: "Decline", errorCode: "RC_CONFIRM_FAILED", pgErrorCode: "3011", message: "한도 초과" },
        { operation: "Receipt.confirm" }
      )
      const error = yield* Effect.flip(Receipt.confirm(pending.receipt_id))
      expect(error).toMatchObject({ _tag: "PgRefused", pgErrorCode: "3011" })
      expect(store.getReceipt(pending.receipt_id)?.status).toBe(2)
    }).pipe(Effect.provide(FakeBootpay.layer()))
  )
})
