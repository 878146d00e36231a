/**
 * IP addresses and ranges for the webhook sender check, parsed strictly: a range is a whole IPv4 or
 * IPv6 address, optionally followed by `/prefix` with no host bits set; anything else is refused with
 * a reason, never read as a wider range. IPv4-mapped IPv6 addresses (`::ffff:a.b.c.d`) are IPv4.
 */

/** An address: its family and its bits. */
export interface Address {
  readonly family: 4 | 6
  readonly bits: bigint
}

/** A range: every address whose first `prefix` bits equal `base`'s. */
export interface Range {
  readonly family: 4 | 6
  readonly base: bigint
  readonly prefix: number
}

const width = (family: 4 | 6): number => (family === 4 ? 32 : 128)

/** `a.b.c.d`, each part 0..255 in decimal without leading zeros (`010` is octal to some parsers). */
const parseIpv4 = (text: string): bigint | undefined => {
  const parts = text.split(".")
  if (parts.length !== 4) return undefined
  let bits = 0n
  for (const part of parts) {
    if (!/^(?:0|[1-9]\d{0,2})$/.test(part)) return undefined
    const octet = Number(part)
    if (octet > 255) return undefined
    bits = (bits << 8n) | BigInt(octet)
  }
  return bits
}

/** Eight groups of 1 to 4 hex digits, one `::` for a run of zero groups, an IPv4 tail allowed. */
const parseIpv6 = (text: string): bigint | undefined => {
  const halves = text.split("::")
  if (halves.length > 2) return undefined
  const groupsOf = (half: string): Array<bigint> | undefined => {
    if (half === "") return []
    const groups: Array<bigint> = []
    const parts = half.split(":")
    for (const [index, part] of parts.entries()) {
      if (index === parts.length - 1 && part.includes(".")) {
        const ipv4 = parseIpv4(part)
        if (ipv4 === undefined) return undefined
        groups.push(ipv4 >> 16n, ipv4 & 0xffffn)
      } else if (/^[0-9a-f]{1,4}$/i.test(part)) {
        groups.push(BigInt(`0x${part}`))
      } else {
        return undefined
      }
    }
    return groups
  }
  const head = groupsOf(halves[0]!)
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : []
  if (head === undefined || tail === undefined) return undefined
  // An IPv4 tail may only end the address.
  if (halves.length === 2 && halves[0]!.includes(".")) return undefined
  const missing = 8 - head.length - tail.length
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined
  return [...head, ...Array.from({ length: missing }, () => 0n), ...tail].reduce(
    (bits, group) => (bits << 16n) | group,
    0n
  )
}

/** An IPv6 address as IPv4 when it is IPv4-mapped (`::ffff:a.b.c.d`, i.e. in `::ffff:0:0/96`). */
const normalise = (bits: bigint): Address =>
  bits >> 32n === 0xffffn ? { family: 4, bits: bits & 0xffffffffn } : { family: 6, bits }

/** A bare address (no port, no brackets, no zone). */
const parseBare = (text: string): Address | undefined => {
  const ipv4 = parseIpv4(text)
  if (ipv4 !== undefined) return { family: 4, bits: ipv4 }
  const ipv6 = text.includes(":") ? parseIpv6(text) : undefined
  return ipv6 === undefined ? undefined : normalise(ipv6)
}

/**
 * A sender address as sockets and proxies write it: `a.b.c.d`, `a.b.c.d:port`, an IPv6 address,
 * `[v6]` or `[v6]:port`, with an IPv6 zone (`fe80::1%eth0`) ignored.
 */
export const parseAddress = (text: string): Address | undefined => {
  const trimmed = text.trim()
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(trimmed)
  const withPort = /^(\d+\.\d+\.\d+\.\d+):\d{1,5}$/.exec(trimmed)
  const bare = bracketed?.[1] ?? withPort?.[1] ?? trimmed
  return parseBare(bare.replace(/%[\w.-]+$/, ""))
}

/** A range (`a.b.c.d`, `a.b.c.d/n`, `v6`, `v6/n`), or why it is not one. */
export const parseRange = (text: string): Range | string => {
  const [base = "", prefixText, ...rest] = text.split("/")
  if (rest.length > 0) return "has more than one '/'"
  const address = parseBare(base)
  if (address === undefined) return "is not an IPv4 or IPv6 address, nor one followed by /prefix"
  // A mapped range (`::ffff:a.b.c.d/120`) counts as the IPv4 range it covers.
  const mapped = address.family === 4 && base.includes(":")
  const bits = width(address.family) + (mapped ? 96 : 0)
  if (prefixText === undefined)
    return { family: address.family, base: address.bits, prefix: width(address.family) }
  if (!/^(?:0|[1-9]\d{0,2})$/.test(prefixText) || Number(prefixText) > bits) {
    return `has a prefix that is not a whole number from 0 to ${bits}`
  }
  const prefix = Number(prefixText) - (mapped ? 96 : 0)
  if (prefix < 0) return "has a prefix shorter than the IPv4-mapped part (/96)"
  const hostBits = BigInt(width(address.family) - prefix)
  if ((address.bits & ((1n << hostBits) - 1n)) !== 0n) {
    return "has host bits set: write the network address (e.g. 223.130.82.0/24)"
  }
  return { family: address.family, base: address.bits, prefix }
}

/** Whether an address lies in a range of its own family. */
export const contains = (range: Range, address: Address): boolean => {
  if (range.family !== address.family) return false
  const hostBits = BigInt(width(range.family) - range.prefix)
  return address.bits >> hostBits === range.base >> hostBits
}
