/**
 * Webhook test endpoints: Bootpay as an in-memory HttpClient answering `GET /receipt/{id}` from a map,
 * and the two ways a merchant serves webhooks, started the same way so one attack runs against both:
 * `NodeWebhook` behind a real `node:http` server on loopback, and `Webhook.handler` as an
 * `@effect/platform` app served requests built with `HttpServerRequest.fromWeb`.
 */
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { BootpayClient, type Receipt, Webhook } from "@effect-bootpay/core"
import { Bootpay, NodeWebhook } from "@effect-bootpay/node"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as ManagedRuntime from "effect/ManagedRuntime"
import { receiptBody } from "../../../core/test/utils/mockHttp.js"

export const receiptId = receiptBody().receipt_id

/** A card receipt as Bootpay returns it, with metadata a forged event may try to replace. */
export const receipt = (fields: Record<string, unknown> = {}): Record<string, unknown> =>
  receiptBody({ metadata: { cart: "c-1" }, ...fields })

/** A webhook body: a receipt plus `webhook_type` (left out when `type` is undefined). */
export const eventBody = (type: string | undefined, fields: Record<string, unknown> = {}) =>
  JSON.stringify({ ...receipt(fields), ...(type === undefined ? {} : { webhook_type: type }) })

/** Cleanups of the current test, run by the suite's `afterEach(closeAll)`. */
export const cleanups: Array<() => Promise<void>> = []

/** Runs and forgets every cleanup of the test. */
export const closeAll = async (): Promise<void> => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()))
}

/** Bootpay's receipts, served by an in-memory HttpClient; `lookups` counts receipt requests. */
export const bootpayState = () => {
  const receipts = new Map<string, Record<string, unknown>>([[receiptId, receipt()]])
  const state = { receipts, lookups: 0 }
  const client = HttpClient.make((request, url) =>
    Effect.sync(() => {
      const id = decodeURIComponent(url.pathname.replace(/^\/v2\/receipt\//, ""))
      state.lookups++
      const found = receipts.get(id)
      return HttpClientResponse.fromWeb(
        request,
        new Response(
          JSON.stringify(found ?? { error_code: "RC_NOT_FOUND", message: "영수증을 찾을 수 없습니다" }),
          { status: found === undefined ? 404 : 200, headers: { "content-type": "application/json" } }
        )
      )
    })
  )
  const httpClient = Layer.succeed(HttpClient.HttpClient, client)
  const options = { baseUrl: "https://bootpay.test/v2", clientKey: "ck", secretKey: "sk-SECRET", retry: 0 }
  return {
    state,
    promiseClient: () => {
      const bootpay = Bootpay.make({ ...options, httpClient })
      cleanups.push(() => bootpay.dispose())
      return bootpay
    },
    layer: BootpayClient.layer(options).pipe(Layer.provide(httpClient))
  }
}

/** Bootpay for one test. */
export type BootpayState = ReturnType<typeof bootpayState>

/** An answer as the sender saw it. */
export interface Sent {
  readonly status: number
  readonly text: string
}

/** How one delivery is sent. */
export interface SendInit {
  readonly headers?: Record<string, string>
  /** The sender's address: a loopback address the client binds to, or the app request's peer. */
  readonly from?: string
}

/** A running endpoint and what its `onEvent` received. */
export interface Endpoint {
  readonly events: Array<readonly [Webhook.VerifiedEvent, Receipt.Receipt]>
  readonly send: (body: string, init?: SendInit) => Promise<Sent>
  /** The endpoint's URL, for an HTTP server (`NodeWebhook`). */
  readonly url?: string
  /** Serves a whole web `Request` (streamed bodies), for the app (`Webhook.handler`). */
  readonly serve?: (request: Request, from?: string) => Promise<Sent>
}

/** What an endpoint is started with. */
export interface EndpointOptions extends Webhook.HandlerOptions {
  /** The memory store's capacity (default 10,000). */
  readonly capacity?: number
  /** Collects every log line, as Effect's default logger and its logfmt logger write them. */
  readonly logs?: Array<string>
}

const loggerLayer = (logs: Array<string> | undefined): Layer.Layer<never> =>
  logs === undefined
    ? Layer.empty
    : Layer.merge(
        Logger.replace(
          Logger.defaultLogger,
          Logger.map(Logger.stringLogger, (line) => {
            logs.push(line)
          })
        ),
        Logger.add(
          Logger.map(Logger.logfmtLogger, (line) => {
            logs.push(line)
          })
        )
      )

/** A POST over loopback with `node:http` (so the client's own address can be chosen). */
export const post = (url: string, body: string | Buffer, init: SendInit = {}): Promise<Sent> =>
  new Promise((resolve, reject) => {
    const request = Http.request(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...init.headers },
      ...(init.from === undefined ? {} : { localAddress: init.from })
    })
    request.on("response", (response) => {
      const chunks: Array<Buffer> = []
      response.on("data", (chunk: Buffer) => chunks.push(chunk))
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") })
      )
    })
    request.on("error", reject)
    request.end(body)
  })

/** Listens on an ephemeral loopback port; closed after the test. */
export const listen = async (server: Http.Server, path = "/bootpay/webhook"): Promise<string> => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  cleanups.push(async () => {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })
  return `http://127.0.0.1:${port}${path}`
}

/** One way of serving webhooks. */
export interface Target {
  readonly name: string
  readonly start: (bootpay: BootpayState, options?: EndpointOptions) => Promise<Endpoint>
}

const withoutExtras = ({ capacity: _capacity, logs: _logs, ...options }: EndpointOptions) => options

/** `NodeWebhook.make` behind `node:http` on loopback. */
export const nodeTarget: Target = {
  name: "NodeWebhook over loopback HTTP",
  start: async (bootpay, options = {}) => {
    const events: Array<readonly [Webhook.VerifiedEvent, Receipt.Receipt]> = []
    const handler = NodeWebhook.make({
      ...withoutExtras(options),
      layer: Layer.merge(bootpay.layer, loggerLayer(options.logs)),
      store: Webhook.WebhookStore.layerMemory({ capacity: options.capacity ?? 10_000 }),
      onEvent: (event, truth) => {
        events.push([event, truth])
      }
    })
    cleanups.push(() => handler.dispose())
    const url = await listen(Http.createServer((req, res) => void handler(req, res)))
    return { events, url, send: (body, init) => post(url, body, init) }
  }
}

/** `Webhook.handler` as an `@effect/platform` app; `from` is the request's peer address (127.0.0.1 by default). */
export const appTarget: Target = {
  name: "Webhook.handler (HttpApp)",
  start: async (bootpay, options = {}) => {
    const events: Array<readonly [Webhook.VerifiedEvent, Receipt.Receipt]> = []
    const runtime = ManagedRuntime.make(
      Layer.mergeAll(
        bootpay.layer,
        Webhook.WebhookStore.layerMemory({ capacity: options.capacity ?? 10_000 }),
        loggerLayer(options.logs)
      )
    )
    cleanups.push(() => runtime.dispose())
    const onEvent: Webhook.OnEvent<never, never> = (event, truth) =>
      Effect.sync(() => void events.push([event, truth]))
    const app = await runtime.runPromise(Webhook.handler(onEvent, withoutExtras(options)))
    const serve = async (request: Request, from = "127.0.0.1"): Promise<Sent> => {
      const served = HttpServerRequest.fromWeb(request).modify({ remoteAddress: from })
      const response = await runtime.runPromise(
        Effect.provideService(app, HttpServerRequest.HttpServerRequest, served)
      )
      const web = HttpServerResponse.toWeb(response)
      return { status: web.status, text: await web.text() }
    }
    return {
      events,
      serve,
      send: (body, init = {}) =>
        serve(
          new Request("http://merchant.test/bootpay/webhook", {
            method: "POST",
            body,
            headers: { "content-type": "application/json", ...init.headers }
          }),
          init.from
        )
    }
  }
}

/** Both targets, for `describe.each`. */
export const targets: ReadonlyArray<Target> = [nodeTarget, appTarget]
