/**
 * The one declaration of a Bootpay operation: method, path, input and output schemas, the errors it
 * can add to the common ones, its safety class and its span name. The Effect function, the Promise
 * facade method, the fake's route and the coverage tests are all derived from it.
 *
 * @since 0.1.0
 */
import type * as Duration from "effect/Duration"
import type * as Effect from "effect/Effect"
import type * as Schema from "effect/Schema"
import type * as BootpayError from "./BootpayError.js"
import type { Resolution } from "./Reconcile.js"

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
  /** How Bootpay's state proves what a call that is not a read did, when its answer does not. */
  readonly proof: Proof<W, A> | undefined
}

/** A read of the same client, inside the deadline of the call that asks for it. */
export type Read = <I, W, A, E>(
  operation: Operation<I, W, A, E>,
  input: I
) => Effect.Effect<A, E | BootpayError.CommonError>

/** Bootpay's definite refusal of a call's last attempt, with what came before it. */
export interface Refusal<W> {
  /** The call's wire fields. */
  readonly wire: W
  /** What Bootpay answered. */
  readonly refusal: BootpayError.BootpayError
  /**
   * Set when an earlier attempt of the same call may have taken effect (its answer was lost): the
   * refusal may then be Bootpay refusing a repeat of a change it already made.
   */
  readonly unknown: BootpayError.OutcomeUnknown | undefined
}

/**
 * How an operation's outcome is proven from Bootpay's state. Without a proof, a call whose answer
 * was lost stays `OutcomeUnknown` and reconciles to `Undetermined`.
 */
export interface Proof<W, A> {
  /**
   * Reads Bootpay back to tell whether the call an `OutcomeUnknown` describes took effect; answers
   * `Undetermined` (with what it read) whenever the state could also come from another call.
   */
  readonly reconcile: (
    error: BootpayError.OutcomeUnknown,
    read: Read
  ) => Effect.Effect<Resolution, BootpayError.BootpayError>
  /**
   * What a refusal proves about the call: the refusal itself, a better-explained error, a success
   * read back, or `OutcomeUnknown`. Without it, a refusal after an attempt that may have taken
   * effect is `OutcomeUnknown` (the refusal cannot show that nothing of the call happened).
   */
  readonly refused?: (refusal: Refusal<W>, read: Read) => Effect.Effect<A, BootpayError.BootpayError>
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

/** Options for one call; checked like the input (a bad one is `InvalidRequest`, nothing is sent). */
export interface CallOptions {
  /** Deadline for this call (retries, token refresh and follow-up reads included); overrides the client's. */
  readonly timeout?: Duration.DurationInput | undefined
  /** Retries (0 to 10) for this call when it is `read` or `idempotent`; overrides the client's. */
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
  readonly proof?: Proof<W, A>
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
  queryFields: spec.queryFields ?? (spec.method === "GET" || spec.method === "DELETE" ? "all" : []),
  proof: spec.proof
})

/** The path's `{field}` names, in order. */
export const pathFields = (operation: Any): ReadonlyArray<string> =>
  Array.from(operation.path.matchAll(/\{(\w+)\}/g), (match) => match[1]!)

/** The safety class of one call. */
export const safetyOf = <I, W, A, E>(operation: Operation<I, W, A, E>, wire: W): Safety =>
  typeof operation.safety === "function" ? operation.safety(wire) : operation.safety
