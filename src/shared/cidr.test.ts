// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, it } from 'vitest'
import { type Cidr, isInsideAny, parseAddress, parseCidr } from './cidr.js'

const cidr = (text: string): Cidr => {
  const parsed = parseCidr(text)
  if (!parsed) {
    throw new Error(`bad test network ${text}`)
  }
  return parsed
}

describe('parseCidr', () => {
  it('should parse IPv4 and IPv6 networks and clear host bits', () => {
    expect(parseCidr('10.1.2.3/8')).toEqual({ family: 4, base: 10n << 24n, bits: 8 })
    expect(parseCidr('2001:db8::/32')).toEqual({ family: 6, base: 0x20010db8n << 96n, bits: 32 })
    expect(parseCidr('192.0.2.7')).toEqual({ family: 4, base: (192n << 24n) | (2n << 8n) | 7n, bits: 32 })
  })

  it('should reject what is no network', () => {
    for (const bad of ['', 'office', '10.0.0.0/33', '10.0.0/8', '::1/129', '10.0.0.0/8/1', '10.0.0.0/x']) {
      expect(parseCidr(bad), bad).toBeNull()
    }
  })
})

describe('isInsideAny', () => {
  const office = [cidr('10.20.0.0/16'), cidr('2001:db8:12::/48')]

  it('should find addresses and smaller networks inside the office ranges', () => {
    expect(isInsideAny(cidr('10.20.4.5'), office)).toBe(true)
    expect(isInsideAny(cidr('10.20.4.0/24'), office)).toBe(true)
    expect(isInsideAny(cidr('2001:db8:12:7::1'), office)).toBe(true)
    expect(isInsideAny(cidr('2001:db8:12::/48'), office)).toBe(true)
  })

  it('should not count neighbouring, larger or other-family networks as inside', () => {
    expect(isInsideAny(cidr('10.21.0.1'), office)).toBe(false)
    expect(isInsideAny(cidr('10.0.0.0/8'), office)).toBe(false)
    expect(isInsideAny(cidr('2001:db8:13::1'), office)).toBe(false)
    expect(isInsideAny(cidr('::ffff:10.20.0.1'), [cidr('2001:db8::/32')])).toBe(false)
  })

  it('should treat IPv4-mapped IPv6 addresses as IPv4', () => {
    expect(parseAddress('::ffff:10.20.0.1')).toEqual({ family: 4, value: parseAddress('10.20.0.1')?.value })
    expect(isInsideAny(cidr('::ffff:10.20.0.1'), office)).toBe(true)
  })
})
