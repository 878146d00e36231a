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
import {
  BootpayClient,
  type BootpayConfig,
  type BootpayError,
  CommerceClient,
  type CommerceConfig
} from "@effect-bootpay/core/index"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import { FakeStore, type Options as StoreOptions } from "./FakeStore.js"
import * as Dispatch from "./internal/dispatch.js"
import * as Multipart from "./internal/multipart.js"

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

/**
 * The base URL the in-memory client answers Commerce API calls on.
 *
 * @since 0.1.0
 * @category utils
 */
export const commerceBaseUrl = "http://fake.bootpay.local/v1"

/**
 * The base URL of the control API (CONTROL-API.md) on the in-memory client.
 *
 * @since 0.1.0
 * @category utils
 */
export const controlBaseUrl = "http://fake.bootpay.local/__fake"

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
    // A form is serialized as it would go on the wire and read back as a server reads it.
    const sent = request.body
    const form =
      sent._tag === "FormData" ? yield* Effect.promise(() => Multipart.serialize(sent.formData)) : undefined
    const outcome = Dispatch.dispatch(store, {
      method: request.method,
      path: url.right.pathname,
      query: Object.fromEntries(url.right.searchParams),
      headers:
        form === undefined ? request.headers : { ...request.headers, "content-type": form.contentType },
      body:
        form === undefined
          ? bodyText(request)
          : yield* Effect.promise(() => Multipart.formJson(form.bytes, form.contentType))
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
  /** Commerce client options; defaults to the fake's keys and the `user` role. */
  readonly commerce?: Partial<CommerceConfig.Options>
}

/**
 * Provides `BootpayClient` and `CommerceClient` backed by an in-memory Bootpay, and the `Store` to
 * seed and inspect it.
 * `{ client: { applicationId: "test", privateKey: "test" } }` runs the client in bearer-token mode.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options: Options = {}
): Layer.Layer<
  BootpayClient.BootpayClient | CommerceClient.CommerceClient | Store,
  BootpayError.InvalidConfig
> =>
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
      const http = Layer.succeed(HttpClient.HttpClient, httpClient(store))
      return Layer.mergeAll(
        BootpayClient.layer(clientOptions).pipe(Layer.provide(http)),
        CommerceClient.layer({
          clientKey: store.credentials.clientKey,
          secretKey: store.credentials.secretKey,
          ...options.commerce,
          baseUrl: commerceBaseUrl,
          allowInsecureHttp: true
        }).pipe(Layer.provide(http)),
        Layer.succeed(Store, store)
      )
    })
  )
