// SPDX-License-Identifier: EUPL-1.2
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { OidcConfig } from '../../config/config.js'
import { addressPrefix, summariseUserAgent } from './client-info.js'
import { assertsMfa, roleForGroups } from './oidc.service.js'
import { openSecret, sealSecret } from './secret-box.js'
import {
  hashRecoveryCode,
  looksLikeRecoveryCode,
  matchTotp,
  newRecoveryCodes,
  newTotpSecret,
  totpCode,
  totpStep,
  totpUri,
} from './totp.js'

// RFC 6238 appendix B: the SHA-1 seed "12345678901234567890" and its 8-digit codes; the last 6 digits are
// what a 6-digit authenticator shows.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'

describe('TOTP', () => {
  it('should produce the RFC 6238 test vectors (SHA-1, last six digits)', () => {
    expect(totpCode(RFC_SECRET, 59_000)).toBe('287082')
    expect(totpCode(RFC_SECRET, 1_111_111_109_000)).toBe('081804')
    expect(totpCode(RFC_SECRET, 1_234_567_890_000)).toBe('005924')
    expect(totpCode(RFC_SECRET, 2_000_000_000_000)).toBe('279037')
  })

  it('should accept the code of the current step and of one step either side, and return that step', () => {
    const secret = newTotpSecret()
    const now = 1_800_000_000_000
    const step = totpStep(now)
    expect(matchTotp(secret, totpCode(secret, now), now)).toBe(step)
    expect(matchTotp(secret, totpCode(secret, now - 30_000), now)).toBe(step - 1)
    expect(matchTotp(secret, totpCode(secret, now + 30_000), now)).toBe(step + 1)
  })

  it('should refuse codes two steps away, of another secret, malformed or empty', () => {
    const secret = newTotpSecret()
    const now = 1_800_000_000_000
    expect(matchTotp(secret, totpCode(secret, now - 60_000), now)).toBeNull()
    expect(matchTotp(secret, totpCode(secret, now + 60_000), now)).toBeNull()
    expect(matchTotp(secret, totpCode(newTotpSecret(), now), now)).toBeNull()
    expect(matchTotp(secret, '12345', now)).toBeNull()
    expect(matchTotp(secret, 'abcdef', now)).toBeNull()
    expect(matchTotp(secret, '', now)).toBeNull()
  })

  it('should accept a code typed with a space in the middle', () => {
    const secret = newTotpSecret()
    const now = 1_800_000_000_000
    const code = totpCode(secret, now)
    expect(matchTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now)).toBe(totpStep(now))
  })

  it('should make 160-bit secrets and an otpauth URI with issuer, account, SHA1, 6 digits and 30 s', () => {
    const secret = newTotpSecret()
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    const uri = new URL(totpUri(secret, 'f.petersen'))
    expect(uri.protocol).toBe('otpauth:')
    expect(uri.host).toBe('totp')
    expect(decodeURIComponent(uri.pathname)).toBe('/Lotse:f.petersen')
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      issuer: 'Lotse',
      secret,
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    })
  })
})

describe('recovery codes', () => {
  it('should make ten distinct codes of four groups that hash the same however they are typed', () => {
    const codes = newRecoveryCodes()
    expect(codes).toHaveLength(10)
    expect(new Set(codes).size).toBe(10)
    for (const code of codes) {
      expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/)
      expect(looksLikeRecoveryCode(code)).toBe(true)
      expect(hashRecoveryCode(code.toLowerCase().replace(/-/g, ' '))).toEqual(hashRecoveryCode(code))
    }
    expect(hashRecoveryCode(codes[0] ?? '')).not.toEqual(hashRecoveryCode(codes[1] ?? ''))
    expect(looksLikeRecoveryCode('123456')).toBe(false)
  })
})

describe('secret box (AES-256-GCM)', () => {
  const key = randomBytes(32)

  it('should give back the secret for the same key and account, and differ on every sealing', () => {
    const a = sealSecret(key, 'JBSWY3DPEHPK3PXP', 'user-1')
    const b = sealSecret(key, 'JBSWY3DPEHPK3PXP', 'user-1')
    expect(a.equals(b)).toBe(false)
    expect(a.toString('latin1')).not.toContain('JBSWY3DPEHPK3PXP')
    expect(openSecret(key, a, 'user-1')).toBe('JBSWY3DPEHPK3PXP')
  })

  it('should refuse another key, another account, or a flipped byte', () => {
    const box = sealSecret(key, 'JBSWY3DPEHPK3PXP', 'user-1')
    expect(() => openSecret(randomBytes(32), box, 'user-1')).toThrow()
    expect(() => openSecret(key, box, 'user-2')).toThrow()
    const tampered = Buffer.from(box)
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1
    expect(() => openSecret(key, tampered, 'user-1')).toThrow()
  })
})

describe('client info for the list of sessions', () => {
  it('should summarise common browsers and systems', () => {
    expect(
      summariseUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0'),
    ).toBe('Firefox auf Windows')
    expect(
      summariseUserAgent(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      ),
    ).toBe('Chrome auf Linux')
    expect(
      summariseUserAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      ),
    ).toBe('Edge auf Windows')
    expect(
      summariseUserAgent(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('Safari auf iOS')
    expect(summariseUserAgent(undefined)).toBeNull()
    expect(summariseUserAgent('curl/8.0')).toBeNull()
  })

  it('should keep only the /24 of IPv4 and the /48 of IPv6 addresses', () => {
    expect(addressPrefix('192.0.2.77')).toBe('192.0.2.0/24')
    expect(addressPrefix('::ffff:198.51.100.9')).toBe('198.51.100.0/24')
    expect(addressPrefix('2001:db8:abcd:12:1:2:3:4')).toBe('2001:db8:abcd::/48')
    expect(addressPrefix('2001:db8::1')).toBe('2001:db8:0::/48')
    expect(addressPrefix('::1')).toBe('0:0:0::/48')
    expect(addressPrefix('local')).toBeNull()
  })
})

describe('OIDC claims', () => {
  const oidc: OidcConfig = {
    issuerUrl: 'https://idp.example',
    clientId: 'lotse',
    clientSecret: 'x',
    redirectUrl: 'https://lotse.example/anmelden/oidc/rueckkehr',
    groupsClaim: 'groups',
    roleMapping: [
      { group: 'lotse-leitung', role: 'team_lead' },
      { group: 'lotse-sb', role: 'caseworker' },
      { group: 'lotse-boss', role: 'superuser' },
    ],
    mfaAcr: ['gold'],
    mfaAmr: ['otp', 'hwk'],
  }

  it('should map the first configured group the person has, and ignore roles Lotse does not know', () => {
    expect(roleForGroups(oidc, ['lotse-sb', 'lotse-leitung'])).toBe('team_lead')
    expect(roleForGroups(oidc, ['lotse-sb'])).toBe('caseworker')
    expect(roleForGroups(oidc, ['lotse-boss'])).toBeNull()
    expect(roleForGroups(oidc, [])).toBeNull()
  })

  it('should accept a configured acr or one configured amr as a second factor, and nothing else', () => {
    expect(assertsMfa(oidc, { acr: 'gold' })).toBe(true)
    expect(assertsMfa(oidc, { amr: ['pwd', 'hwk'] })).toBe(true)
    expect(assertsMfa(oidc, { acr: 'silver', amr: ['pwd'] })).toBe(false)
    expect(assertsMfa(oidc, { amr: 'otp' })).toBe(false)
    expect(assertsMfa(oidc, {})).toBe(false)
  })
})
