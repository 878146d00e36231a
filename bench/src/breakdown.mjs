/**
 * Where does our client's CPU go? `node --expose-gc bench/src/breakdown.mjs` runs variants of (b)
 * that each remove one cost from the outside, without touching the packages, next to the raw undici
 * floor, plus micro-benchmarks of single pieces. It is a diagnostic for whoever optimises the
 * pipeline, not part of `pnpm bench`.
 *
 * Variants of (b), all through `BootpayClient.layer(options)` and `Receipt.lookup`:
 * - as shipped (`NodeBootpay.layer`: `@effect/platform-node`'s undici HttpClient);
 * - without the `http.client` span `@effect/platform` opens per request (URL and every header as
 *   attributes, trace-context headers added to the request), switched off by its FiberRef;
 * - with all tracing off (also our `Bootpay.<Module>.<op>` span and its stack capture);
 * - over a lean HttpClient: `HttpClient.makeWith` (no span, no `URL` object, no per-request
 *   AbortController or FinalizationRegistry entry) on the same undici Agent API, the body read
 *   eagerly; this is what a dedicated transport in `@effect-bootpay/node` could cost;
 * - over an HttpClient on undici's `dispatch` handler API (chunks collected in an array, no body
 *   stream, abort through undici's controller only when interrupted);
 * - over a no-I/O HttpClient that answers the body at once: the core pipeline alone.
 *
 * Plus floors: the same `dispatch` call without Effect, and the least any Effect-based client does
 * (one request through the lean or dispatch HttpClient, `text`, `JSON.parse`, nothing else).
 *
 * Figures are client CPU per call (`process.cpuUsage`) at concurrency 50, median of 3 rounds; the
 * micro-benchmarks run sequentially.
 */
import { fork } from "node:child_process"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as UrlParams from "@effect/platform/UrlParams"
import { BootpayClient, Receipt } from "@effect-bootpay/core"
import { NodeBootpay } from "@effect-bootpay/node"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Schema from "effect/Schema"
import { Agent } from "undici"
import { credentials, makeClient } from "./clients.mjs"

const here = dirname(fileURLToPath(import.meta.url))
const server = fork(join(here, "server.mjs"), [], {
  execArgv: [],
  stdio: ["ignore", "inherit", "inherit", "ipc"]
})
const port = await new Promise((resolve) => server.once("message", (message) => resolve(message.port)))
const baseUrl = `http://127.0.0.1:${port}/v2`
const options = { baseUrl, clientKey: credentials.clientKey, secretKey: credentials.secretKey }
const receiptId = "65f0c1a2b3c4d5e6f7a81000"
const body = await (
  await fetch(`${baseUrl}/receipt/${receiptId}`, { headers: { authorization: "Basic x" } })
).text()

const cpuPerCall = async (call, calls, concurrency) => {
  let next = 0
  const caller = async () => {
    while (next < calls) {
      next++
      await call()
    }
  }
  globalThis.gc?.()
  const before = process.cpuUsage()
  await Promise.all(Array.from({ length: concurrency }, caller))
  const cpu = process.cpuUsage(before)
  return (cpu.user + cpu.system) / calls
}

/** The smallest response the pipeline reads: status, headers and the already-read text. */
const leanResponse = (request, status, headers, text) => ({
  [HttpClientResponse.TypeId]: HttpClientResponse.TypeId,
  request,
  status,
  headers,
  text: Effect.succeed(text),
  json: Effect.sync(() => JSON.parse(text))
})

/** An HttpClient straight on an undici Agent: one `Effect.async` per request, nothing else. */
const leanUndici = Layer.scoped(
  HttpClient.HttpClient,
  Effect.map(
    Effect.acquireRelease(
      Effect.sync(() => new Agent()),
      (agent) => Effect.promise(() => agent.close())
    ),
    (agent) =>
      HttpClient.makeWith(
        (prepared) =>
          Effect.flatMap(prepared, (request) =>
            Effect.async((resume, signal) => {
              const split = request.url.indexOf("/", request.url.indexOf("//") + 2)
              const query = UrlParams.toString(request.urlParams)
              agent.request(
                {
                  origin: request.url.slice(0, split),
                  path: request.url.slice(split) + (query === "" ? "" : `?${query}`),
                  method: request.method,
                  headers: request.headers,
                  body: request.body._tag === "Uint8Array" ? request.body.body : null,
                  signal
                },
                (error, data) => {
                  if (error) return resume(Effect.die(error))
                  data.body.text().then(
                    (text) =>
                      resume(Effect.succeed(leanResponse(request, data.statusCode, data.headers, text))),
                    (cause) => resume(Effect.die(cause))
                  )
                }
              )
            })
          ),
        Effect.succeed
      )
  )
)

/** Sends one request with undici's `dispatch` handler API: no body stream, no AbortSignal. */
const dispatchOnce = (agent, request, onDone) => {
  const split = request.url.indexOf("/", request.url.indexOf("//") + 2)
  const query = UrlParams.toString(request.urlParams)
  const chunks = []
  let status = 0
  let headers = {}
  let controller
  agent.dispatch(
    {
      origin: request.url.slice(0, split),
      path: request.url.slice(split) + (query === "" ? "" : `?${query}`),
      method: request.method,
      headers: request.headers,
      body: request.body._tag === "Uint8Array" ? request.body.body : null
    },
    {
      onRequestStart: (started) => {
        controller = started
      },
      onResponseStart: (_, statusCode, responseHeaders) => {
        status = statusCode
        headers = responseHeaders
      },
      onResponseData: (_, chunk) => {
        chunks.push(chunk)
      },
      onResponseEnd: () => onDone(undefined, status, headers, Buffer.concat(chunks).toString("utf8")),
      onResponseError: (_, error) => onDone(error)
    }
  )
  // Interruption aborts through the controller undici handed us; nothing is allocated for it upfront.
  return () => controller?.abort(new Error("interrupted"))
}

/** An HttpClient on undici's `dispatch`: one `Effect.async` per request and a plain chunk list. */
const dispatchUndici = Layer.scoped(
  HttpClient.HttpClient,
  Effect.map(
    Effect.acquireRelease(
      Effect.sync(() => new Agent()),
      (agent) => Effect.promise(() => agent.close())
    ),
    (agent) =>
      HttpClient.makeWith(
        (prepared) =>
          Effect.flatMap(prepared, (request) =>
            Effect.async((resume) => {
              const abort = dispatchOnce(agent, request, (error, status, headers, text) =>
                resume(
                  error ? Effect.die(error) : Effect.succeed(leanResponse(request, status, headers, text))
                )
              )
              return Effect.sync(abort)
            })
          ),
        Effect.succeed
      )
  )
)

/** The same `dispatch` call without Effect: the lowest this transport can go. */
const rawDispatch = () => {
  const agent = new Agent()
  const request = {
    url: `${baseUrl}/receipt/${receiptId}`,
    urlParams: [],
    method: "GET",
    body: { _tag: "Empty" }
  }
  request.headers = { accept: "application/json", authorization: "Basic x" }
  return {
    lookup: () =>
      new Promise((resolve, reject) => {
        dispatchOnce(agent, request, (error, _status, _headers, text) =>
          error ? reject(error) : resolve(JSON.parse(text))
        )
      }),
    close: () => agent.close()
  }
}

/** An HttpClient without I/O: every request gets the receipt body back at once. */
const noIo = Layer.succeed(
  HttpClient.HttpClient,
  HttpClient.makeWith(
    (prepared) => Effect.map(prepared, (request) => leanResponse(request, 200, {}, body)),
    Effect.succeed
  )
)

/** The floor for any Effect-based client: one request through the lean HttpClient, text, JSON.parse. */
const effectFloor = (transport) => {
  const runtime = ManagedRuntime.make(transport)
  const request = HttpClientRequest.get(`${baseUrl}/receipt/${receiptId}`).pipe(
    HttpClientRequest.setHeaders({ accept: "application/json", authorization: "Basic x" })
  )
  const call = Effect.flatMap(HttpClient.HttpClient, (http) =>
    Effect.flatMap(http.execute(request), (response) => Effect.map(response.text, (text) => JSON.parse(text)))
  )
  return { lookup: () => runtime.runPromise(call), close: () => runtime.dispose() }
}

const effectVariant = (layer) => {
  const runtime = ManagedRuntime.make(layer)
  return { lookup: () => runtime.runPromise(Receipt.lookup(receiptId)), close: () => runtime.dispose() }
}
const over = (transport) => BootpayClient.layer(options).pipe(Layer.provide(transport))
const noTracing = (layer) => Layer.merge(layer, Layer.setTracerEnabled(false))

const variants = {
  "(a) raw undici + JSON.parse": await makeClient("a", { baseUrl }),
  "undici dispatch handler + JSON.parse, no Effect": rawDispatch(),
  "Effect floor: lean HttpClient + text + JSON.parse, no pipeline": effectFloor(leanUndici),
  "Effect floor over undici dispatch, no pipeline": effectFloor(dispatchUndici),
  "(b) as shipped": effectVariant(NodeBootpay.layer(options)),
  "(b) without @effect/platform's http.client span": effectVariant(
    Layer.merge(
      NodeBootpay.layer(options),
      Layer.locallyScoped(HttpClient.currentTracerDisabledWhen, () => true)
    )
  ),
  "(b) with all tracing off": effectVariant(noTracing(NodeBootpay.layer(options))),
  "(b) over a lean undici HttpClient": effectVariant(over(leanUndici)),
  "(b) over a lean undici HttpClient, tracing off": effectVariant(noTracing(over(leanUndici))),
  "(b) over an undici dispatch HttpClient": effectVariant(over(dispatchUndici)),
  "(b) core pipeline only (no-I/O HttpClient)": effectVariant(over(noIo)),
  "(b) core pipeline only, tracing off": effectVariant(noTracing(over(noIo)))
}

// Single pieces of the per-call work.
const decodeWith = (parseOptions) => Schema.decodeUnknownEither(Receipt.Receipt, parseOptions)
const decodePreserveAll = decodeWith({ errors: "all", onExcessProperty: "preserve" })
const decodeIgnoreFirst = decodeWith({ errors: "first" })
const decodeInput = Schema.decodeUnknownEither(Receipt.lookupOperation.request, {
  errors: "all",
  onExcessProperty: "error"
})
const parsed = JSON.parse(body)
const bare = ManagedRuntime.make(Layer.empty)
const thirtySeconds = Duration.seconds(30)
const micro = {
  "JSON.parse of the 1.5 KB body": () => JSON.parse(body),
  "Receipt decode, errors all + preserve (as shipped)": () => decodePreserveAll(parsed),
  "Receipt decode, errors first + ignore": () => decodeIgnoreFirst(parsed),
  "lookup input decode (id string)": () => decodeInput(receiptId),
  "runPromise(Effect.void)": () => bare.runPromise(Effect.void),
  "runPromise(Effect.withSpan(Effect.void))": () => bare.runPromise(Effect.withSpan(Effect.void, "x")),
  "runPromise(Effect.timeoutFail(Effect.void))": () =>
    bare.runPromise(Effect.timeoutFail(Effect.void, { duration: thirtySeconds, onTimeout: () => "timeout" }))
}

const results = {}
const record = (name, value) => {
  results[name] = [...(results[name] ?? []), value]
}
for (const client of Object.values(variants)) await cpuPerCall(client.lookup, 1000, 50)
for (let round = 0; round < 3; round++) {
  for (const [name, client] of Object.entries(variants))
    record(name, await cpuPerCall(client.lookup, 2000, 50))
  for (const [name, call] of Object.entries(micro)) record(name, await cpuPerCall(call, 5000, 1))
}
const median = (values) => [...values].sort((x, y) => x - y)[values.length >> 1]
for (const [name, values] of Object.entries(results)) {
  process.stdout.write(`${median(values).toFixed(1).padStart(8)} µs  ${name}\n`)
}
for (const client of Object.values(variants)) await client.close()
await bare.dispose()
server.disconnect()
