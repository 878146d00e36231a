import type { Samples } from "./types.js"

const group = {
  user_group_id: "6200000000000000000000b1",
  company_name: "부트페이",
  corporate_type: 2,
  business_number: "1234567890",
  count: 3
}

export const userGroup_: Samples = {
  create: {
    input: {
      company_name: "부트페이",
      corporate_type: 2,
      business_number: "1234567890",
      purchase_limit: 100000
    },
    method: "POST",
    path: "/user-groups",
    body: {
      company_name: "부트페이",
      corporate_type: 2,
      business_number: "1234567890",
      purchase_limit: 100000
    },
    answer: group,
    bad: { company_name: "부트페이", corporate_type: 3 }
  },
  list: {
    input: { page: 1, limit: 5, keyword: "부트", corporate_type: 2 },
    method: "GET",
    path: "/user-groups",
    query: { page: "1", limit: "5", keyword: "부트", corporate_type: "2" },
    answer: { items: [group], total: 1 },
    bad: { limit: -1 }
  },
  detail: {
    input: "g-1",
    args: ["g-1"],
    method: "GET",
    path: "/user-groups/g-1",
    answer: group,
    bad: ""
  },
  update: {
    input: { user_group_id: "g-1", ceo_name: "홍길동", manager_email: "m@example.com" },
    method: "PUT",
    path: "/user-groups/g-1",
    body: { ceo_name: "홍길동", manager_email: "m@example.com" },
    answer: { ...group, ceo_name: "홍길동" },
    bad: { user_group_id: "g-1", purchase_limit: 1000 }
  },
  userCreate: {
    input: { user_group_id: "g-1", user_id: "u-1", idempotency_key: "key-group-add-1" },
    args: ["g-1", "u-1", "key-group-add-1"],
    method: "POST",
    path: "/user-groups/g-1/user",
    body: { user_id: "u-1" },
    answer: null,
    bad: { user_group_id: "g-1" }
  },
  userDelete: {
    input: { user_group_id: "g/1", user_id: "u-1" },
    args: ["g/1", "u-1"],
    method: "DELETE",
    path: "/user-groups/g%2F1/user/u-1",
    answer: null,
    bad: { user_group_id: "g-1", user_id: ".." }
  },
  limit: {
    input: {
      user_group_id: "g-1",
      use_limit: true,
      limit_month_purchase: 500000,
      limit_message: "한도 초과",
      idempotency_key: "key-limit-1"
    },
    method: "PUT",
    path: "/user-groups/g-1/limit",
    body: { use_limit: true, limit_month_purchase: 500000, limit_message: "한도 초과" },
    answer: { ...group, use_limit: true, limit_month_purchase: 500000 },
    bad: { user_group_id: "g-1", limit_month_purchase: 1.5 }
  },
  aggregateTransaction: {
    input: { user_group_id: "g-1", use_subscription_aggregate_transaction: true, subscription_month_day: 10 },
    method: "PUT",
    path: "/user-groups/g-1/aggregate-transaction",
    body: { use_subscription_aggregate_transaction: true, subscription_month_day: 10 },
    answer: { ...group, use_subscription_aggregate_transaction: true, subscription_month_day: 10 },
    bad: { use_subscription_aggregate_transaction: true }
  }
}
