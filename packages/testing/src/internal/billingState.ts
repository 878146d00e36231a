/**
 * Billing keys (빌링키), bank-transfer key requests and reservations of a fake Bootpay, with the rules
 * that need state or time: only masked card and account numbers are kept, a bank-transfer key is
 * issued only after the holder's consent, a destroyed key cannot be charged, and a due reservation
 * runs once (charging, or failing when its key was destroyed) unless it was cancelled.
 *
 * Bootpay documents no reservation status codes; the fake's (`ReservationStatus`) are modelled on the
 * receipt codes and are an assumption.
 */
import type { FakeReceipt, FakeStore, Json } from "../FakeStore.js"
import { kstIso } from "../FakeStore.js"
import * as Mask from "./mask.js"

/**
 * A billing key held by the fake; the same shape Bootpay answers with.
 *
 * @since 0.1.0
 * @category models
 */
export interface FakeBillingKey extends Json {
  billing_key: string
  receipt_id: string
  subscription_id: string
  method_symbol: string
  status: number
  billing_data: Json
}

/**
 * A bank-transfer key request waiting for the holder's consent (status 41), as Bootpay answers it.
 *
 * @since 0.1.0
 * @category models
 */
export interface FakeTransferRequest extends Json {
  receipt_id: string
  subscription_id: string
  status: number
}

/**
 * A reservation held by the fake; the same shape Bootpay answers with.
 *
 * @since 0.1.0
 * @category models
 */
export interface FakeReservation extends Json {
  reserve_id: string
  billing_key: string
  order_id: string
  order_name: string
  price: number
  tax_free: number
  reserve_requested_at: string
  reserve_execute_at: string
  reserve_started_at: string | null
  reserve_finished_at: string | null
  reserve_revoked_at: string | null
  receipt_id: string | null
  status: number
}

/**
 * Reservation status codes the fake uses (Bootpay's are undocumented).
 *
 * @since 0.1.0
 * @category models
 */
export const ReservationStatus = {
  RESERVED: 0,
  EXECUTED: 1,
  FAILED: -1,
  CANCELLED: 20
} as const

/** Most pending reservations one billing key may have. */
export const reservationLimit = 10

/** What a charge needs beyond the key. */
export interface Charge {
  readonly order_id: string
  readonly order_name: string
  readonly price: number
  readonly tax_free?: number | undefined
  readonly card_quota?: string | undefined
  readonly metadata?: unknown
  /** When the charge happened (epoch ms); the store's now by default. */
  readonly at?: number | undefined
}

interface Transfer {
  readonly request: FakeTransferRequest
  readonly bank: Json
  readonly charge: { readonly price: number; readonly tax_free: number } | undefined
  consented: boolean
  billingKey: string | undefined
}

const pgNames: Readonly<Record<string, string>> = {
  nicepay: "나이스페이먼츠",
  나이스페이: "나이스페이먼츠",
  kcp: "KCP",
  inicis: "이니시스",
  welcome: "웰컴페이먼츠"
}

const bankCodes: Readonly<Record<string, string>> = {
  기업: "003",
  국민: "004",
  농협: "011",
  우리: "020",
  우체국: "071",
  하나: "081",
  신한: "088",
  케이뱅크: "089",
  카카오뱅크: "090",
  토스뱅크: "092"
}

const text = (body: Json, key: string): string => (typeof body[key] === "string" ? (body[key] as string) : "")

const amount = (body: Json, key: string): number | undefined =>
  typeof body[key] === "number" ? (body[key] as number) : undefined

/** The fake's billing state; reached through `FakeStore`. */
export class BillingState {
  /** Live billing keys by key; destroying a key removes it. */
  readonly keys = new Map<string, FakeBillingKey>()
  /** Reservations by reserve id, in the order they were made. */
  readonly reservations = new Map<string, FakeReservation>()
  /** Bank-transfer key requests by receipt id. */
  private readonly transfers = new Map<string, Transfer>()
  private readonly destroyed = new Set<string>()
  private readonly owners = new Map<string, string>()

  constructor(private readonly store: FakeStore) {}

  /** Forgets every key, request and reservation. */
  clear(): void {
    this.keys.clear()
    this.reservations.clear()
    this.transfers.clear()
    this.destroyed.clear()
    this.owners.clear()
  }

  /** Bank-transfer key requests with whether the holder consented and the key published, oldest first. */
  get transferRequests(): ReadonlyArray<
    FakeTransferRequest & { readonly consented: boolean; readonly billing_key: string | null }
  > {
    return Array.from(this.transfers.values(), (transfer) => ({
      ...structuredClone(transfer.request),
      consented: transfer.consented,
      billing_key: transfer.billingKey ?? null
    }))
  }

  private keyFields(body: Json, method: string) {
    const now = kstIso(this.store.now)
    const pg = text(body, "pg")
    const display = method === "card_rebill" ? "카드자동" : "계좌자동이체"
    return {
      subscription_id: text(body, "subscription_id"),
      gateway_url: "https://gw.bootpay.co.kr",
      metadata: body.metadata ?? {},
      pg: pgNames[pg] ?? pg,
      method: display,
      method_symbol: method,
      method_origin: display,
      method_origin_symbol: method,
      requested_at: now,
      status: 11,
      status_locale: "빌링키발급완료"
    }
  }

  /**
   * Adds a billing key as if the buyer issued it in the browser (look it up by `receipt_id`); a card
   * key by default. Give any fields of the answer to override them.
   */
  create(fields: Partial<FakeBillingKey> = {}): FakeBillingKey {
    const subscriptionId = `subscription-${this.store.nextId()}`
    const key: FakeBillingKey = {
      billing_key: this.store.nextId(),
      receipt_id: this.store.nextId(),
      ...this.keyFields({ pg: "nicepay", subscription_id: subscriptionId }, "card_rebill"),
      published_at: kstIso(this.store.now),
      billing_expire_at: "2030-12-31T23:59:59+09:00",
      billing_data: {
        card_no: "943520******6169",
        card_company: "비씨",
        card_company_code: "01",
        card_type: 1,
        card_hash: `hash-${this.store.nextId()}`
      },
      ...fields
    }
    this.keys.set(key.billing_key, key)
    return structuredClone(key)
  }

  /** Issues a card key from a `/request/subscribe` body; the card number is kept masked only. */
  issueCard(body: Json): FakeBillingKey {
    const year = Number(text(body, "card_expire_year"))
    const month = Number(text(body, "card_expire_month"))
    const lastDay = new Date(Date.UTC(2000 + year, month, 0)).getUTCDate()
    const key: FakeBillingKey = {
      billing_key: this.store.nextId(),
      receipt_id: this.store.nextId(),
      ...this.keyFields(body, "card_rebill"),
      published_at: kstIso(this.store.now),
      billing_expire_at: `20${text(body, "card_expire_year")}-${text(body, "card_expire_month")}-${lastDay}T23:59:59+09:00`,
      billing_data: {
        card_no: Mask.cardNumber(text(body, "card_no")),
        card_company: "비씨",
        card_company_code: "01",
        card_type: 1,
        card_hash: `hash-${this.store.nextId()}`
      }
    }
    this.keys.set(key.billing_key, key)
    this.own(key.billing_key, body)
    const price = amount(body, "price")
    if (price !== undefined) {
      const extra = typeof body.extra === "object" && body.extra !== null ? (body.extra as Json) : {}
      key.receipt_data = this.charge(key, {
        order_id: key.subscription_id,
        order_name: text(body, "order_name"),
        price,
        tax_free: amount(body, "tax_free"),
        card_quota: typeof extra.card_quota === "string" ? extra.card_quota : undefined,
        metadata: body.metadata
      })
    }
    return structuredClone(key)
  }

  private own(billingKey: string, body: Json): void {
    const user = body.user
    if (typeof user === "object" && user !== null && typeof (user as Json).id === "string") {
      this.owners.set(billingKey, (user as Json).id as string)
    }
  }

  /** Whether a sequential lookup by `userId` may see the key (keys issued without a user id are anyone's). */
  ownedBy(billingKey: string, userId: string): boolean {
    const owner = this.owners.get(billingKey)
    return owner === undefined || owner === userId
  }

  /** Records a bank-transfer key request (status 41) that waits for the holder's consent. */
  requestTransfer(body: Json): FakeTransferRequest {
    const receiptId = this.store.nextId()
    const price = amount(body, "price")
    const fields = this.keyFields(body, "automatic_transfer_rest")
    const request: FakeTransferRequest = {
      receipt_id: receiptId,
      order_id: text(body, "subscription_id"),
      order_name: text(body, "order_name"),
      price: price ?? 0,
      tax_free: amount(body, "tax_free") ?? 0,
      company_name: "테스트 상점",
      sandbox: true,
      currency: "KRW",
      ...fields,
      status: 41,
      status_locale: "자동결제빌링키발급이전",
      subscription_id: text(body, "subscription_id"),
      receipt_url: `https://door.bootpay.co.kr/receipt/${receiptId}`
    }
    const bankName = text(body, "bank_name")
    this.transfers.set(receiptId, {
      request,
      bank: {
        bank_name: bankName,
        bank_code: bankCodes[bankName] ?? "000",
        bank_account: Mask.account(text(body, "bank_account")),
        username: Mask.name(text(body, "username"))
      },
      charge: price === undefined ? undefined : { price, tax_free: amount(body, "tax_free") ?? 0 },
      consented: false,
      billingKey: undefined
    })
    this.own(receiptId, body)
    return structuredClone(request)
  }

  /** Marks the holder's consent (ARS or simple auth) to a bank-transfer key request as done. */
  completeConsent(receiptId: string): void {
    const transfer = this.transfers.get(receiptId)
    if (transfer === undefined) throw new Error(`no bank-transfer key request with receipt id ${receiptId}`)
    transfer.consented = true
  }

  /** Publishes a consented bank-transfer key; publishing again answers the same key. */
  publish(receiptId: string): FakeBillingKey | "missing" | "no consent" {
    const transfer = this.transfers.get(receiptId)
    if (transfer === undefined) return "missing"
    if (!transfer.consented) return "no consent"
    if (transfer.billingKey !== undefined) {
      const issued = this.keys.get(transfer.billingKey)
      return issued === undefined ? "missing" : structuredClone(issued)
    }
    const { request } = transfer
    const key: FakeBillingKey = {
      billing_key: this.store.nextId(),
      ...this.keyFields(request, "automatic_transfer_rest"),
      receipt_id: receiptId,
      requested_at: request.requested_at,
      published_at: kstIso(this.store.now),
      billing_expire_at: "2099-12-31T23:59:59+09:00",
      billing_data: { ...transfer.bank }
    }
    transfer.billingKey = key.billing_key
    this.keys.set(key.billing_key, key)
    const owner = this.owners.get(receiptId)
    if (owner !== undefined) this.owners.set(key.billing_key, owner)
    if (transfer.charge !== undefined) {
      key.receipt_data = this.charge(key, {
        order_id: request.subscription_id,
        order_name: String(request.order_name ?? ""),
        price: transfer.charge.price,
        tax_free: transfer.charge.tax_free,
        metadata: request.metadata
      })
    }
    return structuredClone(key)
  }

  /** The live key issued by a receipt, if any. */
  byReceipt(receiptId: string): FakeBillingKey | undefined {
    for (const key of this.keys.values()) {
      if (key.receipt_id === receiptId) return structuredClone(key)
    }
    return undefined
  }

  /** Destroys a key; its reservations stay (Bootpay's rule) and fail when they come due. */
  destroy(billingKey: string): "destroyed" | "already destroyed" | "missing" {
    if (this.keys.delete(billingKey)) {
      this.destroyed.add(billingKey)
      return "destroyed"
    }
    return this.destroyed.has(billingKey) ? "already destroyed" : "missing"
  }

  /** Charges a live key: a paid receipt in `store.receipts`. */
  charge(key: FakeBillingKey, charge: Charge): FakeReceipt {
    const at = charge.at ?? this.store.now
    const card = key.method_symbol === "card_rebill"
    const data = key.billing_data
    const tid = `tid-${this.store.nextId()}`
    return this.store.createReceipt({
      order_id: charge.order_id,
      order_name: charge.order_name,
      price: charge.price,
      tax_free: charge.tax_free ?? 0,
      metadata: charge.metadata ?? {},
      pg: typeof key.pg === "string" ? key.pg : "나이스페이먼츠",
      method_symbol: key.method_symbol,
      requested_at: kstIso(at),
      purchased_at: kstIso(at),
      ...(card
        ? {
            card_data: {
              tid,
              card_approve_no: tid.slice(-8),
              card_no: data.card_no,
              card_quota: charge.card_quota ?? "00",
              card_company_code: data.card_company_code,
              card_company: data.card_company,
              card_interest: "0",
              card_type: "신용",
              card_owner_type: "개인"
            }
          }
        : {
            bank_data: {
              tid,
              bank_code: data.bank_code,
              bank_name: data.bank_name,
              bank_account: data.bank_account,
              bank_username: data.username
            }
          })
    })
  }

  /** Pending reservations of a key. */
  pending(billingKey: string): number {
    let count = 0
    for (const reservation of this.reservations.values()) {
      if (reservation.billing_key === billingKey && reservation.status === ReservationStatus.RESERVED) count++
    }
    return count
  }

  /**
   * Records a reservation to run at `executeAt` (epoch ms); the caller checked the key, the time and
   * the limit. Every field of the contract's reservation object is there, `null` when not given.
   */
  reserve(body: Json, executeAt: number): FakeReservation {
    const given = (key: string) => body[key] ?? null
    const extra = typeof body.extra === "object" && body.extra !== null ? (body.extra as Json) : undefined
    const reservation: FakeReservation = {
      reserve_id: this.store.nextId(),
      billing_key: text(body, "billing_key"),
      order_id: text(body, "order_id"),
      order_name: text(body, "order_name"),
      price: amount(body, "price") ?? 0,
      tax_free: amount(body, "tax_free") ?? 0,
      user: given("user"),
      items: given("items"),
      card_quota: given("card_quota") ?? extra?.card_quota ?? null,
      feedback_url: given("feedback_url"),
      content_type: given("content_type"),
      metadata: body.metadata ?? {},
      extra: given("extra"),
      version: null,
      reserve_requested_at: kstIso(this.store.now),
      reserve_execute_at: kstIso(executeAt),
      reserve_started_at: null,
      reserve_finished_at: null,
      reserve_revoked_at: null,
      receipt_id: null,
      status: ReservationStatus.RESERVED
    }
    this.reservations.set(reservation.reserve_id, reservation)
    return structuredClone(reservation)
  }

  /** Cancels a pending reservation; cancelling again is a no-op. */
  cancelReservation(reserveId: string): "cancelled" | "already ran" | "missing" {
    const reservation = this.reservations.get(reserveId)
    if (reservation === undefined) return "missing"
    if (reservation.status === ReservationStatus.CANCELLED) return "cancelled"
    if (reservation.status !== ReservationStatus.RESERVED) return "already ran"
    reservation.status = ReservationStatus.CANCELLED
    reservation.reserve_revoked_at = kstIso(this.store.now)
    return "cancelled"
  }

  /** Runs every pending reservation whose time has come, oldest execution time first. */
  executeDue(): void {
    const now = this.store.now
    const due = Array.from(this.reservations.values())
      .filter(
        (reservation) =>
          reservation.status === ReservationStatus.RESERVED &&
          Date.parse(reservation.reserve_execute_at) <= now
      )
      .sort((a, b) => Date.parse(a.reserve_execute_at) - Date.parse(b.reserve_execute_at))
    for (const reservation of due) {
      const at = Date.parse(reservation.reserve_execute_at)
      reservation.reserve_started_at = kstIso(at)
      reservation.reserve_finished_at = kstIso(at)
      const key = this.keys.get(reservation.billing_key)
      if (key === undefined) {
        reservation.status = ReservationStatus.FAILED
        continue
      }
      const receipt = this.charge(key, {
        order_id: reservation.order_id,
        order_name: reservation.order_name,
        price: reservation.price,
        tax_free: reservation.tax_free,
        metadata: reservation.metadata,
        at
      })
      reservation.receipt_id = receipt.receipt_id
      reservation.status = ReservationStatus.EXECUTED
    }
  }
}
