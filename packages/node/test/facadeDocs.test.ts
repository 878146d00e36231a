/**
 * Every Promise facade method shows its operation's doc comment on hover. The check asks
 * TypeScript's own language service about the built declarations (`dist/*.d.ts`, which the check
 * builds before testing), as an editor would: the hover text of `bootpay.receipt.cancel` must be the
 * doc comment of `Receipt.cancel`.
 */
import { existsSync, readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { Commerce, Registry } from "@effect-bootpay/core"
import ts from "typescript"
import { describe, expect, it } from "vitest"

const dir = fileURLToPath(new URL(".", import.meta.url))
const nodeDist = fileURLToPath(new URL("../dist/index.js", import.meta.url))
const coreDist = fileURLToPath(new URL("../../core/dist/index.js", import.meta.url))
const probe = `${dir}facadeDocs.probe.ts`

const capitalize = (name: string) => `${name[0]!.toUpperCase()}${name.slice(1)}`

/** One line per operation: the facade method, then the core operation it is made from. */
const lines = Registry.entries.flatMap(({ module, name }) => [
  `bootpay.${module}.${name}`,
  `Core.${capitalize(module)}.${name}`
])
/** The same for Commerce: `commerce.user.join`, then `Core.Commerce.User.join`. */
const commerceLines = Commerce.Registry.entries.flatMap(({ module, name, operation }) => [
  `commerce.${module}.${name}`,
  `Core.${operation.module}.${name}`
])
const source = [
  `import type { Bootpay, BootpayCommerce } from ${JSON.stringify(nodeDist)}`,
  `import * as Core from ${JSON.stringify(coreDist)}`,
  "declare const bootpay: Bootpay.Bootpay",
  "declare const commerce: BootpayCommerce.BootpayCommerce",
  ...lines,
  ...commerceLines
].join("\n")

const service = (): ts.LanguageService => {
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    skipLibCheck: true,
    types: ["node"]
  }
  return ts.createLanguageService({
    getCompilationSettings: () => options,
    getScriptFileNames: () => [probe],
    getScriptVersion: () => "1",
    getScriptSnapshot: (file) =>
      file === probe
        ? ts.ScriptSnapshot.fromString(source)
        : existsSync(file)
          ? ts.ScriptSnapshot.fromString(readFileSync(file, "utf8"))
          : undefined,
    getCurrentDirectory: () => dir,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (file) => file === probe || ts.sys.fileExists(file),
    readFile: (file) => (file === probe ? source : ts.sys.readFile(file)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories
  })
}

describe("the Promise facade's documentation", () => {
  it("every method shows its operation's doc comment on hover, from the built declarations", () => {
    expect(existsSync(fileURLToPath(new URL("../dist/Bootpay.d.ts", import.meta.url)))).toBe(true)
    const languageService = service()
    const hover = (line: string) => {
      const at = source.indexOf(`\n${line}`) + line.length // the last character of the line
      const info = languageService.getQuickInfoAtPosition(probe, at)
      return ts.displayPartsToString(info?.documentation ?? [])
    }
    const undocumented: Array<string> = []
    const differing: Array<string> = []
    for (const { module, name } of Registry.entries) {
      const method = hover(`bootpay.${module}.${name}`)
      const operation = hover(`Core.${capitalize(module)}.${name}`)
      if (method.trim() === "") undocumented.push(`${module}.${name}`)
      else if (method !== operation) differing.push(`${module}.${name}`)
    }
    expect(undocumented).toEqual([])
    expect(differing).toEqual([])
    expect(Registry.entries.length).toBeGreaterThanOrEqual(26)
    const commerceUndocumented: Array<string> = []
    const commerceDiffering: Array<string> = []
    for (const { module, name, operation } of Commerce.Registry.entries) {
      const method = hover(`commerce.${module}.${name}`)
      const declared = hover(`Core.${operation.module}.${name}`)
      if (method.trim() === "") commerceUndocumented.push(`${module}.${name}`)
      else if (method !== declared) commerceDiffering.push(`${module}.${name}`)
    }
    expect(commerceUndocumented).toEqual([])
    expect(commerceDiffering).toEqual([])
  })
})
