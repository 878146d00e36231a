import * as Arbitrary from "effect/Arbitrary"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import { describe, expect, it } from "vitest"
import * as Guard from "../src/internal/guard.js"
import * as Registry from "../src/Registry.js"
import * as Webhook from "../src/Webhook.js"

/** Replaces the value at a path (chosen by `steps`) inside a JSON-like value. */
const mutate = (value: unknown, steps: ReadonlyArray<number>, replacement: unknown): unknown => {
  if (steps.length === 0 || typeof value !== "object" || value === null) return replacement
  const [step, ...rest] = steps as [number, ...Array<number>]
  if (Array.isArray(value)) {
    if (value.length === 0) return replacement
    const index = step % value.length
    return value.map((item, i) => (i === index ? mutate(item, rest, replacement) : item))
  }
  const keys = Object.keys(value)
  if (keys.length === 0) return replacement
  const key = keys[step % keys.length]!
  return { ...value, [key]: mutate((value as Record<string, unknown>)[key], rest, replacement) }
}

/** Values that break a field: wrong types, nulls, missing (`undefined`), nested junk. */
const replacement = FastCheck.oneof(
  FastCheck.constant(undefined),
  FastCheck.constant(null),
  FastCheck.constant(""),
  FastCheck.constant(0),
  FastCheck.constant(-1),
  FastCheck.constant(1.5),
  FastCheck.constant(Number.NaN),
  FastCheck.constant([]),
  FastCheck.constant({}),
  FastCheck.jsonValue({ maxDepth: 2 })
)

const schemas: ReadonlyArray<readonly [string, Schema.Schema<unknown, unknown>]> = [
  ...Registry.operations.map(
    (operation) => [operation.id, operation.response as Schema.Schema<unknown, unknown>] as const
  ),
  ["Webhook.Event", Schema.encodedSchema(Webhook.Event) as Schema.Schema<unknown, unknown>]
]

/** The token answer holds a `Redacted` token (a declaration node): it keeps `Schema.is`. */
const checkedBySchemaIs = ["AccessToken.issue"]
const compiled = schemas.filter(([id]) => !checkedBySchemaIs.includes(id))

describe("the response guard", () => {
  it("compiles every response schema but the token's, so answers take the fast path", () => {
    const fallbacks = schemas.filter(([, schema]) => Guard.compile(schema) === undefined).map(([id]) => id)
    expect(fallbacks).toEqual(checkedBySchemaIs)
  })

  it.each(compiled)("agrees with Schema.is on valid and broken %s answers", (_, schema) => {
    const typeSchema = Schema.typeSchema(schema)
    const guard = Guard.compile(schema)!
    const is = Schema.is(typeSchema)
    const valid = Arbitrary.make(typeSchema)
    FastCheck.assert(
      FastCheck.property(valid, (value) => {
        expect(is(value)).toBe(true)
        expect(guard(value)).toBe(true)
      }),
      { numRuns: 60 }
    )
    FastCheck.assert(
      FastCheck.property(
        valid,
        FastCheck.array(FastCheck.nat(), { maxLength: 4 }),
        replacement,
        (value, steps, broken) => {
          const candidate = mutate(value, steps, broken)
          expect(guard(candidate)).toBe(is(candidate))
        }
      ),
      { numRuns: 300 }
    )
  })

  it("agrees with Schema.is on the nodes it handles, including refinements and records", () => {
    const Amount = Schema.Number.pipe(Schema.filter((n) => Number.isSafeInteger(n) && n > 0))
    const schema = Schema.Struct({
      id: Schema.String,
      amount: Amount,
      kind: Schema.Literal("card", "bank"),
      note: Schema.optional(Schema.NullOr(Schema.String)),
      tags: Schema.Array(Schema.String),
      extra: Schema.Record({ key: Schema.String, value: Schema.Number })
    })
    const guard = Guard.compile(schema)!
    const is = Schema.is(schema)
    const base = { id: "r", amount: 10, kind: "card", tags: ["a"], extra: { x: 1 } }
    const cases: ReadonlyArray<unknown> = [
      base,
      { ...base, note: null },
      { ...base, note: undefined },
      { ...base, amount: 0 },
      { ...base, amount: 1.5 },
      { ...base, kind: "cash" },
      { ...base, tags: "a" },
      { ...base, extra: { x: "1" } },
      { ...base, unknown_field: true },
      { amount: 10, kind: "card", tags: [], extra: {} },
      [base],
      null,
      "r"
    ]
    for (const value of cases) expect([value, guard(value)]).toEqual([value, is(value)])
    expect(cases.filter((value) => guard(value))).toHaveLength(4)
  })

  it("leaves refinements of structs and arrays to Schema.is, which filters a parsed copy", () => {
    // On `{ a: 1, extra: true }` this filter sees two keys in the input but one in the parsed copy.
    const twoKeys = Schema.Struct({ a: Schema.Number }).pipe(Schema.filter((o) => Object.keys(o).length > 1))
    expect(Schema.is(twoKeys)({ a: 1, extra: true })).toBe(false)
    expect(Guard.compile(twoKeys)).toBeUndefined()
    const nonEmpty = Schema.Array(Schema.String).pipe(
      Schema.filter((items) => items.length > 0),
      Schema.brand("NonEmpty")
    )
    expect(Guard.compile(nonEmpty)).toBeUndefined()
    expect(Guard.compile(Schema.Struct({ list: nonEmpty }))).toBeUndefined()
  })

  it("leaves schemas with nodes it does not know to Schema.is", () => {
    expect(Guard.compile(Schema.Struct({ at: Schema.DateFromSelf }))).toBeUndefined()
    expect(Guard.compile(Schema.Tuple(Schema.String, Schema.Number))).toBeUndefined()
    expect(
      Guard.compile(Schema.Record({ key: Schema.TemplateLiteral("a", Schema.String), value: Schema.Number }))
    ).toBeUndefined()
  })
})
