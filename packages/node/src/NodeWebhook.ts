/**
 * Webhooks (웹훅) on Node.js: a `(req, res)` handler for `node:http` and Express that reads the body
 * itself (or takes `req.body` when a body parser already consumed it), verifies each event against
 * Bootpay through a Promise client or a layer, runs an async `onEvent` once per verified state change
 * and answers `200 {"success": true}` only when it succeeded. The rules are those of `Webhook.respond`.
 *
 * @since 0.1.0
 */
import type * as Http from "node:http"
import { type BootpayClient, type Receipt, Webhook } from "@effect-bootpay/core"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import type * as Bootpay from "./Bootpay.js"

/**
 * A store for processing each event once, in Promise form (Redis, a database table). `claim`
 * resolves `true` when the caller now holds the key, `false` when it was processed; it may reject
 * with `Webhook.WebhookInProgress` while another delivery holds it.
 */
export interface Store {
  /** Takes the key for processing: `true` when this delivery holds it now, `false` when it was processed. */
  readonly claim: (key: string) => Promise<boolean>
  /** Marks the key processed, so later deliveries are answered without running `onEvent`. */
  readonly complete: (key: string) => Promise<void>
  /** Gives the key back after a failure, so Bootpay's retry can process it. */
  readonly release: (key: string) => Promise<void>
}

/** What every handler takes, whichever way it reaches Bootpay. */
export interface CommonOptions extends Webhook.HandlerOptions {
  /**
   * Processes one verified state change: `event` and `receipt` are built from Bootpay's answer to the
   * receipt lookup, never from the delivery's body. Throw or reject to make Bootpay retry.
   */
  readonly onEvent: (event: Webhook.VerifiedEvent, receipt: Receipt.Receipt) => Promise<void> | void
  /** Where processed events are remembered: an in-process memory store by default. */
  readonly store?: Store | Layer.Layer<Webhook.WebhookStore> | undefined
  /** Largest body read, in bytes (default 1 MiB); larger ones are answered 413. */
  readonly maxBodyBytes?: number | undefined
}

/** Options of `make`: a Promise client (`Bootpay.make(...)`) or a layer providing `BootpayClient`. */
export type Options = CommonOptions &
  (
    | { readonly bootpay: Bootpay.Bootpay; readonly layer?: undefined }
    | { readonly layer: Layer.Layer<BootpayClient.BootpayClient, unknown>; readonly bootpay?: undefined }
  )

/** A request as Express hands it over: `body` is set when a body parser ran. */
export type Request = Http.IncomingMessage & { readonly body?: unknown }

/** A `(req, res)` handler; `dispose` releases what it holds (the layer's resources). */
export interface Handler {
  (req: Request, res: Http.ServerResponse): Promise<void>
  /** Releases what the handler holds (the client layer's connections). */
  readonly dispose: () => Promise<void>
}

const defaultMaxBodyBytes = 1024 * 1024

const fromPromiseStore = (store: Store): Webhook.StoreService => ({
  claim: (key) =>
    Effect.tryPromise({ try: () => store.claim(key), catch: (error) => error }).pipe(
      Effect.catchAll((error) =>
        error instanceof Webhook.WebhookInProgress ? Effect.fail(error) : Effect.die(error)
      )
    ),
  complete: (key) => Effect.promise(() => store.complete(key)),
  release: (key) => Effect.promise(() => store.release(key))
})

const storeLayer = (store: CommonOptions["store"]): Layer.Layer<Webhook.WebhookStore> => {
  if (store === undefined) return Webhook.WebhookStore.layerMemory()
  return Layer.isLayer(store)
    ? (store as Layer.Layer<Webhook.WebhookStore>)
    : Layer.succeed(Webhook.WebhookStore, fromPromiseStore(store as Store))
}

const lookupWith =
  (bootpay: Bootpay.Bootpay): Webhook.Lookup<unknown, never> =>
  (receiptId) =>
    Effect.tryPromise({
      try: (signal) => bootpay.receipt.lookup(receiptId, { signal }),
      catch: (error) => error
    })

type Read = { readonly _tag: "Body"; readonly delivery: Webhook.Delivery } | { readonly _tag: "TooLarge" }

const header = (req: Request, name: string): string | undefined => {
  const value = req.headers[name]
  return Array.isArray(value) ? value.join(",") : value
}

/** Reads the raw body, unless a body parser already consumed the stream (then `req.body` is the body). */
const readDelivery = (req: Request, limit: number): Promise<Read> => {
  const base = {
    contentType: header(req, "content-type"),
    remoteAddress: req.socket.remoteAddress,
    forwardedFor: header(req, "x-forwarded-for")
  }
  const consumed = req.readableEnded || (req as { readonly _body?: unknown })._body === true
  if (consumed) {
    const body = req.body
    const delivery: Webhook.Delivery =
      typeof body === "string" || body instanceof Uint8Array
        ? { ...base, body }
        : { ...base, body: "", parsed: body ?? {} }
    return Promise.resolve({ _tag: "Body", delivery })
  }
  return new Promise((resolve, reject) => {
    const chunks: Array<Buffer> = []
    let size = 0
    req.on("data", (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        req.removeAllListeners("data")
        req.resume()
        resolve({ _tag: "TooLarge" })
        return
      }
      chunks.push(chunk)
    })
    req.on("end", () => resolve({ _tag: "Body", delivery: { ...base, body: Buffer.concat(chunks) } }))
    req.on("error", reject)
  })
}

/** One runtime for the handler's lifetime: the layer (connection pool, store) is built once. */
const serve = <R>(
  layer: Layer.Layer<R, unknown>,
  respond: (delivery: Webhook.Delivery) => Effect.Effect<Webhook.Answer, never, R>
) => {
  const runtime = ManagedRuntime.make(layer)
  return {
    run: (delivery: Webhook.Delivery): Promise<Webhook.Answer> => runtime.runPromise(respond(delivery)),
    dispose: (): Promise<void> => runtime.dispose()
  }
}

const write = (res: Http.ServerResponse, answer: Webhook.Answer): void => {
  if (res.headersSent) return
  res.writeHead(answer.status, { "content-type": "application/json; charset=utf-8" })
  res.end(JSON.stringify(answer.body))
}

/**
 * A webhook endpoint for `node:http` or Express (`app.post("/bootpay/webhook", handler)`). With
 * `express.json()` or `express.urlencoded()` in front it uses `req.body`; otherwise it reads the raw
 * body. Throws `Webhook.WebhookInvalidOptions` at once for unusable options (a malformed address
 * range, a bad proxy count). Call `handler.dispose()` on shutdown.
 */
export const make = (options: Options): Handler => {
  const checked = Effect.runSync(Effect.either(Webhook.checkOptions(options)))
  if (Either.isLeft(checked)) throw checked.left
  const onEvent: Webhook.OnEvent<unknown, never> = (event, receipt) =>
    Effect.tryPromise({
      try: () => Promise.resolve(options.onEvent(event, receipt)),
      catch: (error) => error
    })
  const handlerOptions: Webhook.HandlerOptions = {
    checkSender: options.checkSender,
    trustProxy: options.trustProxy,
    allowedRanges: options.allowedRanges
  }
  const stores = storeLayer(options.store)
  const limit = options.maxBodyBytes ?? defaultMaxBodyBytes

  const viaClient = (bootpay: Bootpay.Bootpay) => {
    const respond = Webhook.respondWith(lookupWith(bootpay))
    return serve(stores, (delivery) => respond(delivery, onEvent, handlerOptions))
  }
  const service =
    options.bootpay !== undefined
      ? viaClient(options.bootpay)
      : serve(Layer.merge(options.layer, stores), (delivery) =>
          Webhook.respond(delivery, onEvent, handlerOptions)
        )

  const handle = async (req: Request, res: Http.ServerResponse): Promise<void> => {
    try {
      const read = await readDelivery(req, limit)
      if (read._tag === "TooLarge") {
        write(res, { status: 413, body: { success: false, error: "WebhookInvalidBody" } })
        return
      }
      write(res, await service.run(read.delivery))
    } catch {
      // A client that went away, or a layer that could not be built: never an unanswered request.
      write(res, { status: 500, body: { success: false, error: "InternalError" } })
    }
  }
  return Object.assign(handle, { dispose: service.dispose })
}
