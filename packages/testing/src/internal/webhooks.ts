/**
 * Webhook (웹훅) delivery of a fake Bootpay: each receipt state change (paid, virtual account issued,
 * fully or partly cancelled) is POSTed to the configured loopback URL, as JSON or form data, and
 * redelivered like Bootpay does until the answer is HTTP 200 with `{"success": true}` or the attempts
 * run out. Deliveries run in the background: an API answer never waits for one.
 *
 * Bootpay does not document its retry interval; the fake's is configurable and short for tests.
 */
import { Webhook } from "@effect-bootpay/core/index"
import type { FakeReceipt, FakeStore, Json } from "../FakeStore.js"

/**
 * How the fake delivers webhooks.
 *
 * @since 0.1.0
 * @category models
 */
export interface WebhookOptions {
  /** `json` (Bootpay's default) or `form` (`application/x-www-form-urlencoded`). */
  readonly format?: "json" | "form"
  /** Attempts per event, the first included (Bootpay's default: 10). */
  readonly attempts?: number
  /** Wall-clock wait between attempts in milliseconds (default 1,000). */
  readonly intervalMillis?: number
  /** Per-attempt timeout in milliseconds (default 5,000). */
  readonly timeoutMillis?: number
}

/**
 * One attempt of a delivery and how it ended.
 *
 * @since 0.1.0
 * @category models
 */
export interface WebhookAttempt {
  /** Wall-clock time the attempt started (epoch ms). */
  readonly at: number
  /** The receiver's HTTP status, when it answered. */
  readonly status?: number
  /** The receiver's body, when it answered. */
  readonly body?: string
  /** Why no answer came (timeout, refused, reset). */
  readonly error?: string
  /** Whether Bootpay would count it as delivered. */
  readonly success: boolean
}

/**
 * One webhook event the fake sent, with every attempt.
 *
 * @since 0.1.0
 * @category models
 */
export interface WebhookDelivery {
  readonly id: number
  readonly receiptId: string
  readonly webhookType: string
  readonly url: string
  readonly contentType: string
  /** The exact body sent. */
  readonly body: string
  readonly attempts: Array<WebhookAttempt>
  /** `pending` while attempts remain, then `succeeded` or `failed`. */
  status: "pending" | "succeeded" | "failed"
}

const loopbackHosts: ReadonlySet<string> = new Set(["127.0.0.1", "localhost", "[::1]"])

/** Refuses anything but an http(s) URL on loopback: the fake never calls out. */
const loopbackUrl = (url: string): string => {
  const parsed = new URL(url)
  if (!loopbackHosts.has(parsed.hostname) || !/^https?:$/.test(parsed.protocol)) {
    throw new Error(`the fake delivers webhooks to loopback http URLs only, not ${parsed.host}`)
  }
  return parsed.href
}

const isScalar = (value: unknown): boolean => value === null || typeof value !== "object"

/**
 * Form fields as a form-encoded webhook carries them: objects as `key[field]`, lists of plain values as
 * repeated `key[]`, anything deeper as JSON text.
 *
 * @since 0.1.0
 * @category utils
 */
export const formEncode = (value: Json): string => {
  const params = new URLSearchParams()
  const add = (name: string, field: unknown) => {
    if (field === undefined) return
    if (field === null) params.append(name, "")
    else if (Array.isArray(field)) {
      if (field.length > 0 && field.every(isScalar)) for (const item of field) add(`${name}[]`, item)
      else params.append(name, JSON.stringify(field))
    } else if (typeof field === "object") {
      const entries = Object.entries(field)
      if (entries.length === 0) params.append(name, "{}")
      for (const [key, inner] of entries) add(`${name}[${key}]`, inner)
    } else params.append(name, String(field))
  }
  for (const [key, field] of Object.entries(value)) add(key, field)
  return params.toString()
}

const errorText = (error: unknown): string => {
  const cause = (error as { cause?: { code?: unknown } }).cause
  if (typeof cause?.code === "string") return cause.code
  return error instanceof Error ? error.name : String(error)
}

/**
 * The fake's webhook deliveries.
 *
 * @since 0.1.0
 * @category models
 */
export class FakeWebhooks {
  /** Every event sent, oldest first. */
  readonly deliveries: Array<WebhookDelivery> = []
  private target: string | undefined
  private settings: Required<WebhookOptions>
  private readonly inFlight = new Set<Promise<WebhookDelivery>>()
  private readonly timers = new Set<{ readonly timer: NodeJS.Timeout; readonly wake: () => void }>()
  /** Bumped by `stop`: deliveries started before it end at their next wait. */
  private generation = 0

  constructor(
    private readonly store: FakeStore,
    url?: string,
    options: WebhookOptions = {}
  ) {
    this.target = url === undefined ? undefined : loopbackUrl(url)
    this.settings = {
      format: options.format ?? "json",
      attempts: Math.max(1, options.attempts ?? 10),
      intervalMillis: Math.max(0, options.intervalMillis ?? 1_000),
      timeoutMillis: Math.max(1, options.timeoutMillis ?? 5_000)
    }
  }

  /** The URL webhooks go to, if any. */
  get url(): string | undefined {
    return this.target
  }

  /** How deliveries are made now. */
  get options(): Required<WebhookOptions> {
    return { ...this.settings }
  }

  /** Stops pending redeliveries and forgets every delivery; the URL and options stay. */
  clear(): void {
    this.stop()
    this.deliveries.length = 0
  }

  /** Sets (or with `undefined` stops) the delivery URL and changes options; deliveries under way go on. */
  configure(url: string | undefined, options: WebhookOptions = {}): void {
    this.target = url === undefined ? undefined : loopbackUrl(url)
    this.settings = {
      format: options.format ?? this.settings.format,
      attempts: Math.max(1, options.attempts ?? this.settings.attempts),
      intervalMillis: Math.max(0, options.intervalMillis ?? this.settings.intervalMillis),
      timeoutMillis: Math.max(1, options.timeoutMillis ?? this.settings.timeoutMillis)
    }
  }

  /** Called by the store after a receipt changed state; sends the event it stands for, if any. */
  receiptChanged(receipt: FakeReceipt): void {
    const type = Webhook.typeFromStatus(receipt)
    if (this.target === undefined || type === undefined) return
    // `receipt` is a copy as of this change: an event may reach the merchant after later changes.
    void this.send(receipt, type)
  }

  /**
   * Sends an event for a receipt now (its current state), typed `type` or as its status implies.
   * Resolves when the delivery succeeded or ran out of attempts.
   */
  deliver(receiptId: string, type?: string): Promise<WebhookDelivery> {
    const receipt = this.store.getReceipt(receiptId)
    if (receipt === undefined) return Promise.reject(new Error(`no receipt ${receiptId} in the fake`))
    const webhookType = type ?? Webhook.typeFromStatus(receipt)
    if (webhookType === undefined) {
      return Promise.reject(new Error(`status ${receipt.status} names no webhook type; give one`))
    }
    if (this.target === undefined) return Promise.reject(new Error("no webhook URL configured"))
    return this.send(receipt, webhookType)
  }

  /** Resolves once every delivery under way has succeeded or run out of attempts. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled(Array.from(this.inFlight))
  }

  /** Cancels pending redeliveries (they end `failed`); later changes are delivered again. */
  stop(): void {
    this.generation += 1
    for (const pending of this.timers) {
      clearTimeout(pending.timer)
      pending.wake()
    }
    this.timers.clear()
  }

  private send(receipt: FakeReceipt, webhookType: string): Promise<WebhookDelivery> {
    const payload: Json = { ...receipt, webhook_type: webhookType }
    const form = this.settings.format === "form"
    const delivery: WebhookDelivery = {
      id: this.deliveries.length + 1,
      receiptId: receipt.receipt_id,
      webhookType,
      url: this.target!,
      contentType: form ? "application/x-www-form-urlencoded" : "application/json",
      body: form ? formEncode(payload) : JSON.stringify(payload),
      attempts: [],
      status: "pending"
    }
    this.deliveries.push(delivery)
    const settings = this.settings
    const generation = this.generation
    // Started on the next turn of the event loop, so the API call that caused it answers first.
    const running = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.run(delivery, settings, generation))
      .finally(() => this.inFlight.delete(running))
    this.inFlight.add(running)
    return running
  }

  private async run(
    delivery: WebhookDelivery,
    settings: Required<WebhookOptions>,
    generation: number
  ): Promise<WebhookDelivery> {
    const stopped = () => this.generation !== generation
    for (let attempt = 1; attempt <= settings.attempts && !stopped(); attempt++) {
      const result = await this.attempt(delivery, settings.timeoutMillis)
      delivery.attempts.push(result)
      if (result.success) {
        delivery.status = "succeeded"
        return delivery
      }
      if (attempt < settings.attempts && !stopped()) await this.wait(settings.intervalMillis)
    }
    delivery.status = "failed"
    return delivery
  }

  private async attempt(delivery: WebhookDelivery, timeoutMillis: number): Promise<WebhookAttempt> {
    const at = Date.now()
    try {
      const response = await fetch(delivery.url, {
        method: "POST",
        headers: { "content-type": delivery.contentType, "user-agent": "effect-bootpay-fake-webhook" },
        body: delivery.body,
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMillis)
      })
      const body = await response.text()
      return { at, status: response.status, body, success: Webhook.isSuccess(response.status, body) }
    } catch (error) {
      return { at, error: errorText(error), success: false }
    }
  }

  private wait(millis: number): Promise<void> {
    return new Promise((resolve) => {
      const pending = {
        timer: setTimeout(() => {
          this.timers.delete(pending)
          resolve()
        }, millis),
        wake: resolve
      }
      pending.timer.unref()
      this.timers.add(pending)
    })
  }
}
