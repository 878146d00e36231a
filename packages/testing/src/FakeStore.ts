/**
 * The state of a fake Bootpay: receipts, tokens, recorded requests and injected faults, with the
 * rules Bootpay enforces (a partial cancel above the remaining amount is refused, a `cancel_id` is
 * used once, a phone payment cannot be cancelled after its month in Korea time, ...).
 *
 * The store is plain synchronous data so both Effect tests and Promise tests can seed and inspect it.
 *
 * @since 0.1.0
 */
import { Receipt } from "@effect-bootpay/core/index"
import * as Duration from "effect/Duration"
import { BillingState, type FakeBillingKey, type FakeReservation } from "./internal/billingState.js"
import { IdentityState } from "./internal/identityState.js"
import { FakeWebhooks, type WebhookDelivery, type WebhookOptions } from "./internal/webhooks.js"

export {
  type FakeBillingKey,
  type FakeReservation,
  type FakeTransferRequest,
  ReservationStatus
} from "./internal/billingState.js"
export {
  CertificateStatus,
  type FakeAuthenticateData,
  type FakeCertificate,
  type FakeUserToken,
  IdentityState,
  verificationValidityMillis
} from "./internal/identityState.js"
export {
  FakeWebhooks,
  formEncode,
  type WebhookAttempt,
  type WebhookDelivery,
  type WebhookOptions
} from "./internal/webhooks.js"

/**
 * A JSON object as Bootpay sends it.
 *
 * @since 0.1.0
 * @category models
 */
export type Json = Record<string, unknown>

/**
 * A receipt held by the fake; the same shape Bootpay answers with.
 *
 * @since 0.1.0
 * @category models
 */
export interface FakeReceipt extends Json {
  receipt_id: string
  order_id: string
  price: number
  tax_free: number
  cancelled_price: number
  cancelled_tax_free: number
  order_name: string
  method_symbol: string
  status: number
  purchased_at?: string
}

/**
 * A request the fake received, for assertions (the `authorization` header is left out).
 *
 * @since 0.1.0
 * @category models
 */
export interface RecordedRequest {
  readonly method: string
  readonly path: string
  readonly query: Readonly<Record<string, string>>
  readonly headers: Readonly<Record<string, string>>
  readonly body: unknown
  /** The operation it matched (`Receipt.cancel`), if any. */
  readonly operation: string | undefined
}

/**
 * A fault to inject into the next matching call.
 *
 * @since 0.1.0
 * @category models
 */
export type Fault =
  /** Answer with this status and body instead; no state changes. */
  | {
      readonly _tag: "Respond"
      readonly status: number
      readonly body: unknown
      readonly headers?: Readonly<Record<string, string>>
    }
  /** The PG declines: HTTP 400 with the given codes; no state changes. */
  | {
      readonly _tag: "Decline"
      readonly errorCode: string
      readonly pgErrorCode?: string | number
      readonly message?: string
    }
  /** Answer normally, after a delay (fake-clock time in the layer, wall time in the server). */
  | { readonly _tag: "Latency"; readonly duration: Duration.DurationInput }
  /** Drop the connection before anything happens. */
  | { readonly _tag: "DropBefore" }
  /** Apply the call, then drop the connection: the change happened, the client saw a reset. */
  | { readonly _tag: "DropAfter" }

interface Injected {
  readonly operation: string | undefined
  readonly fault: Fault
  remaining: number
}

/**
 * Credentials the fake accepts.
 *
 * @since 0.1.0
 * @category models
 */
export interface Credentials {
  readonly clientKey: string
  readonly secretKey: string
  readonly applicationId: string
  readonly privateKey: string
}

/**
 * Options of a fake Bootpay.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options extends Partial<Credentials> {
  /** Start time of the fake clock in epoch milliseconds (the server; the layer uses Effect's `Clock`). */
  readonly now?: number
  /**
   * `frozen` (the default): time moves only with `advance`, `setTime` or the layer's `Clock`.
   * `wall`: time follows the wall clock (plus any `advance`), as the `effect-bootpay-fake` command runs.
   */
  readonly clock?: "frozen" | "wall"
  /** Where webhooks (웹훅) go on every receipt state change: a loopback URL; none when omitted. */
  readonly webhookUrl?: string
  /** How webhooks are delivered: format, attempts, interval, timeout. */
  readonly webhook?: WebhookOptions
}

/**
 * Bootpay's receipt status codes, the same constants the SDK names.
 *
 * @since 0.1.0
 * @category models
 */
export const Status = Receipt.Status

const statusLocales: Readonly<Record<number, string>> = {
  0: "결제대기",
  1: "결제완료",
  2: "승인대기",
  5: "가상계좌발급완료",
  11: "빌링키발급완료",
  12: "본인인증완료",
  20: "결제취소완료",
  41: "자동결제빌링키발급이전"
}

/**
 * The Korean text Bootpay gives a status.
 *
 * @since 0.1.0
 * @category utils
 */
export const statusLocale = (status: number): string => statusLocales[status] ?? "알 수 없음"

const methodNames: Readonly<Record<string, string>> = {
  card: "카드",
  phone: "휴대폰",
  bank: "계좌이체",
  vbank: "가상계좌",
  card_rebill: "카드자동",
  automatic_transfer_rest: "계좌자동이체"
}

/**
 * A time as Bootpay writes it: ISO 8601 in Korea time (`2026-11-27T06:38:15+09:00`).
 *
 * @since 0.1.0
 * @category utils
 */
export const kstIso = (millis: number): string =>
  `${new Date(millis + 9 * 3_600_000).toISOString().slice(0, 19)}+09:00`

/**
 * The fake's state.
 *
 * @since 0.1.0
 * @category models
 */
export class FakeStore {
  /** Receipts by receipt id. */
  readonly receipts = new Map<string, FakeReceipt>()
  /** Every request received, oldest first. */
  readonly requests: Array<RecordedRequest> = []
  /** The credentials the fake accepts. */
  readonly credentials: Credentials
  /** Bearer tokens issued, with their expiry (epoch ms). */
  readonly tokens = new Map<string, number>()
  /** Token requests answered, for assertions on the token service. */
  tokenRequests = 0
  /** Billing keys, bank-transfer key requests and reservations (빌링키, 예약). */
  readonly billing: BillingState = new BillingState(this)
  /** Identity verifications (본인인증) and user tokens (사용자 토큰); `identity.otp` is the SMS code expected. */
  readonly identity: IdentityState = new IdentityState(this)
  /** Called after a receipt changed state (paid, virtual account issued, cancelled); webhooks listen. */
  readonly receiptListeners: Array<(receipt: FakeReceipt) => void> = []
  /** Webhook delivery (웹훅): URL, options, every delivery and its attempts. */
  readonly webhooks: FakeWebhooks

  private readonly cancelIds = new Map<string, Set<string>>()
  private readonly faults: Array<Injected> = []
  private counter = 0
  private base: number
  private offset = 0
  private frozen: boolean

  constructor(options: Options = {}) {
    this.credentials = {
      clientKey: options.clientKey ?? "test",
      secretKey: options.secretKey ?? "test",
      applicationId: options.applicationId ?? "test",
      privateKey: options.privateKey ?? "test"
    }
    this.frozen = options.clock !== "wall"
    this.base = options.now ?? (this.frozen ? Date.parse("2026-01-15T12:00:00+09:00") : Date.now())
    if (!this.frozen) this.offset = this.base - Date.now()
    this.webhooks = new FakeWebhooks(this, options.webhookUrl, options.webhook)
    this.receiptListeners.push((receipt) => this.webhooks.receiptChanged(receipt))
  }

  /**
   * The fake's current time in epoch milliseconds: its base time (frozen) or the wall clock, plus
   * every `advance` and `setTime`.
   */
  get now(): number {
    return (this.frozen ? this.base : Date.now()) + this.offset
  }

  /** Whether the clock stands still between `advance` calls (`false`: it follows the wall clock). */
  get clockFrozen(): boolean {
    return this.frozen
  }

  /** Sets the base time (the Effect layer syncs it with `Clock` on every request); advances still add. */
  setBaseTime(millis: number): void {
    this.base = millis
    this.runDue()
  }

  /** Moves the fake clock forward: tokens expire, verifications time out, reservations come due. */
  advance(duration: Duration.DurationInput): void {
    this.offset += Duration.toMillis(Duration.decode(duration))
    this.runDue()
  }

  /** Sets the fake's time to `millis` (frozen or not, the clock goes on from there); moving back undoes nothing. */
  setTime(millis: number): void {
    this.offset = millis - (this.frozen ? this.base : Date.now())
    this.runDue()
  }

  /** Stops the clock at its current time (or at `millis`): from now on it moves only when told. */
  freeze(millis?: number): void {
    if (!this.frozen) {
      // The same offset over a base of the wall time now: the time read does not jump.
      this.base = Date.now()
      this.frozen = true
    }
    if (millis !== undefined) this.setTime(millis)
  }

  /** Lets a frozen clock run again with the wall clock, from its current time. */
  resume(): void {
    if (!this.frozen) return
    this.offset = this.base + this.offset - Date.now()
    this.frozen = false
  }

  /**
   * Forgets every receipt, key, reservation, verification, token, recorded request, fault and webhook
   * delivery, as a new fake would; the credentials, the webhook target and the clock stay.
   */
  reset(): void {
    this.webhooks.clear()
    this.receipts.clear()
    this.requests.length = 0
    this.tokens.clear()
    this.tokenRequests = 0
    this.billing.clear()
    this.identity.clear()
    this.cancelIds.clear()
    this.faults.length = 0
    this.counter = 0
  }

  /** Runs what the fake's time has made due (reservations); the router calls it before each request. */
  runDue(): void {
    this.billing.executeDue()
  }

  /** Live billing keys by key (a destroyed key is gone); card numbers are masked. */
  get billingKeys(): ReadonlyMap<string, FakeBillingKey> {
    return this.billing.keys
  }

  /** Reservations by reserve id, whatever their status. */
  get reservations(): ReadonlyMap<string, FakeReservation> {
    return this.billing.reservations
  }

  /** Adds a billing key as if the buyer issued it in the browser; look it up by its `receipt_id`. */
  createBillingKey(fields: Partial<FakeBillingKey> & Json = {}): FakeBillingKey {
    return this.billing.create(fields)
  }

  /** Completes the holder's consent (ARS or simple auth) to a bank-transfer key request, so it can be published. */
  completeTransferConsent(receiptId: string): void {
    this.billing.completeConsent(receiptId)
  }

  /** A new 24-hex id, deterministic per store. */
  nextId(): string {
    this.counter += 1
    return (0x6100000000 + this.counter).toString(16).padStart(24, "0")
  }

  /**
   * Records a payment made in the browser: status 1 (paid) by default, 2 to await a server confirm,
   * 5 for an issued virtual account; `method_symbol` `card`, `phone`, `bank`, `vbank` ...
   */
  createReceipt(fields: Partial<FakeReceipt> & Json = {}): FakeReceipt {
    const now = kstIso(this.now)
    const status = fields.status ?? Status.PAID
    const method = fields.method_symbol ?? "card"
    const receiptId = fields.receipt_id ?? this.nextId()
    const receipt: FakeReceipt = {
      receipt_id: receiptId,
      order_id: `order-${this.counter}`,
      price: 1000,
      tax_free: 0,
      cancelled_price: 0,
      cancelled_tax_free: 0,
      order_name: "테스트 상품",
      company_name: "테스트 상점",
      gateway_url: "https://gw.bootpay.co.kr",
      metadata: {},
      sandbox: true,
      pg: "나이스페이먼츠",
      method: methodNames[method] ?? method,
      method_symbol: method,
      method_origin: methodNames[method] ?? method,
      method_origin_symbol: method,
      requested_at: now,
      status,
      status_locale: statusLocale(status),
      currency: "KRW",
      receipt_url: `https://door.bootpay.co.kr/receipt/${receiptId}`,
      ...(status === Status.PAID ? { purchased_at: now } : {}),
      ...this.methodData(method),
      ...fields
    }
    this.receipts.set(receipt.receipt_id, receipt)
    this.receiptChanged(receipt.receipt_id)
    return structuredClone(receipt)
  }

  private methodData(method: string): Json {
    switch (method) {
      case "card":
        return {
          card_data: {
            tid: `tid-${this.counter}`,
            card_approve_no: String(10_000_000 + this.counter),
            card_no: "94352017****6169",
            card_quota: "00",
            card_company_code: "01",
            card_company: "비씨",
            card_interest: "0",
            card_type: "신용",
            card_owner_type: "개인"
          }
        }
      case "phone":
        return { phone_data: { tid: `tid-${this.counter}`, auth_no: "123456", phone: "010****5678" } }
      case "vbank":
        return {
          vbank_data: {
            tid: `tid-${this.counter}`,
            bank_code: "004",
            bank_name: "국민",
            bank_account: "00000000000000",
            bank_username: "부트페이",
            sender_name: "홍길동",
            expired_at: kstIso(this.now + 3 * 86_400_000)
          }
        }
      case "bank":
        return { bank_data: { tid: `tid-${this.counter}`, bank_code: "004", bank_name: "국민" } }
      default:
        return {}
    }
  }

  /** A copy of a receipt, or `undefined`. */
  getReceipt(receiptId: string): FakeReceipt | undefined {
    const receipt = this.receipts.get(receiptId)
    return receipt === undefined ? undefined : structuredClone(receipt)
  }

  /** Whether `cancelId` was already used on the receipt. */
  hasCancelId(receiptId: string, cancelId: string): boolean {
    return this.cancelIds.get(receiptId)?.has(cancelId) ?? false
  }

  /** Records a `cancel_id` of a cancel that went through. */
  addCancelId(receiptId: string, cancelId: string): void {
    const used = this.cancelIds.get(receiptId) ?? new Set<string>()
    used.add(cancelId)
    this.cancelIds.set(receiptId, used)
  }

  /**
   * Injects a fault into the next `times` calls of `operation` (`Receipt.cancel`), or of any
   * operation when `operation` is omitted.
   */
  inject(fault: Fault, options: { readonly operation?: string; readonly times?: number } = {}): void {
    this.faults.push({ operation: options.operation, fault, remaining: options.times ?? 1 })
  }

  /** The faults injected and not used up yet, first to apply first. */
  get pendingFaults(): ReadonlyArray<{
    readonly operation: string | undefined
    readonly fault: Fault
    readonly remaining: number
  }> {
    return this.faults.map((injected) => ({ ...injected }))
  }

  /** Drops every injected fault not used yet. */
  clearFaults(): void {
    this.faults.length = 0
  }

  /** Takes the first fault that applies to a call of `operation`, if any. */
  takeFault(operation: string | undefined): Fault | undefined {
    const index = this.faults.findIndex((f) => f.operation === undefined || f.operation === operation)
    if (index < 0) return undefined
    const injected = this.faults[index]!
    injected.remaining -= 1
    if (injected.remaining <= 0) this.faults.splice(index, 1)
    return injected.fault
  }

  /** Drops every issued token, as if they all expired now. */
  expireTokens(): void {
    this.tokens.clear()
  }

  /** Tells the listeners (webhook delivery) that a receipt changed state; handlers call it after each change. */
  receiptChanged(receiptId: string): void {
    const receipt = this.receipts.get(receiptId)
    if (receipt === undefined) return
    for (const listener of this.receiptListeners) listener(structuredClone(receipt))
  }

  /** Every webhook the fake sent, oldest first, with each attempt's outcome. */
  get webhookDeliveries(): ReadonlyArray<WebhookDelivery> {
    return this.webhooks.deliveries
  }

  /**
   * Sends a webhook for a receipt now, typed `type` or as its status implies; resolves when it was
   * delivered or ran out of attempts.
   */
  deliverWebhook(receiptId: string, type?: string): Promise<WebhookDelivery> {
    return this.webhooks.deliver(receiptId, type)
  }

  /** Requests that matched `operation`. */
  requestsFor(operation: string): ReadonlyArray<RecordedRequest> {
    return this.requests.filter((request) => request.operation === operation)
  }
}
