/**
 * User tokens (사용자 토큰): a short-lived token naming one of the merchant's members, handed to the
 * browser SDK as `user_token` so the buyer sees the cards and accounts saved for them. It is meant
 * for the browser, not an API secret, so it stays a plain string.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { OutcomeUnknown } from "./BootpayError.js"
import { NonEmptyString, opt, Text } from "./internal/schemas.js"
import * as Operation from "./Operation.js"

/**
 * The input of `UserToken.issue`: the member id, and what the merchant knows of the member.
 *
 * @since 0.1.0
 * @category models
 */
export const IssueRequest = Schema.Struct({
  /** The merchant's own member id. */
  user_id: NonEmptyString,
  email: Schema.optional(Text),
  username: Schema.optional(Text),
  /** `901004` or `1990-10-04`: Bootpay's SDKs show both. */
  birth: Schema.optional(Text),
  phone: Schema.optional(Text),
  /** 0 female, 1 male. */
  gender: Schema.optional(Schema.Literal(0, 1))
})

/**
 * The input of `UserToken.issue`.
 *
 * @since 0.1.0
 * @category models
 */
export type IssueRequest = typeof IssueRequest.Encoded

/**
 * Bootpay's answer: the token and when it stops working.
 *
 * @since 0.1.0
 * @category models
 */
export const UserToken = Schema.Struct({
  user_token: Schema.String,
  expired_at: opt(Schema.Union(Schema.String, Schema.Number))
})

/**
 * Bootpay's answer to `UserToken.issue`.
 *
 * @since 0.1.0
 * @category models
 */
export type UserToken = typeof UserToken.Type

/**
 * Issues a token for one member, to pass to the browser SDK as `user_token`.
 *
 * `POST /request/user/token`.
 *
 * @since 0.1.0
 * @category operations
 */
export const issue = Operation.make({
  module: "UserToken",
  name: "issue",
  method: "POST",
  path: "/request/user/token",
  request: IssueRequest,
  response: UserToken,
  safety: "unsafe",
  errors: [OutcomeUnknown]
})
