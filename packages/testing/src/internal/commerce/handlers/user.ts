/**
 * Members (회원). A mall login answers a member JWT the fake keeps as a session; `userSession` and
 * `userLogout` read it from `Bootpay-User-JWT`. The fake does not model identity verification:
 * `authenticationData` answers what was seeded with `collection("authentications")`.
 */
import type { Json } from "../../../FakeStore.js"
import { type CommerceHandler, data, failure, notFound, page, requireFields } from "../reply.js"

const userKeys = [
  "uid",
  "external_uid",
  "user_group_id",
  "is_group_admin",
  "membership_type",
  "name",
  "nickname",
  "phone",
  "tel",
  "email",
  "comment",
  "gender",
  "birth",
  "individual_extension",
  "login_id",
  "login_email",
  "join_at",
  "metadata"
] as const

/** What the fake answers for a member: the record without its password. */
const shown = (user: Json): Json => {
  const { login_pw: _password, ...rest } = user
  return structuredClone(rest)
}

const fieldsOf = (body: Json): Json =>
  Object.fromEntries(userKeys.filter((key) => body[key] !== undefined).map((key) => [key, body[key]]))

/** `detail` finds a member by member id, external uid or login id, in that order. */
const find = (users: Map<string, Json>, id: string): Json | undefined =>
  users.get(id) ??
  [...users.values()].find((user) => user.uid === id || user.external_uid === id) ??
  [...users.values()].find((user) => user.login_id === id)

const taken = (users: Map<string, Json>, key: string, value: unknown) =>
  value !== undefined && [...users.values()].some((user) => user[key] === value)

/**
 * `join` and `userJoin` share the endpoint, as `login` and `userLogin` do: the fake reads both shapes
 * (a mall sign-up's `password` is kept as the member's `login_pw`). A fault aimed at one of a pair
 * is taken by requests to that endpoint under the first's id (`Commerce.User.join`, `Commerce.User.login`).
 */
export const join: CommerceHandler = ({ state, body: given }) => {
  const { password, ...rest } = given
  const body: Json = password === undefined ? given : { ...rest, login_pw: given.login_pw ?? password }
  if (body.uid === undefined && body.login_id === undefined) {
    return failure(400, "INVALID_PARAMETER", "uid or login_id is required")
  }
  const users = state.users
  if (taken(users, "login_id", body.login_id)) return failure(409, "USER_ALREADY_EXISTS", "login_id in use")
  if (taken(users, "uid", body.uid)) return failure(409, "USER_ALREADY_EXISTS", "uid in use")
  const user = state.createUser({
    ...fieldsOf(body),
    ...(body.login_pw === undefined ? {} : { login_pw: body.login_pw })
  })
  return data(shown(user))
}

const existKeys: Readonly<Record<string, string>> = {
  "email-exist": "email",
  "id-exist": "login_id",
  "phone-exist": "phone",
  "uid-exist": "uid",
  "group-business-number-exist": "business_number"
}

export const checkExist: CommerceHandler = ({ state, params, query }) => {
  const key = existKeys[params.type ?? "uid-exist"]
  if (key === undefined) return notFound("check", String(params.type))
  const absent = requireFields(query, ["pk"])
  if (absent !== undefined) return absent
  const pool = key === "business_number" ? state.collection("userGroups") : state.users
  return data({ exists: taken(pool, key, query.pk) })
}

export const authenticationData: CommerceHandler = ({ state, params }) => {
  const found = state.collection("authentications").get(params.stand_id!)
  return found === undefined ? notFound("authentication", params.stand_id!) : data(structuredClone(found))
}

const session = (state: Parameters<CommerceHandler>[0]["state"], user: Json) => {
  const jwt = `jwt.${String(user.user_id)}.${state.nextId()}`
  state.collection("sessions").set(jwt, { user_id: user.user_id })
  return { access_token: jwt, expired_at: state.nowIso(), user: shown(user) }
}

export const login: CommerceHandler = ({ state, body: given }) => {
  const body: Json = { ...given, login_pw: given.login_pw ?? given.password }
  const absent = requireFields(body, ["login_id", "login_pw"])
  if (absent !== undefined) return absent
  const user = [...state.users.values()].find((candidate) => candidate.login_id === body.login_id)
  if (user === undefined || user.login_pw !== body.login_pw) {
    return failure(401, "LOGIN_FAILED", "login id or password is wrong")
  }
  return data(session(state, user))
}

export const token: CommerceHandler = ({ state, body }) => {
  const user = state.users.get(String(body.user_id))
  return user === undefined ? notFound("user", String(body.user_id)) : data(session(state, user))
}

const sessionUser = (state: Parameters<CommerceHandler>[0]["state"], jwt: string | undefined) => {
  const found = jwt === undefined ? undefined : state.collection("sessions").get(jwt)
  return found === undefined ? undefined : state.users.get(String(found.user_id))
}

export const userSession: CommerceHandler = ({ state, headers }) => {
  const user = sessionUser(state, headers["bootpay-user-jwt"])
  return user === undefined
    ? failure(401, "USER_JWT_INVALID", "member session expired")
    : data({ user: shown(user) })
}

export const userLogout: CommerceHandler = ({ state, headers }) => {
  const jwt = headers["bootpay-user-jwt"]
  if (sessionUser(state, jwt) === undefined) return failure(401, "USER_JWT_INVALID", "member session expired")
  state.collection("sessions").delete(jwt!)
  return data(null)
}

export const list: CommerceHandler = ({ state, query }) => {
  const keyword = query.keyword
  const users = [...state.users.values()].filter(
    (user) =>
      (keyword === undefined ||
        [user.name, user.login_id, user.email].some((v) => String(v ?? "").includes(keyword))) &&
      (query.membership_type === undefined || String(user.membership_type) === query.membership_type)
  )
  return data(page(users.map(shown), query))
}

export const detail: CommerceHandler = ({ state, params }) => {
  const user = find(state.users, params.user_id!)
  return user === undefined ? notFound("user", params.user_id!) : data(shown(user))
}

export const update: CommerceHandler = ({ state, params, body }) => {
  const user = state.users.get(params.user_id!)
  if (user === undefined) return notFound("user", params.user_id!)
  Object.assign(user, fieldsOf(body), body.login_pw === undefined ? {} : { login_pw: body.login_pw })
  user.updated_at = state.nowIso()
  return data(shown(user))
}

export const remove: CommerceHandler = ({ state, params }) =>
  state.users.delete(params.user_id!) ? data(null) : notFound("user", params.user_id!)
