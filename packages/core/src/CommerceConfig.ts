/**
 * How one Commerce client talks to Bootpay Commerce (`https://api.bootapi.com/v1`): its own keychain
 * (`clientKey` + `secretKey`, separate from the PG keys), environment, role, deadline and retries.
 * Every call authenticates with HTTP Basic, as Bootpay's newest SDKs do.
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Redacted from "effect/Redacted"
import * as BootpayConfig from "./BootpayConfig.js"
import { InvalidConfig, type Issue } from "./BootpayError.js"
import * as Configs from "./internal/config.js"
import type { Role } from "./Operation.js"
import * as Operation from "./Operation.js"

/**
 * The Commerce API base URL of each environment.
 *
 * @since 0.1.0
 * @category models
 */
export const baseUrls: Readonly<Record<BootpayConfig.Mode, string>> = {
  production: "https://api.bootapi.com/v1",
  development: "https://dev-api.bootapi.com/v1",
  stage: "https://stage-api.bootapi.com/v1",
  test: "https://test-api.bootapi.com/v1"
}

/**
 * The roles a client may send (`BOOTPAY-ROLE`).
 *
 * @since 0.1.0
 * @category models
 */
export const roles: ReadonlyArray<Role> = Operation.roles

/**
 * What a merchant passes to create a Commerce client.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** The Commerce keychain's client key. */
  readonly clientKey?: string | undefined
  /** The secret key paired with `clientKey`. */
  readonly secretKey?: BootpayConfig.Secret | undefined
  /** Bootpay environment; `production` when neither `mode` nor `baseUrl` is given. */
  readonly mode?: BootpayConfig.Mode | undefined
  /** Overrides the mode's URL (a fake server, a proxy); plain `http://` only to a loopback host. */
  readonly baseUrl?: string | undefined
  /** Allows a plain `http://` `baseUrl` to a host that is not loopback. */
  readonly allowInsecureHttp?: boolean | undefined
  /**
   * The role sent by operations that do not fix their own (`user` by default). Operations that need
   * an elevated scope (product writes: `manager`; subscription supervision: `supervisor`; ...)
   * always send theirs, as Bootpay's SDKs do.
   */
  readonly role?: Role | undefined
  /** Deadline for one call, retries included (default 30 seconds). */
  readonly timeout?: Duration.DurationInput | undefined
  /** How many times a read or idempotent call is retried after a transient failure (default 2). */
  readonly retry?: number | undefined
}

/**
 * A validated Commerce configuration.
 *
 * @since 0.1.0
 * @category models
 */
export interface Resolved extends BootpayConfig.Resolved {
  readonly credentials: Extract<BootpayConfig.Credentials, { readonly _tag: "Basic" }>
  /** The role of operations that do not fix their own. */
  readonly role: Role
}

/**
 * The Commerce configuration service.
 *
 * @since 0.1.0
 * @category services
 */
export class CommerceConfig extends Context.Tag("@effect-bootpay/core/CommerceConfig")<
  CommerceConfig,
  Resolved
>() {}

/**
 * Validates options into a Commerce configuration, reporting every problem at once.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options): Effect.Effect<Resolved, InvalidConfig> =>
  Effect.suspend(() => {
    const issues: Array<Issue> = []
    const given = options as Options & { readonly applicationId?: unknown; readonly privateKey?: unknown }
    if (given.applicationId !== undefined || given.privateKey !== undefined) {
      issues.push({
        path: "credentials",
        message: "Commerce takes clientKey + secretKey (its own keychain), not applicationId + privateKey"
      })
    }
    const role = options.role ?? "user"
    if (!roles.includes(role)) {
      issues.push({
        path: "role",
        message: `unknown role ${JSON.stringify(String(role))}; expected one of ${roles.join(", ")}`
      })
    }
    const modeUrl =
      options.mode !== undefined && Object.hasOwn(baseUrls, options.mode) ? baseUrls[options.mode] : undefined
    return BootpayConfig.make({
      clientKey: options.clientKey,
      secretKey: options.secretKey,
      mode: options.mode,
      baseUrl: options.baseUrl ?? modeUrl ?? (options.mode === undefined ? baseUrls.production : undefined),
      allowInsecureHttp: options.allowInsecureHttp,
      timeout: options.timeout,
      retry: options.retry
    }).pipe(
      Effect.catchAll((error) => Effect.succeed(error)),
      Effect.flatMap((resolved) => {
        const all = resolved instanceof InvalidConfig ? [...issues, ...resolved.issues] : issues
        if (all.length > 0 || resolved instanceof InvalidConfig) {
          return Effect.fail(new InvalidConfig({ issues: all }))
        }
        if (resolved.credentials._tag !== "Basic") {
          return Effect.fail(
            new InvalidConfig({
              issues: [{ path: "credentials", message: "missing: give clientKey + secretKey" }]
            })
          )
        }
        return Effect.succeed<Resolved>({
          ...resolved,
          credentials: resolved.credentials,
          mode: options.baseUrl === undefined ? (options.mode ?? "production") : "custom",
          role
        })
      })
    )
  })

/**
 * A layer holding the validated options.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Options): Layer.Layer<CommerceConfig, InvalidConfig> =>
  Layer.effect(CommerceConfig, make(options))

/**
 * A `Config` per option of `layerConfig`; a field left out reads its `BOOTPAY_COMMERCE_*` variable.
 *
 * @since 0.1.0
 * @category models
 */
export interface ConfigOptions {
  /** Read for `clientKey`; `BOOTPAY_COMMERCE_CLIENT_KEY` by default. */
  readonly clientKey?: Config.Config<string | undefined> | undefined
  /** Read for `secretKey`; `BOOTPAY_COMMERCE_SECRET_KEY` by default. */
  readonly secretKey?: Config.Config<Redacted.Redacted<string> | undefined> | undefined
  /** Read for `mode`; `BOOTPAY_COMMERCE_MODE` by default. */
  readonly mode?: Config.Config<string | undefined> | undefined
  /** Read for `baseUrl`; `BOOTPAY_COMMERCE_BASE_URL` by default. */
  readonly baseUrl?: Config.Config<string | undefined> | undefined
  /** Read for `allowInsecureHttp`; `BOOTPAY_COMMERCE_ALLOW_INSECURE_HTTP` by default. */
  readonly allowInsecureHttp?: Config.Config<boolean | undefined> | undefined
  /** Read for `role`; `BOOTPAY_COMMERCE_ROLE` by default. */
  readonly role?: Config.Config<string | undefined> | undefined
  /** Read for `timeout`; `BOOTPAY_COMMERCE_TIMEOUT` by default. */
  readonly timeout?: Config.Config<Duration.DurationInput | undefined> | undefined
  /** Read for `retry`; `BOOTPAY_COMMERCE_RETRY` by default. */
  readonly retry?: Config.Config<number | undefined> | undefined
}

/**
 * The variable each option is read from when `layerConfig` is given no `Config` for it.
 *
 * @since 0.1.0
 * @category models
 */
export const variables = {
  clientKey: "BOOTPAY_COMMERCE_CLIENT_KEY",
  secretKey: "BOOTPAY_COMMERCE_SECRET_KEY",
  mode: "BOOTPAY_COMMERCE_MODE",
  baseUrl: "BOOTPAY_COMMERCE_BASE_URL",
  allowInsecureHttp: "BOOTPAY_COMMERCE_ALLOW_INSECURE_HTTP",
  role: "BOOTPAY_COMMERCE_ROLE",
  timeout: "BOOTPAY_COMMERCE_TIMEOUT",
  retry: "BOOTPAY_COMMERCE_RETRY"
} as const satisfies Readonly<Record<keyof ConfigOptions, string>>

/**
 * The options read through the given `Config`s, each field left out from its variable.
 *
 * @since 0.1.0
 * @category constructors
 */
export const config = (options: ConfigOptions = {}): Config.Config<Options> =>
  Config.all({
    ...Configs.shared(options, variables),
    role: Configs.optionalString(options.role, variables.role)
  }).pipe(
    Config.map(
      (values): Options => ({
        ...values,
        mode: values.mode as BootpayConfig.Mode | undefined,
        role: values.role as Role | undefined
      })
    )
  )

/**
 * A layer holding the options read through `Config`s, the `BOOTPAY_COMMERCE_*` variables by default.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  options?: ConfigOptions
): Layer.Layer<CommerceConfig, ConfigError.ConfigError | InvalidConfig> =>
  Layer.effect(CommerceConfig, Effect.flatMap(config(options), make))
