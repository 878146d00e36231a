/**
 * The one declaration of a Bootpay operation: method, path, input and output schemas, the errors it
 * can add to the common ones, its safety class, how its outcome is proven, and its span name. The
 * declaration is the operation: `Receipt.cancel(input)` is its Effect, `Receipt.cancel.path` its
 * path. The Promise facade, the fake's routes and the coverage tests are derived from it.
 *
 * @since 0.1.0
 */
import type * as Context from "effect/Context"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Schema from "effect/Schema"
import { BootpayClient } from "./BootpayClient.js"
import type * as BootpayError from "./BootpayError.js"
import type { Resolution } from "./Reconcile.js"

/**
 * HTTP methods Bootpay's PG API uses.
 *
 * @since 0.1.0
 * @category models
 */
export type Method = "GET" | "POST" | "PUT" | "DELETE"

/**
 * How a call may be retried: `read` and `idempotent` calls retry transient failures; `unsafe` calls
 * (money moves, something is issued) are never retried once the request may have reached Bootpay.
 *
 * @since 0.1.0
 * @category models
 */
export type Safety = "read" | "idempotent" | "unsafe"

/**
 * How a call authenticates: the client's credentials, or none (the token endpoint itself).
 *
 * @since 0.1.0
 * @category models
 */
export type Auth = "client" | "none"

/**
 * Which Bootpay API an operation belongs to: the PG API (`/v2`) or the Commerce API (`/v1`).
 *
 * @since 0.1.0
 * @category models
 */
export type Api = "pg" | "commerce"

/**
 * A Commerce role (`BOOTPAY-ROLE`): it selects the scopes a Commerce call may use.
 *
 * @since 0.1.0
 * @category models
 */
export type Role = "user" | "manager" | "partner" | "vendor" | "supervisor"

/**
 * Every Commerce role.
 *
 * @since 0.1.0
 * @category models
 */
export const roles: ReadonlyArray<Role> = ["user", "manager", "partner", "vendor", "supervisor"]

/**
 * An error class an operation declares beyond the common ones.
 *
 * @since 0.1.0
 * @category models
 */
export interface ErrorClass<E> {
  readonly _tag: BootpayError.Tag
  new (...args: ReadonlyArray<never>): E
}

type InstanceOf<C> = C extends new (...args: ReadonlyArray<never>) => infer R ? R : never

/**
 * The declaration of one operation. `I` is what callers pass, `W` the wire fields, `A` the result.
 *
 * @since 0.1.0
 * @category models
 */
export interface Declaration<I, W, A, E> {
  readonly [TypeId]: TypeId
  /** The API the operation belongs to. */
  readonly api: Api
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
  /**
   * Whether a DELETE sends its fields as a JSON body instead of the query string, as Bootpay
   * Commerce requires for a charge key's revoke and an adjustment's delete. `false` by default.
   */
  readonly bodyOnDelete: boolean
  /** How Bootpay's state proves what a call that is not a read did, when its answer does not. */
  readonly proof: Proof<W, A> | undefined
  /** What the input schema cannot check alone, such as a time that must lie ahead of the `Clock`. */
  readonly check: ((wire: W, nowMillis: number) => ReadonlyArray<BootpayError.Issue>) | undefined
  /** Commerce: the role this operation always sends; `undefined` sends the client's role. */
  readonly role: Role | undefined
  /**
   * Commerce: whether the call sends an `Idempotency-Key`: the caller's `idempotency_key`, or one
   * made for the call and kept on every retry of it.
   */
  readonly idempotencyKey: boolean
  /** Wire fields sent as request headers instead of query or body fields, with the header's name. */
  readonly headerFields: Readonly<Record<string, string>>
  /**
   * The Promise facade's positional arguments, by input field, where the official SDK takes them
   * (`checkExist(key, value)`); `"..."` takes an object of further fields. `undefined`: one input.
   */
  readonly args: ReadonlyArray<string> | undefined
  /**
   * Whether this call's body goes as `multipart/form-data` instead of JSON (a product with image
   * files). In a form, a `Blob` field is a file part, a list of `Blob`s the parts `field[0]`,
   * `field[1]`, ...; booleans are `'true'`/`'false'`, objects and arrays JSON text, other values
   * their text; `null` fields are left out. `undefined`: always JSON.
   */
  readonly multipart: ((wire: W) => boolean) | undefined
  /** Phantom: the input type, for inference. */
  readonly "~input"?: I
  /** Phantom: the error type, for inference. */
  readonly "~error"?: E
}

/**
 * An operation: its declaration, callable. Calling it gives the Effect of one call, which needs a
 * `BootpayClient`; an operation without input (the token) may be called without one.
 *
 * @since 0.1.0
 * @category models
 */
export interface Operation<I, W, A, E, R = BootpayClient> extends Declaration<I, W, A, E> {
  (
    ...args: undefined extends I ? [input?: I, options?: CallOptions] : [input: I, options?: CallOptions]
  ): Effect.Effect<A, E | BootpayError.CommonError, R>
}

/**
 * Marks an operation, so the registry can tell operations from a module's other exports.
 *
 * @since 0.1.0
 * @category symbols
 */
export const TypeId: unique symbol = Symbol.for("@effect-bootpay/core/Operation")

/**
 * The `TypeId` symbol's type.
 *
 * @since 0.1.0
 * @category symbols
 */
export type TypeId = typeof TypeId

/**
 * Whether a value is a declared operation.
 *
 * @since 0.1.0
 * @category guards
 */
export const isOperation = (u: unknown): u is Any => typeof u === "function" && TypeId in u

/**
 * A read of the same client, inside the deadline of the call that asks for it.
 *
 * @since 0.1.0
 * @category models
 */
export type Read = <I, W, A, E, R>(
  operation: Operation<I, W, A, E, R>,
  input: I
) => Effect.Effect<A, E | BootpayError.CommonError>

/**
 * Bootpay's definite refusal of a call's last attempt, with what came before it.
 *
 * @since 0.1.0
 * @category models
 */
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
 *
 * @since 0.1.0
 * @category models
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

/**
 * Any operation.
 *
 * @since 0.1.0
 * @category models
 */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds operations of every type
export type Any = Operation<any, any, any, any, any>

/**
 * What a caller passes to an operation.
 *
 * @since 0.1.0
 * @category models
 */
export type Input<O> = O extends Declaration<infer I, infer _W, infer _A, infer _E> ? I : never
/**
 * What an operation returns.
 *
 * @since 0.1.0
 * @category models
 */
export type Success<O> = O extends Declaration<infer _I, infer _W, infer A, infer _E> ? A : never
/**
 * What an operation can fail with.
 *
 * @since 0.1.0
 * @category models
 */
export type Failure<O> =
  O extends Declaration<infer _I, infer _W, infer _A, infer E> ? E | BootpayError.CommonError : never

/**
 * Options for one call; checked like the input (a bad one is `InvalidRequest`, nothing is sent).
 *
 * @since 0.1.0
 * @category models
 */
export interface CallOptions {
  /** Deadline for this call (retries, token refresh and follow-up reads included); overrides the client's. */
  readonly timeout?: Duration.DurationInput | undefined
  /** Retries (0 to 10) for this call when it is `read` or `idempotent`; overrides the client's. */
  readonly retry?: number | undefined
  /**
   * Commerce: the role of this call, for an operation that does not fix its own; overrides the
   * client's. (An operation that needs an elevated scope always sends its own.)
   */
  readonly role?: Role | undefined
}

/**
 * What a declaration gives; fields left out default to: the PG API, no extra errors, client auth,
 * path fields not in the body, no proof, no check, the client's role, no idempotency key.
 *
 * @since 0.1.0
 * @category models
 */
export interface Spec<I, W, A, Errors extends ReadonlyArray<ErrorClass<BootpayError.BootpayError>>> {
  /** The API (`pg` by default). */
  readonly api?: Api
  /** The module, e.g. `Receipt`. */
  readonly module: string
  /** The verb, e.g. `cancel`. */
  readonly name: string
  /** The HTTP method. */
  readonly method: Method
  /** Path below the base URL with `{field}` segments. */
  readonly path: string
  /** The input schema: the caller's input to the wire fields. */
  readonly request: Schema.Schema<W, I>
  /** The response schema. */
  readonly response: Schema.Schema<A, Wire>
  /** The safety class, or how the input decides it. */
  readonly safety: Safety | ((wire: W) => Safety)
  /** Errors beyond the common ones. */
  readonly errors?: Errors
  /** How the call authenticates (`client` by default). */
  readonly auth?: Auth
  /** What a `NotFound` refers to. */
  readonly resource?: { readonly name: string; readonly idField: string }
  /** Whether path fields go in the body too. */
  readonly pathFieldsInBody?: boolean
  /** Fields sent as the query string on POST and PUT. */
  readonly queryFields?: ReadonlyArray<string> | "all"
  /** A DELETE sends its fields as a JSON body, not as the query string (`false` by default). */
  readonly bodyOnDelete?: boolean
  /** How the outcome is proven when the answer does not prove it. */
  readonly proof?: Proof<W, A>
  /** What the schema cannot check alone. */
  readonly check?: (wire: W, nowMillis: number) => ReadonlyArray<BootpayError.Issue>
  /** Commerce: the role the operation always sends. */
  readonly role?: Role
  /** Commerce: whether the call sends an `Idempotency-Key`. */
  readonly idempotencyKey?: boolean
  /** Wire fields sent as headers, with the header's name. */
  readonly headerFields?: Readonly<Record<string, string>>
  /** The facade's positional arguments, by input field. */
  readonly args?: ReadonlyArray<string>
  /** Whether a call's body goes as `multipart/form-data` (files) instead of JSON. */
  readonly multipart?: (wire: W) => boolean
}

/**
 * A client that runs operations: what an operation's Effect asks its context for.
 *
 * @since 0.1.0
 * @category models
 */
export interface Runner {
  /** Runs one operation. */
  readonly execute: <I, W, A, E, R>(
    operation: Operation<I, W, A, E, R>,
    input: I,
    options?: CallOptions
  ) => Effect.Effect<A, E | BootpayError.CommonError>
}

/**
 * Declares operations run by the client behind `tag`: `makeFor(CommerceClient)` declares Commerce
 * operations, `make` (for `BootpayClient`) the PG ones.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeFor =
  <R, S extends Runner>(tag: Context.Tag<R, S>) =>
  <I, W, A, const Errors extends ReadonlyArray<ErrorClass<BootpayError.BootpayError>> = readonly []>(
    spec: Spec<I, W, A, Errors>
  ): Operation<I, W, A, InstanceOf<Errors[number]>, R> => {
    type E = InstanceOf<Errors[number]>
    const operation = ((input: I, options?: CallOptions) =>
      Effect.flatMap(tag, (client) => client.execute(operation, input, options))) as Operation<I, W, A, E, R>
    const declaration: Omit<Declaration<I, W, A, E>, "~input" | "~error"> = {
      [TypeId]: TypeId,
      api: spec.api ?? "pg",
      module: spec.module,
      name: spec.name,
      id: `${spec.module}.${spec.name}`,
      span: `Bootpay.${spec.module}.${spec.name}`,
      method: spec.method,
      path: spec.path,
      request: spec.request,
      response: spec.response,
      safety: spec.safety,
      errors: (spec.errors ?? []) as ReadonlyArray<ErrorClass<E>>,
      auth: spec.auth ?? "client",
      resource: spec.resource,
      pathFieldsInBody: spec.pathFieldsInBody ?? false,
      queryFields:
        spec.queryFields ??
        (spec.method === "GET" || (spec.method === "DELETE" && spec.bodyOnDelete !== true) ? "all" : []),
      bodyOnDelete: spec.bodyOnDelete ?? false,
      proof: spec.proof,
      check: spec.check,
      role: spec.role,
      idempotencyKey: spec.idempotencyKey ?? false,
      headerFields: spec.headerFields ?? {},
      args: spec.args,
      multipart: spec.multipart
    }
    // A function's own `name` is configurable: the declared verb replaces it.
    for (const key of Reflect.ownKeys(declaration)) {
      Object.defineProperty(operation, key, {
        value: declaration[key as keyof typeof declaration],
        enumerable: true
      })
    }
    return operation
  }

/**
 * Declares a PG operation and makes it callable (its Effect needs a `BootpayClient`).
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = <
  I,
  W,
  A,
  const Errors extends ReadonlyArray<ErrorClass<BootpayError.BootpayError>> = readonly []
>(
  spec: Spec<I, W, A, Errors>
): Operation<I, W, A, InstanceOf<Errors[number]>> => makeFor(BootpayClient)(spec)

/**
 * The path's `{field}` names, in order.
 *
 * @since 0.1.0
 * @category utils
 */
export const pathFields = (
  operation: Declaration<unknown, unknown, unknown, unknown>
): ReadonlyArray<string> => Array.from(operation.path.matchAll(/\{(\w+)\}/g), (match) => match[1]!)

/**
 * The safety class of one call.
 *
 * @since 0.1.0
 * @category utils
 */
export const safetyOf = <I, W, A, E>(operation: Declaration<I, W, A, E>, wire: W): Safety =>
  typeof operation.safety === "function" ? operation.safety(wire) : operation.safety
