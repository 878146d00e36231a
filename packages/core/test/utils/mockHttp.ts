/** A recording HttpClient for unit tests: every request is kept, answers come from a function. */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { BootpayClient, type BootpayConfig } from "@effect-bootpay/core"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

/** A request as it left the SDK. */
export interface Recorded {
  readonly method: string
  /** Path below the base URL (`/v2` for PG, `/v1` for Commerce). */
  readonly path: string
  readonly query: Record<string, string>
  readonly headers: Record<string, string>
  /** Parsed JSON body, or `undefined` when none was sent. */
  readonly body: unknown
}

/** An answer: a status and JSON body, or a transport failure with a Node error code. */
export type Answer =
  | {
      readonly status: number
      readonly body?: unknown
      readonly text?: string
      readonly headers?: Record<string, string>
    }
  | { readonly fail: string }

export const baseUrl = "https://api.test/v2"

/** The Basic credentials used in unit tests. */
export const basic = { clientKey: "ck-unit", secretKey: "sk-unit-SECRET" } as const
/** The Bearer credentials used in unit tests. */
export const bearer = { applicationId: "app-unit", privateKey: "pk-unit-SECRET" } as const

/** A recording client answering with `respond`. */
export const recording = (respond: (request: Recorded) => Answer | Effect.Effect<Answer>) => {
  const requests: Array<Recorded> = []
  const client = HttpClient.make((request, url) =>
    Effect.gen(function* () {
      const text =
        request.body._tag === "Uint8Array" ? new TextDecoder().decode(request.body.body) : undefined
      const recorded: Recorded = {
        method: request.method,
        path: url.pathname.replace(/^\/v[12]/, ""),
        query: Object.fromEntries(url.searchParams),
        headers: { ...request.headers },
        body: text === undefined ? undefined : JSON.parse(text)
      }
      requests.push(recorded)
      const answered = respond(recorded)
      const answer = Effect.isEffect(answered) ? yield* answered : answered
      if ("fail" in answer) {
        return yield* new HttpClientError.RequestError({
          request,
          reason: "Transport",
          cause: Object.assign(new Error(answer.fail), { code: answer.fail })
        })
      }
      return HttpClientResponse.fromWeb(
        request,
        new Response(answer.text ?? (answer.body === undefined ? null : JSON.stringify(answer.body)), {
          status: answer.status,
          headers: { "content-type": "application/json", ...answer.headers }
        })
      )
    })
  )
  return { client, requests }
}

/** A BootpayClient layer over a recording client. */
export const clientLayer = (
  options: Partial<BootpayConfig.Options>,
  respond: (request: Recorded) => Answer | Effect.Effect<Answer>
) => {
  const { client, requests } = recording(respond)
  const layer = BootpayClient.layer({ baseUrl, ...options }).pipe(
    Layer.provide(Layer.succeed(HttpClient.HttpClient, client)),
    Layer.orDie
  )
  return { layer, requests }
}

/** A realistic receipt body, as Bootpay returns it. */
export const receiptBody = (fields: Record<string, unknown> = {}) => ({
  receipt_id: "62b12f4b6d3e4e0021f5c8a1",
  order_id: "order-1",
  price: 15000,
  tax_free: 0,
  cancelled_price: 0,
  cancelled_tax_free: 0,
  order_name: "테스트 상품",
  company_name: "테스트 상점",
  gateway_url: "https://gw.bootpay.co.kr",
  metadata: {},
  sandbox: true,
  pg: "나이스페이먼츠",
  method: "카드",
  method_symbol: "card",
  method_origin: "카드",
  method_origin_symbol: "card",
  purchased_at: "2026-01-15T12:00:00+09:00",
  requested_at: "2026-01-15T11:59:30+09:00",
  cancelled_at: null,
  status: 1,
  status_locale: "결제완료",
  currency: "KRW",
  receipt_url: "https://door.bootpay.co.kr/receipt/62b12f4b6d3e4e0021f5c8a1",
  card_data: {
    tid: "nictest00m01012201151200000000",
    card_approve_no: "30001234",
    card_no: "94352017****6169",
    card_quota: "00",
    card_company_code: "01",
    card_company: "비씨",
    card_interest: "0",
    card_type: "신용",
    card_owner_type: "개인"
  },
  ...fields
})

/** Every call in both auth modes: Basic needs no token request, Bearer answers `/request/token`. */
export const authModes = [
  {
    name: "Basic",
    options: basic,
    authorization: `Basic ${Buffer.from("ck-unit:sk-unit-SECRET").toString("base64")}`
  },
  { name: "Bearer", options: bearer, authorization: "Bearer tok-unit-1" }
] as const

/** Answers the token endpoint (Bearer mode) and delegates everything else. */
export const withToken =
  (respond: (request: Recorded) => Answer) =>
  (request: Recorded): Answer =>
    request.path === "/request/token"
      ? { status: 200, body: { access_token: "tok-unit-1", expire_in: 1800 } }
      : respond(request)
