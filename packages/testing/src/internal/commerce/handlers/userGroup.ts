/**
 * Member groups (회원 그룹), held in `collection("userGroups")`; a member belongs to the group named
 * by its `user_group_id`, and a group's `count` is its number of members.
 *
 * Inferences (the contract does not say): a second group with a `business_number` or `uid` already
 * in use is refused (409, Bootpay offers a `group-business-number-exist` check for it); `update`
 * ignores purchase-limit and aggregate-billing fields as Bootpay does (they change only through
 * `limit` and `aggregateTransaction`); adding a member already in the group changes nothing; a
 * member moved into a group leaves its previous one; removing a member who is not in the group is
 * a 404; `subscription_month_day` must be 1-31 and `subscription_week_day` 0-6 (Sunday to Saturday).
 */
import type { CommerceState } from "../../../FakeCommerce.js"
import type { Json } from "../../../FakeStore.js"
import { type CommerceHandler, data, defined, failure, notFound, page } from "../reply.js"

const groupKeys = [
  "uid",
  "external_uid",
  "corporate_type",
  "company_name",
  "business_number",
  "registration_number",
  "corporate_established",
  "ceo_name",
  "business_type",
  "business_category",
  "auth_company",
  "phone",
  "email",
  "zipcode",
  "address",
  "address_detail",
  "bank",
  "bank_code",
  "manager_name",
  "manager_phone",
  "manager_email",
  "pccc",
  "personal_customs_clearance_code",
  "marketing_accept_type",
  "corporate_extension"
] as const

const aggregateKeys = [
  "use_subscription_aggregate_transaction",
  "subscription_month_day",
  "subscription_week_day"
] as const

const limitKeys = [
  "use_limit",
  "purchase_limit",
  "subscribed_limit",
  "limit_month_purchase",
  "limit_week_purchase",
  "limit_message"
] as const

/** A group as answered, with its member count. */
const shown = (state: CommerceState, group: Json): Json => ({
  ...structuredClone(group),
  count: [...state.users.values()].filter((user) => user.user_group_id === group.user_group_id).length
})

const find = (state: CommerceState, id: string): Json | undefined =>
  state.userGroups.get(id) ??
  [...state.userGroups.values()].find((group) => group.uid === id || group.external_uid === id)

const clash = (state: CommerceState, body: Json, self?: Json) => {
  for (const key of ["business_number", "uid", "external_uid"] as const) {
    const value = body[key]
    if (value === undefined) continue
    const other = [...state.userGroups.values()].find((group) => group !== self && group[key] === value)
    if (other !== undefined) return failure(409, "USER_GROUP_ALREADY_EXISTS", `${key} in use`)
  }
  return undefined
}

const aggregateIssue = (body: Json) => {
  const month = body.subscription_month_day
  if (month !== undefined && !(typeof month === "number" && month >= 1 && month <= 31)) {
    return failure(400, "INVALID_PARAMETER", "subscription_month_day must be 1 to 31")
  }
  const week = body.subscription_week_day
  if (week !== undefined && !(typeof week === "number" && week >= 0 && week <= 6)) {
    return failure(400, "INVALID_PARAMETER", "subscription_week_day must be 0 to 6")
  }
  return undefined
}

export const create: CommerceHandler = ({ state, body }) => {
  const refused = clash(state, body) ?? aggregateIssue(body)
  if (refused !== undefined) return refused
  const group = state.createUserGroup({
    ...defined(body, groupKeys),
    ...defined(body, aggregateKeys),
    ...defined(body, limitKeys)
  })
  return data(shown(state, group))
}

export const list: CommerceHandler = ({ state, query }) => {
  const keyword = query.keyword
  const groups = [...state.userGroups.values()].filter(
    (group) =>
      (keyword === undefined ||
        [group.company_name, group.business_number, group.ceo_name].some((v) =>
          String(v ?? "").includes(keyword)
        )) &&
      (query.corporate_type === undefined || String(group.corporate_type) === query.corporate_type)
  )
  return data(
    page(
      groups.map((group) => shown(state, group)),
      query
    )
  )
}

export const detail: CommerceHandler = ({ state, params }) => {
  const group = find(state, params.user_group_id!)
  return group === undefined ? notFound("user_group", params.user_group_id!) : data(shown(state, group))
}

export const update: CommerceHandler = ({ state, params, body }) => {
  const group = state.userGroups.get(params.user_group_id!)
  if (group === undefined) return notFound("user_group", params.user_group_id!)
  const refused = clash(state, body, group)
  if (refused !== undefined) return refused
  Object.assign(group, defined(body, groupKeys), { updated_at: state.nowIso() })
  return data(shown(state, group))
}

export const userCreate: CommerceHandler = ({ state, params, body }) => {
  const group = state.userGroups.get(params.user_group_id!)
  if (group === undefined) return notFound("user_group", params.user_group_id!)
  const user = state.users.get(String(body.user_id))
  if (user === undefined) return notFound("user", String(body.user_id))
  user.user_group_id = group.user_group_id
  user.group = { user_group_id: group.user_group_id, name: group.company_name }
  return data(null)
}

export const userDelete: CommerceHandler = ({ state, params }) => {
  const group = state.userGroups.get(params.user_group_id!)
  if (group === undefined) return notFound("user_group", params.user_group_id!)
  const user = state.users.get(params.user_id!)
  if (user === undefined || user.user_group_id !== group.user_group_id) {
    return notFound("group member", params.user_id!)
  }
  delete user.user_group_id
  delete user.group
  return data(null)
}

export const limit: CommerceHandler = ({ state, params, body }) => {
  const group = state.userGroups.get(params.user_group_id!)
  if (group === undefined) return notFound("user_group", params.user_group_id!)
  Object.assign(group, defined(body, limitKeys), { updated_at: state.nowIso() })
  return data(shown(state, group))
}

export const aggregateTransaction: CommerceHandler = ({ state, params, body }) => {
  const group = state.userGroups.get(params.user_group_id!)
  if (group === undefined) return notFound("user_group", params.user_group_id!)
  const refused = aggregateIssue(body)
  if (refused !== undefined) return refused
  Object.assign(group, defined(body, aggregateKeys), { updated_at: state.nowIso() })
  return data(shown(state, group))
}
