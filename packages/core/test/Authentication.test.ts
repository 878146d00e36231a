import { describe, expect, it } from "@effect/vitest"
import { Authentication, BootpayError } from "@effect-bootpay/core"
import * as Effect from "effect/Effect"
import { certificateBody, pendingCertificateBody } from "./utils/certificate.js"
import { authModes, clientLayer, withToken } from "./utils/mockHttp.js"

const ok = (body: unknown) => () => ({ status: 200, body })

const apiCalls = <R extends { path: string }>(requests: ReadonlyArray<R>) =>
  requests.filter((request) => request.path !== "/request/token")

/** Every required field of `Authentication.request`, valid. */
const verification = {
  pg: "danal",
  method: "본인인증",
  authentication_id: "auth-2026-0001",
  order_name: "회원가입 본인인증",
  username: "홍길동",
  identity_no: "9001011",
  carrier: "SKT",
  phone: "01012345678",
  client_ip: "203.0.113.7"
} as const

const required = Object.keys(verification) as ReadonlyArray<keyof typeof verification>

describe("Authentication", () => {
  for (const mode of authModes) {
    describe(`${mode.name} mode`, () => {
      it.effect("request posts the required fields and decodes the pending certificate", () => {
        const { layer, requests } = clientLayer(mode.options, withToken(ok(pendingCertificateBody())))
        return Effect.gen(function* () {
          const pending = yield* Authentication.request(verification)
          expect(pending).toMatchObject({ receipt_id: "62b12f4b6d3e4e0021f5c8d1", status: 0 })
          expect(pending.authenticate_data?.number_of_realarms).toBe(0)
          const [request] = apiCalls(requests)
          expect(request).toMatchObject({
            method: "POST",
            path: "/request/authentication",
            query: {},
            headers: { authorization: mode.authorization, "content-type": "application/json" }
          })
          expect(request!.body).toEqual(verification)
        }).pipe(Effect.provide(layer))
      })

      it.effect("request sends the optional fields the caller set", () => {
        const { layer, requests } = clientLayer(mode.options, withToken(ok(pendingCertificateBody())))
        const input = {
          ...verification,
          identity_no: "900101",
          carrier: "LGU+_MVNO",
          phone: "0161234567",
          client_ip: "2001:db8::1",
          site_url: "https://shop.example.com",
          authenticate_type: "pass",
          extra: { expire_seconds: 300 },
          user: { id: "member-1", email: "buyer@example.com" },
          metadata: { signup: true }
        } as const
        return Effect.gen(function* () {
          yield* Authentication.request(input)
          expect(apiCalls(requests)[0]!.body).toEqual(input)
        }).pipe(Effect.provide(layer))
      })

      it.effect("confirm posts the receipt id and the SMS code, and decodes status 12", () => {
        const { layer, requests } = clientLayer(mode.options, withToken(ok(certificateBody())))
        return Effect.gen(function* () {
          const certificate = yield* Authentication.confirm({
            receipt_id: "62b12f4b6d3e4e0021f5c8d1",
            otp: "123456"
          })
          expect(certificate.status).toBe(12)
          expect(certificate.authenticate_data?.name).toBe("홍길동")
          expect(apiCalls(requests)[0]).toMatchObject({
            method: "POST",
            path: "/authenticate/confirm",
            query: {},
            body: { receipt_id: "62b12f4b6d3e4e0021f5c8d1", otp: "123456" },
            headers: { authorization: mode.authorization }
          })
        }).pipe(Effect.provide(layer))
      })

      it.effect("confirm without a code (PASS) sends no otp field", () => {
        const { layer, requests } = clientLayer(mode.options, withToken(ok(certificateBody())))
        return Effect.gen(function* () {
          yield* Authentication.confirm({ receipt_id: "62b12f4b6d3e4e0021f5c8d1" })
          expect(apiCalls(requests)[0]!.body).toEqual({ receipt_id: "62b12f4b6d3e4e0021f5c8d1" })
        }).pipe(Effect.provide(layer))
      })

      it.effect("resend posts the receipt id to /authenticate/realarm", () => {
        const { layer, requests } = clientLayer(
          mode.options,
          withToken(ok(pendingCertificateBody({ authenticate_data: { number_of_realarms: 2 } })))
        )
        return Effect.gen(function* () {
          const pending = yield* Authentication.resend("62b12f4b6d3e4e0021f5c8d1")
          expect(pending.authenticate_data?.number_of_realarms).toBe(2)
          expect(apiCalls(requests)[0]).toMatchObject({
            method: "POST",
            path: "/authenticate/realarm",
            query: {},
            body: { receipt_id: "62b12f4b6d3e4e0021f5c8d1" },
            headers: { authorization: mode.authorization }
          })
        }).pipe(Effect.provide(layer))
      })
    })
  }

  describe("validation sends nothing", () => {
    const invalid: ReadonlyArray<[string, Record<string, unknown>, string]> = [
      ...required.map((field): [string, Record<string, unknown>, string] => {
        const { [field]: _omitted, ...rest } = verification
        return [`missing ${field}`, rest, field]
      }),
      ["empty pg", { ...verification, pg: "" }, "pg"],
      ["blank authentication_id", { ...verification, authentication_id: " " }, "authentication_id"],
      ["identity_no of 5 digits", { ...verification, identity_no: "90010" }, "identity_no"],
      ["identity_no of 8 digits", { ...verification, identity_no: "90010112" }, "identity_no"],
      ["identity_no with a dash", { ...verification, identity_no: "900101-1" }, "identity_no"],
      ["identity_no as a number", { ...verification, identity_no: 9001011 }, "identity_no"],
      ["an unknown carrier", { ...verification, carrier: "LGT" }, "carrier"],
      ["a lower-case carrier", { ...verification, carrier: "skt" }, "carrier"],
      ["a phone with dashes", { ...verification, phone: "010-1234-5678" }, "phone"],
      ["a phone of 9 digits", { ...verification, phone: "010123456" }, "phone"],
      ["a phone of 12 digits", { ...verification, phone: "010123456789" }, "phone"],
      ["an IPv4 octet above 255", { ...verification, client_ip: "256.1.1.1" }, "client_ip"],
      ["an IPv4 with 3 parts", { ...verification, client_ip: "10.0.1" }, "client_ip"],
      ["an IPv6 with two ::", { ...verification, client_ip: "2001::db8::1" }, "client_ip"],
      ["an IPv6 with 9 groups", { ...verification, client_ip: "1:2:3:4:5:6:7:8:9" }, "client_ip"],
      ["a host name as IP", { ...verification, client_ip: "localhost" }, "client_ip"],
      ["an unknown authenticate_type", { ...verification, authenticate_type: "kakao" }, "authenticate_type"],
      ["an empty site_url", { ...verification, site_url: "" }, "site_url"],
      ["a user gender of 2", { ...verification, user: { gender: 2 } }, "user.gender"],
      ["a misspelt field", { ...verification, authenticate_id: "a-1" }, "authenticate_id"]
    ]
    for (const [name, input, path] of invalid) {
      it.effect(`request: ${name}`, () => {
        const { layer, requests } = clientLayer(authModes[1].options, withToken(ok(pendingCertificateBody())))
        return Effect.gen(function* () {
          const error = yield* Effect.flip(Authentication.request(input as Authentication.RequestInput))
          expect(error).toBeInstanceOf(BootpayError.InvalidRequest)
          if (error._tag === "InvalidRequest") {
            expect(error.operation).toBe("Authentication.request")
            expect(error.issues.map((issue) => issue.path)).toContain(path)
          }
          expect(requests).toHaveLength(0)
        }).pipe(Effect.provide(layer))
      })
    }

    it.effect("request accepts 6 and 7 digit identity numbers and IPv4 and IPv6 addresses", () => {
      const { layer, requests } = clientLayer(authModes[0].options, ok(pendingCertificateBody()))
      const variants = [
        { identity_no: "900101", client_ip: "0.0.0.0" },
        { identity_no: "0501014", client_ip: "255.255.255.255" },
        { identity_no: "9001015", client_ip: "::1" },
        { identity_no: "9001016", client_ip: "::ffff:192.0.2.1" },
        { identity_no: "9001012", client_ip: "2001:0db8:85a3:0000:0000:8a2e:0370:7334" },
        { identity_no: "9001013", client_ip: "fe80::" }
      ]
      return Effect.gen(function* () {
        for (const variant of variants) yield* Authentication.request({ ...verification, ...variant })
        expect(requests.map((request) => (request.body as Record<string, unknown>).client_ip)).toEqual(
          variants.map((variant) => variant.client_ip)
        )
      }).pipe(Effect.provide(layer))
    })

    const invalidConfirm: ReadonlyArray<[string, unknown, string]> = [
      ["missing receipt_id", { otp: "123456" }, "receipt_id"],
      ["empty receipt_id", { receipt_id: "", otp: "123456" }, "receipt_id"],
      ["an otp of 5 digits", { receipt_id: "r-1", otp: "12345" }, "otp"],
      ["an otp of 7 digits", { receipt_id: "r-1", otp: "1234567" }, "otp"],
      ["an otp with letters", { receipt_id: "r-1", otp: "12a456" }, "otp"],
      ["an otp as a number", { receipt_id: "r-1", otp: 123456 }, "otp"]
    ]
    for (const [name, input, path] of invalidConfirm) {
      it.effect(`confirm: ${name}`, () => {
        const { layer, requests } = clientLayer(authModes[0].options, ok(certificateBody()))
        return Effect.gen(function* () {
          const error = yield* Effect.flip(Authentication.confirm(input as Authentication.ConfirmRequest))
          expect(error).toMatchObject({ _tag: "InvalidRequest", operation: "Authentication.confirm" })
          if (error._tag === "InvalidRequest") {
            expect(error.issues.map((issue) => issue.path)).toContain(path)
          }
          expect(requests).toHaveLength(0)
        }).pipe(Effect.provide(layer))
      })
    }

    it.effect("resend of an empty id", () => {
      const { layer, requests } = clientLayer(authModes[0].options, ok(pendingCertificateBody()))
      return Effect.gen(function* () {
        const error = yield* Effect.flip(Authentication.resend(""))
        expect(error).toMatchObject({ _tag: "InvalidRequest", operation: "Authentication.resend" })
        expect(requests).toHaveLength(0)
      }).pipe(Effect.provide(layer))
    })

    it.effect("an invalid identity number or phone never shows in the error", () => {
      const { layer, requests } = clientLayer(authModes[0].options, ok(pendingCertificateBody()))
      const secrets = { identity_no: "88021512", phone: "010-9876-5432" }
      return Effect.gen(function* () {
        const errors = [
          yield* Effect.flip(Authentication.request({ ...verification, ...secrets })),
          yield* Effect.flip(
            Authentication.request({
              ...verification,
              identity_no: 88021512,
              phone: 1098765432
            } as unknown as Authentication.RequestInput)
          )
        ]
        for (const error of errors) {
          expect(error._tag).toBe("InvalidRequest")
          const texts = [String(error), JSON.stringify(error), error.message]
          for (const text of texts) {
            for (const secret of ["88021512", "880215", "9876", "1098765432", "010-9876-5432"]) {
              expect(text).not.toContain(secret)
            }
          }
        }
        expect((errors[0] as BootpayError.InvalidRequest).issues.map((issue) => issue.path).sort()).toEqual([
          "identity_no",
          "phone"
        ])
        expect(requests).toHaveLength(0)
      }).pipe(Effect.provide(layer))
    })
  })

  describe("errors", () => {
    const codes = [
      "AUTH_EXPIRED",
      "AUTH_ALREADY_AUTHENTICATED",
      "AUTH_NOT_CONFIRMED",
      "AUTH_NEED_PG_METHOD",
      "AUTH_OTP_INVALID"
    ]
    const calls = [
      ["Authentication.request", () => Authentication.request(verification)],
      ["Authentication.confirm", () => Authentication.confirm({ receipt_id: "r-1", otp: "000000" })],
      ["Authentication.resend", () => Authentication.resend("r-1")]
    ] as const
    for (const [operation, run] of calls) {
      for (const code of codes) {
        it.effect(`${operation}: ${code} becomes IdentityVerificationFailed with the code`, () => {
          const { layer, requests } = clientLayer(authModes[0].options, () => ({
            status: 400,
            body: { error_code: code, message: "본인인증 실패" }
          }))
          return Effect.gen(function* () {
            const error = yield* Effect.flip(run())
            expect(error).toBeInstanceOf(BootpayError.IdentityVerificationFailed)
            expect(error).toMatchObject({ operation, status: 400, errorCode: code, message: "본인인증 실패" })
            expect(requests).toHaveLength(1)
          }).pipe(Effect.provide(layer))
        })
      }
    }

    it.effect("confirm of an unknown receipt is NotFound naming the certificate", () => {
      const { layer } = clientLayer(authModes[0].options, () => ({
        status: 404,
        body: { error_code: "RC_NOT_FOUND", message: "본인인증 내역을 찾을 수 없습니다" }
      }))
      return Effect.gen(function* () {
        const error = yield* Effect.flip(Authentication.confirm({ receipt_id: "missing-1", otp: "000000" }))
        expect(error).toMatchObject({ _tag: "NotFound", resource: "certificate", id: "missing-1" })
      }).pipe(Effect.provide(layer))
    })

    it.effect("a PG refusal carrying Danal's code is PgRefused", () => {
      const { layer } = clientLayer(authModes[0].options, () => ({
        status: 400,
        body: { error_code: "PG_ERROR", message: "통신사 응답 오류", pg_error_code: "0301" }
      }))
      return Effect.gen(function* () {
        const error = yield* Effect.flip(Authentication.request(verification))
        expect(error).toMatchObject({ _tag: "PgRefused", pgErrorCode: "0301" })
      }).pipe(Effect.provide(layer))
    })

    it.effect(
      "a connection lost after sending is OutcomeUnknown and is not retried (an SMS may have gone)",
      () => {
        const { layer, requests } = clientLayer(authModes[0].options, () => ({ fail: "ECONNRESET" }))
        return Effect.gen(function* () {
          const requested = yield* Effect.flip(Authentication.request(verification))
          expect(requested).toMatchObject({ _tag: "OutcomeUnknown", operation: "Authentication.request" })
          const confirmed = yield* Effect.flip(Authentication.confirm({ receipt_id: "r-1", otp: "000000" }))
          expect(confirmed).toMatchObject({ _tag: "OutcomeUnknown", receiptId: "r-1" })
          const resent = yield* Effect.flip(Authentication.resend("r-1"))
          expect(resent).toMatchObject({ _tag: "OutcomeUnknown", receiptId: "r-1" })
          expect(requests).toHaveLength(3)
        }).pipe(Effect.provide(layer))
      }
    )
  })
})
