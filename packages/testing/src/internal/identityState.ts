/**
 * REST identity verifications (본인인증) and user tokens (사용자 토큰) of a fake Bootpay, with the rules
 * that need state or time: a verification lives 30 minutes, an SMS verification needs the store's OTP,
 * an `authentication_id` that succeeded cannot be used again, and a result can be read only once it is
 * confirmed.
 *
 * Neither the identity number nor the phone number is kept in full: the birth date, gender and
 * foreigner flag are derived from the identity number on arrival, the CI (`unique`) is a hash, and
 * the phone is stored masked.
 *
 * Assumptions where the contract is silent: a pending verification has status 0 (`본인인증대기`), the
 * birth date reads `YYYY-MM-DD`, a resend does not extend the 30 minutes, and user tokens live
 * 30 minutes like access tokens.
 */
import { createHash } from "node:crypto"
import type { FakeStore, Json } from "../FakeStore.js"
import { kstIso } from "../FakeStore.js"
import * as Mask from "./mask.js"

/**
 * What a confirmed verification established (`authenticate_data`).
 *
 * @since 0.1.0
 * @category models
 */
export interface FakeAuthenticateData extends Json {
  number_of_realarms: number
}

/**
 * An identity verification held by the fake; the same shape Bootpay answers with.
 *
 * @since 0.1.0
 * @category models
 */
export interface FakeCertificate extends Json {
  receipt_id: string
  authenticate_id: string
  status: number
  status_locale: string
  requested_at: string
  authenticated_at: string | null
  authenticate_data: FakeAuthenticateData
}

/**
 * A user token held by the fake, with the member fields it was issued for (phone masked).
 *
 * @since 0.1.0
 * @category models
 */
export interface FakeUserToken extends Json {
  user_token: string
  user_id: string
  expired_at: string
}

/**
 * Certificate status codes the fake uses; 12 is Bootpay's, 0 for a pending verification is assumed.
 *
 * @since 0.1.0
 * @category models
 */
export const CertificateStatus = {
  PENDING: 0,
  VERIFIED: 12
} as const

/**
 * How long a verification can be confirmed (Bootpay: 30 minutes, then `AUTH_EXPIRED`).
 *
 * @since 0.1.0
 * @category utils
 */
export const verificationValidityMillis = 30 * 60_000

/** How long a user token lives in the fake. */
export const userTokenValidityMillis = 30 * 60_000

/** Why a verification call was refused. */
export type Refusal = "missing" | "already authenticated" | "expired" | "otp invalid" | "not confirmed"

interface Verification {
  readonly certificate: FakeCertificate
  readonly requestedAt: number
  readonly type: "sms" | "pass"
  /** The `authenticate_data` a successful confirm reveals. */
  readonly person: Json
}

const text = (body: Json, key: string): string => (typeof body[key] === "string" ? (body[key] as string) : "")

/** Birth date, gender and foreigner flag from YYMMDD and the optional first digit of the back part. */
const fromIdentityNo = (identityNo: string, nowMillis: number): Json => {
  const yy = Number(identityNo.slice(0, 2))
  const code = identityNo.length > 6 ? Number(identityNo[6]) : undefined
  const thisYear = new Date(nowMillis).getUTCFullYear() % 100
  const century =
    code === undefined
      ? yy > thisYear
        ? 1900
        : 2000
      : code === 9 || code === 0
        ? 1800
        : code <= 2 || code === 5 || code === 6
          ? 1900
          : 2000
  return {
    birth: `${century + yy}-${identityNo.slice(2, 4)}-${identityNo.slice(4, 6)}`,
    gender: code === undefined ? null : code % 2 === 1 ? 1 : 0,
    foreigner: code !== undefined && code >= 5 && code <= 8 ? 1 : 0
  }
}

const locale = (status: number): string =>
  status === CertificateStatus.VERIFIED ? "본인인증완료" : "본인인증대기"

/**
 * The fake's identity verifications and user tokens; reached through `FakeStore.identity`.
 *
 * @since 0.1.0
 * @category models
 */
export class IdentityState {
  /** The SMS code every verification expects; set another to test a wrong code. */
  otp = "000000"
  /** Verifications by receipt id, as Bootpay would answer them. */
  readonly certificates = new Map<string, FakeCertificate>()
  /** User tokens by token. */
  readonly userTokens = new Map<string, FakeUserToken>()
  private readonly verifications = new Map<string, Verification>()
  private readonly verifiedIds = new Set<string>()

  constructor(private readonly store: FakeStore) {}

  /** Forgets every verification and user token; the OTP is `000000` again. */
  clear(): void {
    this.otp = "000000"
    this.certificates.clear()
    this.userTokens.clear()
    this.verifications.clear()
    this.verifiedIds.clear()
  }

  /** Starts a verification; refused when its `authentication_id` already succeeded. */
  request(body: Json): FakeCertificate | Refusal {
    const authenticationId = text(body, "authentication_id")
    if (this.verifiedIds.has(authenticationId)) return "already authenticated"
    const now = this.store.now
    const receiptId = this.store.nextId()
    const name = text(body, "username")
    const phone = text(body, "phone")
    const carrier = text(body, "carrier")
    const derived = fromIdentityNo(text(body, "identity_no"), now)
    const unique = createHash("sha256").update(`${name}|${derived.birth}|${phone}`).digest("base64")
    const certificate: FakeCertificate = {
      receipt_id: receiptId,
      authenticate_id: authenticationId,
      order_name: text(body, "order_name"),
      pg: "다날",
      method: "본인인증",
      method_symbol: "auth",
      method_origin: "본인인증",
      method_origin_symbol: "auth",
      requested_at: kstIso(now),
      authenticated_at: null,
      status: CertificateStatus.PENDING,
      status_locale: locale(CertificateStatus.PENDING),
      authenticate_data: { number_of_realarms: 0 },
      metadata: body.metadata ?? {}
    }
    this.certificates.set(receiptId, certificate)
    this.verifications.set(receiptId, {
      certificate,
      requestedAt: now,
      type: text(body, "authenticate_type") === "pass" ? "pass" : "sms",
      person: {
        name,
        phone: Mask.phone(phone),
        unique,
        ...derived,
        carrier,
        tid: `tid-auth-${receiptId.slice(-6)}`
      }
    })
    return structuredClone(certificate)
  }

  private pending(receiptId: string): Verification | Refusal {
    const verification = this.verifications.get(receiptId)
    if (verification === undefined) return "missing"
    // Another verification under the same `authentication_id` may have succeeded in the meantime.
    if (this.verifiedIds.has(verification.certificate.authenticate_id)) return "already authenticated"
    if (this.store.now - verification.requestedAt >= verificationValidityMillis) return "expired"
    return verification
  }

  /** Confirms with the SMS code (a PASS verification needs none). */
  confirm(receiptId: string, otp: string | undefined): FakeCertificate | Refusal {
    const verification = this.pending(receiptId)
    if (typeof verification === "string") return verification
    if (verification.type === "sms" && otp !== this.otp) return "otp invalid"
    const certificate = verification.certificate
    certificate.status = CertificateStatus.VERIFIED
    certificate.status_locale = locale(CertificateStatus.VERIFIED)
    certificate.authenticated_at = kstIso(this.store.now)
    certificate.authenticate_data = {
      ...verification.person,
      number_of_realarms: certificate.authenticate_data.number_of_realarms
    }
    this.verifiedIds.add(certificate.authenticate_id)
    return structuredClone(certificate)
  }

  /** Sends the SMS again: counts in `number_of_realarms`. */
  resend(receiptId: string): FakeCertificate | Refusal {
    const verification = this.pending(receiptId)
    if (typeof verification === "string") return verification
    verification.certificate.authenticate_data.number_of_realarms += 1
    return structuredClone(verification.certificate)
  }

  /** The result of a verification, once it is confirmed. */
  lookup(receiptId: string): FakeCertificate | Refusal {
    const certificate = this.certificates.get(receiptId)
    if (certificate === undefined) return "missing"
    return certificate.status === CertificateStatus.VERIFIED ? structuredClone(certificate) : "not confirmed"
  }

  /** Issues a user token for a member; the phone is kept masked, the birth date not at all. */
  issueUserToken(body: Json): { readonly user_token: string; readonly expired_at: string } {
    const token: FakeUserToken = {
      user_token: this.store.nextId(),
      user_id: text(body, "user_id"),
      expired_at: kstIso(this.store.now + userTokenValidityMillis)
    }
    for (const field of ["username", "email", "gender"]) {
      if (body[field] !== undefined) token[field] = body[field]
    }
    if (typeof body.phone === "string") token.phone = Mask.phone(body.phone)
    this.userTokens.set(token.user_token, token)
    return { user_token: token.user_token, expired_at: token.expired_at }
  }
}
