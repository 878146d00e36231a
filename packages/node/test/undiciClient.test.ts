/**
 * The node transport over a real loopback server: what goes on the wire, what comes back, and how a
 * request ends early (refused, cut off, past its deadline, interrupted, pool closed). Every test runs
 * on the live clock: the sockets, the deadline timers and the server are real.
 */
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { describe, expect, it } from "@effect/vitest"
import { Transport } from "@effect-bootpay/core"
import * as Chunk from "effect/Chunk"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import { identity } from "effect/Function"
import * as Layer from "effect/Layer"
import * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import * as Undici from "undici"
import * as UndiciClient from "../src/internal/undiciClient.js"

/** One request as the server received it. */
interface Seen {
  readonly method: string
  readonly url: string
  readonly headers: Http.IncomingHttpHeaders
  readonly body: string
}

/** A running loopback server and what it observed. */
interface Served {
  readonly origin: string
  readonly seen: Array<Seen>
  /** The urls of requests whose connection closed before their answer was finished. */
  readonly aborted: Array<string>
  /** The connections open right now. */
  readonly sockets: () => number
}

/** A loopback server answering with `answer`, recording requests, aborted requests and open sockets. */
const serve = (answer: (request: Seen, response: Http.ServerResponse) => void) =>
  Effect.acquireRelease(
    Effect.async<Served & { readonly server: Http.Server }>((resume) => {
      const seen: Array<Seen> = []
      const aborted: Array<string> = []
      let open = 0
      const server = Http.createServer((request, response) => {
        const chunks: Array<Buffer> = []
        request.on("data", (chunk: Buffer) => chunks.push(chunk))
        request.on("end", () => {
          const recorded: Seen = {
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

/** A large answer: multi-byte text whose UTF-8 bytes cross the socket's chunk boundaries. */
const largeBlob = "가나다abc".repeat(30_000)

/** The default answers by path; `/hang` never answers, anything else echoes the request. */
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
    case "/form":
      response.writeHead(200, { "content-type": "application/x-www-form-urlencoded" }).end("a=1&b=%EA%B0%80")
      return
    case "/large":
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ blob: largeBlob }))
      return
    case "/cookies":
      response.setHeader("Set-Cookie", ["a=1; Path=/", "b=2; Path=/; HttpOnly"])
      response.writeHead(200, { "content-type": "application/json" }).end("{}")
      return
    case "/fail":
      response
        .writeHead(500, { "content-type": "application/json" })
        .end(JSON.stringify({ error_code: "INTERNAL", message: "잠시 후 다시" }))
      return
    case "/cut":
      // Promises 100 bytes, sends 10, then drops the connection.
      response.writeHead(200, { "content-type": "application/json", "content-length": "100" })
      response.write('{"partial"', () => response.socket?.destroy())
      return
    default:
      response
        .writeHead(200, { "Content-Type": "application/json", "X-Request-Path": request.url })
        .end(JSON.stringify({ method: request.method, url: request.url, body: request.body }))
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

/** Waits (briefly, polling) until `condition` holds; returns whether it did. */
const eventually = (condition: () => boolean) =>
  Effect.gen(function* () {
    for (let i = 0; i < 200 && !condition(); i++) yield* Effect.sleep("5 millis")
    return condition()
  })

/**
 * A pool of one connection, busy with a `/hold` request the server keeps open until the test answers
 * `held[0]`: the next request waits in undici's queue.
 */
const busyPool = Effect.gen(function* () {
  const held: Array<Http.ServerResponse> = []
  const server = yield* serve((request, response) => {
    if (request.url === "/hold") held.push(response)
    else routes(request, response)
  })
  const client = yield* clientOn({ connections: 1, pipelining: 1 })
  const first = yield* Effect.fork(client.execute(HttpClientRequest.get(`${server.origin}/hold`)))
  expect(yield* eventually(() => held.length === 1)).toBe(true)
  return { server, client, held, first }
})

/** How far ahead the timer tests set deadlines: a delay no other timer in the process uses. */
const farDeadline = 47_123

/**
 * Watches, for the test's scope, the deadline timers the transport starts (told apart by their delay,
 * just under `farDeadline`): how many started, and how many are still pending (neither cleared nor
 * fired). Counting all the process's live timers instead also counts vitest's own, which come and go
 * when the machine is busy.
 */
const deadlineTimers = Effect.acquireRelease(
  Effect.sync(() => {
    const original = { set: globalThis.setTimeout, clear: globalThis.clearTimeout }
    const pending = new Set<unknown>()
    let started = 0
    const set = (callback: (...args: Array<unknown>) => void, delay?: number, ...args: Array<unknown>) => {
      if (delay === undefined || delay <= farDeadline - 1_000 || delay > farDeadline) {
        return original.set(callback, delay, ...args)
      }
      started += 1
      const handle = original.set(
        (...passed: Array<unknown>) => {
          pending.delete(handle)
          callback(...passed)
        },
        delay,
        ...args
      )
      pending.add(handle)
      return handle
    }
    const clear = (handle: Parameters<typeof clearTimeout>[0]) => {
      pending.delete(handle)
      original.clear(handle)
    }
    globalThis.setTimeout = set as unknown as typeof setTimeout
    globalThis.clearTimeout = clear as typeof clearTimeout
    return { original, started: () => started, pending: () => pending.size }
  }),
  ({ original }) =>
    Effect.sync(() => {
      globalThis.setTimeout = original.set
      globalThis.clearTimeout = original.clear
    })
)

/** Milliseconds since the epoch, for deadlines and elapsed times. */
const now = () => Date.now()

describe("the undici transport: requests", () => {
  it.scopedLive("sends the method, exact path, query and headers, and reads the answer", () =>
    Effect.gen(function* () {
      const server = yield* serve(routes)
      const client = yield* clientOn()
      const request = HttpClientRequest.get(`${server.origin}/v2/receipt/r%2F1`).pipe(
        HttpClientRequest.setUrlParams({ lookup_user_data: "true", q: "a b&c", name: "감귤" }),
        HttpClientRequest.setHeaders({ Authorization: "Basic abc", "bootpay-api-version": "5.0.0" })
      )
      const response = yield* client.execute(request)
      const path = "/v2/receipt/r%2F1?lookup_user_data=true&q=a+b%26c&name=%EA%B0%90%EA%B7%A4"
      expect(server.seen).toHaveLength(1)
      expect(server.seen[0]).toMatchObject({
        method: "GET",
        url: path,
        body: "",
        headers: { authorization: "Basic abc", "bootpay-api-version": "5.0.0" }
      })
      expect(response.status).toBe(200)
      expect(response.request).toBe(request)
      expect(response.headers["content-type"]).toBe("application/json")
      expect(response.headers["x-request-path"]).toBe(path)
      expect(Object.keys(response.headers).filter((name) => name !== name.toLowerCase())).toEqual([])
      const expected = { method: "GET", url: path, body: "" }
      expect(yield* response.text).toBe(JSON.stringify(expected))
      expect(yield* response.json).toEqual(expected)
      // The bytes are exactly the body, not a view of a larger socket buffer.
      const bytes = Buffer.from(JSON.stringify(expected))
      const buffer = yield* response.arrayBuffer
      expect(buffer.byteLength).toBe(bytes.length)
      expect(Buffer.from(buffer).equals(bytes)).toBe(true)
    })
  )

  it.scopedLive("keeps repeated Set-Cookie headers: both cookies are readable", () =>
    Effect.gen(function* () {
      const server = yield* serve(routes)
      const client = yield* clientOn()
      const response = yield* client.execute(HttpClientRequest.get(`${server.origin}/cookies`))
      expect(Object.keys(response.cookies.cookies).sort()).toEqual(["a", "b"])
      expect(response.cookies.cookies.a).toMatchObject({ name: "a", value: "1" })
      expect(response.cookies.cookies.b).toMatchObject({ name: "b", value: "2", options: { httpOnly: true } })
    })
  )

  it.scopedLive("sends a JSON body with its content type and exact bytes", () =>
    Effect.gen(function* () {
      const server = yield* serve(routes)
      const client = yield* clientOn()
      const payload = { receipt_id: "r-1", price: 1000, name: "감귤", nested: { list: [1, null, "x"] } }
      const response = yield* client.execute(
        HttpClientRequest.post(`${server.origin}/v2/confirm`).pipe(HttpClientRequest.bodyUnsafeJson(payload))
      )
      expect(response.status).toBe(200)
      expect(server.seen[0]).toMatchObject({
        method: "POST",
        url: "/v2/confirm",
        body: JSON.stringify(payload)
      })
      expect(server.seen[0]!.headers["content-type"]).toBe("application/json")
      expect(server.seen[0]!.headers["content-length"]).toBe(
        String(Buffer.byteLength(JSON.stringify(payload)))
      )
    })
  )

  it.scopedLive("sends a raw string body and a byte body as given", () =>
    Effect.gen(function* () {
      const server = yield* serve(routes)
      const client = yield* clientOn()
      yield* client.execute(
        HttpClientRequest.put(`${server.origin}/v2/raw`).pipe(
          HttpClientRequest.setBody(HttpBody.raw("원문 그대로", { contentType: "text/plain" }))
        )
      )
      yield* client.execute(
        HttpClientRequest.patch(`${server.origin}/v2/bytes`).pipe(
          HttpClientRequest.bodyUint8Array(
            new TextEncoder().encode("bytes 그대로"),
            "application/octet-stream"
          )
        )
      )
      expect(server.seen.map(({ method, url, body }) => ({ method, url, body }))).toEqual([
        { method: "PUT", url: "/v2/raw", body: "원문 그대로" },
        { method: "PATCH", url: "/v2/bytes", body: "bytes 그대로" }
      ])
      expect(server.seen[0]!.headers["content-type"]).toBe("text/plain")
      expect(server.seen[1]!.headers["content-type"]).toBe("application/octet-stream")
    })
  )

  it.scopedLive("refuses a body it cannot send, naming its kind, before anything goes out", () =>
    Effect.gen(function* () {
      const server = yield* serve(routes)
      const client = yield* clientOn()
      // A FormData body is sent (serialized first): see the next test.
      const bodies = {
        Stream: HttpBody.stream(Stream.make(new Uint8Array([1, 2, 3]))),
        Raw: HttpBody.raw(new Blob(["not a string"]))
      }
      for (const [kind, body] of Object.entries(bodies)) {
        const error = yield* Effect.flip(
          client.execute(
            HttpClientRequest.post(`${server.origin}/v2/body`).pipe(HttpClientRequest.setBody(body))
          )
        )
        expect(error).toMatchObject({
          _tag: "RequestError",
          reason: "Transport",
          description: `a ${kind} body is not supported`
        })
      }
      // A request sent afterwards arrives alone: none of the refused ones reached the server.
      yield* client.execute(HttpClientRequest.get(`${server.origin}/after`))
      expect(server.seen.map((request) => request.url)).toEqual(["/after"])
    })
  )

  it.scopedLive("sends a FormData body as multipart/form-data bytes with its boundary and length", () =>
    Effect.gen(function* () {
      const server = yield* serve(routes)
      const client = yield* clientOn()
      const form = new FormData()
      form.append("name", "원두")
      form.append("images[0]", new Blob([new Uint8Array([1, 2, 3])], { type: "image/png" }), "a.png")
      yield* client.execute(
        HttpClientRequest.post(`${server.origin}/v2/form`).pipe(HttpClientRequest.bodyFormData(form))
      )
      const seen = server.seen[0]!
      const contentType = String(seen.headers["content-type"])
      expect(contentType).toMatch(/^multipart\/form-data; boundary=\S+$/)
      expect(Number(seen.headers["content-length"])).toBe(Buffer.byteLength(seen.body, "utf8"))
      const boundary = contentType.slice(contentType.indexOf("boundary=") + "boundary=".length)
      expect(seen.body).toContain(
        `--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\n원두\r\n`
      )
      expect(seen.body).toContain('name="images[0]"; filename="a.png"\r\nContent-Type: image/png')
      expect(seen.body.endsWith(`--${boundary}--\r\n`)).toBe(true)
    })
  )

  it.scopedLive("a relative URL is an InvalidUrl error and sends nothing", () =>
    Effect.gen(function* () {
      const client = yield* clientOn()
      const error = yield* Effect.flip(client.execute(HttpClientRequest.get("/v2/receipt/r-1")))
      expect(error).toMatchObject({
        _tag: "RequestError",
        reason: "InvalidUrl",
        description: "/v2/receipt/r-1"
      })
    })
  )

  it.scopedLive(
    "URLs off the plain path are sent as URL would: query merged, fragment dropped, path encoded",
    () =>
      Effect.gen(function* () {
        const server = yield* serve(routes)
        const client = yield* clientOn()
        const upperCase = server.origin.replace("http://", "HTTP://")
        const cases: ReadonlyArray<readonly [HttpClientRequest.HttpClientRequest, string]> = [
          [
            HttpClientRequest.get(`${server.origin}/v2/p?a=1`).pipe(
              HttpClientRequest.setUrlParams({ b: "2" })
            ),
            "/v2/p?a=1&b=2"
          ],
          [HttpClientRequest.get(`${server.origin}/v2/p#section`), "/v2/p"],
          [HttpClientRequest.get(server.origin), "/"],
          [HttpClientRequest.get(`${server.origin}/v2/상품`), "/v2/%EC%83%81%ED%92%88"],
          [HttpClientRequest.get(`${upperCase}/v2/receipt/r-1`), "/v2/receipt/r-1"]
        ]
        for (const [request, path] of cases) {
          const response = yield* client.execute(request)
          expect(response.status).toBe(200)
          expect(server.seen.at(-1)!.url).toBe(path)
        }
      })
  )

  it.scopedLive("a URL that is not http(s) is an InvalidUrl error", () =>
    Effect.gen(function* () {
      const client = yield* clientOn()
      const error = yield* Effect.flip(
        client.execute(HttpClientRequest.get("ftp://127.0.0.1/v2/receipt/r-1"))
      )
      expect(error).toMatchObject({ _tag: "RequestError", reason: "InvalidUrl" })
    })
  )

  it.scopedLive("a header undici cannot send is a transport error and sends nothing", () =>
    Effect.gen(function* () {
      const server = yield* serve(routes)
      const client = yield* clientOn()
      const error = yield* Effect.flip(
        client.execute(
          HttpClientRequest.get(`${server.origin}/v2/bad`).pipe(
            HttpClientRequest.setHeader("x-bad", "a\r\nb")
          )
        )
      )
      expect(error).toMatchObject({ _tag: "RequestError", reason: "Transport" })
      expect((error.cause as { code?: string }).code).toBe("UND_ERR_INVALID_ARG")
      yield* client.execute(HttpClientRequest.get(`${server.origin}/after`))
      expect(server.seen.map((request) => request.url)).toEqual(["/after"])
    })
  )
})

describe("the undici transport: answers", () => {
  it.scopedLive("a 204 answer reads as empty text and null JSON", () =>
    Effect.gen(function* () {
      const server = yield* serve(routes)
      const client = yield* clientOn()
      const response = yield* client.execute(HttpClientRequest.del(`${server.origin}/empty`))
      expect(response.status).toBe(204)
      expect(yield* response.text).toBe("")
      expect(yield* response.json).toBeNull()
      expect((yield* response.arrayBuffer).byteLength).toBe(0)
    })
  )

  it.scopedLive("a body that is not JSON fails json with a Decode ResponseError, text still works", () =>
    Effect.gen(function* () {
      const server = yield* serve(routes)
      const client = yield* clientOn()
      const response = yield* client.execute(HttpClientRequest.get(`${server.origin}/text`))
      const error = yield* Effect.flip(response.json)
      expect(error).toMatchObject({ _tag: "ResponseError", reason: "Decode" })
      expect(error.response).toBe(response)
      expect(error.cause).toBeInstanceOf(SyntaxError)
      expect(yield* response.text).toBe("not json")
    })
  )

  it.scopedLive("an answer larger than one chunk is read whole and intact", () =>
    Effect.gen(function* () {
      const server = yield* serve(routes)
      const client = yield* clientOn()
      const response = yield* client.execute(HttpClientRequest.get(`${server.origin}/large`))
      const expected = JSON.stringify({ blob: largeBlob })
      const bytes = Buffer.byteLength(expected)
      expect(bytes).toBeGreaterThan(200_000)
      const text = yield* response.text
      expect(text.length).toBe(expected.length)
      expect(text === expected).toBe(true)
      expect(((yield* response.json) as { blob: string }).blob === largeBlob).toBe(true)
      // The byte views are exactly the body, not a larger shared buffer.
      const buffer = yield* response.arrayBuffer
      expect(buffer.byteLength).toBe(bytes)
      expect(Buffer.from(buffer).equals(Buffer.from(expected))).toBe(true)
      const streamed = Chunk.toReadonlyArray(yield* Stream.runCollect(response.stream))
      expect(Buffer.concat(streamed).equals(Buffer.from(expected))).toBe(true)
    })
  )

  it.scopedLive("reads a form-encoded answer as URL params", () =>
    Effect.gen(function* () {
      const server = yield* serve(routes)
      const client = yield* clientOn()
      const response = yield* client.execute(HttpClientRequest.get(`${server.origin}/form`))
      expect(yield* response.urlParamsBody).toEqual([
        ["a", "1"],
        ["b", "가"]
      ])
    })
  )

  it.scopedLive("an error status is an answer, not a failure", () =>
    Effect.gen(function* () {
      const server = yield* serve(routes)
      const client = yield* clientOn()
      const response = yield* client.execute(HttpClientRequest.get(`${server.origin}/fail`))
      expect(response.status).toBe(500)
      expect(yield* response.json).toEqual({ error_code: "INTERNAL", message: "잠시 후 다시" })
    })
  )

  it.scopedLive("an answer cut off mid-body is a transport error", () =>
    Effect.gen(function* () {
      const server = yield* serve(routes)
      const client = yield* clientOn()
      const error = yield* Effect.flip(client.execute(HttpClientRequest.get(`${server.origin}/cut`)))
      expect(error).toMatchObject({ _tag: "RequestError", reason: "Transport" })
      expect(error.cause).toBeInstanceOf(Error)
      expect(Transport.isDeadlineExceeded(error.cause)).toBe(false)
    })
  )

  it.scopedLive("a refused connection is a transport error with the socket's code", () =>
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

  it.scopedLive("a request on a destroyed pool is a transport error and sends nothing", () =>
    Effect.gen(function* () {
      const server = yield* serve(routes)
      const agent = new Undici.Agent()
      yield* Effect.promise(() => agent.destroy())
      const error = yield* Effect.flip(
        UndiciClient.make(agent).execute(HttpClientRequest.get(`${server.origin}/v2/receipt/r-1`))
      )
      expect(error).toMatchObject({ _tag: "RequestError", reason: "Transport" })
      expect((error.cause as { code?: string }).code).toBe("UND_ERR_DESTROYED")
      expect(server.seen).toEqual([])
    })
  )
})

describe("the undici transport: deadlines", () => {
  it.scopedLive("the transport declares that it enforces them; a wrapped copy does not", () =>
    Effect.gen(function* () {
      const client = yield* clientOn()
      expect(Transport.isEnforcingDeadlines(client)).toBe(true)
      expect(Transport.isEnforcingDeadlines(HttpClient.mapRequest(client, identity))).toBe(false)
    })
  )

  it.scopedLive("a request still unanswered at its deadline is aborted and fails with DeadlineExceeded", () =>
    Effect.gen(function* () {
      const server = yield* serve(routes)
      const client = yield* clientOn()
      const request = HttpClientRequest.get(`${server.origin}/hang`)
      const started = now()
      Transport.setDeadline(request, started + 150)
      const error = yield* Effect.flip(client.execute(request))
      const elapsed = now() - started
      expect(error).toMatchObject({ _tag: "RequestError", reason: "Transport" })
      expect(error.request).toBe(request)
      expect(Transport.isDeadlineExceeded(error.cause)).toBe(true)
      // A timer may fire a millisecond early against `Date.now()`.
      expect(elapsed).toBeGreaterThanOrEqual(145)
      expect(elapsed).toBeLessThan(2_000)
      expect(server.seen.map((seen) => seen.url)).toEqual(["/hang"])
      expect(yield* eventually(() => server.aborted.includes("/hang"))).toBe(true)
    })
  )

  it.scopedLive("a request whose deadline already passed fails at once and is never sent", () =>
    Effect.gen(function* () {
      const server = yield* serve(routes)
      const client = yield* clientOn()
      const request = HttpClientRequest.get(`${server.origin}/v2/receipt/r-1`)
      Transport.setDeadline(request, now() - 1)
      const started = now()
      const error = yield* Effect.flip(client.execute(request))
      expect(now() - started).toBeLessThan(100)
      expect(error).toMatchObject({ _tag: "RequestError", reason: "Transport" })
      expect(Transport.isDeadlineExceeded(error.cause)).toBe(true)
      // Sent next on the same pool, this one arrives alone: the expired one never went out.
      yield* client.execute(HttpClientRequest.get(`${server.origin}/after`))
      expect(server.seen.map((seen) => seen.url)).toEqual(["/after"])
      expect(server.sockets()).toBe(1)
    })
  )

  it.scopedLive("a request answered before its deadline succeeds and leaves no timer behind", () =>
    Effect.gen(function* () {
      const held: Array<Http.ServerResponse> = []
      const server = yield* serve((_, response) => {
        held.push(response)
      })
      const client = yield* clientOn()
      const watch = yield* deadlineTimers
      const request = HttpClientRequest.get(`${server.origin}/v2/receipt/r-1`)
      Transport.setDeadline(request, now() + farDeadline)
      const fiber = yield* Effect.fork(client.execute(request))
      expect(yield* eventually(() => held.length === 1)).toBe(true)
      // While the request waits, its deadline timer is running.
      expect(watch.started()).toBe(1)
      expect(watch.pending()).toBe(1)
      held[0]!.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}')
      const response = yield* Fiber.join(fiber)
      expect(response.status).toBe(200)
      expect(yield* response.json).toEqual({ ok: true })
      expect(watch.pending()).toBe(0)
    })
  )

  it.scopedLive("a deadline beyond the timer range does not end the request at once", () =>
    Effect.gen(function* () {
      const server = yield* serve((request, response) => {
        setTimeout(() => routes(request, response), 50)
      })
      const client = yield* clientOn()
      const request = HttpClientRequest.get(`${server.origin}/v2/receipt/r-1`)
      Transport.setDeadline(request, now() + 2 ** 32)
      const response = yield* client.execute(request)
      expect(response.status).toBe(200)
      expect(server.aborted).toEqual([])
    })
  )

  it.scopedLive("a request queued for a connection fails at its deadline and never goes out", () =>
    Effect.gen(function* () {
      const { server, client, held, first } = yield* busyPool
      const queued = HttpClientRequest.get(`${server.origin}/queued`)
      const started = now()
      Transport.setDeadline(queued, started + 100)
      const error = yield* Effect.flip(client.execute(queued))
      expect(now() - started).toBeGreaterThanOrEqual(95)
      expect(Transport.isDeadlineExceeded(error.cause)).toBe(true)
      held[0]!.writeHead(200, { "content-type": "application/json" }).end("{}")
      expect((yield* Fiber.join(first)).status).toBe(200)
      yield* client.execute(HttpClientRequest.get(`${server.origin}/after`))
      expect(server.seen.map((seen) => seen.url)).toEqual(["/hold", "/after"])
    })
  )
})

describe("the undici transport: interruption", () => {
  it.scopedLive("interrupting the fiber aborts the request on the wire and clears its deadline timer", () =>
    Effect.gen(function* () {
      const server = yield* serve(routes)
      const client = yield* clientOn()
      const watch = yield* deadlineTimers
      const request = HttpClientRequest.get(`${server.origin}/hang`)
      Transport.setDeadline(request, now() + farDeadline)
      const fiber = yield* Effect.fork(client.execute(request))
      expect(yield* eventually(() => server.seen.length === 1)).toBe(true)
      expect(watch.pending()).toBe(1)
      const exit = yield* Fiber.interrupt(fiber)
      expect(Exit.isInterrupted(exit)).toBe(true)
      expect(watch.pending()).toBe(0)
      expect(yield* eventually(() => server.aborted.includes("/hang"))).toBe(true)
    })
  )

  it.scopedLive("a request interrupted while queued for a connection never goes out", () =>
    Effect.gen(function* () {
      const { server, client, held, first } = yield* busyPool
      const watch = yield* deadlineTimers
      const request = HttpClientRequest.get(`${server.origin}/queued`)
      Transport.setDeadline(request, now() + farDeadline)
      const queued = yield* Effect.fork(client.execute(request))
      // Let the queued request reach undici's queue before interrupting it.
      yield* Effect.sleep("20 millis")
      expect(watch.pending()).toBe(1)
      expect(Exit.isInterrupted(yield* Fiber.interrupt(queued))).toBe(true)
      // Its deadline timer goes with it, though undici still holds the request until a connection frees.
      expect(watch.pending()).toBe(0)
      held[0]!.writeHead(200, { "content-type": "application/json" }).end("{}")
      expect((yield* Fiber.join(first)).status).toBe(200)
      // The pool is free again: a fresh request goes through, the interrupted one never did.
      yield* client.execute(HttpClientRequest.get(`${server.origin}/after`))
      expect(server.seen.map((seen) => seen.url)).toEqual(["/hold", "/after"])
      expect(server.aborted).toEqual([])
    })
  )
})

describe("the undici transport: layer", () => {
  it.scopedLive("closing the layer's scope closes the pool and its keep-alive connections", () =>
    Effect.gen(function* () {
      const server = yield* serve(routes)
      const scope = yield* Scope.make()
      const context = yield* Layer.buildWithScope(UndiciClient.layer, scope)
      const client = Context.get(context, HttpClient.HttpClient)
      expect(Transport.isEnforcingDeadlines(client)).toBe(true)
      yield* client.execute(HttpClientRequest.get(`${server.origin}/v2/receipt/r-1`))
      // The answer is in, the connection stays open for the next call.
      expect(server.sockets()).toBe(1)
      yield* Scope.close(scope, Exit.void)
      expect(yield* eventually(() => server.sockets() === 0)).toBe(true)
      const error = yield* Effect.flip(
        client.execute(HttpClientRequest.get(`${server.origin}/v2/receipt/r-3`))
      )
      expect(error).toMatchObject({ _tag: "RequestError", reason: "Transport" })
      expect(server.seen).toHaveLength(1)
    })
  )
})
