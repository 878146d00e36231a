/**
 * Every Commerce operation on the wire, from its sample (samples/): method, path, query, body,
 * HTTP Basic, `BOOTPAY-ROLE`, `Idempotency-Key` (stable across retries), the answer decoded with and
 * without Bootpay's envelope, bad input refused before sending, and lost answers never repeated
 * for a call that may not be repeated.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import { describe, expect, it } from "@effect/vitest"
import { Commerce, CommerceClient, type Operation, type Registry } from "@effect-bootpay/core"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { type Answer, basic, type Recorded, recording } from "../utils/mockHttp.js"
import { type Sample, samples } from "./samples/index.js"

const base = "https://commerce.test/v1"

const layerFor = (respond: (request: Recorded) => Answer, role?: Operation.Role) => {
  const { client, requests } = recording(respond)
  const layer = CommerceClient.layer({ ...basic, baseUrl: base, ...(role ? { role } : {}) }).pipe(
    Layer.provide(Layer.succeed(HttpClient.HttpClient, client)),
    Layer.orDie
  )
  return { layer, requests }
}

const run = (
  entry: Registry.Named,
  sample: Sample,
  respond: (request: Recorded) => Answer,
  role?: Operation.Role
) => {
  const { layer, requests } = layerFor(respond, role)
  const call = (
    entry.operation as unknown as (
      input: unknown,
      options?: Operation.CallOptions
    ) => Effect.Effect<unknown, unknown, CommerceClient.CommerceClient>
  )(sample.input, { retry: 2 })
  return Effect.map(Effect.either(Effect.provide(call, layer)), (result) => ({ result, requests }))
}

const sampleOf = (entry: Registry.Named): Sample | undefined => samples[entry.module]?.[entry.name]

const ok = (sample: Sample): Answer => ({ status: 200, body: { success: true, data: sample.answer } })

describe("Commerce wire", () => {
  it("every Commerce operation has a sample", () => {
    const missing = Commerce.Registry.entries.filter((entry) => sampleOf(entry) === undefined)
    expect(missing.map((entry) => `${entry.module}.${entry.name}`)).toEqual([])
  })

  for (const entry of Commerce.Registry.entries) {
    const sample = sampleOf(entry)
    if (sample === undefined) continue
    const operation = entry.operation
    const label = `${entry.module}.${entry.name}`

    it.effect(`${label}: ${sample.method} ${sample.path} with its role, key and Basic auth`, () =>
      Effect.gen(function* () {
        const { result, requests } = yield* run(entry, sample, () => ok(sample))
        expect(result._tag).toBe("Right")
        expect(requests).toHaveLength(1)
        const sent = requests[0]!
        expect(sent.method).toBe(sample.method)
        expect(sent.path).toBe(sample.path)
        expect(sent.query).toEqual(sample.query ?? {})
        const hasBody = sample.method === "POST" || sample.method === "PUT" || operation.bodyOnDelete
        expect(sent.body).toEqual(hasBody ? (sample.body ?? {}) : undefined)
        expect(sent.headers.authorization).toBe(`Basic ${btoa(`${basic.clientKey}:${basic.secretKey}`)}`)
        expect(sent.headers["bootpay-role"]).toBe(operation.role ?? "user")
        expect(sent.headers["bootpay-api-version"]).toBe("1.0.0")
        expect(sent.headers["accept-charset"]).toBe("utf-8")
        const key = sent.headers["idempotency-key"]
        if (operation.idempotencyKey) {
          const given = (sample.input as { idempotency_key?: string } | undefined)?.idempotency_key
          expect(key).toBe(given ?? key)
          expect(key).toMatch(
            given === undefined
              ? /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
              : /./
          )
        } else {
          expect(key).toBeUndefined()
        }
        const wireText = JSON.stringify([sent.query, sent.body ?? null])
        expect(wireText).not.toContain("idempotency_key")
        expect(wireText).not.toContain("user_jwt")
      })
    )

    it.effect(`${label}: the client's role goes on calls without a fixed role`, () =>
      Effect.gen(function* () {
        const { requests } = yield* run(entry, sample, () => ok(sample), "vendor")
        expect(requests[0]!.headers["bootpay-role"]).toBe(operation.role ?? "vendor")
      })
    )

    it.effect(`${label}: the answer decodes inside and outside Bootpay's envelope`, () =>
      Effect.gen(function* () {
        const wrapped = yield* run(entry, sample, () => ok(sample))
        const bare = yield* run(entry, sample, () => ({ status: 200, body: sample.answer }))
        expect(wrapped.result._tag).toBe("Right")
        if (sample.answer !== null) expect(bare.result._tag).toBe("Right")
      })
    )

    it.effect(`${label}: bad input is refused and nothing is sent`, () =>
      Effect.gen(function* () {
        const { layer, requests } = layerFor(() => ok(sample))
        const call = (
          entry.operation as unknown as (input: unknown) => Effect.Effect<unknown, { _tag: string }>
        )(sample.bad)
        const error = yield* Effect.flip(Effect.provide(call, layer))
        expect(error._tag).toBe("InvalidRequest")
        expect(requests).toHaveLength(0)
      })
    )

    const safety = typeof operation.safety === "function" ? undefined : operation.safety
    if (safety === "idempotent" && operation.idempotencyKey) {
      it.live(`${label}: a retry after a lost answer repeats the same Idempotency-Key`, () =>
        Effect.gen(function* () {
          let calls = 0
          const { result, requests } = yield* run(entry, sample, () =>
            ++calls === 1 ? { fail: "ECONNRESET" } : ok(sample)
          )
          expect(result._tag).toBe("Right")
          expect(requests).toHaveLength(2)
          expect(requests[1]!.headers["idempotency-key"]).toBe(requests[0]!.headers["idempotency-key"])
        })
      )
    }
    if (safety === "unsafe") {
      it.effect(`${label}: a lost answer is OutcomeUnknown, never repeated`, () =>
        Effect.gen(function* () {
          const { result, requests } = yield* run(entry, sample, () => ({ fail: "ECONNRESET" }))
          expect(requests).toHaveLength(1)
          expect(result._tag === "Left" && (result.left as { _tag: string })._tag).toBe("OutcomeUnknown")
          if (operation.idempotencyKey && result._tag === "Left") {
            expect((result.left as { idempotencyKey?: string }).idempotencyKey).toBe(
              requests[0]!.headers["idempotency-key"]
            )
          }
        })
      )
    }
  }
})
