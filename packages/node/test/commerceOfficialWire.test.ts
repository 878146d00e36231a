/**
 * Orders, cancellations, subscriptions, bills, adjustments, change requests and invoices on the
 * wire next to the official SDK (`BootpayCommerce` of `@bootpay/backend-js` 2.13.1, a dev
 * dependency of the bench package): both are pointed at one loopback capture server and each call
 * must be one request with the same method, path, query, JSON body, `BOOTPAY-ROLE` and (when the
 * caller gives one) `Idempotency-Key`. Differences on purpose are listed at the end.
 */
import * as Http from "node:http"
import { createRequire } from "node:module"
import type { AddressInfo } from "node:net"
import * as Path from "node:path"
import { Commerce, CommerceClient, type Operation } from "@effect-bootpay/core"
import * as Effect from "effect/Effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as UndiciClient from "../src/internal/undiciClient.js"

interface Captured {
  readonly method: string
  readonly path: string
  readonly query: Record<string, string>
  readonly role: string | undefined
  readonly key: string | undefined
  readonly body: unknown
}

let server: Http.Server
let base: string
const captured: Array<Captured> = []

beforeAll(async () => {
  server = Http.createServer((request, response) => {
    const chunks: Array<Buffer> = []
    request.on("data", (chunk: Buffer) => chunks.push(chunk))
    request.on("end", () => {
      const url = new URL(request.url ?? "/", "http://127.0.0.1")
      const text = Buffer.concat(chunks).toString("utf8")
      captured.push({
        method: request.method ?? "",
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        role: request.headers["bootpay-role"] as string | undefined,
        key: request.headers["idempotency-key"] as string | undefined,
        body: text === "" ? undefined : JSON.parse(text)
      })
      response.writeHead(200, { "content-type": "application/json" })
      response.end(JSON.stringify({ success: true, data: null }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
  sdk.API_ENTRYPOINTS.development = base
})

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

type Method = (...args: ReadonlyArray<unknown>) => Promise<unknown>
type Module = Readonly<Record<string, Method>>

interface Official {
  readonly API_ENTRYPOINTS: Record<string, string>
  readonly invoice: Module
  readonly order: Module
  readonly orderCancel: Module
  readonly orderSubscription: Module & { readonly requestIng: Module }
  readonly orderSubscriptionBill: Module
  readonly orderSubscriptionAdjustment: Module
  readonly orderSubscriptionRequest: Module
}

/** The official `BootpayCommerce` (not exported from the package root: loaded from its file). */
const official = (): Official => {
  const require = createRequire(new URL("../../../bench/package.json", import.meta.url))
  const root = Path.dirname(require.resolve("@bootpay/backend-js"))
  const { BootpayCommerce } = require(Path.join(root, "bootpay-commerce.js")) as {
    BootpayCommerce: new (configuration: Record<string, string>) => Official
  }
  return new BootpayCommerce({ client_key: "client", secret_key: "secret", mode: "development" })
}

const sdk = official()

const ours = (operation: Operation.Any, input: unknown, role?: Operation.Role) =>
  Effect.runPromise(
    Effect.either(
      (operation as unknown as (input: unknown, options: Operation.CallOptions) => Effect.Effect<unknown>)(
        input,
        {
          retry: 0
        }
      )
    ).pipe(
      Effect.provide(
        CommerceClient.layer({
          clientKey: "client",
          secretKey: "secret",
          baseUrl: base,
          ...(role ? { role } : {})
        })
      ),
      Effect.provide(UndiciClient.layer)
    )
  )

const sub = "6500000000000000000000e1"

interface Case {
  readonly name: string
  readonly theirs: () => Promise<unknown>
  readonly operation: Operation.Any
  readonly input: unknown
  /** Our client's role, when the official SDK picks one from the input. */
  readonly role?: Operation.Role
  /** Both make up their own `Idempotency-Key`: only its presence is compared. */
  readonly anyKey?: boolean
}

const cases: ReadonlyArray<Case> = [
  {
    name: "invoice.list",
    theirs: () => sdk.invoice.list!({ page: 2, limit: 24, keyword: "inv", idempotency_key: "k-1" }),
    operation: Commerce.Invoice.list,
    input: { page: 2, limit: 24, keyword: "inv", idempotency_key: "k-1" }
  },
  {
    name: "invoice.notify",
    theirs: () => sdk.invoice.notify!("inv-1", [1, 3], "k-2"),
    operation: Commerce.Invoice.notify,
    input: { invoice_id: "inv-1", send_types: [1, 3], idempotency_key: "k-2" }
  },
  {
    name: "invoice.detail",
    theirs: () => sdk.invoice.detail!("inv-1", "k-3"),
    operation: Commerce.Invoice.detail,
    input: { invoice_id: "inv-1", idempotency_key: "k-3" }
  },
  {
    name: "order.list",
    theirs: () =>
      sdk.order.list!({ page: 1, limit: 50, status: [1, 2], payment_status: [], user_group_id: "g-1" }),
    operation: Commerce.Order.list,
    input: { page: 1, limit: 50, status: [1, 2], payment_status: [], user_group_id: "g-1" }
  },
  {
    name: "order.month",
    theirs: () => sdk.order.month!("g-1", "2026-03"),
    operation: Commerce.Order.month,
    input: { user_group_id: "g-1", search_date: "2026-03" }
  },
  {
    name: "orderCancel.list",
    theirs: () => sdk.orderCancel.list!({ order_number: "N-1", idempotency_key: "k-4" }),
    operation: Commerce.OrderCancel.list,
    input: { order_number: "N-1", idempotency_key: "k-4" }
  },
  {
    name: "orderCancel.approve",
    theirs: () =>
      sdk.orderCancel.approve!({
        order_cancellation_request_id: "r-1",
        message: "승인",
        idempotency_key: "k-5"
      }),
    operation: Commerce.OrderCancel.approve,
    input: { order_cancellation_request_id: "r-1", message: "승인", idempotency_key: "k-5" }
  },
  {
    name: "orderCancel.approve by the id's former name",
    theirs: () =>
      sdk.orderCancel.approve!({
        order_cancel_request_history_id: "r-2",
        message: "승인",
        idempotency_key: "k-28"
      }),
    operation: Commerce.OrderCancel.approve,
    input: { order_cancel_request_history_id: "r-2", message: "승인", idempotency_key: "k-28" }
  },
  {
    name: "orderCancel.withdraw by a bare id",
    theirs: () => sdk.orderCancel.withdraw!("r-3"),
    operation: Commerce.OrderCancel.withdraw,
    input: "r-3",
    anyKey: true
  },
  {
    name: "orderCancel.reject",
    theirs: () =>
      sdk.orderCancel.reject!({
        order_cancellation_request_id: "r-1",
        message: "반려",
        idempotency_key: "k-6"
      }),
    operation: Commerce.OrderCancel.reject,
    input: { order_cancellation_request_id: "r-1", message: "반려", idempotency_key: "k-6" }
  },
  {
    name: "orderCancel.withdraw",
    theirs: () => sdk.orderCancel.withdraw!({ order_cancellation_request_id: "r-1", idempotency_key: "k-7" }),
    operation: Commerce.OrderCancel.withdraw,
    input: { order_cancellation_request_id: "r-1", idempotency_key: "k-7" }
  },
  {
    name: "orderSubscription.list",
    theirs: () => sdk.orderSubscription.list!({ page: 1, s_at: "2026-01-01", status: 1 }),
    operation: Commerce.OrderSubscription.list,
    input: { page: 1, s_at: "2026-01-01", status: 1 }
  },
  {
    name: "orderSubscription.update",
    theirs: () =>
      sdk.orderSubscription.update!({ order_subscription_id: sub, price: 12900, idempotency_key: "k-8" }),
    operation: Commerce.OrderSubscription.update,
    input: { order_subscription_id: sub, price: 12900, idempotency_key: "k-8" }
  },
  {
    name: "orderSubscription.supervisorApprove",
    theirs: () => sdk.orderSubscription.supervisorApprove!(sub, { reason: "확인", idempotency_key: "k-9" }),
    operation: Commerce.OrderSubscription.supervisorApprove,
    input: { order_subscription_id: sub, reason: "확인", idempotency_key: "k-9" }
  },
  {
    name: "orderSubscription.supervisorTerminate",
    theirs: () =>
      sdk.orderSubscription.supervisorTerminate!(sub, { termination_fee: 5000, idempotency_key: "k-10" }),
    operation: Commerce.OrderSubscription.supervisorTerminate,
    input: { order_subscription_id: sub, termination_fee: 5000, idempotency_key: "k-10" }
  },
  {
    name: "orderSubscription.supervisorPause",
    theirs: () =>
      sdk.orderSubscription.supervisorPause!(sub, { paused_at: "2026-04-01", idempotency_key: "k-11" }),
    operation: Commerce.OrderSubscription.supervisorPause,
    input: { order_subscription_id: sub, paused_at: "2026-04-01", idempotency_key: "k-11" }
  },
  {
    name: "orderSubscription.supervisorCharge",
    theirs: () =>
      sdk.orderSubscription.supervisorCharge!({
        charge_key: "ck-1",
        price: 5000,
        metadata: { memo: "추가" },
        idempotency_key: "k-12"
      }),
    operation: Commerce.OrderSubscription.supervisorCharge,
    input: { charge_key: "ck-1", price: 5000, metadata: { memo: "추가" }, idempotency_key: "k-12" }
  },
  {
    name: "orderSubscription.supervisorChargeRevoke (DELETE with a JSON body)",
    theirs: () =>
      sdk.orderSubscription.supervisorChargeRevoke!({ charge_key: "ck-1", idempotency_key: "k-13" }),
    operation: Commerce.OrderSubscription.supervisorChargeRevoke,
    input: { charge_key: "ck-1", idempotency_key: "k-13" }
  },
  {
    name: "orderSubscription.requestIng.pause",
    theirs: () =>
      sdk.orderSubscription.requestIng.pause!({
        order_subscription_id: sub,
        reason: "여행",
        idempotency_key: "k-14"
      }),
    operation: Commerce.OrderSubscriptionRequestIng.pause,
    input: { order_subscription_id: sub, reason: "여행", idempotency_key: "k-14" }
  },
  {
    name: "orderSubscription.requestIng.resume",
    theirs: () => sdk.orderSubscription.requestIng.resume!({ order_number: "N-1", idempotency_key: "k-15" }),
    operation: Commerce.OrderSubscriptionRequestIng.resume,
    input: { order_number: "N-1", idempotency_key: "k-15" }
  },
  {
    name: "orderSubscription.requestIng.purchase",
    theirs: () =>
      sdk.orderSubscription.requestIng.purchase!({
        order_subscription_id: sub,
        price: 50000,
        idempotency_key: "k-16"
      }),
    operation: Commerce.OrderSubscriptionRequestIng.purchase,
    input: { order_subscription_id: sub, price: 50000, idempotency_key: "k-16" }
  },
  {
    name: "orderSubscription.requestIng.transfer",
    theirs: () =>
      sdk.orderSubscription.requestIng.transfer!({
        order_subscription_id: sub,
        new_user_id: "u-2",
        idempotency_key: "k-17"
      }),
    operation: Commerce.OrderSubscriptionRequestIng.transfer,
    input: { order_subscription_id: sub, new_user_id: "u-2", idempotency_key: "k-17" }
  },
  {
    name: "orderSubscription.requestIng.calculateTerminationFee",
    theirs: () => sdk.orderSubscription.requestIng.calculateTerminationFee!(sub, undefined, "k-18"),
    operation: Commerce.OrderSubscriptionRequestIng.calculateTerminationFee,
    input: { order_subscription_id: sub, idempotency_key: "k-18" }
  },
  {
    name: "orderSubscription.requestIng.termination",
    theirs: () =>
      sdk.orderSubscription.requestIng.termination!({
        order_subscription_id: sub,
        termination_fee: 5000,
        idempotency_key: "k-19"
      }),
    operation: Commerce.OrderSubscriptionRequestIng.termination,
    input: { order_subscription_id: sub, termination_fee: 5000, idempotency_key: "k-19" }
  },
  {
    name: "orderSubscriptionBill.list",
    theirs: () =>
      sdk.orderSubscriptionBill.list!({
        order_subscription_id: sub,
        page: 1,
        limit: 20,
        status: [0, 1],
        idempotency_key: "k-20"
      }),
    operation: Commerce.OrderSubscriptionBill.list,
    input: { order_subscription_id: sub, page: 1, limit: 20, status: [0, 1], idempotency_key: "k-20" }
  },
  {
    name: "orderSubscriptionBill.detail",
    theirs: () => sdk.orderSubscriptionBill.detail!("b-1"),
    operation: Commerce.OrderSubscriptionBill.detail,
    input: "b-1"
  },
  {
    name: "orderSubscriptionAdjustment.create",
    theirs: () =>
      sdk.orderSubscriptionAdjustment.create!(sub, { price: -1000, duration: 3, tax_free_price: 0 }, "k-21"),
    operation: Commerce.OrderSubscriptionAdjustment.create,
    input: {
      order_subscription_id: sub,
      price: -1000,
      duration: 3,
      tax_free_price: 0,
      idempotency_key: "k-21"
    }
  },
  {
    name: "orderSubscriptionAdjustment.update",
    theirs: () =>
      sdk.orderSubscriptionAdjustment.update!({
        order_subscription_id: sub,
        duration: 2,
        adjustments: [{ price: -500 }],
        idempotency_key: "k-22"
      }),
    operation: Commerce.OrderSubscriptionAdjustment.update,
    input: {
      order_subscription_id: sub,
      duration: 2,
      adjustments: [{ price: -500 }],
      idempotency_key: "k-22"
    }
  },
  {
    name: "orderSubscriptionAdjustment.delete (DELETE with a JSON body)",
    theirs: () => sdk.orderSubscriptionAdjustment.delete!(sub, "a-1", "k-23"),
    operation: Commerce.OrderSubscriptionAdjustment.delete,
    input: { order_subscription_id: sub, order_subscription_adjustment_id: "a-1", idempotency_key: "k-23" }
  },
  {
    name: "orderSubscriptionRequest.list",
    theirs: () =>
      sdk.orderSubscriptionRequest.list!({ page: 1, limit: 20, status: 0, idempotency_key: "k-24" }),
    operation: Commerce.OrderSubscriptionRequest.list,
    input: { page: 1, limit: 20, status: 0, idempotency_key: "k-24" }
  },
  {
    name: "orderSubscriptionRequest.detail with project_id (supervisor mode)",
    theirs: () => sdk.orderSubscriptionRequest.detail!("h-1", "proj-1", "k-25"),
    operation: Commerce.OrderSubscriptionRequest.detail,
    input: { order_subscription_request_history_id: "h-1", project_id: "proj-1", idempotency_key: "k-25" },
    role: "supervisor"
  },
  {
    name: "orderSubscriptionRequest.update",
    theirs: () =>
      sdk.orderSubscriptionRequest.update!({
        order_subscription_request_history_id: "h-1",
        approval: "approve",
        reason: "확인",
        idempotency_key: "k-26"
      }),
    operation: Commerce.OrderSubscriptionRequest.update,
    input: {
      order_subscription_request_history_id: "h-1",
      approval: "approve",
      reason: "확인",
      idempotency_key: "k-26"
    }
  }
]

describe("Commerce orders and subscriptions, the official SDK's request", () => {
  it.each(cases)(
    "$name: same method, path, query, body, role and key",
    async ({ theirs, operation, input, role, anyKey }) => {
      captured.length = 0
      await theirs().catch(() => undefined)
      const official = captured.splice(0)
      await ours(operation, input, role)
      const mine = captured.splice(0)
      expect(official).toHaveLength(1)
      if (anyKey) {
        expect(mine[0]!.key).toMatch(/^[0-9a-f-]{36}$/)
        expect(official[0]!.key).toMatch(/^[0-9a-f-]{36}$/)
        expect(mine.map((request) => ({ ...request, key: "" }))).toEqual([{ ...official[0]!, key: "" }])
      } else {
        expect(mine).toEqual(official)
      }
    }
  )

  it("on purpose: orderCancel.request sends an Idempotency-Key and the user role (backend-js sends neither)", async () => {
    const input = { order_number: "N-1", request_cancel_parameters: { cancel_id: "c-1", cancel_price: 1000 } }
    captured.length = 0
    await sdk.orderCancel.request!(input).catch(() => undefined)
    const official = captured.splice(0)
    await ours(Commerce.OrderCancel.request, { ...input, idempotency_key: "k-27" })
    const mine = captured.splice(0)
    expect(mine).toEqual([{ ...official[0]!, role: "user", key: "k-27" }])
  })
})
