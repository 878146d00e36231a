/**
 * The Bootpay Commerce client: runs any Commerce operation through the same engine as the PG client
 * (validation before sending, one deadline per call, retries by safety class, the money-outcome rule,
 * tagged errors, scrubbed messages), with Commerce's own wire: HTTP Basic on every call, a
 * `BOOTPAY-ROLE` on every call, and an `Idempotency-Key` kept across the retries of one call.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import type * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Authorization from "./Authorization.js"
import * as BootpayClient from "./BootpayClient.js"
import * as BootpayConfig from "./BootpayConfig.js"
import type * as BootpayError from "./BootpayError.js"
import * as CommerceConfig from "./CommerceConfig.js"
import { sdkType, sdkVersion } from "./internal/version.js"

/**
 * The Commerce client's interface: its configuration and `execute`.
 *
 * @since 0.1.0
 * @category services
 */
export interface Service extends BootpayClient.Service {
  readonly config: CommerceConfig.Resolved
}

/**
 * The Commerce client service.
 *
 * @since 0.1.0
 * @category services
 */
export class CommerceClient extends Context.Tag("@effect-bootpay/core/CommerceClient")<
  CommerceClient,
  Service
>() {}

/**
 * The API version Bootpay's SDKs send to Commerce (`BOOTPAY-API-VERSION`).
 *
 * @since 0.1.0
 * @category models
 */
export const apiVersion = "1.0.0"

/** Headers on every Commerce call; the role and idempotency key are added per call. */
const headers: Readonly<Record<string, string>> = {
  accept: "application/json",
  "accept-charset": "utf-8",
  "bootpay-api-version": apiVersion,
  "bootpay-sdk-version": sdkVersion,
  "bootpay-sdk-type": sdkType
}

/**
 * Builds a Commerce client from its configuration and an HttpClient.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, CommerceConfig.CommerceConfig | HttpClient.HttpClient> =
  Effect.gen(function* () {
    const config = yield* CommerceConfig.CommerceConfig
    const http = yield* HttpClient.HttpClient
    // Basic credentials need no token service state: one constant header.
    const authorization = yield* Effect.scoped(
      Effect.provideService(Authorization.make, BootpayConfig.BootpayConfig, config)
    )
    const engine = BootpayClient.makeEngine(config, authorization, http, {
      headers,
      // The token call sends the keychain in its body as well as in the Basic header.
      tokenWire: {
        client_key: config.credentials.clientKey,
        secret_key: Redacted.value(config.credentials.secretKey)
      },
      synthesizeBasicToken: false,
      role: config.role
    })
    return { config, execute: engine.execute }
  })

/**
 * The client over a configuration already in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerFromServices: Layer.Layer<
  CommerceClient,
  never,
  CommerceConfig.CommerceConfig | HttpClient.HttpClient
> = Layer.effect(CommerceClient, make)

/**
 * The client for the given options over any HttpClient.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options: CommerceConfig.Options
): Layer.Layer<CommerceClient, BootpayError.InvalidConfig, HttpClient.HttpClient> =>
  layerFromServices.pipe(Layer.provide(CommerceConfig.layer(options)))

/**
 * The client configured through a `Config` per option (`BOOTPAY_COMMERCE_*` by default).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  options?: CommerceConfig.ConfigOptions
): Layer.Layer<CommerceClient, ConfigError.ConfigError | BootpayError.InvalidConfig, HttpClient.HttpClient> =>
  layerFromServices.pipe(Layer.provide(CommerceConfig.layerConfig(options)))
