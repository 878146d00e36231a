/** Samples of the smaller Commerce modules: coupons, points, cart, store, mall settings, webhook. */
import type { Samples } from "./types.js"

const coupon = {
  coupon_id: "6200000000000000000000e1",
  coupon_template_id: "tpl-1",
  name: "10% 할인",
  discount_type: 2,
  discount_value: 10,
  status: 1,
  expires_at: null
}

export const coupon_: Samples = {
  list: {
    input: { status: "available", page: 1, limit: 10, user_jwt: "jwt-1" },
    method: "GET",
    path: "/coupon",
    query: { status: "available", page: "1", limit: "10" },
    answer: [coupon],
    bad: { status: 1 }
  },
  available: {
    input: undefined,
    args: [],
    method: "GET",
    path: "/coupon/available",
    answer: [{ coupon_template_id: "tpl-1", name: "10% 할인" }],
    bad: { page: 1 }
  },
  download: {
    input: { coupon_template_id: "tpl-1", user_jwt: "jwt-1" },
    method: "POST",
    path: "/coupon/download",
    body: { coupon_template_id: "tpl-1" },
    answer: coupon,
    bad: {}
  }
}

export const point_: Samples = {
  balance: {
    input: { user_jwt: "jwt-1" },
    method: "GET",
    path: "/point/balance",
    answer: { available_balance: 1500, total_earned: 2000, total_used: 500, is_negative: false },
    bad: { user_jwt: "" }
  },
  transactions: {
    input: { page: 2, limit: 5, transaction_type: 1 },
    method: "GET",
    path: "/point/transactions",
    query: { page: "2", limit: "5", transaction_type: "1" },
    answer: {
      transactions: [{ transaction_id: "t-1", transaction_type: 1, amount: 500, balance_after: 1500 }],
      total_count: 6,
      page: 2,
      limit: 5,
      total_pages: 2
    },
    bad: { transaction_type: -1 }
  }
}

export const cart_: Samples = {
  orderPreview: {
    input: {
      cart_items: [{ product_id: "p-1", quantity: 2 }],
      shipping_address: { zipcode: "06236" },
      point_amount: 0
    },
    method: "POST",
    path: "/cart/order-preview",
    body: {
      cart_items: [{ product_id: "p-1", quantity: 2 }],
      shipping_address: { zipcode: "06236" },
      point_amount: 0
    },
    answer: {
      delivery_groups: [
        {
          items: [{ product_id: "p-1", quantity: 2, price: 12000, subtotal: 24000 }],
          total_price: 24000,
          total_quantity: 2,
          delivery_fee: 3000
        }
      ],
      summary: { total_product_price: 24000, total_delivery_fee: 3000, total_order_price: 27000 }
    },
    bad: { member_mode: "guest", cart_items: [] }
  }
}

export const store_: Samples = {
  getStore: {
    input: { idempotency_key: "key-store-1" },
    args: ["key-store-1"],
    method: "GET",
    path: "/store",
    answer: { project_id: "pj-1", name: "부트페이 몰" },
    bad: { idempotency_key: 1 }
  },
  getStoreDetail: {
    input: undefined,
    args: [],
    method: "GET",
    path: "/store/detail",
    answer: { project_id: "pj-1", name: "부트페이 몰", biz_email: "shop@example.com" },
    bad: { detail: true }
  }
}

export const mallSetting_: Samples = {
  getMallSetting: {
    input: undefined,
    args: [],
    method: "GET",
    path: "/mall-setting",
    answer: { mall_setting_id: "ms-1", use_oder_cancel_approval: true, use_point: true },
    bad: { idempotency_key: "" }
  },
  updateMallSetting: {
    input: {
      use_oder_cancel_approval: false,
      point_rate: 1.5,
      rest_day: [0, 6],
      idempotency_key: "key-mall-1"
    },
    method: "PUT",
    path: "/mall-setting",
    body: { use_oder_cancel_approval: false, point_rate: 1.5, rest_day: [0, 6] },
    answer: { mall_setting_id: "ms-1", use_oder_cancel_approval: false, point_rate: 1.5 },
    bad: { use_order_cancel_approval: false }
  }
}

export const webhook_: Samples = {
  sendTest: {
    input: { header_content_type: 1 },
    method: "POST",
    path: "/webhook/test",
    body: { header_content_type: 1 },
    answer: { sent: true },
    bad: { header_content_type: "json" }
  }
}
