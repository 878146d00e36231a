/**
 * Masking of card and identity numbers, so that neither the fake's state nor its request log ever
 * holds them in full.
 */
import type { Json } from "../FakeStore.js"

/** A card number as Bootpay shows it: the first 6 and last 4 digits, stars between. */
export const cardNumber = (digits: string): string =>
  digits.length <= 10
    ? "*".repeat(digits.length)
    : `${digits.slice(0, 6)}${"*".repeat(digits.length - 10)}${digits.slice(-4)}`

/** An account number with only its first 3 and last 3 characters left. */
export const account = (value: string): string =>
  value.length <= 6
    ? "*".repeat(value.length)
    : `${value.slice(0, 3)}${"*".repeat(value.length - 6)}${value.slice(-3)}`

/** A name with its middle hidden (`홍*동`), as Bootpay masks account holders. */
export const name = (value: string): string => {
  const chars = Array.from(value)
  if (chars.length <= 1) return value
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${"*".repeat(chars.length - 2)}${chars[chars.length - 1]}`
}

/** A phone number as Bootpay shows it: the first 3 and last 4 digits, stars between. */
export const phone = (value: string): string =>
  value.length <= 7
    ? "*".repeat(value.length)
    : `${value.slice(0, 3)}${"*".repeat(value.length - 7)}${value.slice(-4)}`

const secretFields: Readonly<Record<string, (value: string) => string>> = {
  card_no: cardNumber,
  card_pw: (value) => "*".repeat(value.length),
  card_identity_no: (value) => "*".repeat(value.length),
  identity_no: (value) => "*".repeat(value.length),
  phone
}

/**
 * The copy of a request body the fake records: card numbers, card passwords, identity numbers and
 * phone numbers masked, in nested objects too; a body that is not JSON has every long digit run
 * masked instead.
 */
export const recorded = (body: Json | string): Json | string => {
  if (typeof body === "string") return body.replace(/\d{6,}/g, (digits) => "*".repeat(digits.length))
  const copy: Json = { ...body }
  for (const [field, mask] of Object.entries(secretFields)) {
    const value = copy[field]
    if (typeof value === "string") copy[field] = mask(value)
    else if (value !== undefined && value !== null) copy[field] = "***"
  }
  // A buyer or recipient (`user`, `company`) carries a phone number too.
  for (const [field, value] of Object.entries(copy)) {
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      copy[field] = recorded(value as Json)
    }
  }
  return copy
}
