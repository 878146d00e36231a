/**
 * Bundled cold starts: `cold.mjs` bundled by esbuild for one client, as a merchant deploys a
 * serverless function (the README's recipe: ESM for Node, the `createRequire` banner for undici's
 * CommonJS `require`s of Node's built-ins, minified). `clients.mjs` imports each client's library
 * lazily; those lazy imports of the other clients' libraries stay external (never run, so never
 * resolved), and the bundle holds only what its client loads. The bundle is written to a temporary folder with no
 * node_modules above it, so it can only run on what it carries.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { build } from "esbuild"

const here = dirname(fileURLToPath(import.meta.url))
const banner = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);"

const clientsFile = join(here, "clients.mjs")

/** The libraries `clients.mjs` imports lazily, and which client needs which. */
const libraries = {
  undici: ["a", "b", "c"],
  "@effect-bootpay/core": ["b"],
  "@effect-bootpay/node": ["b", "c"],
  "effect/ManagedRuntime": ["b"],
  "@bootpay/backend-js": ["d"]
}

/**
 * Bundles `cold.mjs` for each of `clients` into a temporary folder. Returns `{ files, sizes, dispose }`:
 * the bundle per client, its size in bytes, and a function removing the folder.
 */
export const bundleColdStarts = async (clients) => {
  const dir = mkdtempSync(join(tmpdir(), "effect-bootpay-bench-bundle-"))
  const files = {}
  const sizes = {}
  for (const name of clients) {
    const outfile = join(dir, `cold-${name}.mjs`)
    await build({
      entryPoints: [join(here, "cold.mjs")],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20.19",
      minify: true,
      banner: { js: banner },
      plugins: [
        {
          name: "only-this-client",
          setup: (plugin) => {
            plugin.onResolve({ filter: /.*/ }, (args) =>
              args.kind === "dynamic-import" &&
              args.importer === clientsFile &&
              libraries[args.path]?.includes(name) === false
                ? { path: args.path, external: true }
                : undefined
            )
          }
        }
      ],
      outfile,
      logLevel: "error"
    })
    files[name] = outfile
    sizes[name] = statSync(outfile).size
  }
  return { dir, files, sizes, dispose: () => rmSync(dir, { recursive: true, force: true }) }
}
