/**
 * Identity-verification results (본인인증 결과): what Bootpay recorded about a person verified by
 * phone (Danal), in the browser or through `Authentication`. A result is complete only in status 12;
 * `authenticate_data.unique` (CI) identifies the person across verifications.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { IdentityVerificationFailed, NotFound } from "./BootpayError.js"
import { idOnly, opt } from "./internal/schemas.js"
import * as Operation from "./Operation.js"

/**
 * Named certificate status codes; any other number still decodes.
 *
 * @since 0.1.0
 * @category models
 */
export const Status = {
  /** The verification is complete; only then is `authenticate_data` trustworthy. */
  VERIFIED: 12
} as const

/**
 * What the verification established (`authenticate_data`); carrier and foreigner need a Danal agreement.
 *
 * @since 0.1.0
 * @category models
 */
export const AuthenticateData = Schema.Struct({
  /** The verified name. */
  name: opt(Schema.String),
  phone: opt(Schema.String),
  /** CI: one value per person, for de-duplicating members. */
  unique: opt(Schema.String),
  birth: opt(Schema.String),
  /** 0 female, 1 male. */
  gender: opt(Schema.Union(Schema.Number, Schema.String)),
  /** 0 domestic, 1 foreigner. */
  foreigner: opt(Schema.Union(Schema.Number, Schema.String)),
  carrier: opt(Schema.String),
  /** How many times the SMS was sent again. */
  number_of_realarms: opt(Schema.Number),
  tid: opt(Schema.String)
})

/**
 * An identity-verification result as Bootpay returns it; fields Bootpay adds later are kept as they come.
 *
 * @since 0.1.0
 * @category models
 */
export const Certificate = Schema.Struct({
  receipt_id: Schema.String,
  /** The merchant's verification id (sent as `authentication_id`). */
  authenticate_id: opt(Schema.String),
  authentication_id: opt(Schema.String),
  pg: opt(Schema.String),
  method: opt(Schema.String),
  method_symbol: opt(Schema.String),
  method_origin: opt(Schema.String),
  method_origin_symbol: opt(Schema.String),
  requested_at: opt(Schema.String),
  authenticated_at: opt(Schema.String),
  /** 12 once complete (`Status.VERIFIED`); a request that waits for its OTP has another code. */
  status: opt(Schema.Number),
  status_locale: opt(Schema.String),
  authenticate_data: opt(AuthenticateData),
  metadata: opt(Schema.Unknown)
})

/**
 * An identity-verification result as Bootpay returns it.
 *
 * @since 0.1.0
 * @category models
 */
export type Certificate = typeof Certificate.Type

/**
 * Looks a verification result up by receipt id; trust it only when `status` is 12.
 *
 * `GET /certificate/{receipt_id}`: `AUTH_NOT_CONFIRMED` while the verification is not complete.
 *
 * @since 0.1.0
 * @category operations
 */
export const lookup = Operation.make({
  module: "Certificate",
  name: "lookup",
  method: "GET",
  path: "/certificate/{receipt_id}",
  request: idOnly("receipt_id"),
  response: Certificate,
  safety: "read",
  errors: [NotFound, IdentityVerificationFailed],
  resource: { name: "certificate", idField: "receipt_id" }
})
