/**
 * Webhooks (웹훅): Bootpay's notice that a payment changed state (paid, fully or partly cancelled,
 * virtual account issued). PG webhooks are not signed, so a notice is only a hint: anyone can post one.
 * The SDK decodes it, checks the sender's address when asked, fetches the receipt back from Bootpay,
 * checks the notice against it, and hands the merchant's `onEvent` only what Bootpay's answer proves (a
 * `VerifiedEvent` and the receipt), once per state change; the answer is HTTP 200 with
 * `{"success": true}` (anything else makes Bootpay retry).
 *
 * @since 0.1.0
 */
import type * as HttpApp from "@effect/platform/HttpApp"
import type * as Duration from "effect/Duration"
import type * as Effect from "effect/Effect"
import type * as BootpayClient from "./BootpayClient.js"
import * as Answers from "./internal/webhook/answer.js"
import * as Body from "./internal/webhook/body.js"
import type {
  WebhookError,
  WebhookForbiddenSender,
  WebhookInProgress,
  WebhookInvalidBody,
  WebhookInvalidOptions,
  WebhookMismatch,
  WebhookUnverifiable
} from "./internal/webhook/errors.js"
import type { Event, KnownWebhookType, VerifiedEvent } from "./internal/webhook/event.js"
import * as Sender from "./internal/webhook/sender.js"
import type { WebhookStore } from "./internal/webhook/store.js"
import * as Verify from "./internal/webhook/verify.js"
import type * as Receipt from "./Receipt.js"

export * from "./internal/webhook/errors.js"
export * from "./internal/webhook/event.js"
export { WebhookStore } from "./internal/webhook/store.js"

/**
 * The most a decoded body may nest (objects and lists); Bootpay's receipts need three levels.
 *
 * @since 0.1.0
 * @category utils
 */
export const maxBodyDepth = Body.maxBodyDepth

/**
 * The largest body `handler` and `NodeWebhook` read unless told otherwise: 1 MiB.
 *
 * @since 0.1.0
 * @category utils
 */
export const defaultMaxBodyBytes: number = Answers.defaultMaxBodyBytes

/**
 * How long `handler` and `NodeWebhook` wait for a whole body unless told otherwise.
 *
 * @since 0.1.0
 * @category utils
 */
export const defaultReadTimeout: Duration.Duration = Answers.defaultReadTimeout

/**
 * The event type an older payload (no `webhook_type`, client SDK before 5.x) stands for, from its
 * status: 1 paid, 5 virtual account issued, 20 cancelled (partly when `cancelled_price < price`).
 *
 * @since 0.1.0
 * @category webhooks
 */
export const typeFromStatus: (receipt: {
  readonly status?: unknown
  readonly price?: unknown
  readonly cancelled_price?: unknown
}) => KnownWebhookType | undefined = Verify.typeFromStatus

/**
 * Decodes a webhook body, unverified: JSON (the default) or `application/x-www-form-urlencoded`, whose
 * string values are turned back into numbers and objects (`card_data[card_no]=...` or
 * `card_data={...}`). An older payload without `webhook_type` gets one from its status
 * (`typeFromStatus`). Keys that would set a prototype are dropped at every depth, and a body nesting
 * deeper than `maxBodyDepth` levels is refused.
 *
 * @since 0.1.0
 * @category webhooks
 */
export const decode: (
  body: string | Uint8Array,
  contentType?: string
) => Effect.Effect<Event, WebhookInvalidBody> = Body.decode

/**
 * Decodes a body a web framework already parsed (Express's `req.body` after `express.json()` or
 * `express.urlencoded()`), unverified and with the same safeguards as `decode`; with a form content
 * type the string values are coerced as in `decode`.
 *
 * @since 0.1.0
 * @category webhooks
 */
export const decodeParsed: (
  value: unknown,
  contentType?: string
) => Effect.Effect<Event, WebhookInvalidBody> = Body.decodeParsed

/**
 * Bootpay's published webhook source range.
 *
 * @since 0.1.0
 * @category utils
 */
export const bootpayRanges: ReadonlyArray<string> = Sender.bootpayRanges

/**
 * Which `X-Forwarded-For` entry names the sender, behind proxies that append to that header (nginx's
 * `$proxy_add_x_forwarded_for`, cloud load balancers):
 *
 * - a number `n`: the `n` proxies in front of this server each append the address they saw, so the
 *   sender is the `n`-th entry from the right (Express's and Fastify's `trust proxy` number); a header
 *   with fewer entries names no sender, and the delivery is refused;
 * - a list of ranges: the proxies' own addresses; from the peer address leftwards, every address in
 *   these ranges is a proxy, and the first one outside them is the sender;
 * - `true`: the same as `1` (it used to mean the left-most entry, which is whatever the client wrote);
 * - `false`, `0` or nothing (the default): the header is ignored and the peer address is the sender.
 *
 * Only for proxies that every request passes through: a client reaching this server directly writes
 * the whole header.
 *
 * @since 0.1.0
 * @category models
 */
export type TrustProxy = boolean | number | ReadonlyArray<string>

/**
 * Where a delivery came from, and how to read it.
 *
 * @since 0.1.0
 * @category models
 */
export interface SenderOptions {
  /** The socket's peer address (`req.socket.remoteAddress`). */
  readonly remoteAddress?: string | undefined
  /** The `X-Forwarded-For` header, read only with `trustProxy`. */
  readonly forwardedFor?: string | ReadonlyArray<string> | undefined
  /** Which `X-Forwarded-For` entry names the sender (see `TrustProxy`); off by default. */
  readonly trustProxy?: TrustProxy | undefined
  /**
   * Address ranges to accept: IPv4 or IPv6, single addresses or CIDR (`223.130.82.0/24`, no host
   * bits set); `bootpayRanges` by default. A malformed entry is refused (`WebhookInvalidOptions`).
   */
  readonly allowedRanges?: ReadonlyArray<string> | undefined
}

/**
 * Whether an address (IPv4, IPv6 or IPv4-mapped IPv6) is in one of the ranges; a malformed range matches nothing.
 *
 * @since 0.1.0
 * @category guards
 */
export const isAllowedAddress: (address: string, ranges?: ReadonlyArray<string>) => boolean =
  Sender.isAllowedAddress

/**
 * The sender's address: the peer address, or with `trustProxy` the `X-Forwarded-For` entry it names;
 * `undefined` when none can be trusted (no peer address, a header shorter than the proxy count,
 * unusable options).
 *
 * @since 0.1.0
 * @category webhooks
 */
export const senderAddress: (options: SenderOptions) => string | undefined = Sender.senderAddress

/**
 * Refuses a sender outside the allowed ranges, and one whose address cannot be trusted. Without any
 * address (neither `remoteAddress` nor `forwardedFor`) there is nothing to check.
 *
 * @since 0.1.0
 * @category webhooks
 */
export const checkSender: (
  options: SenderOptions
) => Effect.Effect<void, WebhookForbiddenSender | WebhookInvalidOptions> = Sender.checkSender

/**
 * Checks an event against the receipt Bootpay holds now, and answers the event those facts prove. The
 * rules, for an event that may be older than the receipt (a `PAYMENT_COMPLETED` whose payment was
 * cancelled since is genuine):
 *
 * - `receipt_id` and `price` must be equal (a receipt's price never changes);
 * - the status the event's type implies (1 completed, 5 virtual account issued, 20 cancelled), and the
 *   event's own `status`, must equal the receipt's or lie earlier in a payment's life (awaiting
 *   confirm / issued, paid, cancelled); unknown statuses must be equal;
 * - `cancelled_price` only grows: the event's may not exceed the receipt's, and a full-cancel event
 *   needs the receipt fully cancelled;
 * - a virtual-account event needs a virtual-account receipt.
 *
 * The answer is built from the receipt alone (see `VerifiedEvent`); an undocumented type whose receipt
 * names no event (status 2, for instance) fails with `WebhookUnverifiable`.
 *
 * @since 0.1.0
 * @category webhooks
 */
export const check: (
  event: Event,
  receipt: Receipt.Receipt
) => Effect.Effect<VerifiedEvent, WebhookMismatch | WebhookUnverifiable> = Verify.check

/**
 * How the receipt of an event is fetched back.
 *
 * @since 0.1.0
 * @category models
 */
export type Lookup<E, R> = (receiptId: string) => Effect.Effect<Receipt.Receipt, E, R>

/**
 * What `Receipt.lookup` can fail with.
 *
 * @since 0.1.0
 * @category errors
 */
export type LookupError = Effect.Effect.Error<ReturnType<typeof Receipt.lookup>>

/**
 * `verify` over another way of fetching the receipt (a Promise client, a cache).
 *
 * @since 0.1.0
 * @category webhooks
 */
export const verifyWith: <LE, LR>(
  lookup: Lookup<LE, LR>
) => (
  event: Event,
  options?: SenderOptions
) => Effect.Effect<
  VerifiedEvent,
  LE | WebhookForbiddenSender | WebhookMismatch | WebhookUnverifiable | WebhookInvalidOptions,
  LR
> = Verify.verifyWith

/**
 * Verifies an event: checks the sender when an address is given (see `SenderOptions`), fetches the
 * receipt with `Receipt.lookup` and applies the rules of `check`. Answers the `VerifiedEvent`, built
 * from Bootpay's receipt alone: act on it, never on the event.
 *
 * @since 0.1.0
 * @category webhooks
 */
export const verify: (
  event: Event,
  options?: SenderOptions
) => Effect.Effect<
  VerifiedEvent,
  LookupError | WebhookForbiddenSender | WebhookMismatch | WebhookUnverifiable | WebhookInvalidOptions,
  BootpayClient.BootpayClient
> = Verify.verify

/**
 * The key one state change is processed once under: the receipt id, the verified type and, for a
 * cancel, Bootpay's cumulative cancelled amount (partial cancels repeat the receipt id, not the
 * amount). A payment or an issued account happens once, so its amount part is always 0: the same
 * `PAYMENT_COMPLETED` arriving after a cancel is still the one already processed. Every part comes
 * from Bootpay's receipt, so a sender can only name keys of real state changes.
 *
 * @since 0.1.0
 * @category webhooks
 */
export const idempotencyKey: (event: VerifiedEvent) => string = Verify.idempotencyKey

/**
 * The only answer Bootpay counts as delivered, with HTTP 200.
 *
 * @since 0.1.0
 * @category utils
 */
export const successBody: { readonly success: true } = Answers.successBody

/**
 * Whether an answer counts as delivered: HTTP 200 and a JSON body that is exactly `{"success": true}`.
 *
 * @since 0.1.0
 * @category guards
 */
export const isSuccess: (status: number, body: string) => boolean = Answers.isSuccess

/**
 * Options of the in-memory store.
 *
 * @since 0.1.0
 * @category models
 */
export interface MemoryOptions {
  /** Most keys remembered; the oldest are forgotten first (default 10,000). */
  readonly capacity?: number
  /** How long a processed key is remembered (default 1 day; Bootpay's retries end well before). */
  readonly ttl?: Duration.DurationInput
  /** How long a claim holds without `complete` or `release`, e.g. after a crash (default 5 minutes). */
  readonly claimTtl?: Duration.DurationInput
}

/**
 * The interface of a `WebhookStore`.
 *
 * @since 0.1.0
 * @category services
 */
export interface StoreService {
  /**
   * Takes a key for processing: `true` when the caller now holds it (and must `complete` or `release`
   * it), `false` when it was processed already; fails with `WebhookInProgress` while another caller
   * holds it. A store that cannot tell the two apart may answer `false` for both.
   */
  readonly claim: (key: string) => Effect.Effect<boolean, WebhookInProgress>
  /** Marks a held key processed: later claims answer `false`. */
  readonly complete: (key: string) => Effect.Effect<void>
  /** Gives a held key back after a failure, so a redelivery processes it. */
  readonly release: (key: string) => Effect.Effect<void>
}

/**
 * One HTTP delivery, as any server sees it.
 *
 * @since 0.1.0
 * @category models
 */
export interface Delivery {
  /** The raw body. */
  readonly body: string | Uint8Array
  /** A body the framework already parsed (Express's `req.body`); used instead of `body` when set. */
  readonly parsed?: unknown
  readonly contentType?: string | undefined
  readonly remoteAddress?: string | undefined
  readonly forwardedFor?: string | ReadonlyArray<string> | undefined
}

/**
 * What to answer Bootpay: `200 {"success": true}`, or an error status that makes it retry.
 *
 * @since 0.1.0
 * @category models
 */
export interface Answer {
  readonly status: number
  readonly body: { readonly success: boolean; readonly error?: string }
}

/**
 * Options of `handler` and `respond` (and of `NodeWebhook.make`).
 *
 * @since 0.1.0
 * @category models
 */
export interface HandlerOptions {
  /**
   * Refuse senders outside `allowedRanges` (Bootpay's range by default), read from the peer address or,
   * with `trustProxy`, from `X-Forwarded-For`; a delivery whose sender cannot be told is refused too.
   * Off by default, because a proxy or a tunnel in front of the server hides Bootpay's address; turn it
   * on wherever the server sees it (directly, or through proxies named by `trustProxy`). Without it,
   * every forged notice costs one receipt lookup, though none reaches `onEvent` unverified.
   */
  readonly checkSender?: boolean | undefined
  /** Which `X-Forwarded-For` entry names the sender (see `TrustProxy`); off by default. */
  readonly trustProxy?: TrustProxy | undefined
  /** Address ranges to accept with `checkSender` (see `SenderOptions`); `bootpayRanges` by default. */
  readonly allowedRanges?: ReadonlyArray<string> | undefined
  /**
   * Largest body read, in bytes (`defaultMaxBodyBytes`, 1 MiB, by default); a larger one is answered
   * 413 without being read further. Used where the SDK reads the body: `handler` and `NodeWebhook`.
   */
  readonly maxBodyBytes?: number | undefined
  /**
   * How long the whole body may take to arrive (`defaultReadTimeout`, 10 seconds, by default); a slower
   * one is answered 408. Used where the SDK reads the body: `handler` and `NodeWebhook`.
   */
  readonly readTimeout?: Duration.DurationInput | undefined
}

/**
 * Checks handler options as `handler` and `NodeWebhook.make` do before serving anything.
 *
 * @since 0.1.0
 * @category webhooks
 */
export const checkOptions: (options: HandlerOptions) => Effect.Effect<void, WebhookInvalidOptions> =
  Answers.checkOptions

/**
 * The merchant's processing of one verified state change: `event` and `receipt` are built from
 * Bootpay's answer to the lookup, never from the delivery's body.
 *
 * @since 0.1.0
 * @category models
 */
export type OnEvent<E, R> = (event: VerifiedEvent, receipt: Receipt.Receipt) => Effect.Effect<unknown, E, R>

/**
 * The answer to a delivery refused with `error`, logged the way `respond` logs it (values from the
 * delivery escaped, so a forged field cannot start a log line of its own). For integrations that read
 * the body themselves: a body over the limit is `WebhookBodyTooLarge`, a slow one `WebhookBodyTimeout`.
 *
 * @since 0.1.0
 * @category webhooks
 */
export const refuse: (error: WebhookError) => Effect.Effect<Answer> = Answers.refuse

/**
 * `respond` over another way of fetching the receipt (the Promise client of `@effect-bootpay/node`).
 *
 * @since 0.1.0
 * @category webhooks
 */
export const respondWith: <LE, LR>(
  lookup: Lookup<LE, LR>
) => <E, R>(
  delivery: Delivery,
  onEvent: OnEvent<E, R>,
  options?: HandlerOptions
) => Effect.Effect<Answer, never, R | LR | WebhookStore> = Answers.respondWith

/**
 * Handles one delivery end to end: check the sender (with `checkSender`), decode, fetch the receipt
 * and verify the event against it, then claim the verified event's idempotency key and run `onEvent`
 * once with what Bootpay's answer proves. It never fails: every problem becomes an answer, non-200 so
 * Bootpay retries. A repeated event answers 200 without running `onEvent`; one still being processed
 * answers 409. Unusable options answer 500 to every delivery (`handler` refuses them up front).
 *
 * @since 0.1.0
 * @category webhooks
 */
export const respond: <E, R>(
  delivery: Delivery,
  onEvent: OnEvent<E, R>,
  options?: HandlerOptions
) => Effect.Effect<Answer, never, R | BootpayClient.BootpayClient | WebhookStore> = Answers.respond

/**
 * The webhook endpoint as an `@effect/platform` HTTP app, built once: `yield* Webhook.handler(onEvent)`
 * fails with `WebhookInvalidOptions` for unusable options (a malformed range, say) before any delivery.
 * The app reads at most `maxBodyBytes` (1 MiB by default; a larger declared or streamed body is
 * answered 413) within `readTimeout` (10 seconds by default; else 408), runs `respond`, and answers
 * `200 {"success": true}` only when `onEvent` succeeded (or already had for this state change).
 *
 * @since 0.1.0
 * @category webhooks
 */
export const handler: <E, R>(
  onEvent: OnEvent<E, R>,
  options?: HandlerOptions
) => Effect.Effect<
  HttpApp.Default<never, R | BootpayClient.BootpayClient | WebhookStore>,
  WebhookInvalidOptions
> = Answers.handler
