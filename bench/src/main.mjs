/**
 * `pnpm bench`: receipt lookups against a loopback server, comparing raw undici (the floor), our
 * Effect API, our Promise facade and the official `@bootpay/backend-js`.
 *
 * Why it is built this way:
 * - The server runs in another process, so the client's `process.cpuUsage()` delta is client CPU
 *   only (the HTTP parser, the SDK, the GC), which is the number an SDK can actually change.
 * - All four clients live in this one process and take turns inside each round, in a rotating order,
 *   so drift (thermal, other tenants of the machine) spreads over all of them; the reported value is
 *   the median over rounds.
 * - A full GC runs before each measurement (`--expose-gc`), so one client's garbage is not collected
 *   on the next one's time.
 * - The whole run must stay under three minutes on a 2-core machine even while other work shares it
 *   (the slowest client needs about 2 ms of CPU per call there), hence N = 3 rounds x 1500 calls per
 *   client and concurrency. `BENCH_ROUNDS`, `BENCH_CALLS` and `BENCH_COLD_RUNS` override the sizes.
 * - Cold starts are measured for the unbundled packages and for a bundle of the same program made
 *   with the README's esbuild recipe (bundle.mjs), since serverless deploys bundle.
 * - It prints the report; only `--write` replaces bench/RESULTS.md, and only after a full run.
 */
import { execFile, fork } from "node:child_process"
import { writeFileSync } from "node:fs"
import { cpus, loadavg, totalmem } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { parseArgs, promisify } from "node:util"
import { bundleColdStarts } from "./bundle.mjs"
import { clientNames, makeClient } from "./clients.mjs"
import { closureSize, listedSize, readJson, resolvePackage } from "./size.mjs"

const here = dirname(fileURLToPath(import.meta.url))
const benchDir = join(here, "..")
const repoRoot = join(benchDir, "..")
const run = promisify(execFile)

const sections = ["throughput", "cold", "bearer", "size"]
const usage = `usage: pnpm bench [--write] [--only <sections>] [--help]

Receipt lookups against a loopback server: raw undici (a), our Effect API (b), our Promise facade (c)
and the official @bootpay/backend-js (d). Prints the report as Markdown on standard output.

  --write            also write it to bench/RESULTS.md (a full run only; not with --only)
  --only <sections>  run only these, comma-separated: ${sections.join(", ")}
                     (cold: cold start of (a)-(d) unbundled and of (c) and (d) bundled with esbuild)
  --help, -h         this text

Sizes: BENCH_ROUNDS (3), BENCH_CALLS (1500) and BENCH_COLD_RUNS (5) in the environment.
Other work on the machine inflates every figure: run it alone (in this repository, under
flock /tmp/heavy.lock).
`
const parsed = (() => {
  try {
    return parseArgs({
      options: {
        write: { type: "boolean", default: false },
        only: { type: "string" },
        help: { type: "boolean", short: "h", default: false }
      }
    }).values
  } catch (error) {
    process.stderr.write(`${error.message}\n\n${usage}`)
    process.exit(2)
  }
})()
if (parsed.help) {
  process.stdout.write(usage)
  process.exit(0)
}
const only = parsed.only === undefined ? sections : parsed.only.split(",").map((part) => part.trim())
const unknown = only.filter((part) => !sections.includes(part))
if (unknown.length > 0 || only.length === 0) {
  process.stderr.write(`unknown section ${unknown.join(", ") || "(none given)"}\n\n${usage}`)
  process.exit(2)
}
if (parsed.write && parsed.only !== undefined) {
  process.stderr.write(`--write replaces bench/RESULTS.md and needs every section: drop --only\n\n${usage}`)
  process.exit(2)
}
const runs = (section) => only.includes(section)

const sizeFromEnv = (name, fallback) => {
  const value = Number(process.env[name])
  return Number.isInteger(value) && value > 0 ? value : fallback
}

const settings = {
  rounds: sizeFromEnv("BENCH_ROUNDS", 3),
  calls: sizeFromEnv("BENCH_CALLS", 1500),
  warmupCalls: 600,
  concurrencies: [1, 50],
  coldRuns: sizeFromEnv("BENCH_COLD_RUNS", 5),
  bearerCalls: 1000
}
const clients = ["a", "b", "c", "d"]
const bearerConcurrency = 50
const started = performance.now()
// Other work on the machine inflates every figure; the load average tells the reader how much.
const loadAtStart = loadavg()[0]
const log = (line) =>
  process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1)}s] ${line}\n`)

// ---------------------------------------------------------------------------------------------
// The server process

const startServer = () =>
  new Promise((resolve, reject) => {
    const child = fork(join(here, "server.mjs"), [], {
      execArgv: [],
      stdio: ["ignore", "inherit", "inherit", "ipc"]
    })
    const waiters = []
    child.on("message", (message) => {
      if (message.type === "listening") {
        resolve({
          baseUrl: `http://127.0.0.1:${message.port}/v2`,
          receiptBytes: message.receiptBytes,
          ask: (type) =>
            new Promise((answer) => {
              waiters.push(answer)
              child.send({ type })
            }),
          stop: () => child.disconnect()
        })
      } else {
        waiters.shift()?.(message)
      }
    })
    child.once("error", reject)
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)))
  })

// ---------------------------------------------------------------------------------------------
// Measuring

/** Receipt ids shaped like Bootpay's (24 hex digits), a few so the path is not a constant. */
const receiptIds = Array.from({ length: 64 }, (_, i) => `65f0c1a2b3c4d5e6f7a8${(0x1000 + i).toString(16)}`)

const median = (values) => {
  const sorted = [...values].sort((x, y) => x - y)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** Runs `calls` lookups with `concurrency` callers in flight; client CPU per call and throughput. */
const measure = async (client, calls, concurrency) => {
  let next = 0
  const caller = async () => {
    while (next < calls) {
      const id = receiptIds[next++ % receiptIds.length]
      await client.lookup(id)
    }
  }
  globalThis.gc?.()
  const cpuBefore = process.cpuUsage()
  const wallBefore = performance.now()
  await Promise.all(Array.from({ length: concurrency }, caller))
  const wallMs = performance.now() - wallBefore
  const cpu = process.cpuUsage(cpuBefore)
  return { cpuMicrosPerCall: (cpu.user + cpu.system) / calls, callsPerSecond: calls / (wallMs / 1000) }
}

/** Fails loudly if a client does not get the receipt back, so a broken client cannot look fast. */
const checkClient = async (name, client) => {
  const id = receiptIds[0]
  const receipt = await client.lookup(id)
  if (receipt?.receipt_id !== id || receipt.price !== 39800 || receipt.card_data?.card_company !== "비씨") {
    throw new Error(`${clientNames[name]} returned an unexpected receipt: ${JSON.stringify(receipt)}`)
  }
}

const throughput = async (server) => {
  const instances = {}
  for (const name of clients) {
    instances[name] = await makeClient(name, { baseUrl: server.baseUrl })
    await checkClient(name, instances[name])
    // Warm the JIT and open the sockets at the highest concurrency before anything is measured.
    await measure(instances[name], settings.warmupCalls, Math.max(...settings.concurrencies))
    await measure(instances[name], settings.warmupCalls / 4, 1)
  }
  const samples = {}
  for (let round = 0; round < settings.rounds; round++) {
    const order = clients.map((_, i) => clients[(i + round) % clients.length])
    for (const concurrency of settings.concurrencies) {
      for (const name of order) {
        const sample = await measure(instances[name], settings.calls, concurrency)
        const key = `${name}@${concurrency}`
        samples[key] ??= []
        samples[key].push(sample)
      }
    }
    log(`round ${round + 1}/${settings.rounds} done`)
  }
  await server.ask("stats")
  for (const name of clients) await instances[name].close()
  const results = {}
  for (const [key, list] of Object.entries(samples)) {
    const cpu = list.map((sample) => sample.cpuMicrosPerCall)
    results[key] = {
      cpuMicrosPerCall: median(cpu),
      cpuRange: [Math.min(...cpu), Math.max(...cpu)],
      callsPerSecond: median(list.map((sample) => sample.callsPerSecond))
    }
  }
  return results
}

/** Cold-start rows: the four clients unbundled, then (c) and (d) bundled by esbuild. */
const coldRows = [
  ...clients.map((name) => ({ key: name, client: name, label: clientNames[name] })),
  { key: "c-bundled", client: "c", bundled: true, label: "(c) effect-bootpay, Promise facade, bundled" },
  { key: "d-bundled", client: "d", bundled: true, label: "(d) @bootpay/backend-js (official), bundled" }
]

/**
 * Cold start of each row in a fresh `node` process, rows alternating, median per row. A bundled row
 * runs its bundle from the bundle's temporary folder, where no node_modules can help it.
 */
const coldStarts = async (server) => {
  const bundles = await bundleColdStarts(["c", "d"])
  try {
    const samples = Object.fromEntries(coldRows.map((row) => [row.key, []]))
    for (let i = 0; i < settings.coldRuns; i++) {
      for (const row of coldRows) {
        const [script, cwd] = row.bundled
          ? [bundles.files[row.client], bundles.dir]
          : [join(here, "cold.mjs"), benchDir]
        const { stdout } = await run(process.execPath, [script, row.client, server.baseUrl], { cwd })
        samples[row.key].push(JSON.parse(stdout.trim().split("\n").at(-1)).elapsedMs)
      }
    }
    log("cold starts done")
    return {
      ms: Object.fromEntries(coldRows.map((row) => [row.key, median(samples[row.key])])),
      bundleBytes: { "c-bundled": bundles.sizes.c, "d-bundled": bundles.sizes.d }
    }
  } finally {
    bundles.dispose()
  }
}

/**
 * Token requests per `bearerCalls` lookups with the legacy key pair, at concurrency 50 from a cold
 * client (the case where a token cache without single-flight would issue one token per caller).
 * Ours runs as configured (the token service caches the token and shares one refresh); the official
 * SDK runs as its README shows, `await Bootpay.getAccessToken()` before each call.
 */
const bearerTokens = async (server) => {
  const results = {}
  for (const name of ["b", "c", "d"]) {
    await server.ask("reset")
    const client = await makeClient(name, { baseUrl: server.baseUrl, auth: "bearer" })
    await measure(client, settings.bearerCalls, bearerConcurrency)
    await client.close()
    const stats = await server.ask("stats")
    if (stats.lookups !== settings.bearerCalls || stats.unauthorized !== 0) {
      throw new Error(`${clientNames[name]} in Bearer mode: ${JSON.stringify(stats)}`)
    }
    results[name] = {
      tokenRequests: (stats.tokenRequests * 1000) / settings.bearerCalls,
      lookups: stats.lookups
    }
  }
  log("bearer mode done")
  return results
}

/** Installed sizes; see size.mjs for what is counted. */
const sizes = () => {
  const options = { workspaceRoot: repoRoot }
  const ourListed = ["@effect-bootpay/core", "@effect-bootpay/node", "effect", "@effect/platform", "undici"]
  // Our client is one install for the user: the node package, its dependencies and the required peers
  // (effect, @effect/platform) that npm and pnpm install with it.
  const ours = closureSize(benchDir, ["@effect-bootpay/node"], { ...options, withPeers: true })
  return {
    a: closureSize(benchDir, ["undici"], options),
    ours,
    oursListed: listedSize(benchDir, ourListed, options),
    d: closureSize(benchDir, ["@bootpay/backend-js"], options)
  }
}

// ---------------------------------------------------------------------------------------------
// Report

const versionOf = (name, from = benchDir) => {
  const dir = resolvePackage(from, name)
  return dir === undefined ? "not installed" : readJson(join(dir, "package.json")).version
}

const fixed = (value, digits) => value.toFixed(digits)
const ratio = (value, base) => `${(value / base).toFixed(2)}×`
const megabytes = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`
/**
 * A Markdown table with the first column left-aligned and the others right-aligned, padded the way
 * Biome formats Markdown, so the generated file passes `biome check` as written.
 */
const table = (header, rows) => {
  const widths = header.map((_, i) => Math.max(3, ...[header, ...rows].map((cells) => cells[i].length)))
  const row = (cells) =>
    `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(" | ")} |`
  const rule = widths.map((width, i) => (i === 0 ? "-".repeat(width) : `${"-".repeat(width - 1)}:`))
  return [row(header), `| ${rule.join(" | ")} |`, ...rows.map(row)].join("\n")
}

const report = ({ server, perf, cold, tokens, size, elapsedSeconds }) => {
  const cpu = cpus()
  const official = join(resolvePackage(benchDir, "@bootpay/backend-js"), "package.json")
  const versions = [
    ["node", process.version],
    ["undici (raw client and ours)", versionOf("undici")],
    ["@effect-bootpay/core", versionOf("@effect-bootpay/core")],
    ["@effect-bootpay/node", versionOf("@effect-bootpay/node")],
    ["effect", versionOf("effect")],
    ["@effect/platform", versionOf("@effect/platform")],
    ["@bootpay/backend-js", readJson(official).version],
    ["axios (official SDK's HTTP client)", versionOf("axios", dirname(official))]
  ]
  const perfTable = (concurrency) => {
    const at = (name) => perf[`${name}@${concurrency}`]
    return table(
      ["client", "client CPU µs/call", "rounds' range", "× (a)", "× (d)", "calls/s", "× (a)", "× (d)"],
      clients.map((name) => [
        clientNames[name],
        fixed(at(name).cpuMicrosPerCall, 1),
        at(name)
          .cpuRange.map((value) => fixed(value, 0))
          .join("–"),
        ratio(at(name).cpuMicrosPerCall, at("a").cpuMicrosPerCall),
        ratio(at(name).cpuMicrosPerCall, at("d").cpuMicrosPerCall),
        fixed(at(name).callsPerSecond, 0),
        ratio(at(name).callsPerSecond, at("a").callsPerSecond),
        ratio(at(name).callsPerSecond, at("d").callsPerSecond)
      ])
    )
  }
  const sizeRow = (label, entry) => [
    label,
    String(entry.packages.length),
    String(entry.files),
    megabytes(entry.bytes),
    ratio(entry.bytes, size.a.bytes),
    ratio(entry.bytes, size.d.bytes),
    megabytes(entry.diskBytes)
  ]
  const head = [
    "# Benchmark: receipt lookup",
    "",
    "Generated by `pnpm bench` (bench/src/main.mjs); do not edit by hand.",
    "",
    `- Machine: ${cpu[0]?.model ?? "unknown CPU"}, ${cpu.length} cores, ${megabytes(totalmem())} RAM, ${process.platform} ${process.arch}`,
    `- Run: ${new Date().toISOString()}, ${elapsedSeconds.toFixed(0)} s in total; 1-minute load average ${loadAtStart.toFixed(2)} at the start, ${loadavg()[0].toFixed(2)} at the end (on ${cpu.length} cores, a load above ${cpu.length} means other processes competed for the CPU)`,
    `- Versions: ${versions.map(([name, version]) => `${name} ${version}`).join(", ")}`,
    `- Workload: \`GET /v2/receipt/:id\` from a \`node:http\` keep-alive server in a separate process on 127.0.0.1, answering a ${server.receiptBytes}-byte paid card receipt (Basic auth).`,
    ...(perf === undefined
      ? []
      : [
          `- Throughput: ${settings.rounds} rounds × ${settings.calls} calls per client and concurrency, clients alternating in a rotating order within each round, after ${settings.warmupCalls} warm-up calls each; medians over rounds. Client CPU is the \`process.cpuUsage()\` (user + system) delta of the client process divided by the number of calls; a full GC runs before each measurement. At concurrency 50 the single-threaded server shares this 2-core machine, so calls/s of the fastest clients is partly server-bound; CPU/call is not.`
        ]),
    ...(only.length < sections.length ? [`- Sections run: ${only.join(", ")} (\`--only\`)`] : []),
    ""
  ]
  const perfLines = () => [
    "## Concurrency 1",
    "",
    perfTable(1),
    "",
    "## Concurrency 50",
    "",
    perfTable(50),
    ""
  ]
  const coldLines = () => [
    `## Cold start (median of ${settings.coldRuns})`,
    "",
    "Fresh `node` process running `bench/src/cold.mjs <client>`: time from process start (`performance.now()` counts from the process's time origin) until the first lookup has completed, so it includes Node's boot, module loading, client construction and the first connection. A bundled row runs `cold.mjs` bundled for that client alone with the README's esbuild recipe (`--bundle --platform=node --format=esm --minify` and the `createRequire` banner; bench/src/bundle.mjs), from a temporary folder without node_modules; the bundling is not timed.",
    "",
    table(
      ["client", "ms", "× (a)", "× (d)", "bundle"],
      coldRows.map((row) => [
        row.label,
        fixed(cold.ms[row.key], 0),
        ratio(cold.ms[row.key], cold.ms.a),
        ratio(cold.ms[row.key], cold.ms.d),
        cold.bundleBytes[row.key] === undefined ? "" : `${(cold.bundleBytes[row.key] / 1024).toFixed(0)} KB`
      ])
    ),
    ""
  ]
  const sizeLines = () => [
    "## Installed size",
    "",
    "Sum of file sizes (as `du -sb --apparent-size`; the last column is allocated blocks, as `du -sk`) of the package and its production dependency closure: `dependencies` and installed `optionalDependencies`, followed transitively and resolved the way Node resolves them from each package's real path, every package counted once. For our packages only what `npm publish` ships is counted (`files`: `dist`, `src`, plus `package.json`). Ours is `@effect-bootpay/node` with its required peers `effect` and `@effect/platform` (and theirs).",
    "",
    table(
      ["client", "packages", "files", "size", "× (a)", "× (d)", "on disk"],
      [
        sizeRow(clientNames.a, size.a),
        sizeRow(
          "(b)/(c) effect-bootpay: core + node + effect + @effect/platform + undici only",
          size.oursListed
        ),
        sizeRow("(b)/(c) effect-bootpay: full closure", size.ours),
        sizeRow(clientNames.d, size.d)
      ]
    ),
    "",
    `Largest packages of ours: ${size.ours.packages
      .slice(0, 6)
      .map((entry) => `${entry.name} ${megabytes(entry.bytes)}`)
      .join(", ")}.`,
    ""
  ]
  const bearerLines = () => [
    `## Bearer mode: token requests per 1,000 lookups`,
    "",
    `Legacy key pair: \`applicationId\`/\`privateKey\` for ours, \`application_id\`/\`private_key\` for the official SDK; ${settings.bearerCalls} lookups at concurrency ${bearerConcurrency} from a freshly created client, token requests counted by the server (which refuses a Bearer token it did not issue).`,
    "The official SDK is used as every example in its README is written: `await Bootpay.getAccessToken()` and then the call (its README also says a token lives 30 minutes and must be re-issued after that, leaving caching, expiry and concurrent refresh to the caller). Ours caches the token, refreshes it ahead of expiry and shares one refresh among concurrent callers.",
    "",
    table(
      ["client", "token requests per 1,000 lookups", "lookups answered"],
      ["b", "c", "d"].map((name) => [
        clientNames[name],
        String(tokens[name].tokenRequests),
        String(tokens[name].lookups)
      ])
    ),
    ""
  ]
  const lines = [
    ...head,
    ...(perf === undefined ? [] : perfLines()),
    ...(cold === undefined ? [] : coldLines()),
    ...(size === undefined ? [] : sizeLines()),
    ...(tokens === undefined ? [] : bearerLines())
  ]
  return lines.join("\n")
}

// ---------------------------------------------------------------------------------------------

if (typeof globalThis.gc !== "function") log("warning: run with --expose-gc for a GC before each measurement")
const server = await startServer()
log(`server at ${server.baseUrl}`)
try {
  const size = runs("size") ? sizes() : undefined
  const perf = runs("throughput") ? await throughput(server) : undefined
  const cold = runs("cold") ? await coldStarts(server) : undefined
  const tokens = runs("bearer") ? await bearerTokens(server) : undefined
  const markdown = report({
    server,
    perf,
    cold,
    tokens,
    size,
    elapsedSeconds: (performance.now() - started) / 1000
  })
  process.stdout.write(markdown)
  if (parsed.write) {
    writeFileSync(join(benchDir, "RESULTS.md"), markdown)
    process.stdout.write("\nWritten to bench/RESULTS.md\n")
  } else {
    process.stdout.write("\nNot written (pnpm bench --write replaces bench/RESULTS.md)\n")
  }
} finally {
  server.stop()
}
