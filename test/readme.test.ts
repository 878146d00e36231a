/**
 * Every TypeScript block of the README typechecks against the built packages, as a merchant's file
 * next to the examples would: a renamed export or a changed signature breaks the check, not a reader.
 */
import { existsSync, readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import ts from "typescript"
import { describe, expect, it } from "vitest"

const root = fileURLToPath(new URL("..", import.meta.url))
const readme = readFileSync(`${root}README.md`, "utf8")
const blocks = Array.from(readme.matchAll(/```ts\n([\s\S]*?)```/g), (match) => match[1]!)
// Files beside the examples resolve @effect-bootpay/* the way the examples do.
const files = new Map(
  blocks.map((block, index) => [`${root}examples/src/__readme_${index}.ts`, `${block}\nexport {}\n`])
)

const options: ts.CompilerOptions = {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2022.d.ts"],
  types: ["node"],
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  skipLibCheck: true,
  noEmit: true
}

describe("the README's code", () => {
  it("has TypeScript blocks, and every one typechecks", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(8)
    const host = ts.createCompilerHost(options)
    const readFile = host.readFile.bind(host)
    const fileExists = host.fileExists.bind(host)
    host.readFile = (file) => files.get(file) ?? readFile(file)
    host.fileExists = (file) => files.has(file) || fileExists(file)
    const getSourceFile = host.getSourceFile.bind(host)
    host.getSourceFile = (file, language) => {
      const text = files.get(file)
      return text === undefined ? getSourceFile(file, language) : ts.createSourceFile(file, text, language)
    }
    const program = ts.createProgram([...files.keys()], options, host)
    const problems = [...files.keys()].flatMap((file) =>
      ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((diagnostic) => {
        const block = Number(/__readme_(\d+)/.exec(file)![1])
        const line =
          diagnostic.start === undefined
            ? 0
            : diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start).line + 1
        return `block ${block + 1}, line ${line}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, " ")}`
      })
    )
    expect(existsSync(`${root}packages/node/dist/index.d.ts`)).toBe(true)
    expect(problems).toEqual([])
  })
})
