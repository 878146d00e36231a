/**
 * Products (상품), held in `collection("products")`. `create` takes JSON, or `multipart/form-data`
 * with text fields (booleans as `'true'`/`'false'`, objects and arrays JSON-encoded) and files
 * `images[0]`, `images[1]`, ...: the fake keeps each file's name, size and type in
 * `collection("productImages")` (by `product_id`) and answers image URLs in `images`, as Bootpay
 * stores uploads and answers their addresses.
 *
 * Inferences (the contract does not say): `create` needs a `name`; a `category_id` must name an
 * existing category (a 400: the call addresses the product, not the category); `list` with
 * `category_id` includes products of its sub-categories (contract §6.6), `keyword` matches the
 * name, an unknown `sort` is a 400; `detail` also finds a product by `ex_uid`; `update` with
 * `category_id: null` takes the product out of its category; `status` changes only the status
 * fields; a deleted product is gone (404 afterwards).
 */
import type { CommerceState } from "../../../FakeCommerce.js"
import type { Json } from "../../../FakeStore.js"
import { type CommerceHandler, data, defined, failure, notFound, page, requireFields } from "../reply.js"

const statusKeys = [
  "status",
  "status_display",
  "status_sale",
  "status_frozen",
  "status_review",
  "use_display_period",
  "display_start_at",
  "display_end_at",
  "use_sale_period",
  "sale_start_at",
  "sale_end_at"
] as const

/** Numeric fields, which a multipart form carries as text. */
const numericKeys = new Set([
  "type",
  "tax_type",
  "stock",
  "stock_safe",
  "display_price",
  "tax_free_price",
  "discount_price",
  "discount_price_type",
  "accumulation_point",
  "accumulation_point_type",
  "setup_fee_value",
  "setup_fee_type",
  "delivery_shipping_fee_type",
  "status"
])

/** Fields Bootpay sets itself: a caller's value is not taken. */
const ownKeys = new Set([
  "product_id",
  "project_id",
  "seller_id",
  "images",
  "count_sale",
  "count_qna",
  "count_like",
  "count_review",
  "created_at",
  "updated_at"
])

const isMultipart = (headers: Readonly<Record<string, string>>) =>
  (headers["content-type"] ?? "").toLowerCase().startsWith("multipart/form-data")

/** An uploaded file as the fake's body reader passes it. */
interface Upload {
  readonly filename: string
  readonly size: number
  readonly type: string
}

const isUpload = (value: unknown): value is Upload =>
  typeof value === "object" && value !== null && "filename" in value && "size" in value

/** A text field of a multipart form as the JSON value it stands for. */
const fromText = (key: string, value: unknown): unknown => {
  if (typeof value !== "string") return value
  if (value === "true") return true
  if (value === "false") return false
  if (value.startsWith("{") || value.startsWith("[")) {
    try {
      return JSON.parse(value)
    } catch {
      return value
    }
  }
  if (numericKeys.has(key) && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value)
  return value
}

/** The product fields of a body, and its uploaded images in index order. */
const readBody = (body: Json, multipart: boolean) => {
  const fields: Json = {}
  const images: Array<[number, Upload]> = []
  for (const [key, value] of Object.entries(body)) {
    const indexed = /^images\[(\d+)\]$/.exec(key)
    if (indexed !== null && isUpload(value)) images.push([Number(indexed[1]), value])
    else if (!ownKeys.has(key) && key !== "idempotency_key")
      fields[key] = multipart ? fromText(key, value) : value
  }
  return { fields, images: images.sort((a, b) => a[0] - b[0]).map(([, upload]) => upload) }
}

/** The category and all of its descendants' ids. */
const withDescendants = (state: CommerceState, id: string): Set<string> => {
  const ids = new Set([id])
  let grew = true
  while (grew) {
    grew = false
    for (const category of state.categories.values()) {
      const cid = String(category.category_id)
      if (!ids.has(cid) && ids.has(String(category.parent_category_id))) {
        ids.add(cid)
        grew = true
      }
    }
  }
  return ids
}

const categoryMissing = (state: CommerceState, fields: Json) =>
  typeof fields.category_id === "string" && !state.categories.has(fields.category_id)
    ? failure(400, "INVALID_PARAMETER", `category ${fields.category_id} does not exist`)
    : undefined

export const create: CommerceHandler = ({ state, body, headers }) => {
  const { fields, images } = readBody(body, isMultipart(headers))
  const absent = requireFields(fields, ["name"])
  if (absent !== undefined) return absent
  const missing = categoryMissing(state, fields)
  if (missing !== undefined) return missing
  const product = state.createProduct(fields)
  const id = String(product.product_id)
  product.images = images.map(
    (image, index) => `https://cdn.fake.bootpay.local/products/${id}/${index}-${image.filename}`
  )
  if (images.length > 0) state.collection("productImages").set(id, { product_id: id, files: images })
  return data(structuredClone(product))
}

const sorters: Readonly<Record<string, (a: Json, b: Json) => number>> = {
  position: (a, b) => Number(a.position ?? 0) - Number(b.position ?? 0),
  created_at: (a, b) => String(a.created_at).localeCompare(String(b.created_at)),
  "-created_at": (a, b) => String(b.created_at).localeCompare(String(a.created_at)),
  price: (a, b) => Number(a.display_price ?? 0) - Number(b.display_price ?? 0),
  "-price": (a, b) => Number(b.display_price ?? 0) - Number(a.display_price ?? 0),
  "-sold": (a, b) => Number(b.count_sale ?? 0) - Number(a.count_sale ?? 0)
}

export const list: CommerceHandler = ({ state, query }) => {
  const categories = query.category_id === undefined ? undefined : withDescendants(state, query.category_id)
  const keyword = query.keyword
  const products = [...state.products.values()].filter(
    (product) =>
      (categories === undefined || categories.has(String(product.category_id))) &&
      (query.ex_uid === undefined || product.ex_uid === query.ex_uid) &&
      (keyword === undefined || String(product.name ?? "").includes(keyword))
  )
  const sorter = query.sort === undefined ? undefined : sorters[query.sort]
  if (query.sort !== undefined && sorter === undefined) {
    return failure(400, "INVALID_PARAMETER", `sort ${query.sort} is not supported`)
  }
  if (sorter !== undefined) products.sort(sorter)
  return data(
    page(
      products.map((product) => structuredClone(product)),
      query
    )
  )
}

const find = (state: CommerceState, id: string): Json | undefined =>
  state.products.get(id) ?? [...state.products.values()].find((product) => product.ex_uid === id)

export const detail: CommerceHandler = ({ state, params }) => {
  const product = find(state, params.product_id!)
  return product === undefined ? notFound("product", params.product_id!) : data(structuredClone(product))
}

export const update: CommerceHandler = ({ state, params, body }) => {
  const product = state.products.get(params.product_id!)
  if (product === undefined) return notFound("product", params.product_id!)
  const { fields } = readBody(body, false)
  const missing = categoryMissing(state, fields)
  if (missing !== undefined) return missing
  if ("category_id" in fields && fields.category_id === null) {
    delete fields.category_id
    delete product.category_id
  }
  Object.assign(product, fields, { updated_at: state.nowIso() })
  return data(structuredClone(product))
}

export const status: CommerceHandler = ({ state, params, body }) => {
  const product = state.products.get(params.product_id!)
  if (product === undefined) return notFound("product", params.product_id!)
  Object.assign(product, defined(body, statusKeys), { updated_at: state.nowIso() })
  return data(structuredClone(product))
}

export const remove: CommerceHandler = ({ state, params }) => {
  if (!state.products.delete(params.product_id!)) return notFound("product", params.product_id!)
  state.collection("productImages").delete(params.product_id!)
  return data(null)
}
