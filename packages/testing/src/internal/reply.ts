/** What a fake handler answers, and helpers to build Bootpay-shaped answers. */
import type { FakeStore, Json } from "../FakeStore.js"

/** The fake's answer to one request. */
export interface Reply {
  readonly status: number
  readonly body: unknown
  readonly headers?: Readonly<Record<string, string>>
}

/** What a handler sees of a request. */
export interface HandlerContext {
  readonly store: FakeStore
  /** Path parameters, decoded. */
  readonly params: Readonly<Record<string, string>>
  readonly query: Readonly<Record<string, string>>
  /** The JSON body, `{}` when absent. */
  readonly body: Json
}

/** Handles one operation. */
export type Handler = (context: HandlerContext) => Reply

/** A 200 answer. */
export const ok = (body: unknown): Reply => ({ status: 200, body })

/** A Bootpay error answer. */
export const error = (status: number, errorCode: string, message: string, extra: Json = {}): Reply => ({
  status,
  body: { error_code: errorCode, message, ...extra }
})

/** `RC_NOT_FOUND` for a missing receipt. */
export const receiptNotFound = (receiptId: string): Reply =>
  error(404, "RC_NOT_FOUND", `영수증을 찾을 수 없습니다 (${receiptId})`)

/** A string field of the body, or `undefined`. */
export const str = (body: Json, key: string): string | undefined =>
  typeof body[key] === "string" ? (body[key] as string) : undefined

/** A number field of the body, or `undefined`. */
export const num = (body: Json, key: string): number | undefined =>
  typeof body[key] === "number" ? (body[key] as number) : undefined

/** `INVALID_PARAMETER` naming the first of `fields` the body lacks (missing or empty), if any. */
export const missing = (body: Json, fields: ReadonlyArray<string>): Reply | undefined => {
  const absent = fields.find(
    (field) => body[field] === undefined || body[field] === null || body[field] === ""
  )
  return absent === undefined ? undefined : error(400, "INVALID_PARAMETER", `${absent} 값을 입력해주세요`)
}

/**
 * `INVALID_PARAMETER` naming the first of `fields` the body carries as something other than a string
 * (an `order_id` sent as a number), if any. The contract does not say what Bootpay does with a number
 * there; the fake refuses it rather than storing an empty string.
 */
export const notText = (body: Json, fields: ReadonlyArray<string>): Reply | undefined => {
  const wrong = fields.find(
    (field) => body[field] !== undefined && body[field] !== null && typeof body[field] !== "string"
  )
  return wrong === undefined
    ? undefined
    : error(400, "INVALID_PARAMETER", `${wrong} 값은 문자열이어야 합니다 (${typeof body[wrong]} 받음)`)
}
