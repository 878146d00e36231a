#!/usr/bin/env node
/**
 * `effect-bootpay-fake`: runs the fake Bootpay standalone so any language can test against it.
 *
 *   effect-bootpay-fake [--port 0] [--host 127.0.0.1] [--client-key test] [--secret-key test]
 *                       [--application-id test] [--private-key test]
 *                       [--clock wall|frozen] [--now 2026-01-15T12:00:00+09:00]
 *                       [--webhook-url http://127.0.0.1:8000/webhook] [--webhook-format json|form]
 *                       [--webhook-attempts 10] [--webhook-interval-ms 1000] [--webhook-timeout-ms 5000]
 *
 * Prints the base URL on the first line of standard output and runs until SIGINT or SIGTERM. The
 * control API (CONTROL-API.md) answers under `/__fake` on the same port.
 */
import { parseArgs } from "node:util"

const usage = `usage: effect-bootpay-fake [options]

  --port N                 port on the host (0, the default, picks a free one)
  --host H                 host to listen on (127.0.0.1)
  --client-key K           credentials the fake accepts (all "test" by default)
  --secret-key S
  --application-id A
  --private-key P
  --clock wall|frozen      wall (default): time follows the wall clock; frozen: it moves only when told
  --now TIME               start time, ISO 8601 with an offset (the wall time by default)
  --webhook-url URL        a loopback http(s) URL that receives every receipt state change
  --webhook-format F       json (default) or form
  --webhook-attempts N     attempts per event, the first included (10, Bootpay's default)
  --webhook-interval-ms N  wait between attempts (1000)
  --webhook-timeout-ms N   per-attempt timeout (5000)

Prints the base URL (http://HOST:PORT/v2) on the first line; the control API is at /__fake.
`

const fail = (message: string): never => {
  process.stderr.write(`effect-bootpay-fake: ${message}\n`)
  process.exit(2)
}

const parsed = (() => {
  try {
    return parseArgs({
      options: {
        port: { type: "string", default: "0" },
        host: { type: "string", default: "127.0.0.1" },
        "client-key": { type: "string" },
        "secret-key": { type: "string" },
        "application-id": { type: "string" },
        "private-key": { type: "string" },
        clock: { type: "string", default: "wall" },
        now: { type: "string" },
        "webhook-url": { type: "string" },
        "webhook-format": { type: "string", default: "json" },
        "webhook-attempts": { type: "string" },
        "webhook-interval-ms": { type: "string" },
        "webhook-timeout-ms": { type: "string" },
        help: { type: "boolean", short: "h" }
      }
    })
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n${usage}`)
  }
})()
const { values } = parsed

if (values.help) {
  process.stdout.write(usage)
  process.exit(0)
}

const integer = (name: string, text: string | undefined, min: number, max: number): number | undefined => {
  if (text === undefined) return undefined
  const value = Number(text)
  return Number.isInteger(value) && value >= min && value <= max
    ? value
    : fail(`--${name} must be an integer ${min}..${max}, got ${text}`)
}

const port = integer("port", values.port, 0, 65_535)!
if (values.clock !== "wall" && values.clock !== "frozen")
  fail(`--clock must be wall or frozen, got ${values.clock}`)
if (values["webhook-format"] !== "json" && values["webhook-format"] !== "form") {
  fail(`--webhook-format must be json or form, got ${values["webhook-format"]}`)
}
const now = values.now === undefined ? undefined : Date.parse(values.now)
if (now !== undefined && (Number.isNaN(now) || !/(Z|[+-]\d{2}:?\d{2})$/.test(values.now!))) {
  fail(`--now must be an ISO 8601 time with an offset, got ${values.now}`)
}
const attempts = integer("webhook-attempts", values["webhook-attempts"], 1, 100)
const intervalMillis = integer("webhook-interval-ms", values["webhook-interval-ms"], 0, 3_600_000)
const timeoutMillis = integer("webhook-timeout-ms", values["webhook-timeout-ms"], 1, 600_000)

// Loaded after the arguments, through the entry: a wrong Effect install gets the clear error.
const { FakeServer } = await import("./entry.js")
const server = await FakeServer.start({
  port,
  host: values.host,
  clock: values.clock as "wall" | "frozen",
  ...(now === undefined ? {} : { now }),
  ...(values["client-key"] === undefined ? {} : { clientKey: values["client-key"] }),
  ...(values["secret-key"] === undefined ? {} : { secretKey: values["secret-key"] }),
  ...(values["application-id"] === undefined ? {} : { applicationId: values["application-id"] }),
  ...(values["private-key"] === undefined ? {} : { privateKey: values["private-key"] }),
  ...(values["webhook-url"] === undefined ? {} : { webhookUrl: values["webhook-url"] }),
  webhook: {
    format: values["webhook-format"] as "json" | "form",
    ...(attempts === undefined ? {} : { attempts }),
    ...(intervalMillis === undefined ? {} : { intervalMillis }),
    ...(timeoutMillis === undefined ? {} : { timeoutMillis })
  }
}).catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)))
process.stdout.write(`${server.url}\n`)

const stop = () => {
  void server.close().then(() => process.exit(0))
}
process.once("SIGINT", stop)
process.once("SIGTERM", stop)
