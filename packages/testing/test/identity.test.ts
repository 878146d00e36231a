import type { BootpayError } from "@effect-bootpay/core"
import { describe, expect, it } from "vitest"
import { type Outcome, tagOf, targets, value, withTarget } from "./utils/targets.js"

/** A valid `Authentication.request` input. */
const verification = (overrides: Record<string, unknown> = {}) => ({
  pg: "danal",
  method: "본인인증",
  authentication_id: "auth-1",
  order_name: "회원가입 본인인증",
  username: "홍길동",
  identity_no: "9001011",
  carrier: "SKT",
  phone: "01012345678",
  client_ip: "203.0.113.7",
  ...overrides
})

/** The error of a failed outcome; fails the test on success. */
const errorOf = (outcome: Outcome): BootpayError.BootpayError => {
  if ("ok" in outcome) throw new Error("expected a failure, got a success")
  return outcome.error
}

/** The `error_code` Bootpay (the fake) answered with. */
const codeOf = (outcome: Outcome) => {
  const error = errorOf(outcome)
  return { tag: error._tag, code: "errorCode" in error ? error.errorCode : undefined }
}

const receiptIdOf = (outcome: Outcome<Record<string, unknown>>) => value(outcome).receipt_id as string

describe.each(targets)("identity verification contract: $name", ({ start }) => {
  it("request, confirm with the OTP, then the certificate shows the verified person in status 12", () =>
    withTarget(start, async ({ call }) => {
      const pending = value(await call("authentication", "request", verification()))
      expect(pending).toMatchObject({ authenticate_id: "auth-1", status: 0 })
      const receiptId = pending.receipt_id as string
      expect(codeOf(await call("certificate", "lookup", receiptId))).toEqual({
        tag: "IdentityVerificationFailed",
        code: "AUTH_NOT_CONFIRMED"
      })
      const confirmed = value(
        await call("authentication", "confirm", { receipt_id: receiptId, otp: "000000" })
      )
      expect(confirmed).toMatchObject({ receipt_id: receiptId, status: 12, status_locale: "본인인증완료" })
      const certificate = value(await call("certificate", "lookup", receiptId))
      expect(certificate).toMatchObject({ receipt_id: receiptId, status: 12 })
      expect(certificate.authenticated_at).toEqual(expect.stringMatching(/\+09:00$/))
      expect(certificate.authenticate_data).toMatchObject({
        name: "홍길동",
        phone: "010****5678",
        birth: "1990-01-01",
        gender: 1,
        foreigner: 0,
        carrier: "SKT",
        number_of_realarms: 0
      })
      expect((certificate.authenticate_data as { unique: string }).unique).toMatch(/^[A-Za-z0-9+/=]{40,}$/)
    }))

  it("derives birth, gender and foreigner flag from the 7th digit, and accepts 6 digits", () =>
    withTarget(start, async ({ call }) => {
      const person = async (id: string, identityNo: string) => {
        const receiptId = receiptIdOf(
          await call(
            "authentication",
            "request",
            verification({ authentication_id: id, identity_no: identityNo })
          )
        )
        value(await call("authentication", "confirm", { receipt_id: receiptId, otp: "000000" }))
        return value(await call("certificate", "lookup", receiptId)).authenticate_data
      }
      expect(await person("a-1", "0503154")).toMatchObject({ birth: "2005-03-15", gender: 0, foreigner: 0 })
      expect(await person("a-2", "8807016")).toMatchObject({ birth: "1988-07-01", gender: 0, foreigner: 1 })
      expect(await person("a-3", "900101")).toMatchObject({ birth: "1990-01-01", gender: null })
    }))

  it("the same person gets the same CI (unique) across verifications, another person another", () =>
    withTarget(start, async ({ call }) => {
      const uniqueOf = async (id: string, overrides: Record<string, unknown> = {}) => {
        const receiptId = receiptIdOf(
          await call("authentication", "request", verification({ authentication_id: id, ...overrides }))
        )
        const confirmed = value(
          await call("authentication", "confirm", { receipt_id: receiptId, otp: "000000" })
        )
        return (confirmed.authenticate_data as { unique: string }).unique
      }
      const first = await uniqueOf("u-1")
      expect(await uniqueOf("u-2")).toBe(first)
      expect(await uniqueOf("u-3", { username: "김철수" })).not.toBe(first)
    }))

  it("refuses a wrong OTP and accepts the right one afterwards; the OTP is configurable", () =>
    withTarget(start, async ({ store, call }) => {
      const receiptId = receiptIdOf(await call("authentication", "request", verification()))
      expect(
        codeOf(await call("authentication", "confirm", { receipt_id: receiptId, otp: "123456" }))
      ).toEqual({
        tag: "IdentityVerificationFailed",
        code: "AUTH_OTP_INVALID"
      })
      expect(codeOf(await call("authentication", "confirm", { receipt_id: receiptId }))).toEqual({
        tag: "IdentityVerificationFailed",
        code: "AUTH_OTP_INVALID"
      })
      expect(store.identity.certificates.get(receiptId)?.status).toBe(0)
      store.identity.otp = "654321"
      const other = receiptIdOf(
        await call("authentication", "request", verification({ authentication_id: "auth-2" }))
      )
      expect(codeOf(await call("authentication", "confirm", { receipt_id: other, otp: "000000" })).code).toBe(
        "AUTH_OTP_INVALID"
      )
      expect(
        value(await call("authentication", "confirm", { receipt_id: other, otp: "654321" }))
      ).toMatchObject({
        status: 12
      })
    }))

  it("a PASS verification is confirmed without a code", () =>
    withTarget(start, async ({ call }) => {
      const receiptId = receiptIdOf(
        await call("authentication", "request", verification({ authenticate_type: "pass" }))
      )
      expect(value(await call("authentication", "confirm", { receipt_id: receiptId }))).toMatchObject({
        status: 12
      })
    }))

  it("expires 30 minutes after the request: confirm and resend answer AUTH_EXPIRED", () =>
    withTarget(start, async ({ store, call }) => {
      const late = receiptIdOf(await call("authentication", "request", verification()))
      store.advance("29 minutes")
      const inTime = receiptIdOf(
        await call("authentication", "request", verification({ authentication_id: "auth-2" }))
      )
      store.advance("2 minutes")
      expect(codeOf(await call("authentication", "confirm", { receipt_id: late, otp: "000000" }))).toEqual({
        tag: "IdentityVerificationFailed",
        code: "AUTH_EXPIRED"
      })
      expect(codeOf(await call("authentication", "resend", late)).code).toBe("AUTH_EXPIRED")
      expect(codeOf(await call("certificate", "lookup", late)).code).toBe("AUTH_NOT_CONFIRMED")
      expect(
        value(await call("authentication", "confirm", { receipt_id: inTime, otp: "000000" }))
      ).toMatchObject({
        status: 12
      })
    }))

  it("resend counts in number_of_realarms, which the certificate keeps", () =>
    withTarget(start, async ({ call }) => {
      const receiptId = receiptIdOf(await call("authentication", "request", verification()))
      const once = value(await call("authentication", "resend", receiptId))
      expect(once.authenticate_data).toMatchObject({ number_of_realarms: 1 })
      const twice = value(await call("authentication", "resend", receiptId))
      expect(twice.authenticate_data).toMatchObject({ number_of_realarms: 2 })
      value(await call("authentication", "confirm", { receipt_id: receiptId, otp: "000000" }))
      expect(value(await call("certificate", "lookup", receiptId)).authenticate_data).toMatchObject({
        number_of_realarms: 2
      })
    }))

  it("a completed verification cannot be confirmed, resent or requested again with the same id", () =>
    withTarget(start, async ({ call }) => {
      const receiptId = receiptIdOf(await call("authentication", "request", verification()))
      value(await call("authentication", "confirm", { receipt_id: receiptId, otp: "000000" }))
      const already = { tag: "IdentityVerificationFailed", code: "AUTH_ALREADY_AUTHENTICATED" }
      expect(
        codeOf(await call("authentication", "confirm", { receipt_id: receiptId, otp: "000000" }))
      ).toEqual(already)
      expect(codeOf(await call("authentication", "resend", receiptId))).toEqual(already)
      expect(codeOf(await call("authentication", "request", verification()))).toEqual(already)
      expect(
        value(await call("authentication", "request", verification({ authentication_id: "auth-2" })))
      ).toMatchObject({
        status: 0
      })
    }))

  it("a pending request id can be requested again (a new verification)", () =>
    withTarget(start, async ({ call }) => {
      const first = receiptIdOf(await call("authentication", "request", verification()))
      const second = receiptIdOf(await call("authentication", "request", verification()))
      expect(second).not.toBe(first)
      expect(
        value(await call("authentication", "confirm", { receipt_id: second, otp: "000000" }))
      ).toMatchObject({
        status: 12
      })
      expect(codeOf(await call("authentication", "confirm", { receipt_id: first, otp: "000000" })).code).toBe(
        "AUTH_ALREADY_AUTHENTICATED"
      )
    }))

  it("unknown receipt ids are NotFound", () =>
    withTarget(start, async ({ call }) => {
      expect(tagOf(await call("authentication", "confirm", { receipt_id: "nope", otp: "000000" }))).toBe(
        "NotFound"
      )
      expect(tagOf(await call("authentication", "resend", "nope"))).toBe("NotFound")
      expect(tagOf(await call("certificate", "lookup", "nope"))).toBe("NotFound")
    }))

  it("never keeps the identity number or phone number in full, in its state or its request log", () =>
    withTarget(start, async ({ store, call }) => {
      const receiptId = receiptIdOf(
        await call(
          "authentication",
          "request",
          verification({ identity_no: "8802151", phone: "01098765432", user: { phone: "01098765432" } })
        )
      )
      value(await call("authentication", "confirm", { receipt_id: receiptId, otp: "000000" }))
      value(await call("userToken", "issue", { user_id: "member-1", phone: "01098765432" }))
      const kept = JSON.stringify([
        Array.from(store.identity.certificates.values()),
        Array.from(store.identity.userTokens.values()),
        store.requests
      ])
      for (const secret of ["8802151", "01098765432", "98765432"]) expect(kept).not.toContain(secret)
      const recorded = store.requestsFor("Authentication.request")[0]!.body as Record<string, unknown>
      expect(recorded).toMatchObject({
        identity_no: "*******",
        phone: "010****5432",
        user: { phone: "010****5432" }
      })
    }))

  it("issues user tokens and keeps them by token", () =>
    withTarget(start, async ({ store, call }) => {
      const first = value(
        await call("userToken", "issue", { user_id: "member-1", username: "홍길동", gender: 1 })
      )
      const second = value(await call("userToken", "issue", { user_id: "member-1" }))
      expect(first.user_token).toEqual(expect.any(String))
      expect(first.user_token).not.toBe(second.user_token)
      expect(first.expired_at).toEqual(expect.stringMatching(/\+09:00$/))
      expect(store.identity.userTokens.get(first.user_token as string)).toMatchObject({
        user_id: "member-1",
        username: "홍길동",
        gender: 1,
        expired_at: first.expired_at
      })
      expect(tagOf(await call("userToken", "issue", { user_id: "" }))).toBe("InvalidRequest")
    }))

  it("works in bearer-token mode", () =>
    withTarget(
      start,
      async ({ store, call }) => {
        const receiptId = receiptIdOf(await call("authentication", "request", verification()))
        value(await call("authentication", "confirm", { receipt_id: receiptId, otp: "000000" }))
        expect(value(await call("certificate", "lookup", receiptId))).toMatchObject({ status: 12 })
        expect(store.tokenRequests).toBe(1)
      },
      { bearer: true }
    ))
})
