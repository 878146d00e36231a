// `pnpm run pack:check`: packs each published package with `pnpm pack` (as `pnpm publish` would, so
// workspace: ranges are rewritten) into a temporary folder, then lints each tarball with publint
// (warnings count as errors) and @arethetypeswrong/cli (profile esm-only: the packages are ESM only, so
// `require` from CommonJS and node10 resolution are out of scope). Run after `tsc -b`.
import { spawnSync } from "node:child_process"
import { mkdtempSync, readdirSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

const packages = ["core", "node", "testing"]
const root = new URL("..", import.meta.url).pathname
const destination = mkdtempSync(join(tmpdir(), "effect-bootpay-pack-"))

const run = (command, args, cwd = root, quiet = false) => {
  const result = spawnSync(command, args, { cwd, stdio: quiet ? "pipe" : "inherit", encoding: "utf8" })
  if (result.error !== undefined) throw result.error
  if (result.status !== 0 && quiet) process.stderr.write(result.stdout + result.stderr)
  return result.status === 0
}

const failed = []
try {
  for (const name of packages) {
    const before = new Set(readdirSync(destination))
    console.log(`packing packages/${name}`)
    if (!run("pnpm", ["pack", "--pack-destination", destination], join(root, "packages", name), true)) {
      failed.push(`${name}: pnpm pack`)
      continue
    }
    const tarball = readdirSync(destination).find((file) => file.endsWith(".tgz") && !before.has(file))
    if (tarball === undefined) throw new Error(`pnpm pack wrote no tarball for packages/${name}`)
    const path = join(destination, tarball)
    if (!run("publint", ["run", path, "--strict"])) failed.push(`${name}: publint`)
    if (!run("attw", [path, "--profile", "esm-only"])) failed.push(`${name}: attw`)
  }
} finally {
  rmSync(destination, { recursive: true, force: true })
}
if (failed.length > 0) {
  console.error(`pack:check failed: ${failed.join(", ")}`)
  process.exit(1)
}
console.log(`pack:check: ${packages.length} tarballs pass publint and attw`)
