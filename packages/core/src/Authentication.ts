/**
 * REST identity verification (본인인증) without Bootpay's window: the server asks for a verification,
 * the person receives an SMS code (or a PASS app request), the server confirms with the code, and the
 * result is read with `Certificate.lookup`. A verification lives 30 minutes (`AUTH_EXPIRED`); an
 * `authentication_id` that already succeeded cannot be used again (`AUTH_ALREADY_AUTHENTICATED`).
 *
 * Identity numbers and phone numbers are only ever sent to Bootpay: validation messages never quote them.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { IdentityVerificationFailed, NotFound, OutcomeUnknown, PgRefused } from "./BootpayError.js"
import { Certificate } from "./Certificate.js"
import { Digits, Id, idOnly, JsonObject, NonEmptyString, User } from "./internal/schemas.js"
import * as Operation from "./Operation.js"

/**
 * The mobile carriers Bootpay verifies with; `_MVNO` are the budget carriers on each network.
 *
 * @since 0.1.0
 * @category models
 */
export const Carrier = Schema.Literal("SKT", "KT", "LGU+", "SKT_MVNO", "KT_MVNO", "LGU+_MVNO")

/**
 * The mobile carriers Bootpay verifies with.
 *
 * @since 0.1.0
 * @category models
 */
export type Carrier = typeof Carrier.Type

const octet = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)"
const ipv4 = new RegExp(`^${octet}(\\.${octet}){3}$`)
const hexGroup = /^[0-9a-f]{1,4}$/i

/** Eight hex groups, or fewer around one `::`; the last two groups may be written as IPv4. */
const isIpv6 = (text: string): boolean => {
  const lastColon = text.lastIndexOf(":")
  if (lastColon < 0) return false
  const tail = text.slice(lastColon + 1)
  if (tail.includes(".") && !ipv4.test(tail)) return false
  const groupsText = tail.includes(".") ? `${text.slice(0, lastColon + 1)}0:0` : text
  const halves = groupsText.split("::")
  if (halves.length > 2) return false
  const groups = halves.flatMap((half) => (half === "" ? [] : half.split(":")))
  if (!groups.every((group) => hexGroup.test(group))) return false
  return halves.length === 2 ? groups.length < 8 : groups.length === 8
}

/**
 * The person's IP address as the merchant's server saw it (IPv4 or IPv6).
 *
 * @since 0.1.0
 * @category models
 */
export const ClientIp = Schema.String.pipe(
  // 45 characters is the longest IPv6 text (with an IPv4 tail): nothing longer is split and tested.
  Schema.filter((s) => s.length <= 45 && (ipv4.test(s) || isIpv6(s)), {
    message: () => "must be an IPv4 or IPv6 address"
  })
)

/**
 * Birth date (YYMMDD) and the first digit of the resident number's back part: 7 digits per Bootpay's
 * Java SDK and PHP tests. Bootpay's own 2026 example sends only the 6-digit birth date, so both pass.
 *
 * @since 0.1.0
 * @category models
 */
export const IdentityNo = Digits(
  [6, 7],
  "a birth date (YYMMDD), optionally followed by the first digit of the back part"
)

/**
 * The input of `Authentication.request`.
 *
 * @since 0.1.0
 * @category models
 */
export const RequestInput = Schema.Struct({
  /** `danal` (다날). */
  pg: NonEmptyString,
  /** `본인인증`; Bootpay's examples also show `sms`, `pass` and `auth`. */
  method: NonEmptyString,
  /** The merchant's unique id for this verification, like an `order_id`. */
  authentication_id: NonEmptyString,
  order_name: NonEmptyString,
  /** The person's name. */
  username: NonEmptyString,
  identity_no: IdentityNo,
  carrier: Carrier,
  phone: Digits([10, 11], "a phone number, digits only"),
  client_ip: ClientIp,
  /** The merchant's site URL or app name. */
  site_url: Schema.optional(NonEmptyString),
  /** `sms` (default): a code to confirm; `pass`: the person approves in the PASS app. */
  authenticate_type: Schema.optional(Schema.Literal("sms", "pass")),
  extra: Schema.optional(JsonObject),
  user: Schema.optional(User),
  metadata: Schema.optional(JsonObject)
})

/**
 * The input of `Authentication.request`.
 *
 * @since 0.1.0
 * @category models
 */
export type RequestInput = typeof RequestInput.Encoded

/**
 * The input of `Authentication.confirm`: `otp` is the SMS code, left out for a PASS verification.
 *
 * @since 0.1.0
 * @category models
 */
export const ConfirmRequest = Schema.Struct({
  receipt_id: Id,
  otp: Schema.optional(Digits([6], "the code from the SMS"))
})

/**
 * The input of `Authentication.confirm`.
 *
 * @since 0.1.0
 * @category models
 */
export type ConfirmRequest = typeof ConfirmRequest.Encoded

const certificateResource = { name: "certificate", idField: "receipt_id" } as const

/**
 * Starts a verification; keep `receipt_id` to confirm it. Never retried once sent (an SMS went out).
 *
 * `POST /request/authentication`: sends the SMS (or PASS request); answers a pending certificate.
 *
 * @since 0.1.0
 * @category operations
 */
export const request = Operation.make({
  module: "Authentication",
  name: "request",
  method: "POST",
  path: "/request/authentication",
  request: RequestInput,
  response: Certificate,
  safety: "unsafe",
  errors: [IdentityVerificationFailed, PgRefused, OutcomeUnknown]
})

/**
 * Confirms a verification with the SMS code (or without one for PASS); check `status` is 12.
 *
 * `POST /authenticate/confirm`: completes a verification (status 12).
 *
 * @since 0.1.0
 * @category operations
 */
export const confirm = Operation.make({
  module: "Authentication",
  name: "confirm",
  method: "POST",
  path: "/authenticate/confirm",
  request: ConfirmRequest,
  response: Certificate,
  safety: "unsafe",
  errors: [NotFound, IdentityVerificationFailed, PgRefused, OutcomeUnknown],
  resource: certificateResource
})

/**
 * Sends the SMS code again; `authenticate_data.number_of_realarms` counts the resends.
 *
 * `POST /authenticate/realarm`: sends the SMS again.
 *
 * @since 0.1.0
 * @category operations
 */
export const resend = Operation.make({
  module: "Authentication",
  name: "resend",
  method: "POST",
  path: "/authenticate/realarm",
  request: idOnly("receipt_id"),
  response: Certificate,
  safety: "unsafe",
  errors: [NotFound, IdentityVerificationFailed, PgRefused, OutcomeUnknown],
  resource: certificateResource
})
