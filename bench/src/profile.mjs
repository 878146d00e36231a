/**
 * Profiling entry: `node --cpu-prof --cpu-prof-dir=<dir> bench/src/profile.mjs <client> [concurrency] [calls]`
 * starts the loopback server, warms one client up and runs `calls` lookups at `concurrency`, so the
 * profile holds that client's steady state and little else. Summarise it with `profile-summary.mjs`.
 */
import { fork } from "node:child_process"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { makeClient } from "./clients.mjs"

const here = dirname(fileURLToPath(import.meta.url))
const [name = "b", concurrencyArg = "50", callsArg = "20000"] = process.argv.slice(2)
const concurrency = Number(concurrencyArg)
const calls = Number(callsArg)

// `execArgv: []` keeps `--cpu-prof` off the server: only the client is profiled.
const server = fork(join(here, "server.mjs"), [], {
  execArgv: [],
  stdio: ["ignore", "inherit", "inherit", "ipc"]
})
const port = await new Promise((resolve) => server.once("message", (message) => resolve(message.port)))
const client = await makeClient(name, { baseUrl: `http://127.0.0.1:${port}/v2` })

const runCalls = async (count) => {
  let next = 0
  const caller = async () => {
    while (next < count) {
      next++
      await client.lookup("65f0c1a2b3c4d5e6f7a81000")
    }
  }
  await Promise.all(Array.from({ length: concurrency }, caller))
}

await runCalls(2000)
const cpuBefore = process.cpuUsage()
await runCalls(calls)
const cpu = process.cpuUsage(cpuBefore)
process.stderr.write(
  `${name} @${concurrency}: ${((cpu.user + cpu.system) / calls).toFixed(1)} µs CPU per call\n`
)
await client.close()
server.disconnect()
