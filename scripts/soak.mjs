// Soak: 50,000 mixed calls at concurrency 50 through the Promise facade over undici against the fake
// Bootpay running in its own process, so only the client's heap is measured. Prints the heap after a
// forced GC at 5,000 calls and at the end; fails when it grew more than 10% or any call failed.
//   node --expose-gc scripts/soak.mjs [total] [concurrency]     (run `pnpm build` first)
import { spawn } from "node:child_process"
import { Bootpay } from "../packages/node/dist/index.js"

const total = Number(process.argv[2] ?? 50_000)
const concurrency = Number(process.argv[3] ?? 50)
const checkpoint = Math.min(5_000, Math.floor(total / 10))
if (typeof globalThis.gc !== "function") throw new Error("run with node --expose-gc")

const server = spawn(
  process.execPath,
  [new URL("../packages/testing/dist/bin.js", import.meta.url).pathname],
  {
    stdio: ["ignore", "pipe", "inherit"]
  }
)
const url = await new Promise((resolve) =>
  server.stdout.once("data", (chunk) => resolve(chunk.toString().trim()))
)
const bootpay = Bootpay.make({ baseUrl: url, clientKey: "test", secretKey: "test" })

const key = await bootpay.billingKey.issue({
  pg: "nicepay",
  order_name: "soak",
  subscription_id: "soak",
  card_no: "4111111111111111",
  card_pw: "12",
  card_identity_no: "900101",
  card_expire_year: "30",
  card_expire_month: "12"
})
const receipts = []
for (let i = 0; i < 50; i++) {
  const receipt = await bootpay.subscription.pay({
    billing_key: key.billing_key,
    order_name: "soak",
    price: 1_000_000,
    order_id: `seed-${i}`
  })
  receipts.push(receipt.receipt_id)
}

/** One of the mixed calls, chosen by its index: mostly reads, some charges and cancels. */
const call = (i) => {
  const receiptId = receipts[i % receipts.length]
  switch (i % 10) {
    case 0:
      return bootpay.subscription.pay({
        billing_key: key.billing_key,
        order_name: "soak",
        price: 1000,
        order_id: `o-${i}`
      })
    case 1:
      return bootpay.receipt.cancel({ receipt_id: receiptId, cancel_price: 1, cancel_id: `c-${i}` })
    case 2:
      return bootpay.receipt.lookupByOrderId(`seed-${i % receipts.length}`)
    case 3:
      return bootpay.billingKey.lookupByKey(key.billing_key)
    default:
      return bootpay.receipt.lookup(receiptId)
  }
}

const heap = () => {
  globalThis.gc()
  globalThis.gc()
  return process.memoryUsage().heapUsed
}

let next = 0
let done = 0
let failed = 0
let atCheckpoint = 0
const started = performance.now()
const worker = async () => {
  while (next < total) {
    const i = next++
    try {
      await call(i)
    } catch (error) {
      failed += 1
      if (failed <= 5) console.error(`call ${i} failed:`, error?._tag ?? error)
    }
    done += 1
    if (done === checkpoint) atCheckpoint = heap()
  }
}
await Promise.all(Array.from({ length: concurrency }, worker))
const seconds = (performance.now() - started) / 1000
const atEnd = heap()
await bootpay.dispose()
server.kill("SIGTERM")

const mb = (bytes) => `${(bytes / 1048576).toFixed(1)} MB`
const growth = (atEnd - atCheckpoint) / atCheckpoint
console.log(
  `calls: ${done} (${failed} failed) at concurrency ${concurrency} in ${seconds.toFixed(1)} s (${Math.round(done / seconds)}/s)`
)
console.log(
  `heap after GC: ${mb(atCheckpoint)} at ${checkpoint} calls, ${mb(atEnd)} at ${done} calls (${(growth * 100).toFixed(1)}%)`
)
process.exitCode = failed === 0 && growth <= 0.1 ? 0 : 1
