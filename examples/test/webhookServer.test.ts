/**
 * The webhook server example end to end over loopback: the fake Bootpay posts each state change to
 * `Webhook.handler` served by `NodeHttpServer`; the handler verifies it against the fake and runs
 * `onEvent` once per state change, a redelivery included; a forged delivery never reaches `onEvent`.
 */
import { Receipt, Webhook } from "@effect-bootpay/core"
import { NodeBootpay } from "@effect-bootpay/node"
import { FakeServer } from "@effect-bootpay/testing"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import { describe, expect, it } from "vitest"
import { endpointUrl, webhookServer } from "../src/effect/webhookServer.js"

describe("webhook server example (Webhook.handler in an Effect HttpServer)", () => {
  it("processes each verified state change once and refuses a forged delivery", async () => {
    const fake = await FakeServer.start()
    const seen: Array<[string, number]> = []
    const client = NodeBootpay.layer({ baseUrl: fake.url, clientKey: "test", secretKey: "test" })
    const runtime = ManagedRuntime.make(
      webhookServer((event) =>
        Effect.sync(() => seen.push([event.webhook_type, event.cancelled_price ?? 0]))
      ).pipe(
        Layer.provide(Layer.merge(client, Webhook.WebhookStore.layerMemory())),
        Layer.provideMerge(client)
      )
    )
    try {
      const url = await runtime.runPromise(endpointUrl)
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/bootpay\/webhook$/)
      fake.store.webhooks.configure(url, { intervalMillis: 20 })
      const pending = fake.store.createReceipt({ status: 2, price: 10_000 })
      await runtime.runPromise(Receipt.confirm(pending.receipt_id))
      await runtime.runPromise(
        Receipt.cancel({ receipt_id: pending.receipt_id, cancel_price: 4000, cancel_id: "c-1" })
      )
      await fake.store.webhooks.settled()
      const redelivered = await fake.store.deliverWebhook(pending.receipt_id, "PAYMENT_PARTIAL_CANCELLED")
      expect(redelivered.status).toBe("succeeded")
      expect(fake.store.webhookDeliveries.map((delivery) => [delivery.webhookType, delivery.status])).toEqual(
        [
          ["PAYMENT_COMPLETED", "succeeded"],
          ["PAYMENT_PARTIAL_CANCELLED", "succeeded"],
          ["PAYMENT_PARTIAL_CANCELLED", "succeeded"]
        ]
      )
      expect(seen.sort()).toEqual([
        ["PAYMENT_COMPLETED", 0],
        ["PAYMENT_PARTIAL_CANCELLED", 4000]
      ])
      const forged = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          receipt_id: "forged-1",
          webhook_type: "PAYMENT_COMPLETED",
          status: 1,
          price: 1
        })
      })
      expect(forged.status).not.toBe(200)
      expect(seen).toHaveLength(2)
    } finally {
      await runtime.dispose()
      await fake.close()
    }
  })
})
