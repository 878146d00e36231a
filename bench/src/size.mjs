/**
 * Installed size of a client: the package plus every package it pulls in at install time, each
 * counted once, measured as the sum of file sizes (what `du -sb --apparent-size` reports) and as
 * allocated blocks (what plain `du -sk` reports).
 *
 * The closure follows `dependencies` and, when `withPeers` is set, required (non-optional)
 * `peerDependencies`, since npm 7+ and pnpm install those for the user too. Each name is resolved the
 * way Node does, walking up `node_modules` from the package's real path, so pnpm's symlinked layout
 * is followed to the one stored copy. For a package of this workspace only what `npm publish` would
 * ship is counted (its `files` plus `package.json`), not its tests or local `node_modules`.
 */
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs"
import { dirname, join, relative } from "node:path"

/** Reads a JSON file. */
export const readJson = (path) => JSON.parse(readFileSync(path, "utf8"))

/** Where `name` resolves from `fromDir`, Node-style; undefined when it is not installed. */
export const resolvePackage = (fromDir, name) => {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name)
    if (existsSync(join(candidate, "package.json"))) return realpathSync(candidate)
    if (dirname(dir) === dir) return undefined
  }
}

const walk = (path, totals) => {
  const stat = statSync(path)
  if (stat.isDirectory()) {
    for (const entry of readdirSync(path)) {
      // A stored package never nests node_modules under pnpm; a workspace package's are symlinks we resolve ourselves.
      if (entry !== "node_modules") walk(join(path, entry), totals)
    }
    return
  }
  totals.files++
  totals.bytes += stat.size
  totals.diskBytes += stat.blocks * 512
}

/** What counts as the package's installed content. */
const contentOf = (dir, manifest, workspaceRoot) => {
  const inWorkspace = !relative(workspaceRoot, dir).startsWith("..") && !dir.includes("node_modules")
  if (!inWorkspace || manifest.files === undefined) return [dir]
  return ["package.json", ...manifest.files].map((entry) => join(dir, entry)).filter(existsSync)
}

/**
 * Sizes the closure of `roots` (package names resolved from `fromDir`). Returns the totals and the
 * list of packages with their own sizes, largest first.
 */
export const closureSize = (fromDir, roots, { withPeers = false, workspaceRoot = fromDir } = {}) => {
  const seen = new Map()
  const visit = (dir) => {
    if (seen.has(dir)) return
    const manifest = readJson(join(dir, "package.json"))
    const totals = { files: 0, bytes: 0, diskBytes: 0 }
    for (const path of contentOf(dir, manifest, workspaceRoot)) walk(path, totals)
    seen.set(dir, { name: `${manifest.name}@${manifest.version}`, ...totals })
    const optionalPeers = manifest.peerDependenciesMeta ?? {}
    const names = [
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.optionalDependencies ?? {}),
      ...(withPeers
        ? Object.keys(manifest.peerDependencies ?? {}).filter(
            (peer) => optionalPeers[peer]?.optional !== true
          )
        : [])
    ]
    for (const name of names) {
      const resolved = resolvePackage(dir, name)
      if (resolved !== undefined) visit(resolved)
    }
  }
  for (const root of roots) {
    const resolved = resolvePackage(fromDir, root)
    if (resolved === undefined) throw new Error(`${root} is not installed under ${fromDir}`)
    visit(resolved)
  }
  const packages = [...seen.values()].sort((x, y) => y.bytes - x.bytes)
  const sum = (key) => packages.reduce((total, entry) => total + entry[key], 0)
  return { packages, files: sum("files"), bytes: sum("bytes"), diskBytes: sum("diskBytes") }
}

/** Sizes exactly the listed packages, without following their dependencies. */
export const listedSize = (fromDir, names, { workspaceRoot = fromDir } = {}) => {
  const parts = names.map((name) => {
    const dir = resolvePackage(fromDir, name)
    if (dir === undefined) throw new Error(`${name} is not installed under ${fromDir}`)
    const manifest = readJson(join(dir, "package.json"))
    const totals = { files: 0, bytes: 0, diskBytes: 0 }
    for (const path of contentOf(dir, manifest, workspaceRoot)) walk(path, totals)
    return { name: `${manifest.name}@${manifest.version}`, ...totals }
  })
  const sum = (key) => parts.reduce((total, entry) => total + entry[key], 0)
  return { packages: parts, files: sum("files"), bytes: sum("bytes"), diskBytes: sum("diskBytes") }
}
