/**
 * The one declaration of a Bootpay operation: method, path, input and output schemas, the errors it
 * can add to the common ones, its safety class and its span name. The Effect function, the Promise
 * facade method, the fake's route and the coverage tests are all derived from it.
 *
 * @since 0.1.0
 */
import type * as Duration from "effect/Duration"
import type * as Schema from "effect/Schema"
import type * as BootpayError from "./BootpayError.js"

/** HTTP methods Bootpay's PG API uses. */
export type Method = "GET" | "POST" | "PUT" | "DELETE"

/**
 * How a call may be retried: `read` and `idempotent` calls retry transient failures; `unsafe` calls
 * (money moves, something is issued) are never retried once the request may have reached Bootpay.
 */
export type Safety = "read" | "idempotent" | "unsafe"

/** How a call authenticates: the client's credentials, or none (the token endpoint itself). */
export type Auth = "client" | "none"

/** An error class an operation declares beyond the common ones. */
export interface ErrorClass<E> {
  readonly _tag: BootpayError.Tag
  new (...args: ReadonlyArray<never>): E
}

type InstanceOf<C> = C extends new (...args: ReadonlyArray<never>) => infer R ? R : never

/** The declaration of one operation. `I` is what callers pass, `W` the wire fields, `A` the result. */
export interface Operation<I, W, A, E> {
  /** The module the operation lives in, e.g. `Receipt`. */
  readonly module: string
  /** The verb, e.g. `cancel`. */
  readonly name: string
  /** `Module.name`, used in errors and spans. */
  readonly id: string
  /** Span name, `Bootpay.Module.name`. */
  readonly span: string
  readonly method: Method
  /** Path below the base URL; `{field}` segments are taken from the wire fields and URL-encoded. */
  readonly path: string
  /** Decodes (and validates) the caller's input into the wire fields. */
  readonly request: Schema.Schema<W, I>
  /** Decodes a successful answer; unknown fields are kept. */
  readonly response: Schema.Schema<A, Wire>
  /** The safety class, possibly depending on the input (a cancel with `cancel_id` is idempotent). */
  readonly safety: Safety | ((wire: W) => Safety)
  /** Errors this operation can fail with on top of `BootpayError.CommonError`. */
  readonly errors: ReadonlyArray<ErrorClass<E>>
  readonly auth: Auth
  /** What a `NotFound` refers to, and the wire field holding its id. */
  readonly resource?: { readonly name: string; readonly idField: string } | undefined
  /** Path fields that are sent in the body too (Bootpay's escrow call expects both). */
  readonly pathFieldsInBody: boolean
  /** Fields sent as a query string on POST/PUT (GET and DELETE have no body: all their fields are). */
  readonly queryFields: ReadonlyArray<string> | "all"
}

/** Any JSON-shaped encoded value (response schemas decode from it). */
// biome-ignore lint/suspicious/noExplicitAny: a response schema's encoded side is whatever JSON Bootpay sends
type Wire = any

/** Any operation. */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds operations of every type
export type Any = Operation<any, any, any, any>

/** What a caller passes to an operation. */
export type Input<O> = O extends Operation<infer I, infer _W, infer _A, infer _E> ? I : never
/** What an operation returns. */
export type Success<O> = O extends Operation<infer _I, infer _W, infer A, infer _E> ? A : never
/** What an operation can fail with. */
export type Failure<O> =
  O extends Operation<infer _I, infer _W, infer _A, infer E> ? E | BootpayError.CommonError : never

/** Options for one call. */
export interface CallOptions {
  /** Deadline for this call (retries and token refresh included); overrides the client's. */
  readonly timeout?: Duration.DurationInput | undefined
  /** Retries for this call when it is `read` or `idempotent`; overrides the client's. */
  readonly retry?: number | undefined
}

/** Declares an operation; fields default to: no extra errors, client auth, path fields not in the body. */
export const make = <
  I,
  W,
  A,
  const Errors extends ReadonlyArray<ErrorClass<BootpayError.BootpayError>> = readonly []
>(spec: {
  readonly module: string
  readonly name: string
  readonly method: Method
  readonly path: string
  readonly request: Schema.Schema<W, I>
  readonly response: Schema.Schema<A, Wire>
  readonly safety: Safety | ((wire: W) => Safety)
  readonly errors?: Errors
  readonly auth?: Auth
  readonly resource?: { readonly name: string; readonly idField: string }
  readonly pathFieldsInBody?: boolean
  readonly queryFields?: ReadonlyArray<string> | "all"
}): Operation<I, W, A, InstanceOf<Errors[number]>> => ({
  module: spec.module,
  name: spec.name,
  id: `${spec.module}.${spec.name}`,
  span: `Bootpay.${spec.module}.${spec.name}`,
  method: spec.method,
  path: spec.path,
  request: spec.request,
  response: spec.response,
  safety: spec.safety,
  errors: (spec.errors ?? []) as ReadonlyArray<ErrorClass<InstanceOf<Errors[number]>>>,
  auth: spec.auth ?? "client",
  resource: spec.resource,
  pathFieldsInBody: spec.pathFieldsInBody ?? false,
  queryFields: spec.queryFields ?? (spec.method === "GET" || spec.method === "DELETE" ? "all" : [])
})

/** The path's `{field}` names, in order. */
export const pathFields = (operation: Any): ReadonlyArray<string> =>
  Array.from(operation.path.matchAll(/\{(\w+)\}/g), (match) => match[1]!)

/** The safety class of one call. */
export const safetyOf = <I, W, A, E>(operation: Operation<I, W, A, E>, wire: W): Safety =>
  typeof operation.safety === "function" ? operation.safety(wire) : operation.safety
