/**
 * Effect values (errors included) are iterable and yield themselves, which sends vitest's diff printer
 * into an endless loop when an assertion on one fails. Print them as their JSON instead.
 */
import * as Effect from "effect/Effect"
import { beforeEach, expect } from "vitest"

expect.addSnapshotSerializer({
  test: (value: unknown) => typeof value === "object" && value !== null && Effect.isEffect(value),
  serialize: (value: unknown) => {
    const tag = (value as { _tag?: unknown })._tag
    return `${typeof tag === "string" ? tag : "Effect"} ${JSON.stringify(value)}`
  }
})

/**
 * A test that fails with a plain value (not an `Error`) carries a "stack" without V8 frames, which
 * vitest then parses as a Firefox/Safari stack: on one long JSON line its frame pattern backtracks
 * for minutes and the run hangs instead of reporting. Such a stack holds no frames; drop it, and the
 * value still prints in full as the failure message.
 */
beforeEach((context) => {
  context.onTestFailed(({ task }) => {
    for (const error of task.result?.errors ?? []) {
      if (typeof error.stack === "string" && !/^\s*at /m.test(error.stack)) error.stack = ""
    }
  })
})
