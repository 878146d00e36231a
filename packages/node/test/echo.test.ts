/**
 * What a server echoes never becomes a leak. A loopback server answers every request with an error
 * whose `message` and `pg_message` repeat the whole request (method, URL, every header, the body),
 * as many 4xx/5xx pages and firewalls do. Every operation, in both auth modes, under every error
 * shape Bootpay has: no credential, token, private key or buyer's card, identity, phone, account or
 * birth number may appear in the error's message, `toString`, JSON, inspection, stack, or any span.
 */
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import * as Util from "node:util"
import { type BootpayError, Registry } from "@effect-bootpay/core"
import { NodeBootpay } from "@effect-bootpay/node"
import * as Effect from "effect/Effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { recordingTracer } from "../../core/test/utils/tracer.js"
import { samples } from "../../testing/test/utils/samples.js"

const secretKey = "sk-ECHO-7d6c5b4a3f2e"
const privateKey = "pk-ECHO-1a2b3c4d5e6f"
const token = "tok-ECHO-9z8y7x6w5v4u"

/** Error bodies the echo server cycles through; `{echo}` is replaced by the request. */
const shapes: ReadonlyArray<{ readonly status: number; readonly body: Record<string, unknown> }> = [
  { status: 400, body: { error_code: "RC_CANCEL_SERVER_ERROR", pg_error_code: "E1", pg_message: "{echo}" } },
  { status: 401, body: { error_code: "APP_SK_NOT_MATCHED" } },
  { status: 404, body: { error_code: "RC_NOT_FOUND" } },
  { status: 403, body: { error_code: "AUTH_EXPIRED" } },
  { status: 500, body: { error_code: "RC_CONFIRM_CRITICAL_FAILED" } },
  { status: 429, body: {} },
  { status: 418, body: { error_code: "TEAPOT" } }
]

let server: Http.Server
let url: string
let shape = 0

beforeAll(async () => {
  server = Http.createServer((request, response) => {
    const chunks: Array<Buffer> = []
    request.on("data", (chunk: Buffer) => chunks.push(chunk))
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8")
      if (request.url?.endsWith("/request/token")) {
        response.writeHead(200, { "content-type": "application/json" })
        return response.end(JSON.stringify({ access_token: token, expire_in: 1800 }))
      }
      const echo = `${request.method} ${request.url} ${JSON.stringify(request.headers)} ${body}${
        request.url?.includes("long") ? `\r\n\t${"y".repeat(5000)}` : ""
      }`
      const { status, body: template } = shapes[shape % shapes.length]!
      const answer: Record<string, unknown> = { message: echo }
      for (const [key, value] of Object.entries(template)) answer[key] = value === "{echo}" ? echo : value
      response.writeHead(status, { "content-type": "application/json", "retry-after": "0" })
      response.end(JSON.stringify(answer))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`
})

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

/** Every value a leak would be: credentials in every form, and the sensitive fields of every sample. */
const forbidden = (): ReadonlyArray<string> => {
  const sensitive = ["card_no", "card_identity_no", "identity_no", "phone", "birth", "bank_account", "email"]
  const values = new Set<string>([
    secretKey,
    privateKey,
    token,
    Buffer.from(`client:${secretKey}`).toString("base64")
  ])
  const walk = (value: unknown, key: string): void => {
    if (typeof value === "string" && sensitive.includes(key)) values.add(value)
    else if (typeof value === "object" && value !== null) {
      for (const [inner, innerValue] of Object.entries(value)) walk(innerValue, inner)
    }
  }
  for (const sample of Object.values(samples)) walk(sample(), "")
  return Array.from(values)
}

/** The input of each operation: its sample, an id, or nothing for the token. */
const inputOf = (id: string): unknown =>
  id === "AccessToken.issue" ? undefined : (samples[id]?.() ?? "id-1")

const modes = [
  { name: "Basic", options: { clientKey: "client", secretKey } },
  { name: "Bearer", options: { applicationId: "app", privateKey } }
] as const

describe.each(modes)("an echoing server leaks nothing ($name mode)", ({ options }) => {
  it("every operation, every error shape: no secret in any error form or span", async () => {
    const { tracer, spans } = recordingTracer()
    const texts: Array<string> = []
    const tags = new Set<string>()
    const layer = NodeBootpay.layer({ baseUrl: url, retry: 0, ...options })
    for (const entry of Registry.entries) {
      if (entry.operation.id === "AccessToken.issue" && "clientKey" in options) continue
      for (let round = 0; round < shapes.length; round++) {
        shape = round
        const run = entry.operation as unknown as (
          input: unknown
        ) => Effect.Effect<unknown, BootpayError.BootpayError, never>
        const result = await Effect.runPromise(
          Effect.either(run(inputOf(entry.operation.id))).pipe(
            Effect.provide(layer as never),
            Effect.withTracer(tracer)
          ) as Effect.Effect<{ _tag: "Left"; left: BootpayError.BootpayError } | { _tag: "Right" }>
        )
        if (result._tag === "Right") continue
        const error = result.left
        tags.add(error._tag)
        texts.push(
          error.message,
          String(error),
          JSON.stringify(error),
          Util.inspect(error, { depth: 10 }),
          error.stack ?? ""
        )
      }
    }
    for (const span of spans) {
      texts.push(span.name, Util.inspect(Object.fromEntries(span.attributes), { depth: 10 }))
      for (const event of span.events) texts.push(Util.inspect(event, { depth: 10 }))
    }
    // The server really echoed: every error shape reached the caller as its own tag.
    expect([...tags].sort()).toEqual(
      expect.arrayContaining([
        "ApiError",
        "IdentityVerificationFailed",
        "NotFound",
        "PgRefused",
        "RateLimited"
      ])
    )
    expect(texts.join("\n")).toContain("[redacted]")
    const secrets = forbidden()
    const leaks = texts.flatMap((text) => secrets.filter((secret) => text.includes(secret)))
    expect(leaks).toEqual([])
    expect(texts.some((text) => text.includes('card_pw\\":\\"12\\"') || text.includes('card_pw":"12"'))).toBe(
      false
    )
  })

  it("server text is capped and free of control characters", async () => {
    shape = 6
    const long = { receipt_id: "long-1" }
    const error = await Effect.runPromise(
      Effect.flip(
        (
          Registry.registry.receipt.lookup as unknown as (
            input: unknown
          ) => Effect.Effect<unknown, BootpayError.BootpayError, never>
        )(long)
      ).pipe(
        Effect.provide(NodeBootpay.layer({ baseUrl: url, retry: 0, ...options }) as never)
      ) as Effect.Effect<BootpayError.BootpayError>
    )
    expect(error._tag).toBe("ApiError")
    expect(error.message.length).toBeLessThanOrEqual(400)
    expect(error.message).not.toMatch(/[\r\n\t]/)
  })
})
