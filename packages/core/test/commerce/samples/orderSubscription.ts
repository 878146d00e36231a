import type { Samples } from "./types.js"

const subscription = {
  order_subscription_id: "6500000000000000000000e1",
  order_id: "6400000000000000000000c1",
  order_number: "2603150001",
  user_id: "u-1",
  status: 1,
  price: 9900,
  tax_free_price: 0,
  current_duration: 2,
  total_subscription_duration: 12,
  option_names: ["월간"],
  payment_next_at: "2026-04-15T00:00:00+09:00"
}

const id = subscription.order_subscription_id

export const orderSubscription_: Samples = {
  list: {
    input: { page: 1, limit: 20, search_date_from: "2026-01-01", status: 1 },
    method: "GET",
    path: "/order_subscriptions",
    query: { page: "1", limit: "20", search_date_from: "2026-01-01", status: "1" },
    answer: { items: [subscription], total: 1 },
    bad: { css_at: "2026-01-01" }
  },
  detail: {
    input: id,
    args: [id],
    method: "GET",
    path: `/order_subscriptions/${id}`,
    answer: subscription,
    bad: ""
  },
  update: {
    input: { order_subscription_id: id, price: 12900, memo: "가격 인상", idempotency_key: "key-sub-update" },
    method: "PUT",
    path: `/order_subscriptions/${id}`,
    body: { price: 12900, memo: "가격 인상" },
    answer: { ...subscription, price: 12900 },
    bad: { order_subscription_id: id, price: 0 }
  },
  supervisorApprove: {
    input: { order_subscription_id: id, reason: "확인" },
    args: [id, { reason: "확인" }],
    method: "PUT",
    path: `/order_subscriptions/${id}/approve`,
    body: { reason: "확인" },
    answer: subscription,
    bad: { reason: "확인" }
  },
  supervisorReject: {
    input: { order_subscription_id: id, reason: "재고 없음" },
    args: [id, { reason: "재고 없음" }],
    method: "PUT",
    path: `/order_subscriptions/${id}/reject`,
    body: { reason: "재고 없음" },
    answer: { ...subscription, status: 4 },
    bad: { order_subscription_id: id, reason: 3 }
  },
  supervisorTerminate: {
    input: {
      order_subscription_id: id,
      reason: "해지",
      termination_fee: 5000,
      idempotency_key: "key-term-1"
    },
    args: [id, { reason: "해지", termination_fee: 5000, idempotency_key: "key-term-1" }],
    method: "PUT",
    path: `/order_subscriptions/${id}/terminate`,
    body: { reason: "해지", termination_fee: 5000 },
    answer: { ...subscription, status: 3 },
    bad: { order_subscription_id: id, termination_fee: -1 }
  },
  supervisorPause: {
    input: { order_subscription_id: id, paused_at: "2026-04-01T00:00:00+09:00" },
    args: [id, { paused_at: "2026-04-01T00:00:00+09:00" }],
    method: "PUT",
    path: `/order_subscriptions/${id}/pause`,
    body: { paused_at: "2026-04-01T00:00:00+09:00" },
    answer: { ...subscription, status: 2 },
    bad: { order_subscription_id: id }
  },
  supervisorResume: {
    input: { order_subscription_id: id },
    args: [id],
    method: "PUT",
    path: `/order_subscriptions/${id}/resume`,
    body: {},
    answer: subscription,
    bad: { order_subscription_id: id, resume_at: "2026-04-01" }
  },
  supervisorCharge: {
    input: {
      charge_key: "ck_live_abc",
      price: 5000,
      metadata: { memo: "추가 요금" },
      idempotency_key: "key-charge-1"
    },
    method: "POST",
    path: "/order_subscriptions/charge",
    body: { charge_key: "ck_live_abc", price: 5000, metadata: { memo: "추가 요금" } },
    answer: {
      order_id: "6400000000000000000000c9",
      order_number: "2603150009",
      receipt_id: "62b12f4b6d3e4e0021f5c8a9",
      charge_key: "ck_live_abc",
      price: 5000,
      tax_free_price: 0,
      status: 1
    },
    bad: { charge_key: "ck_live_abc", price: 5000, tax_free_price: 6000 }
  },
  supervisorChargeRevoke: {
    input: { charge_key: "ck_live_abc", idempotency_key: "key-revoke-1" },
    method: "DELETE",
    path: "/order_subscriptions/charge",
    body: { charge_key: "ck_live_abc" },
    answer: { charge_key: "ck_live_abc", revoked_at: "2026-03-15T12:00:00+09:00", status: 2 },
    bad: { charge_key: "" }
  }
}

export const requestIng_: Samples = {
  pause: {
    input: { order_subscription_id: id, reason: "여행", paused_at: "2026-04-01T00:00:00+09:00" },
    method: "POST",
    path: "/order_subscriptions/requests/ing/pause",
    body: { order_subscription_id: id, reason: "여행", paused_at: "2026-04-01T00:00:00+09:00" },
    answer: { ...subscription, order_subscription_request_history_id: "r-1" },
    bad: { reason: "여행" }
  },
  resume: {
    input: { order_number: "2603150001", resume_at: "2026-05-01T00:00:00+09:00" },
    method: "PUT",
    path: "/order_subscriptions/requests/ing/resume",
    body: { order_number: "2603150001", resume_at: "2026-05-01T00:00:00+09:00" },
    answer: subscription,
    bad: {}
  },
  purchase: {
    input: { order_subscription_id: id, price: 50000, idempotency_key: "key-buyout-1" },
    method: "POST",
    path: "/order_subscriptions/requests/ing/purchase",
    body: { order_subscription_id: id, price: 50000 },
    answer: subscription,
    bad: { order_subscription_id: id, price: -1 }
  },
  transfer: {
    input: { order_subscription_id: id, new_user_id: "u-2", reason: "가족 승계" },
    method: "POST",
    path: "/order_subscriptions/requests/ing/transfer",
    body: { order_subscription_id: id, new_user_id: "u-2", reason: "가족 승계" },
    answer: subscription,
    bad: { order_number: "2603150001", new_user_id: "u-2" }
  },
  calculateTerminationFee: {
    input: { order_subscription_id: id, idempotency_key: "key-fee-1" },
    args: [id, undefined, "key-fee-1"],
    method: "GET",
    path: "/order_subscriptions/requests/ing/calculate_termination_fee",
    query: { order_subscription_id: id },
    answer: { termination_fee: 5000, refund_amount: 0, last_bill_refund_price: 0, final_fee: 5000 },
    bad: {}
  },
  termination: {
    input: {
      order_subscription_id: id,
      termination_fee: 5000,
      reason: "이사",
      idempotency_key: "key-term-2"
    },
    method: "POST",
    path: "/order_subscriptions/requests/ing/termination",
    body: { order_subscription_id: id, termination_fee: 5000, reason: "이사" },
    answer: subscription,
    bad: { order_subscription_id: id, termination_fee: "5000" }
  }
}
