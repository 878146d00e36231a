/**
 * The node transport over a real loopback server: what goes on the wire, what comes back, and how a
 * request ends early (refused, past its deadline, interrupted, pool closed).
 */
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { describe, expect, it } from "@effect/vitest"
import { Transport } from "@effect-bootpay/core"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import { identity } from "effect/Function"
import * as Layer from "effect/Layer"
import * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import * as Undici from "undici"
import * as UndiciClient from "../src/internal/undiciClient.js"

interface Seen {
  readonly method: string
  readonly url: string
  readonly headers: Http.IncomingHttpHeaders
  readonly body: string
}

/** A loopback server answering by path, recording requests, aborted requests and open sockets. */
const serve = (answer: (request: Seen, response: Http.ServerResponse) => void) =>
  Effect.acquireRelease(
    Effect.async<{
      readonly origin: string
      readonly seen: Array<Seen>
      readonly aborted: Array<string>
      readonly sockets: () => number
      readonly server: Http.Server
    }>((resume) => {
      const seen: Array<Seen> = []
      const aborted: Array<string> = []
      let open = 0
      const server = Http.createServer((request, response) => {
        const chunks: Array<Buffer> = []
        request.on("data", (chunk: Buffer) => chunks.push(chunk))
        request.on("end", () => {
          const recorded = {
            method: request.method ?? "",
            url: request.url ?? "",
            headers: request.headers,
            body: Buffer.concat(chunks).toString("utf8")
          }
          seen.push(recorded)
          response.on("close", () => {
            if (!response.writableFinished) aborted.push(recorded.url)
          })
          answer(recorded, response)
        })
      })
      server.on("connection", (socket) => {
        open += 1
        socket.on("close", () => {
          open -= 1
        })
      })
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo
        resume(
          Effect.succeed({ origin: `http://127.0.0.1:${port}`, seen, aborted, sockets: () => open, server })
        )
      })
    }),
    ({ server }) =>
      Effect.async<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  )

/** The default answers: JSON echo, 204, non-JSON, a large body, cookies; `/hang` never answers. */
const routes = (request: Seen, response: Http.ServerResponse) => {
  const path = request.url.split("?")[0]
  switch (path) {
    case "/hang":
      return
    case "/empty":
      response.writeHead(204).end()
      return
    case "/text":
      response.writeHead(200, { "content-type": "text/plain" }).end("not json")
      return
    case "/large":
      response
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ blob: "가".repeat(70_000) }))
      return
    case "/cookies":
      response.setHeader("set-cookie", ["a=1; Path=/", "b=2; Path=/"])
      response.writeHead(200, { "content-type": "application/json", "x-trace": "t-1" }).end("{}")
      return
    default:
      response
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ echo: request.url }))
  }
}

/** A client on its own pool, closed with the test's scope. */
const clientOn = (options: Undici.Agent.Options = {}) =>
  Effect.map(
    Effect.acquireRelease(
      Effect.sync(() => new Undici.Agent(options)),
      (agent) => Effect.promise(() => agent.destroy())
    ),
    UndiciClient.make
  )

/** Waits (briefly, polling) until `condition` holds. */
const eventually = (condition: () => boolean) =>
  Effect.gen(function* () {
    for (let i = 0; i < 100 && !condition(); i++) yield* Effect.sleep("10 millis")
    return condition()
  })

describe("the undici transport", () => {
  it.scoped("sends the method, path, query and headers, and reads status, headers and body", () =>
    Effect.gen(function* () {
      const server = yield* serve(routes)
      const client = yield* clientOn()
      const response = yield* client.execute(
        HttpClientRequest.get(`${server.origin}/v2/receipt/r%2F1`).pipe(
          HttpClientRequest.setUrlParams({ lookup_user_data: "true", q: "a b&c" }),
          HttpClientRequest.setHeaders({ authorization: "Basic abc", "bootpay-api-version": "5.0.0" })
        )
      )
      expect(server.seen[0]).toMatchObject({
        method: "GET",
        url: "/v2/receipt/r%2F1?lookup_user_data=true&q=a+b%26c",
        headers: { authorization: "Basic abc", "bootpay-api-version": "5.0.0" }
      })
      expect(response.status).toBe(200)
      expect(response.headers["content-type"]).toBe("application/json")
      expect(yield* response.json).toEqual({ echo: "/v2/receipt/r%2F1?lookup_user_data=true&q=a+b%26c" })
    })
  )

  it.scoped("keeps repeated headers: both cookies are readable", () =>
    Effect.gen(function* () {
      const server = yield* serve(routes)
      const client = yield* clientOn()
      const response = yield* client.execute(HttpClientRequest.get(`${server.origin}/cookies`))
      expect(response.headers["x-trace"]).toBe("t-1")
      expect(Object.keys(response.cookies.cookies).sort()).toEqual(["a", "b"])
    })
  )

  it.scoped("sends a JSON body with its content type, and a raw string body as given", () =>
    Effect.gen(function* () {
      const server = yield* serve(routes)
      const client = yield* clientOn()
      yield* client.execute(
        HttpClientRequest.post(`${server.origin}/v2/confirm`).pipe(
          HttpClientRequest.bodyUnsafeJson({ receipt_id: "r-1", price: 1000, name: "감귤" })
        )
      )
      yield* client.execute(
        HttpClientRequest.put(`${server.origin}/v2/raw`).pipe(
          HttpClientRequest.bodyText("plain words", "text/plain")
        )
      )
      expect(server.seen[0]!.headers["content-type"]).toBe("application/json")
      expect(JSON.parse(server.seen[0]!.body)).toEqual({ receipt_id: "r-1", price: 1000, name: "감귤" })
      expect(server.seen[1]).toMatchObject({ method: "PUT", body: "plain words" })
      expect(server.seen[1]!.headers["content-type"]).toBe("text/plain")
    })
  )

  it.scoped("refuses a streamed body before sending anything", () =>
    Effect.gen(function* () {
      const server = yield* serve(routes)
      const client = yield* clientOn()
      const error = yield* Effect.flip(
        client.execute(
          HttpClientRequest.post(`${server.origin}/v2/stream`).pipe(
            HttpClientRequest.bodyStream(Stream.make(new Uint8Array([1, 2, 3])))
          )
        )
      )
      expect(error).toMatchObject({ _tag: "RequestError", reason: "Transport" })
      expect(error.message).toContain("Stream")
      expect(server.seen).toEqual([])
    })
  )

  it.scoped("reads an empty answer as empty text and null JSON, and a large one whole", () =>
    Effect.gen(function* () {
      const server = yield* serve(routes)
      const client = yield* clientOn()
      const empty = yield* client.execute(HttpClientRequest.get(`${server.origin}/empty`))
      expect(empty.status).toBe(204)
      expect(yield* empty.text).toBe("")
      expect(yield* empty.json).toBeNull()
      const large = yield* client.execute(HttpClientRequest.get(`${server.origin}/large`))
      const body = (yield* large.json) as { blob: string }
      expect(body.blob).toHaveLength(70_000)
      expect(body.blob).toBe("가".repeat(70_000))
      const text = yield* client.execute(HttpClientRequest.get(`${server.origin}/text`))
      expect(yield* Effect.flip(text.json)).toMatchObject({ _tag: "ResponseError", reason: "Decode" })
    })
  )

  it.scoped("a refused connection is a transport error with the socket's code", () =>
    Effect.gen(function* () {
      const scope = yield* Scope.make()
      const closed = yield* Scope.extend(serve(routes), scope)
      yield* Scope.close(scope, Exit.void)
      const client = yield* clientOn()
      const error = yield* Effect.flip(
        client.execute(HttpClientRequest.get(`${closed.origin}/v2/receipt/r-1`))
      )
      expect(error).toMatchObject({ _tag: "RequestError", reason: "Transport" })
      expect((error.cause as { code?: string }).code).toBe("ECONNREFUSED")
    })
  )
})

describe("deadlines", () => {
  it.scoped("the transport declares that it enforces them; a wrapped copy does not", () =>
    Effect.gen(function* () {
      const client = yield* clientOn()
      expect(Transport.isEnforcingDeadlines(client)).toBe(true)
      expect(Transport.isEnforcingDeadlines(HttpClient.mapRequest(client, identity))).toBe(false)
    })
  )

  it.live("a request still waiting at its deadline is aborted and fails with DeadlineExceeded", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const server = yield* serve(routes)
        const client = yield* clientOn()
        const request = HttpClientRequest.get(`${server.origin}/hang`)
        const started = Date.now()
        Transport.setDeadline(request, started + 150)
        const error = yield* Effect.flip(client.execute(request))
        const elapsed = Date.now() - started
        expect(error).toMatchObject({ _tag: "RequestError", reason: "Transport" })
        expect(Transport.isDeadlineExceeded(error.cause)).toBe(true)
        expect(elapsed).toBeGreaterThanOrEqual(140)
        expect(elapsed).toBeLessThan(2_000)
        expect(yield* eventually(() => server.aborted.includes("/hang"))).toBe(true)
      })
    )
  )

  it.live("a request whose deadline already passed fails at once and is never sent", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const server = yield* serve(routes)
        const client = yield* clientOn()
        const request = HttpClientRequest.get(`${server.origin}/v2/receipt/r-1`)
        Transport.setDeadline(request, Date.now() - 1)
        const error = yield* Effect.flip(client.execute(request))
        expect(Transport.isDeadlineExceeded(error.cause)).toBe(true)
        yield* Effect.sleep("50 millis")
        expect(server.seen).toEqual([])
      })
    )
  )

  it.live("a deadline beyond the timer range does not end the request at once", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const server = yield* serve((request, response) => {
          setTimeout(() => routes(request, response), 50)
        })
        const client = yield* clientOn()
        const request = HttpClientRequest.get(`${server.origin}/v2/receipt/r-1`)
        Transport.setDeadline(request, Date.now() + 2 ** 32)
        const response = yield* client.execute(request)
        expect(response.status).toBe(200)
      })
    )
  )

  it.live("an answer before the deadline leaves no timer behind", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const server = yield* serve(routes)
        const client = yield* clientOn()
        const timers = () => process.getActiveResourcesInfo().filter((name) => name === "Timeout").length
        const before = timers()
        const request = HttpClientRequest.get(`${server.origin}/v2/receipt/r-1`)
        Transport.setDeadline(request, Date.now() + 60_000)
        const response = yield* client.execute(request)
        expect(response.status).toBe(200)
        expect(timers()).toBe(before)
      })
    )
  )
})

describe("interruption", () => {
  it.live("interrupting the fiber aborts the request on the wire", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const server = yield* serve(routes)
        const client = yield* clientOn()
        const fiber = yield* Effect.fork(client.execute(HttpClientRequest.get(`${server.origin}/hang`)))
        expect(yield* eventually(() => server.seen.length === 1)).toBe(true)
        yield* Fiber.interrupt(fiber)
        expect(yield* eventually(() => server.aborted.includes("/hang"))).toBe(true)
      })
    )
  )

  it.live("a request interrupted while queued for a connection never goes out", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const held: Array<Http.ServerResponse> = []
        const server = yield* serve((request, response) => {
          if (request.url === "/hold") held.push(response)
          else routes(request, response)
        })
        const client = yield* clientOn({ connections: 1, pipelining: 1 })
        const first = yield* Effect.fork(client.execute(HttpClientRequest.get(`${server.origin}/hold`)))
        expect(yield* eventually(() => held.length === 1)).toBe(true)
        const queued = yield* Effect.fork(client.execute(HttpClientRequest.get(`${server.origin}/queued`)))
        yield* Effect.sleep("50 millis")
        yield* Fiber.interrupt(queued)
        held[0]!.writeHead(200, { "content-type": "application/json" }).end("{}")
        const answered = yield* Fiber.join(first)
        expect(answered.status).toBe(200)
        // The pool is free again: a fresh request goes through, the interrupted one never did.
        yield* client.execute(HttpClientRequest.get(`${server.origin}/after`))
        expect(server.seen.map((request) => request.url)).toEqual(["/hold", "/after"])
      })
    )
  )
})

describe("the layer", () => {
  it.live("closing the layer's scope closes the keep-alive connections", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const server = yield* serve(routes)
        const scope = yield* Scope.make()
        const context = yield* Layer.buildWithScope(UndiciClient.layer, scope)
        const client = context.unsafeMap.get(HttpClient.HttpClient.key) as HttpClient.HttpClient
        yield* client.execute(HttpClientRequest.get(`${server.origin}/v2/receipt/r-1`))
        expect(server.sockets()).toBe(1)
        yield* Scope.close(scope, Exit.void)
        expect(yield* eventually(() => server.sockets() === 0)).toBe(true)
      })
    )
  )
})
