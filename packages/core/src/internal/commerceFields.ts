/**
 * Field schemas shared by the Commerce catalogue modules (groups, products, categories, coupons,
 * points, cart, mall settings): whole numbers, amounts, tag lists and open objects.
 */
import * as Schema from "effect/Schema"
import { JsonObject, Text } from "./schemas.js"

/** A whole number, zero or more: a count, a stock, a day number, a code. */
export const Count = Schema.Number.pipe(
  Schema.filter((n) => (Number.isSafeInteger(n) && n >= 0) || "must be a whole number, zero or more")
)

/** A whole amount in KRW, zero or more. */
export const Amount = Schema.Number.pipe(
  Schema.filter((n) => (Number.isSafeInteger(n) && n >= 0) || "must be a whole amount in KRW, zero or more")
)

/** A finite number, zero or more: a rate or a discount that may be a percentage. */
export const NonNegative = Schema.Number.pipe(
  Schema.filter((n) => (Number.isFinite(n) && n >= 0) || "must be a number, zero or more")
)

const isJson = Schema.is(JsonObject)

/** A list of texts (tags, SEO keywords). */
export const Texts = Schema.Array(Text)

/**
 * An object whose known fields are checked and whose other fields pass as JSON (a product option,
 * a subscription setting): Bootpay's shape of these is only partly documented.
 */
export const OpenStruct = <F extends Schema.Struct.Fields>(fields: F) =>
  Schema.Struct(fields, Schema.Record({ key: Schema.String, value: Schema.Unknown })).pipe(
    Schema.filter((value) => isJson(value) || "must be sendable as JSON")
  )

/** Any JSON value (a list, a code, an object), checked to be sendable as JSON. */
export const JsonValue = Schema.Unknown.pipe(
  Schema.filter((value) => (value !== undefined && isJson({ value })) || "must be sendable as JSON")
)

/** The input of a call that takes none: nothing, or an empty object. */
export const NoInput = Schema.UndefinedOr(
  Schema.Struct({}).pipe(Schema.filter((value) => Object.keys(value).length === 0 || "takes no fields"))
)

/**
 * An optional input of only optional fields: `undefined` decodes to `{}`, so the call's header
 * fields (an idempotency key made for it) always have an object to go in.
 */
export const OptionalFields = <F extends Schema.Struct.Fields>(fields: F) => {
  const struct = Schema.Struct(fields)
  return Schema.Union(
    struct,
    Schema.transform(Schema.Undefined, Schema.typeSchema(struct), {
      strict: false,
      decode: () => ({}),
      encode: () => undefined
    })
  )
}
