/**
 * Sends a request to the part of the fake that serves its path: the control API (`/__fake/...`),
 * the Commerce API (`/v1/...`) or Bootpay's PG API (`/v2/...`, and any other path, for the 404).
 * Both transports (the loopback server and the layer's in-memory client) call it with the full path.
 */
import type { FakeStore } from "../FakeStore.js"
import * as Commerce from "./commerce/router.js"
import * as Control from "./control.js"
import * as Router from "./router.js"

/** The prefix of the control API; Bootpay's paths start with `/v1` or `/v2`, never with this. */
export const controlPrefix = "/__fake"

const below = (path: string, prefix: string): string | undefined =>
  path === prefix ? "/" : path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : undefined

/** Routes one request whose `path` is the full URL path. */
export const dispatch = (store: FakeStore, request: Router.FakeRequest): Router.Outcome => {
  const control = below(request.path, controlPrefix)
  if (control !== undefined) return Control.route(store, { ...request, path: control })
  const commerce = below(request.path, "/v1")
  if (commerce !== undefined) return Commerce.route(store, { ...request, path: commerce })
  const path = request.path.startsWith("/v2") ? request.path.slice(3) : request.path
  return Router.route(store, { ...request, path })
}
