/**
 * A fast check that a parsed JSON answer already is a valid value of a response schema.
 *
 * `Schema.is` runs the general parser (issue objects, union candidate search, output copies) even
 * when it only needs a yes or no; on a receipt it costs several times `JSON.parse`. This compiles a
 * schema's type side once into plain nested predicates that give the same answer as `Schema.is` for
 * the nodes it understands (keywords, literals, unions, structs, records, arrays, refinements of
 * anything but structs and arrays). For
 * any other node it returns `undefined` and the caller keeps `Schema.is`. A "no" is never final:
 * the caller decodes the value fully, so a wrong "no" would only cost time, and the equivalence
 * with `Schema.is` is property-tested for every response schema the SDK declares.
 */
import * as Option from "effect/Option"
import type * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"

/** A yes-or-no check of an unknown value. */
export type Guard = (u: unknown) => boolean

const hasOwn = Object.prototype.hasOwnProperty
/** The options `Schema.is` hands to refinement filters. */
const isOptions: AST.ParseOptions = { exact: true }

const isRecord = (u: unknown): u is Record<PropertyKey, unknown> =>
  typeof u === "object" && u !== null && !Array.isArray(u)

const compileAst = (ast: AST.AST): Guard | undefined => {
  switch (ast._tag) {
    case "StringKeyword":
      return (u) => typeof u === "string"
    case "NumberKeyword":
      return (u) => typeof u === "number"
    case "BooleanKeyword":
      return (u) => typeof u === "boolean"
    case "UnknownKeyword":
    case "AnyKeyword":
      return () => true
    case "UndefinedKeyword":
    case "VoidKeyword":
      return (u) => u === undefined
    case "NeverKeyword":
      return () => false
    case "Literal": {
      const literal = ast.literal
      return (u) => u === literal
    }
    case "Union":
      return compileUnion(ast)
    case "Refinement": {
      // `Schema.is` filters the parsed copy of a struct or array (unknown keys dropped), not the
      // input itself; a filter that looks at keys would answer differently here. Leave those to it.
      if (refinesContainer(ast)) return undefined
      const from = compileAst(ast.from)
      if (from === undefined) return undefined
      return (u) => from(u) && Option.isNone(ast.filter(u, isOptions, ast))
    }
    case "TupleType": {
      // Only plain arrays (`Schema.Array`): no fixed elements, one rest type.
      if (ast.elements.length !== 0 || ast.rest.length !== 1) return undefined
      const item = compileAst(ast.rest[0]!.type)
      if (item === undefined) return undefined
      return (u) => {
        if (!Array.isArray(u)) return false
        for (const element of u) if (!item(element)) return false
        return true
      }
    }
    case "TypeLiteral":
      return compileTypeLiteral(ast)
    default:
      return undefined
  }
}

/** Whether a refinement (possibly over other refinements) filters a struct, record or array. */
const refinesContainer = (ast: AST.Refinement): boolean => {
  let from = ast.from
  while (from._tag === "Refinement") from = from.from
  return from._tag === "TypeLiteral" || from._tag === "TupleType"
}

/**
 * A union checks its keyword and literal members in one pass (`NullOr(String)` under `optional` is
 * `string | null | undefined`: three members on every field of a receipt), then the others.
 */
const compileUnion = (ast: AST.Union): Guard | undefined => {
  const types: Array<string> = []
  const literals: Array<unknown> = []
  const rest: Array<AST.AST> = []
  for (const member of ast.types) {
    if (member._tag === "StringKeyword") types.push("string")
    else if (member._tag === "NumberKeyword") types.push("number")
    else if (member._tag === "BooleanKeyword") types.push("boolean")
    else if (member._tag === "UndefinedKeyword" || member._tag === "VoidKeyword") literals.push(undefined)
    else if (member._tag === "Literal") literals.push(member.literal)
    else rest.push(member)
  }
  const others = compileAll(rest)
  if (others === undefined) return undefined
  return (u) => {
    if (types.includes(typeof u)) return true
    for (const literal of literals) if (u === literal) return true
    for (const other of others) if (other(u)) return true
    return false
  }
}

const compileAll = (asts: ReadonlyArray<AST.AST>): Array<Guard> | undefined => {
  const guards: Array<Guard> = []
  for (const ast of asts) {
    const guard = compileAst(ast)
    if (guard === undefined) return undefined
    guards.push(guard)
  }
  return guards
}

const compileTypeLiteral = (ast: AST.TypeLiteral): Guard | undefined => {
  if (ast.propertySignatures.length === 0 && ast.indexSignatures.length === 0) {
    return (u) => u !== null && u !== undefined
  }
  const properties: Array<{ readonly name: PropertyKey; readonly optional: boolean; readonly guard: Guard }> =
    []
  for (const property of ast.propertySignatures) {
    const guard = compileAst(property.type)
    if (guard === undefined) return undefined
    properties.push({ name: property.name, optional: property.isOptional, guard })
  }
  const values: Array<Guard> = []
  for (const index of ast.indexSignatures) {
    // String keys only: symbol, template-literal or refined keys stay with `Schema.is`.
    if (index.parameter._tag !== "StringKeyword") return undefined
    const guard = compileAst(index.type)
    if (guard === undefined) return undefined
    values.push(guard)
  }
  return (u) => {
    if (!isRecord(u)) return false
    for (const property of properties) {
      if (!hasOwn.call(u, property.name)) {
        if (property.optional) continue
        return false
      }
      if (!property.guard(u[property.name])) return false
    }
    if (values.length > 0) {
      for (const key of Object.keys(u)) {
        for (const value of values) if (!value(u[key])) return false
      }
    }
    return true
  }
}

/** The fast check for a schema's type side, or `undefined` when the schema uses a node it does not know. */
export const compile = <A, I, R>(schema: Schema.Schema<A, I, R>): Guard | undefined =>
  compileAst(AST.typeAST(schema.ast))
