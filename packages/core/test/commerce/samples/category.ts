import type { Samples } from "./types.js"

const category = {
  category_id: "6200000000000000000000d1",
  name: "음료",
  parent_category_id: null,
  status_display: true,
  children: [
    { category_id: "6200000000000000000000d2", name: "커피", parent_category_id: "6200000000000000000000d1" }
  ]
}

export const category_: Samples = {
  list: {
    input: undefined,
    args: [],
    method: "GET",
    path: "/categories",
    answer: [category],
    bad: { page: 1 }
  },
  detail: {
    input: "c-1",
    args: ["c-1"],
    method: "GET",
    path: "/categories/c-1",
    answer: category,
    bad: "."
  },
  create: {
    input: {
      name: "커피",
      parent_category_id: "c-1",
      status_display: true,
      idempotency_key: "key-category-1"
    },
    method: "POST",
    path: "/categories",
    body: { name: "커피", parent_category_id: "c-1", status_display: true },
    answer: { category_id: "c-2", name: "커피", parent_category_id: "c-1" },
    bad: { name: "  " }
  },
  update: {
    input: { category_id: "c-2", name: "원두", status_best: true },
    method: "PUT",
    path: "/categories/c-2",
    body: { name: "원두", status_best: true },
    answer: { category_id: "c-2", name: "원두", status_best: true },
    bad: { name: "원두" }
  },
  destroy: {
    input: { category_id: "c-2", idempotency_key: "key-category-del" },
    args: ["c-2", "key-category-del"],
    method: "DELETE",
    path: "/categories/c-2",
    answer: null,
    bad: { category_id: "c-2", idempotency_key: "" }
  }
}
