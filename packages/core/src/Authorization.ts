/**
 * The token service: the `Authorization` header of every call.
 *
 * Basic mode sends `Basic base64(client_key:secret_key)` and never touches the network. Bearer mode
 * issues a token with `POST /request/token`, caches it, refreshes it ahead of expiry (Bootpay keeps a
 * token 30 minutes and hands out a new one after 25), makes concurrent callers share one refresh,
 * and lets the client drop a token Bootpay rejected. Time comes from `Clock`.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Encoding from "effect/Encoding"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import type * as Scope from "effect/Scope"
import { BootpayConfig, type Resolved } from "./BootpayConfig.js"
import type * as BootpayError from "./BootpayError.js"
import * as Pipeline from "./internal/pipeline.js"
import * as Token from "./internal/token.js"

/**
 * The token service's interface.
 *
 * @since 0.1.0
 * @category services
 */
export interface Service {
  /** `Basic` or `Bearer`. */
  readonly scheme: "Basic" | "Bearer"
  /** The `Authorization` header value for the next call. */
  readonly header: Effect.Effect<Redacted.Redacted<string>, BootpayError.BootpayError>
  /** Forgets `header` if it is still the current one, so the next call issues a fresh token. */
  readonly invalidate: (header: Redacted.Redacted<string>) => Effect.Effect<void>
  /**
   * The header if one is ready at `nowMillis` without waiting (Basic, or a Bearer token not yet due
   * for refresh); `undefined` when `header` would have to issue or wait for a token.
   */
  readonly peek: (nowMillis: number) => Redacted.Redacted<string> | undefined
  /** Takes a token the caller issued (`AccessToken.issue`) as the current one, unless a refresh is under way. */
  readonly prime: (token: typeof Token.TokenResponse.Type) => Effect.Effect<void>
}

/**
 * The token service.
 *
 * @since 0.1.0
 * @category services
 */
export class Authorization extends Context.Tag("@effect-bootpay/core/Authorization")<
  Authorization,
  Service
>() {}

/** Bootpay's token lifetime; it hands out a new token once 25 minutes have passed. */
const lifetime = Duration.toMillis(Duration.minutes(30))
const refreshMargin = Duration.toMillis(Duration.minutes(5))

type State =
  | { readonly _tag: "Empty" }
  | { readonly _tag: "Valid"; readonly header: Redacted.Redacted<string>; readonly refreshAt: number }
  | {
      readonly _tag: "Issuing"
      readonly deferred: Deferred.Deferred<Redacted.Redacted<string>, BootpayError.BootpayError>
    }

/**
 * When to refresh a token issued at `now` that Bootpay says lives `expireIn` seconds.
 *
 * @since 0.1.0
 * @category utils
 */
export const refreshAt = (now: number, expireIn: number | undefined): number => {
  const life = expireIn !== undefined && expireIn > 0 ? Math.min(expireIn * 1000, lifetime) : lifetime
  return now + Math.max(life - refreshMargin, life / 2)
}

/** The header of a token Bootpay issued at `now`, and when to refresh it. */
const readyFrom = (token: typeof Token.TokenResponse.Type, now: number) => ({
  header: Redacted.make(`Bearer ${Redacted.value(token.access_token)}`),
  refreshAt: refreshAt(now, token.expire_in)
})

const basic = (clientKey: string, secretKey: Redacted.Redacted<string>): Service => {
  const header = Redacted.make(`Basic ${Encoding.encodeBase64(`${clientKey}:${Redacted.value(secretKey)}`)}`)
  return {
    scheme: "Basic",
    header: Effect.succeed(header),
    invalidate: () => Effect.void,
    peek: () => header,
    prime: () => Effect.void
  }
}

const bearer = (
  config: Resolved,
  attempt: Pipeline.Attempt,
  applicationId: string,
  privateKey: Redacted.Redacted<string>
): Effect.Effect<Service, never, Scope.Scope> =>
  Effect.gen(function* () {
    const scope = yield* Effect.scope
    const state = yield* Ref.make<State>({ _tag: "Empty" })
    // The valid token as a plain value too, for `peek`: read without an effect, written with `state`.
    let ready: { readonly header: Redacted.Redacted<string>; readonly refreshAt: number } | undefined
    const wire = { application_id: applicationId, private_key: Redacted.value(privateKey) }

    const issue = Effect.gen(function* () {
      const call: Pipeline.CallState = {
        operation: Token.issueOperation,
        safety: "read",
        ids: {},
        resource: undefined
      }
      const millis = Duration.toMillis(config.timeout)
      const token = (yield* Pipeline.within(attempt(call, wire, undefined), millis, () =>
        Pipeline.timeoutError(call, millis)
      ).pipe(Effect.withSpan("Bootpay.AccessToken.refresh"))) as typeof Token.TokenResponse.Type
      return readyFrom(token, yield* Clock.currentTimeMillis)
    })

    // One refresh at a time: the first caller forks it into the service's scope, so a caller that
    // gives up does not cancel the refresh others are waiting for.
    const refresh = Effect.gen(function* () {
      const deferred = yield* Deferred.make<Redacted.Redacted<string>, BootpayError.BootpayError>()
      const now = yield* Clock.currentTimeMillis
      const join = yield* Ref.modify(
        state,
        (
          current
        ): [Effect.Effect<Redacted.Redacted<string>, BootpayError.BootpayError> | undefined, State] => {
          if (current._tag === "Issuing") return [Deferred.await(current.deferred), current]
          if (current._tag === "Valid" && now < current.refreshAt)
            return [Effect.succeed(current.header), current]
          return [undefined, { _tag: "Issuing", deferred }]
        }
      )
      if (join !== undefined) return yield* join
      yield* issue.pipe(
        Effect.exit,
        Effect.flatMap((exit) => {
          ready = Exit.isSuccess(exit) ? exit.value : undefined
          return Ref.set<State>(
            state,
            Exit.isSuccess(exit)
              ? { _tag: "Valid", header: exit.value.header, refreshAt: exit.value.refreshAt }
              : { _tag: "Empty" }
          ).pipe(
            Effect.zipRight(
              Deferred.done(
                deferred,
                Exit.map(exit, (token) => token.header)
              )
            )
          )
        }),
        Effect.forkIn(scope)
      )
      return yield* Deferred.await(deferred)
    })

    const header = Effect.flatMap(Effect.zip(Ref.get(state), Clock.currentTimeMillis), ([current, now]) =>
      current._tag === "Valid" && now < current.refreshAt ? Effect.succeed(current.header) : refresh
    )

    const invalidate = (used: Redacted.Redacted<string>) =>
      Ref.update(state, (current): State => {
        if (current._tag !== "Valid" || current.header !== used) return current
        ready = undefined
        return { _tag: "Empty" }
      })

    const peek = (nowMillis: number) =>
      ready !== undefined && nowMillis < ready.refreshAt ? ready.header : undefined

    const prime = (token: typeof Token.TokenResponse.Type) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) =>
        Ref.update(state, (current): State => {
          if (current._tag === "Issuing") return current
          ready = readyFrom(token, now)
          return { _tag: "Valid", ...ready }
        })
      )

    return { scheme: "Bearer", header, invalidate, peek, prime } satisfies Service
  })

/**
 * Builds the token service for a configuration over an HttpClient.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, BootpayConfig | HttpClient.HttpClient | Scope.Scope> =
  Effect.gen(function* () {
    const config = yield* BootpayConfig
    const credentials = config.credentials
    if (credentials._tag === "Basic") return basic(credentials.clientKey, credentials.secretKey)
    const http = yield* HttpClient.HttpClient
    return yield* bearer(
      config,
      Pipeline.makeAttempt(http, config),
      credentials.applicationId,
      credentials.privateKey
    )
  })

/**
 * The token service for the configured credentials.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Authorization, never, BootpayConfig | HttpClient.HttpClient> = Layer.scoped(
  Authorization,
  make
)
