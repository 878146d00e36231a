/**
 * The fake's Commerce API (`/v1`): a placeholder that answers every request with 404 until the
 * Commerce fake lands. The path it sees is below `/v1`, as the PG router sees its path below `/v2`.
 */
import type { FakeStore } from "../../FakeStore.js"
import type { FakeRequest, Outcome } from "../router.js"

/** Routes one Commerce request against the store. */
export const route = (_store: FakeStore, request: FakeRequest): Outcome => ({
  _tag: "Reply",
  delayMillis: 0,
  reply: {
    status: 404,
    body: {
      success: false,
      error_code: "NOT_FOUND",
      message: `the fake has no Commerce route for ${request.method} ${request.path}`
    }
  }
})
