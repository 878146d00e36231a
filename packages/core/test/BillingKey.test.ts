import { describe, expect, it } from "@effect/vitest"
import { BillingKey, BootpayError, Receipt } from "@effect-bootpay/core"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import { authModes, clientLayer, receiptBody, withToken } from "./utils/mockHttp.js"

const ok = (body: unknown) => () => ({ status: 200, body })

const apiCalls = <R extends { path: string }>(requests: ReadonlyArray<R>) =>
  requests.filter((request) => request.path !== "/request/token")

/** A card billing key as Bootpay answers it (CONTRACT 3.5), with a first charge. */
const cardKeyBody = (fields: Record<string, unknown> = {}) => ({
  receipt_id: "62b12f4b6d3e4e0021f5c8b1",
  billing_key: "62b12f4c6d3e4e0021f5c8b2",
  subscription_id: "sub-2026-0001",
  gateway_url: "https://gw.bootpay.co.kr",
  metadata: { plan: "basic" },
  pg: "나이스페이먼츠",
  method: "카드자동",
  method_symbol: "card_rebill",
  method_origin: "카드자동",
  method_origin_symbol: "card_rebill",
  published_at: "2026-01-15T12:00:01+09:00",
  requested_at: "2026-01-15T12:00:00+09:00",
  billing_expire_at: "2030-12-31T23:59:59+09:00",
  billing_data: {
    card_no: "94352017****6169",
    card_company: "비씨",
    card_company_code: "01",
    card_type: 1,
    card_hash: "3f2a9c0d7e",
    rtn_key_info: null
  },
  receipt_data: receiptBody({ method: "카드자동", method_symbol: "card_rebill", price: 9900 }),
  status: 11,
  status_locale: "빌링키발급완료",
  ...fields
})

/** A bank-transfer billing key after publish (CONTRACT 2.9). */
const bankKeyBody = {
  receipt_id: "62b12f4b6d3e4e0021f5c8c1",
  billing_key: "62b12f4c6d3e4e0021f5c8c2",
  subscription_id: "sub-2026-0002",
  pg: "나이스페이먼츠",
  method: "계좌자동이체",
  method_symbol: "automatic_transfer_rest",
  published_at: "2026-01-15T12:10:00+09:00",
  billing_expire_at: "2099-12-31T23:59:59+09:00",
  billing_data: { bank_name: "국민", bank_code: "004", bank_account: "123****890", username: "홍*동" },
  status: 11,
  status_locale: "빌링키발급완료"
}

/** The status-41 answer to a bank-transfer key request. */
const pendingTransferBody = {
  receipt_id: "62b12f4b6d3e4e0021f5c8c1",
  order_id: "sub-2026-0002",
  subscription_id: "sub-2026-0002",
  order_name: "월간 구독",
  price: 0,
  pg: "나이스페이먼츠",
  method: "계좌자동이체",
  method_symbol: "automatic_transfer_rest",
  requested_at: "2026-01-15T12:00:00+09:00",
  status: 41,
  status_locale: "자동결제빌링키발급이전"
}

const card = {
  pg: "nicepay",
  order_name: "월간 구독",
  subscription_id: "sub-2026-0001",
  card_no: "9435201712346169",
  card_pw: "58",
  card_identity_no: "880215",
  card_expire_year: "30",
  card_expire_month: "12"
} as const

const transfer = {
  pg: "nicepay",
  order_name: "월간 구독",
  subscription_id: "sub-2026-0002",
  username: "홍길동",
  bank_name: "국민",
  bank_account: "1234567890",
  identity_no: "880215"
} as const

describe("BillingKey", () => {
  for (const mode of authModes) {
    describe(`${mode.name} mode`, () => {
      it.effect("issue posts the card fields and decodes the key, its masked card and first charge", () => {
        const { layer, requests } = clientLayer(mode.options, withToken(ok(cardKeyBody({ future_field: 1 }))))
        return Effect.gen(function* () {
          const input = {
            ...card,
            method: "card_rebill",
            price: 9900,
            tax_free: 900,
            extra: { card_quota: "00", subscribe_test_payment: true, raw_data: 1 as const },
            user: { id: "member-1", username: "홍길동", phone: "01012345678", gender: 1 as const },
            metadata: { plan: "basic" }
          }
          const key = yield* BillingKey.issue(input)
          expect(key.billing_key).toBe("62b12f4c6d3e4e0021f5c8b2")
          expect(key.status).toBe(Receipt.Status.BILLING_KEY_ISSUED)
          expect(key.billing_data?.card_no).toBe("94352017****6169")
          expect(key.billing_data?.card_type).toBe(1)
          expect(key.receipt_data?.price).toBe(9900)
          expect(key.receipt_data?.card_data?.card_no).toBe("94352017****6169")
          expect((key as Record<string, unknown>).future_field).toBe(1)
          const [request] = apiCalls(requests)
          expect(request).toMatchObject({ method: "POST", path: "/request/subscribe", query: {} })
          expect(request!.body).toEqual(input)
          expect(request!.headers).toMatchObject({
            authorization: mode.authorization,
            "content-type": "application/json"
          })
        }).pipe(Effect.provide(layer))
      })

      it.effect("issue sends only the fields the caller set", () => {
        const { layer, requests } = clientLayer(mode.options, withToken(ok(cardKeyBody())))
        return Effect.gen(function* () {
          yield* BillingKey.issue(card)
          expect(apiCalls(requests)[0]!.body).toEqual(card)
        }).pipe(Effect.provide(layer))
      })

      it.effect("issueTransfer posts the bank fields and decodes the status-41 request", () => {
        const { layer, requests } = clientLayer(mode.options, withToken(ok(pendingTransferBody)))
        return Effect.gen(function* () {
          const input = {
            ...transfer,
            auth_type: "ARS" as const,
            cash_receipt_type: "소득공제" as const,
            cash_receipt_identity_no: "01012345678",
            phone: "01012345678",
            price: 9900,
            tax_free: 0,
            method: "auto_transfer",
            extra: { raw_data: true },
            user: { id: "member-1" },
            metadata: { plan: "basic" }
          }
          const pending = yield* BillingKey.issueTransfer(input)
          expect(pending.status).toBe(Receipt.Status.TRANSFER_KEY_PENDING)
          expect(pending.receipt_id).toBe("62b12f4b6d3e4e0021f5c8c1")
          expect(pending.subscription_id).toBe("sub-2026-0002")
          const [request] = apiCalls(requests)
          expect(request).toMatchObject({
            method: "POST",
            path: "/request/subscribe/automatic-transfer",
            query: {}
          })
          expect(request!.body).toEqual(input)
        }).pipe(Effect.provide(layer))
      })

      it.effect("publishTransfer posts the receipt id and decodes the bank key", () => {
        const { layer, requests } = clientLayer(mode.options, withToken(ok(bankKeyBody)))
        return Effect.gen(function* () {
          const key = yield* BillingKey.publishTransfer("62b12f4b6d3e4e0021f5c8c1")
          expect(key.billing_data).toMatchObject({ bank_code: "004", bank_account: "123****890" })
          expect(key.billing_expire_at).toBe("2099-12-31T23:59:59+09:00")
          const [request] = apiCalls(requests)
          expect(request).toMatchObject({
            method: "POST",
            path: "/request/subscribe/automatic-transfer/publish",
            query: {},
            body: { receipt_id: "62b12f4b6d3e4e0021f5c8c1" }
          })
        }).pipe(Effect.provide(layer))
      })

      it.effect("lookup gets the key by its issuance receipt", () => {
        const { layer, requests } = clientLayer(mode.options, withToken(ok(cardKeyBody())))
        return Effect.gen(function* () {
          const key = yield* BillingKey.lookup("62b12f4b6d3e4e0021f5c8b1")
          expect(key.subscription_id).toBe("sub-2026-0001")
          const [request] = apiCalls(requests)
          expect(request).toMatchObject({
            method: "GET",
            path: "/subscribe/billing_key/62b12f4b6d3e4e0021f5c8b1",
            query: {}
          })
          expect(request!.body).toBeUndefined()
          expect(request!.headers.authorization).toBe(mode.authorization)
        }).pipe(Effect.provide(layer))
      })

      it.effect("lookupByKey gets the key by the key, URL-encoded", () => {
        const { layer, requests } = clientLayer(mode.options, withToken(ok(cardKeyBody())))
        return Effect.gen(function* () {
          yield* BillingKey.lookupByKey("key/1 2")
          const [request] = apiCalls(requests)
          expect(request).toMatchObject({ method: "GET", path: "/billing_key/key%2F1%202", query: {} })
          expect(request!.body).toBeUndefined()
        }).pipe(Effect.provide(layer))
      })

      it.effect(
        "lookupSequential puts the key in the path and widget_key, user_id URL-encoded in the query",
        () => {
          const { layer, requests } = clientLayer(mode.options, withToken(ok(cardKeyBody())))
          return Effect.gen(function* () {
            const key = yield* BillingKey.lookupSequential({
              billing_key: "62b12f4c6d3e4e0021f5c8b2",
              widget_key: "wk/1&x=y",
              user_id: "회원 1+2"
            })
            expect(key.billing_key).toBe("62b12f4c6d3e4e0021f5c8b2")
            const [request] = apiCalls(requests)
            expect(request).toMatchObject({
              method: "GET",
              path: "/subscribe/sequential_billing_key/62b12f4c6d3e4e0021f5c8b2",
              query: { widget_key: "wk/1&x=y", user_id: "회원 1+2" }
            })
            expect(request!.body).toBeUndefined()
          }).pipe(Effect.provide(layer))
        }
      )

      it.effect("destroy sends DELETE without a body and answers the key", () => {
        const { layer, requests } = clientLayer(
          mode.options,
          withToken(ok({ billing_key: "62b12f4c6d3e4e0021f5c8b2" }))
        )
        return Effect.gen(function* () {
          const destroyed = yield* BillingKey.destroy("62b12f4c6d3e4e0021f5c8b2")
          expect(destroyed).toEqual({ billing_key: "62b12f4c6d3e4e0021f5c8b2" })
          const [request] = apiCalls(requests)
          expect(request).toMatchObject({
            method: "DELETE",
            path: "/subscribe/billing_key/62b12f4c6d3e4e0021f5c8b2",
            query: {}
          })
          expect(request!.body).toBeUndefined()
        }).pipe(Effect.provide(layer))
      })
    })
  }

  describe("validation sends nothing", () => {
    const expectInvalid = <A, E, R>(
      effect: Effect.Effect<A, E, R>,
      operation: string,
      path: string,
      requests: ReadonlyArray<unknown>
    ) =>
      Effect.gen(function* () {
        const error = yield* Effect.flip(effect)
        expect(error).toBeInstanceOf(BootpayError.InvalidRequest)
        const invalid = error as BootpayError.InvalidRequest
        expect(invalid.operation).toBe(operation)
        expect(invalid.issues.map((issue) => issue.path)).toContain(path)
        expect(requests).toHaveLength(0)
      })

    const withoutField = (input: Record<string, unknown>, field: string) => {
      const { [field]: _dropped, ...rest } = input
      return rest
    }

    const issueCases: ReadonlyArray<[string, Record<string, unknown>, string]> = [
      ...Object.keys(card).map((field): [string, Record<string, unknown>, string] => [
        `missing ${field}`,
        withoutField(card, field),
        field
      ]),
      ...Object.keys(card).map((field): [string, Record<string, unknown>, string] => [
        `empty ${field}`,
        { ...card, [field]: "" },
        field
      ]),
      ["a 12-digit card number", { ...card, card_no: "943520171234" }, "card_no"],
      ["a 20-digit card number", { ...card, card_no: "94352017123461691234" }, "card_no"],
      ["a card number with dashes", { ...card, card_no: "9435-2017-1234-6169" }, "card_no"],
      ["a card number as a number", { ...card, card_no: 943520171234616 }, "card_no"],
      ["a 1-digit card password", { ...card, card_pw: "5" }, "card_pw"],
      ["a 3-digit card password", { ...card, card_pw: "587" }, "card_pw"],
      ["a card password with letters", { ...card, card_pw: "5a" }, "card_pw"],
      ["a 7-digit identity number", { ...card, card_identity_no: "8802151" }, "card_identity_no"],
      ["a 4-digit expiry year", { ...card, card_expire_year: "2030" }, "card_expire_year"],
      ["expiry month 13", { ...card, card_expire_month: "13" }, "card_expire_month"],
      ["expiry month 00", { ...card, card_expire_month: "00" }, "card_expire_month"],
      ["a 1-digit expiry month", { ...card, card_expire_month: "7" }, "card_expire_month"],
      ["a blank pg", { ...card, pg: "  " }, "pg"],
      ["a zero price", { ...card, price: 0 }, "price"],
      ["a fractional price", { ...card, price: 99.5 }, "price"],
      ["tax_free above price", { ...card, price: 1000, tax_free: 1001 }, "tax_free"],
      ["tax_free without price", { ...card, tax_free: 100 }, "tax_free"],
      ["card_quota 1 in extra", { ...card, extra: { card_quota: "1" } }, "extra.card_quota"],
      ["an unknown extra option", { ...card, extra: { card_qouta: "00" } }, "extra.card_qouta"],
      ["a gender other than 0 or 1", { ...card, user: { gender: 2 } }, "user.gender"],
      ["a misspelt field", { ...card, subscripton_id: "x" }, "subscripton_id"]
    ]
    for (const [name, input, path] of issueCases) {
      it.effect(`issue: ${name}`, () => {
        const { layer, requests } = clientLayer(authModes[1].options, withToken(ok(cardKeyBody())))
        return expectInvalid(
          BillingKey.issue(input as unknown as BillingKey.IssueRequest),
          "BillingKey.issue",
          path,
          requests
        ).pipe(Effect.provide(layer))
      })
    }

    const transferCases: ReadonlyArray<[string, Record<string, unknown>, string]> = [
      ...Object.keys(transfer).map((field): [string, Record<string, unknown>, string] => [
        `missing ${field}`,
        withoutField(transfer, field),
        field
      ]),
      ["a 7-digit identity number", { ...transfer, identity_no: "8802151" }, "identity_no"],
      ["an identity number with a dash", { ...transfer, identity_no: "123-45-67890" }, "identity_no"],
      ["an unknown auth_type", { ...transfer, auth_type: "SMS" }, "auth_type"],
      ["an unknown cash_receipt_type", { ...transfer, cash_receipt_type: "1" }, "cash_receipt_type"],
      ["tax_free above price", { ...transfer, price: 1000, tax_free: 2000 }, "tax_free"],
      ["a negative price", { ...transfer, price: -1 }, "price"]
    ]
    for (const [name, input, path] of transferCases) {
      it.effect(`issueTransfer: ${name}`, () => {
        const { layer, requests } = clientLayer(authModes[0].options, ok(pendingTransferBody))
        return expectInvalid(
          BillingKey.issueTransfer(input as unknown as BillingKey.IssueTransferRequest),
          "BillingKey.issueTransfer",
          path,
          requests
        ).pipe(Effect.provide(layer))
      })
    }

    const sequential = { billing_key: "k-1", widget_key: "w-1", user_id: "u-1" }
    for (const field of Object.keys(sequential)) {
      it.effect(`lookupSequential: missing ${field}`, () => {
        const { layer, requests } = clientLayer(authModes[0].options, ok(cardKeyBody()))
        return expectInvalid(
          BillingKey.lookupSequential(withoutField(sequential, field) as BillingKey.SequentialLookupRequest),
          "BillingKey.lookupSequential",
          field,
          requests
        ).pipe(Effect.provide(layer))
      })
    }

    const emptyIds = [
      ["publishTransfer", BillingKey.publishTransfer],
      ["lookup", BillingKey.lookup],
      ["lookupByKey", BillingKey.lookupByKey],
      ["destroy", BillingKey.destroy]
    ] as const
    for (const [name, run] of emptyIds) {
      it.effect(`${name}: an empty id`, () => {
        const { layer, requests } = clientLayer(authModes[0].options, ok(cardKeyBody()))
        return Effect.gen(function* () {
          const error = yield* Effect.flip(run(""))
          expect(error).toMatchObject({ _tag: "InvalidRequest", operation: `BillingKey.${name}` })
          expect(requests).toHaveLength(0)
        }).pipe(Effect.provide(layer))
      })
    }

    it.effect("an invalid card never shows its number, password or identity number", () => {
      const { layer, requests } = clientLayer(authModes[0].options, ok(cardKeyBody()))
      const secrets = { card_no: "9435-2017-1234-6169", card_pw: "587", card_identity_no: "8802151" }
      return Effect.gen(function* () {
        const errors = [
          yield* Effect.flip(BillingKey.issue({ ...card, ...secrets })),
          yield* Effect.flip(
            BillingKey.issue({ ...card, card_no: 943520171234616 } as unknown as BillingKey.IssueRequest)
          )
        ]
        for (const error of errors) {
          expect(error._tag).toBe("InvalidRequest")
          const texts = [String(error), JSON.stringify(error), error.message]
          for (const text of texts) {
            for (const secret of [
              ...Object.values(secrets),
              "943520171234",
              "9435201712346169",
              "943520171234616",
              "880215",
              "12346169"
            ]) {
              expect(text).not.toContain(secret)
            }
          }
        }
        expect((errors[0] as BootpayError.InvalidRequest).issues.map((issue) => issue.path).sort()).toEqual([
          "card_identity_no",
          "card_no",
          "card_pw"
        ])
        expect(requests).toHaveLength(0)
      }).pipe(Effect.provide(layer))
    })
  })

  describe("errors", () => {
    it.effect(
      "RC_NOT_FOUND on a lookup by receipt is NotFound naming the billing key and the receipt id",
      () => {
        const { layer } = clientLayer(authModes[0].options, () => ({
          status: 404,
          body: { error_code: "RC_NOT_FOUND", message: "빌링키를 찾을 수 없습니다" }
        }))
        return Effect.gen(function* () {
          const error = yield* Effect.flip(BillingKey.lookup("r-missing"))
          expect(error).toBeInstanceOf(BootpayError.NotFound)
          expect(error).toMatchObject({ resource: "billing_key", id: "r-missing", errorCode: "RC_NOT_FOUND" })
          const byKey = yield* Effect.flip(BillingKey.lookupByKey("k-missing"))
          expect(byKey).toMatchObject({ _tag: "NotFound", resource: "billing_key", id: "k-missing" })
        }).pipe(Effect.provide(layer))
      }
    )

    it.effect("a declined card on issue is PgRefused with the PG's code", () => {
      const { layer } = clientLayer(authModes[0].options, () => ({
        status: 400,
        body: { error_code: "RC_CONFIRM_FAILED", message: "유효하지 않은 카드", pg_error_code: "F113" }
      }))
      return Effect.gen(function* () {
        const error = yield* Effect.flip(BillingKey.issue(card))
        expect(error).toMatchObject({
          _tag: "PgRefused",
          errorCode: "RC_CONFIRM_FAILED",
          pgErrorCode: "F113"
        })
      }).pipe(Effect.provide(layer))
    })

    it.effect("a publish before the holder's consent fails with SUBSCRIBE_REQUEST_FAILED", () => {
      const { layer } = clientLayer(authModes[0].options, () => ({
        status: 400,
        body: { error_code: "SUBSCRIBE_REQUEST_FAILED", message: "출금 동의가 완료되지 않았습니다" }
      }))
      return Effect.gen(function* () {
        const error = yield* Effect.flip(BillingKey.publishTransfer("r-1"))
        expect(error).toMatchObject({ _tag: "ApiError", status: 400, errorCode: "SUBSCRIBE_REQUEST_FAILED" })
      }).pipe(Effect.provide(layer))
    })

    it.effect("issue is never retried after the connection dropped: OutcomeUnknown", () => {
      const { layer, requests } = clientLayer(authModes[0].options, () => ({ fail: "ECONNRESET" }))
      return Effect.gen(function* () {
        const error = yield* Effect.flip(BillingKey.issue(card))
        expect(error).toMatchObject({ _tag: "OutcomeUnknown", reason: "connection" })
        expect(requests).toHaveLength(1)
      }).pipe(Effect.provide(layer))
    })

    it.effect("destroy is retried on a 503 (idempotent)", () => {
      let calls = 0
      const { layer, requests } = clientLayer(authModes[0].options, () => {
        calls += 1
        return calls === 1 ? { status: 503, text: "" } : { status: 200, body: { billing_key: "k-1" } }
      })
      return Effect.gen(function* () {
        const fiber = yield* Effect.fork(BillingKey.destroy("k-1"))
        yield* Effect.yieldNow()
        yield* TestClock.adjust("10 seconds")
        const destroyed = yield* fiber.await
        expect(destroyed._tag).toBe("Success")
        expect(requests).toHaveLength(2)
      }).pipe(Effect.provide(layer))
    })
  })
})
