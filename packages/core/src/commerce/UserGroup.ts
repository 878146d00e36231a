/**
 * Commerce member groups (회원 그룹, usually a company): create, list, read and change a group, add
 * and remove its members, and set its purchase limits and its subscriptions' aggregate billing.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { NotFound } from "../BootpayError.js"
import * as Commerce from "../internal/commerce.js"
import { Id, idOr, JsonObject, opt, Text } from "../internal/schemas.js"
import * as Paging from "./Paging.js"

/**
 * A member group as Bootpay Commerce returns it; fields Bootpay adds later are kept.
 *
 * @since 0.1.0
 * @category models
 */
export const CommerceUserGroup = Schema.Struct({
  user_group_id: Schema.String,
  seller_id: opt(Schema.String),
  project_id: opt(Schema.String),
  corporate_type: opt(Schema.Number),
  company_name: opt(Schema.String),
  business_number: opt(Schema.String),
  registration_number: opt(Schema.String),
  ceo_name: opt(Schema.String),
  business_type: opt(Schema.String),
  business_category: opt(Schema.String),
  phone: opt(Schema.String),
  email: opt(Schema.String),
  zipcode: opt(Schema.String),
  address: opt(Schema.String),
  address_detail: opt(Schema.String),
  bank: opt(Schema.String),
  bank_code: opt(Schema.String),
  manager_name: opt(Schema.String),
  manager_phone: opt(Schema.String),
  manager_email: opt(Schema.String),
  count: opt(Schema.Number),
  status: opt(Schema.Union(Schema.Number, Schema.String)),
  point: opt(Schema.Number),
  accumulation: opt(Schema.Number),
  auth_bank: opt(Schema.Boolean),
  auth_company: opt(Schema.Boolean),
  use_subscription_aggregate_transaction: opt(Schema.Boolean),
  subscription_month_day: opt(Schema.Number),
  subscription_week_day: opt(Schema.Number),
  use_limit: opt(Schema.Boolean),
  purchase_limit: opt(Schema.Number),
  subscribed_limit: opt(Schema.Number),
  limit_month_purchase: opt(Schema.Number),
  limit_week_purchase: opt(Schema.Number),
  limit_message: opt(Schema.String),
  external_uid: opt(Schema.String),
  is_external: opt(Schema.Union(Schema.Boolean, Schema.String)),
  created_at: opt(Schema.String),
  updated_at: opt(Schema.String)
})

/**
 * A member group.
 *
 * @since 0.1.0
 * @category models
 */
export type CommerceUserGroup = typeof CommerceUserGroup.Type

/**
 * A group's kind: `1` individual business (개인사업자), `2` corporation (법인).
 *
 * @since 0.1.0
 * @category models
 */
export const CorporateType = Schema.Literal(1, 2)

/** The group's own fields, which `create` and `update` both send. */
const groupFields = {
  uid: Schema.optional(Id),
  external_uid: Schema.optional(Id),
  corporate_type: Schema.optional(CorporateType),
  company_name: Schema.optional(Text),
  business_number: Schema.optional(Text),
  registration_number: Schema.optional(Text),
  corporate_established: Schema.optional(Text),
  ceo_name: Schema.optional(Text),
  business_type: Schema.optional(Text),
  business_category: Schema.optional(Text),
  auth_company: Schema.optional(Schema.Boolean),
  phone: Schema.optional(Text),
  email: Schema.optional(Text),
  zipcode: Schema.optional(Text),
  address: Schema.optional(Text),
  address_detail: Schema.optional(Text),
  bank: Schema.optional(Text),
  bank_code: Schema.optional(Text),
  manager_name: Schema.optional(Text),
  manager_phone: Schema.optional(Text),
  manager_email: Schema.optional(Text),
  pccc: Schema.optional(Text),
  personal_customs_clearance_code: Schema.optional(Text),
  marketing_accept_type: Schema.optional(Commerce.Count),
  corporate_extension: Schema.optional(JsonObject)
}

/** The aggregate-billing fields: set at creation or through `aggregateTransaction`. */
const aggregateFields = {
  use_subscription_aggregate_transaction: Schema.optional(Schema.Boolean),
  subscription_month_day: Schema.optional(Commerce.Count),
  subscription_week_day: Schema.optional(Commerce.Count)
}

/** The purchase-limit fields: set at creation or through `limit`. */
const limitFields = {
  use_limit: Schema.optional(Schema.Boolean),
  purchase_limit: Schema.optional(Commerce.Count),
  subscribed_limit: Schema.optional(Commerce.Count),
  limit_month_purchase: Schema.optional(Commerce.Count),
  limit_week_purchase: Schema.optional(Commerce.Count),
  limit_message: Schema.optional(Text)
}

/**
 * The input of `create`: the group's fields, with its first limits and aggregate billing.
 *
 * @since 0.1.0
 * @category models
 */
export const CreateRequest = Schema.Struct({ ...groupFields, ...aggregateFields, ...limitFields })

/**
 * The input of `create`.
 *
 * @since 0.1.0
 * @category models
 */
export type CreateRequest = typeof CreateRequest.Encoded

/**
 * Creates a member group. Not repeated once it may have reached Bootpay (no idempotency key: a
 * repeat could create a second group).
 *
 * `POST /user-groups`.
 *
 * @since 0.1.0
 * @category operations
 */
export const create = Commerce.make({
  module: "UserGroup",
  name: "create",
  method: "POST",
  path: "/user-groups",
  request: CreateRequest,
  response: CommerceUserGroup,
  safety: "unsafe"
})

/**
 * The filters of `list`.
 *
 * @since 0.1.0
 * @category models
 */
export const ListRequest = Schema.Struct({
  ...Commerce.paging,
  keyword: Schema.optional(Text),
  corporate_type: Schema.optional(CorporateType)
})

/**
 * One page of member groups, as Bootpay sends it (see `listAll` for every page).
 *
 * `GET /user-groups`.
 *
 * @since 0.1.0
 * @category operations
 */
export const list = Commerce.make({
  module: "UserGroup",
  name: "list",
  method: "GET",
  path: "/user-groups",
  request: Schema.UndefinedOr(ListRequest),
  response: Paging.Page(CommerceUserGroup),
  safety: "read"
})

/**
 * Every member group matching the filters, page after page, as a `Stream`.
 *
 * @since 0.1.0
 * @category walkers
 */
export const listAll = Paging.walker(list)

/**
 * One member group.
 *
 * `GET /user-groups/{user_group_id}`.
 *
 * @since 0.1.0
 * @category operations
 */
export const detail = Commerce.make({
  module: "UserGroup",
  name: "detail",
  method: "GET",
  path: "/user-groups/{user_group_id}",
  request: idOr("user_group_id", {}),
  response: CommerceUserGroup,
  safety: "read",
  errors: [NotFound],
  resource: { name: "user_group", idField: "user_group_id" },
  args: ["user_group_id"]
})

/**
 * Changes a group's fields (`user_group_id` names the group). Bootpay drops purchase-limit and
 * aggregate-billing fields here, so they are refused: they go through `limit` and
 * `aggregateTransaction`.
 *
 * `PUT /user-groups/{user_group_id}`.
 *
 * @since 0.1.0
 * @category operations
 */
export const update = Commerce.make({
  module: "UserGroup",
  name: "update",
  method: "PUT",
  path: "/user-groups/{user_group_id}",
  request: Schema.Struct({ user_group_id: Id, ...groupFields }),
  response: CommerceUserGroup,
  safety: "idempotent",
  errors: [NotFound],
  resource: { name: "user_group", idField: "user_group_id" }
})

/**
 * The input of `userCreate` and `userDelete`: the group and the member.
 *
 * @since 0.1.0
 * @category models
 */
export const MemberRequest = Schema.Struct({
  user_group_id: Id,
  user_id: Id,
  idempotency_key: Commerce.idempotencyKey
})

/**
 * Adds a member to a group (`userCreate(userGroupId, userId)` on the facade). Needs the `manager`
 * role, which it always sends.
 *
 * `POST /user-groups/{user_group_id}/user` with an `Idempotency-Key`.
 *
 * @since 0.1.0
 * @category operations
 */
export const userCreate = Commerce.make({
  module: "UserGroup",
  name: "userCreate",
  method: "POST",
  path: "/user-groups/{user_group_id}/user",
  request: MemberRequest,
  response: Schema.NullOr(Schema.Unknown),
  safety: "idempotent",
  role: "manager",
  idempotencyKey: true,
  errors: [NotFound],
  resource: { name: "user_group", idField: "user_group_id" },
  args: ["user_group_id", "user_id", "idempotency_key"]
})

/**
 * Removes a member from a group (`userDelete(userGroupId, userId)` on the facade). Needs the
 * `manager` role, which it always sends.
 *
 * `DELETE /user-groups/{user_group_id}/user/{user_id}` with an `Idempotency-Key`.
 *
 * @since 0.1.0
 * @category operations
 */
export const userDelete = Commerce.make({
  module: "UserGroup",
  name: "userDelete",
  method: "DELETE",
  path: "/user-groups/{user_group_id}/user/{user_id}",
  request: MemberRequest,
  response: Schema.NullOr(Schema.Unknown),
  safety: "idempotent",
  role: "manager",
  idempotencyKey: true,
  errors: [NotFound],
  resource: { name: "user_group", idField: "user_group_id" },
  args: ["user_group_id", "user_id", "idempotency_key"]
})

/**
 * The input of `limit`: the group and its purchase limits (only the fields given are changed).
 *
 * @since 0.1.0
 * @category models
 */
export const LimitRequest = Schema.Struct({
  user_group_id: Id,
  ...limitFields,
  idempotency_key: Commerce.idempotencyKey
})

/**
 * Sets a group's purchase limits: the only call that changes them (`update` drops them). Needs
 * the `manager` role, which it always sends.
 *
 * `PUT /user-groups/{user_group_id}/limit` with an `Idempotency-Key`.
 *
 * @since 0.1.0
 * @category operations
 */
export const limit = Commerce.make({
  module: "UserGroup",
  name: "limit",
  method: "PUT",
  path: "/user-groups/{user_group_id}/limit",
  request: LimitRequest,
  response: CommerceUserGroup,
  safety: "idempotent",
  role: "manager",
  idempotencyKey: true,
  errors: [NotFound],
  resource: { name: "user_group", idField: "user_group_id" }
})

/**
 * The input of `aggregateTransaction`: the group and its aggregate billing of subscriptions
 * (one bill for the whole group, on a day of the month or week).
 *
 * @since 0.1.0
 * @category models
 */
export const AggregateTransactionRequest = Schema.Struct({
  user_group_id: Id,
  ...aggregateFields,
  idempotency_key: Commerce.idempotencyKey
})

/**
 * Sets a group's aggregate billing of subscriptions: the only call that changes it. Needs the
 * `manager` role, which it always sends.
 *
 * `PUT /user-groups/{user_group_id}/aggregate-transaction` with an `Idempotency-Key`.
 *
 * @since 0.1.0
 * @category operations
 */
export const aggregateTransaction = Commerce.make({
  module: "UserGroup",
  name: "aggregateTransaction",
  method: "PUT",
  path: "/user-groups/{user_group_id}/aggregate-transaction",
  request: AggregateTransactionRequest,
  response: Schema.Unknown,
  safety: "idempotent",
  role: "manager",
  idempotencyKey: true,
  errors: [NotFound],
  resource: { name: "user_group", idField: "user_group_id" }
})
