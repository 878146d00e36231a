/**
 * Commerce points (적립금) of a member: the balance and the history of earnings and uses. A
 * member's `user_jwt` (from a member login) names the member, sent as `Bootpay-User-JWT`.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type { InsufficientRole } from "../BootpayError.js"
import type { CommerceClient } from "../CommerceClient.js"
import * as Commerce from "../internal/commerce.js"
import { opt } from "../internal/schemas.js"
import type * as Operation from "../Operation.js"
import * as Paging from "./Paging.js"

/**
 * A member's point balance.
 *
 * @since 0.1.0
 * @category models
 */
export const PointBalance = Schema.Struct({
  available_balance: opt(Schema.Number),
  total_earned: opt(Schema.Number),
  total_used: opt(Schema.Number),
  is_negative: opt(Schema.Boolean)
})

/**
 * Reads the member's point balance.
 *
 * `GET /point/balance`.
 *
 * @since 0.1.0
 * @category operations
 */
export const balance = Commerce.make({
  module: "Point",
  name: "balance",
  method: "GET",
  path: "/point/balance",
  request: Schema.UndefinedOr(Schema.Struct({ user_jwt: Commerce.userJwt })),
  response: PointBalance,
  safety: "read",
  userJwt: true
})

/**
 * One earning, use or expiry of points.
 *
 * @since 0.1.0
 * @category models
 */
export const PointTransaction = Schema.Struct({
  transaction_id: opt(Schema.String),
  transaction_type: opt(Schema.Number),
  type: opt(Schema.Number),
  amount: opt(Schema.Number),
  balance_after: opt(Schema.Number),
  remaining_balance: opt(Schema.Number),
  reason: opt(Schema.String),
  order_id: opt(Schema.String),
  review_id: opt(Schema.String),
  earned_at: opt(Schema.String),
  expires_at: opt(Schema.String),
  expired: opt(Schema.Boolean),
  created_at: opt(Schema.String)
})

/**
 * A point transaction.
 *
 * @since 0.1.0
 * @category models
 */
export type PointTransaction = typeof PointTransaction.Type

/**
 * A page of point transactions as Bootpay sends it: `{ transactions, total_count, page, limit,
 * total_pages }`.
 *
 * @since 0.1.0
 * @category models
 */
export const TransactionsPage = Schema.Struct({
  transactions: Schema.Array(PointTransaction),
  total_count: opt(Schema.Number),
  page: opt(Schema.Number),
  limit: opt(Schema.Number),
  total_pages: opt(Schema.Number)
})

/**
 * The filters of `transactions`.
 *
 * @since 0.1.0
 * @category models
 */
export const TransactionsRequest = Schema.Struct({
  ...Commerce.paging,
  transaction_type: Schema.optional(Commerce.Count),
  user_jwt: Commerce.userJwt
})

/**
 * One page of the member's point transactions, newest first (see `listAll` for every page).
 *
 * `GET /point/transactions`.
 *
 * @since 0.1.0
 * @category operations
 */
export const transactions = Commerce.make({
  module: "Point",
  name: "transactions",
  method: "GET",
  path: "/point/transactions",
  request: Schema.UndefinedOr(TransactionsRequest),
  response: TransactionsPage,
  safety: "read",
  userJwt: true
})

type Paged = { readonly page?: number; readonly limit?: number } | undefined

const walkTransactions = (input?: typeof TransactionsRequest.Encoded, options?: Operation.CallOptions) =>
  Paging.walk(
    (page: Paged, pageOptions?: Operation.CallOptions) =>
      Effect.map(transactions(page as typeof TransactionsRequest.Encoded, pageOptions), (answer) => ({
        items: answer.transactions,
        total: answer.total_count ?? undefined
      })),
    input as Paged,
    options
  )

/**
 * Every point transaction of the member matching the filters, page after page, as a `Stream`
 * (the walker of `transactions`).
 *
 * @since 0.1.0
 * @category walkers
 */
export const listAll: Paging.Walker<
  typeof TransactionsRequest.Encoded,
  PointTransaction,
  InsufficientRole,
  CommerceClient
> = Object.assign(walkTransactions, {
  [Paging.WalkerTypeId]: Paging.WalkerTypeId,
  list: transactions
}) as never
