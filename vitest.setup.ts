/**
 * Effect values (errors included) are iterable and yield themselves, which sends vitest's diff printer
 * into an endless loop when an assertion on one fails. Print them as their JSON instead.
 */
import * as Effect from "effect/Effect"
import { expect } from "vitest"

expect.addSnapshotSerializer({
  test: (value: unknown) => typeof value === "object" && value !== null && Effect.isEffect(value),
  serialize: (value: unknown) => {
    const tag = (value as { _tag?: unknown })._tag
    return `${typeof tag === "string" ? tag : "Effect"} ${JSON.stringify(value)}`
  }
})
