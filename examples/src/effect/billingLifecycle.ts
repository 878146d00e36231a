/**
 * A monthly subscription on a billing key (빌링키): issue the key from the card the customer typed in,
 * charge the first month, reserve next month's charge, and on unsubscribe cancel what is still
 * reserved and destroy the key.
 *
 * Run it against the fake Bootpay (no keys): `pnpm run build && node examples/dist/effect/billingLifecycle.js`.
 * In production provide `NodeBootpay.layerConfig()` instead of `FakeBootpay.layer()`.
 */
import { pathToFileURL } from "node:url"
import {
  BillingKey,
  type BootpayClient,
  type Operation,
  Receipt,
  Reconcile,
  Subscription
} from "@effect-bootpay/core"
import { FakeBootpay } from "@effect-bootpay/testing"
import * as Clock from "effect/Clock"
import * as Console from "effect/Console"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"

/** The card fields the customer typed in; they go to Bootpay and are never stored by the merchant. */
export type Card = Pick<
  BillingKey.IssueRequest,
  "card_no" | "card_pw" | "card_identity_no" | "card_expire_year" | "card_expire_month"
>

/** A plan the merchant sells. */
export interface Plan {
  readonly id: string
  readonly name: string
  readonly price: number
}

/** What the merchant stores for a live subscription. */
export interface Subscribed {
  readonly subscriptionId: string
  readonly billingKey: string
  readonly firstCharge: Receipt.Receipt
  readonly nextReserveId: string
}

/** How a charge can fail: `PgRefused`, `NotFound` (a destroyed key), `OutcomeUnknown` or a common error. */
export type ChargeError = Operation.Failure<typeof Subscription.pay>

/** How subscribing can fail. */
export type SubscribeError =
  | Operation.Failure<typeof BillingKey.issue>
  | ChargeError
  | Operation.Failure<typeof Subscription.reserve>

/** How unsubscribing can fail. */
export type UnsubscribeError =
  | Operation.Failure<typeof Subscription.lookupReservation>
  | Operation.Failure<typeof Subscription.cancelReservation>
  | Operation.Failure<typeof BillingKey.destroy>

/** How long one billing period lasts. */
export const period = Duration.days(30)

/** The order id of the `n`th charge of a subscription: the same on every attempt of that charge. */
export const orderIdOf = (subscriptionId: string, n: number) => `${subscriptionId}-${n}`

/**
 * Charges a billing key. When the answer was lost (`OutcomeUnknown`), the charge is looked up by its
 * order id: with no charge of the order it is sent again; with exactly one paid charge of the order
 * that one is kept (the order is paid, whichever request made it); anything else stays
 * `OutcomeUnknown` for a person to look at. The order is never charged twice by this code.
 */
export const chargeOnce = (
  input: Subscription.PayRequest
): Effect.Effect<Receipt.Receipt, ChargeError, BootpayClient.BootpayClient> =>
  Subscription.pay(input).pipe(
    Effect.catchTag("OutcomeUnknown", (unknown) =>
      Effect.flatMap(Reconcile.outcome(unknown), (resolution) => {
        switch (resolution._tag) {
          case "Happened":
            return Effect.succeed(resolution.receipt)
          case "DidNotHappen":
            return Subscription.pay(input)
          case "Undetermined": {
            const [only, ...others] = resolution.receipts
            return only !== undefined && others.length === 0 && only.status === Receipt.Status.PAID
              ? Effect.succeed(only)
              : Effect.fail(unknown)
          }
        }
      })
    )
  )

/**
 * Issues a billing key, charges the first period now and reserves the next one a period later (by
 * the Effect `Clock`). A card the PG declines for the first charge is of no use: its new key is
 * destroyed before the `PgRefused` reaches the caller.
 */
export const subscribe = (
  customerId: string,
  plan: Plan,
  card: Card
): Effect.Effect<Subscribed, SubscribeError, BootpayClient.BootpayClient> =>
  Effect.gen(function* () {
    const subscriptionId = `${customerId}-${plan.id}`
    const key = yield* BillingKey.issue({
      pg: "nicepay",
      order_name: plan.name,
      subscription_id: subscriptionId,
      ...card,
      user: { id: customerId }
    })
    const charge = { billing_key: key.billing_key, order_name: plan.name, price: plan.price }
    const firstCharge = yield* chargeOnce({ ...charge, order_id: orderIdOf(subscriptionId, 1) }).pipe(
      Effect.tapErrorTag("PgRefused", () => Effect.ignore(BillingKey.destroy(key.billing_key)))
    )
    const now = yield* Clock.currentTimeMillis
    const next = yield* Subscription.reserve({
      ...charge,
      order_id: orderIdOf(subscriptionId, 2),
      reserve_execute_at: new Date(now + Duration.toMillis(period))
    })
    return {
      subscriptionId,
      billingKey: key.billing_key,
      firstCharge,
      nextReserveId: next.reserve_id
    } satisfies Subscribed
  })

/**
 * Ends a subscription: cancels the next charge unless it already ran (Bootpay keeps the reservations
 * of a destroyed key, and they would fail when due), then destroys the key. Answers whether the
 * reservation was cancelled.
 */
export const unsubscribe = (
  subscribed: Subscribed
): Effect.Effect<{ readonly reservationCancelled: boolean }, UnsubscribeError, BootpayClient.BootpayClient> =>
  Effect.gen(function* () {
    const reservation = yield* Subscription.lookupReservation(subscribed.nextReserveId)
    const pending = reservation.receipt_id === undefined || reservation.receipt_id === null
    if (pending) yield* Subscription.cancelReservation(subscribed.nextReserveId)
    yield* BillingKey.destroy(subscribed.billingKey)
    return { reservationCancelled: pending }
  })

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const plan: Plan = { id: "basic", name: "베이직 월 구독", price: 9_900 }
  const card: Card = {
    card_no: "4111111111111111",
    card_pw: "12",
    card_identity_no: "900101",
    card_expire_year: "30",
    card_expire_month: "12"
  }
  const demo = Effect.gen(function* () {
    const subscribed = yield* subscribe("customer-1", plan, card)
    yield* Console.log(
      `subscribed: key ${subscribed.billingKey}, first charge ${subscribed.firstCharge.price} KRW (status ${subscribed.firstCharge.status}), next charge reserved as ${subscribed.nextReserveId}`
    )
    const ended = yield* unsubscribe(subscribed)
    yield* Console.log(`unsubscribed: reservation cancelled ${ended.reservationCancelled}, key destroyed`)
  })
  await Effect.runPromise(demo.pipe(Effect.provide(FakeBootpay.layer())))
}
