/**
 * The installed Effect, checked when the package fails to load. The packages run on Effect 3; an app
 * with Effect 4 (or an Effect 3 older than the peer range) otherwise meets a link error from deep
 * inside effect's or @effect/platform's dist (`ERR_MODULE_NOT_FOUND .../effect/dist/Either.js`, or
 * "does not provide an export named ..."), which names neither us nor the versions that work.
 *
 * Nothing here imports effect. The Node entry (`entry.ts`) loads this module only after the Effect
 * module graph failed to load, so a working install pays for none of it. The ranges come from the package's own `peerDependencies`, the one place they are set.
 */
import { existsSync, readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

/** The `code` of the error thrown when the installed Effect is not the line this package runs on. */
export const errorCode = "ERR_EFFECT_BOOTPAY_EFFECT_VERSION"

/** The one error for a wrong Effect install; its stack starts with `EffectVersionError: ...`. */
class EffectVersionError extends Error {
  readonly code = errorCode
}
EffectVersionError.prototype.name = "EffectVersionError"

const plan = "https://github.com/effect-bootpay/effect-bootpay/blob/main/docs/effect-4.md"

/** A package as found from a directory: its version and where it is, or `undefined` if not found. */
interface Found {
  readonly version: string
  readonly path: string
}

const readVersion = (packageJson: string): Found | undefined => {
  try {
    const version: unknown = JSON.parse(readFileSync(packageJson, "utf8")).version
    return typeof version === "string" ? { version, path: dirname(packageJson) } : undefined
  } catch {
    return undefined
  }
}

/**
 * Finds `name` the way Node resolves it from `fromFile`: through its exported `./package.json`
 * (Effect 3 and 4 both export it), else by walking up the `node_modules` folders.
 */
const findPackage = (name: string, fromFile: string): Found | undefined => {
  try {
    const found = readVersion(createRequire(fromFile).resolve(`${name}/package.json`))
    if (found !== undefined) return found
  } catch {
    // not exported or not installed: look for the folder itself
  }
  for (let dir = dirname(fromFile); ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name, "package.json")
    if (existsSync(candidate)) return readVersion(candidate)
    if (dirname(dir) === dir) return undefined
  }
}

const parse = (version: string): readonly [number, number, number] | undefined => {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version)
  return match === null ? undefined : [Number(match[1]), Number(match[2]), Number(match[3])]
}

/**
 * Whether `version` satisfies `range`, for the caret ranges of our peer dependencies (`^3.22.4`,
 * `^0.97.2`); a range of another form is taken as satisfied, so an unusual range never blames Effect.
 */
export const satisfies = (version: string, range: string): boolean => {
  const wanted = /^\^(\d+\.\d+\.\d+)$/.exec(range.trim())
  const low = wanted === null ? undefined : parse(wanted[1]!)
  if (low === undefined) return true
  const have = parse(version)
  if (have === undefined) return false
  const [major, minor, patch] = have
  const sameLine = low[0] > 0 ? major === low[0] : major === 0 && minor === low[1]
  if (!sameLine) return false
  if (minor !== low[1]) return minor > low[1]
  return patch >= low[2]
}

/**
 * The clear error for a failed load, or `undefined` when the installed `effect` and
 * `@effect/platform` are in range (the failure is something else: rethrow it as it is).
 *
 * `entryUrl` is the entry's `import.meta.url`: the package's `package.json` is one folder up from
 * `dist/`, and peers are resolved from there as Node resolves the package's own imports.
 */
export const explain = (entryUrl: string, cause: unknown): Error | undefined => {
  const entry = fileURLToPath(entryUrl)
  const own = JSON.parse(readFileSync(join(dirname(entry), "..", "package.json"), "utf8")) as {
    readonly name: string
    readonly version: string
    readonly peerDependencies?: Readonly<Record<string, string>>
  }
  const peers = Object.entries(own.peerDependencies ?? {})
  const problems = peers.flatMap(([name, range]) => {
    const found = findPackage(name, entry)
    if (found === undefined) return [`${name} is not installed`]
    return satisfies(found.version, range) ? [] : [`found ${name} ${found.version} (${found.path})`]
  })
  if (problems.length === 0) return undefined
  const wanted = peers.map(([name, range]) => `${name}@${range}`).join(" ")
  const message = [
    `${own.name} ${own.version} runs on Effect 3 and needs ${peers.map(([name, range]) => `${name} ${range}`).join(" and ")}, but ${problems.join("; ")}.`,
    `Install the Effect 3 line: pnpm add ${wanted} (npm install ${wanted}).`,
    `Effect 4 is not supported yet; the plan: ${plan}`
  ].join("\n")
  return new EffectVersionError(message, { cause })
}
