import type { Samples } from "./types.js"

const order = {
  order_id: "6400000000000000000000c1",
  order_number: "2603150001",
  user_id: "u-1",
  status: 1,
  total_price: 15000,
  tax_free_price: 0,
  is_subscription: false,
  chosen_product_options: [{ product_id: "p-1", product_name: "커피", price: 15000, qty: 1 }],
  created_at: "2026-03-15T10:00:00+09:00"
}

const cancellation = {
  order_cancellation_request_id: "6400000000000000000000d1",
  order_id: order.order_id,
  order_number: order.order_number,
  status: 1,
  cancel_price: 15000,
  requested_at: "2026-03-15T11:00:00+09:00"
}

export const order_: Samples = {
  list: {
    input: { page: 1, limit: 50, status: [1, 2], order_subscription_ids: [], user_group_id: "g-1" },
    method: "GET",
    path: "/orders",
    query: { page: "1", limit: "50", status: "1,2", user_group_id: "g-1" },
    answer: { items: [order], total: 1 },
    bad: { status: "1,2" }
  },
  detail: {
    input: "2603150001",
    args: ["2603150001"],
    method: "GET",
    path: "/orders/2603150001",
    answer: order,
    bad: ""
  },
  month: {
    input: { user_group_id: "g-1", search_date: "2026-03" },
    args: ["g-1", "2026-03"],
    method: "GET",
    path: "/orders/month",
    query: { user_group_id: "g-1", search_date: "2026-03" },
    answer: { search_date: "2026-03", items: [order], total: 1, total_price: 15000 },
    bad: { user_group_id: "g-1", search_date: "2026-3" }
  }
}

export const orderCancel_: Samples = {
  list: {
    input: { order_number: "2603150001", idempotency_key: "key-cancel-list" },
    method: "GET",
    path: "/order/cancel",
    query: { order_number: "2603150001" },
    answer: { items: [cancellation], total: 1 },
    bad: { order_number: 2603150001 }
  },
  request: {
    input: {
      order_number: "2603150001",
      request_cancel_parameters: { cancel_id: "c-1", cancel_price: 15000, cancel_message: "단순 변심" },
      idempotency_key: "key-cancel-1"
    },
    method: "POST",
    path: "/order/cancel",
    body: {
      order_number: "2603150001",
      request_cancel_parameters: { cancel_id: "c-1", cancel_price: 15000, cancel_message: "단순 변심" }
    },
    answer: cancellation,
    bad: { order_number: "2603150001", request_cancel_parameters: { cancel_price: 0 } }
  },
  withdraw: {
    input: "req-1",
    method: "PUT",
    path: "/order/cancel/req-1/withdraw",
    answer: { ...cancellation, status: 3 },
    bad: { order_cancellation_request_id: "" }
  },
  approve: {
    input: {
      order_cancellation_request_id: "req-1",
      message: "승인합니다",
      idempotency_key: "key-approve-1"
    },
    method: "PUT",
    path: "/order/cancel/req-1/approve",
    body: { message: "승인합니다" },
    answer: { ...cancellation, status: 2 },
    bad: { message: "승인합니다" }
  },
  reject: {
    input: { order_cancellation_request_id: "req-1", message: "배송 완료" },
    method: "PUT",
    path: "/order/cancel/req-1/reject",
    body: { message: "배송 완료" },
    answer: { ...cancellation, status: 4 },
    bad: { order_cancellation_request_id: "req-1", refund_price: -5 }
  }
}
