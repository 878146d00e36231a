/**
 * One cold start: `node cold.mjs <client> <baseUrl>` loads only that client, does one receipt lookup
 * and reports how long after process start it completed. `performance.now()` counts from the
 * process's time origin (set while Node boots), so the figure includes Node's own start-up, module
 * loading, client construction (for ours: building the layer) and the first request on a new socket.
 */
import { makeClient } from "./clients.mjs"

const [name, baseUrl] = process.argv.slice(2)
const client = await makeClient(name, { baseUrl })
const receipt = await client.lookup("65f0c1a2b3c4d5e6f7a8b9c0")
const elapsedMs = performance.now()
if (receipt?.receipt_id !== "65f0c1a2b3c4d5e6f7a8b9c0") throw new Error(`${name}: unexpected receipt`)
await client.close()
process.stdout.write(`${JSON.stringify({ elapsedMs })}\n`)
// The official SDK's keep-alive socket would keep the process alive for a while; we have our number.
process.exit(0)
