/**
 * Everything about an operation that does not depend on the call, worked out once per operation
 * and kept: the input validator, how wire fields map to path, query and body, the response decoder
 * and the set of declared error tags. The pipeline and the client read it on every call.
 */
import * as Either from "effect/Either"
import type * as BootpayError from "../BootpayError.js"
import * as Operation from "../Operation.js"
import { decodeInput, decodeOutput } from "./schemas.js"

/** The per-operation facts a call needs. */
export interface Compiled {
  /** Validates a caller's input into wire fields; every problem is reported. */
  readonly validate: (input: unknown) => Either.Either<unknown, Array<BootpayError.Issue>>
  /** Decodes a successful answer with the response schema. */
  readonly decode: (body: unknown) => Either.Either<unknown, Array<BootpayError.Issue>>
  /** Whether an empty 2xx answer is a valid result (`null`), as for a cash-receipt cancel. */
  readonly acceptsEmpty: boolean
  /** The `{field}` names of the path, in order. */
  readonly pathFields: ReadonlyArray<string>
  /** Wire fields sent as the query string. */
  readonly queryFields: ReadonlySet<string> | "all"
  /** Whether the request carries a JSON body. */
  readonly hasBody: boolean
  /** Tags of the errors the operation declares beyond the common ones. */
  readonly declared: ReadonlySet<string>
}

const cache = new WeakMap<Operation.Any, Compiled>()

const compile = (operation: Operation.Any): Compiled => {
  const decode = decodeOutput(operation.response)
  return {
    validate: decodeInput(operation.request),
    decode,
    acceptsEmpty: Either.isRight(decode(null)),
    pathFields: Operation.pathFields(operation),
    queryFields: operation.queryFields === "all" ? "all" : new Set(operation.queryFields),
    hasBody:
      operation.method === "POST" ||
      operation.method === "PUT" ||
      (operation.method === "DELETE" && operation.bodyOnDelete),
    declared: new Set(operation.errors.map((error) => error._tag))
  }
}

/** The compiled form of an operation, built on first use. */
export const compiled = (operation: Operation.Any): Compiled => {
  let found = cache.get(operation)
  if (found === undefined) {
    found = compile(operation)
    cache.set(operation, found)
  }
  return found
}
