/**
 * What a delivery is answered: the options checked once, one delivery run end to end (sender, decode,
 * verify, claim, `onEvent`), every failure turned into a status and a logged line, and the
 * `@effect/platform` HTTP app that reads the body within its limits.
 */
import type * as HttpApp from "@effect/platform/HttpApp"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Cause from "effect/Cause"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import type * as BootpayClient from "../../BootpayClient.js"
import type { Issue } from "../../BootpayError.js"
import type { Answer, Delivery, HandlerOptions, Lookup, OnEvent } from "../../Webhook.js"
import { decode, decodeParsed, invalidBody } from "./body.js"
import {
  WebhookBodyTimeout,
  WebhookBodyTooLarge,
  type WebhookError,
  type WebhookInvalidBody,
  WebhookInvalidOptions
} from "./errors.js"
import { escapeControls } from "./quote.js"
import { checkSenderWith, type SenderPolicy, senderPolicy } from "./sender.js"
import { WebhookStore } from "./store.js"
import { idempotencyKey, lookupAndCheck, lookupReceipt } from "./verify.js"

/** The largest body read unless told otherwise (`Webhook.defaultMaxBodyBytes`). */
export const defaultMaxBodyBytes = 1024 * 1024

/** How long a whole body may take unless told otherwise (`Webhook.defaultReadTimeout`). */
export const defaultReadTimeout: Duration.Duration = Duration.seconds(10)

/** The only answer Bootpay counts as delivered (`Webhook.successBody`). */
export const successBody = { success: true } as const

const decodeSuccess = Schema.decodeUnknownEither(
  Schema.parseJson(Schema.Struct({ success: Schema.Literal(true) })),
  {
    onExcessProperty: "error"
  }
)

/** Whether an answer counts as delivered (`Webhook.isSuccess`). */
export const isSuccess = (status: number, body: string): boolean =>
  status === 200 && Either.isRight(decodeSuccess(body))

/** Handler options once checked. */
interface Resolved {
  readonly checkSender: boolean
  readonly sender: SenderPolicy
  readonly maxBodyBytes: number
  readonly readTimeout: Duration.Duration
}

const resolveOptions = (options: HandlerOptions): Either.Either<Resolved, WebhookInvalidOptions> => {
  const issues: Array<Issue> = []
  const sender = senderPolicy(options, issues)
  const checkSender = options.checkSender ?? false
  if (typeof checkSender !== "boolean") issues.push({ path: "checkSender", message: "must be a boolean" })
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) {
    issues.push({ path: "maxBodyBytes", message: "must be a whole number of bytes, at least 1" })
  }
  const readTimeout = Option.getOrUndefined(Duration.decodeUnknown(options.readTimeout ?? defaultReadTimeout))
  if (readTimeout === undefined || !Duration.isFinite(readTimeout) || Duration.toMillis(readTimeout) <= 0) {
    issues.push({ path: "readTimeout", message: "must be a positive, finite duration" })
  }
  return issues.length === 0 && readTimeout !== undefined
    ? Either.right({ checkSender: checkSender === true, sender, maxBodyBytes, readTimeout })
    : Either.left(new WebhookInvalidOptions({ issues }))
}

/** Checks handler options before anything is served (`Webhook.checkOptions`). */
export const checkOptions = (options: HandlerOptions): Effect.Effect<void, WebhookInvalidOptions> =>
  Effect.suspend(() =>
    Either.match(resolveOptions(options), { onLeft: Effect.fail, onRight: () => Effect.void })
  )

/** The receipt lookup failed: Bootpay unreachable, wrong keys, unknown receipt. */
class LookupFailed extends Data.TaggedError("LookupFailed")<{ readonly error: unknown }> {}
/** The merchant's `onEvent` failed. */
class HandlerFailed extends Data.TaggedError("HandlerFailed")<{ readonly error: unknown }> {}

const isRetryable = (error: unknown): boolean =>
  typeof error === "object" && error !== null && (error as { isRetryable?: unknown }).isRetryable === true

const tagOf = (error: unknown): string | undefined =>
  typeof error === "object" && error !== null && typeof (error as { _tag?: unknown })._tag === "string"
    ? (error as { _tag: string })._tag
    : undefined

/** A lookup failure on one line: its tag (or name) and message, without a stack. */
const describe = (error: unknown): string => {
  const name = tagOf(error) ?? (error instanceof Error ? error.name : "Error")
  const message = error instanceof Error ? error.message : String(error)
  return escapeControls(message === "" ? name : `${name}: ${message}`)
}

const answer = (status: number, error?: string): Answer =>
  error === undefined ? { status, body: successBody } : { status, body: { success: false, error } }

/** The answer to a failure: the status says what went wrong, the body names it without details. */
const failureAnswer = (error: WebhookError | LookupFailed | HandlerFailed): Answer => {
  switch (error._tag) {
    case "WebhookInvalidBody":
      return answer(400, error._tag)
    case "WebhookBodyTooLarge":
      return answer(413, error._tag)
    case "WebhookBodyTimeout":
      return answer(408, error._tag)
    case "WebhookForbiddenSender":
      return answer(403, error._tag)
    case "WebhookInProgress":
      return answer(409, error._tag)
    case "WebhookMismatch":
      // The body never says which field or value: the caller may be a forger probing for the truth.
      return answer(422, error._tag)
    case "WebhookUnverifiable":
      // Nothing verified to process, and asking again changes nothing: Bootpay may stop retrying.
      return answer(200)
    case "WebhookInvalidOptions":
      return answer(500, "InternalError")
    case "LookupFailed":
      switch (tagOf(error.error)) {
        case "NotFound":
          return answer(404, "ReceiptNotFound")
        case "InvalidRequest":
          // The delivery's receipt id cannot even be asked about (a lone surrogate, `..`): a bad body.
          return answer(400, "WebhookInvalidBody")
        default:
          return answer(isRetryable(error.error) ? 503 : 502, "ReceiptLookupFailed")
      }
    case "HandlerFailed":
      return answer(500, "EventHandlerFailed")
  }
}

const refuseWith = (error: WebhookError | LookupFailed | HandlerFailed): Effect.Effect<Answer> => {
  const reply = failureAnswer(error)
  switch (error._tag) {
    // Another delivery is already processing the event: expected under retries, not worth a warning.
    case "WebhookInProgress":
      return Effect.as(
        Effect.logDebug(`Bootpay webhook not accepted (HTTP 409 ${error._tag})`, error.message),
        reply
      )
    case "WebhookUnverifiable":
      return Effect.as(Effect.logInfo("Bootpay webhook acknowledged without onEvent", error.message), reply)
    case "WebhookInvalidOptions":
      return Effect.as(Effect.logError("Bootpay webhook options are unusable", error.message), reply)
    case "HandlerFailed":
      // The merchant's own failure, with its cause as it was raised.
      return Effect.as(
        Effect.logWarning(
          `Bootpay webhook not accepted (HTTP 500 EventHandlerFailed)`,
          Cause.fail(error.error)
        ),
        reply
      )
    default:
      return Effect.as(
        Effect.logWarning(
          `Bootpay webhook not accepted (HTTP ${reply.status} ${reply.body.error})`,
          error._tag === "LookupFailed" ? describe(error.error) : error.message
        ),
        reply
      )
  }
}

/** The logged answer to a refused delivery (`Webhook.refuse`). */
export const refuse = (error: WebhookError): Effect.Effect<Answer> => refuseWith(error)

/** One delivery end to end, with options already checked. */
const deliver = <LE, LR, E, R>(
  lookup: Lookup<LE, LR>,
  delivery: Delivery,
  onEvent: OnEvent<E, R>,
  options: Resolved
): Effect.Effect<Answer, never, R | LR | WebhookStore> => {
  const program = Effect.gen(function* () {
    if (options.checkSender) {
      yield* checkSenderWith(options.sender, delivery.remoteAddress, delivery.forwardedFor)
    }
    const event = yield* delivery.parsed === undefined
      ? decode(delivery.body, delivery.contentType)
      : decodeParsed(delivery.parsed, delivery.contentType)
    yield* Effect.annotateCurrentSpan({
      "bootpay.receipt_id": event.receipt_id,
      "bootpay.webhook_type": event.webhook_type
    })
    const lookupOrFail = (receiptId: string) =>
      Effect.mapError(lookup(receiptId), (error) => new LookupFailed({ error }))
    // Verified before anything is claimed: no unverified notice ever enters the store.
    const { verified, receipt } = yield* lookupAndCheck(lookupOrFail, event)
    const store = yield* WebhookStore
    const key = idempotencyKey(verified)
    yield* Effect.annotateCurrentSpan("bootpay.webhook.verified_type", verified.webhook_type)
    if (!(yield* store.claim(key))) {
      yield* Effect.annotateCurrentSpan("bootpay.webhook.duplicate", true)
      return answer(200)
    }
    yield* Effect.mapError(onEvent(verified, receipt), (error) => new HandlerFailed({ error })).pipe(
      Effect.onExit((exit) => (Exit.isSuccess(exit) ? store.complete(key) : store.release(key)))
    )
    return answer(200)
  })
  return program.pipe(
    Effect.catchAllCause((cause) =>
      Option.match(Cause.failureOption(cause), {
        onNone: () =>
          Effect.as(Effect.logError("Bootpay webhook failed", cause), answer(500, "InternalError")),
        onSome: refuseWith
      })
    ),
    Effect.withSpan("Bootpay.Webhook.handle", { kind: "server" })
  )
}

/** `respond` over another lookup (`Webhook.respondWith`). */
export const respondWith =
  <LE, LR>(lookup: Lookup<LE, LR>) =>
  <E, R>(
    delivery: Delivery,
    onEvent: OnEvent<E, R>,
    options: HandlerOptions = {}
  ): Effect.Effect<Answer, never, R | LR | WebhookStore> =>
    Effect.suspend(() =>
      Either.match(resolveOptions(options), {
        onLeft: refuseWith,
        onRight: (resolved) => deliver(lookup, delivery, onEvent, resolved)
      })
    )

/** One delivery answered, the receipt fetched with `Receipt.lookup` (`Webhook.respond`). */
export const respond = respondWith(lookupReceipt)

/** Reads a request's body up to `maxBodyBytes` within `readTimeout`, refusing a larger one before reading it all. */
const readBody = (
  request: HttpServerRequest.HttpServerRequest,
  options: Resolved
): Effect.Effect<Uint8Array, WebhookInvalidBody | WebhookBodyTooLarge | WebhookBodyTimeout> => {
  const limit = options.maxBodyBytes
  const declared = request.headers["content-length"]
  if (declared !== undefined && !/^\d+$/.test(declared.trim())) {
    return Effect.fail(invalidBody("the Content-Length header is not a number"))
  }
  if (declared !== undefined && Number(declared) > limit) {
    return Effect.fail(new WebhookBodyTooLarge({ maxBodyBytes: limit }))
  }
  return request.stream.pipe(
    Stream.mapError(() => invalidBody("the body could not be read")),
    Stream.runFoldEffect({ size: 0, chunks: [] as Array<Uint8Array> }, (read, chunk) => {
      const size = read.size + chunk.length
      if (size > limit) return Effect.fail(new WebhookBodyTooLarge({ maxBodyBytes: limit }))
      read.chunks.push(chunk)
      return Effect.succeed({ size, chunks: read.chunks })
    }),
    Effect.map(({ chunks, size }) => {
      const body = new Uint8Array(size)
      let offset = 0
      for (const chunk of chunks) {
        body.set(chunk, offset)
        offset += chunk.length
      }
      return body
    }),
    Effect.timeoutFail({
      duration: options.readTimeout,
      onTimeout: () => new WebhookBodyTimeout({ timeoutMillis: Duration.toMillis(options.readTimeout) })
    })
  )
}

/** The webhook endpoint as an HTTP app (`Webhook.handler`). */
export const handler = <E, R>(
  onEvent: OnEvent<E, R>,
  options: HandlerOptions = {}
): Effect.Effect<
  HttpApp.Default<never, R | BootpayClient.BootpayClient | WebhookStore>,
  WebhookInvalidOptions
> =>
  Effect.suspend(() =>
    Either.match(resolveOptions(options), {
      onLeft: Effect.fail,
      onRight: (resolved) =>
        Effect.succeed(
          Effect.gen(function* () {
            const request = yield* HttpServerRequest.HttpServerRequest
            const body = yield* Effect.either(readBody(request, resolved))
            const reply = Either.isLeft(body)
              ? yield* refuseWith(body.left)
              : yield* deliver(
                  lookupReceipt,
                  {
                    body: body.right,
                    contentType: request.headers["content-type"],
                    remoteAddress: Option.getOrUndefined(request.remoteAddress),
                    forwardedFor: request.headers["x-forwarded-for"]
                  },
                  onEvent,
                  resolved
                )
            // A body left unread: the connection cannot carry another request.
            const close = Either.isLeft(body) && body.left._tag !== "WebhookInvalidBody"
            return HttpServerResponse.unsafeJson(reply.body, {
              status: reply.status,
              ...(close ? { headers: { connection: "close" } } : {})
            })
          })
        )
    })
  )
