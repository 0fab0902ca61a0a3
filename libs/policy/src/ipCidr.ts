/**
 * IpAddress / NotIpAddress: "the value must be in the standard CIDR format (for
 * example, 203.0.113.0/24 or 2001:DB8:1234:5678::/64). If you specify an IP
 * address without the associated routing prefix, IAM uses the default prefix
 * value of /32" (IAM User Guide, "IP address condition operators"); for IPv6 the
 * whole address (/128). An address only ever matches a range of its own family.
 */
interface Address {
  readonly family: 4 | 6
  readonly value: bigint
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/

const parseIpv4 = (text: string): bigint | undefined => {
  const match = IPV4.exec(text)
  if (match === null) return undefined
  let value = 0n
  for (const octet of match.slice(1)) {
    const n = Number(octet)
    if (n > 255) return undefined
    value = (value << 8n) | BigInt(n)
  }
  return value
}

const parseGroups = (text: string): Array<number> | undefined => {
  if (text === "") return []
  const groups: Array<number> = []
  const parts = text.split(":")
  for (const [i, part] of parts.entries()) {
    // An IPv4 tail (::ffff:192.0.2.1) counts as two groups.
    if (i === parts.length - 1 && part.includes(".")) {
      const v4 = parseIpv4(part)
      if (v4 === undefined) return undefined
      groups.push(Number(v4 >> 16n), Number(v4 & 0xffffn))
    } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) {
      groups.push(parseInt(part, 16))
    } else {
      return undefined
    }
  }
  return groups
}

const parseIpv6 = (text: string): bigint | undefined => {
  const halves = text.split("::")
  if (halves.length > 2) return undefined
  const head = parseGroups(halves[0]!)
  const tail = halves.length === 2 ? parseGroups(halves[1]!) : []
  if (head === undefined || tail === undefined) return undefined
  const missing = 8 - head.length - tail.length
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined
  const groups = [...head, ...Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail]
  return groups.reduce((acc, group) => (acc << 16n) | BigInt(group), 0n)
}

const parseAddress = (text: string): Address | undefined => {
  const v4 = parseIpv4(text)
  if (v4 !== undefined) return { family: 4, value: v4 }
  const v6 = text.includes(":") ? parseIpv6(text) : undefined
  return v6 === undefined ? undefined : { family: 6, value: v6 }
}

export interface CidrRange {
  readonly family: 4 | 6
  readonly network: bigint
  readonly prefix: number
}

export const parseCidr = (text: string): CidrRange | undefined => {
  const [addressText, prefixText, ...rest] = text.trim().split("/")
  if (rest.length > 0 || addressText === undefined) return undefined
  const address = parseAddress(addressText)
  if (address === undefined) return undefined
  const width = address.family === 4 ? 32 : 128
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined
  const prefix = prefixText === undefined ? width : Number(prefixText)
  if (prefix > width) return undefined
  return { family: address.family, network: address.value >> BigInt(width - prefix), prefix }
}

export const cidrContains = (range: CidrRange, ip: string): boolean => {
  const address = parseAddress(ip.trim())
  if (address === undefined || address.family !== range.family) return false
  const width = range.family === 4 ? 32 : 128
  return address.value >> BigInt(width - range.prefix) === range.network
}
