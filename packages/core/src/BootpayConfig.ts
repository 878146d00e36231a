/**
 * How one client talks to Bootpay: which keys, which environment (mode or base URL), how long to wait
 * and how often to retry. Each client has its own config, so several merchants work in one process.
 *
 * Two credential pairs exist: `clientKey` + `secretKey` (HTTP Basic on every call, Bootpay's
 * recommended mode) and the legacy `applicationId` + `privateKey` (a bearer token from
 * `POST /request/token`). Exactly one pair must be given.
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { InvalidConfig, type Issue } from "./BootpayError.js"
import * as Configs from "./internal/config.js"
import { type CallOptions, type Role, roles } from "./Operation.js"

/**
 * Bootpay's environments.
 *
 * @since 0.1.0
 * @category models
 */
export type Mode = "production" | "development" | "stage" | "test"

/**
 * The PG API base URL of each environment.
 *
 * @since 0.1.0
 * @category models
 */
export const baseUrls: Readonly<Record<Mode, string>> = {
  production: "https://api.bootpay.co.kr/v2",
  development: "https://dev-api.bootpay.co.kr/v2",
  stage: "https://stage-api.bootpay.co.kr/v2",
  test: "https://test-api.bootpay.co.kr/v2"
}

/**
 * A secret given as a plain string or already wrapped in `Redacted`.
 *
 * @since 0.1.0
 * @category models
 */
export type Secret = string | Redacted.Redacted<string>

/**
 * What a merchant passes to create a client.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** REST client key (Basic mode). */
  readonly clientKey?: string | undefined
  /** Secret key paired with `clientKey`. */
  readonly secretKey?: Secret | undefined
  /** Legacy REST application id (Bearer mode). */
  readonly applicationId?: string | undefined
  /** Legacy private key paired with `applicationId`. */
  readonly privateKey?: Secret | undefined
  /** Bootpay environment; `production` when neither `mode` nor `baseUrl` is given. */
  readonly mode?: Mode | undefined
  /** Overrides the mode's URL (a fake server, a proxy); plain `http://` only to a loopback host. */
  readonly baseUrl?: string | undefined
  /**
   * Allows a plain `http://` `baseUrl` to a host that is not loopback (a proxy on a private network).
   * Off by default: the keys and every payment detail would cross the network unencrypted.
   */
  readonly allowInsecureHttp?: boolean | undefined
  /** Deadline for one call, retries and token refresh included (default 30 seconds). */
  readonly timeout?: Duration.DurationInput | undefined
  /** How many times a read or idempotent call is retried after a transient failure (default 2; 0 disables). */
  readonly retry?: number | undefined
}

/**
 * The credentials of one client, secrets redacted.
 *
 * @since 0.1.0
 * @category models
 */
export type Credentials =
  | { readonly _tag: "Basic"; readonly clientKey: string; readonly secretKey: Redacted.Redacted<string> }
  | {
      readonly _tag: "Bearer"
      readonly applicationId: string
      readonly privateKey: Redacted.Redacted<string>
    }

/**
 * A validated configuration.
 *
 * @since 0.1.0
 * @category models
 */
export interface Resolved {
  readonly credentials: Credentials
  readonly mode: Mode | "custom"
  readonly baseUrl: string
  readonly timeout: Duration.Duration
  readonly retry: number
}

/**
 * The configuration service read by the token service and the client.
 *
 * @since 0.1.0
 * @category services
 */
export class BootpayConfig extends Context.Tag("@effect-bootpay/core/BootpayConfig")<
  BootpayConfig,
  Resolved
>() {}

const modes: ReadonlyArray<Mode> = ["production", "development", "stage", "test"]
const defaultTimeout = Duration.seconds(30)
const defaultRetry = 2

const isBlank = (value: string | undefined): boolean => value === undefined || value.trim() === ""
const secretValue = (secret: Secret | undefined): string | undefined =>
  secret === undefined ? undefined : Redacted.isRedacted(secret) ? Redacted.value(secret) : secret
const toRedacted = (secret: Secret): Redacted.Redacted<string> =>
  Redacted.isRedacted(secret) ? secret : Redacted.make(secret)

const resolveCredentials = (options: Options, issues: Array<Issue>): Credentials | undefined => {
  const basic = [!isBlank(options.clientKey), !isBlank(secretValue(options.secretKey))] as const
  const bearer = [!isBlank(options.applicationId), !isBlank(secretValue(options.privateKey))] as const
  const hasBasic = basic[0] || basic[1]
  const hasBearer = bearer[0] || bearer[1]
  if (hasBasic && hasBearer) {
    issues.push({
      path: "credentials",
      message: "give either clientKey + secretKey or applicationId + privateKey, not both"
    })
    return undefined
  }
  if (!hasBasic && !hasBearer) {
    issues.push({
      path: "credentials",
      message: "missing: give clientKey + secretKey (or the legacy applicationId + privateKey)"
    })
    return undefined
  }
  if (hasBasic) {
    if (!basic[0]) issues.push({ path: "clientKey", message: "missing (secretKey was given without it)" })
    if (!basic[1]) issues.push({ path: "secretKey", message: "missing (clientKey was given without it)" })
    return basic[0] && basic[1]
      ? { _tag: "Basic", clientKey: options.clientKey!.trim(), secretKey: toRedacted(options.secretKey!) }
      : undefined
  }
  if (!bearer[0]) issues.push({ path: "applicationId", message: "missing (privateKey was given without it)" })
  if (!bearer[1]) issues.push({ path: "privateKey", message: "missing (applicationId was given without it)" })
  return bearer[0] && bearer[1]
    ? {
        _tag: "Bearer",
        applicationId: options.applicationId!.trim(),
        privateKey: toRedacted(options.privateKey!)
      }
    : undefined
}

/** Whether a host, as `URL` normalises it, is this machine: `localhost`, 127.0.0.0/8 or `[::1]`. */
const isLoopback = (hostname: string): boolean => {
  if (hostname === "localhost" || hostname === "[::1]") return true
  // `URL` writes every IPv4 host as four decimal octets (`127.1` and `0x7f.0.0.1` become `127.0.0.1`).
  const octets = hostname.split(".")
  return octets.length === 4 && octets[0] === "127" && octets.every((octet) => /^\d{1,3}$/.test(octet))
}

/** `url` without its trailing slashes (a loop: a regex such as `/\/+$/` is quadratic on a run of them). */
const trimTrailingSlashes = (url: string): string => {
  let end = url.length
  while (end > 0 && url.charCodeAt(end - 1) === 0x2f) end--
  return url.slice(0, end)
}

const resolveBaseUrl = (options: Options, issues: Array<Issue>): { mode: Mode | "custom"; url: string } => {
  const mode = options.mode
  if (mode !== undefined && !modes.includes(mode)) {
    issues.push({
      path: "mode",
      message: `unknown mode ${JSON.stringify(String(mode))}; expected one of ${modes.join(", ")}`
    })
  }
  if (options.baseUrl !== undefined) {
    let url: URL | undefined
    try {
      url = new URL(options.baseUrl)
    } catch {
      url = undefined
    }
    if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
      issues.push({ path: "baseUrl", message: "must be an absolute http(s) URL" })
      return { mode: "custom", url: "" }
    }
    if (url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
      issues.push({ path: "baseUrl", message: "must not carry a query, a fragment or credentials" })
      return { mode: "custom", url: "" }
    }
    if (url.protocol === "http:" && options.allowInsecureHttp !== true && !isLoopback(url.hostname)) {
      issues.push({
        path: "baseUrl",
        message:
          "plain http:// is only for a loopback host (127.0.0.0/8, ::1, localhost): use https://, or set " +
          "allowInsecureHttp (BOOTPAY_ALLOW_INSECURE_HTTP) to send the keys unencrypted"
      })
      return { mode: "custom", url: "" }
    }
    // The normalised form (lower-case scheme and host, encoded path): what every transport expects.
    return { mode: "custom", url: trimTrailingSlashes(`${url.origin}${url.pathname}`) }
  }
  const known = mode !== undefined && modes.includes(mode) ? mode : "production"
  return { mode: known, url: baseUrls[known] }
}

/**
 * A timeout given by a caller: a positive duration, or an issue at `path`.
 *
 * @since 0.1.0
 * @category utils
 */
export const checkTimeout = (
  value: unknown,
  path: string,
  issues: Array<Issue>
): Duration.Duration | undefined => {
  const decoded = Duration.decodeUnknown(value)
  if (Option.isSome(decoded) && Duration.greaterThan(decoded.value, Duration.zero)) return decoded.value
  issues.push({ path, message: "must be a positive duration" })
  return undefined
}

/**
 * A retry count given by a caller: an integer from 0 to 10, or an issue at `path`.
 *
 * @since 0.1.0
 * @category utils
 */
export const checkRetry = (value: unknown, path: string, issues: Array<Issue>): number | undefined => {
  if (Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 10) return value as number
  issues.push({ path, message: "must be an integer from 0 to 10" })
  return undefined
}

/**
 * A call's options, checked: the deadline in milliseconds and the retry count.
 *
 * @since 0.1.0
 * @category models
 */
export interface CheckedCallOptions {
  readonly millis: number
  readonly retry: number
  /** Commerce: the call's own role, when it gave one. */
  readonly role?: Role | undefined
}

/**
 * Checks a call's options like its input: every problem is an issue, nothing is sent.
 *
 * @since 0.1.0
 * @category utils
 */
export const checkCallOptions = (
  options: CallOptions | undefined,
  config: Resolved,
  issues: Array<Issue>
): CheckedCallOptions | undefined => {
  if (options === undefined || options === null) {
    return { millis: Duration.toMillis(config.timeout), retry: config.retry }
  }
  if (typeof options !== "object") {
    issues.push({ path: "options", message: "must be an object" })
    return undefined
  }
  const timeout =
    options.timeout === undefined ? config.timeout : checkTimeout(options.timeout, "options.timeout", issues)
  const retry =
    options.retry === undefined ? config.retry : checkRetry(options.retry, "options.retry", issues)
  const role = options.role
  if (role !== undefined && !roles.includes(role)) {
    issues.push({ path: "options.role", message: `must be one of ${roles.join(", ")}` })
    return undefined
  }
  return timeout === undefined || retry === undefined
    ? undefined
    : role === undefined
      ? { millis: Duration.toMillis(timeout), retry }
      : { millis: Duration.toMillis(timeout), retry, role }
}

/**
 * Validates options into a configuration, reporting every problem at once. Nothing touches the
 * network; an unknown mode is an error, never a fallback to production.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options): Effect.Effect<Resolved, InvalidConfig> =>
  Effect.suspend(() => {
    const issues: Array<Issue> = []
    const credentials = resolveCredentials(options, issues)
    if (options.allowInsecureHttp !== undefined && typeof options.allowInsecureHttp !== "boolean") {
      issues.push({ path: "allowInsecureHttp", message: "must be a boolean" })
    }
    const { mode, url } = resolveBaseUrl(options, issues)
    const timeout =
      options.timeout === undefined ? defaultTimeout : checkTimeout(options.timeout, "timeout", issues)
    const retry = options.retry === undefined ? defaultRetry : checkRetry(options.retry, "retry", issues)
    if (issues.length > 0 || credentials === undefined || timeout === undefined || retry === undefined) {
      return Effect.fail(new InvalidConfig({ issues }))
    }
    return Effect.succeed<Resolved>({ credentials, mode, baseUrl: url, timeout, retry })
  })

/**
 * A layer holding the validated options.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Options): Layer.Layer<BootpayConfig, InvalidConfig> =>
  Layer.effect(BootpayConfig, make(options))

/**
 * A `Config` per option of `layerConfig`; a field left out reads its `BOOTPAY_*` variable (`variables`).
 *
 * A plain value is `Config.succeed(value)`, a secret `Config.redacted("NAME")` or
 * `Config.succeed(Redacted.make(value))`.
 *
 * @since 0.1.0
 * @category models
 */
export interface ConfigOptions {
  /** Read for `clientKey`; `BOOTPAY_CLIENT_KEY` by default. */
  readonly clientKey?: Config.Config<string | undefined> | undefined
  /** Read for `secretKey`; `BOOTPAY_SECRET_KEY` by default. */
  readonly secretKey?: Config.Config<Redacted.Redacted<string> | undefined> | undefined
  /** Read for `applicationId`; `BOOTPAY_APPLICATION_ID` by default. */
  readonly applicationId?: Config.Config<string | undefined> | undefined
  /** Read for `privateKey`; `BOOTPAY_PRIVATE_KEY` by default. */
  readonly privateKey?: Config.Config<Redacted.Redacted<string> | undefined> | undefined
  /** Read for `mode`, any string (an unknown one is `InvalidConfig`); `BOOTPAY_MODE` by default. */
  readonly mode?: Config.Config<string | undefined> | undefined
  /** Read for `baseUrl`; `BOOTPAY_BASE_URL` by default. */
  readonly baseUrl?: Config.Config<string | undefined> | undefined
  /** Read for `allowInsecureHttp`; `BOOTPAY_ALLOW_INSECURE_HTTP` (`true` or `false`) by default. */
  readonly allowInsecureHttp?: Config.Config<boolean | undefined> | undefined
  /** Read for `timeout`; `BOOTPAY_TIMEOUT` (a duration such as `10 seconds`) by default. */
  readonly timeout?: Config.Config<Duration.DurationInput | undefined> | undefined
  /** Read for `retry`; `BOOTPAY_RETRY` (an integer) by default. */
  readonly retry?: Config.Config<number | undefined> | undefined
}

/**
 * The variable each option is read from when `layerConfig` is given no `Config` for it.
 *
 * @since 0.1.0
 * @category models
 */
export const variables = {
  clientKey: "BOOTPAY_CLIENT_KEY",
  secretKey: "BOOTPAY_SECRET_KEY",
  applicationId: "BOOTPAY_APPLICATION_ID",
  privateKey: "BOOTPAY_PRIVATE_KEY",
  mode: "BOOTPAY_MODE",
  baseUrl: "BOOTPAY_BASE_URL",
  allowInsecureHttp: "BOOTPAY_ALLOW_INSECURE_HTTP",
  timeout: "BOOTPAY_TIMEOUT",
  retry: "BOOTPAY_RETRY"
} as const satisfies Readonly<Record<keyof ConfigOptions, string>>

/**
 * The options read through the given `Config`s, each field left out from its `BOOTPAY_*` variable.
 *
 * Nothing is checked beyond what each `Config` parses; `make` (or `layerConfig`) checks the rest.
 *
 * @since 0.1.0
 * @category constructors
 */
export const config = (options: ConfigOptions = {}): Config.Config<Options> =>
  Config.all({
    ...Configs.shared(options, variables),
    applicationId: Configs.optionalString(options.applicationId, variables.applicationId),
    privateKey: Configs.optionalSecret(options.privateKey, variables.privateKey)
  }).pipe(Config.map((values): Options => ({ ...values, mode: values.mode as Mode | undefined })))

const keyOptions = ["clientKey", "secretKey", "applicationId", "privateKey"] as const

/** The variable an issue's option was read from, when it was read from its `BOOTPAY_*` default. */
const variableOf = (path: string, options: ConfigOptions): string | undefined => {
  if (path === "credentials") {
    return keyOptions.every((key) => options[key] === undefined)
      ? `variables ${variables.clientKey} + ${variables.secretKey}, or ${variables.applicationId} + ${variables.privateKey}`
      : undefined
  }
  const key = Object.keys(variables).find((option) => option === path) as keyof ConfigOptions | undefined
  return key === undefined || options[key] !== undefined ? undefined : `variable ${variables[key]}`
}

/**
 * A layer holding the options read through `Config`s, the `BOOTPAY_*` variables by default.
 *
 * A variable missing or malformed for its `Config` fails with `ConfigError` (which names it); values
 * read but unusable (half a key pair, no pair, an unknown mode, plain http to a remote host) fail
 * with `InvalidConfig`, each issue naming the option and, when it was read from its `BOOTPAY_*`
 * variable, that variable (`secretKey: missing (clientKey was given without it) (variable
 * BOOTPAY_SECRET_KEY)`).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  options: ConfigOptions = {}
): Layer.Layer<BootpayConfig, ConfigError.ConfigError | InvalidConfig> =>
  Layer.effect(
    BootpayConfig,
    Effect.flatMap(config(options), (values) =>
      Effect.mapError(
        make(values),
        (error) =>
          new InvalidConfig({
            issues: error.issues.map((issue) => {
              const variable = variableOf(issue.path, options)
              return variable === undefined ? issue : { ...issue, message: `${issue.message} (${variable})` }
            })
          })
      )
    )
  )
