/**
 * Bootpay on Node.js: the client over undici (keep-alive connection pool, closed with the layer).
 *
 * @since 0.1.0
 */

import {
  BootpayClient,
  type BootpayConfig,
  type BootpayError,
  CommerceClient,
  type CommerceConfig
} from "@effect-bootpay/core/index"
import type * as ConfigError from "effect/ConfigError"
import * as Layer from "effect/Layer"
import * as UndiciClient from "./internal/undiciClient.js"

/**
 * The Bootpay client for the given options over undici.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options: BootpayConfig.Options
): Layer.Layer<BootpayClient.BootpayClient, BootpayError.InvalidConfig> =>
  BootpayClient.layer(options).pipe(Layer.provide(UndiciClient.layer))

/**
 * The Bootpay client over undici, configured through a `Config` per option (`BOOTPAY_*` by default).
 *
 * `NodeBootpay.layerConfig()` reads `BOOTPAY_CLIENT_KEY`, `BOOTPAY_SECRET_KEY` (or
 * `BOOTPAY_APPLICATION_ID`, `BOOTPAY_PRIVATE_KEY`), `BOOTPAY_MODE`, `BOOTPAY_BASE_URL`,
 * `BOOTPAY_ALLOW_INSECURE_HTTP`, `BOOTPAY_TIMEOUT` and `BOOTPAY_RETRY`; a field given replaces its
 * variable, e.g. `{ secretKey: Config.redacted("PAYMENTS_SECRET"), mode: Config.succeed("development") }`.
 * A variable missing or malformed for its `Config` fails with `ConfigError`, unusable values with
 * `InvalidConfig`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  options?: BootpayConfig.ConfigOptions
): Layer.Layer<BootpayClient.BootpayClient, ConfigError.ConfigError | BootpayError.InvalidConfig> =>
  BootpayClient.layerConfig(options).pipe(Layer.provide(UndiciClient.layer))

/**
 * The Commerce client for the given options over undici.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerCommerce = (
  options: CommerceConfig.Options
): Layer.Layer<CommerceClient.CommerceClient, BootpayError.InvalidConfig> =>
  CommerceClient.layer(options).pipe(Layer.provide(UndiciClient.layer))

/**
 * The Commerce client over undici, configured through a `Config` per option: `BOOTPAY_COMMERCE_CLIENT_KEY`,
 * `BOOTPAY_COMMERCE_SECRET_KEY`, `BOOTPAY_COMMERCE_MODE`, `BOOTPAY_COMMERCE_BASE_URL`,
 * `BOOTPAY_COMMERCE_ALLOW_INSECURE_HTTP`, `BOOTPAY_COMMERCE_ROLE`, `BOOTPAY_COMMERCE_TIMEOUT` and
 * `BOOTPAY_COMMERCE_RETRY` by default.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerCommerceConfig = (
  options?: CommerceConfig.ConfigOptions
): Layer.Layer<CommerceClient.CommerceClient, ConfigError.ConfigError | BootpayError.InvalidConfig> =>
  CommerceClient.layerConfig(options).pipe(Layer.provide(UndiciClient.layer))
