/**
 * Configuration from `BOOTPAY_*` variables, with the environment replaced by a `ConfigProvider` map
 * and Bootpay by the fake server on loopback (the real undici transport in between).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "@effect/vitest"
import { BootpayConfig } from "@effect-bootpay/core"
import { FakeServer } from "@effect-bootpay/testing"
import * as Config from "effect/Config"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { explain, main, showReceipt } from "../src/effect/fromEnvironment.js"

let fake: FakeServer.FakeServer

beforeAll(async () => {
  fake = await FakeServer.start()
})

afterAll(async () => {
  await fake.close()
})

const environment = (variables: Record<string, string>) =>
  Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(variables))))

describe("NodeBootpay.layerConfig from BOOTPAY_* variables", () => {
  it.effect("reads the keys and the base URL and looks the receipt up", () =>
    Effect.gen(function* () {
      const paid = fake.store.createReceipt({ order_id: "order-7", price: 4_500 })
      const line = yield* showReceipt(paid.receipt_id).pipe(
        environment({ BOOTPAY_CLIENT_KEY: "test", BOOTPAY_SECRET_KEY: "test", BOOTPAY_BASE_URL: fake.url })
      )
      expect(line).toContain(paid.receipt_id)
      expect(line).toContain("order order-7, 4500 KRW, status 1")
    })
  )

  it.effect(
    "missing keys fail with InvalidConfig before any request, explained with the variable names",
    () =>
      Effect.gen(function* () {
        const before = fake.store.requests.length
        const error = yield* Effect.flip(showReceipt("r-1").pipe(environment({ BOOTPAY_BASE_URL: fake.url })))
        if (error._tag !== "InvalidConfig") throw new Error(`expected InvalidConfig, got ${error._tag}`)
        expect(explain(error)).toContain("BOOTPAY_CLIENT_KEY + BOOTPAY_SECRET_KEY")
        expect(fake.store.requests.length).toBe(before)
      })
  )

  it.effect("half a key pair and an unknown mode are each named", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        showReceipt("r-1").pipe(environment({ BOOTPAY_CLIENT_KEY: "test", BOOTPAY_MODE: "prod" }))
      )
      if (error._tag !== "InvalidConfig") throw new Error(`expected InvalidConfig, got ${error._tag}`)
      const message = explain(error)
      expect(message).toContain(
        "secretKey: missing (clientKey was given without it) (variable BOOTPAY_SECRET_KEY)"
      )
      expect(message).toContain('mode: unknown mode "prod"')
      expect(message).toContain("(variable BOOTPAY_MODE)")
    })
  )

  it.effect("an issue names the BOOTPAY_* variable only for an option read from it", () =>
    Effect.gen(function* () {
      const issues = (options: BootpayConfig.ConfigOptions) =>
        Effect.flip(Effect.provide(BootpayConfig.BootpayConfig, BootpayConfig.layerConfig(options))).pipe(
          Effect.map((error) => (error._tag === "InvalidConfig" ? error.issues : []))
        )
      expect(yield* issues({ clientKey: Config.succeed("shop-a") })).toEqual([
        {
          path: "secretKey",
          message: "missing (clientKey was given without it) (variable BOOTPAY_SECRET_KEY)"
        }
      ])
      expect(yield* issues({ secretKey: Config.succeed(Redacted.make("s")) })).toEqual([
        {
          path: "clientKey",
          message: "missing (secretKey was given without it) (variable BOOTPAY_CLIENT_KEY)"
        }
      ])
      const none = yield* issues({ clientKey: Config.succeed(undefined) })
      expect(none.map((issue) => issue.path)).toEqual(["credentials"])
      expect(none[0]?.message).not.toContain("BOOTPAY_")
      const mode = yield* issues({ clientKey: Config.succeed("c"), mode: Config.succeed("prod") })
      expect(mode.find((issue) => issue.path === "mode")?.message).not.toContain("BOOTPAY_MODE")
    }).pipe(environment({}))
  )

  it.effect("a malformed variable fails with a ConfigError naming it, before any request", () =>
    Effect.gen(function* () {
      const before = fake.store.requests.length
      const error = yield* Effect.flip(
        showReceipt("r-1").pipe(
          environment({
            BOOTPAY_CLIENT_KEY: "test",
            BOOTPAY_SECRET_KEY: "test",
            BOOTPAY_BASE_URL: fake.url,
            BOOTPAY_TIMEOUT: "soon"
          })
        )
      )
      if (error._tag !== "ConfigError") throw new Error(`expected ConfigError, got ${error._tag}`)
      expect(explain(error)).toContain("Invalid data at BOOTPAY_TIMEOUT")
      expect(fake.store.requests.length).toBe(before)
    })
  )

  it.effect("the program prints the explanation and exits 2 for either kind of configuration error", () =>
    Effect.gen(function* () {
      const printed = vi.spyOn(console, "error").mockImplementation(() => {})
      yield* Effect.addFinalizer(() => Effect.sync(() => printed.mockRestore()))
      expect(yield* main("r-1").pipe(environment({ BOOTPAY_RETRY: "often" }))).toBe(2)
      expect(String(printed.mock.calls[0]?.[0])).toContain("Invalid data at BOOTPAY_RETRY")
      expect(yield* main("r-1").pipe(environment({ BOOTPAY_CLIENT_KEY: "test" }))).toBe(2)
      expect(String(printed.mock.calls[1]?.[0])).toContain(
        "missing (clientKey was given without it) (variable BOOTPAY_SECRET_KEY)"
      )
    }).pipe(Effect.scoped)
  )
})
