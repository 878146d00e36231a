/**
 * Product categories (카테고리), held in `collection("categories")`; a sub-category names its parent
 * in `parent_category_id`.
 *
 * Inferences (the contract says only "tree, top-level array"): `list` answers the top-level
 * categories ordered by `idx`, each with its sub-categories nested in `children`; every category
 * carries `parent_categories`, its ancestors' ids from the top; a parent must exist (400); a
 * category cannot be moved under itself or one of its descendants (400); a category that still
 * has sub-categories cannot be destroyed (400); destroying one takes its products out of it.
 */
import type { CommerceState } from "../../../FakeCommerce.js"
import type { Json } from "../../../FakeStore.js"
import { type CommerceHandler, data, defined, failure, notFound } from "../reply.js"

const categoryKeys = [
  "name",
  "parent_category_id",
  "status_display",
  "status_best",
  "filter_color",
  "filter_size"
] as const

const ancestors = (state: CommerceState, category: Json): Array<string> => {
  const chain: Array<string> = []
  let parent = category.parent_category_id
  while (typeof parent === "string" && !chain.includes(parent)) {
    chain.unshift(parent)
    parent = state.categories.get(parent)?.parent_category_id
  }
  return chain
}

const childrenOf = (state: CommerceState, id: unknown): Array<Json> =>
  [...state.categories.values()]
    .filter((category) =>
      id === null ? category.parent_category_id == null : category.parent_category_id === id
    )
    .sort((a, b) => Number(a.idx ?? 0) - Number(b.idx ?? 0))

const shown = (state: CommerceState, category: Json): Json => ({
  ...structuredClone(category),
  parent_categories: ancestors(state, category)
})

const tree = (state: CommerceState, category: Json): Json => ({
  ...shown(state, category),
  children: childrenOf(state, category.category_id).map((child) => tree(state, child))
})

const parentIssue = (state: CommerceState, body: Json, self?: string) => {
  const parent = body.parent_category_id
  if (parent === undefined || parent === null) return undefined
  if (!state.categories.has(String(parent))) {
    return failure(400, "INVALID_PARAMETER", `parent category ${String(parent)} does not exist`)
  }
  if (self !== undefined) {
    const chain = [...ancestors(state, state.categories.get(String(parent))!), String(parent)]
    if (chain.includes(self))
      return failure(400, "INVALID_PARAMETER", "a category cannot be moved under itself")
  }
  return undefined
}

export const list: CommerceHandler = ({ state }) =>
  data(childrenOf(state, null).map((category) => tree(state, category)))

export const detail: CommerceHandler = ({ state, params }) => {
  const category = state.categories.get(params.category_id!)
  return category === undefined ? notFound("category", params.category_id!) : data(tree(state, category))
}

export const create: CommerceHandler = ({ state, body }) => {
  if (typeof body.name !== "string" || body.name.trim() === "") {
    return failure(400, "INVALID_PARAMETER", "name is required")
  }
  const refused = parentIssue(state, body)
  if (refused !== undefined) return refused
  const category = state.createCategory(defined(body, categoryKeys))
  return data(shown(state, category))
}

export const update: CommerceHandler = ({ state, params, body }) => {
  const category = state.categories.get(params.category_id!)
  if (category === undefined) return notFound("category", params.category_id!)
  const refused = parentIssue(state, body, params.category_id!)
  if (refused !== undefined) return refused
  Object.assign(category, defined(body, categoryKeys), { updated_at: state.nowIso() })
  return data(shown(state, category))
}

export const destroy: CommerceHandler = ({ state, params }) => {
  const id = params.category_id!
  if (!state.categories.has(id)) return notFound("category", id)
  if (childrenOf(state, id).length > 0) {
    return failure(400, "INVALID_PARAMETER", "the category still has sub-categories")
  }
  state.categories.delete(id)
  for (const product of state.products.values()) if (product.category_id === id) delete product.category_id
  return data(null)
}
