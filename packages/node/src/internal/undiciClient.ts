/**
 * A lean `HttpClient` on undici for Bootpay's small JSON calls: one `undici.request` per call on a
 * keep-alive pool, the body read whole, answered as a plain web `Response`. It skips what the generic
 * platform client does per request (a body stream wrapper, a finalization registry entry, a span)
 * that these calls never use, and still aborts the socket when the fiber is interrupted.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Undici from "undici"

const bodyOf = (request: HttpClientRequest.HttpClientRequest): string | Uint8Array | undefined => {
  const body = request.body
  switch (body._tag) {
    case "Uint8Array":
      return body.body
    case "Raw":
      return typeof body.body === "string" || body.body instanceof Uint8Array ? body.body : undefined
    default:
      return undefined
  }
}

/** The client over one undici pool. */
export const make = (dispatcher: Undici.Dispatcher): HttpClient.HttpClient =>
  HttpClient.make((request, url, signal) =>
    Effect.tryPromise({
      try: async () => {
        const answer = await Undici.request(url, {
          method: request.method,
          headers: request.headers,
          body: bodyOf(request) ?? null,
          signal,
          dispatcher
        })
        const text = await answer.body.text()
        const headers = new Headers()
        for (const [name, value] of Object.entries(answer.headers)) {
          if (typeof value === "string") headers.set(name, value)
          else if (Array.isArray(value)) for (const item of value) headers.append(name, item)
        }
        return HttpClientResponse.fromWeb(
          request,
          new Response(answer.statusCode === 204 || answer.statusCode === 304 ? null : text, {
            status: answer.statusCode,
            headers
          })
        )
      },
      catch: (cause) => new HttpClientError.RequestError({ request, reason: "Transport", cause })
    })
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
