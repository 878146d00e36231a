/** How the fake answers Commerce calls: data in Bootpay's `{ success, data }` envelope, errors beside it. */
import type { CommerceState } from "../../FakeCommerce.js"
import type { Json } from "../../FakeStore.js"
import type { Reply } from "../reply.js"

/** What a Commerce handler sees of a request. */
export interface CommerceContext {
  readonly state: CommerceState
  /** Path parameters, decoded. */
  readonly params: Readonly<Record<string, string>>
  readonly query: Readonly<Record<string, string>>
  /** The JSON body (`{}` when absent), with the query and path parameters merged in. */
  readonly body: Json
  /** Request headers, lower-case names (no `authorization`). */
  readonly headers: Readonly<Record<string, string>>
}

/** Handles one Commerce operation. */
export type CommerceHandler = (context: CommerceContext) => Reply

/** A 200 answer carrying `data`. */
export const data = (value: unknown): Reply => ({ status: 200, body: { success: true, data: value } })

/** A Commerce error answer. */
export const failure = (status: number, errorCode: string | number, message: string): Reply => ({
  status,
  body: { success: false, error_code: errorCode, message }
})

/** A 404 for a missing object. */
export const notFound = (what: string, id: string): Reply => failure(404, 404, `${what} not found (${id})`)

/** A 400 naming the first of `fields` the body lacks, if any. */
export const requireFields = (body: Json, fields: ReadonlyArray<string>): Reply | undefined => {
  const absent = fields.find(
    (field) => body[field] === undefined || body[field] === null || body[field] === ""
  )
  return absent === undefined ? undefined : failure(400, "INVALID_PARAMETER", `${absent} is required`)
}

/** One page of `items` as Bootpay sends `{ items, total }`, from the query's `page` and `limit`. */
export const page = (items: ReadonlyArray<unknown>, query: Readonly<Record<string, string>>, limit = 20) => {
  const size = Math.max(1, Number(query.limit ?? limit) || limit)
  const number = Math.max(1, Number(query.page ?? 1) || 1)
  return { items: items.slice((number - 1) * size, number * size), total: items.length }
}

/** The body's fields that are set (not `undefined`). */
export const defined = (body: Json, keys: ReadonlyArray<string>): Json =>
  Object.fromEntries(keys.filter((key) => body[key] !== undefined).map((key) => [key, body[key]]))
