/**
 * The Node layers over the real undici transport, against the fake server on loopback: the options
 * given directly, and read through a `Config` per option (the `BOOTPAY_*` variables by default).
 */
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "@effect/vitest"
import { type BootpayClient, type BootpayError, Receipt } from "@effect-bootpay/core"
import { NodeBootpay } from "@effect-bootpay/node"
import { FakeServer } from "@effect-bootpay/testing"
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"

const secretKey = "SECRET-sk-node-layer"
const privateKey = "SECRET-pk-node-layer"

let fake: FakeServer.FakeServer
beforeAll(async () => {
  fake = await FakeServer.start({ secretKey, privateKey })
})
afterAll(() => fake.close())

const environment = (variables: Record<string, string>) =>
  Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(variables))))

describe("NodeBootpay.layer", () => {
  it.effect("looks a receipt up with the given options", () =>
    Effect.gen(function* () {
      const paid = fake.store.createReceipt()
      const receipt = yield* Receipt.lookup(paid.receipt_id).pipe(
        Effect.provide(NodeBootpay.layer({ baseUrl: fake.url, clientKey: "test", secretKey }))
      )
      expect(receipt.receipt_id).toBe(paid.receipt_id)
    })
  )
})

describe("NodeBootpay.layerConfig", () => {
  it("fails with ConfigError or InvalidConfig and needs nothing else", () => {
    expectTypeOf(NodeBootpay.layerConfig()).toEqualTypeOf<
      Layer.Layer<BootpayClient.BootpayClient, ConfigError.ConfigError | BootpayError.InvalidConfig>
    >()
  })

  it.effect("with no argument reads the BOOTPAY_* variables", () =>
    Effect.gen(function* () {
      const paid = fake.store.createReceipt()
      const receipt = yield* Receipt.lookup(paid.receipt_id).pipe(Effect.provide(NodeBootpay.layerConfig()))
      expect(receipt.receipt_id).toBe(paid.receipt_id)
    }).pipe(
      environment({
        BOOTPAY_APPLICATION_ID: "test",
        BOOTPAY_PRIVATE_KEY: privateKey,
        BOOTPAY_BASE_URL: fake.url,
        BOOTPAY_RETRY: "0"
      })
    )
  )

  it.effect("reads each option through the Config given for it instead of its variable", () =>
    Effect.gen(function* () {
      const paid = fake.store.createReceipt()
      const receipt = yield* Receipt.lookup(paid.receipt_id).pipe(
        Effect.provide(
          NodeBootpay.layerConfig({
            clientKey: Config.string("SHOP_A_CLIENT_KEY"),
            secretKey: Config.redacted("SHOP_A_SECRET_KEY"),
            baseUrl: Config.succeed(fake.url)
          })
        )
      )
      expect(receipt.receipt_id).toBe(paid.receipt_id)
    }).pipe(
      environment({
        SHOP_A_CLIENT_KEY: "test",
        SHOP_A_SECRET_KEY: secretKey,
        BOOTPAY_CLIENT_KEY: "not-these",
        BOOTPAY_SECRET_KEY: "not-these",
        BOOTPAY_BASE_URL: "https://unreachable.invalid/v2"
      })
    )
  )

  it.effect("a wrong secret read from the environment stays out of the error", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        Receipt.lookup("r-1").pipe(
          Effect.provide(
            NodeBootpay.layerConfig({ secretKey: Config.succeed(Redacted.make(`${secretKey}-wrong`)) })
          )
        )
      )
      expect(error._tag).toBe("InvalidCredentials")
      expect(String(error)).not.toContain(secretKey)
      expect(JSON.stringify(error)).not.toContain(secretKey)
    }).pipe(environment({ BOOTPAY_CLIENT_KEY: "test", BOOTPAY_BASE_URL: fake.url }))
  )

  const keys = { BOOTPAY_CLIENT_KEY: "test", BOOTPAY_SECRET_KEY: secretKey }
  for (const [name, variables, tag] of [
    ["a malformed variable", { ...keys, BOOTPAY_TIMEOUT: "soon" }, "ConfigError"],
    ["half a key pair", { BOOTPAY_SECRET_KEY: secretKey }, "InvalidConfig"],
    [
      "a remote plain-http base URL",
      { ...keys, BOOTPAY_BASE_URL: "http://bootpay-proxy.internal/v2" },
      "InvalidConfig"
    ]
  ] as const) {
    it.effect(`${name} fails with ${tag} before any request`, () =>
      Effect.gen(function* () {
        const before = fake.store.requests.length
        const error = yield* Effect.flip(
          Receipt.lookup("r-1").pipe(Effect.provide(NodeBootpay.layerConfig()))
        )
        expect(error._tag).toBe(tag)
        expect(String(error)).not.toContain(secretKey)
        expect(fake.store.requests.length).toBe(before)
      }).pipe(environment({ BOOTPAY_BASE_URL: fake.url, ...variables }))
    )
  }
})
