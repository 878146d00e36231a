import { describe, expect, it } from "vitest"
import { runAgainstFake, Transcript } from "../src/demo.js"

describe("the demo", () => {
  it("runs every flow against the fake with every check passing, and prints no secret", async () => {
    const lines: Array<string> = []
    const failures = await runAgainstFake(new Transcript((line) => lines.push(line)))
    const text = lines.join("\n")
    expect(lines.filter((line) => line.includes("FAIL"))).toEqual([])
    expect(failures).toBe(0)
    expect(text).toContain("CarrierCancelWindowClosed")
    expect(text).toContain("Refunded; approved with the supervisor role")
    expect(text).toContain("Reconcile.outcome -> Undetermined: 1 charge(s) of order sub-78-1")
    expect(text).not.toContain("4111111111111111")
    expect(text).not.toContain(Buffer.from("test:test").toString("base64"))
  })
})
