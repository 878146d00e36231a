/**
 * The SDK's regular expressions run on text from outside (a webhook body, a sender address, Bootpay's
 * error answers) stay linear: a 100,000-character worst case for each goes through the public entry
 * point that runs it in well under the bound. Quadratic patterns took seconds at this size.
 */
import { describe, expect, it } from "@effect/vitest"
import { Receipt, Webhook } from "@effect-bootpay/core"
import * as Effect from "effect/Effect"
import { basic, clientLayer } from "./utils/mockHttp.js"
import { bound, millisOf, millisOfSync } from "./utils/timing.js"

const n = 100_000

describe("linear time on 100,000-character inputs", () => {
  it.effect("Webhook.decode: form keys, numbers, JSON sniffing and content types", () =>
    Effect.gen(function* () {
      const bodies: ReadonlyArray<readonly [string, string | undefined]> = [
        [`a${"[b]".repeat(n / 3)}[=1`, "application/x-www-form-urlencoded"],
        [`${"[".repeat(n)}=1`, "application/x-www-form-urlencoded"],
        [`a${"[]".repeat(n / 2)}x=1`, "application/x-www-form-urlencoded"],
        [`price=${"1".repeat(n)}.x`, "application/x-www-form-urlencoded"],
        [`price=-${"1".repeat(n)}.${"1".repeat(n)}x`, "application/x-www-form-urlencoded"],
        [`metadata= ${" ".repeat(n)}x`, "application/x-www-form-urlencoded"],
        [`${" ".repeat(n)}x`, undefined],
        ["{}", `${"application/x-www-form-".repeat(n / 24)}x`]
      ]
      for (const [body, contentType] of bodies) {
        const millis = yield* millisOf(Webhook.decode(body, contentType))
        expect(millis, `${body.slice(0, 12)} ${contentType?.slice(0, 12)}`).toBeLessThan(bound)
      }
    })
  )

  it("Webhook.isAllowedAddress: brackets, ports, zones and mapped addresses", () => {
    const addresses = [
      `[${":".repeat(n)}`,
      `[${"a".repeat(n)}]:1x`,
      `${"1.".repeat(n / 2)}1:1x`,
      `1.1.1.1:${"1".repeat(n)}x`,
      `fe80::1${"%a".repeat(n / 2)}!`,
      `::ffff:${"0:".repeat(n / 2)}x`,
      `${"0000:".repeat(n / 5)}ffff:1.1.1.1x`,
      `${" ".repeat(n)}x`
    ]
    for (const address of addresses) {
      expect(Webhook.isAllowedAddress(address)).toBe(false)
      expect(
        millisOfSync(() => Webhook.isAllowedAddress(address)),
        address.slice(0, 12)
      ).toBeLessThan(bound)
    }
  })

  it.effect("Bootpay's error answers: Retry-After, error codes and the scrubbed message", () =>
    Effect.gen(function* () {
      const answers = [
        { status: 429, headers: { "retry-after": `${"1".repeat(n)}.${"1".repeat(n)}x` }, body: {} },
        {
          status: 400,
          body: { error_code: `${"DUPLICAT".repeat(n / 8)}`, message: "cancel_i".repeat(n / 8) }
        },
        { status: 400, body: { error_code: "RC_X", message: `Basic ${" ".repeat(n)}!` } },
        { status: 400, body: { error_code: "RC_X", message: `${"Bearer ".repeat(n / 7)}` } },
        { status: 400, body: { error_code: "RC_X", message: "1".repeat(n) } },
        { status: 400, body: { error_code: "RC_X", message: "\u0001".repeat(n) } }
      ]
      for (const answer of answers) {
        const { layer } = clientLayer({ ...basic, retry: 0 }, () => answer)
        // Building the client and the first call's validator is not what is timed.
        yield* Effect.provide(Effect.either(Receipt.lookup("warm-up")), layer)
        const millis = yield* millisOf(Effect.provide(Receipt.lookup("r-1"), layer))
        expect(millis, JSON.stringify(answer).slice(0, 40)).toBeLessThan(bound)
      }
    })
  )
})
