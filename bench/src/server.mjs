/**
 * The loopback Bootpay stand-in the benchmark talks to. It runs in its own process (forked by
 * `main.mjs`) so that its CPU never shows up in the client's `process.cpuUsage()`, and it does as
 * little as possible per request: the receipt body is serialised once, only the id is spliced in.
 *
 * Routes: `GET /v2/receipt/:id` (a paid card receipt, about 1.5 KB) and `POST /v2/request/token`
 * (`{access_token, expire_in: 1800}`, counted). Any other path is a 404 Bootpay-style error body.
 * The parent talks to it over IPC: it receives `{ port }` once listening, can ask `{ type: "stats" }`
 * and `{ type: "reset" }`, and the server exits when the IPC channel closes.
 */
import { createServer } from "node:http"

/** A paid card receipt as Bootpay returns it (CONTRACT.md 3.1 and 3.3); the id is spliced in per call. */
const receipt = {
  receipt_id: "RECEIPT_ID",
  order_id: "ORD-20260312-004817",
  price: 39800,
  tax_free: 0,
  cancelled_price: 0,
  cancelled_tax_free: 0,
  order_name: "유기농 제주 감귤 5kg 외 1건",
  company_name: "초록마켓 주식회사",
  gateway_url: "https://gw.bootpay.co.kr",
  metadata: {
    customer_id: "cus_8812",
    channel: "mobile_web",
    coupon_code: "SPRING10",
    delivery_memo: "부재 시 경비실에 맡겨주세요"
  },
  sandbox: false,
  pg: "나이스페이먼츠",
  method: "카드",
  method_symbol: "card",
  method_origin: "카드",
  method_origin_symbol: "card",
  purchased_at: "2026-03-12T14:21:07+09:00",
  requested_at: "2026-03-12T14:20:31+09:00",
  cancelled_at: null,
  status: 1,
  status_locale: "결제완료",
  currency: "KRW",
  receipt_url: "https://door.bootpay.co.kr/receipt/T2VSb2FMNzYwUXpPdUZMRGN3V1E5d0pQOU1KZGxqYjRpdU5Y",
  card_data: {
    tid: "nicepay00m01012603121421070815",
    card_approve_no: "30015678",
    card_no: "94352017****6169",
    card_quota: "00",
    card_company_code: "01",
    card_company: "비씨",
    card_interest: "0",
    card_type: "신용",
    card_owner_type: "개인",
    point: 0,
    coupon: 0,
    receipt_url: "https://npg.nicepay.co.kr/issue/IssueLoader.do?TID=nicepay00m01012603121421070815&type=0"
  },
  escrow_data: {
    status: 0,
    status_locale: "배송대기",
    shipping_started_at: null,
    receipt_confirmed_at: null
  },
  phone_data: null,
  bank_data: null,
  vbank_data: null,
  cash_receipt_data: null,
  naver_point_data: null,
  kakao_money_data: null,
  payco_point_data: null,
  toss_point_data: null
}

const [head, tail] = JSON.stringify(receipt).split("RECEIPT_ID")
const jsonHeaders = (length) => ({
  "content-type": "application/json; charset=utf-8",
  "content-length": String(length)
})

let tokenRequests = 0
let lookups = 0
let unauthorized = 0
let tokenSerial = 0
const issuedTokens = new Set()

const reply = (res, status, text) => {
  res.writeHead(status, jsonHeaders(Buffer.byteLength(text)))
  res.end(text)
}

/** Basic is accepted as is; Bearer only with a token this server issued, so a client that never asked for one fails. */
const authorized = (header) => {
  if (typeof header !== "string") return false
  if (header.startsWith("Basic ")) return true
  return header.startsWith("Bearer ") && issuedTokens.has(header.slice(7))
}

const server = createServer((req, res) => {
  const url = req.url ?? "/"
  if (req.method === "GET" && url.startsWith("/v2/receipt/")) {
    if (!authorized(req.headers.authorization)) {
      unauthorized++
      reply(res, 401, JSON.stringify({ error_code: "TOKEN_INVALID", message: "토큰이 유효하지 않습니다." }))
      return
    }
    lookups++
    const end = url.indexOf("?")
    const id = decodeURIComponent(url.slice("/v2/receipt/".length, end === -1 ? undefined : end))
    reply(res, 200, head + id + tail)
    return
  }
  if (req.method === "POST" && url === "/v2/request/token") {
    // Drain the JSON body before answering so the keep-alive socket stays reusable.
    req.resume()
    req.on("end", () => {
      tokenRequests++
      const token = `bench-token-${++tokenSerial}`
      issuedTokens.add(token)
      reply(res, 200, JSON.stringify({ access_token: token, expire_in: 1800 }))
    })
    return
  }
  reply(res, 404, JSON.stringify({ error_code: "RC_NOT_FOUND", message: "not found" }))
})

// Keep idle sockets open across rounds, so no client pays a reconnect the others do not.
server.keepAliveTimeout = 120_000
server.headersTimeout = 125_000

server.listen(0, "127.0.0.1", () => {
  const address = server.address()
  process.send?.({ type: "listening", port: address.port, receiptBytes: Buffer.byteLength(head + tail) + 20 })
})

process.on("message", (message) => {
  if (message?.type === "stats") process.send?.({ type: "stats", tokenRequests, lookups, unauthorized })
  if (message?.type === "reset") {
    tokenRequests = 0
    lookups = 0
    unauthorized = 0
    process.send?.({ type: "reset" })
  }
})

// The parent owns this process: when it goes away (or closes the channel), so do we.
process.on("disconnect", () => {
  server.closeAllConnections()
  server.close(() => process.exit(0))
})
