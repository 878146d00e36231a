import { describe, expect, it } from "@effect/vitest"
import { CommerceConfig } from "@effect-bootpay/core"
import * as Config from "effect/Config"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"

const issuesOf = (options: CommerceConfig.Options) =>
  Effect.runSync(Effect.flip(CommerceConfig.make(options))).issues.map((issue) => issue.path)

describe("CommerceConfig", () => {
  it("uses the Commerce URL of each mode, production by default, role user by default", () => {
    const production = Effect.runSync(CommerceConfig.make({ clientKey: "ck", secretKey: "sk-secret" }))
    expect(production.baseUrl).toBe("https://api.bootapi.com/v1")
    expect(production.mode).toBe("production")
    expect(production.role).toBe("user")
    expect(JSON.stringify(production)).not.toContain("sk-secret")
    for (const [mode, url] of Object.entries(CommerceConfig.baseUrls)) {
      const config = Effect.runSync(
        CommerceConfig.make({ clientKey: "ck", secretKey: "sk", mode: mode as "development" })
      )
      expect(config.baseUrl).toBe(url)
      expect(config.mode).toBe(mode)
    }
    const custom = Effect.runSync(
      CommerceConfig.make({
        clientKey: "ck",
        secretKey: "sk",
        baseUrl: "http://127.0.0.1:9/v1/",
        role: "supervisor"
      })
    )
    expect(custom).toMatchObject({ baseUrl: "http://127.0.0.1:9/v1", mode: "custom", role: "supervisor" })
  })

  it("lists every problem at once and never falls back to production", () => {
    expect(issuesOf({ clientKey: "ck", mode: "prod" as never, role: "admin" as never }).sort()).toEqual(
      ["mode", "role", "secretKey"].sort()
    )
    expect(issuesOf({})).toEqual(["credentials"])
    expect(issuesOf({ clientKey: "ck", secretKey: "sk", baseUrl: "http://shop.example/v1" })).toEqual([
      "baseUrl"
    ])
    expect(
      issuesOf({ clientKey: "ck", secretKey: "sk", applicationId: "app" } as CommerceConfig.Options)
    ).toEqual(["credentials"])
  })

  it.effect("layerConfig reads BOOTPAY_COMMERCE_* and takes a Config per field", () =>
    Effect.gen(function* () {
      const read = (layer: Layer.Layer<CommerceConfig.CommerceConfig, unknown>) =>
        Effect.provide(CommerceConfig.CommerceConfig, layer)
      const fromEnv = yield* read(CommerceConfig.layerConfig()).pipe(
        Effect.withConfigProvider(
          ConfigProvider.fromMap(
            new Map([
              ["BOOTPAY_COMMERCE_CLIENT_KEY", "ck-env"],
              ["BOOTPAY_COMMERCE_SECRET_KEY", "sk-env"],
              ["BOOTPAY_COMMERCE_MODE", "stage"],
              ["BOOTPAY_COMMERCE_ROLE", "manager"],
              ["BOOTPAY_CLIENT_KEY", "pg-key-ignored"]
            ])
          )
        )
      )
      expect(fromEnv).toMatchObject({ baseUrl: "https://stage-api.bootapi.com/v1", role: "manager" })
      expect(fromEnv.credentials.clientKey).toBe("ck-env")
      const given = yield* read(
        CommerceConfig.layerConfig({
          clientKey: Config.succeed("ck-given"),
          secretKey: Config.redacted("MY_SECRET")
        })
      ).pipe(Effect.withConfigProvider(ConfigProvider.fromMap(new Map([["MY_SECRET", "s"]]))))
      expect(given.credentials.clientKey).toBe("ck-given")
      const error = yield* Effect.flip(
        read(CommerceConfig.layerConfig()).pipe(
          Effect.withConfigProvider(ConfigProvider.fromMap(new Map([["BOOTPAY_COMMERCE_CLIENT_KEY", "ck"]])))
        )
      )
      expect(JSON.stringify(error)).toContain("secretKey")
    })
  )
})
