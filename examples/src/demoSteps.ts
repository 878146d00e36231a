/** Demo steps for identity verification, cash receipts and webhooks (filled in as those land). */
import type { Bootpay } from "@effect-bootpay/node"
import type { FakeServer } from "@effect-bootpay/testing"
import type { Transcript } from "./demo.js"

/** Everything a demo step can use. */
export interface StepContext {
  readonly t: Transcript
  readonly fake: FakeServer.FakeServer
  readonly bootpay: Bootpay.Bootpay
}

/** Runs the remaining steps. */
export const extraSteps = async (_context: StepContext): Promise<void> => {}
