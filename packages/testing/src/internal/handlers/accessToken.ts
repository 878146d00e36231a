/**
 * The token endpoint: bearer tokens for the legacy key pair, valid 30 minutes of fake time. Asked
 * again within 25 minutes of issuing a token, it answers the same token (contract 1.2), with
 * `expire_in` counting the seconds it has left (an assumption: the contract does not say).
 */
import { error, type Handler, ok, str } from "../reply.js"

const lifetimeMillis = 1_800_000
const reuseMillis = 25 * 60_000

/** `AccessToken.issue`. */
export const issue: Handler = ({ store, body }) => {
  store.tokenRequests += 1
  if (str(body, "application_id") !== store.credentials.applicationId) {
    return error(401, "APP_KEY_NOT_FOUND", "application_id를 찾을 수 없습니다")
  }
  if (str(body, "private_key") !== store.credentials.privateKey) {
    return error(401, "APP_SK_NOT_MATCHED", "private_key가 일치하지 않습니다")
  }
  const now = store.now
  const latest = Array.from(store.tokens).at(-1)
  if (latest !== undefined) {
    const [token, expiresAt] = latest
    const issuedAt = expiresAt - lifetimeMillis
    if (now >= issuedAt && now - issuedAt < reuseMillis && now < expiresAt) {
      return ok({ access_token: token, expire_in: Math.ceil((expiresAt - now) / 1000) })
    }
  }
  const token = `fake-token-${store.nextId()}`
  store.tokens.set(token, now + lifetimeMillis)
  return ok({ access_token: token, expire_in: lifetimeMillis / 1000 })
}
