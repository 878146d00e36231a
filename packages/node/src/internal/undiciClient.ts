/**
 * A lean `HttpClient` on undici for Bootpay's small JSON calls. Each request goes straight to the
 * pool's `dispatch` with a handler that collects the answer's chunks; the answer is a response whose
 * body is already in memory. It skips what the generic clients do per request and these calls never
 * use: a body stream, a web `Response` and `Headers`, a `URL` object, an `AbortController`, a
 * finalization-registry entry and an `http.client` span (the SDK's own span describes the call).
 * Interrupting the fiber still aborts the request, through the controller undici hands the handler,
 * and the call's deadline is a timer on the request (`Transport.enforcesDeadlines`) rather than a
 * fiber racing it. A `multipart/form-data` body (a product's image files) is serialized to bytes
 * first, with the content type that names its boundary, and then sent like the others.
 */
import * as Cookies from "@effect/platform/Cookies"
import * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as HttpIncomingMessage from "@effect/platform/HttpIncomingMessage"
import * as UrlParams from "@effect/platform/UrlParams"
import { Transport } from "@effect-bootpay/core/index"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Inspectable from "effect/Inspectable"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as Undici from "undici"

type RawHeaders = Record<string, string | Array<string> | undefined>

/** An answer read whole: status, headers and the body bytes. */
class BufferedResponse extends Inspectable.Class implements HttpClientResponse.HttpClientResponse {
  readonly [HttpIncomingMessage.TypeId]: HttpIncomingMessage.TypeId = HttpIncomingMessage.TypeId
  readonly [HttpClientResponse.TypeId]: HttpClientResponse.TypeId = HttpClientResponse.TypeId
  private cachedHeaders: Headers.Headers | undefined
  private cachedText: Effect.Effect<string> | undefined

  constructor(
    readonly request: HttpClientRequest.HttpClientRequest,
    readonly status: number,
    private readonly rawHeaders: RawHeaders,
    private readonly body: Buffer
  ) {
    super()
  }

  get headers(): Headers.Headers {
    this.cachedHeaders ??= Headers.fromInput(this.rawHeaders as Headers.Input)
    return this.cachedHeaders
  }

  get cookies(): Cookies.Cookies {
    const setCookie = this.rawHeaders["set-cookie"]
    return Cookies.fromSetCookie(setCookie === undefined ? [] : setCookie)
  }

  get remoteAddress(): Option.Option<string> {
    return Option.none()
  }

  get text(): Effect.Effect<string> {
    this.cachedText ??= Effect.succeed(this.body.toString("utf8"))
    return this.cachedText
  }

  get json(): Effect.Effect<unknown, HttpClientError.ResponseError> {
    return Effect.flatMap(this.text, (text) =>
      Effect.try({
        try: () => (text === "" ? null : (JSON.parse(text) as unknown)),
        catch: (cause) => this.decodeError(cause)
      })
    )
  }

  get urlParamsBody(): Effect.Effect<UrlParams.UrlParams, HttpClientError.ResponseError> {
    return Effect.flatMap(this.text, (text) =>
      Effect.try({
        try: () => UrlParams.fromInput(new URLSearchParams(text)),
        catch: (cause) => this.decodeError(cause)
      })
    )
  }

  get arrayBuffer(): Effect.Effect<ArrayBuffer> {
    return Effect.sync(() => new Uint8Array(this.body).buffer)
  }

  get formData(): Effect.Effect<FormData, HttpClientError.ResponseError> {
    return Effect.tryPromise({
      try: () =>
        new Response(this.body, {
          headers: { "content-type": String(this.rawHeaders["content-type"] ?? "") }
        }).formData(),
      catch: (cause) => this.decodeError(cause)
    })
  }

  get stream(): Stream.Stream<Uint8Array, HttpClientError.ResponseError> {
    return Stream.succeed(new Uint8Array(this.body))
  }

  toJSON(): unknown {
    return HttpIncomingMessage.inspect(this, {
      _id: "@effect/platform/HttpClientResponse",
      request: this.request.toJSON(),
      status: this.status
    })
  }

  private decodeError(cause: unknown): HttpClientError.ResponseError {
    return new HttpClientError.ResponseError({
      request: this.request,
      response: this,
      reason: "Decode",
      cause
    })
  }
}

const bodyOf = (request: HttpClientRequest.HttpClientRequest): string | Uint8Array | null | undefined => {
  const body = request.body
  switch (body._tag) {
    case "Empty":
      return null
    case "Uint8Array":
      return body.body
    case "Raw":
      return typeof body.body === "string" || body.body instanceof Uint8Array ? body.body : undefined
    default:
      return undefined
  }
}

const transportError = (request: HttpClientRequest.HttpClientRequest, cause: unknown, description?: string) =>
  new HttpClientError.RequestError({
    request,
    reason: "Transport",
    cause,
    ...(description === undefined ? {} : { description })
  })

/** A plain absolute URL: lower-case http(s), a host, a path of printable ASCII without `?` or `#`. */
const plainUrl = /^https?:\/\/[^/?#\s]+\/[\x21\x22\x24-\x3e\x40-\x7e]*$/

/**
 * Where a request goes: the origin and the path with its query. The SDK's own URLs (a normalised
 * base URL plus encoded path fields) are split as strings; anything else goes through `URL`, which
 * encodes, merges an existing query with the URL params and leaves the fragment out.
 */
const targetOf = (
  request: HttpClientRequest.HttpClientRequest
): { readonly origin: string; readonly path: string } | undefined => {
  const url = request.url
  if (plainUrl.test(url)) {
    const pathStart = url.indexOf("/", url.indexOf("//") + 2)
    const query = request.urlParams.length === 0 ? "" : `?${UrlParams.toString(request.urlParams)}`
    return { origin: url.slice(0, pathStart), path: url.slice(pathStart) + query }
  }
  const parsed = UrlParams.makeUrl(url, request.urlParams, Option.none())
  if (Either.isLeft(parsed)) return undefined
  const { protocol, origin, pathname, search } = parsed.right
  return protocol === "http:" || protocol === "https:" ? { origin, path: pathname + search } : undefined
}

/**
 * Sends one request through `dispatcher`; `done` gets the answer or the failure, exactly once. A
 * deadline the client set on the request (`Transport.deadlineOf`) ends it with `DeadlineExceeded`.
 * Returns the interrupt handler.
 */
const send = (
  dispatcher: Undici.Dispatcher,
  request: HttpClientRequest.HttpClientRequest,
  resume: (
    outcome: Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.RequestError>
  ) => void,
  form?: SerializedForm
): (() => void) | undefined => {
  const body = form === undefined ? bodyOf(request) : form.bytes
  if (body === undefined) {
    resume(Effect.fail(transportError(request, undefined, `a ${request.body._tag} body is not supported`)))
    return undefined
  }
  const target = targetOf(request)
  if (target === undefined) {
    resume(
      Effect.fail(
        new HttpClientError.RequestError({ request, reason: "InvalidUrl", description: request.url })
      )
    )
    return undefined
  }
  const chunks: Array<Buffer> = []
  let status = 0
  let headers: RawHeaders = {}
  let controller: Undici.Dispatcher.DispatchController | undefined
  /** Why the request was stopped from this side, once it was. */
  let stopped: Error | undefined
  let finished = false
  let timer: ReturnType<typeof setTimeout> | undefined
  const done = (
    outcome: Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.RequestError>
  ) => {
    if (finished) return
    finished = true
    if (timer !== undefined) clearTimeout(timer)
    resume(outcome)
  }
  const stop = (reason: Error) => {
    if (stopped !== undefined) return
    stopped = reason
    // Not yet started (waiting for a connection): `onRequestStart` aborts it, so it never goes out.
    controller?.abort(reason)
  }
  const deadline = Transport.deadlineOf(request)
  if (deadline !== undefined) {
    const left = deadline - Date.now()
    if (left <= 0) {
      resume(Effect.fail(transportError(request, new Transport.DeadlineExceeded())))
      return undefined
    }
    // A delay beyond what `setTimeout` keeps would fire at once: such a deadline is as good as none.
    if (left <= Transport.maxTimerMillis) {
      timer = setTimeout(() => {
        const exceeded = new Transport.DeadlineExceeded()
        stop(exceeded)
        done(Effect.fail(transportError(request, exceeded)))
      }, left)
    }
  }
  try {
    dispatcher.dispatch(
      {
        origin: target.origin,
        path: target.path,
        method: request.method,
        headers:
          form === undefined
            ? request.headers
            : {
                ...request.headers,
                "content-type": form.contentType,
                "content-length": String(form.bytes.byteLength)
              },
        body
      },
      {
        onRequestStart: (started) => {
          controller = started
          if (stopped !== undefined) started.abort(stopped)
        },
        onResponseStart: (_, statusCode, responseHeaders) => {
          status = statusCode
          headers = responseHeaders
        },
        onResponseData: (_, chunk) => {
          chunks.push(chunk)
        },
        onResponseEnd: () => {
          const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)
          done(Effect.succeed(new BufferedResponse(request, status, headers, bytes)))
        },
        onResponseError: (_, error) => {
          done(Effect.fail(transportError(request, error)))
        }
      }
    )
  } catch (cause) {
    // undici refuses some requests synchronously (a header value it cannot send, a closed pool).
    done(Effect.fail(transportError(request, cause)))
    return undefined
  }
  return () => {
    if (timer !== undefined) clearTimeout(timer)
    stop(new Undici.errors.RequestAbortedError("the call was interrupted"))
  }
}

/** A `multipart/form-data` body as bytes, with the content type that names its boundary. */
interface SerializedForm {
  readonly bytes: Uint8Array
  readonly contentType: string
}

/**
 * Serializes a form body the way `fetch` would (`Response` picks the boundary and writes the
 * parts); the files are read into memory, so the request is sent like any other.
 */
const serializeForm = (
  request: HttpClientRequest.HttpClientRequest,
  form: FormData
): Effect.Effect<SerializedForm, HttpClientError.RequestError> =>
  Effect.tryPromise({
    try: async () => {
      const response = new Response(form)
      const bytes = new Uint8Array(await response.arrayBuffer())
      return { bytes, contentType: response.headers.get("content-type") ?? "multipart/form-data" }
    },
    catch: (cause) => transportError(request, cause, "the multipart body could not be read")
  })

/** The client over one undici pool. */
export const make = (dispatcher: Undici.Dispatcher): HttpClient.HttpClient =>
  Transport.enforcesDeadlines(
    HttpClient.makeWith<never, never, HttpClientError.HttpClientError, never>(
      (prepared) =>
        Effect.flatMap(prepared, (request) => {
          const dispatch = (form?: SerializedForm) =>
            Effect.async<HttpClientResponse.HttpClientResponse, HttpClientError.RequestError>((resume) => {
              const interrupt = send(dispatcher, request, resume, form)
              return interrupt === undefined ? undefined : Effect.sync(interrupt)
            })
          return request.body._tag === "FormData"
            ? Effect.flatMap(serializeForm(request, request.body.formData), dispatch)
            : dispatch()
        }),
      Effect.succeed
    )
  )

/** The client on a keep-alive pool that is closed with the layer's scope. */
export const layer: Layer.Layer<HttpClient.HttpClient> = Layer.scoped(
  HttpClient.HttpClient,
  Effect.map(
    Effect.acquireRelease(
      Effect.sync(() => new Undici.Agent({ keepAliveTimeout: 30_000 })),
      (agent) => Effect.promise(() => agent.destroy())
    ),
    make
  )
)
