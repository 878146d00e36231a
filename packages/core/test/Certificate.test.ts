import { describe, expect, it } from "@effect/vitest"
import { BootpayError, Certificate } from "@effect-bootpay/core"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/TestClock"
import { certificateBody } from "./utils/certificate.js"
import { authModes, clientLayer, withToken } from "./utils/mockHttp.js"

const ok = (body: unknown) => () => ({ status: 200, body })

const apiCalls = <R extends { path: string }>(requests: ReadonlyArray<R>) =>
  requests.filter((request) => request.path !== "/request/token")

describe("Certificate", () => {
  for (const mode of authModes) {
    describe(`${mode.name} mode`, () => {
      it.effect("lookup sends GET /certificate/{id} and decodes the verified person", () => {
        const { layer, requests } = clientLayer(mode.options, withToken(ok(certificateBody())))
        return Effect.gen(function* () {
          const certificate = yield* Certificate.lookup("62b12f4b6d3e4e0021f5c8d1")
          expect(certificate.status).toBe(Certificate.Status.VERIFIED)
          expect(certificate.authenticate_data).toEqual({
            name: "홍길동",
            phone: "01012345678",
            unique: "kfT3vUu0Yq1mZ6c9bP2rA8wXo5nJ4hLd7sEiGzQ0yVxRt1UjCk3MbNa6Wp9Hf2Sg==",
            birth: "1990-01-01",
            gender: 1,
            foreigner: 0,
            carrier: "SKT",
            number_of_realarms: 1,
            tid: "202601151200001234567890"
          })
          const [request] = apiCalls(requests)
          expect(request).toMatchObject({
            method: "GET",
            path: "/certificate/62b12f4b6d3e4e0021f5c8d1",
            query: {},
            headers: { authorization: mode.authorization }
          })
          expect(request!.body).toBeUndefined()
        }).pipe(Effect.provide(layer))
      })

      it.effect("lookup URL-encodes the id", () => {
        const { layer, requests } = clientLayer(mode.options, withToken(ok(certificateBody())))
        return Effect.gen(function* () {
          yield* Certificate.lookup("a/b c")
          expect(apiCalls(requests)[0]!.path).toBe("/certificate/a%2Fb%20c")
        }).pipe(Effect.provide(layer))
      })
    })
  }

  it.effect("keeps fields Bootpay adds, at the top and inside authenticate_data, and accepts nulls", () => {
    const body = certificateBody({
      verified_by: "pass",
      authenticated_at: null,
      authenticate_data: { ...certificateBody().authenticate_data, di: "di-1", carrier: null }
    })
    const { layer } = clientLayer(authModes[0].options, ok(body))
    return Effect.gen(function* () {
      const certificate = yield* Certificate.lookup("r-1")
      expect((certificate as Record<string, unknown>).verified_by).toBe("pass")
      expect((certificate.authenticate_data as Record<string, unknown>).di).toBe("di-1")
      expect(certificate.authenticate_data?.carrier).toBeNull()
      expect(certificate.authenticated_at).toBeNull()
    }).pipe(Effect.provide(layer))
  })

  describe("validation sends nothing", () => {
    for (const [name, input] of [
      ["an empty id", ""],
      ["a blank id", "  "],
      ["a number", 12]
    ] as const) {
      it.effect(`lookup of ${name}`, () => {
        const { layer, requests } = clientLayer(authModes[1].options, withToken(ok(certificateBody())))
        return Effect.gen(function* () {
          const error = yield* Effect.flip(Certificate.lookup(input as string))
          expect(error).toBeInstanceOf(BootpayError.InvalidRequest)
          expect(error).toMatchObject({ operation: "Certificate.lookup" })
          expect(requests).toHaveLength(0)
        }).pipe(Effect.provide(layer))
      })
    }
  })

  describe("errors", () => {
    it.effect("RC_NOT_FOUND becomes NotFound naming the certificate", () => {
      const { layer } = clientLayer(authModes[0].options, () => ({
        status: 404,
        body: { error_code: "RC_NOT_FOUND", message: "본인인증 내역을 찾을 수 없습니다" }
      }))
      return Effect.gen(function* () {
        const error = yield* Effect.flip(Certificate.lookup("missing-1"))
        expect(error).toBeInstanceOf(BootpayError.NotFound)
        expect(error).toMatchObject({ resource: "certificate", id: "missing-1", errorCode: "RC_NOT_FOUND" })
      }).pipe(Effect.provide(layer))
    })

    for (const code of ["AUTH_NOT_CONFIRMED", "AUTH_EXPIRED"]) {
      it.effect(`${code} becomes IdentityVerificationFailed with the code`, () => {
        const { layer, requests } = clientLayer(authModes[0].options, () => ({
          status: 400,
          body: { error_code: code, message: "본인인증이 완료되지 않았습니다" }
        }))
        return Effect.gen(function* () {
          const error = yield* Effect.flip(Certificate.lookup("r-1"))
          expect(error).toBeInstanceOf(BootpayError.IdentityVerificationFailed)
          expect(error).toMatchObject({ operation: "Certificate.lookup", status: 400, errorCode: code })
          expect(error.isRetryable).toBe(false)
          expect(requests).toHaveLength(1)
        }).pipe(Effect.provide(layer))
      })
    }

    it.effect("a lookup is a read: a 503 is retried", () => {
      let calls = 0
      const { layer, requests } = clientLayer(authModes[0].options, () => {
        calls += 1
        return calls === 1
          ? { status: 503, body: { message: "점검 중" } }
          : { status: 200, body: certificateBody() }
      })
      return Effect.gen(function* () {
        const fiber = yield* Effect.fork(Certificate.lookup("r-1"))
        yield* TestClock.adjust("10 seconds")
        const certificate = yield* Fiber.join(fiber)
        expect(certificate.status).toBe(12)
        expect(requests).toHaveLength(2)
      }).pipe(Effect.provide(layer))
    })

    it.effect("an answer without receipt_id is InvalidResponse", () => {
      const { layer } = clientLayer(authModes[0].options, ok({ status: 12 }))
      return Effect.gen(function* () {
        const error = yield* Effect.flip(Certificate.lookup("r-1"))
        expect(error._tag).toBe("InvalidResponse")
      }).pipe(Effect.provide(layer))
    })
  })
})
