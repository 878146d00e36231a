/**
 * A fake Bootpay as an Effect layer: the SDK's real client (encoding, auth, decoding, error mapping)
 * over an in-memory HttpClient routed to a `FakeStore`. Time is Effect's `Clock`, so `TestClock`
 * drives token expiry and latency.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as UrlParams from "@effect/platform/UrlParams"
import { BootpayClient, type BootpayConfig, type BootpayError } from "@effect-bootpay/core/index"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import { FakeStore, type Options as StoreOptions } from "./FakeStore.js"
import * as Router from "./internal/router.js"

/**
 * The store behind the fake, for seeding and assertions in Effect tests.
 *
 * @since 0.1.0
 * @category services
 */
export class Store extends Context.Tag("@effect-bootpay/testing/FakeBootpay/Store")<Store, FakeStore>() {}

/**
 * The base URL the in-memory client answers on.
 *
 * @since 0.1.0
 * @category utils
 */
export const baseUrl = "http://fake.bootpay.local/v2"

const bodyText = (request: HttpClientRequest.HttpClientRequest): string => {
  const body = request.body
  switch (body._tag) {
    case "Uint8Array":
      return new TextDecoder().decode(body.body)
    case "Raw":
      return typeof body.body === "string" ? body.body : ""
    default:
      return ""
  }
}

/**
 * An HttpClient that answers from the store without a socket (and without an `http.client` span).
 *
 * @since 0.1.0
 * @category constructors
 */
export const httpClient = (store: FakeStore): HttpClient.HttpClient =>
  HttpClient.makeWith<never, never, HttpClientError.HttpClientError, never>(
    (prepared) => Effect.flatMap(prepared, (request) => answer(store, request)),
    Effect.succeed
  )

const answer = (
  store: FakeStore,
  request: HttpClientRequest.HttpClientRequest
): Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError> =>
  Effect.gen(function* () {
    const url = UrlParams.makeUrl(request.url, request.urlParams, request.hash)
    if (Either.isLeft(url)) {
      return yield* new HttpClientError.RequestError({ request, reason: "InvalidUrl", cause: url.left })
    }
    store.setBaseTime(yield* Clock.currentTimeMillis)
    const pathname = url.right.pathname
    const path = pathname.startsWith("/v2") ? pathname.slice(3) : pathname
    const outcome = Router.route(store, {
      method: request.method,
      path,
      query: Object.fromEntries(url.right.searchParams),
      headers: request.headers,
      body: bodyText(request)
    })
    if (outcome.delayMillis > 0) yield* Effect.sleep(outcome.delayMillis)
    if (outcome._tag === "Drop") {
      return yield* new HttpClientError.RequestError({
        request,
        reason: "Transport",
        cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" })
      })
    }
    const { reply } = outcome
    return HttpClientResponse.fromWeb(
      request,
      new Response(
        reply.body === undefined
          ? null
          : typeof reply.body === "string"
            ? reply.body
            : JSON.stringify(reply.body),
        {
          status: reply.status,
          headers: { "content-type": "application/json", ...reply.headers }
        }
      )
    )
  })

/**
 * Options of the fake layer: the store's options plus client options (Basic `test`/`test` by default).
 *
 * @since 0.1.0
 * @category models
 */
export interface Options extends StoreOptions {
  /** Client options; defaults to Basic mode with the fake's credentials. */
  readonly client?: Partial<BootpayConfig.Options>
}

/**
 * Provides `BootpayClient` backed by an in-memory Bootpay, and the `Store` to seed and inspect it.
 * `{ client: { applicationId: "test", privateKey: "test" } }` runs the client in bearer-token mode.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options: Options = {}
): Layer.Layer<BootpayClient.BootpayClient | Store, BootpayError.InvalidConfig> =>
  // A fresh store each time the layer is built, so tests sharing one layer value never share state.
  Layer.unwrapEffect(
    Effect.sync(() => {
      const store = new FakeStore(options)
      const client = options.client ?? {}
      const bearer = client.applicationId !== undefined || client.privateKey !== undefined
      const clientOptions: BootpayConfig.Options = {
        ...(bearer ? {} : { clientKey: store.credentials.clientKey, secretKey: store.credentials.secretKey }),
        ...client,
        baseUrl,
        // The in-memory client answers without a socket: nothing crosses a network.
        allowInsecureHttp: true
      }
      return Layer.merge(
        BootpayClient.layer(clientOptions).pipe(
          Layer.provide(Layer.succeed(HttpClient.HttpClient, httpClient(store)))
        ),
        Layer.succeed(Store, store)
      )
    })
  )
