/**
 * Verification: an event checked against the receipt Bootpay holds now (the rules of a payment's
 * status moving forward), the `VerifiedEvent` built from that receipt alone, and the key its state
 * change is processed once under.
 */
import * as Effect from "effect/Effect"
import type * as BootpayClient from "../../BootpayClient.js"
import * as Receipt from "../../Receipt.js"
import type { Lookup, LookupError, SenderOptions } from "../../Webhook.js"
import {
  type MismatchField,
  type WebhookForbiddenSender,
  type WebhookInvalidOptions,
  WebhookMismatch,
  WebhookUnverifiable
} from "./errors.js"
import type { Event, KnownWebhookType, VerifiedEvent } from "./event.js"
import { checkSender } from "./sender.js"

/** The event type an older payload stands for, from its status (`Webhook.typeFromStatus`). */
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

/** The event checked against Bootpay's receipt, rebuilt from the receipt (`Webhook.check`). */
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

/** The receipt fetched with `Receipt.lookup`. */
export const lookupReceipt: Lookup<LookupError, BootpayClient.BootpayClient> = (receiptId) =>
  Receipt.lookup(receiptId)

/** Fetches the receipt and checks the event against it. */
export const lookupAndCheck = <LE, LR>(
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

/** `verify` over another lookup (`Webhook.verifyWith`). */
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

/** The sender checked, the receipt looked up and the event checked against it (`Webhook.verify`). */
export const verify = verifyWith(lookupReceipt)

/** The key a verified state change is processed once under (`Webhook.idempotencyKey`). */
export const idempotencyKey = (event: VerifiedEvent): string =>
  `${event.receipt_id}:${event.webhook_type}:${isCancelType(event.webhook_type) ? (event.cancelled_price ?? 0) : 0}`
