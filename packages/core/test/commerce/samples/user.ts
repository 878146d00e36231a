import type { Samples } from "./types.js"

const user = {
  user_id: "6200000000000000000000a1",
  name: "김철수",
  login_id: "kim",
  membership_type: "member"
}

export const user_: Samples = {
  join: {
    input: { login_id: "kim", login_pw: "pw-1234", name: "김철수" },
    method: "POST",
    path: "/users/join",
    body: { login_id: "kim", login_pw: "pw-1234", name: "김철수" },
    answer: user,
    bad: { login_id: 42 }
  },
  checkExist: {
    input: { type: "id-exist", pk: "kim" },
    args: ["id-exist", "kim"],
    method: "GET",
    path: "/users/join/id-exist",
    query: { pk: "kim" },
    answer: { exists: true },
    bad: { type: "name-exist", pk: "kim" }
  },
  authenticationData: {
    input: "stand-1",
    args: ["stand-1"],
    method: "GET",
    path: "/users/authenticate/stand-1",
    answer: { name: "김철수", phone: "01000000000" },
    bad: ""
  },
  login: {
    input: { login_id: "kim", login_pw: "pw-1234" },
    args: ["kim", "pw-1234"],
    method: "POST",
    path: "/users/login",
    body: { login_id: "kim", login_pw: "pw-1234" },
    answer: { access_token: "jwt-1", expired_at: "2026-01-15T12:30:00+09:00", user },
    bad: { login_id: "kim" }
  },
  userLogin: {
    input: { login_id: "kim", password: "pw-1234", idempotency_key: "key-login-1" },
    method: "POST",
    path: "/users/login",
    body: { login_id: "kim", password: "pw-1234" },
    answer: { access_token: "jwt-3", user },
    bad: { login_id: "kim" }
  },
  userJoin: {
    input: { login_id: "kim", password: "pw-1234", name: "김철수", corporate_type: 0 },
    method: "POST",
    path: "/users/join",
    body: { login_id: "kim", password: "pw-1234", name: "김철수", corporate_type: 0 },
    answer: user,
    bad: { login_id: "kim", password: "pw-1234" }
  },
  userJoinCheck: {
    input: { type: "email-exist", pk: "kim@example.com" },
    args: ["email-exist", "kim@example.com"],
    method: "GET",
    path: "/users/join/email-exist",
    query: { pk: "kim@example.com" },
    answer: { exists: false },
    bad: { type: "email", pk: "kim@example.com" }
  },
  uidExist: {
    input: { pk: "ex-1", idempotency_key: "key-uid-1" },
    args: ["ex-1", "key-uid-1"],
    method: "GET",
    path: "/users/join/uid-exist",
    query: { pk: "ex-1" },
    answer: { exists: true },
    bad: { pk: "" }
  },
  token: {
    input: { user_id: "u-1" },
    args: ["u-1"],
    method: "POST",
    path: "/users/login/token",
    body: { user_id: "u-1" },
    answer: { access_token: "jwt-2", user },
    bad: { user_id: "" }
  },
  userSession: {
    input: { user_jwt: "jwt-1", idempotency_key: "key-session-1" },
    args: ["jwt-1", "key-session-1"],
    method: "GET",
    path: "/users/session",
    answer: { user },
    bad: { user_jwt: 7 }
  },
  userLogout: {
    input: { user_jwt: "jwt-1", idempotency_key: "key-logout-1" },
    args: ["jwt-1", "key-logout-1"],
    method: "DELETE",
    path: "/users/session",
    answer: null,
    bad: {}
  },
  list: {
    input: { page: 2, limit: 10, membership_type: "member" },
    method: "GET",
    path: "/users",
    query: { page: "2", limit: "10", membership_type: "member" },
    answer: { items: [user], total: 11 },
    bad: { page: 0 }
  },
  detail: {
    input: "kim",
    args: ["kim"],
    method: "GET",
    path: "/users/kim",
    answer: user,
    bad: ""
  },
  update: {
    input: { user_id: "u-1", nickname: "철수" },
    method: "PUT",
    path: "/users/u-1",
    body: { nickname: "철수" },
    answer: { ...user, nickname: "철수" },
    bad: { nickname: "철수" }
  },
  delete: {
    input: "u-1",
    args: ["u-1"],
    method: "DELETE",
    path: "/users/u-1",
    answer: null,
    bad: 12
  }
}
