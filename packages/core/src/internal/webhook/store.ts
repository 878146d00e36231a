/**
 * The store that makes each verified state change run `onEvent` once: the `WebhookStore` service and
 * its in-process implementation, bounded by capacity (oldest first) and by time (`Clock`).
 */
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { MemoryOptions, StoreService } from "../../Webhook.js"
import { WebhookInProgress } from "./errors.js"

/**
 * Remembers which events were processed, so concurrent and repeated deliveries run the handler once.
 * Only keys of verified events reach it (`idempotencyKey`).
 *
 * @since 0.1.0
 * @category services
 */
export class WebhookStore extends Context.Tag("@effect-bootpay/core/Webhook/WebhookStore")<
  WebhookStore,
  StoreService
>() {
  /** An in-process store, bounded by `capacity` and by time (`Clock`). */
  static readonly makeMemory = (options: MemoryOptions = {}): Effect.Effect<StoreService> =>
    Effect.sync(() => {
      const capacity = Math.max(1, options.capacity ?? 10_000)
      const ttl = Duration.toMillis(Duration.decode(options.ttl ?? "1 day"))
      const claimTtl = Duration.toMillis(Duration.decode(options.claimTtl ?? "5 minutes"))
      const entries = new Map<string, { readonly done: boolean; readonly expiresAt: number }>()
      const put = (key: string, done: boolean, expiresAt: number) => {
        // Re-inserting moves the key to the end: the Map's order is the eviction order.
        entries.delete(key)
        entries.set(key, { done, expiresAt })
        for (const oldest of entries.keys()) {
          if (entries.size <= capacity) break
          entries.delete(oldest)
        }
      }
      return WebhookStore.of({
        claim: (key) =>
          Effect.flatMap(Clock.currentTimeMillis, (now) => {
            const entry = entries.get(key)
            if (entry !== undefined && entry.expiresAt > now) {
              return entry.done ? Effect.succeed(false) : Effect.fail(new WebhookInProgress({ key }))
            }
            put(key, false, now + claimTtl)
            return Effect.succeed(true)
          }),
        complete: (key) =>
          Effect.map(Clock.currentTimeMillis, (now) => {
            put(key, true, now + ttl)
          }),
        release: (key) =>
          Effect.sync(() => {
            if (entries.get(key)?.done === false) entries.delete(key)
          })
      })
    })

  /** The in-process store as a layer: enough for one server process; use a shared store across several. */
  static readonly layerMemory = (options: MemoryOptions = {}): Layer.Layer<WebhookStore> =>
    Layer.effect(WebhookStore, WebhookStore.makeMemory(options))
}
