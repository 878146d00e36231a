/**
 * Bootpay's webhook endpoint (웹훅) in an Effect HTTP server: `Webhook.handler`'s `HttpApp` mounted
 * at `POST /bootpay/webhook` of an `HttpRouter`, served by `@effect/platform-node`'s `NodeHttpServer`.
 * Every delivery is verified by looking the receipt up at Bootpay, claimed once by its idempotency
 * key, and only then handed to the merchant's `onEvent`; the answer is Bootpay's required
 * `200 {"success": true}` when `onEvent` succeeded, an error (so Bootpay retries) when it failed.
 *
 * Run it against the fake Bootpay (no keys): `pnpm run build && node examples/dist/effect/webhookServer.js`.
 * In production give `NodeBootpay.layerConfig()` instead of the fake's client, and a shared
 * `WebhookStore` when the server runs on several machines.
 */
import * as Http from "node:http"
import { pathToFileURL } from "node:url"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServer from "@effect/platform/HttpServer"
import type { ServeError } from "@effect/platform/HttpServerError"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import { type BootpayClient, type BootpayError, Webhook } from "@effect-bootpay/core"
import { NodeBootpay } from "@effect-bootpay/node"
import { FakeServer } from "@effect-bootpay/testing"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

/** The path Bootpay's admin console is given as the webhook URL. */
export const webhookPath = "/bootpay/webhook"

/**
 * The webhook server as a layer: listening on `port` (0 picks a free one) of `host`, serving
 * `onEvent` for every verified state change. It provides the running `HttpServer` (its `address`).
 */
export const webhookServer = <E, R>(
  onEvent: Webhook.OnEvent<E, R>,
  options: { readonly port?: number; readonly host?: string } = {}
): Layer.Layer<
  HttpServer.HttpServer,
  Webhook.WebhookInvalidOptions | ServeError,
  R | BootpayClient.BootpayClient | Webhook.WebhookStore
> =>
  Layer.unwrapEffect(
    Effect.map(Webhook.handler(onEvent), (app) =>
      HttpRouter.empty.pipe(HttpRouter.post(webhookPath, app), HttpServer.serve())
    )
  ).pipe(
    Layer.provideMerge(
      NodeHttpServer.layer(() => Http.createServer(), {
        port: options.port ?? 0,
        host: options.host ?? "127.0.0.1"
      })
    )
  )

/** The URL of the running server's webhook endpoint. */
export const endpointUrl: Effect.Effect<string, never, HttpServer.HttpServer> = Effect.map(
  HttpServer.HttpServer,
  (server) =>
    server.address._tag === "TcpAddress"
      ? `http://${server.address.hostname}:${server.address.port}${webhookPath}`
      : webhookPath
)

/** The demo: a fake Bootpay posts a payment's webhook to the server, which verifies and processes it. */
const main = Effect.gen(function* () {
  const fake = yield* FakeServer.Server
  const url = yield* endpointUrl
  fake.store.webhooks.configure(url, { intervalMillis: 200 })
  const paid = fake.store.createReceipt({ price: 15_000, order_id: "order-1" })
  yield* Effect.promise(() => fake.store.webhooks.settled())
  const [delivery] = fake.store.webhookDeliveries
  yield* Console.log(`${delivery?.webhookType} for ${paid.receipt_id}: ${delivery?.status}`)
})

const processed = (event: Webhook.VerifiedEvent) =>
  Console.log(
    `processing ${event.webhook_type} of ${event.receipt_id} once (key ${Webhook.idempotencyKey(event)})`
  )

/** The demo's layers: the fake Bootpay, the SDK client pointed at it, the webhook server. */
export const demoLayer: Layer.Layer<
  FakeServer.Server | HttpServer.HttpServer,
  Webhook.WebhookInvalidOptions | ServeError | BootpayError.InvalidConfig
> = Layer.unwrapEffect(
  Effect.map(FakeServer.Server, (fake) =>
    webhookServer(processed).pipe(
      Layer.provide(
        Layer.merge(
          NodeBootpay.layer({ baseUrl: fake.url, clientKey: "test", secretKey: "test" }),
          Webhook.WebhookStore.layerMemory()
        )
      )
    )
  )
).pipe(Layer.provideMerge(FakeServer.layer()))

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  Effect.runPromise(main.pipe(Effect.provide(demoLayer))).catch((error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
}
