/**
 * Commerce lists (목록): a page comes as Bootpay sends it (`{ items, total }`, `{ list, count }` or
 * a bare array), and every list has a walker over all of its pages (`User.listAll`): a `Stream` in
 * the Effect API, an async iterator on the Promise facade.
 *
 * @since 0.1.0
 */
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import type * as BootpayError from "../BootpayError.js"
import type * as Operation from "../Operation.js"

/**
 * The schema of a page of `item`s as Bootpay sends it: `{ items, total }`, `{ list, count }`, or a
 * bare array. Unknown fields are kept.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Page = <S extends Schema.Schema.Any>(item: S) =>
  Schema.Union(
    Schema.Array(item),
    Schema.Struct({ items: Schema.Array(item), total: Schema.optional(Schema.NullOr(Schema.Number)) }),
    Schema.Struct({ list: Schema.Array(item), count: Schema.optional(Schema.NullOr(Schema.Number)) })
  )

/**
 * A page of `A`s, in any of the shapes Bootpay sends.
 *
 * @since 0.1.0
 * @category models
 */
export type Page<A> =
  | ReadonlyArray<A>
  | { readonly items: ReadonlyArray<A>; readonly total?: number | null | undefined }
  | { readonly list: ReadonlyArray<A>; readonly count?: number | null | undefined }

/**
 * The items of a page and the total Bootpay reports, whatever its shape.
 *
 * @since 0.1.0
 * @category utils
 */
export const pageItems = <A>(page: Page<A>): { items: ReadonlyArray<A>; total: number | undefined } => {
  if (Array.isArray(page)) return { items: page, total: undefined }
  if ("items" in page) return { items: page.items, total: page.total ?? undefined }
  const listed = page as { readonly list: ReadonlyArray<A>; readonly count?: number | null }
  return { items: listed.list, total: listed.count ?? undefined }
}

/**
 * The most pages one walk reads: a bound against a server that never reports an end.
 *
 * @since 0.1.0
 * @category models
 */
export const maxPages = 1_000

/**
 * The page size a walk asks for when the caller gives none.
 *
 * @since 0.1.0
 * @category models
 */
export const defaultLimit = 50

/**
 * Where a walk stands: the next page to read, its size, and how many items came so far.
 *
 * @since 0.1.0
 * @category models
 */
export interface Cursor {
  readonly page: number
  readonly limit: number
  readonly first: number
  readonly seen: number
}

/**
 * The first cursor of a walk: the caller's `page` (1 by default) and `limit` (`defaultLimit`).
 *
 * @since 0.1.0
 * @category walkers
 */
export const start = (input: { readonly page?: number; readonly limit?: number } | undefined): Cursor => {
  const first = input?.page ?? 1
  return { page: first, limit: input?.limit ?? defaultLimit, first, seen: 0 }
}

/**
 * The items of the page read at `cursor`, and the next cursor unless the walk is over: a short or
 * empty page, the total Bootpay reports, or `maxPages` ends it.
 *
 * @since 0.1.0
 * @category walkers
 */
export const advance = <A>(
  cursor: Cursor,
  answer: Page<A>
): { readonly items: ReadonlyArray<A>; readonly next: Cursor | undefined } => {
  const { items, total } = pageItems(answer)
  const seen = cursor.seen + items.length
  const done =
    items.length === 0 ||
    items.length < cursor.limit ||
    (total !== undefined && seen >= total) ||
    cursor.page - cursor.first + 1 >= maxPages
  return { items, next: done ? undefined : { ...cursor, page: cursor.page + 1, seen } }
}

/**
 * Every item of a list, page after page (see `advance` for where it ends). Each page is one call
 * with its own deadline and retries; a failed page ends the stream with its error.
 *
 * @since 0.1.0
 * @category walkers
 */
export const walk = <I extends { readonly page?: number; readonly limit?: number } | undefined, A, E, R>(
  list: (input: I, options?: Operation.CallOptions) => Effect.Effect<Page<A>, E, R>,
  input: I,
  options?: Operation.CallOptions
): Stream.Stream<A, E, R> =>
  Stream.paginateChunkEffect(start(input), (cursor) =>
    Effect.map(list({ ...input, page: cursor.page, limit: cursor.limit } as I, options), (answer) => {
      const { items, next } = advance(cursor, answer)
      return [Chunk.fromIterable(items), Option.fromNullable(next)] as const
    })
  )

/**
 * Marks a walker, so the registry and the facade can tell walkers from a module's other exports.
 *
 * @since 0.1.0
 * @category symbols
 */
export const WalkerTypeId: unique symbol = Symbol.for("@effect-bootpay/core/Commerce/Walker")

/**
 * The `WalkerTypeId` symbol's type.
 *
 * @since 0.1.0
 * @category symbols
 */
export type WalkerTypeId = typeof WalkerTypeId

/**
 * The item type of a page type.
 *
 * @since 0.1.0
 * @category models
 */
export type ItemOf<P> =
  P extends ReadonlyArray<infer A>
    ? A
    : P extends { readonly items: ReadonlyArray<infer A> }
      ? A
      : P extends { readonly list: ReadonlyArray<infer A> }
        ? A
        : never

/**
 * A walker over every page of a list operation: callable like the list, giving a `Stream` of items.
 *
 * @since 0.1.0
 * @category models
 */
export interface Walker<I, A, E, R> {
  (input?: I, options?: Operation.CallOptions): Stream.Stream<A, E | BootpayError.CommonError, R>
  readonly [WalkerTypeId]: WalkerTypeId
  /** The list operation it walks. */
  readonly list: Operation.Any
}

/**
 * Any walker.
 *
 * @since 0.1.0
 * @category models
 */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds walkers of every type
export type AnyWalker = Walker<any, any, any, any>

/**
 * Whether a value is a walker.
 *
 * @since 0.1.0
 * @category guards
 */
export const isWalker = (u: unknown): u is AnyWalker => typeof u === "function" && WalkerTypeId in u

/**
 * The walker of a list operation.
 *
 * @since 0.1.0
 * @category constructors
 */
export const walker = <I, W, P, E, R>(
  list: Operation.Operation<I, W, P, E, R>
): Walker<Exclude<I, undefined>, ItemOf<P>, E, R> => {
  const run = (input?: Exclude<I, undefined>, options?: Operation.CallOptions) =>
    walk(
      list as unknown as (
        input: { readonly page?: number; readonly limit?: number } | undefined,
        options?: Operation.CallOptions
      ) => Effect.Effect<Page<ItemOf<P>>, E | BootpayError.CommonError, R>,
      input as { readonly page?: number; readonly limit?: number } | undefined,
      options
    )
  return Object.assign(run, { [WalkerTypeId]: WalkerTypeId, list }) as Walker<
    Exclude<I, undefined>,
    ItemOf<P>,
    E,
    R
  >
}
