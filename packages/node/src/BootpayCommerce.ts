/**
 * The Promise facade of Bootpay Commerce: `BootpayCommerce.make(options)` gives
 * `commerce.user.join(...)`, `commerce.orderSubscription.requestIng.pause(...)` and every other
 * Commerce operation under the module and method names of the official `BootpayCommerce`
 * (`@bootpay/backend-js` 2.13.1), taking arguments as it does (a positional id where it takes one).
 * Each call resolves to Bootpay's `data` (the `{ success, data }` envelope is unwrapped) and rejects
 * with the SDK's tagged error itself. Every `list` has a `listAll` that walks every page.
 *
 * @since 0.1.0
 */

import * as Fs from "node:fs"
import type * as HttpClient from "@effect/platform/HttpClient"
import {
  BootpayError,
  Commerce,
  CommerceClient,
  CommerceConfig,
  type Operation
} from "@effect-bootpay/core/index"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Bootpay from "./Bootpay.js"
import * as UndiciClient from "./internal/undiciClient.js"

/**
 * Options for one Commerce call: those of every facade call, and the role of this call.
 *
 * @since 0.1.0
 * @category models
 */
export interface RequestOptions extends Bootpay.RequestOptions {
  /** The role of this call, for an operation that does not fix its own. */
  readonly role?: Operation.Role | undefined
}

/**
 * The type of input field `K` of input `In` (an id-or-object input contributes its object side);
 * image files (`images`) may also be file paths, read on the facade.
 *
 * @since 0.1.0
 * @category models
 */
export type Field<In, K> = In extends object
  ? K extends keyof In
    ? K extends "images"
      ? In[K] | ReadonlyArray<string | Blob | Uint8Array>
      : In[K]
    : never
  : never

/**
 * The fields of input `In` that the `"..."` argument of `All` carries: every field not named by
 * another argument.
 *
 * @since 0.1.0
 * @category models
 */
export type Rest<In, All extends ReadonlyArray<string>> = Omit<
  Extract<In, object>,
  Exclude<All[number], "...">
>

/**
 * The positional parameters named by `Args` (the whole list is `All`): a field that may be
 * `undefined` is an optional one, `"..."` an object of the remaining fields.
 *
 * @since 0.1.0
 * @category models
 */
export type Positional<In, Args, All extends ReadonlyArray<string>> = Args extends readonly [
  infer H,
  ...infer T
]
  ? H extends "..."
    ? Record<never, never> extends Rest<In, All>
      ? [fields?: Rest<In, All>, ...Positional<In, T, All>]
      : [fields: Rest<In, All>, ...Positional<In, T, All>]
    : undefined extends Field<In, H>
      ? [value?: Field<In, H>, ...Positional<In, T, All>]
      : [value: Field<In, H>, ...Positional<In, T, All>]
  : []

/**
 * The facade method of operation `O`: positional where the official SDK is, else one input.
 *
 * @since 0.1.0
 * @category models
 */
export type Method<O> =
  O extends Operation.Operation<infer In, infer _W, infer A, infer _E, infer _R>
    ? O extends { readonly "~args"?: infer Args extends ReadonlyArray<string> }
      ? (...args: [...Positional<In, Args, Args>, options?: RequestOptions]) => Promise<A>
      : undefined extends In
        ? (input?: In, options?: RequestOptions) => Promise<A>
        : (input: In, options?: RequestOptions) => Promise<A>
    : never

/**
 * The facade walker of walker `W`: an async iterator over every item.
 *
 * @since 0.1.0
 * @category models
 */
export type Walker<W> =
  W extends Commerce.Paging.Walker<infer In, infer A, infer _E, infer _R>
    ? (input?: In, options?: RequestOptions) => AsyncIterable<A>
    : never

/**
 * The facade methods of a registry tree.
 *
 * @since 0.1.0
 * @category models
 */
export type Methods<T> = {
  readonly [K in keyof T]: T[K] extends Operation.Any ? Method<T[K]> : Methods<T[K]>
}

/**
 * The facade walkers of a walker table.
 *
 * @since 0.1.0
 * @category models
 */
export type Walkers<T> = {
  readonly [K in keyof T]: { readonly [W in keyof T[K]]: Walker<T[K][W]> }
}

/**
 * The facade's operations, one property per Commerce module, and each list's `listAll`.
 *
 * @since 0.1.0
 * @category models
 */
export type Operations = Methods<Commerce.Registry.Registry> & {
  readonly [M in keyof Commerce.Registry.Registry]: M extends keyof Walkers<typeof Commerce.Registry.walkers>
    ? Walkers<typeof Commerce.Registry.walkers>[M]
    : unknown
}

/**
 * A Promise-based Bootpay Commerce client.
 *
 * @since 0.1.0
 * @category models
 */
export interface BootpayCommerce extends Operations {
  /** The role sent by operations that do not fix their own. */
  readonly role: Operation.Role
  /**
   * The same client (one connection pool) sending `role` for operations that do not fix their own.
   * Unlike the official SDK's `withRole`, it changes nothing in place: this client keeps its role.
   */
  readonly withRole: (role: Operation.Role) => BootpayCommerce
  /** `withRole("user")`. */
  readonly asUser: () => BootpayCommerce
  /** `withRole("manager")`. */
  readonly asManager: () => BootpayCommerce
  /** `withRole("partner")`. */
  readonly asPartner: () => BootpayCommerce
  /** `withRole("vendor")`. */
  readonly asVendor: () => BootpayCommerce
  /** `withRole("supervisor")`. */
  readonly asSupervisor: () => BootpayCommerce
  /**
   * Closes the connection pool. Later calls reject with `InvalidRequest` and send nothing; calling
   * it again is harmless.
   */
  readonly dispose: () => Promise<void>
}

/**
 * Options of `BootpayCommerce.make`: the Commerce options plus an optional HttpClient layer.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options extends CommerceConfig.Options {
  readonly httpClient?: Layer.Layer<HttpClient.HttpClient> | undefined
}

type AnyCall = (
  input: unknown,
  options?: Operation.CallOptions
) => Effect.Effect<unknown, unknown, CommerceClient.CommerceClient>

/** The input of one facade call: the positional arguments gathered into the input's fields. */
const inputOf = (
  operation: Operation.Any,
  args: ReadonlyArray<unknown>
): { readonly input: unknown; readonly request: RequestOptions | undefined } => {
  const names = operation.args
  if (names === undefined) return { input: args[0], request: args[1] as RequestOptions | undefined }
  const input: Record<string, unknown> = {}
  names.forEach((name, index) => {
    const value = args[index]
    if (value === undefined) return
    // `"..."` takes an object of further fields; anything else stays under its own name, for the
    // input's validation to refuse.
    if (name === "..." && typeof value === "object" && value !== null && !Array.isArray(value)) {
      Object.assign(input, value)
    } else {
      input[name] = value
    }
  })
  return { input, request: args[names.length] as RequestOptions | undefined }
}

/**
 * The input with every file path of its `images` read into a `Blob` (`fs.openAsBlob`), as the
 * official SDK takes paths; a path that cannot be read is `InvalidRequest` naming it.
 */
const withFiles = (operation: Operation.Any, input: unknown): Promise<unknown> | undefined => {
  const images = (input as { readonly images?: unknown } | undefined)?.images
  if (!Array.isArray(images) || !images.some((image) => typeof image === "string")) return undefined
  return Promise.all(
    images.map((image: unknown, index) =>
      typeof image !== "string"
        ? image
        : // `openAsBlob` throws at once for a missing file on some Node versions: start inside the chain.
          Promise.resolve(image)
            .then(Fs.openAsBlob)
            .catch((cause: { readonly code?: string }) => {
              throw new BootpayError.InvalidRequest({
                operation: operation.id,
                issues: [
                  { path: `images.${index}`, message: `cannot read the file (${cause.code ?? "error"})` }
                ]
              })
            })
    )
  ).then((blobs) => ({ ...(input as object), images: blobs }))
}

/**
 * Creates a Commerce client. Throws `InvalidConfig` at once for unusable options (half a key pair,
 * an unknown mode or role); nothing is sent.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options): BootpayCommerce => {
  const { httpClient, ...config } = options
  const resolved = Effect.runSyncExit(CommerceConfig.make(config))
  if (Exit.isFailure(resolved)) throw Cause.squash(resolved.cause)
  const { run, iterate, dispose } = Bootpay.makeRunner(
    CommerceClient.layer(config).pipe(Layer.provide(httpClient ?? UndiciClient.layer), Layer.orDie),
    "BootpayCommerce.make"
  )
  const build = (role: Operation.Role): BootpayCommerce => {
    const tree: Record<string, unknown> = {}
    const moduleAt = (path: string): Record<string, unknown> => {
      let node = tree
      for (const key of path.split(".")) {
        node[key] ??= {}
        node = node[key] as Record<string, unknown>
      }
      return node
    }
    // A client made by `withRole` sends its role with every call (a call's own `role` still wins).
    const withRole = (request: RequestOptions | undefined): RequestOptions | undefined =>
      role === resolved.value.role ||
      (request !== undefined && (typeof request !== "object" || request === null))
        ? request
        : ({ role, ...request } as RequestOptions)
    for (const entry of Commerce.Registry.entries) {
      const operation = entry.operation
      moduleAt(entry.module)[entry.name] = (...args: ReadonlyArray<unknown>) => {
        const { input, request } = inputOf(operation, args)
        const read = withFiles(operation, input)
        return read === undefined
          ? run(operation.id, operation as AnyCall, input, withRole(request))
          : read.then((files) => run(operation.id, operation as AnyCall, files, withRole(request)))
      }
    }
    for (const [module, walkers] of Object.entries(Commerce.Registry.walkers)) {
      for (const [name, walker] of Object.entries(walkers as Record<string, Commerce.Paging.AnyWalker>)) {
        moduleAt(module)[name] = (input?: unknown, request?: RequestOptions) =>
          iterate(walker.list.id, walker.list as never, input, withRole(request))
      }
    }
    return {
      ...(tree as unknown as Operations),
      role,
      withRole: (next) => build(next),
      asUser: () => build("user"),
      asManager: () => build("manager"),
      asPartner: () => build("partner"),
      asVendor: () => build("vendor"),
      asSupervisor: () => build("supervisor"),
      dispose
    }
  }
  return build(resolved.value.role)
}
