/**
 * Bootpay on Node.js: the client over undici (keep-alive connection pool, closed with the layer).
 *
 * @since 0.1.0
 */

import { BootpayClient, type BootpayConfig, type BootpayError } from "@effect-bootpay/core"
import * as Layer from "effect/Layer"
import * as UndiciClient from "./internal/undiciClient.js"

/** The Bootpay client for the given options over undici. */
export const layer = (
  options: BootpayConfig.Options
): Layer.Layer<BootpayClient.BootpayClient, BootpayError.InvalidConfig> =>
  BootpayClient.layer(options).pipe(Layer.provide(UndiciClient.layer))

/**
 * The Bootpay client configured from the environment over undici: `BOOTPAY_CLIENT_KEY`,
 * `BOOTPAY_SECRET_KEY` (or `BOOTPAY_APPLICATION_ID`, `BOOTPAY_PRIVATE_KEY`), `BOOTPAY_MODE`,
 * `BOOTPAY_BASE_URL`, `BOOTPAY_ALLOW_INSECURE_HTTP`, `BOOTPAY_TIMEOUT`, `BOOTPAY_RETRY`.
 */
export const layerConfig = (
  overrides: Partial<BootpayConfig.Options> = {}
): Layer.Layer<BootpayClient.BootpayClient, BootpayError.InvalidConfig> =>
  BootpayClient.layerConfig(overrides).pipe(Layer.provide(UndiciClient.layer))
