/**
 * REST identity verification (본인인증), its results and user tokens. `AUTH_NEED_PG_METHOD`,
 * `AUTH_ALREADY_AUTHENTICATED`, `AUTH_EXPIRED` and `AUTH_NOT_CONFIRMED` are Bootpay's codes; the rest
 * are assumptions: `AUTH_OTP_INVALID` for a wrong or missing SMS code (prefixed `AUTH_` like its
 * siblings), HTTP 400 for every `AUTH_*` refusal, `RC_NOT_FOUND` (HTTP 404) for an unknown receipt id.
 */
import type { FakeCertificate, Refusal } from "../identityState.js"
import { error, type Handler, missing, notText, ok, type Reply, str } from "../reply.js"

const refusals: Readonly<Record<Refusal, (id: string) => Reply>> = {
  missing: (id) => error(404, "RC_NOT_FOUND", `본인인증 내역을 찾을 수 없습니다 (${id})`),
  "already authenticated": () =>
    error(
      400,
      "AUTH_ALREADY_AUTHENTICATED",
      "이미 인증이 완료되었습니다. 새 authentication_id로 요청해주세요"
    ),
  expired: () => error(400, "AUTH_EXPIRED", "인증 유효시간(30분)이 지났습니다"),
  "otp invalid": () => error(400, "AUTH_OTP_INVALID", "인증번호가 일치하지 않습니다"),
  "not confirmed": () => error(400, "AUTH_NOT_CONFIRMED", "본인인증이 아직 완료되지 않았습니다")
}

const answer = (result: FakeCertificate | Refusal, id: string): Reply =>
  typeof result === "string" ? refusals[result](id) : ok(result)

/** `Authentication.request`: a pending verification (status 0) whose SMS code is `store.identity.otp`. */
export const request: Handler = ({ store, body }) => {
  if (missing(body, ["pg", "method"]) !== undefined) {
    return error(400, "AUTH_NEED_PG_METHOD", "pg와 method를 입력해주세요")
  }
  const fields = [
    "authentication_id",
    "order_name",
    "username",
    "identity_no",
    "carrier",
    "phone",
    "client_ip"
  ]
  const absent = notText(body, fields) ?? missing(body, fields)
  return absent ?? answer(store.identity.request(body), str(body, "authentication_id") ?? "")
}

/** `Authentication.confirm`: status 12 with `authenticate_data`, once. */
export const confirm: Handler = ({ store, body }) => {
  const receiptId = str(body, "receipt_id") ?? ""
  return answer(store.identity.confirm(receiptId, str(body, "otp")), receiptId)
}

/** `Authentication.resend`: counts in `authenticate_data.number_of_realarms`. */
export const resend: Handler = ({ store, body }) => {
  const receiptId = str(body, "receipt_id") ?? ""
  return answer(store.identity.resend(receiptId), receiptId)
}

/** `Certificate.lookup`: `AUTH_NOT_CONFIRMED` until confirmed. */
export const lookup: Handler = ({ store, params }) =>
  answer(store.identity.lookup(params.receipt_id!), params.receipt_id!)

/** `UserToken.issue`. */
export const issueUserToken: Handler = ({ store, body }) =>
  notText(body, ["user_id"]) ?? missing(body, ["user_id"]) ?? ok(store.identity.issueUserToken(body))
