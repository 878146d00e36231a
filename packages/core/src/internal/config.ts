/** What the PG and Commerce configurations read alike through `Config`. */
import * as Config from "effect/Config"
import type * as Duration from "effect/Duration"
import type * as Redacted from "effect/Redacted"

// Each variable alone is optional: which pair of keys is required depends on the other pair, so a
// missing key is `make`'s `InvalidConfig`; a variable that is set but malformed is a `ConfigError`.
const optional = <A>(config: Config.Config<A>): Config.Config<A | undefined> =>
  Config.withDefault(config, undefined)

/** The options both clients take, each as a `Config`. */
export interface SharedConfigs {
  readonly clientKey?: Config.Config<string | undefined> | undefined
  readonly secretKey?: Config.Config<Redacted.Redacted<string> | undefined> | undefined
  readonly mode?: Config.Config<string | undefined> | undefined
  readonly baseUrl?: Config.Config<string | undefined> | undefined
  readonly allowInsecureHttp?: Config.Config<boolean | undefined> | undefined
  readonly timeout?: Config.Config<Duration.DurationInput | undefined> | undefined
  readonly retry?: Config.Config<number | undefined> | undefined
}

/** The `Config`s given, each one left out read from its variable. */
export const shared = (
  options: SharedConfigs,
  variables: { readonly [K in keyof SharedConfigs]-?: string }
) => ({
  clientKey: options.clientKey ?? optional(Config.string(variables.clientKey)),
  secretKey: options.secretKey ?? optional(Config.redacted(variables.secretKey)),
  mode: options.mode ?? optional(Config.string(variables.mode)),
  baseUrl: options.baseUrl ?? optional(Config.string(variables.baseUrl)),
  allowInsecureHttp: options.allowInsecureHttp ?? optional(Config.boolean(variables.allowInsecureHttp)),
  timeout: options.timeout ?? optional(Config.duration(variables.timeout)),
  retry: options.retry ?? optional(Config.integer(variables.retry))
})

/** One more optional `Config`: the one given, or `name` read as text. */
export const optionalString = (given: Config.Config<string | undefined> | undefined, name: string) =>
  given ?? optional(Config.string(name))

/** One more optional secret: the one given, or `name` read as a redacted value. */
export const optionalSecret = (
  given: Config.Config<Redacted.Redacted<string> | undefined> | undefined,
  name: string
) => given ?? optional(Config.redacted(name))
