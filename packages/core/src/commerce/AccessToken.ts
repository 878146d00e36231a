/**
 * The Commerce access token. Commerce calls authenticate with HTTP Basic on every request, so the
 * client never needs one; issue it only to hand a token to other code.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import type { InsufficientRole } from "../BootpayError.js"
import type { CommerceClient } from "../CommerceClient.js"
import * as Commerce from "../internal/commerce.js"
import { NonEmptyString, opt } from "../internal/schemas.js"
import type * as Operation from "../Operation.js"

/**
 * Bootpay Commerce's token answer; `access_token` is `Redacted`. The lifetime comes as `expire_in`
 * (seconds) or `expired_at`, depending on the server version.
 *
 * @since 0.1.0
 * @category models
 */
export const TokenResponse = Schema.Struct({
  access_token: Schema.Redacted(Schema.String),
  expire_in: opt(Schema.Number),
  expired_at: opt(Schema.Union(Schema.String, Schema.Number))
})

/**
 * Issues a Commerce access token with the client's keychain, sent both as HTTP Basic and in the
 * body as Bootpay's SDKs do. It takes no input.
 *
 * `POST /request/token`.
 *
 * @since 0.1.0
 * @category operations
 */
export const issue = Commerce.make({
  module: "AccessToken",
  name: "issue",
  method: "POST",
  path: "/request/token",
  request: Schema.Struct({ client_key: NonEmptyString, secret_key: NonEmptyString }),
  response: TokenResponse,
  safety: "read",
  auth: "none"
}) as unknown as Operation.Operation<
  undefined,
  { readonly client_key: string; readonly secret_key: string },
  typeof TokenResponse.Type,
  InsufficientRole,
  CommerceClient
> // The client sends its own keychain for this operation and refuses any input, so none is typed.
