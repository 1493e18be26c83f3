// SPDX-License-Identifier: EUPL-1.2
import { isIPv4, isIPv6 } from 'node:net'

const BROWSERS: ReadonlyArray<[RegExp, string]> = [
  [/Edg(e|A|iOS)?\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/Chrome\/|Chromium\/|CriOS\//, 'Chrome'],
  [/Safari\//, 'Safari'],
]
const SYSTEMS: ReadonlyArray<[RegExp, string]> = [
  [/Android/, 'Android'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
]

/**
 * A short summary of a User-Agent header ("Firefox auf Windows") for the list of sessions: enough to recognise
 * one's own devices, without keeping the whole header (which narrows down a person more than needed).
 * @returns null when neither browser nor system is recognised
 */
export function summariseUserAgent(header: string | undefined): string | null {
  if (!header) {
    return null
  }
  const browser = BROWSERS.find(([re]) => re.test(header))?.[1]
  const system = SYSTEMS.find(([re]) => re.test(header))?.[1]
  if (browser && system) {
    return `${browser} auf ${system}`
  }
  return browser ?? system ?? null
}

/**
 * The network an address belongs to, not the address: IPv4 /24 (`192.0.2.0/24`), IPv6 /48. Enough to tell the
 * office network from a home connection; not enough to single out one line.
 * @returns null for anything that is no IP address
 */
export function addressPrefix(address: string): string | null {
  const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '')
  if (isIPv4(plain)) {
    const [a, b, c] = plain.split('.')
    return `${a}.${b}.${c}.0/24`
  }
  if (isIPv6(plain)) {
    const expanded = expandIPv6(plain)
    return `${expanded.slice(0, 3).join(':')}::/48`
  }
  return null
}

function expandIPv6(address: string): string[] {
  const [head = '', tail = ''] = address.split('::')
  const left = head === '' ? [] : head.split(':')
  const right = address.includes('::') ? (tail === '' ? [] : tail.split(':')) : []
  const groups = address.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left
  return groups.map((g) => (g === '' ? '0' : g.toLowerCase().replace(/^0+(?=.)/, '')))
}
