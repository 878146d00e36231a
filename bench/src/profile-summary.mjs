/**
 * Summarises a V8 `.cpuprofile`: `node profile-summary.mjs <file> [top]` prints the functions with
 * the most self time and the self time per package (effect, @effect/platform, undici, our core, ...),
 * which is the view needed to decide what to optimise. Self time is sample count times the sampling
 * interval, so it only approximates CPU time.
 */
import { readFileSync } from "node:fs"

const [file, topArg = "30"] = process.argv.slice(2)
if (file === undefined) throw new Error("usage: profile-summary.mjs <file.cpuprofile> [top]")
const profile = JSON.parse(readFileSync(file, "utf8"))

const selfMicros = new Map()
const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
// Time deltas belong to the sample they precede; summing them per node gives self time.
profile.samples.forEach((id, i) => {
  selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0))
})

/** The package (or area) a frame belongs to; V8's pseudo-frames keep their own names. */
const areaOf = ({ url, functionName }) => {
  if (url === "") return functionName.startsWith("(") ? functionName : "(native builtins)"
  if (url.startsWith("node:")) return "node internals"
  const pnpm = url.match(/node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/)
  if (pnpm) return pnpm[1]
  const local = url.match(/packages\/([^/]+)\//)
  if (local) return `@effect-bootpay/${local[1]}`
  return url.replace(/^file:\/\//, "")
}

const byFunction = new Map()
const byArea = new Map()
let total = 0
for (const [id, micros] of selfMicros) {
  const { callFrame } = nodes.get(id)
  const area = areaOf(callFrame)
  const where =
    callFrame.url === "" ? "" : ` ${callFrame.url.split("/").slice(-2).join("/")}:${callFrame.lineNumber + 1}`
  const key = `${callFrame.functionName || "(anonymous)"}${where}`
  byFunction.set(key, (byFunction.get(key) ?? 0) + micros)
  byArea.set(area, (byArea.get(area) ?? 0) + micros)
  // Idle time is waiting for the server, not work: leave it out of the percentages.
  if (area !== "(idle)") total += micros
}

const print = (title, map, top) => {
  process.stdout.write(`\n${title}\n`)
  for (const [key, micros] of [...map].sort((x, y) => y[1] - x[1]).slice(0, top)) {
    process.stdout.write(
      `${((micros / total) * 100).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(0).padStart(6)} ms  ${key}\n`
    )
  }
}

process.stdout.write(`busy (non-idle) samples: ${(total / 1000).toFixed(0)} ms\n`)
print("Self time by package", byArea, 20)
print("Top self-time functions", byFunction, Number(topArg))
