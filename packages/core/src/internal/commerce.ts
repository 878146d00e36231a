/**
 * What every Commerce declaration shares: the maker (API, module prefix, the role refusal every
 * Commerce call can meet, the header fields) and the fields many inputs share (whole numbers, tag
 * lists, open objects). Pages and their
 * walker are public: `commerce/Paging.ts`.
 */
import * as Schema from "effect/Schema"
import type * as BootpayError from "../BootpayError.js"
import { InsufficientRole, OutcomeUnknown } from "../BootpayError.js"
import { CommerceClient } from "../CommerceClient.js"
import * as Operation from "../Operation.js"
import { Id, JsonObject, Text } from "./schemas.js"

const declare = Operation.makeFor(CommerceClient)

/** What a Commerce declaration gives beyond a PG one. */
export interface Spec<I, W, A, Errors extends ReadonlyArray<Operation.ErrorClass<BootpayError.BootpayError>>>
  extends Omit<Operation.Spec<I, W, A, Errors>, "api" | "headerFields" | "idempotencyKey"> {
  /** Sends an `Idempotency-Key` (the input's `idempotency_key`, or one made per call). */
  readonly idempotencyKey?: boolean
  /** Sends the input's `user_jwt` as `Bootpay-User-JWT`. */
  readonly userJwt?: boolean
}

/**
 * Declares a Commerce operation of module `Commerce.<module>`. Every one can meet
 * `InsufficientRole`; every one that is not a read can end `OutcomeUnknown` (its answer lost).
 */
export const make = <
  I,
  W,
  A,
  const S extends Operation.Safety,
  const Errors extends ReadonlyArray<Operation.ErrorClass<BootpayError.BootpayError>> = readonly [],
  const Args extends ReadonlyArray<string> | undefined = undefined
>(
  spec: Spec<I, W, A, Errors> & { readonly safety: S; readonly args?: Args }
): Operation.Operation<
  I,
  W,
  A,
  InsufficientRole | (S extends "read" ? never : OutcomeUnknown) | InstanceType<Errors[number]>,
  CommerceClient
> & { readonly "~args"?: Args } =>
  declare({
    ...spec,
    api: "commerce",
    module: `Commerce.${spec.module}`,
    errors: [
      InsufficientRole,
      ...(spec.safety === "read" ? [] : [OutcomeUnknown]),
      ...(spec.errors ?? [])
    ] as unknown as Errors,
    idempotencyKey: spec.idempotencyKey ?? false,
    headerFields: {
      ...(spec.idempotencyKey === true ? { idempotency_key: "idempotency-key" } : {}),
      ...(spec.userJwt === true ? { user_jwt: "bootpay-user-jwt" } : {})
    }
  }) as never

/** The caller's own `Idempotency-Key` for a call (sent as the header, never in the body or query). */
export const idempotencyKey = Schema.optional(Id)

/** A member's JWT from a member login, sent as `Bootpay-User-JWT`. */
export const userJwt = Schema.optional(Id)

/** A page number or size as Bootpay takes it: a positive whole number. */
export const PositiveInt = Schema.Number.pipe(
  Schema.filter((n) => (Number.isSafeInteger(n) && n > 0) || "must be a positive whole number")
)

/** A date or time filter as text (`2026-01-31`, ISO 8601). */
export const DateText = Text

/** The paging fields of a list call. */
export const paging = {
  page: Schema.optional(PositiveInt),
  limit: Schema.optional(PositiveInt)
}

/** A whole number, zero or more: a count, a stock, a day number, a code. */
export const Count = Schema.Number.pipe(
  Schema.filter((n) => (Number.isSafeInteger(n) && n >= 0) || "must be a whole number, zero or more")
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
