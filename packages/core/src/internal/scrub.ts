/**
 * What a server says back is scrubbed before it is kept in an error. A server, proxy or firewall
 * that echoes the request (a common habit of 4xx/5xx pages) would otherwise put the call's own
 * credentials and the buyer's card, identity or phone number into messages, logs and spans. The SDK
 * knows exactly what it sent, so it removes those values by construction; two patterns (credential
 * schemes, card-length digit runs) catch what a server may have re-encoded. Messages are also
 * length-capped and stripped of control characters.
 */
import * as Either from "effect/Either"
import * as Encoding from "effect/Encoding"
import * as Redacted from "effect/Redacted"

/** Wire fields whose values never appear in an error, at any depth of a request body. */
export const sensitiveFields: ReadonlySet<string> = new Set([
  "card_no",
  "card_pw",
  "card_identity_no",
  "identity_no",
  "cash_receipt_identity_no",
  "phone",
  "birth",
  "bank_account",
  "email",
  "private_key",
  "user_token",
  "secret_key",
  "password",
  "login_pw",
  "user_jwt"
])

/** Longest server message kept, in characters. */
export const maxMessageLength = 300

const redacted = "[redacted]"

/** Secrets shorter than this are removed only as whole tokens, so "12" does not eat "12000원". */
const shortSecret = 6

const collect = (value: unknown, into: Set<string>, depth: number, sensitive: boolean): void => {
  if (depth > 8 || value === null || value === undefined) return
  if (typeof value === "string" || typeof value === "number") {
    if (sensitive && String(value).trim() !== "") into.add(String(value))
    return
  }
  if (typeof value !== "object") return
  for (const [key, inner] of Object.entries(value)) {
    collect(inner, into, depth + 1, sensitive || sensitiveFields.has(key))
  }
}

/** The secrets of one call: its authorization (and what a Basic header encodes) and its sensitive fields. */
export const secretsOf = (
  wire: Readonly<Record<string, unknown>> | undefined,
  authorization: Redacted.Redacted<string> | undefined,
  headers?: Readonly<Record<string, string>>
): ReadonlyArray<string> => {
  const secrets = new Set<string>()
  collect(wire, secrets, 0, false)
  // A Commerce member's JWT is a credential too.
  const jwt = headers?.["bootpay-user-jwt"]
  if (jwt !== undefined) secrets.add(jwt)
  if (authorization !== undefined) {
    const header = Redacted.value(authorization)
    const space = header.indexOf(" ")
    const credential = space < 0 ? header : header.slice(space + 1)
    secrets.add(header)
    secrets.add(credential)
    const pair = header.startsWith("Basic ")
      ? Either.getOrUndefined(Encoding.decodeBase64String(credential))
      : undefined
    if (pair !== undefined) {
      const colon = pair.indexOf(":")
      secrets.add(pair)
      if (colon >= 0) secrets.add(pair.slice(colon + 1))
    }
  }
  // The longest first, so a header is removed whole before the credential inside it.
  return Array.from(secrets)
    .filter((secret) => secret.length > 0)
    .sort((a, b) => b.length - a.length)
}

const isWordChar = (code: number): boolean =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)

/** Removes every occurrence of `secret`; a short one only where it stands alone. */
const removeSecret = (text: string, secret: string): string => {
  if (secret.length >= shortSecret) return text.split(secret).join(redacted)
  let out = ""
  let from = 0
  for (let at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + secret.length)) {
    const before = at === 0 ? -1 : text.charCodeAt(at - 1)
    const after = at + secret.length >= text.length ? -1 : text.charCodeAt(at + secret.length)
    if (isWordChar(before) || isWordChar(after)) continue
    out += text.slice(from, at) + redacted
    from = at + secret.length
  }
  return out + text.slice(from)
}

/** `encodeURIComponent`, or `undefined` for a string it cannot encode (a lone surrogate). */
const urlEncoded = (text: string): string | undefined => {
  try {
    return encodeURIComponent(text)
  } catch {
    return undefined
  }
}

// Both patterns are linear: one character class per repetition, nothing to backtrack into.
const credentialScheme = /\b(Basic|Bearer)\s+[A-Za-z0-9._~+/=-]+/gi
const cardLike = /(?<![0-9])[0-9]{13,19}(?![0-9])/g
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
const controlCharacters = /[\u0000-\u001f\u007f]+/g

/**
 * Scrubs a server-provided text: the call's secrets (and their URL-encoded forms) removed,
 * credential schemes and card-length digit runs masked, control characters turned into spaces, and
 * the result capped at `maxMessageLength`.
 */
export const scrub = (text: string, secrets: ReadonlyArray<string>): string => {
  let out = text
  for (const secret of secrets) {
    out = removeSecret(out, secret)
    const encoded = urlEncoded(secret)
    if (encoded !== undefined && encoded !== secret) out = removeSecret(out, encoded)
  }
  out = out
    .replace(credentialScheme, (_, scheme: string) => `${scheme} ${redacted}`)
    .replace(cardLike, redacted)
    .replace(controlCharacters, " ")
  return out.length > maxMessageLength ? `${out.slice(0, maxMessageLength)}…` : out
}
