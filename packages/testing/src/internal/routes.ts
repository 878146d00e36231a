/**
 * Routes from declared operations, for both of the fake's APIs: each operation's path becomes a
 * pattern (a `{field}` is one path segment, URL-decoded), fixed paths are tried before those with
 * fields (`/users/session` is not `/users/{user_id}`), and a body is read as a JSON object.
 */
import type { Operation, Registry } from "@effect-bootpay/core/index"
import type { Json } from "../FakeStore.js"

/** One operation's route to its handler. */
export interface Route<H> {
  readonly operation: Operation.Any
  readonly handler: H
  readonly pattern: RegExp
  readonly fields: ReadonlyArray<string>
}

/** The routes of `entries`, each to the handler `handlerOf` finds for it. */
export const compile = <H>(
  entries: ReadonlyArray<Registry.Named>,
  handlerOf: (entry: Registry.Named) => H
): ReadonlyArray<Route<H>> =>
  entries
    .map((entry) => {
      const path = entry.operation.path
      const fields = Array.from(path.matchAll(/\{(\w+)\}/g), (m) => m[1]!)
      const source = path
        .split(/\{\w+\}/)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
        .join("([^/]+)")
      return {
        operation: entry.operation,
        handler: handlerOf(entry),
        pattern: new RegExp(`^${source}$`),
        fields
      }
    })
    .sort((a, b) => a.fields.length - b.fields.length)

/** The route a request takes, with its path fields, or `undefined` when none matches. */
export const match = <H>(routes: ReadonlyArray<Route<H>>, method: string, path: string) => {
  for (const route of routes) {
    if (route.operation.method !== method) continue
    const found = route.pattern.exec(path)
    if (found === null) continue
    const params: Record<string, string> = {}
    route.fields.forEach((field, index) => {
      params[field] = decodeURIComponent(found[index + 1]!)
    })
    return { route, params }
  }
  return undefined
}

/** A body as a JSON object (`{}` when empty), or `undefined` when it is not one. */
export const parseBody = (text: string): Json | undefined => {
  if (text.trim() === "") return {}
  try {
    const parsed: unknown = JSON.parse(text)
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Json)
      : undefined
  } catch {
    return undefined
  }
}
