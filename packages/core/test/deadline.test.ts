/**
 * The call deadline: `within` on the live clock (one forked fiber and a timer) and under `TestClock`,
 * and the client's use of a transport that enforces deadlines itself (`Transport.enforcesDeadlines`).
 */

import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { describe, expect, it } from "@effect/vitest"
import { BootpayClient, Receipt, Transport } from "@effect-bootpay/core"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import { identity } from "effect/Function"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as TestClock from "effect/TestClock"
import * as Deadline from "../src/internal/pipeline.js"
import { basic, bearer, receiptBody } from "./utils/mockHttp.js"

const timers = () => process.getActiveResourcesInfo().filter((resource) => resource === "Timeout").length

describe("within, on the live clock", () => {
  it.live("answers before the deadline and leaves no timer behind", () =>
    Effect.gen(function* () {
      const before = timers()
      const value = yield* Deadline.within(Effect.as(Effect.sleep("10 millis"), 42), 30_000, () => "late")
      expect(value).toBe(42)
      expect(timers()).toBe(before)
    })
  )

  it.live("fails with the timeout when the deadline passes, interrupting the work", () =>
    Effect.gen(function* () {
      let interrupted = false
      let progress = "not sent"
      const work = Effect.zipRight(
        Effect.sync(() => {
          progress = "sent"
        }),
        Effect.never
      ).pipe(
        Effect.onInterrupt(() =>
          Effect.sync(() => {
            interrupted = true
          })
        )
      )
      const started = Date.now()
      // `onTimeout` runs once the work has stopped, so it sees what the work did until then.
      const error = yield* Effect.flip(Deadline.within(work, 100, () => progress))
      expect(error).toBe("sent")
      expect(interrupted).toBe(true)
      expect(Date.now() - started).toBeGreaterThanOrEqual(95)
    })
  )

  it.live("asks onTimeout only after the work stopped: a send finishing past the deadline is seen", () =>
    Effect.gen(function* () {
      let progress = "not sent"
      // The send cannot be interrupted half-way (a charge inside `Effect.uninterruptible`): it ends
      // after the deadline, and the timeout must report that it happened.
      const work = Effect.uninterruptible(
        Effect.zipRight(
          Effect.sleep("150 millis"),
          Effect.sync(() => {
            progress = "sent"
          })
        )
      )
      const error = yield* Effect.flip(Deadline.within(work, 50, () => progress))
      expect(error).toBe("sent")
    })
  )

  it.live("passes the work's own failure through", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(Deadline.within(Effect.fail("refused"), 1_000, () => "late"))
      expect(error).toBe("refused")
    })
  )

  it.live("an interrupted caller interrupts the work and stops the timer", () =>
    Effect.gen(function* () {
      let interrupted = false
      const before = timers()
      const work = Effect.never.pipe(
        Effect.onInterrupt(() =>
          Effect.sync(() => {
            interrupted = true
          })
        )
      )
      const fiber = yield* Effect.fork(Deadline.within(work, 30_000, () => "late"))
      yield* Effect.sleep("20 millis")
      const exit = yield* Fiber.interrupt(fiber)
      expect(Exit.isInterrupted(exit)).toBe(true)
      expect(interrupted).toBe(true)
      expect(timers()).toBe(before)
    })
  )

  it.live("a deadline beyond the timer range does not fire at once", () =>
    Effect.gen(function* () {
      const value = yield* Deadline.within(
        Effect.as(Effect.sleep("30 millis"), "done"),
        2 ** 32,
        () => "late"
      )
      expect(value).toBe("done")
    })
  )
})

describe("within, under TestClock", () => {
  it.effect("virtual time drives the deadline", () =>
    Effect.gen(function* () {
      const fiber = yield* Effect.fork(Deadline.within(Effect.sleep("1 hour"), 5_000, () => "late"))
      yield* TestClock.adjust("4 seconds")
      expect(Option.isNone(yield* Fiber.poll(fiber))).toBe(true)
      yield* TestClock.adjust("1 second")
      expect(yield* Effect.flip(Fiber.join(fiber))).toBe("late")
    })
  )
})

/** What the transport under test does with a request. */
type Behaviour = "answer" | "honour the deadline" | "hang" | "rate limited"

/**
 * A transport that records each request's deadline. "honour the deadline" hangs until the deadline
 * and fails it the way the node transport does; "hang" ignores deadlines; the token call is answered
 * unless `hangToken`.
 */
const transport = (
  behaviour: Behaviour,
  options: { readonly hangToken?: boolean; readonly tokenDelay?: Duration.DurationInput } = {}
) => {
  const seen: Array<{ readonly path: string; readonly deadline: number | undefined; readonly at: number }> =
    []
  const respond = (request: HttpClientRequest.HttpClientRequest, status: number, body: unknown) =>
    HttpClientResponse.fromWeb(
      request,
      new Response(JSON.stringify(body), {
        status,
        headers: { "content-type": "application/json", "retry-after": "30" }
      })
    )
  const client = HttpClient.makeWith<never, never, HttpClientError.HttpClientError, never>(
    (prepared) =>
      Effect.flatMap(prepared, (request) => {
        const path = new URL(request.url).pathname.replace(/^\/v2/, "")
        const deadline = Transport.deadlineOf(request)
        seen.push({ path, deadline, at: Date.now() })
        if (path === "/request/token") {
          if (options.hangToken) return Effect.never
          const token = Effect.succeed(respond(request, 200, { access_token: "tok", expire_in: 1800 }))
          return options.tokenDelay === undefined ? token : Effect.delay(token, options.tokenDelay)
        }
        switch (behaviour) {
          case "answer":
            return Effect.succeed(respond(request, 200, receiptBody()))
          case "rate limited":
            return Effect.succeed(respond(request, 429, { error_code: "TOO_MANY", message: "slow down" }))
          case "hang":
            return Effect.never
          case "honour the deadline":
            return Effect.async<never, HttpClientError.HttpClientError>((resume) => {
              const timer = setTimeout(
                () =>
                  resume(
                    Effect.fail(
                      new HttpClientError.RequestError({
                        request,
                        reason: "Transport",
                        cause: new Transport.DeadlineExceeded()
                      })
                    )
                  ),
                (deadline ?? Date.now()) - Date.now()
              )
              return Effect.sync(() => clearTimeout(timer))
            })
        }
      }),
    Effect.succeed
  )
  return { client, seen }
}

const over = (
  client: HttpClient.HttpClient,
  options: Partial<Parameters<typeof BootpayClient.layer>[0]> = basic
) =>
  BootpayClient.layer({ baseUrl: "https://api.test/v2", ...options } as Parameters<
    typeof BootpayClient.layer
  >[0]).pipe(Layer.provide(Layer.succeed(HttpClient.HttpClient, client)), Layer.orDie)

describe("the client's deadline over a transport", () => {
  it("is recognised only as the very client that was declared", () => {
    const { client } = transport("answer")
    expect(Transport.isEnforcingDeadlines(client)).toBe(false)
    const declared = Transport.enforcesDeadlines(client)
    expect(declared).toBe(client)
    expect(Transport.isEnforcingDeadlines(client)).toBe(true)
    expect(Transport.isEnforcingDeadlines(HttpClient.mapRequest(client, identity))).toBe(false)
  })

  it.live("gets each request's deadline: now plus the call's timeout", () => {
    const { client, seen } = transport("answer")
    return Effect.gen(function* () {
      const receipt = yield* Receipt.lookup("r-1", { timeout: "2 seconds" })
      expect(receipt.receipt_id).toBe("62b12f4b6d3e4e0021f5c8a1")
      expect(seen).toHaveLength(1)
      const [request] = seen
      expect(request!.deadline! - request!.at).toBeGreaterThan(1_800)
      expect(request!.deadline! - request!.at).toBeLessThanOrEqual(2_000)
    }).pipe(Effect.provide(over(Transport.enforcesDeadlines(client))))
  })

  it.live(
    "a request the transport ends at its deadline: RequestTimeout for a read, OutcomeUnknown for a confirm",
    () => {
      const { client } = transport("honour the deadline")
      return Effect.gen(function* () {
        const lookup = yield* Effect.flip(Receipt.lookup("r-1", { timeout: "150 millis" }))
        expect(lookup).toMatchObject({ _tag: "RequestTimeout", timeoutMillis: 150 })
        const confirm = yield* Effect.flip(Receipt.confirm("r-1", { timeout: "150 millis" }))
        expect(confirm).toMatchObject({ _tag: "OutcomeUnknown", reason: "timeout", receiptId: "r-1" })
      }).pipe(Effect.provide(over(Transport.enforcesDeadlines(client))))
    }
  )

  it.live(
    "a Retry-After beyond the deadline fails at once with RateLimited (Retry-After 30 s, timeout 200 ms)",
    () => {
      const { client, seen } = transport("rate limited")
      return Effect.gen(function* () {
        const started = Date.now()
        const error = yield* Effect.flip(Receipt.lookup("r-1", { timeout: "200 millis" }))
        expect(error._tag).toBe("RateLimited")
        expect(error).toMatchObject({ retryAfterMillis: 30_000 })
        expect(Date.now() - started).toBeLessThan(150)
        expect(seen).toHaveLength(1)
      }).pipe(Effect.provide(over(Transport.enforcesDeadlines(client))))
    }
  )

  it.live("a wait for a token is bounded by the call's deadline; nothing else is sent", () => {
    const { client, seen } = transport("answer", { hangToken: true })
    return Effect.gen(function* () {
      const started = Date.now()
      const error = yield* Effect.flip(Receipt.lookup("r-1", { timeout: "200 millis" }))
      expect(error).toMatchObject({ _tag: "RequestTimeout", timeoutMillis: 200 })
      expect(Date.now() - started).toBeLessThan(2_000)
      expect(seen.map((request) => request.path)).toEqual(["/request/token"])
    }).pipe(Effect.provide(over(Transport.enforcesDeadlines(client), bearer)))
  })

  it.live("a ready Bearer token is reused without waiting: one token request for five calls", () => {
    const { client, seen } = transport("answer")
    return Effect.gen(function* () {
      for (let i = 0; i < 5; i++) yield* Receipt.lookup(`r-${i}`)
      expect(seen.filter((request) => request.path === "/request/token")).toHaveLength(1)
      expect(seen.filter((request) => request.path !== "/request/token")).toHaveLength(5)
    }).pipe(Effect.provide(over(Transport.enforcesDeadlines(client), bearer)))
  })

  it.live(
    "a confirm whose deadline passed while it waited (uninterruptibly) for a token is not sent: RequestTimeout",
    () => {
      // The token takes 300 ms, the deadline is 100 ms, and the caller made the charge uninterruptible:
      // the deadline is checked before sending, so nothing is charged and the timeout is definite.
      const { client, seen } = transport("answer", { tokenDelay: "300 millis" })
      return Effect.gen(function* () {
        const error = yield* Effect.flip(
          Effect.uninterruptible(Receipt.confirm("r-1", { timeout: "100 millis" }))
        )
        expect(seen.map((request) => request.path)).toEqual(["/request/token"])
        expect(error).toMatchObject({ _tag: "RequestTimeout", timeoutMillis: 100 })
      }).pipe(Effect.provide(over(client, bearer)))
    }
  )

  it.live("a transport that does not enforce deadlines gets none, and the client keeps its own", () => {
    const { client, seen } = transport("hang")
    return Effect.gen(function* () {
      const started = Date.now()
      const result = yield* Effect.either(Receipt.lookup("r-1", { timeout: "150 millis" }))
      expect(Either.isLeft(result) && result.left._tag).toBe("RequestTimeout")
      expect(Date.now() - started).toBeLessThan(2_000)
      expect(seen[0]!.deadline).toBeUndefined()
    }).pipe(Effect.provide(over(client)))
  })
})
