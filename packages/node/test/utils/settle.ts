/** What a facade call ended with, as a value, so tests can assert on failures without try/catch. */
import type { BootpayError } from "@effect-bootpay/core"

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
