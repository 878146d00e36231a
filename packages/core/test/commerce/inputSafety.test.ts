/**
 * Bad input across every Commerce operation, property-based: for any operation, any string field of
 * its sample, and any value that must never reach Bootpay (a lone surrogate, a control character in
 * an id, a dot segment or an empty path id, text beyond the caps, a wrong type), the call is
 * `InvalidRequest` naming that field, and nothing is sent.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import { describe, expect, it } from "@effect/vitest"
import { Commerce, CommerceClient, Operation, type Registry } from "@effect-bootpay/core"
import * as Effect from "effect/Effect"
import * as FastCheck from "effect/FastCheck"
import * as Layer from "effect/Layer"
import { type Path, setAt, stringLeaves } from "../utils/leaves.js"
import { basic, recording } from "../utils/mockHttp.js"
import { samples } from "./samples/index.js"

/** Every (operation, string field) pair of the samples; a bare-id input is its id field. */
const leaves = Commerce.Registry.entries.flatMap((entry) => {
  const sample = samples[entry.module]?.[entry.name]
  if (sample === undefined || sample.input === undefined) return []
  return stringLeaves(sample.input).map((path) => ({ entry, input: sample.input, path }))
})

/** Text with no UTF-8 form: no field accepts it, not even inside free-form JSON. */
const badText = FastCheck.oneof(
  FastCheck.string({ maxLength: 5 }).map((s) => `${s}\uD800${s}`),
  FastCheck.string({ maxLength: 5 }).map((s) => `\uDC00${s}`)
)

/** Text beyond every typed field's cap (free-form JSON is the merchant's own and has no cap here). */
const tooLong = "x".repeat(10_001)

/** Ids that would leave their path segment or cannot be sent. */
const badId = FastCheck.constantFrom(".", "..", "", "   ", "a\u0000b", "a\nb", "r".repeat(1001))

const send = (entry: Registry.Named, input: unknown) => {
  const { client, requests } = recording(() => ({ status: 200, body: { success: true, data: null } }))
  const layer = CommerceClient.layer({ ...basic, baseUrl: "https://commerce.test/v1" }).pipe(
    Layer.provide(Layer.succeed(HttpClient.HttpClient, client)),
    Layer.orDie
  )
  const call = (
    entry.operation as unknown as (
      input: unknown
    ) => Effect.Effect<unknown, { _tag: string }, CommerceClient.CommerceClient>
  )(input)
  return Effect.map(Effect.either(Effect.provide(call, layer)), (result) => ({ result, requests }))
}

/**
 * Fields that take any JSON, or items that let unknown fields through (a product's options):
 * what is inside them is the merchant's own.
 */
const freeForm = new Set(["metadata", "individual_extension", "extra", "options", "group"])

/** Whether a leaf is a field of the declared schema, not inside free-form JSON. */
const typed = (leaf: { readonly path: Path }) =>
  !leaf.path.slice(0, -1).some((key) => freeForm.has(String(key)))

const issuePaths = (error: unknown): ReadonlyArray<string> =>
  ((error as { issues?: ReadonlyArray<{ path: string }> }).issues ?? []).map((issue) => issue.path)

const names = (issues: ReadonlyArray<string>, path: Path) => {
  const field = path.join(".")
  return issues.some(
    (issue) => issue === field || field.startsWith(`${issue}.`) || (field === "" && issue !== undefined)
  )
}

describe("Commerce input safety", () => {
  it("the samples reach many string fields", () => {
    expect(leaves.length).toBeGreaterThanOrEqual(10)
  })

  it.effect("text without a UTF-8 form, in any string field, is refused naming it", () =>
    Effect.promise(() =>
      FastCheck.assert(
        FastCheck.asyncProperty(
          FastCheck.constantFrom(...leaves),
          badText,
          async ({ entry, input, path }, text) => {
            const { result, requests } = await Effect.runPromise(send(entry, setAt(input, path, text)))
            expect(result._tag === "Left" && result.left._tag).toBe("InvalidRequest")
            expect(names(issuePaths(result._tag === "Left" ? result.left : {}), path)).toBe(true)
            expect(requests).toHaveLength(0)
          }
        ),
        { numRuns: 200, seed: 20261201 }
      )
    )
  )

  it.effect("text beyond the caps, in any typed string field, is refused naming it", () =>
    Effect.promise(() =>
      FastCheck.assert(
        FastCheck.asyncProperty(
          FastCheck.constantFrom(...leaves.filter(typed)),
          async ({ entry, input, path }) => {
            const { result, requests } = await Effect.runPromise(send(entry, setAt(input, path, tooLong)))
            expect(result._tag === "Left" && result.left._tag).toBe("InvalidRequest")
            expect(names(issuePaths(result._tag === "Left" ? result.left : {}), path)).toBe(true)
            expect(requests).toHaveLength(0)
          }
        ),
        { numRuns: 150, seed: 20261201 }
      )
    )
  )

  it.effect("a path id that would leave its segment or cannot be sent is refused; nothing is sent", () =>
    Effect.promise(() => {
      const withPath = Commerce.Registry.entries.filter(
        (entry) =>
          Operation.pathFields(entry.operation).length > 0 &&
          samples[entry.module]?.[entry.name] !== undefined
      )
      expect(withPath.length).toBeGreaterThanOrEqual(3)
      return FastCheck.assert(
        FastCheck.asyncProperty(FastCheck.constantFrom(...withPath), badId, async (entry, id) => {
          const sample = samples[entry.module]![entry.name]!
          const input =
            typeof sample.input === "string"
              ? id
              : Operation.pathFields(entry.operation).reduce<unknown>(
                  (value, field) => setAt(value, [field], id),
                  sample.input
                )
          const { result, requests } = await Effect.runPromise(send(entry, input))
          expect(result._tag === "Left" && result.left._tag).toBe("InvalidRequest")
          expect(requests).toHaveLength(0)
        }),
        { numRuns: 150, seed: 20261201 }
      )
    })
  )

  it.effect("null or an array in any typed field of any operation is refused; nothing is sent", () =>
    Effect.promise(() =>
      FastCheck.assert(
        FastCheck.asyncProperty(
          FastCheck.constantFrom(
            ...leaves.filter((leaf) => leaf.path.length > 0 && !freeForm.has(String(leaf.path[0])))
          ),
          FastCheck.constantFrom(null, [] as ReadonlyArray<never>),
          async ({ entry, input, path }, value) => {
            const { result, requests } = await Effect.runPromise(send(entry, setAt(input, path, value)))
            expect(result._tag === "Left" && result.left._tag).toBe("InvalidRequest")
            expect(names(issuePaths(result._tag === "Left" ? result.left : {}), path)).toBe(true)
            expect(requests).toHaveLength(0)
          }
        ),
        { numRuns: 200, seed: 20261201 }
      )
    )
  )
})
