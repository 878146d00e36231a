/**
 * The README as a new user meets it. Every `ts` and `sh` block (after the opening two commands) is
 * the text of a file in the repository, named by the `<!-- file: path -->` line above it: the
 * TypeScript files are built by `tsc -b` (the examples project, with declarations) or typechecked
 * with the tests, and this suite fails when a block and its file drift apart. The runnable files are
 * run from `examples/dist` against the fake Bootpay by `examples/test/readme/run.test.ts`; the three
 * checkout flows are compared by `examples/test/readme/flows.test.ts`.
 */
import { existsSync, readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import ts from "typescript"
import { describe, expect, it } from "vitest"

const root = fileURLToPath(new URL("..", import.meta.url))
const readme = readFileSync(`${root}README.md`, "utf8")

interface Block {
  readonly language: string
  readonly text: string
  readonly file: string | undefined
  readonly line: number
  readonly section: string
}

const blocks: ReadonlyArray<Block> = (() => {
  const lines = readme.split("\n")
  const found: Array<Block> = []
  let section = ""
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!
    if (line.startsWith("## ")) section = line.slice(3)
    const fence = /^```(\w*)$/.exec(line)
    if (fence === null) continue
    const start = index
    let end = index + 1
    while (end < lines.length && lines[end] !== "```") end++
    const marker = /^<!-- file: (\S+) -->$/.exec(lines[start - 1] ?? "")
    found.push({
      language: fence[1]!,
      text: lines.slice(start + 1, end).join("\n"),
      file: marker?.[1],
      line: start + 1,
      section
    })
    index = end
  }
  return found
})()

const fileText = (file: string) => readFileSync(`${root}${file}`, "utf8").replace(/\n$/, "")

describe("the README", () => {
  it("starts with exactly the two commands", () => {
    expect(readme.startsWith("# effect-bootpay\n\n```sh\n")).toBe(true)
    expect(blocks[0]!.text.split("\n").map((line) => line.replace(/\s+#.*$/, ""))).toEqual([
      "bash scripts/run.sh demo",
      "bash scripts/run.sh check"
    ])
  })

  it("shows every code block from a file, and each block is that file's text", () => {
    const code = blocks.slice(1).filter((block) => block.language !== "")
    expect(code.length).toBeGreaterThanOrEqual(20)
    const unmarked = code.filter((block) => block.file === undefined).map((block) => `line ${block.line}`)
    expect(unmarked).toEqual([])
    const drifted = code
      .filter((block) => !existsSync(`${root}${block.file}`) || fileText(block.file!) !== block.text)
      .map((block) => `line ${block.line}: ${block.file}`)
    expect(drifted).toEqual([])
  })

  it("names only files that the build or the tests' typecheck compiles", () => {
    for (const block of blocks.filter((block) => block.language === "ts")) {
      expect(block.file).toMatch(/^examples\/(src|test)\/readme\/.+\.ts$/)
    }
  })

  it("gives the 빠른 시작 every block of the English install, quick starts and configuration", () => {
    const english = new Set(
      blocks
        .filter((block) => /^(Install|Quick start|Configuration)/.test(block.section))
        .map((block) => block.file)
    )
    const korean = new Set(blocks.filter((block) => block.section === "빠른 시작").map((block) => block.file))
    expect(english.size).toBeGreaterThanOrEqual(8)
    expect([...english].filter((file) => !korean.has(file))).toEqual([])
  })
})

describe("a consumer compiled with declaration: true", { timeout: 60_000 }, () => {
  it("exports a composed flow with the one import line the README shows", () => {
    const file = `${root}examples/src/readme/effect/exported.ts`
    const options: ts.CompilerOptions = {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      types: ["node"],
      strict: true,
      skipLibCheck: true,
      declaration: true,
      emitDeclarationOnly: true
    }
    const written = new Map<string, string>()
    const host = ts.createCompilerHost(options)
    host.writeFile = (name, text) => written.set(name, text)
    const program = ts.createProgram([file], options, host)
    const emitted = program.emit()
    const problems = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics].map((diagnostic) =>
      ts.flattenDiagnosticMessageText(diagnostic.messageText, " ")
    )
    expect(problems).toEqual([])
    const declaration = [...written.values()].join("\n")
    expect(declaration).toContain("BootpayClient.BootpayClient")
  })
})
