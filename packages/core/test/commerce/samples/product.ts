import type { Samples } from "./types.js"

const product = {
  product_id: "6200000000000000000000c1",
  name: "커피 원두 200g",
  display_price: 12000,
  status_sale: true,
  options: [{ option_id: "o-1", name: "분쇄", price: 0 }],
  created_at: "2026-01-15T12:00:00+09:00"
}

export const product_: Samples = {
  list: {
    input: { page: 1, limit: 20, category_id: "cat-1", sort: "-price", user_jwt: "jwt-1" },
    method: "GET",
    path: "/products",
    query: { page: "1", limit: "20", category_id: "cat-1", sort: "-price" },
    answer: { items: [product], total: 1 },
    bad: { period_type: "month" }
  },
  create: {
    input: {
      name: "커피 원두 200g",
      display_price: 12000,
      use_stock: true,
      stock: 10,
      search_tags: ["커피"],
      options: [{ name: "분쇄", price: 0, extra_code: "G" }],
      idempotency_key: "key-product-1"
    },
    method: "POST",
    path: "/products",
    body: {
      name: "커피 원두 200g",
      display_price: 12000,
      use_stock: true,
      stock: 10,
      search_tags: ["커피"],
      options: [{ name: "분쇄", price: 0, extra_code: "G" }]
    },
    answer: product,
    bad: { name: "커피", display_price: -1, stock: 1.5 }
  },
  detail: {
    input: { product_id: "p-1", user_jwt: "jwt-1", idempotency_key: "key-product-detail" },
    args: ["p-1", "jwt-1", "key-product-detail"],
    method: "GET",
    path: "/products/p-1",
    answer: product,
    bad: { product_id: "p-1", user_jwt: 3 }
  },
  update: {
    input: { product_id: "p-1", category_id: null, stock: 5 },
    method: "PUT",
    path: "/products/p-1",
    body: { category_id: null, stock: 5 },
    answer: { ...product, stock: 5 },
    bad: { category_id: "c-1" }
  },
  status: {
    input: { product_id: "p-1", status_sale: false, status_display: true },
    method: "PUT",
    path: "/products/p-1/status",
    body: { status_sale: false, status_display: true },
    answer: { ...product, status_sale: false },
    bad: { product_id: "p-1", stock: 3 }
  },
  delete: {
    input: "p-1",
    args: ["p-1"],
    method: "DELETE",
    path: "/products/p-1",
    answer: null,
    bad: { product_id: "" }
  }
}
