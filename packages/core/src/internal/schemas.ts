/**
 * Field schemas shared by request declarations. Their messages never quote the value: a card
 * number or identity number must not end up in an error.
 */
import * as Arr from "effect/Array"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type { Issue } from "../BootpayError.js"
import * as Guard from "./guard.js"

/** An optional response field that Bootpay may also send as `null`. */
export const opt = <S extends Schema.Schema.Any>(schema: S) => Schema.optional(Schema.NullOr(schema))

/** The longest id sent: Bootpay's own ids are 24 characters, a merchant's order id far fewer than this. */
export const maxIdLength = 1_000

/** The longest free text sent (a name, a message, an address): far beyond what any PG keeps. */
export const maxTextLength = 10_000

/**
 * Whether every UTF-16 surrogate in `s` is half of a pair. A lone one has no UTF-8 form: it cannot be
 * sent as it is (`encodeURIComponent` throws on it, a query string silently turns it into U+FFFD).
 */
const isWellFormed = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i)
    if (code < 0xd800 || code > 0xdfff) continue
    if (code > 0xdbff) return false
    const next = s.charCodeAt(i + 1)
    if (!(next >= 0xdc00 && next <= 0xdfff)) return false
    i++
  }
  return true
}

/** Whether `s` holds a C0 control character or DEL. */
const hasControl = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i)
    if (code < 0x20 || code === 0x7f) return true
  }
  return false
}

const loneSurrogate = "must not contain a lone surrogate (not valid Unicode)"

/** Why `s` cannot be sent as text of at most `max` characters, or `undefined` when it can. */
const textIssue = (s: string, max: number): string | undefined =>
  s.length > max ? `must be at most ${max} characters` : isWellFormed(s) ? undefined : loneSurrogate

/** Free text as Bootpay takes it: valid Unicode, at most `maxTextLength` characters. */
export const Text = Schema.String.pipe(Schema.filter((s) => textIssue(s, maxTextLength)))

/** A non-empty text (a name, a key). */
export const NonEmptyString = Text.pipe(
  Schema.filter((s) => s.trim().length > 0, { message: () => "must not be empty" })
)

/**
 * An id: a receipt id, order id, billing key or reservation id. Ids are opaque to Bootpay but go
 * into request paths, so one that would change the path (`.` or `..` are dot segments a URL
 * resolves away, a control character) or that cannot be encoded is refused. A `/` is sent as `%2F`,
 * inside its segment.
 */
export const Id = Schema.String.pipe(
  Schema.filter((s) => {
    if (s.length > maxIdLength) return `must be at most ${maxIdLength} characters`
    if (s.trim().length === 0) return "must not be empty"
    if (s === "." || s === "..") return "must not be . or .. (a URL would resolve it away as a dot segment)"
    if (hasControl(s)) return "must not contain control characters"
    return isWellFormed(s) ? undefined : loneSurrogate
  })
)

/**
 * The longest URL sent. Bootpay documents 2,000 characters as the limit of a webhook URL on its message
 * API (error `3028`); no longer webhook URL is known to work anywhere.
 */
export const maxUrlLength = 2_000

/**
 * An absolute `http(s)://` URL with a host (a webhook URL): parsed by `URL` after a length check, so
 * its cost grows with its length and no more.
 */
export const HttpUrl = Schema.String.pipe(
  Schema.filter((s) => {
    if (s.length > maxUrlLength) return `must be at most ${maxUrlLength} characters`
    const scheme = s.slice(0, 8).toLowerCase()
    const hostAt = scheme.startsWith("https://") ? 8 : scheme.startsWith("http://") ? 7 : -1
    const valid =
      hostAt > 0 &&
      s[hostAt] !== undefined &&
      s[hostAt] !== "/" &&
      s[hostAt] !== "\\" &&
      // One character class, no quantifier: each position is looked at once.
      !/\s/.test(s) &&
      !hasControl(s) &&
      isWellFormed(s) &&
      URL.canParse(s) &&
      new URL(s).hostname !== ""
    return valid ? undefined : "must be an http(s) URL"
  })
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
    Schema.filter((s) => lengths.includes(s.length) && /^\d+$/.test(s), {
      message: () => `must be ${what} (${lengths.join(" or ")} digits)`
    })
  )

/** A Korean 3-digit bank code such as `004`. */
export const BankCode = Digits([3], "a 3-digit bank code")

/** How deep a JSON object may nest, and how many values it may hold in all. */
const maxJsonDepth = 64
const maxJsonValues = 100_000

/**
 * Why `value` cannot be sent as JSON, or `undefined` when it can: a lone surrogate in a string or a
 * key, a bigint or a cycle (`JSON.stringify` throws on both), or a size beyond the bounds above.
 */
const jsonIssue = (root: unknown): string | undefined => {
  let values = 0
  const ancestors = new Set<object>()
  const visit = (value: unknown, depth: number): string | undefined => {
    if (++values > maxJsonValues) return `must hold at most ${maxJsonValues} values`
    if (typeof value === "string") return isWellFormed(value) ? undefined : loneSurrogate
    if (typeof value === "bigint") return "must be JSON: a bigint has no JSON form"
    if (typeof value !== "object" || value === null) return undefined
    if (depth > maxJsonDepth) return `must nest at most ${maxJsonDepth} levels deep`
    if (ancestors.has(value)) return "must be JSON: it refers to itself"
    ancestors.add(value)
    for (const key of Object.keys(value)) {
      const issue = isWellFormed(key)
        ? visit((value as Record<string, unknown>)[key], depth + 1)
        : loneSurrogate
      if (issue !== undefined) return issue
    }
    ancestors.delete(value)
    return undefined
  }
  return visit(root, 0)
}

/** A JSON object passed through as given (`metadata`, `extra`), checked to be sendable as JSON. */
export const JsonObject = Schema.Record({ key: Schema.String, value: Schema.Unknown }).pipe(
  Schema.filter(jsonIssue)
)

/** The buyer (`user`) sent with a billing-key issue or charge; every field is optional. */
export const User = Schema.Struct({
  id: Schema.optional(Text),
  username: Schema.optional(Text),
  email: Schema.optional(Text),
  phone: Schema.optional(Text),
  /** 0 female, 1 male. */
  gender: Schema.optional(Schema.Literal(0, 1)),
  birth: Schema.optional(Text),
  area: Schema.optional(Text),
  addr: Schema.optional(Text)
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
  const struct = Schema.Struct({ [key]: Id, ...fields } as { [P in K]: typeof Id } & F)
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
  Schema.transform(Id, Schema.Struct({ [key]: Id } as { [P in K]: typeof Id }), {
    strict: false,
    decode: (id) => ({ [key]: id }),
    encode: (value) => (value as Record<string, string>)[key]!
  })

const decodeOptions = { errors: "all", onExcessProperty: "error" } as const

/**
 * The issue with the caller's values taken out. Effect's default message formats the value
 * (`Expected string, actual ...`), which would quote a card number, and recurses without bound: a
 * value nested thousands of levels deep overflows the stack, a huge one costs its whole size.
 */
const withoutValues = (issue: ParseResult.ParseIssue): ParseResult.ParseIssue => {
  switch (issue._tag) {
    case "Type":
      return new ParseResult.Type(issue.ast, undefined, issue.message)
    case "Pointer":
      return new ParseResult.Pointer(issue.path, undefined, withoutValues(issue.issue))
    case "Composite":
      return new ParseResult.Composite(
        issue.ast,
        undefined,
        Array.isArray(issue.issues)
          ? Arr.map(issue.issues as Arr.NonEmptyReadonlyArray<ParseResult.ParseIssue>, withoutValues)
          : withoutValues(issue.issues as ParseResult.ParseIssue),
        issue.output
      )
    case "Refinement":
      return new ParseResult.Refinement(issue.ast, undefined, issue.kind, withoutValues(issue.issue))
    case "Transformation":
      return new ParseResult.Transformation(issue.ast, undefined, issue.kind, withoutValues(issue.issue))
    default:
      // `Missing`, `Unexpected` and `Forbidden` messages never show the value.
      return issue
  }
}

/** Issues without the offending values (`Expected string, actual undefined` loses its tail too). */
export const issuesOf = (error: ParseResult.ParseError): Array<Issue> => {
  const issues = ParseResult.ArrayFormatter.formatIssueSync(withoutValues(error.issue)).map((issue) => ({
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

/** Issues on one line, as error messages show them: `path: message; path: message`. */
export const formatIssues = (issues: ReadonlyArray<Issue>): string =>
  issues.map((issue) => (issue.path === "" ? issue.message : `${issue.path}: ${issue.message}`)).join("; ")

/** Decodes a caller's input strictly: every problem reported, unknown fields refused. */
export const decodeInput = <W, I>(schema: Schema.Schema<W, I>) => {
  const decode = Schema.decodeUnknownEither(schema, decodeOptions)
  return (input: unknown): Either.Either<W, Array<Issue>> => Either.mapLeft(decode(input), issuesOf)
}

/** Decodes a response, keeping fields this SDK does not know. */
export const decodeOutput = <A, I>(schema: Schema.Schema<A, I>) => {
  const decode = Schema.decodeUnknownEither(schema, { errors: "all", onExcessProperty: "preserve" })
  // Most answers need no transformation: when the parsed JSON already is a valid `A`, it is the
  // result as it stands (unknown fields kept at every depth), at a fraction of a full decode's cost.
  const is: (u: unknown) => u is A =
    (Guard.compile(schema) as ((u: unknown) => u is A) | undefined) ?? Schema.is(Schema.typeSchema(schema))
  return (body: unknown): Either.Either<A, Array<Issue>> =>
    is(body) ? Either.right(body) : Either.mapLeft(decode(body), issuesOf)
}
