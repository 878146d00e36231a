import * as Redacted from "effect/Redacted"
import { describe, expect, it } from "vitest"
import * as Scrub from "../src/internal/scrub.js"

const basic = Redacted.make(`Basic ${Buffer.from("client:s3cr3t-key").toString("base64")}`)

describe("scrub", () => {
  it("collects the authorization, what a Basic header encodes, and sensitive fields at any depth", () => {
    const secrets = Scrub.secretsOf(
      { receipt_id: "r-1", card_no: "4111111111111111", user: { phone: "01012345678", username: "홍길동" } },
      basic
    )
    expect(secrets).toEqual(
      expect.arrayContaining([
        Redacted.value(basic),
        Buffer.from("client:s3cr3t-key").toString("base64"),
        "client:s3cr3t-key",
        "s3cr3t-key",
        "4111111111111111",
        "01012345678"
      ])
    )
    expect(secrets).not.toContain("r-1")
    expect(secrets).not.toContain("홍길동")
  })

  it("removes every form of a secret the call sent, keeping the rest of the message", () => {
    const secrets = Scrub.secretsOf({ email: "a+b@example.com", card_pw: "12" }, basic)
    const text = Scrub.scrub(
      `refused 12000원: {"card_pw":"12","email":"a+b@example.com"} email=a%2Bb%40example.com auth ${Redacted.value(basic)}`,
      secrets
    )
    expect(text).toContain("refused 12000원")
    expect(text).not.toContain('"12"')
    expect(text).not.toContain("a+b@example.com")
    expect(text).not.toContain("a%2Bb%40example.com")
    expect(text).not.toContain(Buffer.from("client:s3cr3t-key").toString("base64"))
  })

  it("masks credential schemes and card-length digit runs it was not told about", () => {
    const text = Scrub.scrub("Authorization: Bearer abc.def-123 card 5570123412341234 id 123456789", [])
    expect(text).toBe("Authorization: Bearer [redacted] card [redacted] id 123456789")
  })

  it("caps the length and turns control characters into spaces", () => {
    const text = Scrub.scrub(`a\r\nb\u0000c${"x".repeat(1000)}`, [])
    expect(text.startsWith("a b c")).toBe(true)
    expect(text.length).toBe(Scrub.maxMessageLength + 1)
  })

  it("a lone surrogate in a secret does not throw", () => {
    expect(Scrub.scrub("x \uD800 y", ["\uD800"])).toBe("x [redacted] y")
  })
})
