/**
 * Commerce members (회원): join, duplicate checks, login and member sessions, member tokens, the
 * member list and one member's record.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { NotFound } from "../BootpayError.js"
import * as Commerce from "../internal/commerce.js"
import { Id, idOr, JsonObject, NonEmptyString, opt, Text } from "../internal/schemas.js"
import * as Paging from "./Paging.js"

/**
 * A member as Bootpay Commerce returns it; fields Bootpay adds later are kept.
 *
 * @since 0.1.0
 * @category models
 */
export const CommerceUser = Schema.Struct({
  user_id: Schema.String,
  membership_type: opt(Schema.Union(Schema.String, Schema.Number)),
  name: opt(Schema.String),
  nickname: opt(Schema.String),
  phone: opt(Schema.String),
  tel: opt(Schema.String),
  email: opt(Schema.String),
  login_id: opt(Schema.String),
  login_type: opt(Schema.Union(Schema.String, Schema.Number)),
  status: opt(Schema.Union(Schema.String, Schema.Number)),
  gender: opt(Schema.Union(Schema.String, Schema.Number)),
  birth: opt(Schema.String),
  user_group_id: opt(Schema.String),
  group: opt(Schema.Struct({ user_group_id: opt(Schema.String), name: opt(Schema.String) })),
  external_uid: opt(Schema.String),
  is_external: opt(Schema.Boolean),
  metadata: opt(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  created_at: opt(Schema.String),
  updated_at: opt(Schema.String)
})

/**
 * A member.
 *
 * @since 0.1.0
 * @category models
 */
export type CommerceUser = typeof CommerceUser.Type

/** Member fields a merchant sets (join and update). */
const userFields = {
  uid: Schema.optional(Id),
  external_uid: Schema.optional(Id),
  user_group_id: Schema.optional(Id),
  is_group_admin: Schema.optional(Schema.Boolean),
  membership_type: Schema.optional(Schema.Union(Text, Schema.Number)),
  name: Schema.optional(Text),
  nickname: Schema.optional(Text),
  phone: Schema.optional(Text),
  tel: Schema.optional(Text),
  email: Schema.optional(Text),
  comment: Schema.optional(Text),
  gender: Schema.optional(Schema.Number),
  birth: Schema.optional(Text),
  individual_extension: Schema.optional(JsonObject),
  login_id: Schema.optional(Text),
  login_email: Schema.optional(Text),
  login_pw: Schema.optional(Text),
  join_at: Schema.optional(Text),
  metadata: Schema.optional(JsonObject)
}

/**
 * The input of `join`: the member's fields (an external-uid join sends `uid`, a mall join
 * `login_id` + `login_pw`).
 *
 * @since 0.1.0
 * @category models
 */
export const JoinRequest = Schema.Struct(userFields)

/**
 * The input of `join`.
 *
 * @since 0.1.0
 * @category models
 */
export type JoinRequest = typeof JoinRequest.Encoded

/**
 * Joins a member. Not repeated once it may have reached Bootpay (no idempotency key: a repeat could
 * create a second member).
 *
 * `POST /users/join`.
 *
 * @since 0.1.0
 * @category operations
 */
export const join = Commerce.make({
  module: "User",
  name: "join",
  method: "POST",
  path: "/users/join",
  request: JoinRequest,
  response: CommerceUser,
  safety: "unsafe"
})

/**
 * What `checkExist` checks: a login id, email, phone, external uid or business number in use.
 *
 * @since 0.1.0
 * @category models
 */
export const ExistType = Schema.Literal(
  "email-exist",
  "id-exist",
  "phone-exist",
  "uid-exist",
  "group-business-number-exist"
)

/**
 * Whether a value is already taken.
 *
 * @since 0.1.0
 * @category models
 */
export const Exists = Schema.Struct({ exists: Schema.Boolean })

/**
 * Checks whether a login id, email, phone, external uid or business number is taken
 * (`checkExist("id-exist", "kim")` on the facade).
 *
 * `GET /users/join/{type}?pk=`.
 *
 * @since 0.1.0
 * @category operations
 */
export const checkExist = Commerce.make({
  module: "User",
  name: "checkExist",
  method: "GET",
  path: "/users/join/{type}",
  request: Schema.Struct({ type: ExistType, pk: NonEmptyString }),
  response: Exists,
  safety: "read",
  args: ["type", "pk"]
})

/**
 * Reads the identity-verification data of a verification (`stand_id`).
 *
 * `GET /users/authenticate/{stand_id}`.
 *
 * @since 0.1.0
 * @category operations
 */
export const authenticationData = Commerce.make({
  module: "User",
  name: "authenticationData",
  method: "GET",
  path: "/users/authenticate/{stand_id}",
  request: idOr("stand_id", {}),
  response: Schema.Record({ key: Schema.String, value: Schema.Unknown }),
  safety: "read",
  errors: [NotFound],
  resource: { name: "authentication", idField: "stand_id" }
})

/**
 * A member login's answer: the member's JWT (`Redacted`) and record.
 *
 * @since 0.1.0
 * @category models
 */
export const LoginResponse = Schema.Struct({
  access_token: opt(Schema.Redacted(Schema.String)),
  token: opt(Schema.Redacted(Schema.String)),
  expired_at: opt(Schema.Union(Schema.String, Schema.Number)),
  user: opt(CommerceUser)
})

/**
 * Logs a member in with login id and password; the answer carries the member's JWT for
 * `userSession` and member-context calls.
 *
 * `POST /users/login`.
 *
 * @since 0.1.0
 * @category operations
 */
export const login = Commerce.make({
  module: "User",
  name: "login",
  method: "POST",
  path: "/users/login",
  request: Schema.Struct({ login_id: NonEmptyString, login_pw: NonEmptyString }),
  response: LoginResponse,
  safety: "idempotent",
  args: ["login_id", "login_pw"]
})

/**
 * The input of `userLogin`: a mall member's login id and password (`password`, the field Bootpay's
 * login reads).
 *
 * @since 0.1.0
 * @category models
 */
export const UserLoginRequest = Schema.Struct({
  login_id: NonEmptyString,
  password: NonEmptyString,
  corporate_type: Schema.optional(Schema.Number),
  idempotency_key: Commerce.idempotencyKey
})

/**
 * Logs a mall member in (the current login: `login_id` + `password`); the answer carries the
 * member's JWT.
 *
 * `POST /users/login`.
 *
 * @since 0.1.0
 * @category operations
 */
export const userLogin = Commerce.make({
  module: "User",
  name: "userLogin",
  method: "POST",
  path: "/users/login",
  request: UserLoginRequest,
  response: LoginResponse,
  safety: "idempotent",
  idempotencyKey: true
})

/**
 * The input of `userJoin`: a mall member's login id, password and name.
 *
 * @since 0.1.0
 * @category models
 */
export const UserJoinRequest = Schema.Struct({
  login_id: NonEmptyString,
  password: NonEmptyString,
  name: NonEmptyString,
  email: Schema.optional(Text),
  phone: Schema.optional(Text),
  nickname: Schema.optional(Text),
  gender: Schema.optional(Schema.Number),
  birth: Schema.optional(Text),
  corporate_type: Schema.optional(Schema.Number),
  group: Schema.optional(JsonObject),
  idempotency_key: Commerce.idempotencyKey
})

/**
 * Joins a mall member with login id and password (the mall's own sign-up, beside `join`'s
 * external-uid join). The idempotency key, the caller's or one made per call, is kept on retries.
 *
 * `POST /users/join`.
 *
 * @since 0.1.0
 * @category operations
 */
export const userJoin = Commerce.make({
  module: "User",
  name: "userJoin",
  method: "POST",
  path: "/users/join",
  request: UserJoinRequest,
  response: CommerceUser,
  safety: "idempotent",
  idempotencyKey: true
})

/**
 * `checkExist` with an idempotency key, as the current official SDK sends it
 * (`userJoinCheck("email-exist", "kim@example.com")`).
 *
 * `GET /users/join/{type}?pk=`.
 *
 * @since 0.1.0
 * @category operations
 */
export const userJoinCheck = Commerce.make({
  module: "User",
  name: "userJoinCheck",
  method: "GET",
  path: "/users/join/{type}",
  request: Schema.Struct({ type: ExistType, pk: NonEmptyString, idempotency_key: Commerce.idempotencyKey }),
  response: Exists,
  safety: "read",
  idempotencyKey: true,
  args: ["type", "pk", "idempotency_key"]
})

/**
 * Whether an external uid is taken; Bootpay's SDKs always send it with the `user` role.
 *
 * `GET /users/join/uid-exist?pk=`.
 *
 * @since 0.1.0
 * @category operations
 */
export const uidExist = Commerce.make({
  module: "User",
  name: "uidExist",
  method: "GET",
  path: "/users/join/uid-exist",
  request: Schema.Struct({ pk: NonEmptyString, idempotency_key: Commerce.idempotencyKey }),
  response: Exists,
  safety: "read",
  role: "user",
  idempotencyKey: true,
  args: ["pk", "idempotency_key"]
})

/**
 * Issues a member token for a member id (a server-side login).
 *
 * `POST /users/login/token`.
 *
 * @since 0.1.0
 * @category operations
 */
export const token = Commerce.make({
  module: "User",
  name: "token",
  method: "POST",
  path: "/users/login/token",
  request: Schema.Struct({
    user_id: Id,
    corporate_type: Schema.optional(Schema.Union(Text, Schema.Number)),
    membership_type: Schema.optional(Schema.Union(Text, Schema.Number))
  }),
  response: LoginResponse,
  safety: "idempotent",
  errors: [NotFound],
  resource: { name: "user", idField: "user_id" },
  args: ["user_id"]
})

/**
 * The member session of a member's JWT.
 *
 * `GET /users/session` with `Bootpay-User-JWT`.
 *
 * @since 0.1.0
 * @category operations
 */
export const userSession = Commerce.make({
  module: "User",
  name: "userSession",
  method: "GET",
  path: "/users/session",
  request: Schema.Struct({ user_jwt: Commerce.userJwt, idempotency_key: Commerce.idempotencyKey }),
  response: Schema.Struct({ user: opt(CommerceUser) }),
  safety: "read",
  idempotencyKey: true,
  userJwt: true,
  args: ["user_jwt", "idempotency_key"]
})

/**
 * Ends a member session.
 *
 * `DELETE /users/session` with `Bootpay-User-JWT`.
 *
 * @since 0.1.0
 * @category operations
 */
export const userLogout = Commerce.make({
  module: "User",
  name: "userLogout",
  method: "DELETE",
  path: "/users/session",
  request: Schema.Struct({ user_jwt: Id, idempotency_key: Commerce.idempotencyKey }),
  response: Schema.NullOr(Schema.Unknown),
  safety: "idempotent",
  idempotencyKey: true,
  userJwt: true,
  args: ["user_jwt", "idempotency_key"]
})

/**
 * The filters of `list`. `membership_type` is the field Bootpay reads (not `member_type`).
 *
 * @since 0.1.0
 * @category models
 */
export const ListRequest = Schema.Struct({
  ...Commerce.paging,
  keyword: Schema.optional(Text),
  membership_type: Schema.optional(Schema.Union(Text, Schema.Number)),
  type: Schema.optional(Text)
})

/**
 * One page of members, as Bootpay sends it (see `listAll` for every page).
 *
 * `GET /users`.
 *
 * @since 0.1.0
 * @category operations
 */
export const list = Commerce.make({
  module: "User",
  name: "list",
  method: "GET",
  path: "/users",
  request: Schema.UndefinedOr(ListRequest),
  response: Paging.Page(CommerceUser),
  safety: "read"
})

/**
 * Every member matching the filters, page after page, as a `Stream`.
 *
 * @since 0.1.0
 * @category walkers
 */
export const listAll = Paging.walker(list)

/**
 * One member, by member id, external uid or login id (Bootpay tries them in that order).
 *
 * `GET /users/{user_id}`.
 *
 * @since 0.1.0
 * @category operations
 */
export const detail = Commerce.make({
  module: "User",
  name: "detail",
  method: "GET",
  path: "/users/{user_id}",
  request: idOr("user_id", {}),
  response: CommerceUser,
  safety: "read",
  errors: [NotFound],
  resource: { name: "user", idField: "user_id" },
  args: ["user_id"]
})

/**
 * Changes a member's fields (`user_id` names the member).
 *
 * `PUT /users/{user_id}`.
 *
 * @since 0.1.0
 * @category operations
 */
export const update = Commerce.make({
  module: "User",
  name: "update",
  method: "PUT",
  path: "/users/{user_id}",
  request: Schema.Struct({ user_id: Id, ...userFields }),
  response: CommerceUser,
  safety: "idempotent",
  errors: [NotFound],
  resource: { name: "user", idField: "user_id" }
})

/**
 * Withdraws a member (회원탈퇴).
 *
 * `DELETE /users/{user_id}`.
 *
 * @since 0.1.0
 * @category operations
 */
const remove = Commerce.make({
  module: "User",
  name: "delete",
  method: "DELETE",
  path: "/users/{user_id}",
  request: idOr("user_id", {}),
  response: Schema.NullOr(Schema.Unknown),
  safety: "idempotent",
  errors: [NotFound],
  resource: { name: "user", idField: "user_id" },
  args: ["user_id"]
})

export {
  /**
   * Withdraws a member (회원탈퇴).
   *
   * `DELETE /users/{user_id}`.
   *
   * @since 0.1.0
   * @category operations
   */
  remove as delete
}
