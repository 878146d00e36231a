/**
 * A fault-injecting HTTP/1.1 proxy on loopback, between the SDK (undici, keep-alive) and the fake
 * Bootpay server. It reads the client's requests off the raw TCP stream (`node:net`), so it can do to
 * a connection what a real network does: reset it before or after Bootpay saw the request, cut an
 * answer short, hold it past the caller's deadline, or answer like a gateway or rate limiter would.
 *
 * Each request's fault comes from a seeded PRNG over the seed, the request's identity (method, path,
 * body) and how often that identity was seen before. The same seed therefore gives the same call the
 * same faults on a replay, however the concurrent calls interleave.
 */
import * as Http from "node:http"
import * as Net from "node:net"
import { Registry } from "@effect-bootpay/core"

/** What the proxy does to one request. */
export const faultClasses = [
  /** Forward it and pass the answer through. */
  "none",
  /** Reset the client's connection without forwarding: Bootpay never saw the request. */
  "resetBefore",
  /** Forward, wait for Bootpay's whole answer, then reset the client's connection without answering. */
  "resetAfter",
  /** Forward, then send the status line, the headers and half the body, and close. */
  "truncated",
  /** Forward, hold Bootpay's answer past any caller's deadline, then drop the connection. */
  "delayed",
  /** Answer 429 with a `Retry-After` without forwarding. */
  "rateLimited",
  /** Answer 502 with an HTML page without forwarding. */
  "badGateway",
  /** Forward, wait for Bootpay's answer, then answer 503 with an HTML page: a gateway lost the answer. */
  "lostAnswer"
] as const

/** What the proxy does to one request. */
export type FaultClass = (typeof faultClasses)[number]

/** Relative weights of the fault classes; a class left out never happens. */
export type FaultWeights = Partial<Readonly<Record<FaultClass, number>>>

/** Whether the fault lets the request reach the fake. */
export const forwards = (fault: FaultClass): boolean =>
  fault !== "resetBefore" && fault !== "rateLimited" && fault !== "badGateway"

/** A 32-bit PRNG (mulberry32): small, fast and the same on every platform. */
export const mulberry32 = (seed: number): (() => number) => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** FNV-1a over a string: turns a request's identity into a PRNG seed. */
export const hash32 = (text: string): number => {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** Picks a key of `weights` with probability proportional to its weight. */
export const pickWeighted = <K extends string>(
  random: () => number,
  weights: Partial<Readonly<Record<K, number>>>
): K => {
  const entries = Object.entries(weights) as Array<[K, number]>
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0)
  let roll = random() * total
  for (const [key, weight] of entries) {
    roll -= weight
    if (roll < 0) return key
  }
  return entries[entries.length - 1]![0]
}

/** One request the proxy received. */
export interface ProxiedRequest {
  /** Arrival order on this proxy, from 0. */
  readonly index: number
  readonly method: string
  /** Path with query, as sent (`/v2/cancel`). */
  readonly path: string
  readonly body: string
  /** The operation id it matches (`Receipt.cancel`), from the core registry. */
  readonly operation: string
  /** `METHOD path body`: the identity used for faults and for counting repeats. */
  readonly key: string
  /** How many requests with the same key came before this one. */
  readonly occurrence: number
  readonly fault: FaultClass
  /** The `Retry-After` a `rateLimited` answer carried. */
  readonly retryAfter: string | undefined
}

/** Options of a fault proxy. */
export interface Options {
  /** The fake's base URL (`FakeServer.url`, e.g. `http://127.0.0.1:41234/v2`). */
  readonly upstream: string
  readonly seed: number
  /** Relative weights; the default never injects anything (a pass-through that counts requests). */
  readonly weights?: FaultWeights
  /** How long a `delayed` answer is held before the connection is dropped; above any caller's timeout. */
  readonly holdMillis?: number
}

/** A running fault proxy. */
export interface FaultProxy {
  /** Base URL to give the client: the upstream's, with the proxy's port. */
  readonly url: string
  /** Every request received, in arrival order. */
  readonly requests: ReadonlyArray<ProxiedRequest>
  /** How many requests with this key were forwarded to the fake. */
  readonly forwardedCount: (key: string) => number
  /** Requests received, by fault class. */
  readonly faultCounts: Readonly<Record<FaultClass, number>>
  /** Requests received, by operation and fault class. */
  readonly faultsByOperation: ReadonlyMap<string, Readonly<Record<FaultClass, number>>>
  /** What went wrong in the proxy itself (unparseable requests, upstream failures): must stay empty. */
  readonly problems: ReadonlyArray<string>
  /** Resolves once every forwarded request has its answer from the fake (nothing is in flight). */
  readonly idle: () => Promise<void>
  /** Drops every connection and stops listening. */
  readonly close: () => Promise<void>
}

/** An HTTP request read off a client connection. */
interface ParsedRequest {
  readonly method: string
  readonly path: string
  readonly headers: ReadonlyArray<readonly [string, string]>
  readonly body: Buffer
}

/** The fake's whole answer. */
interface Answer {
  readonly status: number
  readonly headers: Http.IncomingHttpHeaders
  readonly body: Buffer
}

/** Hop-by-hop headers the proxy sets itself on each side. */
const hopByHop = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "host"])

const zeroCounts = (): Record<FaultClass, number> =>
  Object.fromEntries(faultClasses.map((fault) => [fault, 0])) as Record<FaultClass, number>

const html = (status: number) =>
  `<html><head><title>${status} ${Http.STATUS_CODES[status]}</title></head><body><center><h1>${status} ${
    Http.STATUS_CODES[status]
  }</h1></center><hr><center>nginx</center></body></html>`

/** Serialises an answer to the client: the fake's headers, a content length, keep-alive. */
const serialize = (status: number, headers: Http.IncomingHttpHeaders, body: Buffer): Buffer => {
  const lines = [`HTTP/1.1 ${status} ${Http.STATUS_CODES[status] ?? "Unknown"}`]
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || hopByHop.has(name)) continue
    for (const one of Array.isArray(value) ? value : [value]) lines.push(`${name}: ${one}`)
  }
  lines.push(`content-length: ${body.length}`, "connection: keep-alive", "", "")
  return Buffer.concat([Buffer.from(lines.join("\r\n"), "latin1"), body])
}

/** Operation ids by method and path, from the registry the fake routes by too. */
const routes = Registry.operations.map((operation) => ({
  id: operation.id,
  method: operation.method,
  pattern: new RegExp(
    `^${operation.path
      .split(/\{\w+\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join("[^/]+")}$`
  )
}))

const operationOf = (method: string, path: string, basePath: string): string => {
  const bare = path.split("?", 1)[0]!.slice(basePath.length)
  return routes.find((route) => route.method === method && route.pattern.test(bare))?.id ?? "unknown"
}

/** Starts a proxy on 127.0.0.1 in front of `options.upstream`. */
export const start = async (options: Options): Promise<FaultProxy> => {
  const upstream = new URL(options.upstream)
  const basePath = upstream.pathname.replace(/\/$/, "")
  const weights: FaultWeights = options.weights ?? { none: 1 }
  const holdMillis = options.holdMillis ?? 1_000
  // A fresh upstream connection per request: reusing one the fake is just closing (its keep-alive
  // timeout) could fail a request after the fake read it, which would look like a fault nobody chose.
  const agent = new Http.Agent({ keepAlive: false })
  const requests: Array<ProxiedRequest> = []
  const seen = new Map<string, number>()
  const forwarded = new Map<string, number>()
  const faultCounts = zeroCounts()
  const faultsByOperation = new Map<string, Record<FaultClass, number>>()
  const problems: Array<string> = []
  const sockets = new Set<Net.Socket>()
  const timers = new Set<ReturnType<typeof setTimeout>>()
  let inFlight = 0
  /** How long `idle` waits for stragglers. */
  const quietMillis = 50
  let idleWaiters: Array<() => void> = []

  const settleIdle = () => {
    if (inFlight > 0) return
    const waiters = idleWaiters
    idleWaiters = []
    for (const resolve of waiters) resolve()
  }

  const sleep = (millis: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer)
        resolve()
      }, millis)
      timers.add(timer)
    })

  /** Sends the request to the fake and reads its whole answer; the fake always gets it in full. */
  const forward = (request: ParsedRequest): Promise<Answer | undefined> => {
    inFlight++
    return new Promise<Answer | undefined>((resolve) => {
      const headers: Record<string, string> = {}
      for (const [name, value] of request.headers) {
        if (!hopByHop.has(name)) headers[name] = value
      }
      headers["content-length"] = String(request.body.length)
      const outgoing = Http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: request.method,
          path: request.path,
          headers,
          agent
        },
        (response) => {
          const chunks: Array<Buffer> = []
          response.on("data", (chunk: Buffer) => chunks.push(chunk))
          response.on("end", () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks)
            })
          )
          response.on("error", (error) => {
            problems.push(`upstream answer to ${request.method} ${request.path}: ${error.message}`)
            resolve(undefined)
          })
        }
      )
      outgoing.on("error", (error) => {
        problems.push(`upstream ${request.method} ${request.path}: ${error.message}`)
        resolve(undefined)
      })
      outgoing.end(request.body)
    }).finally(() => {
      inFlight--
      settleIdle()
    })
  }

  const decide = (request: ParsedRequest): ProxiedRequest => {
    const body = request.body.toString("utf8")
    const key = `${request.method} ${request.path} ${body}`
    const occurrence = seen.get(key) ?? 0
    seen.set(key, occurrence + 1)
    const random = mulberry32(hash32(`${options.seed}|${key}|${occurrence}`))
    const fault = pickWeighted(random, weights)
    const retryAfter =
      fault === "rateLimited"
        ? pickWeighted(random, { zero: 1, one: 1, date: 1 }) === "date"
          ? new Date(Date.now() + 2_000 + Math.floor(random() * 3) * 1_000).toUTCString()
          : random() < 0.5
            ? "0"
            : "1"
        : undefined
    const operation = operationOf(request.method, request.path, basePath)
    faultCounts[fault]++
    const perOperation = faultsByOperation.get(operation) ?? zeroCounts()
    perOperation[fault]++
    faultsByOperation.set(operation, perOperation)
    const proxied: ProxiedRequest = {
      index: requests.length,
      method: request.method,
      path: request.path,
      body,
      operation,
      key,
      occurrence,
      fault,
      retryAfter
    }
    requests.push(proxied)
    return proxied
  }

  /** Handles one request on a connection; resolves when the connection may read the next one. */
  const handle = async (socket: Net.Socket, request: ParsedRequest): Promise<void> => {
    const arrived = Date.now()
    const proxied = decide(request)
    const { fault } = proxied
    if (fault === "resetBefore") {
      socket.resetAndDestroy()
      return
    }
    if (fault === "rateLimited") {
      const body = Buffer.from(
        JSON.stringify({ error_code: "TOO_MANY_REQUESTS", message: "요청이 너무 많습니다" })
      )
      socket.write(
        serialize(
          429,
          { "content-type": "application/json; charset=utf-8", "retry-after": proxied.retryAfter },
          body
        )
      )
      return
    }
    if (fault === "badGateway") {
      socket.write(serialize(502, { "content-type": "text/html" }, Buffer.from(html(502))))
      return
    }
    forwarded.set(proxied.key, (forwarded.get(proxied.key) ?? 0) + 1)
    const answer = await forward(request)
    if (answer === undefined || socket.destroyed) {
      socket.destroy()
      return
    }
    switch (fault) {
      case "none":
        socket.write(serialize(answer.status, answer.headers, answer.body))
        return
      case "resetAfter":
        socket.resetAndDestroy()
        return
      case "truncated": {
        const whole = serialize(answer.status, answer.headers, answer.body)
        const cut = whole.length - answer.body.length + Math.floor(answer.body.length / 2)
        // Destroying right after `write` could drop the bytes still queued: wait until they left.
        socket.write(whole.subarray(0, cut), () => socket.destroy())
        return
      }
      case "delayed":
        await sleep(Math.max(0, arrived + holdMillis - Date.now()))
        socket.destroy()
        return
      case "lostAnswer":
        socket.write(serialize(503, { "content-type": "text/html" }, Buffer.from(html(503))))
        return
    }
  }

  /** Reads requests off one connection, one at a time (undici does not pipeline by default). */
  const serve = (socket: Net.Socket) => {
    sockets.add(socket)
    let buffer: Buffer = Buffer.alloc(0)
    let busy = false
    socket.on("error", () => {
      // The client aborting (its deadline) resets the connection; nothing to report.
    })
    socket.on("close", () => sockets.delete(socket))
    const pump = () => {
      while (!busy && !socket.destroyed) {
        const end = buffer.indexOf("\r\n\r\n")
        if (end < 0) return
        const [requestLine = "", ...headerLines] = buffer.subarray(0, end).toString("latin1").split("\r\n")
        const [method = "", path = ""] = requestLine.split(" ")
        const headers = headerLines.map((line) => {
          const colon = line.indexOf(":")
          return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()] as const
        })
        if (headers.some(([name, value]) => name === "transfer-encoding" && value !== "identity")) {
          problems.push(`chunked request body on ${method} ${path}: not supported by the proxy`)
          socket.destroy()
          return
        }
        const length = Number(headers.find(([name]) => name === "content-length")?.[1] ?? "0")
        if (buffer.length < end + 4 + length) return
        const body = buffer.subarray(end + 4, end + 4 + length)
        buffer = buffer.subarray(end + 4 + length)
        busy = true
        void handle(socket, { method, path, headers, body }).then(
          () => {
            busy = false
            pump()
          },
          (error: unknown) => {
            problems.push(`handling ${method} ${path}: ${String(error)}`)
            socket.destroy()
          }
        )
      }
    }
    socket.on("data", (chunk: Buffer) => {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk])
      pump()
    })
  }

  const server = Net.createServer(serve)
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => resolve())
  })
  const { port } = server.address() as Net.AddressInfo
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    requests,
    forwardedCount: (key) => forwarded.get(key) ?? 0,
    faultCounts,
    faultsByOperation,
    problems,
    idle: async () => {
      // Bytes a client wrote just before giving up may still be on their way to the proxy: wait
      // until a quiet spell passes with nothing new and nothing in flight.
      for (;;) {
        const received = requests.length
        await sleep(quietMillis)
        if (inFlight > 0) await new Promise<void>((resolve) => idleWaiters.push(resolve))
        else if (requests.length === received) return
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer)
        for (const socket of sockets) socket.destroy()
        agent.destroy()
        server.close(() => resolve())
      })
  }
}
