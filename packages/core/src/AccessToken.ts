/**
 * Access tokens (액세스 토큰) of the legacy `applicationId` + `privateKey` mode. The client issues and
 * refreshes them by itself; call this only to hand a token to other code.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { BootpayClient } from "./BootpayClient.js"
import { InvalidRequest } from "./BootpayError.js"
import * as Token from "./internal/token.js"
import type * as Operation from "./Operation.js"

/** `POST /request/token`. */
export const issueOperation = Token.issueOperation

/** Bootpay's token answer; `access_token` is `Redacted`. */
export const TokenResponse = Token.TokenResponse

/**
 * Issues an access token with the configured `applicationId` + `privateKey`; the client then uses
 * it for its own calls (no second issue). In Basic mode no token exists: it answers
 * `{ access_token: "", expire_in: 0 }` without a request, as Bootpay's SDKs do. It takes no input.
 */
export const issue = (input?: undefined, options?: Operation.CallOptions) =>
  Effect.flatMap(BootpayClient, (client) => {
    if (input !== undefined) {
      return Effect.fail(
        new InvalidRequest({
          operation: issueOperation.id,
          issues: [{ path: "", message: "takes no input: the keys come from the client's configuration" }]
        })
      )
    }
    const credentials = client.config.credentials
    const wire =
      credentials._tag === "Bearer"
        ? { application_id: credentials.applicationId, private_key: Redacted.value(credentials.privateKey) }
        : { application_id: "-", private_key: "-" }
    return client.execute(issueOperation, wire, options)
  })
