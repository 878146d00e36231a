import type { Samples } from "./types.js"

const sub = "6500000000000000000000e1"

const bill = {
  order_subscription_bill_id: "6600000000000000000000f1",
  order_subscription_id: sub,
  duration: 3,
  price: 9900,
  tax_free_price: 0,
  status: 0,
  reserve_payment_at: "2026-05-15T00:00:00+09:00",
  product_ids: ["p-1"]
}

const adjustment = {
  order_subscription_adjustment_id: "6700000000000000000000a1",
  order_subscription_id: sub,
  duration: 3,
  price: -1000,
  tax_free_price: 0,
  name: "3회차 할인",
  type: 1,
  created_at: "2026-03-15T12:00:00+09:00"
}

const request = {
  order_subscription_request_history_id: "6800000000000000000000b1",
  order_subscription_id: sub,
  user_id: "u-1",
  request_type: 1,
  status: 0,
  reason: "여행",
  requested_at: "2026-03-15T12:00:00+09:00",
  processed_at: null
}

export const orderSubscriptionBill_: Samples = {
  list: {
    input: { order_subscription_id: sub, status: [0, 1], idempotency_key: "key-bills" },
    method: "GET",
    path: "/order_subscription_bills",
    query: { order_subscription_id: sub, status: "0,1" },
    answer: { items: [bill], total: 1 },
    bad: { order_subscription_id: sub, status: [0, "1"] }
  },
  detail: {
    input: bill.order_subscription_bill_id,
    args: [bill.order_subscription_bill_id],
    method: "GET",
    path: `/order_subscription_bills/${bill.order_subscription_bill_id}`,
    answer: bill,
    bad: 7
  },
  update: {
    input: { order_subscription_bill_id: bill.order_subscription_bill_id, reserve_payment_at: "2026-05-20" },
    method: "PUT",
    path: `/order_subscription_bills/${bill.order_subscription_bill_id}`,
    body: { reserve_payment_at: "2026-05-20" },
    answer: { ...bill, reserve_payment_at: "2026-05-20T00:00:00+09:00" },
    bad: { reserve_payment_at: "2026-05-20" }
  }
}

export const orderSubscriptionAdjustment_: Samples = {
  create: {
    input: {
      order_subscription_id: sub,
      price: -1000,
      name: "3회차 할인",
      duration: 3,
      idempotency_key: "key-adj-1"
    },
    args: [sub, { price: -1000, name: "3회차 할인", duration: 3 }, "key-adj-1"],
    method: "POST",
    path: `/order_subscriptions/${sub}/adjustments`,
    body: { price: -1000, name: "3회차 할인", duration: 3 },
    answer: adjustment,
    bad: { order_subscription_id: sub, price: 1000, duration: 3, duration_from: 2, duration_to: 4 }
  },
  update: {
    input: { order_subscription_id: sub, duration: 3, adjustments: [{ price: -2000, name: "3회차 할인" }] },
    method: "PUT",
    path: `/order_subscriptions/${sub}/adjustments`,
    body: { duration: 3, adjustments: [{ price: -2000, name: "3회차 할인" }] },
    answer: { ...adjustment, price: -2000 },
    bad: { order_subscription_id: sub, duration: 3 }
  },
  delete: {
    input: {
      order_subscription_id: sub,
      order_subscription_adjustment_id: adjustment.order_subscription_adjustment_id,
      idempotency_key: "key-adj-del"
    },
    args: [sub, adjustment.order_subscription_adjustment_id, "key-adj-del"],
    method: "DELETE",
    path: `/order_subscriptions/${sub}/adjustments`,
    body: { order_subscription_adjustment_id: adjustment.order_subscription_adjustment_id },
    answer: null,
    bad: { order_subscription_id: sub }
  }
}

export const orderSubscriptionRequest_: Samples = {
  list: {
    input: { order_subscription_id: sub, page: 1, limit: 20, status: 0 },
    method: "GET",
    path: "/order-subscription-requests",
    query: { order_subscription_id: sub, page: "1", limit: "20", status: "0" },
    answer: { items: [request], total: 1 },
    bad: { action: "approve" }
  },
  detail: {
    input: {
      order_subscription_request_history_id: request.order_subscription_request_history_id,
      project_id: "proj-1"
    },
    args: [request.order_subscription_request_history_id, "proj-1"],
    method: "GET",
    path: `/order-subscription-requests/${request.order_subscription_request_history_id}`,
    query: { project_id: "proj-1" },
    answer: request,
    bad: ""
  },
  update: {
    input: {
      order_subscription_request_history_id: request.order_subscription_request_history_id,
      approval: "approve",
      reason: "확인",
      idempotency_key: "key-req-approve"
    },
    method: "PUT",
    path: `/order-subscription-requests/${request.order_subscription_request_history_id}`,
    body: { approval: "approve", reason: "확인" },
    answer: { ...request, status: 1, processed_at: "2026-03-15T13:00:00+09:00" },
    bad: {
      order_subscription_request_history_id: request.order_subscription_request_history_id,
      approval: "accept"
    }
  }
}
