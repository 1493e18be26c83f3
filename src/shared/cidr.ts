// SPDX-License-Identifier: EUPL-1.2
/**
 * IP networks in CIDR notation (`10.20.0.0/16`, `2001:db8:12::/48`): parsing and containment, for the office
 * network ranges of the telework download policy. Addresses are compared as 128-bit numbers; IPv4 and
 * IPv4-mapped IPv6 (`::ffff:10.0.0.1`) are treated as IPv4.
 */
import { isIPv4, isIPv6 } from 'node:net'

/** A parsed network: family, first address as a bigint, prefix length. */
export interface Cidr {
  family: 4 | 6
  base: bigint
  bits: number
}

function ipv4ToBigint(address: string): bigint {
  return address.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n)
}

function ipv6ToBigint(address: string): bigint {
  const [head = '', tail = ''] = address.split('::')
  const parts = (s: string) => (s === '' ? [] : s.split(':'))
  let left = parts(head)
  let right = address.includes('::') ? parts(tail) : []
  // An embedded IPv4 tail ("::ffff:1.2.3.4") counts as two groups.
  const expandV4 = (groups: string[]) => {
    const last = groups.at(-1)
    if (last && isIPv4(last)) {
      const n = ipv4ToBigint(last)
      return [...groups.slice(0, -1), (n >> 16n).toString(16), (n & 0xffffn).toString(16)]
    }
    return groups
  }
  if (address.includes('::')) {
    right = expandV4(right)
  } else {
    left = expandV4(left)
  }
  const groups = address.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(Number.parseInt(g || '0', 16)), 0n)
}

/**
 * An address as family + number; IPv4-mapped IPv6 becomes IPv4. Zone ids (`fe80::1%eth0`) are dropped.
 * @returns null for anything that is not an IP address
 */
export function parseAddress(address: string): { family: 4 | 6; value: bigint } | null {
  const plain = address.trim().replace(/%.*$/, '')
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(plain)
  if (mapped?.[1] && isIPv4(mapped[1])) {
    return { family: 4, value: ipv4ToBigint(mapped[1]) }
  }
  if (isIPv4(plain)) {
    return { family: 4, value: ipv4ToBigint(plain) }
  }
  if (isIPv6(plain)) {
    return { family: 6, value: ipv6ToBigint(plain) }
  }
  return null
}

const width = (family: 4 | 6) => (family === 4 ? 32 : 128)

function networkOf(value: bigint, family: 4 | 6, bits: number): bigint {
  const total = width(family)
  return (value >> BigInt(total - bits)) << BigInt(total - bits)
}

/**
 * Parses `address/bits`; a bare address means a single host (/32 or /128). Host bits are cleared
 * (`10.1.2.3/8` is `10.0.0.0/8`).
 * @returns null when it is not a valid network
 * @example parseCidr('192.168.10.0/24') // { family: 4, base: 3232238080n, bits: 24 }
 */
export function parseCidr(text: string): Cidr | null {
  const [address = '', bitsText, extra] = text.trim().split('/')
  if (extra !== undefined) {
    return null
  }
  const parsed = parseAddress(address)
  if (!parsed) {
    return null
  }
  const max = width(parsed.family)
  const bits = bitsText === undefined ? max : Number(bitsText)
  if (bitsText !== undefined && !/^\d{1,3}$/.test(bitsText)) {
    return null
  }
  if (!Number.isInteger(bits) || bits < 0 || bits > max) {
    return null
  }
  return { family: parsed.family, base: networkOf(parsed.value, parsed.family, bits), bits }
}

/**
 * Whether the network `inner` lies wholly inside one of `networks` (an address is a network of one host).
 * @example isInsideAny(parseCidr('10.1.2.0/24')!, [parseCidr('10.0.0.0/8')!]) // true
 */
export function isInsideAny(inner: Cidr, networks: readonly Cidr[]): boolean {
  return networks.some(
    (n) =>
      n.family === inner.family && inner.bits >= n.bits && networkOf(inner.base, n.family, n.bits) === n.base,
  )
}
