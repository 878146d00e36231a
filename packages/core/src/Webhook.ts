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
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import type * as BootpayClient from "./BootpayClient.js"
import { Issue } from "./BootpayError.js"
import * as Address from "./internal/address.js"
import { formatIssues, issuesOf } from "./internal/schemas.js"
import type * as Operation from "./Operation.js"
import * as Receipt from "./Receipt.js"

/** The event types Bootpay documents. */
export const KnownWebhookType = Schema.Literal(
  "PAYMENT_COMPLETED",
  "PAYMENT_CANCELLED",
  "PAYMENT_PARTIAL_CANCELLED",
  "PAYMENT_VIRTUAL_ACCOUNT_ISSUED"
)

/** The event types Bootpay documents. */
export type KnownWebhookType = typeof KnownWebhookType.Type

/** An event type: a documented one, or any other string Bootpay sends (`PAYMENT_CONFIRM_FAILED`, ...). */
export const WebhookType = Schema.Union(KnownWebhookType, Schema.String)

/** An event type: a documented one, or any other string Bootpay sends. */
export type WebhookType = KnownWebhookType | (string & {})

/**
 * A webhook event as it arrived, unverified: the receipt as the body claims it, plus `webhook_type`;
 * unknown fields are kept. Anyone can post one; `verify` turns it into a `VerifiedEvent`.
 */
export const Event = Schema.Struct({ ...Receipt.Receipt.fields, webhook_type: WebhookType })

/** A webhook event as it arrived, unverified. */
export type Event = typeof Event.Type

/**
 * An event built from Bootpay's answer only: every field is the receipt's as the lookup returned it
 * (`receipt_id`, `order_id`, `price`, `status`, `cancelled_price`, `metadata`, ...), and `webhook_type`
 * is a documented type the receipt bears out. The type names the change Bootpay announced; the fields
 * say where the payment is now, so a `PAYMENT_COMPLETED` that arrives after a cancel has `status` 20.
 * Cancel events are typed by the receipt's cancelled amount: `PAYMENT_CANCELLED` once it is whole.
 */
export const VerifiedEvent = Schema.Struct({ ...Receipt.Receipt.fields, webhook_type: KnownWebhookType })

/** An event built from Bootpay's answer only. */
export type VerifiedEvent = typeof VerifiedEvent.Type

/** The most a decoded body may nest (objects and lists); Bootpay's receipts need three levels. */
export const maxBodyDepth = 32

/** The largest body `handler` and `NodeWebhook` read unless told otherwise: 1 MiB. */
export const defaultMaxBodyBytes = 1024 * 1024

/** How long `handler` and `NodeWebhook` wait for a whole body unless told otherwise. */
export const defaultReadTimeout: Duration.Duration = Duration.seconds(10)

/** A delivery's text with every control character (CR, LF, ESC, ...) escaped: it stays on one log line. */
const escapeControls = (text: string): string => {
  let out = ""
  for (const char of text) {
    const code = char.codePointAt(0)!
    const control = code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029
    out += !control
      ? char
      : char === "\n"
        ? "\\n"
        : char === "\r"
          ? "\\r"
          : char === "\t"
            ? "\\t"
            : `\\u${code.toString(16).padStart(4, "0")}`
  }
  return out
}

/** A delivery's value in a message, quoted as logfmt quotes: backslashes, quotes and controls escaped. */
const quote = (value: string): string => `"${escapeControls(value.replace(/[\\"]/g, "\\$&"))}"`

const quoteValue = (value: number | string | null): string =>
  typeof value === "string" ? quote(value) : String(value)

/** The body is not a Bootpay webhook (not JSON or form data, not a receipt, no event type, nested too deep). */
export class WebhookInvalidBody extends Schema.TaggedError<WebhookInvalidBody>()("WebhookInvalidBody", {
  reason: Schema.String,
  issues: Schema.Array(Issue)
}) {
  /** The same body stays undecodable. */
  get isRetryable(): boolean {
    return false
  }
  override get message(): string {
    const details = formatIssues(this.issues)
    return escapeControls(
      `invalid Bootpay webhook body: ${this.reason}${details === "" ? "" : `: ${details}`}`
    )
  }
}

/** The body is larger than the endpoint reads (`maxBodyBytes`); answered 413. */
export class WebhookBodyTooLarge extends Schema.TaggedError<WebhookBodyTooLarge>()("WebhookBodyTooLarge", {
  maxBodyBytes: Schema.Number
}) {
  /** The same body stays too large. */
  get isRetryable(): boolean {
    return false
  }
  override get message(): string {
    return `webhook body larger than ${this.maxBodyBytes} bytes`
  }
}

/** The body did not arrive whole within `readTimeout`; answered 408. */
export class WebhookBodyTimeout extends Schema.TaggedError<WebhookBodyTimeout>()("WebhookBodyTimeout", {
  timeoutMillis: Schema.Number
}) {
  /** A slow network may do better on Bootpay's next attempt. */
  get isRetryable(): boolean {
    return true
  }
  override get message(): string {
    return `webhook body not received within ${this.timeoutMillis} ms`
  }
}

/** The sender's address is not in the allowed ranges (Bootpay's published range by default). */
export class WebhookForbiddenSender extends Schema.TaggedError<WebhookForbiddenSender>()(
  "WebhookForbiddenSender",
  { address: Schema.String }
) {
  /** The sender will not move into the range. */
  get isRetryable(): boolean {
    return false
  }
  override get message(): string {
    return `webhook sender ${quote(this.address)} is not in the allowed address ranges`
  }
}

/** A fact the verification compares. */
export const MismatchField = Schema.Literal(
  "receipt_id",
  "price",
  "status",
  "cancelled_price",
  "webhook_type"
)

/** The receipt Bootpay holds contradicts the event: a forged or corrupted webhook. */
export class WebhookMismatch extends Schema.TaggedError<WebhookMismatch>()("WebhookMismatch", {
  receiptId: Schema.String,
  webhookType: Schema.String,
  field: MismatchField,
  /** What the event claims (for `status` of a typed event: the status its type implies). */
  eventValue: Schema.NullOr(Schema.Union(Schema.Number, Schema.String)),
  /** What Bootpay's receipt shows. */
  bootpayValue: Schema.NullOr(Schema.Union(Schema.Number, Schema.String))
}) {
  /** Bootpay's receipt is the truth; asking again gives the same answer. */
  get isRetryable(): boolean {
    return false
  }
  override get message(): string {
    return `webhook ${quote(this.webhookType)} for receipt ${quote(this.receiptId)} disagrees with Bootpay on ${this.field}: event ${quoteValue(this.eventValue)}, Bootpay ${quoteValue(this.bootpayValue)}`
  }
}

/**
 * The event names no change the receipt shows: an undocumented type (`PAYMENT_CONFIRM_FAILED`, ...)
 * for a receipt that is not paid, issued or cancelled. Nothing verified is left to process; a delivery
 * is acknowledged (200) without running `onEvent`.
 */
export class WebhookUnverifiable extends Schema.TaggedError<WebhookUnverifiable>()("WebhookUnverifiable", {
  receiptId: Schema.String,
  webhookType: Schema.String,
  /** The receipt's status, which names no documented event. */
  status: Schema.Number
}) {
  /** The receipt's status decides, and asking again gives the same answer. */
  get isRetryable(): boolean {
    return false
  }
  override get message(): string {
    return `webhook ${quote(this.webhookType)} for receipt ${quote(this.receiptId)} names no change Bootpay's receipt shows (status ${this.status})`
  }
}

/** Another delivery of the same event is being processed right now. */
export class WebhookInProgress extends Schema.TaggedError<WebhookInProgress>()("WebhookInProgress", {
  key: Schema.String
}) {
  /** The other delivery finishes (or gives the event back) soon. */
  get isRetryable(): boolean {
    return true
  }
  override get message(): string {
    return `webhook ${quote(this.key)} is being processed by another delivery`
  }
}

/** Unusable webhook options (a malformed address range, a bad proxy hop count, a zero body limit). */
export class WebhookInvalidOptions extends Schema.TaggedError<WebhookInvalidOptions>()(
  "WebhookInvalidOptions",
  { issues: Schema.Array(Issue) }
) {
  /** Options never fix themselves. */
  get isRetryable(): boolean {
    return false
  }
  override get message(): string {
    return escapeControls(`invalid Bootpay webhook options: ${formatIssues(this.issues)}`)
  }
}

/** Every error of this module. */
export type WebhookError =
  | WebhookInvalidBody
  | WebhookBodyTooLarge
  | WebhookBodyTimeout
  | WebhookForbiddenSender
  | WebhookMismatch
  | WebhookUnverifiable
  | WebhookInProgress
  | WebhookInvalidOptions

/**
 * The event type an older payload (no `webhook_type`, client SDK before 5.x) stands for, from its
 * status: 1 paid, 5 virtual account issued, 20 cancelled (partly when `cancelled_price < price`).
 */
export const typeFromStatus = (receipt: {
  readonly status?: unknown
  readonly price?: unknown
  readonly cancelled_price?: unknown
}): KnownWebhookType | undefined => {
  switch (receipt.status) {
    case Receipt.Status.PAID:
      return "PAYMENT_COMPLETED"
    case Receipt.Status.VIRTUAL_ACCOUNT_ISSUED:
      return "PAYMENT_VIRTUAL_ACCOUNT_ISSUED"
    case Receipt.Status.CANCELLED:
      return typeof receipt.price === "number" &&
        typeof receipt.cancelled_price === "number" &&
        receipt.cancelled_price < receipt.price
        ? "PAYMENT_PARTIAL_CANCELLED"
        : "PAYMENT_CANCELLED"
    default:
      return undefined
  }
}

const invalidBody = (reason: string, issues: ReadonlyArray<Issue> = []) =>
  new WebhookInvalidBody({ reason, issues })

const parseJson = Schema.decodeUnknownEither(Schema.parseJson())

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value)

const isFormType = (contentType: string | undefined): boolean =>
  contentType !== undefined && /application\/x-www-form-urlencoded/i.test(contentType)

/** Receipt fields the schema wants as numbers; form data carries them as strings. */
const numberFields: ReadonlySet<string> = new Set([
  "price",
  "tax_free",
  "cancelled_price",
  "cancelled_tax_free",
  "status"
])
const nestedNumberFields: Readonly<Record<string, ReadonlySet<string>>> = {
  card_data: new Set(["point", "coupon"])
}
const booleanFields: ReadonlySet<string> = new Set(["sandbox"])
/** Only these may hold a JSON string: an `order_name` such as `[이벤트] 상품` must stay text. */
const isObjectField = (key: string): boolean => key === "metadata" || key.endsWith("_data")
/** Keys that reach or replace a prototype (`obj[key] = ...`, a bracket path, a spread into a schema's output). */
const unsafeKeys: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"])

const toNumber = (value: string): number | string | null =>
  value === "" ? null : /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value

const toBoolean = (value: string): boolean | string | null =>
  value === ""
    ? null
    : value === "true" || value === "1"
      ? true
      : value === "false" || value === "0"
        ? false
        : value

/** `card_data[card_no]` -> `["card_data", "card_no"]`; `a[]` appends to an array. */
const bracketPath = (key: string): ReadonlyArray<string> => {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])+)$/.exec(key)
  if (match === null) return [key]
  return [match[1]!, ...Array.from(match[2]!.matchAll(/\[([^[\]]*)\]/g), (part) => part[1]!)]
}

const assign = (target: Record<string, unknown>, path: ReadonlyArray<string>, value: string): void => {
  if (path.some((segment) => unsafeKeys.has(segment))) return
  let node: Record<string, unknown> | Array<unknown> = target
  for (const [index, segment] of path.entries()) {
    if (Array.isArray(node)) {
      // Only `key[]=value` lists are supported; deeper structures inside lists come as JSON strings.
      if (index === path.length - 1) node.push(value)
      return
    }
    if (index === path.length - 1) {
      node[segment] = value
      return
    }
    const wantsList = path[index + 1] === ""
    const child: unknown = node[segment]
    if (wantsList ? !Array.isArray(child) : !isRecord(child)) node[segment] = wantsList ? [] : {}
    node = node[segment] as Record<string, unknown> | Array<unknown>
  }
}

const parseForm = (text: string): Record<string, unknown> => {
  const fields: Record<string, unknown> = {}
  for (const [key, value] of new URLSearchParams(text)) assign(fields, bracketPath(key), value)
  return fields
}

/** Turns form strings back into the types a receipt has; values already typed are left alone. */
const coerceForm = (fields: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(fields).map(([key, value]) => {
      if (typeof value === "string") {
        if (numberFields.has(key)) return [key, toNumber(value)]
        if (booleanFields.has(key)) return [key, toBoolean(value)]
        if (isObjectField(key)) {
          if (value === "") return [key, null]
          if (/^\s*[{[]/.test(value)) {
            const parsed = parseJson(value)
            if (Either.isRight(parsed)) return [key, coerceNested(key, parsed.right)]
          }
        }
        return [key, value]
      }
      return [key, coerceNested(key, value)]
    })
  )

const coerceNested = (key: string, value: unknown): unknown => {
  const numeric = nestedNumberFields[key]
  if (numeric === undefined || !isRecord(value)) return value
  return Object.fromEntries(
    Object.entries(value).map(([field, inner]) => [
      field,
      numeric.has(field) && typeof inner === "string" ? toNumber(inner) : inner
    ])
  )
}

const tooDeep: unique symbol = Symbol("tooDeep")

/**
 * A plain copy of parsed data: objects get `Object.prototype` and lose every `__proto__`,
 * `constructor` and `prototype` key, at every depth; `tooDeep` beyond `maxBodyDepth` levels.
 */
const clean = (value: unknown, level: number): unknown => {
  if (typeof value !== "object" || value === null) return value
  if (level > maxBodyDepth) return tooDeep
  if (Array.isArray(value)) {
    const items: Array<unknown> = []
    for (const item of value) {
      const copy = clean(item, level + 1)
      if (copy === tooDeep) return tooDeep
      items.push(copy)
    }
    return items
  }
  const fields: Record<string, unknown> = {}
  for (const key of Object.keys(value)) {
    if (unsafeKeys.has(key)) continue
    const copy = clean((value as Record<string, unknown>)[key], level + 1)
    if (copy === tooDeep) return tooDeep
    fields[key] = copy
  }
  return fields
}

// Unknown fields are kept, as for every response: Bootpay adds fields without notice.
const decodeEventEither = Schema.decodeUnknownEither(Event, { errors: "all", onExcessProperty: "preserve" })
const decodeEvent = (fields: unknown): Either.Either<Event, Array<Issue>> =>
  Either.mapLeft(decodeEventEither(fields), issuesOf)

const fromFields = (parsed: unknown): Effect.Effect<Event, WebhookInvalidBody> => {
  const fields = clean(parsed, 1)
  if (fields === tooDeep) return Effect.fail(invalidBody(`the body nests deeper than ${maxBodyDepth} levels`))
  if (!isRecord(fields)) return Effect.fail(invalidBody("the body is not an object"))
  const given = fields.webhook_type
  const webhookType = typeof given === "string" && given !== "" ? given : typeFromStatus(fields)
  if (webhookType === undefined) {
    return Effect.fail(
      invalidBody(
        typeof fields.status === "number"
          ? `no webhook_type, and status ${fields.status} names no event`
          : "no webhook_type and no status"
      )
    )
  }
  return Either.match(decodeEvent({ ...fields, webhook_type: webhookType }), {
    onLeft: (issues) => Effect.fail(invalidBody("the body is not a Bootpay receipt", issues)),
    onRight: Effect.succeed
  })
}

/**
 * Decodes a webhook body, unverified: JSON (the default) or `application/x-www-form-urlencoded`, whose
 * string values are turned back into numbers and objects (`card_data[card_no]=...` or
 * `card_data={...}`). An older payload without `webhook_type` gets one from its status
 * (`typeFromStatus`). Keys that would set a prototype are dropped at every depth, and a body nesting
 * deeper than `maxBodyDepth` levels is refused.
 */
export const decode = (
  body: string | Uint8Array,
  contentType?: string
): Effect.Effect<Event, WebhookInvalidBody> =>
  Effect.suspend(() => {
    const text = typeof body === "string" ? body : new TextDecoder().decode(body)
    const form = contentType === undefined ? !/^\s*[{[]/.test(text) : isFormType(contentType)
    if (form) return fromFields(coerceForm(parseForm(text)))
    return Either.match(parseJson(text), {
      onLeft: () => Effect.fail(invalidBody("the body is not JSON")),
      onRight: fromFields
    })
  })

/**
 * Decodes a body a web framework already parsed (Express's `req.body` after `express.json()` or
 * `express.urlencoded()`), unverified and with the same safeguards as `decode`; with a form content
 * type the string values are coerced as in `decode`.
 */
export const decodeParsed = (
  value: unknown,
  contentType?: string
): Effect.Effect<Event, WebhookInvalidBody> =>
  Effect.suspend(() => fromFields(isFormType(contentType) && isRecord(value) ? coerceForm(value) : value))

/** Bootpay's published webhook source range. */
export const bootpayRanges: ReadonlyArray<string> = ["223.130.82.0/24"]

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
 */
export type TrustProxy = boolean | number | ReadonlyArray<string>

/** Where a delivery came from, and how to read it. */
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

type Trust =
  | { readonly _tag: "None" }
  | { readonly _tag: "Hops"; readonly hops: number }
  | { readonly _tag: "Proxies"; readonly ranges: ReadonlyArray<Address.Range> }

/** Sender options once checked: ranges parsed, proxy trust resolved. */
interface SenderPolicy {
  readonly trust: Trust
  readonly allowed: ReadonlyArray<Address.Range>
}

const parseRanges = (ranges: unknown, path: string, issues: Array<Issue>): ReadonlyArray<Address.Range> => {
  if (!Array.isArray(ranges)) {
    issues.push({ path, message: "must be a list of address ranges" })
    return []
  }
  if (ranges.length === 0) issues.push({ path, message: "is empty: no address would match" })
  return ranges.flatMap((text: unknown, index) => {
    const range = typeof text === "string" ? Address.parseRange(text) : "is not a string"
    if (typeof range !== "string") return [range]
    issues.push({
      path: `${path}[${index}]`,
      message: typeof text === "string" ? `${quote(text)} ${range}` : range
    })
    return []
  })
}

const parseTrust = (trust: unknown, issues: Array<Issue>): Trust => {
  if (trust === undefined || trust === false || trust === 0) return { _tag: "None" }
  if (trust === true) return { _tag: "Hops", hops: 1 }
  if (typeof trust === "number") {
    if (Number.isSafeInteger(trust) && trust > 0) return { _tag: "Hops", hops: trust }
    issues.push({ path: "trustProxy", message: "must be a whole number of proxies (0 or more)" })
    return { _tag: "None" }
  }
  if (Array.isArray(trust)) return { _tag: "Proxies", ranges: parseRanges(trust, "trustProxy", issues) }
  issues.push({
    path: "trustProxy",
    message: "must be a number of proxies, a list of proxy ranges, or a boolean"
  })
  return { _tag: "None" }
}

const senderPolicy = (options: SenderOptions, issues: Array<Issue>): SenderPolicy => ({
  trust: parseTrust(options.trustProxy, issues),
  allowed: parseRanges(options.allowedRanges ?? bootpayRanges, "allowedRanges", issues)
})

const resolveSender = (options: SenderOptions): Either.Either<SenderPolicy, WebhookInvalidOptions> => {
  const issues: Array<Issue> = []
  const policy = senderPolicy(options, issues)
  return issues.length === 0 ? Either.right(policy) : Either.left(new WebhookInvalidOptions({ issues }))
}

const inRanges = (ranges: ReadonlyArray<Address.Range>, address: string): boolean => {
  const parsed = Address.parseAddress(address)
  return parsed !== undefined && ranges.some((range) => Address.contains(range, parsed))
}

/** The sender's address under a policy, or `undefined` when the delivery names none that can be trusted. */
const senderOf = (
  trust: Trust,
  remoteAddress: string | undefined,
  forwardedFor: string | ReadonlyArray<string> | undefined
): string | undefined => {
  if (remoteAddress === undefined || remoteAddress.trim() === "") return undefined
  if (trust._tag === "None") return remoteAddress
  const header =
    forwardedFor === undefined ? "" : typeof forwardedFor === "string" ? forwardedFor : forwardedFor.join(",")
  // Left to right as the proxies appended: the client's own claims first, the peer last.
  const chain = [
    ...header
      .split(",")
      .map((entry) => entry.trim())
      .filter((entry) => entry !== ""),
    remoteAddress
  ]
  if (trust._tag === "Hops") return chain[chain.length - 1 - trust.hops]
  for (let index = chain.length - 1; index >= 0; index--) {
    if (!inRanges(trust.ranges, chain[index]!)) return chain[index]
  }
  return undefined
}

/** Whether an address (IPv4, IPv6 or IPv4-mapped IPv6) is in one of the ranges; a malformed range matches nothing. */
export const isAllowedAddress = (address: string, ranges: ReadonlyArray<string> = bootpayRanges): boolean =>
  inRanges(
    ranges.flatMap((text) => {
      const range = Address.parseRange(text)
      return typeof range === "string" ? [] : [range]
    }),
    address
  )

/**
 * The sender's address: the peer address, or with `trustProxy` the `X-Forwarded-For` entry it names;
 * `undefined` when none can be trusted (no peer address, a header shorter than the proxy count,
 * unusable options).
 */
export const senderAddress = (options: SenderOptions): string | undefined => {
  const issues: Array<Issue> = []
  const trust = parseTrust(options.trustProxy, issues)
  return issues.length > 0 ? undefined : senderOf(trust, options.remoteAddress, options.forwardedFor)
}

const checkSenderWith = (
  policy: SenderPolicy,
  remoteAddress: string | undefined,
  forwardedFor: string | ReadonlyArray<string> | undefined
): Effect.Effect<void, WebhookForbiddenSender> => {
  const address = senderOf(policy.trust, remoteAddress, forwardedFor)
  if (address === undefined) return Effect.fail(new WebhookForbiddenSender({ address: "unknown" }))
  return inRanges(policy.allowed, address)
    ? Effect.void
    : Effect.fail(new WebhookForbiddenSender({ address }))
}

/**
 * Refuses a sender outside the allowed ranges, and one whose address cannot be trusted. Without any
 * address (neither `remoteAddress` nor `forwardedFor`) there is nothing to check.
 */
export const checkSender = (
  options: SenderOptions
): Effect.Effect<void, WebhookForbiddenSender | WebhookInvalidOptions> =>
  Effect.suspend(() =>
    Either.match(resolveSender(options), {
      onLeft: (error): Effect.Effect<void, WebhookForbiddenSender | WebhookInvalidOptions> =>
        Effect.fail(error),
      onRight: (policy) =>
        options.remoteAddress === undefined && options.forwardedFor === undefined
          ? Effect.void
          : checkSenderWith(policy, options.remoteAddress, options.forwardedFor)
    })
  )

/**
 * Where a status sits in a payment's life. A receipt only moves forward (awaiting confirm or virtual
 * account issued, then paid, then cancelled), so an event may be older than the receipt but never
 * ahead of it. Statuses not listed must match exactly.
 */
const statusStage: Readonly<Record<number, number>> = {
  [Receipt.Status.PENDING]: 0,
  [Receipt.Status.AWAITING_CONFIRM]: 1,
  /** Approval in progress at the PG (older documentation). */
  3: 1,
  [Receipt.Status.VIRTUAL_ACCOUNT_ISSUED]: 1,
  [Receipt.Status.PAID]: 2,
  /** Cancel in progress (older documentation): the payment was made. */
  [-30]: 2.5,
  [Receipt.Status.CANCELLED]: 3
}

const reachable = (from: number, to: number): boolean => {
  const start = statusStage[from]
  const end = statusStage[to]
  return from === to || (start !== undefined && end !== undefined && end > start)
}

const impliedStatus: Readonly<Record<KnownWebhookType, number>> = {
  PAYMENT_COMPLETED: Receipt.Status.PAID,
  PAYMENT_VIRTUAL_ACCOUNT_ISSUED: Receipt.Status.VIRTUAL_ACCOUNT_ISSUED,
  PAYMENT_CANCELLED: Receipt.Status.CANCELLED,
  PAYMENT_PARTIAL_CANCELLED: Receipt.Status.CANCELLED
}

const isKnownType = (type: string): type is KnownWebhookType => Object.hasOwn(impliedStatus, type)

const isVirtualAccount = (receipt: Receipt.Receipt): boolean =>
  receipt.method_symbol === "vbank" || (typeof receipt.vbank_data === "object" && receipt.vbank_data !== null)

const isCancelType = (type: KnownWebhookType): boolean =>
  type === "PAYMENT_CANCELLED" || type === "PAYMENT_PARTIAL_CANCELLED"

/**
 * The documented type a verified event carries. A payment or an issued account happened once, so those
 * types stay as announced, however far the receipt has moved since. Cancel events, and types this SDK
 * does not know, take the receipt's own state (`typeFromStatus`): the amount Bootpay shows decides
 * between a partial and a full cancel, and every notice about one cancelled amount is one event.
 */
const verifiedType = (type: string, receipt: Receipt.Receipt): KnownWebhookType | undefined =>
  type === "PAYMENT_COMPLETED" || type === "PAYMENT_VIRTUAL_ACCOUNT_ISSUED" ? type : typeFromStatus(receipt)

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
 */
export const check = (
  event: Event,
  receipt: Receipt.Receipt
): Effect.Effect<VerifiedEvent, WebhookMismatch | WebhookUnverifiable> => {
  const mismatch = (
    field: typeof MismatchField.Type,
    eventValue: number | string | null | undefined,
    bootpayValue: number | string | null | undefined
  ) =>
    Effect.fail(
      new WebhookMismatch({
        receiptId: event.receipt_id,
        webhookType: event.webhook_type,
        field,
        eventValue: eventValue ?? null,
        bootpayValue: bootpayValue ?? null
      })
    )
  if (receipt.receipt_id !== event.receipt_id) {
    return mismatch("receipt_id", event.receipt_id, receipt.receipt_id)
  }
  if (typeof event.price === "number" && event.price !== receipt.price) {
    return mismatch("price", event.price, receipt.price)
  }
  const implied = isKnownType(event.webhook_type) ? impliedStatus[event.webhook_type] : undefined
  if (implied !== undefined && !reachable(implied, receipt.status)) {
    return mismatch("status", implied, receipt.status)
  }
  if (!reachable(event.status, receipt.status)) {
    return mismatch("status", event.status, receipt.status)
  }
  const eventCancelled = event.cancelled_price ?? 0
  const bootpayCancelled = receipt.cancelled_price ?? 0
  if (eventCancelled > bootpayCancelled) {
    return mismatch("cancelled_price", eventCancelled, bootpayCancelled)
  }
  if (
    event.webhook_type === "PAYMENT_CANCELLED" &&
    typeof receipt.price === "number" &&
    bootpayCancelled < receipt.price
  ) {
    return mismatch("cancelled_price", event.cancelled_price ?? receipt.price, bootpayCancelled)
  }
  if (event.webhook_type === "PAYMENT_VIRTUAL_ACCOUNT_ISSUED" && !isVirtualAccount(receipt)) {
    return mismatch("webhook_type", event.webhook_type, receipt.method_symbol)
  }
  const type = verifiedType(event.webhook_type, receipt)
  if (type === undefined) {
    return Effect.fail(
      new WebhookUnverifiable({
        receiptId: receipt.receipt_id,
        webhookType: event.webhook_type,
        status: receipt.status
      })
    )
  }
  return Effect.succeed({ ...receipt, webhook_type: type })
}

/** How the receipt of an event is fetched back. */
export type Lookup<E, R> = (receiptId: string) => Effect.Effect<Receipt.Receipt, E, R>

/** What `Receipt.lookup` can fail with. */
export type LookupError = Operation.Failure<typeof Receipt.lookup>

const lookupReceipt: Lookup<LookupError, BootpayClient.BootpayClient> = (receiptId) =>
  Receipt.lookup(receiptId)

/** Fetches the receipt and checks the event against it. */
const lookupAndCheck = <LE, LR>(
  lookup: Lookup<LE, LR>,
  event: Event
): Effect.Effect<
  { readonly verified: VerifiedEvent; readonly receipt: Receipt.Receipt },
  LE | WebhookMismatch | WebhookUnverifiable,
  LR
> =>
  lookup(event.receipt_id).pipe(
    Effect.flatMap((receipt) => Effect.map(check(event, receipt), (verified) => ({ verified, receipt }))),
    Effect.withSpan("Bootpay.Webhook.verify", {
      attributes: { "bootpay.receipt_id": event.receipt_id, "bootpay.webhook_type": event.webhook_type }
    })
  )

/** `verify` over another way of fetching the receipt (a Promise client, a cache). */
export const verifyWith =
  <LE, LR>(lookup: Lookup<LE, LR>) =>
  (
    event: Event,
    options: SenderOptions = {}
  ): Effect.Effect<
    VerifiedEvent,
    LE | WebhookForbiddenSender | WebhookMismatch | WebhookUnverifiable | WebhookInvalidOptions,
    LR
  > =>
    checkSender(options).pipe(
      Effect.zipRight(lookupAndCheck(lookup, event)),
      Effect.map(({ verified }) => verified)
    )

/**
 * Verifies an event: checks the sender when an address is given (see `SenderOptions`), fetches the
 * receipt with `Receipt.lookup` and applies the rules of `check`. Answers the `VerifiedEvent`, built
 * from Bootpay's receipt alone: act on it, never on the event.
 */
export const verify: (
  event: Event,
  options?: SenderOptions
) => Effect.Effect<
  VerifiedEvent,
  LookupError | WebhookForbiddenSender | WebhookMismatch | WebhookUnverifiable | WebhookInvalidOptions,
  BootpayClient.BootpayClient
> = verifyWith(lookupReceipt)

/**
 * The key one state change is processed once under: the receipt id, the verified type and, for a
 * cancel, Bootpay's cumulative cancelled amount (partial cancels repeat the receipt id, not the
 * amount). A payment or an issued account happens once, so its amount part is always 0: the same
 * `PAYMENT_COMPLETED` arriving after a cancel is still the one already processed. Every part comes
 * from Bootpay's receipt, so a sender can only name keys of real state changes.
 */
export const idempotencyKey = (event: VerifiedEvent): string =>
  `${event.receipt_id}:${event.webhook_type}:${isCancelType(event.webhook_type) ? (event.cancelled_price ?? 0) : 0}`

/** The only answer Bootpay counts as delivered, with HTTP 200. */
export const successBody = { success: true } as const

const decodeSuccess = Schema.decodeUnknownEither(
  Schema.parseJson(Schema.Struct({ success: Schema.Literal(true) })),
  {
    onExcessProperty: "error"
  }
)

/** Whether an answer counts as delivered: HTTP 200 and a JSON body that is exactly `{"success": true}`. */
export const isSuccess = (status: number, body: string): boolean =>
  status === 200 && Either.isRight(decodeSuccess(body))

/** Options of the in-memory store. */
export interface MemoryOptions {
  /** Most keys remembered; the oldest are forgotten first (default 10,000). */
  readonly capacity?: number
  /** How long a processed key is remembered (default 1 day; Bootpay's retries end well before). */
  readonly ttl?: Duration.DurationInput
  /** How long a claim holds without `complete` or `release`, e.g. after a crash (default 5 minutes). */
  readonly claimTtl?: Duration.DurationInput
}

/** The interface of a `WebhookStore`. */
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
 * Remembers which events were processed, so concurrent and repeated deliveries run the handler once.
 * Only keys of verified events reach it (`idempotencyKey`).
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

/** One HTTP delivery, as any server sees it. */
export interface Delivery {
  /** The raw body. */
  readonly body: string | Uint8Array
  /** A body the framework already parsed (Express's `req.body`); used instead of `body` when set. */
  readonly parsed?: unknown
  readonly contentType?: string | undefined
  readonly remoteAddress?: string | undefined
  readonly forwardedFor?: string | ReadonlyArray<string> | undefined
}

/** What to answer Bootpay: `200 {"success": true}`, or an error status that makes it retry. */
export interface Answer {
  readonly status: number
  readonly body: { readonly success: boolean; readonly error?: string }
}

/** Options of `handler` and `respond` (and of `NodeWebhook.make`). */
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

/** Handler options once checked. */
interface Resolved {
  readonly checkSender: boolean
  readonly sender: SenderPolicy
  readonly maxBodyBytes: number
  readonly readTimeout: Duration.Duration
}

const resolveOptions = (options: HandlerOptions): Either.Either<Resolved, WebhookInvalidOptions> => {
  const issues: Array<Issue> = []
  const sender = senderPolicy(options, issues)
  const checkSender = options.checkSender ?? false
  if (typeof checkSender !== "boolean") issues.push({ path: "checkSender", message: "must be a boolean" })
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) {
    issues.push({ path: "maxBodyBytes", message: "must be a whole number of bytes, at least 1" })
  }
  const readTimeout = Option.getOrUndefined(Duration.decodeUnknown(options.readTimeout ?? defaultReadTimeout))
  if (readTimeout === undefined || !Duration.isFinite(readTimeout) || Duration.toMillis(readTimeout) <= 0) {
    issues.push({ path: "readTimeout", message: "must be a positive, finite duration" })
  }
  return issues.length === 0 && readTimeout !== undefined
    ? Either.right({ checkSender: checkSender === true, sender, maxBodyBytes, readTimeout })
    : Either.left(new WebhookInvalidOptions({ issues }))
}

/** Checks handler options as `handler` and `NodeWebhook.make` do before serving anything. */
export const checkOptions = (options: HandlerOptions): Effect.Effect<void, WebhookInvalidOptions> =>
  Effect.suspend(() =>
    Either.match(resolveOptions(options), { onLeft: Effect.fail, onRight: () => Effect.void })
  )

/**
 * The merchant's processing of one verified state change: `event` and `receipt` are built from
 * Bootpay's answer to the lookup, never from the delivery's body.
 */
export type OnEvent<E, R> = (event: VerifiedEvent, receipt: Receipt.Receipt) => Effect.Effect<unknown, E, R>

/** The receipt lookup failed: Bootpay unreachable, wrong keys, unknown receipt. */
class LookupFailed extends Data.TaggedError("LookupFailed")<{ readonly error: unknown }> {}
/** The merchant's `onEvent` failed. */
class HandlerFailed extends Data.TaggedError("HandlerFailed")<{ readonly error: unknown }> {}

const isRetryable = (error: unknown): boolean =>
  typeof error === "object" && error !== null && (error as { isRetryable?: unknown }).isRetryable === true

const tagOf = (error: unknown): string | undefined =>
  typeof error === "object" && error !== null && typeof (error as { _tag?: unknown })._tag === "string"
    ? (error as { _tag: string })._tag
    : undefined

/** A lookup failure on one line: its tag (or name) and message, without a stack. */
const describe = (error: unknown): string => {
  const name = tagOf(error) ?? (error instanceof Error ? error.name : "Error")
  const message = error instanceof Error ? error.message : String(error)
  return escapeControls(message === "" ? name : `${name}: ${message}`)
}

const answer = (status: number, error?: string): Answer =>
  error === undefined ? { status, body: successBody } : { status, body: { success: false, error } }

/** The answer to a failure: the status says what went wrong, the body names it without details. */
const failureAnswer = (error: WebhookError | LookupFailed | HandlerFailed): Answer => {
  switch (error._tag) {
    case "WebhookInvalidBody":
      return answer(400, error._tag)
    case "WebhookBodyTooLarge":
      return answer(413, error._tag)
    case "WebhookBodyTimeout":
      return answer(408, error._tag)
    case "WebhookForbiddenSender":
      return answer(403, error._tag)
    case "WebhookInProgress":
      return answer(409, error._tag)
    case "WebhookMismatch":
      // The body never says which field or value: the caller may be a forger probing for the truth.
      return answer(422, error._tag)
    case "WebhookUnverifiable":
      // Nothing verified to process, and asking again changes nothing: Bootpay may stop retrying.
      return answer(200)
    case "WebhookInvalidOptions":
      return answer(500, "InternalError")
    case "LookupFailed":
      switch (tagOf(error.error)) {
        case "NotFound":
          return answer(404, "ReceiptNotFound")
        case "InvalidRequest":
          // The delivery's receipt id cannot even be asked about (a lone surrogate, `..`): a bad body.
          return answer(400, "WebhookInvalidBody")
        default:
          return answer(isRetryable(error.error) ? 503 : 502, "ReceiptLookupFailed")
      }
    case "HandlerFailed":
      return answer(500, "EventHandlerFailed")
  }
}

const refuseWith = (error: WebhookError | LookupFailed | HandlerFailed): Effect.Effect<Answer> => {
  const reply = failureAnswer(error)
  switch (error._tag) {
    // Another delivery is already processing the event: expected under retries, not worth a warning.
    case "WebhookInProgress":
      return Effect.as(
        Effect.logDebug(`Bootpay webhook not accepted (HTTP 409 ${error._tag})`, error.message),
        reply
      )
    case "WebhookUnverifiable":
      return Effect.as(Effect.logInfo("Bootpay webhook acknowledged without onEvent", error.message), reply)
    case "WebhookInvalidOptions":
      return Effect.as(Effect.logError("Bootpay webhook options are unusable", error.message), reply)
    case "HandlerFailed":
      // The merchant's own failure, with its cause as it was raised.
      return Effect.as(
        Effect.logWarning(
          `Bootpay webhook not accepted (HTTP 500 EventHandlerFailed)`,
          Cause.fail(error.error)
        ),
        reply
      )
    default:
      return Effect.as(
        Effect.logWarning(
          `Bootpay webhook not accepted (HTTP ${reply.status} ${reply.body.error})`,
          error._tag === "LookupFailed" ? describe(error.error) : error.message
        ),
        reply
      )
  }
}

/**
 * The answer to a delivery refused with `error`, logged the way `respond` logs it (values from the
 * delivery escaped, so a forged field cannot start a log line of its own). For integrations that read
 * the body themselves: a body over the limit is `WebhookBodyTooLarge`, a slow one `WebhookBodyTimeout`.
 */
export const refuse = (error: WebhookError): Effect.Effect<Answer> => refuseWith(error)

/** One delivery end to end, with options already checked. */
const deliver = <LE, LR, E, R>(
  lookup: Lookup<LE, LR>,
  delivery: Delivery,
  onEvent: OnEvent<E, R>,
  options: Resolved
): Effect.Effect<Answer, never, R | LR | WebhookStore> => {
  const program = Effect.gen(function* () {
    if (options.checkSender) {
      yield* checkSenderWith(options.sender, delivery.remoteAddress, delivery.forwardedFor)
    }
    const event = yield* delivery.parsed === undefined
      ? decode(delivery.body, delivery.contentType)
      : decodeParsed(delivery.parsed, delivery.contentType)
    yield* Effect.annotateCurrentSpan({
      "bootpay.receipt_id": event.receipt_id,
      "bootpay.webhook_type": event.webhook_type
    })
    const lookupOrFail = (receiptId: string) =>
      Effect.mapError(lookup(receiptId), (error) => new LookupFailed({ error }))
    // Verified before anything is claimed: no unverified notice ever enters the store.
    const { verified, receipt } = yield* lookupAndCheck(lookupOrFail, event)
    const store = yield* WebhookStore
    const key = idempotencyKey(verified)
    yield* Effect.annotateCurrentSpan("bootpay.webhook.verified_type", verified.webhook_type)
    if (!(yield* store.claim(key))) {
      yield* Effect.annotateCurrentSpan("bootpay.webhook.duplicate", true)
      return answer(200)
    }
    yield* Effect.mapError(onEvent(verified, receipt), (error) => new HandlerFailed({ error })).pipe(
      Effect.onExit((exit) => (Exit.isSuccess(exit) ? store.complete(key) : store.release(key)))
    )
    return answer(200)
  })
  return program.pipe(
    Effect.catchAllCause((cause) =>
      Option.match(Cause.failureOption(cause), {
        onNone: () =>
          Effect.as(Effect.logError("Bootpay webhook failed", cause), answer(500, "InternalError")),
        onSome: refuseWith
      })
    ),
    Effect.withSpan("Bootpay.Webhook.handle", { kind: "server" })
  )
}

/** `respond` over another way of fetching the receipt (the Promise client of `@effect-bootpay/node`). */
export const respondWith =
  <LE, LR>(lookup: Lookup<LE, LR>) =>
  <E, R>(
    delivery: Delivery,
    onEvent: OnEvent<E, R>,
    options: HandlerOptions = {}
  ): Effect.Effect<Answer, never, R | LR | WebhookStore> =>
    Effect.suspend(() =>
      Either.match(resolveOptions(options), {
        onLeft: refuseWith,
        onRight: (resolved) => deliver(lookup, delivery, onEvent, resolved)
      })
    )

/**
 * Handles one delivery end to end: check the sender (with `checkSender`), decode, fetch the receipt
 * and verify the event against it, then claim the verified event's idempotency key and run `onEvent`
 * once with what Bootpay's answer proves. It never fails: every problem becomes an answer, non-200 so
 * Bootpay retries. A repeated event answers 200 without running `onEvent`; one still being processed
 * answers 409. Unusable options answer 500 to every delivery (`handler` refuses them up front).
 */
export const respond: <E, R>(
  delivery: Delivery,
  onEvent: OnEvent<E, R>,
  options?: HandlerOptions
) => Effect.Effect<Answer, never, R | BootpayClient.BootpayClient | WebhookStore> = respondWith(lookupReceipt)

/** Reads a request's body up to `maxBodyBytes` within `readTimeout`, refusing a larger one before reading it all. */
const readBody = (
  request: HttpServerRequest.HttpServerRequest,
  options: Resolved
): Effect.Effect<Uint8Array, WebhookInvalidBody | WebhookBodyTooLarge | WebhookBodyTimeout> => {
  const limit = options.maxBodyBytes
  const declared = request.headers["content-length"]
  if (declared !== undefined && !/^\d+$/.test(declared.trim())) {
    return Effect.fail(invalidBody("the Content-Length header is not a number"))
  }
  if (declared !== undefined && Number(declared) > limit) {
    return Effect.fail(new WebhookBodyTooLarge({ maxBodyBytes: limit }))
  }
  return request.stream.pipe(
    Stream.mapError(() => invalidBody("the body could not be read")),
    Stream.runFoldEffect({ size: 0, chunks: [] as Array<Uint8Array> }, (read, chunk) => {
      const size = read.size + chunk.length
      if (size > limit) return Effect.fail(new WebhookBodyTooLarge({ maxBodyBytes: limit }))
      read.chunks.push(chunk)
      return Effect.succeed({ size, chunks: read.chunks })
    }),
    Effect.map(({ chunks, size }) => {
      const body = new Uint8Array(size)
      let offset = 0
      for (const chunk of chunks) {
        body.set(chunk, offset)
        offset += chunk.length
      }
      return body
    }),
    Effect.timeoutFail({
      duration: options.readTimeout,
      onTimeout: () => new WebhookBodyTimeout({ timeoutMillis: Duration.toMillis(options.readTimeout) })
    })
  )
}

/**
 * The webhook endpoint as an `@effect/platform` HTTP app, built once: `yield* Webhook.handler(onEvent)`
 * fails with `WebhookInvalidOptions` for unusable options (a malformed range, say) before any delivery.
 * The app reads at most `maxBodyBytes` (1 MiB by default; a larger declared or streamed body is
 * answered 413) within `readTimeout` (10 seconds by default; else 408), runs `respond`, and answers
 * `200 {"success": true}` only when `onEvent` succeeded (or already had for this state change).
 */
export const handler = <E, R>(
  onEvent: OnEvent<E, R>,
  options: HandlerOptions = {}
): Effect.Effect<
  HttpApp.Default<never, R | BootpayClient.BootpayClient | WebhookStore>,
  WebhookInvalidOptions
> =>
  Effect.suspend(() =>
    Either.match(resolveOptions(options), {
      onLeft: Effect.fail,
      onRight: (resolved) =>
        Effect.succeed(
          Effect.gen(function* () {
            const request = yield* HttpServerRequest.HttpServerRequest
            const body = yield* Effect.either(readBody(request, resolved))
            const reply = Either.isLeft(body)
              ? yield* refuseWith(body.left)
              : yield* deliver(
                  lookupReceipt,
                  {
                    body: body.right,
                    contentType: request.headers["content-type"],
                    remoteAddress: Option.getOrUndefined(request.remoteAddress),
                    forwardedFor: request.headers["x-forwarded-for"]
                  },
                  onEvent,
                  resolved
                )
            // A body left unread: the connection cannot carry another request.
            const close = Either.isLeft(body) && body.left._tag !== "WebhookInvalidBody"
            return HttpServerResponse.unsafeJson(reply.body, {
              status: reply.status,
              ...(close ? { headers: { connection: "close" } } : {})
            })
          })
        )
    })
  )
