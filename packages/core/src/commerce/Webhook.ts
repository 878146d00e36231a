/**
 * Commerce webhooks: a test delivery to the webhook URL registered with Bootpay, to check the
 * integration.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Commerce from "../internal/commerce.js"

/**
 * The input of `sendTest`: the body's content type code (Bootpay's default when left out).
 *
 * @since 0.1.0
 * @category models
 */
export const SendTestRequest = Schema.UndefinedOr(
  Schema.Struct({
    header_content_type: Schema.optional(Commerce.Count),
    idempotency_key: Commerce.idempotencyKey
  })
)

/**
 * Sends a test webhook to the registered URL. Its `Idempotency-Key` makes a retry safe, and a test
 * delivery moves nothing.
 *
 * `POST /webhook/test` with an `Idempotency-Key`.
 *
 * @since 0.1.0
 * @category operations
 */
export const sendTest = Commerce.make({
  module: "Webhook",
  name: "sendTest",
  method: "POST",
  path: "/webhook/test",
  request: SendTestRequest,
  response: Schema.Unknown,
  safety: "idempotent",
  idempotencyKey: true
})
