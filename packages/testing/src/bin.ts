#!/usr/bin/env node
/**
 * `effect-bootpay-fake`: runs the fake Bootpay standalone so any language can test against it.
 *
 *   effect-bootpay-fake [--port 0] [--host 127.0.0.1] [--client-key test] [--secret-key test]
 *                       [--application-id test] [--private-key test]
 *
 * Prints the base URL on the first line of standard output and runs until SIGINT or SIGTERM.
 */
import { parseArgs } from "node:util"

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "0" },
    host: { type: "string", default: "127.0.0.1" },
    "client-key": { type: "string" },
    "secret-key": { type: "string" },
    "application-id": { type: "string" },
    "private-key": { type: "string" },
    help: { type: "boolean", short: "h" }
  }
})

if (values.help) {
  process.stdout.write(
    "usage: effect-bootpay-fake [--port N] [--host H] [--client-key K] [--secret-key S] [--application-id A] [--private-key P]\n"
  )
  process.exit(0)
}

const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  process.stderr.write(`effect-bootpay-fake: --port must be 0..65535, got ${values.port}\n`)
  process.exit(2)
}

// Loaded after the arguments, through the entry: a wrong Effect install gets the clear error.
const { FakeServer } = await import("./entry.js")
const server = await FakeServer.start({
  port,
  host: values.host,
  ...(values["client-key"] === undefined ? {} : { clientKey: values["client-key"] }),
  ...(values["secret-key"] === undefined ? {} : { secretKey: values["secret-key"] }),
  ...(values["application-id"] === undefined ? {} : { applicationId: values["application-id"] }),
  ...(values["private-key"] === undefined ? {} : { privateKey: values["private-key"] })
})
process.stdout.write(`${server.url}\n`)

const stop = () => {
  void server.close().then(() => process.exit(0))
}
process.once("SIGINT", stop)
process.once("SIGTERM", stop)
