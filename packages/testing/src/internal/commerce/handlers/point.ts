/**
 * A member's points (적립금): transactions in `collection("pointTransactions")` (seed them with
 * `addPoints`); the balance is their sum.
 *
 * Inferences (backend-js types only): point calls act for the member of the `Bootpay-User-JWT`
 * session and are refused with 401 without one; `transaction_type` 1 earns, 2 uses, 3 expires;
 * `transactions` answers newest first as `{ transactions, total_count, page, limit, total_pages }`
 * (page and limit default to 1 and 20).
 */
import { type CommerceHandler, data } from "../reply.js"
import { memberOf } from "./member.js"

export const balance: CommerceHandler = ({ state, headers }) => {
  const member = memberOf(state, headers)
  if ("refused" in member) return member.refused
  const mine = [...state.collection("pointTransactions").values()].filter(
    (transaction) => transaction.user_id === member.user.user_id
  )
  const earned = mine.filter((t) => Number(t.amount) > 0).reduce((sum, t) => sum + Number(t.amount), 0)
  const used = mine.filter((t) => Number(t.amount) < 0).reduce((sum, t) => sum - Number(t.amount), 0)
  const available = earned - used
  return data({
    available_balance: available,
    total_earned: earned,
    total_used: used,
    is_negative: available < 0
  })
}

export const transactions: CommerceHandler = ({ state, headers, query }) => {
  const member = memberOf(state, headers)
  if ("refused" in member) return member.refused
  const mine = [...state.collection("pointTransactions").values()]
    .filter(
      (transaction) =>
        transaction.user_id === member.user.user_id &&
        (query.transaction_type === undefined ||
          String(transaction.transaction_type) === query.transaction_type)
    )
    .reverse()
  const limit = Math.max(1, Number(query.limit ?? 20) || 20)
  const page = Math.max(1, Number(query.page ?? 1) || 1)
  return data({
    transactions: mine
      .slice((page - 1) * limit, page * limit)
      .map((transaction) => structuredClone(transaction)),
    total_count: mine.length,
    page,
    limit,
    total_pages: Math.ceil(mine.length / limit)
  })
}
