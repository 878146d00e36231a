// `prepack` of each published package: refuses to pack a package.json that still holds a
// `workspace:` range unless pnpm is packing it. pnpm (and so `pnpm pack` / `pnpm publish`) rewrites
// `workspace:^` to the real version in the tarball; npm and Yarn 1 ship it verbatim, and such a
// package cannot be installed from the registry.
import { readFileSync } from "node:fs"

const manifest = JSON.parse(readFileSync("package.json", "utf8"))
const agent = process.env.npm_config_user_agent ?? ""
const fields = ["dependencies", "peerDependencies", "optionalDependencies", "devDependencies"]
const workspaceRanges = fields.flatMap((field) =>
  Object.entries(manifest[field] ?? {})
    .filter(([, range]) => String(range).startsWith("workspace:"))
    .map(([name, range]) => `${field}.${name}: ${range}`)
)
if (workspaceRanges.length > 0 && !agent.startsWith("pnpm/")) {
  console.error(
    [
      `${manifest.name}: refusing to pack with ${agent.split(" ")[0] || "an unknown package manager"}.`,
      "package.json still holds workspace: ranges, which only pnpm rewrites to real versions:",
      ...workspaceRanges.map((line) => `  ${line}`),
      "Pack and publish with pnpm instead: pnpm pack / pnpm publish (pnpm 10, see packageManager in the root package.json)."
    ].join("\n")
  )
  process.exit(1)
}
