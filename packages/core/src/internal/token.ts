/** The token endpoint's declaration, shared by `AccessToken` and the token service. */
import * as Schema from "effect/Schema"
import * as Operation from "../Operation.js"
import { NonEmptyString } from "./schemas.js"

/** Bootpay's answer to `POST /request/token`; the token stays redacted. */
export const TokenResponse = Schema.Struct({
  access_token: Schema.Redacted(Schema.String),
  expire_in: Schema.optional(Schema.Number),
  expired_at: Schema.optional(Schema.Union(Schema.String, Schema.Number)),
  server_time: Schema.optional(Schema.Union(Schema.String, Schema.Number))
})

/** `POST /request/token` with the legacy application id and private key. */
export const issueOperation = Operation.make({
  module: "AccessToken",
  name: "issue",
  method: "POST",
  path: "/request/token",
  request: Schema.Struct({ application_id: NonEmptyString, private_key: NonEmptyString }),
  response: TokenResponse,
  safety: "read",
  auth: "none"
})
