import type { Samples } from "./types.js"

const invoice = {
  invoice_id: "6300000000000000000000b1",
  title: "3월 이용료",
  price: 33000,
  tax_free_price: 0,
  status: 1,
  send_status: 0,
  payment_url: "https://commerce.test/invoices/6300000000000000000000b1",
  expired_at: "2026-03-31T23:59:59+09:00",
  invoice_items: [{ name: "이용료", price: 33000, qty: 1 }]
}

export const invoice_: Samples = {
  list: {
    input: { page: 1, limit: 24, keyword: "63000", idempotency_key: "key-inv-list" },
    method: "GET",
    path: "/invoices",
    query: { page: "1", limit: "24", keyword: "63000" },
    answer: { list: [invoice], count: 1 },
    bad: { limit: -1 }
  },
  create: {
    input: {
      title: "3월 이용료",
      price: 33000,
      user_id: "u-1",
      send_types: [1, 3],
      invoice_items: [{ name: "이용료", price: 33000, qty: 1 }]
    },
    method: "POST",
    path: "/invoices",
    body: {
      title: "3월 이용료",
      price: 33000,
      user_id: "u-1",
      send_types: [1, 3],
      invoice_items: [{ name: "이용료", price: 33000, qty: 1 }]
    },
    answer: invoice,
    bad: { price: 33000 }
  },
  notify: {
    input: { invoice_id: "inv-1", send_types: [1, 2], idempotency_key: "key-notify-1" },
    args: ["inv-1", [1, 2], "key-notify-1"],
    method: "POST",
    path: "/invoices/inv-1/notify",
    body: { send_types: [1, 2] },
    answer: null,
    bad: { invoice_id: "inv-1", send_types: [5] }
  },
  detail: {
    input: { invoice_id: "inv-1", idempotency_key: "key-inv-detail" },
    args: ["inv-1", "key-inv-detail"],
    method: "GET",
    path: "/invoices/inv-1",
    answer: invoice,
    bad: ""
  }
}
