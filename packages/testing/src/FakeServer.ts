/**
 * A fake Bootpay on a real loopback HTTP port, for Promise code, other languages and black-box tests.
 * It serves the same router and store model as `FakeBootpay.layer`, through `@effect/platform`'s
 * `HttpServer` on Node (`@effect/platform-node`'s `NodeHttpServer`).
 *
 * @since 0.1.0
 */
import * as Http from "node:http"
import * as Headers from "@effect/platform/Headers"
import { ServeError } from "@effect/platform/HttpServerError"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as NodeHttpServerRequest from "@effect/platform-node/NodeHttpServerRequest"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Scope from "effect/Scope"
import { FakeStore, type Options as StoreOptions } from "./FakeStore.js"
import * as Dispatch from "./internal/dispatch.js"
import * as Multipart from "./internal/multipart.js"

/**
 * A running fake server.
 *
 * @since 0.1.0
 * @category models
 */
export interface FakeServer {
  /** Base URL to give the client as `baseUrl`, e.g. `http://127.0.0.1:41234/v2`. */
  readonly url: string
  /** Base URL of the Commerce API, e.g. `http://127.0.0.1:41234/v1`. */
  readonly commerceUrl: string
  /** Base URL of the control API (CONTROL-API.md), e.g. `http://127.0.0.1:41234/__fake`. */
  readonly controlUrl: string
  readonly port: number
  readonly store: FakeStore
  /** Stops the server, its pending webhook deliveries and its open connections. */
  readonly close: () => Promise<void>
}

/**
 * Options of the fake server.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options extends StoreOptions {
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  readonly port?: number
  /** Host to listen on; `127.0.0.1` by default. */
  readonly host?: string
  /**
   * `frozen` (the default for `start`): the clock starts at `now` (or the wall time) and moves only
   * when told. `wall`: it follows the wall clock, as the `effect-bootpay-fake` command does.
   */
  readonly clock?: "frozen" | "wall"
}

/** The fake as an `HttpApp`: each request goes through the same dispatch as the layer's in-memory client. */
const app = (store: FakeStore) =>
  Effect.gen(function* () {
    const request = yield* HttpServerRequest.HttpServerRequest
    // A multipart form (files) is parsed as a server would; any other body is UTF-8 text.
    const contentType = request.headers["content-type"]
    const body = yield* Multipart.isMultipart(contentType)
      ? Effect.orElseSucceed(
          Effect.flatMap(request.arrayBuffer, (bytes) =>
            Effect.promise(() => Multipart.formJson(new Uint8Array(bytes), contentType!))
          ),
          () => undefined
        )
      : Effect.orElseSucceed(request.text, () => undefined)
    if (body === undefined) return yield* dropConnection(request)
    const url = new URL(request.url, "http://127.0.0.1")
    const outcome = Dispatch.dispatch(store, {
      method: request.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: request.headers,
      body
    })
    // Wall time: the server's latency is real, whatever the fake's clock says.
    if (outcome.delayMillis > 0) yield* Effect.sleep(outcome.delayMillis)
    if (outcome._tag === "Drop") return yield* dropConnection(request)
    const { reply } = outcome
    const text =
      reply.body === undefined ? "" : typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body)
    return HttpServerResponse.text(text, {
      status: reply.status,
      headers: Headers.fromInput({ "content-type": "application/json; charset=utf-8", ...reply.headers })
    })
  })

/** Resets the client's connection: it sees `ECONNRESET` (or `socket hang up`) and no answer. */
const dropConnection = (request: HttpServerRequest.HttpServerRequest) =>
  Effect.sync(() => {
    NodeHttpServerRequest.toIncomingMessage(request).socket.destroy()
    return HttpServerResponse.empty({ status: 499 })
  })

/**
 * Starts a fake Bootpay server on loopback: an `@effect/platform` `HttpServer` (Node's, from
 * `@effect/platform-node`) serving the fake's `HttpApp`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const start = async (options: Options = {}): Promise<FakeServer> => {
  // A frozen clock starts at the wall time (or `options.now`) and then moves only when told.
  const store = new FakeStore({ ...options, now: options.now ?? Date.now() })
  const node = Http.createServer()
  const scope = Effect.runSync(Scope.make())
  const address = await Effect.runPromise(
    Effect.gen(function* () {
      const server = yield* NodeHttpServer.make(() => node, {
        port: options.port ?? 0,
        host: options.host ?? "127.0.0.1"
      })
      yield* server.serve(app(store))
      return server.address
    }).pipe(Scope.extend(scope))
  ).catch(async (error: unknown) => {
    await Effect.runPromise(Scope.close(scope, Exit.void))
    throw error instanceof ServeError ? error.cause : error
  })
  if (address._tag !== "TcpAddress") throw new Error("the fake server listens on TCP only")
  const { hostname, port } = address
  // Reservations come due as time passes, with or without requests (a frozen clock makes none due).
  const ticker = setInterval(() => store.runDue(), 250)
  ticker.unref()
  const origin = `http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}`
  let closing: Promise<void> | undefined
  return {
    url: `${origin}/v2`,
    commerceUrl: `${origin}/v1`,
    controlUrl: `${origin}/__fake`,
    port,
    store,
    close: () => {
      closing ??= (async () => {
        clearInterval(ticker)
        // Pending webhook retries would otherwise keep posting after the test ended.
        store.webhooks.stop()
        // Keep-alive connections would hold `server.close` open until the client drops them.
        node.closeAllConnections()
        await Effect.runPromise(Scope.close(scope, Exit.void))
      })()
      return closing
    }
  }
}

/**
 * The fake server as a scoped Effect resource, closed with its scope.
 *
 * @since 0.1.0
 * @category constructors
 */
export const scoped = (options: Options = {}): Effect.Effect<FakeServer, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.promise(() => start(options)),
    (server) => Effect.promise(() => server.close())
  )

/**
 * The running fake server, for Effect tests.
 *
 * @since 0.1.0
 * @category services
 */
export class Server extends Context.Tag("@effect-bootpay/testing/FakeServer/Server")<Server, FakeServer>() {}

/**
 * A layer running the fake server for the layer's lifetime; give `Server.url` to the client as `baseUrl`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Options = {}): Layer.Layer<Server> => Layer.scoped(Server, scoped(options))
