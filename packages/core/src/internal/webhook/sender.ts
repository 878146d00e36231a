/**
 * Who sent a delivery: the sender's address read from the peer address or, behind trusted proxies,
 * from `X-Forwarded-For`, and checked against the allowed address ranges (`../address.ts` parses them).
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { Issue } from "../../BootpayError.js"
import type { SenderOptions } from "../../Webhook.js"
import * as Address from "../address.js"
import { WebhookForbiddenSender, WebhookInvalidOptions } from "./errors.js"
import { quote } from "./quote.js"

/** Bootpay's published webhook source range (`Webhook.bootpayRanges`). */
export const bootpayRanges: ReadonlyArray<string> = ["223.130.82.0/24"]

type Trust =
  | { readonly _tag: "None" }
  | { readonly _tag: "Hops"; readonly hops: number }
  | { readonly _tag: "Proxies"; readonly ranges: ReadonlyArray<Address.Range> }

/** Sender options once checked: ranges parsed, proxy trust resolved. */
export interface SenderPolicy {
  readonly trust: Trust
  readonly allowed: ReadonlyArray<Address.Range>
}

const parseRanges = (ranges: unknown, path: string, issues: Array<Issue>): ReadonlyArray<Address.Range> => {
  if (!Array.isArray(ranges)) {
    issues.push({ path, message: "must be a list of address ranges" })
    return []
  }
  if (ranges.length === 0) issues.push({ path, message: "is empty: no address would match" })
  return ranges.flatMap((text: unknown, index) => {
    const range = typeof text === "string" ? Address.parseRange(text) : "is not a string"
    if (typeof range !== "string") return [range]
    issues.push({
      path: `${path}[${index}]`,
      message: typeof text === "string" ? `${quote(text)} ${range}` : range
    })
    return []
  })
}

const parseTrust = (trust: unknown, issues: Array<Issue>): Trust => {
  if (trust === undefined || trust === false || trust === 0) return { _tag: "None" }
  if (trust === true) return { _tag: "Hops", hops: 1 }
  if (typeof trust === "number") {
    if (Number.isSafeInteger(trust) && trust > 0) return { _tag: "Hops", hops: trust }
    issues.push({ path: "trustProxy", message: "must be a whole number of proxies (0 or more)" })
    return { _tag: "None" }
  }
  if (Array.isArray(trust)) return { _tag: "Proxies", ranges: parseRanges(trust, "trustProxy", issues) }
  issues.push({
    path: "trustProxy",
    message: "must be a number of proxies, a list of proxy ranges, or a boolean"
  })
  return { _tag: "None" }
}

/** Sender options checked, each problem added to `issues`. */
export const senderPolicy = (options: SenderOptions, issues: Array<Issue>): SenderPolicy => ({
  trust: parseTrust(options.trustProxy, issues),
  allowed: parseRanges(options.allowedRanges ?? bootpayRanges, "allowedRanges", issues)
})

const resolveSender = (options: SenderOptions): Either.Either<SenderPolicy, WebhookInvalidOptions> => {
  const issues: Array<Issue> = []
  const policy = senderPolicy(options, issues)
  return issues.length === 0 ? Either.right(policy) : Either.left(new WebhookInvalidOptions({ issues }))
}

const inRanges = (ranges: ReadonlyArray<Address.Range>, address: string): boolean => {
  const parsed = Address.parseAddress(address)
  return parsed !== undefined && ranges.some((range) => Address.contains(range, parsed))
}

/** The sender's address under a policy, or `undefined` when the delivery names none that can be trusted. */
const senderOf = (
  trust: Trust,
  remoteAddress: string | undefined,
  forwardedFor: string | ReadonlyArray<string> | undefined
): string | undefined => {
  if (remoteAddress === undefined || remoteAddress.trim() === "") return undefined
  if (trust._tag === "None") return remoteAddress
  const header =
    forwardedFor === undefined ? "" : typeof forwardedFor === "string" ? forwardedFor : forwardedFor.join(",")
  // Left to right as the proxies appended: the client's own claims first, the peer last.
  const chain = [
    ...header
      .split(",")
      .map((entry) => entry.trim())
      .filter((entry) => entry !== ""),
    remoteAddress
  ]
  if (trust._tag === "Hops") return chain[chain.length - 1 - trust.hops]
  for (let index = chain.length - 1; index >= 0; index--) {
    if (!inRanges(trust.ranges, chain[index]!)) return chain[index]
  }
  return undefined
}

/** Whether an address is in one of the ranges (`Webhook.isAllowedAddress`). */
export const isAllowedAddress = (address: string, ranges: ReadonlyArray<string> = bootpayRanges): boolean =>
  inRanges(
    ranges.flatMap((text) => {
      const range = Address.parseRange(text)
      return typeof range === "string" ? [] : [range]
    }),
    address
  )

/** The sender's address under `options` (`Webhook.senderAddress`). */
export const senderAddress = (options: SenderOptions): string | undefined => {
  const issues: Array<Issue> = []
  const trust = parseTrust(options.trustProxy, issues)
  return issues.length > 0 ? undefined : senderOf(trust, options.remoteAddress, options.forwardedFor)
}

/** Refuses a sender the policy does not allow, or whose address it cannot tell. */
export const checkSenderWith = (
  policy: SenderPolicy,
  remoteAddress: string | undefined,
  forwardedFor: string | ReadonlyArray<string> | undefined
): Effect.Effect<void, WebhookForbiddenSender> => {
  const address = senderOf(policy.trust, remoteAddress, forwardedFor)
  if (address === undefined) return Effect.fail(new WebhookForbiddenSender({ address: "unknown" }))
  return inRanges(policy.allowed, address)
    ? Effect.void
    : Effect.fail(new WebhookForbiddenSender({ address }))
}

/** Refuses a sender outside the allowed ranges (`Webhook.checkSender`). */
export const checkSender = (
  options: SenderOptions
): Effect.Effect<void, WebhookForbiddenSender | WebhookInvalidOptions> =>
  Effect.suspend(() =>
    Either.match(resolveSender(options), {
      onLeft: (error): Effect.Effect<void, WebhookForbiddenSender | WebhookInvalidOptions> =>
        Effect.fail(error),
      onRight: (policy) =>
        options.remoteAddress === undefined && options.forwardedFor === undefined
          ? Effect.void
          : checkSenderWith(policy, options.remoteAddress, options.forwardedFor)
    })
  )
