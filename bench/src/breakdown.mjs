/**
 * Where does our client's CPU go? `node --expose-gc bench/src/breakdown.mjs` runs variants of (b)
 * that each remove one cost from the outside, without touching the packages, next to the raw undici
 * floor, plus micro-benchmarks of single pieces. It is a diagnostic for whoever optimises the
 * pipeline, not part of `pnpm bench`.
 *
 * Variants of (b), all `Receipt.lookup` through `BootpayClient.layer(options)`:
 * - as shipped (`NodeBootpay.layer`: the undici `dispatch` transport, which enforces deadlines);
 * - with all tracing off (no `Bootpay.<Module>.<op>` span);
 * - over the same transport wrapped once (`HttpClient.mapRequest`), so the client no longer knows it
 *   enforces deadlines and runs each call under a deadline fiber of its own: the cost of that fiber;
 * - over a no-I/O HttpClient that answers the body at once: the core pipeline alone.
 *
 * Plus the least any Effect-based client does: one request through the shipped transport, `text`,
 * `JSON.parse`, nothing else.
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
import { BootpayClient, Receipt, Transport } from "@effect-bootpay/core"
import { NodeBootpay } from "@effect-bootpay/node"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { identity } from "effect/Function"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Schema from "effect/Schema"
// The node package's transport is internal; this diagnostic reads it from the build.
import * as UndiciClient from "../../packages/node/dist/internal/undiciClient.js"
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
const leanResponse = (request, text) => ({
  [HttpClientResponse.TypeId]: HttpClientResponse.TypeId,
  request,
  status: 200,
  headers: {},
  text: Effect.succeed(text)
})

/** An HttpClient without I/O: every request gets the receipt body back at once (so it meets any deadline). */
const noIo = Layer.succeed(
  HttpClient.HttpClient,
  Transport.enforcesDeadlines(
    HttpClient.makeWith(
      (prepared) => Effect.map(prepared, (request) => leanResponse(request, body)),
      Effect.succeed
    )
  )
)

const effectVariant = (layer) => {
  const runtime = ManagedRuntime.make(layer)
  return { lookup: () => runtime.runPromise(Receipt.lookup(receiptId)), close: () => runtime.dispose() }
}
const over = (transport) => BootpayClient.layer(options).pipe(Layer.provide(transport))
const noTracing = (layer) => Layer.merge(layer, Layer.setTracerEnabled(false))
/** The shipped transport behind one `mapRequest`: the same I/O, but no longer known to enforce deadlines. */
const wrapped = Layer.map(UndiciClient.layer, (context) =>
  Context.add(
    context,
    HttpClient.HttpClient,
    HttpClient.mapRequest(Context.get(context, HttpClient.HttpClient), identity)
  )
)

/** The floor for any Effect-based client: one request through the shipped transport, text, JSON.parse. */
const effectFloor = () => {
  const runtime = ManagedRuntime.make(UndiciClient.layer)
  const request = HttpClientRequest.get(`${baseUrl}/receipt/${receiptId}`).pipe(
    HttpClientRequest.setHeaders({ accept: "application/json", authorization: "Basic x" })
  )
  const call = Effect.flatMap(HttpClient.HttpClient, (http) =>
    Effect.flatMap(http.execute(request), (response) => Effect.map(response.text, (text) => JSON.parse(text)))
  )
  return { lookup: () => runtime.runPromise(call), close: () => runtime.dispose() }
}

const variants = {
  "(a) raw undici + JSON.parse": await makeClient("a", { baseUrl }),
  "Effect floor: the shipped transport + text + JSON.parse, no pipeline": effectFloor(),
  "(b) as shipped": effectVariant(NodeBootpay.layer(options)),
  "(b) with all tracing off": effectVariant(noTracing(NodeBootpay.layer(options))),
  "(b) with the client's own deadline fiber (transport wrapped)": effectVariant(over(wrapped)),
  "(b) core pipeline only (no-I/O HttpClient)": effectVariant(over(noIo)),
  "(b) core pipeline only, tracing off": effectVariant(noTracing(over(noIo)))
}

// Single pieces of the per-call work.
const decodeWith = (parseOptions) => Schema.decodeUnknownEither(Receipt.Receipt, parseOptions)
const decodePreserveAll = decodeWith({ errors: "all", onExcessProperty: "preserve" })
const isReceipt = Schema.is(Receipt.Receipt)
const decodeInput = Schema.decodeUnknownEither(Receipt.lookup.request, {
  errors: "all",
  onExcessProperty: "error"
})
const parsed = JSON.parse(body)
const bare = ManagedRuntime.make(Layer.empty)
const thirtySeconds = Duration.seconds(30)
const micro = {
  "JSON.parse of the 1.5 KB body": () => JSON.parse(body),
  "Receipt full decode, errors all + preserve (the slow path)": () => decodePreserveAll(parsed),
  "Schema.is(Receipt) (what the compiled guard replaces)": () => isReceipt(parsed),
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
