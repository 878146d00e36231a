/** Identity-verification answers as Bootpay returns them (CONTRACT 3.6), for the identity tests. */

/** A completed verification (status 12) with every `authenticate_data` field. */
export const certificateBody = (fields: Record<string, unknown> = {}) => ({
  receipt_id: "62b12f4b6d3e4e0021f5c8d1",
  authenticate_id: "auth-2026-0001",
  pg: "다날",
  method: "본인인증",
  method_origin: "본인인증",
  method_origin_symbol: "auth",
  requested_at: "2026-01-15T12:00:00+09:00",
  authenticated_at: "2026-01-15T12:01:10+09:00",
  status: 12,
  status_locale: "본인인증완료",
  authenticate_data: {
    name: "홍길동",
    phone: "01012345678",
    unique: "kfT3vUu0Yq1mZ6c9bP2rA8wXo5nJ4hLd7sEiGzQ0yVxRt1UjCk3MbNa6Wp9Hf2Sg==",
    birth: "1990-01-01",
    gender: 1,
    foreigner: 0,
    carrier: "SKT",
    number_of_realarms: 1,
    tid: "202601151200001234567890"
  },
  ...fields
})

/** A verification that waits for its SMS code. */
export const pendingCertificateBody = (fields: Record<string, unknown> = {}) => ({
  receipt_id: "62b12f4b6d3e4e0021f5c8d1",
  authenticate_id: "auth-2026-0001",
  pg: "다날",
  method: "본인인증",
  requested_at: "2026-01-15T12:00:00+09:00",
  authenticated_at: null,
  status: 0,
  status_locale: "본인인증대기",
  authenticate_data: { number_of_realarms: 0 },
  ...fields
})
