/** Demo steps 5 to 7: identity verification, cash receipts and a verified webhook. */
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import type { Webhook } from "@effect-bootpay/core"
import { type Bootpay, BootpayCommerce, NodeWebhook } from "@effect-bootpay/node"
import { FakeCommerce, type FakeServer, Fixtures } from "@effect-bootpay/testing"
import type { Transcript } from "./demo.js"
import { refund } from "./readme/commerce/refund.js"

/** Everything a demo step can use. */
export interface StepContext {
  readonly t: Transcript
  readonly fake: FakeServer.FakeServer
  readonly bootpay: Bootpay.Bootpay
  readonly webhooks: WebhookReceiver
}

/** The merchant's webhook endpoint, on loopback, with what it processed. */
export interface WebhookReceiver {
  readonly url: string
  readonly processed: Array<Webhook.VerifiedEvent>
  readonly attach: (bootpay: Bootpay.Bootpay) => void
  readonly close: () => Promise<void>
}

/** Starts the merchant's webhook endpoint; it answers 503 until a client is attached. */
export const startWebhookReceiver = async (): Promise<WebhookReceiver> => {
  const processed: Array<Webhook.VerifiedEvent> = []
  let handler: NodeWebhook.Handler | undefined
  const server = Http.createServer((req, res) => {
    if (handler === undefined) {
      res.writeHead(503).end()
      return
    }
    void handler(req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/webhooks/bootpay`,
    processed,
    attach: (bootpay) => {
      handler = NodeWebhook.make({
        bootpay,
        onEvent: (event) => {
          processed.push(event)
        }
      })
    },
    close: async () => {
      await handler?.dispose()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

/** Runs steps 5 to 7. */
export const extraSteps = async ({ t, fake, bootpay, webhooks }: StepContext): Promise<void> => {
  t.title("5. Identity verification (본인인증): request, OTP confirm, certificate  [Promise facade]")
  t.sent("POST /request/authentication { pg: danal, carrier: SKT, phone: ***, identity_no: ***, client_ip }")
  // The same request is sent again below, to show that Bootpay refuses a reused authentication_id.
  const identityRequest = {
    pg: "danal",
    method: "본인인증",
    authentication_id: "verify-2001",
    order_name: "회원가입 본인인증",
    username: "홍길동",
    identity_no: "9001011",
    carrier: "SKT",
    phone: "01012345678",
    client_ip: "203.0.113.7"
  } as const
  const requested = await bootpay.authentication.request(identityRequest)
  t.got(`verification ${requested.receipt_id} pending (status ${requested.status})`)
  t.sent(`POST /authenticate/confirm { receipt_id, otp: ****** }`)
  const verified = await bootpay.authentication.confirm({ receipt_id: requested.receipt_id, otp: "000000" })
  t.got(`status ${verified.status} (${verified.status_locale ?? ""})`)
  t.check("verified: status 12", verified.status === 12)
  const certificate = await bootpay.certificate.lookup(requested.receipt_id)
  t.got(
    `certificate: name ${certificate.authenticate_data?.name ?? "?"}, carrier ${certificate.authenticate_data?.carrier ?? "?"}`
  )
  t.check(
    "the certificate carries the verified person's data",
    certificate.authenticate_data?.name !== undefined
  )
  const again = await bootpay.authentication.request(identityRequest).then(
    () => undefined,
    (error: { _tag?: string; errorCode?: unknown }) => error
  )
  t.got(`the same authentication_id again: ${again?._tag} ${String(again?.errorCode ?? "")}`)
  t.check("a completed verification cannot be reused", again?._tag === "IdentityVerificationFailed")

  t.title("6. A cash receipt (현금영수증) on a bank transfer, published and cancelled  [Promise facade]")
  const transfer = fake.store.createReceipt(
    Fixtures.receipt("bank", { price: 50_000, order_id: "order-3001" })
  )
  t.sent(
    `POST /request/receipt/cash/publish { receipt_id: ${transfer.receipt_id}, cash_receipt_type: 소득공제, identity_no: *** }`
  )
  const published = await bootpay.cashReceipt.publishOnReceipt({
    receipt_id: transfer.receipt_id,
    identity_no: "01012345678",
    cash_receipt_type: "소득공제"
  })
  t.got(`cash receipt no ${published.cash_receipt_data?.cash_receipt_no ?? "?"}`)
  t.check(
    "cash receipt published",
    published.cash_receipt_data !== undefined && published.cash_receipt_data !== null
  )
  t.sent(`DELETE /request/receipt/cash/cancel/${transfer.receipt_id}?cancel_message=...`)
  await bootpay.cashReceipt.cancelOnReceipt({ receipt_id: transfer.receipt_id, cancel_message: "발행 취소" })
  t.check("cash receipt cancelled", true)

  t.title("7. Webhooks: Bootpay posts each change; the endpoint verifies it by fetching the receipt back")
  const paid = fake.store.createReceipt(Fixtures.receipt("card", { price: 12_000, order_id: "order-4001" }))
  await bootpay.receipt.cancel({ receipt_id: paid.receipt_id, cancel_price: 2_000, cancel_id: "r-4001-1" })
  const delivery = await settled(fake, paid.receipt_id, "PAYMENT_PARTIAL_CANCELLED")
  t.got(
    `${delivery?.webhookType} for ${paid.receipt_id}: ${delivery?.status} after ${delivery?.attempts.length} attempt(s)`
  )
  t.check('the webhook was verified and answered 200 {"success": true}', delivery?.status === "succeeded")
  t.write("  (Bootpay retries until it gets that answer, so the same event can arrive twice)")
  const duplicate = await fake.store.deliverWebhook(paid.receipt_id, "PAYMENT_PARTIAL_CANCELLED")
  const times = webhooks.processed.filter(
    (event) => event.receipt_id === paid.receipt_id && event.webhook_type === "PAYMENT_PARTIAL_CANCELLED"
  ).length
  t.got(`redelivered: ${duplicate.status}; processed ${times} time(s)`)
  t.check(
    "a duplicate delivery is acknowledged but processed once",
    duplicate.status === "succeeded" && times === 1
  )
  t.write(`  (the endpoint verified and processed ${webhooks.processed.length} webhook(s) during the demo)`)

  await commerceStep(t, fake)
}

/** Bootpay Commerce: a member, a payment link, and a partial refund requested and approved. */
const commerceStep = async (t: Transcript, fake: FakeServer.FakeServer) => {
  t.title("8. Commerce: a member joins, gets a payment link, and a refund is approved  [BootpayCommerce]")
  const commerce = BootpayCommerce.make({ baseUrl: fake.commerceUrl, clientKey: "test", secretKey: "test" })
  try {
    t.sent("POST /v1/users/join { login_id: kim, password: ***, name: 김철수 }")
    const member = await commerce.user.userJoin({ login_id: "kim", password: "pw-1234", name: "김철수" })
    t.got(`member ${member.user_id}`)
    const invoice = await commerce.invoice.create({
      title: "3월 수강료",
      price: 120_000,
      user_id: member.user_id
    })
    t.got(`invoice ${invoice.invoice_id}: ${invoice.payment_url}`)
    t.check("the payment link is issued", typeof invoice.payment_url === "string")
    const order = FakeCommerce.of(fake.store).createOrder({ user_id: member.user_id, total_price: 120_000 })
    t.sent(`POST /v1/order/cancel { order_number: ${order.order_number}, cancel_price: 20000 }, then approve`)
    const outcome = await refund(commerce, String(order.order_number), 20_000, "1회 결석")
    const approvals = fake.store.requests.filter(
      (request) => request.operation === "Commerce.OrderCancel.approve"
    )
    t.got(`${outcome._tag}; approved with the ${approvals[0]?.headers["bootpay-role"]} role`)
    t.check(
      "refunded 20,000 of 120,000, the approval sent as supervisor",
      outcome._tag === "Refunded" &&
        order.cancelled_price === 20_000 &&
        approvals[0]?.headers["bootpay-role"] === "supervisor"
    )
  } finally {
    await commerce.dispose()
  }
}

/** The fake's delivery of `type` for a receipt once it has finished (a few seconds at most). */
const settled = async (fake: FakeServer.FakeServer, receiptId: string, type: string) => {
  for (let i = 0; i < 100; i++) {
    const delivery = fake.store.webhookDeliveries.find(
      (d) => d.receiptId === receiptId && d.webhookType === type
    )
    if (delivery !== undefined && delivery.status !== "pending") return delivery
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return undefined
}
