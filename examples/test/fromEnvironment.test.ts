/**
 * Configuration from `BOOTPAY_*` variables, with the environment replaced by a `ConfigProvider` map
 * and Bootpay by the fake server on loopback (the real undici transport in between).
 */
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { FakeServer } from "@effect-bootpay/testing"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import { explain, showReceipt } from "../src/effect/fromEnvironment.js"

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
      expect(message).toContain("BOOTPAY_SECRET_KEY: missing")
      expect(message).toContain("BOOTPAY_MODE: unknown mode")
    })
  )
})
