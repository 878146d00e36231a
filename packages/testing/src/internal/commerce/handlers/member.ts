/** The member a member-context call is made for: the session of its `Bootpay-User-JWT`. */
import type { CommerceState } from "../../../FakeCommerce.js"
import type { Json } from "../../../FakeStore.js"
import type { Reply } from "../../reply.js"
import { failure } from "../reply.js"

/** The member of the call's JWT, or the 401 Bootpay answers without a live member session. */
export const memberOf = (
  state: CommerceState,
  headers: Readonly<Record<string, string>>
): { readonly user: Json } | { readonly refused: Reply } => {
  const jwt = headers["bootpay-user-jwt"]
  const session = jwt === undefined ? undefined : state.collection("sessions").get(jwt)
  const user = session === undefined ? undefined : state.users.get(String(session.user_id))
  return user === undefined
    ? { refused: failure(401, "USER_JWT_INVALID", "a member session (Bootpay-User-JWT) is required") }
    : { user }
}

/** The member of the call's JWT when one is sent, `undefined` when none is. */
export const optionalMemberOf = (state: CommerceState, headers: Readonly<Record<string, string>>) =>
  headers["bootpay-user-jwt"] === undefined ? undefined : memberOf(state, headers)
