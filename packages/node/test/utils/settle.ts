/** Facade test helpers: a call's end as a value (no try/catch in tests), and a fake server per test. */
import type { BootpayError } from "@effect-bootpay/core"
import { Bootpay } from "@effect-bootpay/node"
import { FakeServer } from "@effect-bootpay/testing"
import { afterEach, beforeEach } from "vitest"

/** A call's result or the SDK error it rejected with. */
export type Settled<A> = { readonly ok: A } | { readonly error: BootpayError.BootpayError }

/** Waits for a call and keeps its result or its rejection. */
export const settle = async <A>(promise: Promise<A>): Promise<Settled<A>> => {
  try {
    return { ok: await promise }
  } catch (error) {
    return { error: error as BootpayError.BootpayError }
  }
}

/** The error of a call that must have failed. */
export const errorOf = <A>(settled: Settled<A>): BootpayError.BootpayError => {
  if (!("error" in settled)) throw new Error("expected the call to fail, it succeeded")
  return settled.error
}

/** The `OutcomeUnknown` of a call that must have ended with one. */
export const outcomeUnknown = <A>(settled: Settled<A>): BootpayError.OutcomeUnknown => {
  const error = errorOf(settled)
  if (error._tag !== "OutcomeUnknown") {
    throw new Error(`expected OutcomeUnknown, got ${error._tag}: ${error.message}`)
  }
  return error
}

/**
 * A fresh fake server and a Basic-mode facade client on it for each test (2 s deadline), closed
 * after it. Read `fake` and `bootpay` inside tests only.
 */
export const useFakeServer = (): {
  readonly fake: FakeServer.FakeServer
  readonly bootpay: Bootpay.Bootpay
} => {
  const context = {} as { fake: FakeServer.FakeServer; bootpay: Bootpay.Bootpay }
  beforeEach(async () => {
    context.fake = await FakeServer.start()
    context.bootpay = Bootpay.make({
      baseUrl: context.fake.url,
      clientKey: "test",
      secretKey: "test",
      timeout: "2 seconds"
    })
  })
  afterEach(async () => {
    await context.bootpay.dispose()
    await context.fake.close()
  })
  return context
}
