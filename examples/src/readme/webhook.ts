import * as Http from "node:http"
import type { Receipt } from "@effect-bootpay/core"
import { Bootpay, NodeWebhook } from "@effect-bootpay/node"

declare const markPaid: (receipt: Receipt.Receipt) => Promise<void> // your code: the order of receipt.order_id is paid

const bootpay = Bootpay.make({ clientKey: "...", secretKey: "..." })
const webhook = NodeWebhook.make({
  bootpay,
  checkSender: true, // accept only Bootpay's 223.130.82.0/24 (read the table below first)
  trustProxy: 1, // one proxy in front (nginx, a load balancer) that appends to X-Forwarded-For
  onEvent: async (event, receipt) => {
    // Bootpay's facts only: event.webhook_type says what happened, the fields say where the payment is now.
    if (event.webhook_type === "PAYMENT_COMPLETED" && receipt.status === 1) {
      await markPaid(receipt)
    }
  }
})
Http.createServer((req, res) => void webhook(req, res)).listen(8080) // or app.post("/bootpay/webhook", webhook)
