import { describe, expect, it } from "vitest"
import * as ErrorMapping from "../src/internal/errorMapping.js"

const context = (safety: "read" | "idempotent" | "unsafe" = "read"): ErrorMapping.Context => ({
  secrets: [],
  operation: "Receipt.cancel",
  safety,
  nowMillis: Date.parse("2026-01-15T00:00:00Z"),
  resource: { name: "receipt", id: "r-1" },
  ids: { receipt_id: "r-1", order_id: "o-1", cancel_id: "c-1" }
})

const response = (status: number, body: unknown, retryAfter?: string): ErrorMapping.Failure => ({
  _tag: "Response",
  status,
  body,
  retryAfter
})

describe("error mapping", () => {
  const table: ReadonlyArray<
    [string, ErrorMapping.Failure, "read" | "idempotent" | "unsafe", string, Record<string, unknown>]
  > = [
    [
      "RC_NOT_FOUND",
      response(404, { error_code: "RC_NOT_FOUND", message: "없음" }),
      "read",
      "NotFound",
      { resource: "receipt", id: "r-1" }
    ],
    ["RC_NOT_FOUND on any status", response(400, { error_code: "RC_NOT_FOUND" }), "read", "NotFound", {}],
    [
      "RC_CONFIRM_FAILED",
      response(400, { error_code: "RC_CONFIRM_FAILED", message: "잔액부족", pg_error_code: 3011 }),
      "unsafe",
      "PgRefused",
      { pgErrorCode: 3011 }
    ],
    [
      "RC_CANCEL_SERVER_ERROR",
      response(400, { error_code: "RC_CANCEL_SERVER_ERROR", message: "불가" }),
      "unsafe",
      "PgRefused",
      { errorCode: "RC_CANCEL_SERVER_ERROR" }
    ],
    [
      "an unknown code with a pg_error_code",
      response(400, { error_code: "X", pg_error_code: "51" }),
      "unsafe",
      "PgRefused",
      {}
    ],
    [
      "RC_CONFIRM_CRITICAL_FAILED",
      response(500, { error_code: "RC_CONFIRM_CRITICAL_FAILED" }),
      "unsafe",
      "OutcomeUnknown",
      { reason: "critical", receiptId: "r-1", orderId: "o-1", cancelId: "c-1" }
    ],
    [
      "RC_CANCEL_CRITICAL_ERROR even for an idempotent call",
      response(500, { error_code: "RC_CANCEL_CRITICAL_ERROR" }),
      "idempotent",
      "OutcomeUnknown",
      { reason: "critical" }
    ],
    ["TOKEN_KEY_INVALID", response(401, { error_code: "TOKEN_KEY_INVALID" }), "read", "TokenExpired", {}],
    [
      "APP_KEY_NOT_FOUND",
      response(401, { error_code: "APP_KEY_NOT_FOUND" }),
      "read",
      "InvalidCredentials",
      { status: 401 }
    ],
    [
      "APP_SK_NOT_MATCHED",
      response(401, { error_code: "APP_SK_NOT_MATCHED" }),
      "read",
      "InvalidCredentials",
      {}
    ],
    ["APP_KEY_NOT_REST", response(400, { error_code: "APP_KEY_NOT_REST" }), "read", "InvalidCredentials", {}],
    ["a bare 401", response(401, undefined), "read", "InvalidCredentials", {}],
    ["a bare 403", response(403, { message: "ip" }), "read", "InvalidCredentials", {}],
    [
      "AUTH_EXPIRED",
      response(400, { error_code: "AUTH_EXPIRED" }),
      "unsafe",
      "IdentityVerificationFailed",
      { errorCode: "AUTH_EXPIRED" }
    ],
    [
      "AUTH_ALREADY_AUTHENTICATED",
      response(400, { error_code: "AUTH_ALREADY_AUTHENTICATED" }),
      "unsafe",
      "IdentityVerificationFailed",
      {}
    ],
    [
      "429 with Retry-After seconds",
      response(429, { message: "slow" }, "3"),
      "read",
      "RateLimited",
      { retryAfterMillis: 3000 }
    ],
    [
      "429 with an HTTP date",
      response(429, {}, "Thu, 15 Jan 2026 00:00:10 GMT"),
      "read",
      "RateLimited",
      { retryAfterMillis: 10_000 }
    ],
    ["429 without Retry-After", response(429, {}), "unsafe", "RateLimited", { retryAfterMillis: undefined }],
    [
      "an unknown code",
      response(400, { error_code: "SOMETHING_NEW", message: "새 오류" }),
      "read",
      "ApiError",
      { status: 400, errorCode: "SOMETHING_NEW", message: "새 오류" }
    ],
    [
      "a numeric code",
      response(400, { error_code: -401, message: "x" }),
      "read",
      "ApiError",
      { errorCode: -401 }
    ],
    ["500 without a body on a read", response(500, undefined), "read", "ApiError", { status: 500 }],
    [
      "502 without a body on an unsafe call",
      response(502, undefined),
      "unsafe",
      "OutcomeUnknown",
      { reason: "server" }
    ],
    [
      "500 with a Bootpay code on an unsafe call",
      response(500, { error_code: "INTERNAL" }),
      "unsafe",
      "ApiError",
      {}
    ],
    [
      "refused connection (never sent)",
      { _tag: "Transport", maybeSent: false, detail: "ECONNREFUSED" },
      "unsafe",
      "TransportError",
      { maybeSent: false }
    ],
    [
      "reset on a read",
      { _tag: "Transport", maybeSent: true, detail: "ECONNRESET" },
      "read",
      "TransportError",
      { maybeSent: true }
    ],
    [
      "reset on an idempotent call (it may have gone through; the client repeats it)",
      { _tag: "Transport", maybeSent: true, detail: "ECONNRESET" },
      "idempotent",
      "OutcomeUnknown",
      { reason: "connection" }
    ],
    [
      "refused connection on an idempotent call",
      { _tag: "Transport", maybeSent: false, detail: "ECONNREFUSED" },
      "idempotent",
      "TransportError",
      { maybeSent: false }
    ],
    [
      "RC_CANCEL_CRITICAL_ERROR on a read: a transient ApiError",
      response(500, { error_code: "RC_CANCEL_CRITICAL_ERROR", message: "PG timeout" }),
      "read",
      "ApiError",
      { errorCode: "RC_CANCEL_CRITICAL_ERROR" }
    ],
    [
      "timeout after sending an idempotent call",
      { _tag: "Timeout", maybeSent: true, timeoutMillis: 5 },
      "idempotent",
      "OutcomeUnknown",
      { reason: "timeout" }
    ],
    [
      "reset on an unsafe call",
      { _tag: "Transport", maybeSent: true, detail: "ECONNRESET" },
      "unsafe",
      "OutcomeUnknown",
      { reason: "connection" }
    ],
    [
      "timeout before sending",
      { _tag: "Timeout", maybeSent: false, timeoutMillis: 5 },
      "unsafe",
      "RequestTimeout",
      { timeoutMillis: 5 }
    ],
    [
      "timeout on a read",
      { _tag: "Timeout", maybeSent: true, timeoutMillis: 5 },
      "read",
      "RequestTimeout",
      {}
    ],
    [
      "timeout after sending an unsafe call",
      { _tag: "Timeout", maybeSent: true, timeoutMillis: 5 },
      "unsafe",
      "OutcomeUnknown",
      { reason: "timeout" }
    ]
  ]

  for (const [name, failure, safety, tag, fields] of table) {
    it(`${name} -> ${tag}`, () => {
      const error = ErrorMapping.classify(failure, context(safety))
      expect(error._tag).toBe(tag)
      expect(error).toMatchObject({ operation: "Receipt.cancel", ...fields })
      expect(error).toBeInstanceOf(Error)
    })
  }

  it("retryability follows the tag", () => {
    const classify = (failure: ErrorMapping.Failure, safety: "read" | "unsafe" = "read") =>
      ErrorMapping.classify(failure, context(safety)).isRetryable
    expect(classify(response(500, undefined))).toBe(true)
    expect(classify(response(400, { error_code: "X" }))).toBe(false)
    expect(classify(response(429, {}))).toBe(true)
    expect(classify({ _tag: "Transport", maybeSent: true, detail: "ECONNRESET" })).toBe(true)
    expect(classify({ _tag: "Transport", maybeSent: true, detail: "ECONNRESET" }, "unsafe")).toBe(false)
    expect(classify(response(404, { error_code: "RC_NOT_FOUND" }))).toBe(false)
  })

  it("a refused connection was never sent, anything else may have been", () => {
    expect(ErrorMapping.transportMaybeSent({ cause: { code: "ECONNREFUSED" } })).toBe(false)
    expect(ErrorMapping.transportMaybeSent({ code: "ENOTFOUND" })).toBe(false)
    expect(ErrorMapping.transportMaybeSent({ code: "ECONNRESET" })).toBe(true)
    expect(ErrorMapping.transportMaybeSent(new Error("other"))).toBe(true)
  })

  it("a 2xx body with error_code is an error", () => {
    expect(ErrorMapping.isErrorBody({ error_code: "X" })).toBe(true)
    expect(ErrorMapping.isErrorBody({ receipt_id: "r" })).toBe(false)
    expect(ErrorMapping.isErrorBody([{ error_code: "X" }])).toBe(false)
  })
})

describe("the duplicate cancel_id assumption (CONTRACT.md 4.2, inferred)", () => {
  const refusal = (errorCode: string, message: string, status = 400) =>
    ErrorMapping.classify(response(status, { error_code: errorCode, message }), context("idempotent"))

  it("recognises a refusal that names cancel_id, as the fake sends it", () => {
    expect(
      ErrorMapping.isDuplicateCancelRefusal(
        refusal("RC_CANCEL_SERVER_ERROR", "이미 처리된 취소 요청입니다 (cancel_id c-1)")
      )
    ).toBe(true)
  })

  it("recognises a code that names a duplicate", () => {
    expect(ErrorMapping.isDuplicateCancelRefusal(refusal("RC_CANCEL_DUPLICATED", "중복 요청"))).toBe(true)
  })

  it("does not take other cancel refusals, gateway errors or other errors for it", () => {
    expect(
      ErrorMapping.isDuplicateCancelRefusal(
        refusal("RC_CANCEL_SERVER_ERROR", "취소 금액이 취소 가능 금액을 초과합니다")
      )
    ).toBe(false)
    expect(ErrorMapping.isDuplicateCancelRefusal(refusal("RC_CANCEL_SERVER_ERROR", "cancel_id", 502))).toBe(
      false
    )
    expect(
      ErrorMapping.isDuplicateCancelRefusal(
        ErrorMapping.classify(
          { _tag: "Transport", maybeSent: false, detail: "cancel_id" },
          context("idempotent")
        )
      )
    ).toBe(false)
  })
})
