/**
 * Access tokens (액세스 토큰) of the legacy `applicationId` + `privateKey` mode. The client issues and
 * refreshes them by itself; call this only to hand a token to other code.
 *
 * @since 0.1.0
 */
import * as Token from "./internal/token.js"
import type * as Operation from "./Operation.js"

/**
 * Bootpay's token answer; `access_token` is `Redacted`.
 *
 * @since 0.1.0
 * @category models
 */
export const TokenResponse = Token.TokenResponse

/**
 * Issues an access token with the configured `applicationId` + `privateKey`; the client then uses
 * it for its own calls (no second issue). In Basic mode no token exists: it answers
 * `{ access_token: "", expire_in: 0 }` without a request, as Bootpay's SDKs do. It takes no input.
 *
 * `POST /request/token`.
 *
 * @since 0.1.0
 * @category operations
 */
export const issue: Operation.Operation<
  undefined,
  { readonly application_id: string; readonly private_key: string },
  typeof Token.TokenResponse.Type,
  never
> = Token.issueOperation as never // The client sends its own keys for this operation and refuses any input, so none is typed.
