/**
 * A fake Bootpay on a real loopback HTTP port, for Promise code, other languages and black-box tests.
 * It serves the same router and store model as `FakeBootpay.layer`.
 *
 * @since 0.1.0
 */
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Scope from "effect/Scope"
import { FakeStore, type Options as StoreOptions } from "./FakeStore.js"
import * as CommerceRouter from "./internal/commerce/router.js"
import * as Multipart from "./internal/multipart.js"
import * as Router from "./internal/router.js"

/**
 * A running fake server.
 *
 * @since 0.1.0
 * @category models
 */
export interface FakeServer {
  /** Base URL to give the client as `baseUrl`, e.g. `http://127.0.0.1:41234/v2`. */
  readonly url: string
  /** Commerce base URL to give a Commerce client as `baseUrl`, e.g. `http://127.0.0.1:41234/v1`. */
  readonly commerceUrl: string
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
}

const readBody = (request: Http.IncomingMessage): Promise<string> =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Array<Buffer> = []
    request.on("data", (chunk: Buffer) => chunks.push(chunk))
    request.on("end", () => resolve(Buffer.concat(chunks)))
    request.on("error", reject)
  }).then((bytes) => {
    // A multipart form (files) is parsed as a server would; any other body is UTF-8 text.
    const contentType = request.headers["content-type"]
    return Multipart.isMultipart(contentType)
      ? Multipart.formJson(bytes, contentType!)
      : bytes.toString("utf8")
  })

const headersOf = (request: Http.IncomingMessage): Record<string, string> => {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === "string") headers[name] = value
    else if (Array.isArray(value)) headers[name] = value.join(", ")
  }
  return headers
}

/**
 * Starts a fake Bootpay server on loopback.
 *
 * @since 0.1.0
 * @category constructors
 */
export const start = async (options: Options = {}): Promise<FakeServer> => {
  // The server's clock starts at the wall time (or `options.now`) and then moves only with `advance`.
  const store = new FakeStore({ ...options, now: options.now ?? Date.now() })
  const server = Http.createServer((request, response) => {
    void readBody(request).then(
      (body) => {
        const url = new URL(request.url ?? "/", "http://127.0.0.1")
        const commerce = url.pathname.startsWith("/v1/")
        const path = url.pathname.startsWith("/v2") || commerce ? url.pathname.slice(3) : url.pathname
        const outcome = (commerce ? CommerceRouter.route : Router.route)(store, {
          method: request.method ?? "GET",
          path,
          query: Object.fromEntries(url.searchParams),
          headers: headersOf(request),
          body
        })
        const answer = () => {
          if (outcome._tag === "Drop") {
            request.socket.destroy()
            return
          }
          const { reply } = outcome
          const text =
            reply.body === undefined
              ? ""
              : typeof reply.body === "string"
                ? reply.body
                : JSON.stringify(reply.body)
          response.writeHead(reply.status, {
            "content-type": "application/json; charset=utf-8",
            ...reply.headers
          })
          response.end(text)
        }
        if (outcome.delayMillis > 0) setTimeout(answer, outcome.delayMillis).unref()
        else answer()
      },
      () => request.socket.destroy()
    )
  })
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve())
  })
  const { port, address } = server.address() as AddressInfo
  return {
    url: `http://${address}:${port}/v2`,
    commerceUrl: `http://${address}:${port}/v1`,
    port,
    store,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Pending webhook retries would otherwise keep posting after the test ended.
        store.webhooks.stop()
        server.close((error) => (error === undefined ? resolve() : reject(error)))
        server.closeAllConnections()
      })
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
