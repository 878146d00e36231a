/**
 * Commerce product categories (카테고리): the category tree and one category for everyone, and the
 * `supervisor` writes: create, update, destroy.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { NotFound } from "../BootpayError.js"
import * as Commerce from "../internal/commerce.js"
import { Id, idOr, NonEmptyString, opt, Text } from "../internal/schemas.js"

/**
 * A category as Bootpay Commerce returns it, with its sub-categories when Bootpay nests them;
 * fields Bootpay adds later are kept.
 *
 * @since 0.1.0
 * @category models
 */
export interface CommerceCategory {
  readonly category_id: string
  readonly seller_id?: string | null | undefined
  readonly project_id?: string | null | undefined
  readonly name?: string | null | undefined
  readonly parent_category_id?: string | null | undefined
  readonly parent_categories?: ReadonlyArray<string> | null | undefined
  readonly status_display?: boolean | null | undefined
  readonly status_best?: boolean | null | undefined
  readonly filter_color?: number | null | undefined
  readonly filter_size?: number | null | undefined
  readonly idx?: number | null | undefined
  readonly children?: ReadonlyArray<CommerceCategory> | null | undefined
  readonly created_at?: string | null | undefined
  readonly updated_at?: string | null | undefined
}

/**
 * The schema of a category.
 *
 * @since 0.1.0
 * @category models
 */
export const CommerceCategory: Schema.Schema<CommerceCategory> = Schema.Struct({
  category_id: Schema.String,
  seller_id: opt(Schema.String),
  project_id: opt(Schema.String),
  name: opt(Schema.String),
  parent_category_id: opt(Schema.String),
  parent_categories: opt(Schema.Array(Schema.String)),
  status_display: opt(Schema.Boolean),
  status_best: opt(Schema.Boolean),
  filter_color: opt(Schema.Number),
  filter_size: opt(Schema.Number),
  idx: opt(Schema.Number),
  children: opt(Schema.Array(Schema.suspend((): Schema.Schema<CommerceCategory> => CommerceCategory))),
  created_at: opt(Schema.String),
  updated_at: opt(Schema.String)
})

/**
 * The category tree: the top-level categories as a bare array, as Bootpay sends it.
 *
 * `GET /categories`.
 *
 * @since 0.1.0
 * @category operations
 */
export const list = Commerce.make({
  module: "Category",
  name: "list",
  method: "GET",
  path: "/categories",
  request: Commerce.NoInput,
  response: Schema.Array(CommerceCategory),
  safety: "read"
})

/**
 * One category.
 *
 * `GET /categories/{category_id}`.
 *
 * @since 0.1.0
 * @category operations
 */
export const detail = Commerce.make({
  module: "Category",
  name: "detail",
  method: "GET",
  path: "/categories/{category_id}",
  request: idOr("category_id", {}),
  response: CommerceCategory,
  safety: "read",
  errors: [NotFound],
  resource: { name: "category", idField: "category_id" },
  args: ["category_id"]
})

/** The fields of a category a merchant sets. */
const categoryFields = {
  parent_category_id: Schema.optional(Id),
  status_display: Schema.optional(Schema.Boolean),
  status_best: Schema.optional(Schema.Boolean),
  filter_color: Schema.optional(Commerce.Count),
  filter_size: Schema.optional(Commerce.Count)
}

/**
 * The input of `create`: a name, and the parent for a sub-category.
 *
 * @since 0.1.0
 * @category models
 */
export const CreateRequest = Schema.Struct({
  name: NonEmptyString,
  ...categoryFields,
  idempotency_key: Commerce.idempotencyKey
})

/**
 * Creates a category (under `parent_category_id`, if given). Needs the `supervisor` role, which
 * it always sends.
 *
 * `POST /categories` with an `Idempotency-Key`.
 *
 * @since 0.1.0
 * @category operations
 */
export const create = Commerce.make({
  module: "Category",
  name: "create",
  method: "POST",
  path: "/categories",
  request: CreateRequest,
  response: CommerceCategory,
  safety: "idempotent",
  role: "supervisor",
  idempotencyKey: true
})

/**
 * The input of `update`: the category and the fields that change.
 *
 * @since 0.1.0
 * @category models
 */
export const UpdateRequest = Schema.Struct({
  category_id: Id,
  name: Schema.optional(Text),
  ...categoryFields,
  idempotency_key: Commerce.idempotencyKey
})

/**
 * Changes a category (a new `parent_category_id` moves it). Needs the `supervisor` role, which it
 * always sends.
 *
 * `PUT /categories/{category_id}` with an `Idempotency-Key`.
 *
 * @since 0.1.0
 * @category operations
 */
export const update = Commerce.make({
  module: "Category",
  name: "update",
  method: "PUT",
  path: "/categories/{category_id}",
  request: UpdateRequest,
  response: CommerceCategory,
  safety: "idempotent",
  role: "supervisor",
  idempotencyKey: true,
  errors: [NotFound],
  resource: { name: "category", idField: "category_id" }
})

/**
 * Deletes a category (`destroy(categoryId)` on the facade). Needs the `supervisor` role, which it
 * always sends.
 *
 * `DELETE /categories/{category_id}` with an `Idempotency-Key`.
 *
 * @since 0.1.0
 * @category operations
 */
export const destroy = Commerce.make({
  module: "Category",
  name: "destroy",
  method: "DELETE",
  path: "/categories/{category_id}",
  request: idOr("category_id", { idempotency_key: Commerce.idempotencyKey }),
  response: Schema.NullOr(Schema.Unknown),
  safety: "idempotent",
  role: "supervisor",
  idempotencyKey: true,
  errors: [NotFound],
  resource: { name: "category", idField: "category_id" },
  args: ["category_id", "idempotency_key"]
})
