/**
 * A merchant app whose `effect` is Effect 4 (what `pnpm add effect` installs since effect 4 became
 * `latest`) gets one clear error naming the versions to install when it first imports any of our
 * packages or runs the fake's bin, not a link error from inside effect's dist.
 *
 * Each case is a consumer folder in the temp directory with copies of the built packages (copies, so
 * Node resolves their imports from the consumer's node_modules, as in an npm install) and a node
 * process importing them. The Effect 4 there is a stand-in: a local package named `effect`, version
 * 4.1.0, with effect 4.1.0's export map (`./*` to `dist/*.js`, `./package.json` exported) and some of
 * its top-level modules but not Effect 3's `Either`; beside it an `@effect/platform` 0.97.2 stand-in
 * whose modules import Effect 3 modules, as the real one does. The control folder links the
 * workspace's real Effect 3 packages and must load.
 */
import { spawnSync } from "node:child_process"
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { afterAll, describe, expect, it } from "vitest"
import { satisfies } from "../packages/core/src/internal/effectLine.js"

const root = fileURLToPath(new URL("..", import.meta.url))
const scratch = mkdtempSync(join(tmpdir(), "effect-bootpay-effect-line-"))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

const write = (path: string, text: string) => {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, text)
}
const writeJson = (path: string, value: unknown) => write(path, `${JSON.stringify(value, null, 2)}\n`)

/** Effect 4.1.0's top-level modules that our code's Effect 3 imports also name (Either is gone). */
const effect4Modules = [
  "Array",
  "Cause",
  "Clock",
  "Config",
  "Context",
  "Data",
  "Deferred",
  "Duration",
  "Effect",
  "Exit",
  "Fiber",
  "Inspectable",
  "Layer",
  "ManagedRuntime",
  "Option",
  "Random",
  "Redacted",
  "Ref",
  "Result",
  "Schema",
  "SchemaAST",
  "Scope",
  "Stream"
]

const fakeEffect4 = (modules: string) => {
  const dir = join(modules, "effect")
  writeJson(join(dir, "package.json"), {
    name: "effect",
    type: "module",
    version: "4.1.0",
    exports: {
      "./package.json": "./package.json",
      ".": "./dist/index.js",
      "./http": "./dist/http/index.js",
      "./*": "./dist/*.js",
      "./internal/*": null
    }
  })
  for (const name of effect4Modules)
    write(join(dir, "dist", `${name}.js`), `export const module = "${name}"\n`)
  write(
    join(dir, "dist", "index.js"),
    effect4Modules.map((name) => `export * as ${name} from "./${name}.js"\n`).join("")
  )
  write(join(dir, "dist", "http", "index.js"), `export const module = "http"\n`)
}

/** @effect/platform 0.97.2 next to Effect 4: its modules import Effect 3's (Either among them). */
const fakePlatform = (modules: string) => {
  const dir = join(modules, "@effect", "platform")
  writeJson(join(dir, "package.json"), {
    name: "@effect/platform",
    type: "module",
    version: "0.97.2",
    peerDependencies: { effect: "^3.22.2" },
    exports: { "./package.json": "./package.json", "./*": { import: "./dist/esm/*.js" } }
  })
  for (const name of [
    "HttpClient",
    "HttpClientRequest",
    "HttpClientResponse",
    "HttpClientError",
    "Headers"
  ]) {
    write(
      join(dir, "dist", "esm", `${name}.js`),
      `import * as Either from "effect/Either"\nimport * as Effect from "effect/Effect"\nexport const parts = [Either, Effect]\n`
    )
  }
}

/** A consumer folder with copies of our three built packages; `effect` and the rest are added per case. */
const consumer = (name: string) => {
  const dir = join(scratch, name)
  const modules = join(dir, "node_modules")
  for (const pkg of ["core", "node", "testing"]) {
    const from = join(root, "packages", pkg)
    const to = join(modules, "@effect-bootpay", pkg)
    cpSync(join(from, "dist"), join(to, "dist"), {
      recursive: true,
      filter: (source) => !source.endsWith(".tsbuildinfo")
    })
    cpSync(join(from, "package.json"), join(to, "package.json"))
  }
  writeJson(join(dir, "package.json"), { name, private: true, type: "module" })
  return { dir, modules }
}

/** Links a workspace dependency (the real, installed package) into a consumer's node_modules. */
const linkReal = (modules: string, name: string, from = "node") => {
  const target = join(modules, name)
  mkdirSync(dirname(target), { recursive: true })
  symlinkSync(join(root, "packages", from, "node_modules", name), target, "dir")
}

const run = (cwd: string, args: ReadonlyArray<string>) => {
  const result = spawnSync(process.execPath, args, { cwd, encoding: "utf8", timeout: 30_000 })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}
const importIn = (cwd: string, specifier: string) =>
  run(cwd, [
    "--input-type=module",
    "-e",
    `const m = await import("${specifier}"); console.log(Object.keys(m).join(","))`
  ])

const coreVersion = JSON.parse(readFileSync(join(root, "packages", "core", "package.json"), "utf8")).version

describe("an app whose effect is Effect 4", () => {
  const { dir, modules } = consumer("effect4")
  fakeEffect4(modules)
  fakePlatform(modules)
  linkReal(modules, "undici")

  it.each(["@effect-bootpay/core", "@effect-bootpay/node", "@effect-bootpay/testing"])(
    "importing %s fails with one clear error naming the versions to install",
    (specifier) => {
      const { status, stdout, stderr } = importIn(dir, specifier)
      expect(status).toBe(1)
      expect(stdout).toBe("")
      expect(stderr).toContain("EffectVersionError:")
      expect(stderr).toContain(
        `@effect-bootpay/core ${coreVersion} runs on Effect 3 and needs effect ^3.22.4 and @effect/platform ^0.97.2, but found effect 4.1.0 (${join(modules, "effect")})`
      )
      expect(stderr).toContain("pnpm add effect@^3.22.4 @effect/platform@^0.97.2")
      expect(stderr).toContain("npm install effect@^3.22.4 @effect/platform@^0.97.2")
      expect(stderr).toContain("docs/effect-4.md")
      expect(stderr).toContain("code: 'ERR_EFFECT_BOOTPAY_EFFECT_VERSION'")
      // @effect/platform 0.97.2 is in its range: only effect is named as found.
      expect(stderr).not.toContain("found @effect/platform")
    }
  )

  it("the fake's bin fails the same way, after its --help", () => {
    const bin = join(modules, "@effect-bootpay", "testing", "dist", "bin.js")
    expect(run(dir, [bin, "--help"])).toMatchObject({ status: 0, stdout: expect.stringContaining("usage:") })
    const { status, stderr } = run(dir, [bin])
    expect(status).toBe(1)
    expect(stderr).toContain("EffectVersionError:")
    expect(stderr).toContain("found effect 4.1.0")
  })
})

describe("an app without effect", () => {
  const { dir, modules } = consumer("no-effect")
  linkReal(modules, "@effect/platform")
  linkReal(modules, "undici")

  it("is told effect is not installed and what to install", () => {
    const { status, stderr } = importIn(dir, "@effect-bootpay/node")
    expect(status).toBe(1)
    expect(stderr).toContain("but effect is not installed.")
    expect(stderr).toContain("pnpm add effect@^3.22.4 @effect/platform@^0.97.2")
  })
})

describe("an app on Effect 3 within the peer ranges", () => {
  const { dir, modules } = consumer("effect3")
  linkReal(modules, "effect")
  linkReal(modules, "@effect/platform")
  linkReal(modules, "undici")
  // The fake server's own dependency (the loopback HttpServer).
  linkReal(modules, "@effect/platform-node", "testing")

  it("imports every package", () => {
    expect(importIn(dir, "@effect-bootpay/core")).toMatchObject({
      status: 0,
      stdout: expect.stringContaining("Receipt")
    })
    expect(importIn(dir, "@effect-bootpay/node")).toMatchObject({
      status: 0,
      stdout: "Bootpay,BootpayCommerce,NodeBootpay,NodeWebhook\n"
    })
    expect(importIn(dir, "@effect-bootpay/testing")).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(
        /^CertificateStatus,FakeBootpay,FakeCommerce,FakeServer,.*,verificationValidityMillis\n$/
      )
    })
  })

  it.each(["core", "node", "testing"])(
    "@effect-bootpay/%s: the Node entry, require (module-sync) and index.js give the same namespaces",
    (pkg) => {
      const index = pathToFileURL(join(modules, "@effect-bootpay", pkg, "dist", "index.js")).href
      const script = [
        `import { createRequire } from "node:module"`,
        `const imported = await import("@effect-bootpay/${pkg}")`,
        `const required = createRequire(import.meta.url)("@effect-bootpay/${pkg}")`,
        `const index = await import(${JSON.stringify(index)})`,
        `const keys = Object.keys(index)`,
        `const same = keys.every((key) => imported[key] === index[key] && required[key] === index[key])`,
        `console.log(keys.length > 0 && Object.keys(imported).join() === keys.join() && Object.keys(required).join() === keys.join() && same)`
      ].join("\n")
      expect(run(dir, ["--input-type=module", "-e", script])).toMatchObject({ status: 0, stdout: "true\n" })
    }
  )

  it("a failure that is not Effect's is rethrown as it is", () => {
    rmSync(join(modules, "undici"))
    const { status, stderr } = importIn(dir, "@effect-bootpay/node")
    expect(status).toBe(1)
    expect(stderr).toContain("Cannot find package 'undici'")
    expect(stderr).not.toContain("EffectVersionError")
  })
})

describe("satisfies", () => {
  it("reads the caret ranges of the peer dependencies", () => {
    expect(satisfies("3.22.4", "^3.22.4")).toBe(true)
    expect(satisfies("3.30.0", "^3.22.4")).toBe(true)
    expect(satisfies("3.22.3", "^3.22.4")).toBe(false)
    expect(satisfies("3.10.20", "^3.22.4")).toBe(false)
    expect(satisfies("4.1.0", "^3.22.4")).toBe(false)
    expect(satisfies("4.0.0-beta.5", "^3.22.4")).toBe(false)
    expect(satisfies("0.97.2", "^0.97.2")).toBe(true)
    expect(satisfies("0.97.9", "^0.97.2")).toBe(true)
    expect(satisfies("0.98.0", "^0.97.2")).toBe(false)
    expect(satisfies("0.97.1", "^0.97.2")).toBe(false)
    expect(satisfies("1.0.0", "^0.97.2")).toBe(false)
    expect(satisfies("not-a-version", "^3.22.4")).toBe(false)
    // Another form of range is not second-guessed.
    expect(satisfies("4.1.0", ">=3")).toBe(true)
  })
})
