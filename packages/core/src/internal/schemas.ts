/**
 * Field schemas shared by request declarations. Their messages never quote the value: a card
 * number or identity number must not end up in an error.
 */
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type { Issue } from "../BootpayError.js"
import * as Guard from "./guard.js"

/** An optional response field that Bootpay may also send as `null`. */
export const opt = <S extends Schema.Schema.Any>(schema: S) => Schema.optional(Schema.NullOr(schema))

/** A non-empty string (an id, a name). */
export const NonEmptyString = Schema.String.pipe(
  Schema.filter((s) => s.trim().length > 0, { message: () => "must not be empty" })
)

/** A positive whole amount in KRW. */
export const Krw = Schema.Number.pipe(
  Schema.filter((n) => Number.isSafeInteger(n) && n > 0, {
    message: () => "must be a positive whole amount in KRW"
  })
)

/** A whole amount in KRW that may be zero (tax-free parts). */
export const KrwOrZero = Schema.Number.pipe(
  Schema.filter((n) => Number.isSafeInteger(n) && n >= 0, {
    message: () => "must be a whole amount in KRW, zero or more"
  })
)

/** A string of digits only, with an allowed set of lengths. */
export const Digits = (lengths: ReadonlyArray<number>, what: string) =>
  Schema.String.pipe(
    Schema.filter((s) => /^\d+$/.test(s) && lengths.includes(s.length), {
      message: () => `must be ${what} (${lengths.join(" or ")} digits)`
    })
  )

/** A Korean 3-digit bank code such as `004`. */
export const BankCode = Digits([3], "a 3-digit bank code")

/** A JSON object passed through as given (`metadata`, `extra`). */
export const JsonObject = Schema.Record({ key: Schema.String, value: Schema.Unknown })

/** The buyer (`user`) sent with a billing-key issue or charge; every field is optional. */
export const User = Schema.Struct({
  id: Schema.optional(Schema.String),
  username: Schema.optional(Schema.String),
  email: Schema.optional(Schema.String),
  phone: Schema.optional(Schema.String),
  /** 0 female, 1 male. */
  gender: Schema.optional(Schema.Literal(0, 1)),
  birth: Schema.optional(Schema.String),
  area: Schema.optional(Schema.String),
  addr: Schema.optional(Schema.String)
})

/** Refuses a `tax_free` part above `price`, or one given without a `price`. */
export const taxFreeWithinPrice = (input: {
  readonly price?: number | undefined
  readonly tax_free?: number | undefined
}): true | { readonly path: ReadonlyArray<string>; readonly message: string } => {
  if (input.tax_free === undefined) return true
  if (input.price === undefined) return { path: ["tax_free"], message: "needs price" }
  return input.tax_free <= input.price ? true : { path: ["tax_free"], message: "must not exceed price" }
}

/** Card installment months: `00` or `0` for a lump sum, `2` to `12`; `1` is not a valid value. */
export const CardQuota = Schema.String.pipe(
  Schema.filter((s) => /^(00?|0?[2-9]|1[0-2])$/.test(s), {
    message: () => "must be 00 or 0 (lump sum) or 2 to 12 months"
  })
)

/** A string that is a receipt id, or an object holding one; decodes to the object. */
export const idOr = <K extends string, F extends Schema.Struct.Fields>(key: K, fields: F) => {
  const struct = Schema.Struct({ [key]: NonEmptyString, ...fields } as {
    [P in K]: typeof NonEmptyString
  } & F)
  return Schema.Union(
    Schema.transform(Schema.String, Schema.typeSchema(struct), {
      strict: false,
      decode: (id) => ({ [key]: id }),
      encode: (value) => (value as Record<string, string>)[key]!
    }),
    struct
  )
}

/** Just an id string, decoding to `{ [key]: id }`. */
export const idOnly = <K extends string>(key: K) =>
  Schema.transform(
    NonEmptyString,
    Schema.Struct({ [key]: NonEmptyString } as { [P in K]: typeof NonEmptyString }),
    {
      strict: false,
      decode: (id) => ({ [key]: id }),
      encode: (value) => (value as Record<string, string>)[key]!
    }
  )

const decodeOptions = { errors: "all", onExcessProperty: "error" } as const

/** Issues without the offending values (`Expected string, actual "4111..."` loses its tail). */
export const issuesOf = (error: ParseResult.ParseError): Array<Issue> => {
  const issues = ParseResult.ArrayFormatter.formatErrorSync(error).map((issue) => ({
    path: issue.path.map(String).join("."),
    message: issue.message.replace(/,\s*actual[\s\S]*$/, "").replace(/\s+/g, " ")
  }))
  // An optional field that failed its schema also reports "Expected undefined": noise beside the real issue.
  return issues.filter(
    (issue) =>
      issue.message !== "Expected undefined" ||
      !issues.some(
        (other) => other !== issue && (other.path === issue.path || other.path.startsWith(`${issue.path}.`))
      )
  )
}

/** Decodes a caller's input strictly: every problem reported, unknown fields refused. */
export const decodeInput = <W, I>(schema: Schema.Schema<W, I>) => {
  const decode = Schema.decodeUnknownEither(schema, decodeOptions)
  return (input: unknown): Either.Either<W, Array<Issue>> => Either.mapLeft(decode(input), issuesOf)
}

/** Decodes a response, keeping fields this SDK does not know. */
export const decodeOutput = <A>(schema: Schema.Schema<A, unknown>) => {
  const decode = Schema.decodeUnknownEither(schema, { errors: "all", onExcessProperty: "preserve" })
  // Most answers need no transformation: when the parsed JSON already is a valid `A`, it is the
  // result as it stands (unknown fields kept at every depth), at a fraction of a full decode's cost.
  const is: (u: unknown) => u is A =
    (Guard.compile(schema) as ((u: unknown) => u is A) | undefined) ?? Schema.is(Schema.typeSchema(schema))
  return (body: unknown): Either.Either<A, Array<Issue>> =>
    is(body) ? Either.right(body) : Either.mapLeft(decode(body), issuesOf)
}
