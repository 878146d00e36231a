/**
 * Where does our client's CPU go? `node --expose-gc bench/src/breakdown.mjs` measures variants of
 * (b) that each remove one cost from the outside, without touching the packages, next to the raw
 * undici floor and a few micro-benchmarks of the pieces:
 *
 * - the `http.client` span that `@effect/platform`'s HttpClient opens per request (attributes for
 *   the URL and every request/response header, trace-context propagation headers)
 * - all tracing (our `Bootpay.<Module>.<op>` span, its stack capture, and the one above)
 * - the network: the same pipeline over an in-memory HttpClient answering the same body
 * - schema decoding of the response and the input, and one bare `runPromise`
 *
 * The per-call figures are client CPU (`process.cpuUsage`) at concurrency 50, median of 3 rounds.
 */
import { fork } from "node:child_process"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { BootpayClient, Receipt } from "@effect-bootpay/core"
import { NodeBootpay } from "@effect-bootpay/node"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Schema from "effect/Schema"
import { credentials, makeClient } from "./clients.mjs"

const here = dirname(fileURLToPath(import.meta.url))
const server = fork(join(here, "server.mjs"), [], { execArgv: [], stdio: ["ignore", "inherit", "inherit", "ipc"] })
const port = await new Promise((resolve) => server.once("message", (message) => resolve(message.port)))
const baseUrl = `http://127.0.0.1:${port}/v2`
const options = { baseUrl, clientKey: credentials.clientKey, secretKey: credentials.secretKey }
const receiptId = "65f0c1a2b3c4d5e6f7a81000"
const body = await (await fetch(`${baseUrl}/receipt/${receiptId}`, { headers: { authorization: "Basic x" } })).text()

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

const effectVariant = (layer) => {
  const runtime = ManagedRuntime.make(layer)
  return { lookup: () => runtime.runPromise(Receipt.lookup(receiptId)), close: () => runtime.dispose() }
}

/** An HttpClient that answers every request with the receipt, without any I/O. */
const inMemory = Layer.succeed(
  HttpClient.HttpClient,
  HttpClient.make((request) =>
    Effect.sync(() =>
      HttpClientResponse.fromWeb(
        request,
        new Response(body, { status: 200, headers: { "content-type": "application/json" } })
      )
    )
  )
)

const raw = await makeClient("a", { baseUrl })
const variants = {
  "(a) raw undici + JSON.parse": raw,
  "(b) as shipped": effectVariant(NodeBootpay.layer(options)),
  "(b) without the http.client span": effectVariant(
    Layer.merge(NodeBootpay.layer(options), Layer.locallyScoped(HttpClient.currentTracerDisabledWhen, () => true))
  ),
  "(b) without trace propagation headers": effectVariant(
    Layer.merge(NodeBootpay.layer(options), Layer.locallyScoped(HttpClient.currentTracerPropagation, false))
  ),
  "(b) with tracing disabled": effectVariant(Layer.merge(NodeBootpay.layer(options), Layer.setTracerEnabled(false))),
  "(b) over an in-memory HttpClient": effectVariant(BootpayClient.layer(options).pipe(Layer.provide(inMemory))),
  "(b) in-memory, tracing disabled": effectVariant(
    Layer.merge(BootpayClient.layer(options).pipe(Layer.provide(inMemory)), Layer.setTracerEnabled(false))
  )
}

// Micro-benchmarks of single pieces, run as plain loops.
const decodeReceipt = Schema.decodeUnknownEither(Receipt.Receipt, { errors: "all", onExcessProperty: "preserve" })
const decodeInput = Schema.decodeUnknownEither(Receipt.lookupOperation.request, {
  errors: "all",
  onExcessProperty: "error"
})
const parsed = JSON.parse(body)
const bare = ManagedRuntime.make(Layer.empty)
const micro = {
  "JSON.parse of the body": () => JSON.parse(body),
  "response schema decode (Receipt, preserve)": () => decodeReceipt(parsed),
  "input schema decode (lookup id)": () => decodeInput(receiptId),
  "runtime.runPromise(Effect.void)": () => bare.runPromise(Effect.void),
  "runtime.runPromise(Effect.withSpan(Effect.void))": () => bare.runPromise(Effect.withSpan(Effect.void, "x"))
}

const results = {}
for (const [name, client] of Object.entries(variants)) await cpuPerCall(client.lookup, 2000, 50)
for (let round = 0; round < 3; round++) {
  for (const [name, client] of Object.entries(variants)) {
    const value = await cpuPerCall(client.lookup, 3000, 50)
    results[name] = [...(results[name] ?? []), value]
  }
  for (const [name, call] of Object.entries(micro)) {
    const value = await cpuPerCall(call, 20000, 1)
    results[name] = [...(results[name] ?? []), value]
  }
}
const median = (values) => [...values].sort((x, y) => x - y)[values.length >> 1]
for (const [name, values] of Object.entries(results)) {
  process.stdout.write(`${median(values).toFixed(1).padStart(8)} µs  ${name}\n`)
}
for (const client of Object.values(variants)) await client.close()
await bare.dispose()
server.disconnect()
