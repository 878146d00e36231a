/**
 * What a transport (the `HttpClient` under the SDK) can promise beyond plain HTTP: to end a request
 * itself when the call's deadline passes.
 *
 * Any `HttpClient` works: the client then puts each call under a deadline of its own, which costs a
 * forked fiber per call. A transport that times requests out natively, as `@effect-bootpay/node`'s
 * does with a timer on the request, declares it with {@link enforcesDeadlines}; the client then
 * attaches each request's deadline (see {@link deadlineOf}) and the transport fails the request with
 * {@link DeadlineExceeded} as its cause when the deadline passes. This is only used while Effect's
 * live clock is in charge: under a `TestClock` the client keeps its own deadline so virtual time
 * drives it.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"

/**
 * The longest delay `setTimeout` keeps (2^31 - 1 ms, about 24.8 days); a longer one fires at once,
 * so a deadline beyond it is kept by no timer (it is as good as none).
 *
 * @since 0.1.0
 * @category utils
 */
export const maxTimerMillis = 2 ** 31 - 1

const enforcing = new WeakSet<HttpClient.HttpClient>()
const deadlines = new WeakMap<HttpClientRequest.HttpClientRequest, number>()

/**
 * Declares that `client` honours {@link deadlineOf}; returns the same client.
 *
 * @since 0.1.0
 * @category utils
 */
export const enforcesDeadlines = <C extends HttpClient.HttpClient>(client: C): C => {
  enforcing.add(client)
  return client
}

/**
 * Whether `client` was declared with {@link enforcesDeadlines} (a wrapped copy of it was not).
 *
 * @since 0.1.0
 * @category guards
 */
export const isEnforcingDeadlines = (client: HttpClient.HttpClient): boolean => enforcing.has(client)

/**
 * Sets the deadline of a request about to be sent, in epoch milliseconds.
 *
 * @since 0.1.0
 * @category utils
 */
export const setDeadline = (request: HttpClientRequest.HttpClientRequest, epochMillis: number): void => {
  deadlines.set(request, epochMillis)
}

/**
 * The deadline (epoch milliseconds) the client set on this request, if any.
 *
 * @since 0.1.0
 * @category utils
 */
export const deadlineOf = (request: HttpClientRequest.HttpClientRequest): number | undefined =>
  deadlines.get(request)

/**
 * The cause a deadline-enforcing transport fails a request with when its deadline passes.
 *
 * @since 0.1.0
 * @category errors
 */
export class DeadlineExceeded extends Error {
  /** Discriminates this cause from transport errors. */
  readonly _tag = "DeadlineExceeded"
  constructor() {
    super("the call's deadline passed before Bootpay answered")
    this.name = "DeadlineExceeded"
  }
}

/**
 * Whether a transport failure's cause is {@link DeadlineExceeded}.
 *
 * @since 0.1.0
 * @category guards
 */
export const isDeadlineExceeded = (cause: unknown): cause is DeadlineExceeded =>
  cause instanceof DeadlineExceeded
