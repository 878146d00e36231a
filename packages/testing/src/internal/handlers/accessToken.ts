/** The token endpoint: bearer tokens for the legacy key pair, valid 30 minutes of fake time. */
import { error, type Handler, ok, str } from "../reply.js"

const lifetimeSeconds = 1800

/** `AccessToken.issue`. */
export const issue: Handler = ({ store, body }) => {
  store.tokenRequests += 1
  if (str(body, "application_id") !== store.credentials.applicationId) {
    return error(401, "APP_KEY_NOT_FOUND", "application_id를 찾을 수 없습니다")
  }
  if (str(body, "private_key") !== store.credentials.privateKey) {
    return error(401, "APP_SK_NOT_MATCHED", "private_key가 일치하지 않습니다")
  }
  const token = `fake-token-${store.nextId()}`
  store.tokens.set(token, store.now + lifetimeSeconds * 1000)
  return ok({ access_token: token, expire_in: lifetimeSeconds })
}
