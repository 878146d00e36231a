/**
 * Webhooks (웹훅) on Node.js: a `(req, res)` handler for `node:http` and Express that reads the body
 * itself, within a size limit and a deadline (or takes `req.body` when a body parser already consumed
 * it), verifies each event against Bootpay through a Promise client or a layer, runs an async
 * `onEvent` once per verified state change and answers `200 {"success": true}` only when it
 * succeeded. The rules are those of `Webhook.respond`.
 *
 * @since 0.1.0
 */
import type * as Http from "node:http"
import { type BootpayClient, type Receipt, Webhook } from "@effect-bootpay/core/index"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import type * as Bootpay from "./Bootpay.js"

/**
 * A store for processing each event once, in Promise form (Redis, a database table). `claim`
 * resolves `true` when the caller now holds the key, `false` when it was processed; it may reject
 * with `Webhook.WebhookInProgress` while another delivery holds it.
 *
 * @since 0.1.0
 * @category models
 */
export interface Store {
  /** Takes the key for processing: `true` when this delivery holds it now, `false` when it was processed. */
  readonly claim: (key: string) => Promise<boolean>
  /** Marks the key processed, so later deliveries are answered without running `onEvent`. */
  readonly complete: (key: string) => Promise<void>
  /** Gives the key back after a failure, so Bootpay's retry can process it. */
  readonly release: (key: string) => Promise<void>
}

/**
 * What every handler takes, whichever way it reaches Bootpay.
 *
 * @since 0.1.0
 * @category models
 */
export interface CommonOptions extends Webhook.HandlerOptions {
  /**
   * Processes one verified state change: `event` and `receipt` are built from Bootpay's answer to the
   * receipt lookup, never from the delivery's body. Throw or reject to make Bootpay retry.
   */
  readonly onEvent: (event: Webhook.VerifiedEvent, receipt: Receipt.Receipt) => Promise<void> | void
  /** Where processed events are remembered: an in-process memory store by default. */
  readonly store?: Store | Layer.Layer<Webhook.WebhookStore> | undefined
}

/**
 * Options of `make`: a Promise client (`Bootpay.make(...)`) or a layer providing `BootpayClient`.
 *
 * @since 0.1.0
 * @category models
 */
export type Options = CommonOptions &
  (
    | { readonly bootpay: Bootpay.Bootpay; readonly layer?: undefined }
    | { readonly layer: Layer.Layer<BootpayClient.BootpayClient, unknown>; readonly bootpay?: undefined }
  )

/**
 * A request as Express hands it over: `body` is set when a body parser ran.
 *
 * @since 0.1.0
 * @category models
 */
export type Request = Http.IncomingMessage & { readonly body?: unknown }

/**
 * A `(req, res)` handler; `dispose` releases what it holds (the layer's resources).
 *
 * @since 0.1.0
 * @category models
 */
export interface Handler {
  (req: Request, res: Http.ServerResponse): Promise<void>
  /** Releases what the handler holds (the client layer's connections). */
  readonly dispose: () => Promise<void>
}

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

const header = (req: Request, name: string): string | undefined => {
  const value = req.headers[name]
  return Array.isArray(value) ? value.join(",") : value
}

const unreadable = () => new Webhook.WebhookInvalidBody({ reason: "the body could not be read", issues: [] })

/**
 * Reads the raw body, failing as soon as it grows past `limit`. Interrupted (by the deadline), it stops
 * listening; the answer then closes the connection, so the rest is never read.
 */
const readBody = (
  req: Request,
  limit: number
): Effect.Effect<Uint8Array, Webhook.WebhookBodyTooLarge | Webhook.WebhookInvalidBody> =>
  Effect.async((resume) => {
    const chunks: Array<Buffer> = []
    let size = 0
    const stop = () => {
      req.off("data", onData)
      req.off("end", onEnd)
      req.off("error", onFailure)
      req.off("close", onFailure)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) {
        chunks.push(chunk)
        return
      }
      stop()
      resume(Effect.fail(new Webhook.WebhookBodyTooLarge({ maxBodyBytes: limit })))
    }
    const onEnd = () => {
      stop()
      resume(Effect.succeed(Buffer.concat(chunks)))
    }
    const onFailure = () => {
      stop()
      resume(Effect.fail(unreadable()))
    }
    req.on("data", onData)
    req.on("end", onEnd)
    req.on("error", onFailure)
    req.on("close", onFailure)
    return Effect.sync(stop)
  })

/**
 * The delivery: the raw body read within the limits, unless a body parser already consumed the stream
 * (then `req.body` is the body, and the parser's own limit applied).
 */
const readDelivery = (
  req: Request,
  limits: { readonly maxBodyBytes: number; readonly readTimeout: Duration.Duration }
): Effect.Effect<Webhook.Delivery, Webhook.WebhookError> => {
  const base = {
    contentType: header(req, "content-type"),
    remoteAddress: req.socket.remoteAddress,
    forwardedFor: header(req, "x-forwarded-for")
  }
  const consumed = req.readableEnded || (req as { readonly _body?: unknown })._body === true
  if (consumed) {
    const body = req.body
    return Effect.succeed(
      typeof body === "string" || body instanceof Uint8Array
        ? { ...base, body }
        : { ...base, body: "", parsed: body ?? {} }
    )
  }
  const declared = header(req, "content-length")
  if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) > limits.maxBodyBytes) {
    return Effect.fail(new Webhook.WebhookBodyTooLarge({ maxBodyBytes: limits.maxBodyBytes }))
  }
  return readBody(req, limits.maxBodyBytes).pipe(
    Effect.timeoutFail({
      duration: limits.readTimeout,
      onTimeout: () =>
        new Webhook.WebhookBodyTimeout({ timeoutMillis: Duration.toMillis(limits.readTimeout) })
    }),
    Effect.map((body) => ({ ...base, body }))
  )
}

const write = (res: Http.ServerResponse, answer: Webhook.Answer, close: boolean): void => {
  if (res.headersSent) return
  res.writeHead(answer.status, {
    "content-type": "application/json; charset=utf-8",
    // A body left unread: the connection cannot carry another request, and Node closes it after this.
    ...(close ? { connection: "close" } : {})
  })
  res.end(JSON.stringify(answer.body))
}

/**
 * A webhook endpoint for `node:http` or Express (`app.post("/bootpay/webhook", handler)`). With
 * `express.json()` or `express.urlencoded()` in front it uses `req.body`; otherwise it reads the raw
 * body, at most `maxBodyBytes` (1 MiB by default, else 413) within `readTimeout` (10 seconds by
 * default, else 408). Throws `Webhook.WebhookInvalidOptions` at once for unusable options (a malformed
 * address range, a bad proxy count). Call `handler.dispose()` on shutdown.
 *
 * @since 0.1.0
 * @category constructors
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
  const limits = {
    maxBodyBytes: options.maxBodyBytes ?? Webhook.defaultMaxBodyBytes,
    readTimeout: Duration.decode(options.readTimeout ?? Webhook.defaultReadTimeout)
  }
  const stores = storeLayer(options.store)

  const serve = <R>(
    layer: Layer.Layer<R, unknown>,
    respond: (delivery: Webhook.Delivery) => Effect.Effect<Webhook.Answer, never, R>
  ): Handler => {
    // One runtime for the handler's lifetime: the layer (connection pool, store) is built once.
    const runtime = ManagedRuntime.make(layer)
    const handle = (req: Request, res: Http.ServerResponse): Promise<void> =>
      runtime
        .runPromise(
          readDelivery(req, limits).pipe(
            Effect.matchEffect({
              onFailure: (error) =>
                Effect.map(Webhook.refuse(error), (answer) => ({
                  answer,
                  close: error._tag !== "WebhookInvalidBody"
                })),
              onSuccess: (delivery) => Effect.map(respond(delivery), (answer) => ({ answer, close: false }))
            })
          )
        )
        .then(
          ({ answer, close }) => write(res, answer, close),
          // A layer that could not be built: never an unanswered request.
          () => write(res, { status: 500, body: { success: false, error: "InternalError" } }, false)
        )
    return Object.assign(handle, { dispose: () => runtime.dispose() })
  }

  if (options.bootpay !== undefined) {
    const respond = Webhook.respondWith(lookupWith(options.bootpay))
    return serve(stores, (delivery) => respond(delivery, onEvent, handlerOptions))
  }
  return serve(Layer.merge(options.layer, stores), (delivery) =>
    Webhook.respond(delivery, onEvent, handlerOptions)
  )
}
