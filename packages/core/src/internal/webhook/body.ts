/**
 * A webhook body decoded into an unverified `Event`: JSON or form data (whose strings are turned back
 * into the receipt's numbers, booleans and objects), copied plain so no key can reach a prototype,
 * and refused beyond `maxBodyDepth` levels of nesting.
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import type { Issue } from "../../BootpayError.js"
import { decodeOutput } from "../schemas.js"
import { WebhookInvalidBody } from "./errors.js"
import { Event } from "./event.js"
import { typeFromStatus } from "./verify.js"

/** The most a decoded body may nest (objects and lists); Bootpay's receipts need three levels. */
export const maxBodyDepth = 32

/** A `WebhookInvalidBody` for `reason`. */
export const invalidBody = (reason: string, issues: ReadonlyArray<Issue> = []) =>
  new WebhookInvalidBody({ reason, issues })

const parseJson = Schema.decodeUnknownEither(Schema.parseJson())

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value)

const isFormType = (contentType: string | undefined): boolean =>
  contentType !== undefined && /application\/x-www-form-urlencoded/i.test(contentType)

/** Receipt fields the schema wants as numbers; form data carries them as strings. */
const numberFields: ReadonlySet<string> = new Set([
  "price",
  "tax_free",
  "cancelled_price",
  "cancelled_tax_free",
  "status"
])
const nestedNumberFields: Readonly<Record<string, ReadonlySet<string>>> = {
  card_data: new Set(["point", "coupon"])
}
const booleanFields: ReadonlySet<string> = new Set(["sandbox"])
/** Only these may hold a JSON string: an `order_name` such as `[이벤트] 상품` must stay text. */
const isObjectField = (key: string): boolean => key === "metadata" || key.endsWith("_data")
/** Keys that reach or replace a prototype (`obj[key] = ...`, a bracket path, a spread into a schema's output). */
const unsafeKeys: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"])

const toNumber = (value: string): number | string | null =>
  value === "" ? null : /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value

const toBoolean = (value: string): boolean | string | null =>
  value === ""
    ? null
    : value === "true" || value === "1"
      ? true
      : value === "false" || value === "0"
        ? false
        : value

/** `card_data[card_no]` -> `["card_data", "card_no"]`; `a[]` appends to an array. */
const bracketPath = (key: string): ReadonlyArray<string> => {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])+)$/.exec(key)
  if (match === null) return [key]
  return [match[1]!, ...Array.from(match[2]!.matchAll(/\[([^[\]]*)\]/g), (part) => part[1]!)]
}

const assign = (target: Record<string, unknown>, path: ReadonlyArray<string>, value: string): void => {
  if (path.some((segment) => unsafeKeys.has(segment))) return
  let node: Record<string, unknown> | Array<unknown> = target
  for (const [index, segment] of path.entries()) {
    if (Array.isArray(node)) {
      // Only `key[]=value` lists are supported; deeper structures inside lists come as JSON strings.
      if (index === path.length - 1) node.push(value)
      return
    }
    if (index === path.length - 1) {
      node[segment] = value
      return
    }
    const wantsList = path[index + 1] === ""
    const child: unknown = node[segment]
    if (wantsList ? !Array.isArray(child) : !isRecord(child)) node[segment] = wantsList ? [] : {}
    node = node[segment] as Record<string, unknown> | Array<unknown>
  }
}

const parseForm = (text: string): Record<string, unknown> => {
  const fields: Record<string, unknown> = {}
  for (const [key, value] of new URLSearchParams(text)) assign(fields, bracketPath(key), value)
  return fields
}

/** Turns form strings back into the types a receipt has; values already typed are left alone. */
const coerceForm = (fields: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(fields).map(([key, value]) => {
      if (typeof value === "string") {
        if (numberFields.has(key)) return [key, toNumber(value)]
        if (booleanFields.has(key)) return [key, toBoolean(value)]
        if (isObjectField(key)) {
          if (value === "") return [key, null]
          if (/^\s*[{[]/.test(value)) {
            const parsed = parseJson(value)
            if (Either.isRight(parsed)) return [key, coerceNested(key, parsed.right)]
          }
        }
        return [key, value]
      }
      return [key, coerceNested(key, value)]
    })
  )

const coerceNested = (key: string, value: unknown): unknown => {
  const numeric = nestedNumberFields[key]
  if (numeric === undefined || !isRecord(value)) return value
  return Object.fromEntries(
    Object.entries(value).map(([field, inner]) => [
      field,
      numeric.has(field) && typeof inner === "string" ? toNumber(inner) : inner
    ])
  )
}

const tooDeep: unique symbol = Symbol("tooDeep")

/**
 * A plain copy of parsed data: objects get `Object.prototype` and lose every `__proto__`,
 * `constructor` and `prototype` key, at every depth; `tooDeep` beyond `maxBodyDepth` levels.
 */
const clean = (value: unknown, level: number): unknown => {
  if (typeof value !== "object" || value === null) return value
  if (level > maxBodyDepth) return tooDeep
  if (Array.isArray(value)) {
    const items: Array<unknown> = []
    for (const item of value) {
      const copy = clean(item, level + 1)
      if (copy === tooDeep) return tooDeep
      items.push(copy)
    }
    return items
  }
  const fields: Record<string, unknown> = {}
  for (const key of Object.keys(value)) {
    if (unsafeKeys.has(key)) continue
    const copy = clean((value as Record<string, unknown>)[key], level + 1)
    if (copy === tooDeep) return tooDeep
    fields[key] = copy
  }
  return fields
}

// Unknown fields are kept, as for every response: Bootpay adds fields without notice.
const decodeEvent = decodeOutput(Event)

const fromFields = (parsed: unknown): Effect.Effect<Event, WebhookInvalidBody> => {
  const fields = clean(parsed, 1)
  if (fields === tooDeep) return Effect.fail(invalidBody(`the body nests deeper than ${maxBodyDepth} levels`))
  if (!isRecord(fields)) return Effect.fail(invalidBody("the body is not an object"))
  const given = fields.webhook_type
  const webhookType = typeof given === "string" && given !== "" ? given : typeFromStatus(fields)
  if (webhookType === undefined) {
    return Effect.fail(
      invalidBody(
        typeof fields.status === "number"
          ? `no webhook_type, and status ${fields.status} names no event`
          : "no webhook_type and no status"
      )
    )
  }
  return Either.match(decodeEvent({ ...fields, webhook_type: webhookType }), {
    onLeft: (issues) => Effect.fail(invalidBody("the body is not a Bootpay receipt", issues)),
    onRight: Effect.succeed
  })
}

/** A raw body decoded, unverified (`Webhook.decode`). */
export const decode = (
  body: string | Uint8Array,
  contentType?: string
): Effect.Effect<Event, WebhookInvalidBody> =>
  Effect.suspend(() => {
    const text = typeof body === "string" ? body : new TextDecoder().decode(body)
    const form = contentType === undefined ? !/^\s*[{[]/.test(text) : isFormType(contentType)
    if (form) return fromFields(coerceForm(parseForm(text)))
    return Either.match(parseJson(text), {
      onLeft: () => Effect.fail(invalidBody("the body is not JSON")),
      onRight: fromFields
    })
  })

/** A body a framework already parsed, decoded as `decode` does (`Webhook.decodeParsed`). */
export const decodeParsed = (
  value: unknown,
  contentType?: string
): Effect.Effect<Event, WebhookInvalidBody> =>
  Effect.suspend(() => fromFields(isFormType(contentType) && isRecord(value) ? coerceForm(value) : value))
