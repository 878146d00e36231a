import { describe, expect, it } from "@effect/vitest"
import { BootpayConfig, type BootpayError } from "@effect-bootpay/core"
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { bound, millisOfSync } from "./utils/timing.js"

/** The options an InvalidConfig names, or the ConfigError itself when the layer failed before checking. */
const pathsOf = (error: BootpayError.InvalidConfig | ConfigError.ConfigError) =>
  error._tag === "InvalidConfig" ? error.issues.map((issue) => issue.path) : String(error)

const issuesOf = (options: BootpayConfig.Options) =>
  Effect.runSync(Effect.flip(BootpayConfig.make(options))).issues.map((issue) => issue.path)

describe("BootpayConfig", () => {
  it("resolves Basic credentials, production by default, secrets redacted", () => {
    const config = Effect.runSync(BootpayConfig.make({ clientKey: "ck", secretKey: "sk-secret" }))
    expect(config.baseUrl).toBe("https://api.bootpay.co.kr/v2")
    expect(config.mode).toBe("production")
    expect(config.credentials._tag).toBe("Basic")
    expect(JSON.stringify(config)).not.toContain("sk-secret")
    expect(Duration.toMillis(config.timeout)).toBe(30_000)
    expect(config.retry).toBe(2)
  })

  it("maps every mode to its URL", () => {
    for (const [mode, url] of Object.entries(BootpayConfig.baseUrls)) {
      const config = Effect.runSync(
        BootpayConfig.make({
          applicationId: "a",
          privateKey: Redacted.make("p"),
          mode: mode as BootpayConfig.Mode
        })
      )
      expect(config.baseUrl).toBe(url)
      expect(config.credentials._tag).toBe("Bearer")
    }
  })

  it("refuses an unknown mode instead of falling back to production", () => {
    expect(issuesOf({ clientKey: "ck", secretKey: "sk", mode: "prod" as BootpayConfig.Mode })).toEqual([
      "mode"
    ])
  })

  it("refuses half a pair, both pairs and no pair", () => {
    expect(issuesOf({ clientKey: "ck" })).toEqual(["secretKey"])
    expect(issuesOf({ secretKey: "sk" })).toEqual(["clientKey"])
    expect(issuesOf({ applicationId: "a" })).toEqual(["privateKey"])
    expect(issuesOf({ privateKey: "p" })).toEqual(["applicationId"])
    expect(issuesOf({ clientKey: "ck", secretKey: "sk", applicationId: "a", privateKey: "p" })).toEqual([
      "credentials"
    ])
    expect(issuesOf({})).toEqual(["credentials"])
    expect(issuesOf({ clientKey: "  ", secretKey: "" })).toEqual(["credentials"])
  })

  it("reports every problem at once and never echoes a secret", () => {
    const error = Effect.runSync(
      Effect.flip(
        BootpayConfig.make({
          clientKey: "ck",
          secretKey: "sk-very-secret",
          baseUrl: "ftp://x",
          timeout: -1,
          retry: 1.5
        })
      )
    )
    expect(error._tag).toBe("InvalidConfig")
    expect(error.issues.map((issue) => issue.path)).toEqual(["baseUrl", "timeout", "retry"])
    expect(String(error)).not.toContain("sk-very-secret")
  })

  it("uses baseUrl over the mode and trims a trailing slash", () => {
    const config = Effect.runSync(
      BootpayConfig.make({ clientKey: "c", secretKey: "s", baseUrl: "http://127.0.0.1:9/v2/" })
    )
    expect(config.baseUrl).toBe("http://127.0.0.1:9/v2")
    expect(config.mode).toBe("custom")
  })

  it("normalises a base URL (scheme and host case, spaces) and refuses one with a query, fragment or credentials", () => {
    const config = Effect.runSync(
      BootpayConfig.make({ clientKey: "c", secretKey: "s", baseUrl: " HTTPS://API.Bootpay.co.kr/v2/ " })
    )
    expect(config.baseUrl).toBe("https://api.bootpay.co.kr/v2")
    for (const baseUrl of ["https://x.test/v2?a=1", "https://x.test/v2#top", "https://user:pw@x.test/v2"]) {
      const error = Effect.runSync(
        Effect.flip(BootpayConfig.make({ clientKey: "c", secretKey: "s", baseUrl }))
      )
      expect(error.issues).toEqual([
        { path: "baseUrl", message: "must not carry a query, a fragment or credentials" }
      ])
      expect(String(error)).not.toContain("pw")
    }
  })

  it("trims a run of 100,000 slashes quickly (the trailing-slash trim was quadratic)", () => {
    const slashes = "/".repeat(100_000)
    const make = (baseUrl: string) =>
      Effect.runSync(BootpayConfig.make({ clientKey: "c", secretKey: "s", baseUrl })).baseUrl
    expect(make(`https://x.test/v2${slashes}`)).toBe("https://x.test/v2")
    expect(make(`https://x.test/v2${slashes}a`)).toBe(`https://x.test/v2${slashes}a`)
    // The regex took seconds on the second URL.
    expect(millisOfSync(() => make(`https://x.test/v2${slashes}a`))).toBeLessThan(bound)
  })

  describe("plain http", () => {
    const make = (baseUrl: string, allowInsecureHttp?: boolean) =>
      Effect.runSync(
        Effect.either(
          BootpayConfig.make({
            clientKey: "c",
            secretKey: "s-secret",
            baseUrl,
            ...(allowInsecureHttp === undefined ? {} : { allowInsecureHttp })
          })
        )
      )

    it("is accepted for a loopback host: 127.0.0.0/8, ::1 and localhost, however written", () => {
      for (const [baseUrl, normalised] of [
        ["http://127.0.0.1:41234/v2", "http://127.0.0.1:41234/v2"],
        ["http://127.255.3.4/v2/", "http://127.255.3.4/v2"],
        ["http://127.1:9/v2", "http://127.0.0.1:9/v2"],
        ["http://0x7f.0.0.1:9/v2", "http://127.0.0.1:9/v2"],
        ["http://[::1]:9/v2", "http://[::1]:9/v2"],
        ["http://[0:0:0:0:0:0:0:1]:9/v2", "http://[::1]:9/v2"],
        ["HTTP://LOCALHOST:9/v2", "http://localhost:9/v2"]
      ] as const) {
        const result = make(baseUrl)
        expect(result._tag === "Right" ? result.right.baseUrl : result.left.issues).toBe(normalised)
      }
    })

    it("to any other host is InvalidConfig naming the problem and the opt-in", () => {
      for (const baseUrl of [
        "http://api.bootpay.co.kr/v2",
        "http://10.0.0.1/v2",
        "http://192.168.0.10:8080/v2",
        "http://0.0.0.0:9/v2",
        "http://128.0.0.1/v2",
        "http://127.0.0.1.nip.io/v2",
        "http://localhost.example.com/v2",
        "http://[::2]/v2",
        "http://[::ffff:a00:1]/v2"
      ]) {
        const result = make(baseUrl)
        expect(result._tag, baseUrl).toBe("Left")
        if (result._tag === "Left") {
          expect(result.left._tag).toBe("InvalidConfig")
          expect(result.left.issues).toHaveLength(1)
          expect(result.left.issues[0]!.path).toBe("baseUrl")
          expect(result.left.issues[0]!.message).toContain("plain http:// is only for a loopback host")
          expect(result.left.issues[0]!.message).toContain("allowInsecureHttp")
          expect(String(result.left)).not.toContain("s-secret")
        }
      }
    })

    it("to another host is accepted with allowInsecureHttp: true; https never needs it", () => {
      const allowed = make("http://bootpay-proxy.internal:8080/v2", true)
      expect(allowed._tag === "Right" && allowed.right.baseUrl).toBe("http://bootpay-proxy.internal:8080/v2")
      expect(make("http://bootpay-proxy.internal/v2", false)._tag).toBe("Left")
      const https = make("https://bootpay-proxy.internal/v2")
      expect(https._tag === "Right" && https.right.baseUrl).toBe("https://bootpay-proxy.internal/v2")
    })

    it("allowInsecureHttp must be a boolean", () => {
      expect(
        issuesOf({
          clientKey: "c",
          secretKey: "s",
          baseUrl: "https://x.test/v2",
          allowInsecureHttp: "yes" as unknown as boolean
        })
      ).toEqual(["allowInsecureHttp"])
    })

    for (const [value, accepted] of [
      [undefined, false],
      ["false", false],
      ["true", true]
    ] as const) {
      it.effect(
        `BOOTPAY_ALLOW_INSECURE_HTTP=${value} ${accepted ? "allows" : "refuses"} a remote http BOOTPAY_BASE_URL`,
        () =>
          Effect.gen(function* () {
            const result = yield* Effect.either(
              Effect.provide(BootpayConfig.BootpayConfig, BootpayConfig.layerConfig())
            )
            expect(result._tag).toBe(accepted ? "Right" : "Left")
            if (result._tag === "Left") expect(pathsOf(result.left)).toEqual(["baseUrl"])
          }).pipe(
            Effect.withConfigProvider(
              ConfigProvider.fromMap(
                new Map([
                  ["BOOTPAY_CLIENT_KEY", "c"],
                  ["BOOTPAY_SECRET_KEY", "s"],
                  ["BOOTPAY_BASE_URL", "http://bootpay-proxy.internal/v2"],
                  ...(value === undefined ? [] : [["BOOTPAY_ALLOW_INSECURE_HTTP", value] as const])
                ])
              )
            )
          )
      )
    }
  })

  describe("layerConfig", () => {
    const environment = (variables: Record<string, string>) =>
      Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(variables))))
    const read = (options?: BootpayConfig.ConfigOptions) =>
      Effect.provide(BootpayConfig.BootpayConfig, BootpayConfig.layerConfig(options))

    it.effect("reads BOOTPAY_* from the ConfigProvider", () =>
      Effect.gen(function* () {
        const config = yield* read()
        expect(config.credentials).toMatchObject({ _tag: "Bearer", applicationId: "app" })
        expect(config.baseUrl).toBe("https://dev-api.bootpay.co.kr/v2")
        expect(Duration.toMillis(config.timeout)).toBe(5000)
        expect(config.retry).toBe(0)
      }).pipe(
        environment({
          BOOTPAY_APPLICATION_ID: "app",
          BOOTPAY_PRIVATE_KEY: "pk",
          BOOTPAY_MODE: "development",
          BOOTPAY_TIMEOUT: "5 seconds",
          BOOTPAY_RETRY: "0"
        })
      )
    )

    it.effect("keeps the secret redacted from the variable to the resolved credentials", () =>
      Effect.gen(function* () {
        const config = yield* read()
        if (config.credentials._tag !== "Basic") throw new Error("expected Basic credentials")
        expect(Redacted.isRedacted(config.credentials.secretKey)).toBe(true)
        expect(Redacted.value(config.credentials.secretKey)).toBe("sk-from-env")
        expect(JSON.stringify(config)).not.toContain("sk-from-env")
        expect(String(config.credentials.secretKey)).not.toContain("sk-from-env")
      }).pipe(environment({ BOOTPAY_CLIENT_KEY: "ck", BOOTPAY_SECRET_KEY: "sk-from-env" }))
    )

    it.effect("a Config given for a field replaces its variable; the other fields still read theirs", () =>
      Effect.gen(function* () {
        const config = yield* read({
          clientKey: Config.string("SHOP_A_CLIENT_KEY"),
          secretKey: Config.redacted("SHOP_A_SECRET_KEY"),
          mode: Config.succeed("stage"),
          retry: Config.succeed(5)
        })
        expect(config.credentials).toMatchObject({ _tag: "Basic", clientKey: "shop-a" })
        expect(config.mode).toBe("stage")
        expect(config.retry).toBe(5)
        expect(Duration.toMillis(config.timeout)).toBe(7000)
      }).pipe(
        environment({
          SHOP_A_CLIENT_KEY: "shop-a",
          SHOP_A_SECRET_KEY: "shop-a-secret",
          BOOTPAY_CLIENT_KEY: "ignored",
          BOOTPAY_SECRET_KEY: "ignored",
          BOOTPAY_MODE: "production",
          BOOTPAY_TIMEOUT: "7 seconds"
        })
      )
    )

    it.effect("plain values need no environment at all", () =>
      Effect.gen(function* () {
        const config = yield* read({
          clientKey: Config.succeed("ck"),
          secretKey: Config.succeed(Redacted.make("sk")),
          baseUrl: Config.succeed("http://127.0.0.1:9/v2"),
          timeout: Config.succeed("2 seconds")
        })
        expect(config.baseUrl).toBe("http://127.0.0.1:9/v2")
        expect(Duration.toMillis(config.timeout)).toBe(2000)
      }).pipe(environment({}))
    )

    it.effect("a required Config whose variable is missing fails with a ConfigError naming it", () =>
      Effect.gen(function* () {
        const error = yield* Effect.flip(
          read({
            clientKey: Config.string("SHOP_A_CLIENT_KEY"),
            secretKey: Config.redacted("SHOP_A_SECRET_KEY")
          })
        )
        expect(error._tag).toBe("ConfigError")
        expect(String(error)).toContain("SHOP_A_CLIENT_KEY")
        expect(String(error)).not.toContain("shop-a-secret")
      }).pipe(environment({ SHOP_A_SECRET_KEY: "shop-a-secret" }))
    )

    it.effect("malformed variables fail with a ConfigError naming each, before anything is checked", () =>
      Effect.gen(function* () {
        const error = yield* Effect.flip(read())
        expect(error._tag).toBe("ConfigError")
        expect(String(error)).toContain("BOOTPAY_TIMEOUT")
        expect(String(error)).toContain("BOOTPAY_RETRY")
        expect(String(error)).toContain("BOOTPAY_ALLOW_INSECURE_HTTP")
        expect(String(error)).not.toContain("sk-secret")
      }).pipe(
        environment({
          BOOTPAY_CLIENT_KEY: "c",
          BOOTPAY_SECRET_KEY: "sk-secret",
          BOOTPAY_TIMEOUT: "soon",
          BOOTPAY_RETRY: "twice",
          BOOTPAY_ALLOW_INSECURE_HTTP: "maybe"
        })
      )
    )

    it.effect("values read but unusable fail with InvalidConfig naming each option", () =>
      Effect.gen(function* () {
        const error = yield* Effect.flip(read())
        expect(error._tag).toBe("InvalidConfig")
        expect(pathsOf(error)).toEqual(["secretKey", "mode", "retry"])
      }).pipe(environment({ BOOTPAY_CLIENT_KEY: "c", BOOTPAY_MODE: "producton", BOOTPAY_RETRY: "11" }))
    )

    it.effect("no keys at all is InvalidConfig for the credentials (either pair would do)", () =>
      Effect.gen(function* () {
        const error = yield* Effect.flip(read())
        expect(error._tag).toBe("InvalidConfig")
        expect(pathsOf(error)).toEqual(["credentials"])
      }).pipe(environment({}))
    )

    it.effect("an unusable value given as a Config is InvalidConfig too", () =>
      Effect.gen(function* () {
        const error = yield* Effect.flip(read({ mode: Config.succeed("prod") }))
        expect(pathsOf(error)).toEqual(["mode"])
      }).pipe(environment({ BOOTPAY_CLIENT_KEY: "c", BOOTPAY_SECRET_KEY: "s" }))
    )

    it("names the variable each option is read from by default", () => {
      expect(BootpayConfig.variables).toEqual({
        clientKey: "BOOTPAY_CLIENT_KEY",
        secretKey: "BOOTPAY_SECRET_KEY",
        applicationId: "BOOTPAY_APPLICATION_ID",
        privateKey: "BOOTPAY_PRIVATE_KEY",
        mode: "BOOTPAY_MODE",
        baseUrl: "BOOTPAY_BASE_URL",
        allowInsecureHttp: "BOOTPAY_ALLOW_INSECURE_HTTP",
        timeout: "BOOTPAY_TIMEOUT",
        retry: "BOOTPAY_RETRY"
      })
    })
  })
})
