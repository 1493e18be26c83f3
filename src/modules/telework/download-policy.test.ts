// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../config/config.js'
import { downloadPolicyFor } from './download-policy.js'

const config = (downloads: 'watermark' | 'view_only' = 'watermark') =>
  loadConfig({ OFFICE_NETWORKS: '10.20.0.0/16, 2001:db8:12::/48', TELEWORK_DOWNLOADS: downloads })

describe('downloadPolicyFor', () => {
  it('should give the original inside the office ranges', () => {
    for (const [clientAddress, signInNetwork] of [
      ['10.20.3.4', '10.20.3.0/24'],
      ['::ffff:10.20.3.4', null],
      ['2001:db8:12:1::7', '2001:db8:12::/48'],
    ] as const) {
      expect(downloadPolicyFor({ clientAddress, signInNetwork }, config()), clientAddress).toEqual({
        place: 'office',
        delivery: 'original',
      })
    }
  })

  it('should mark requests from outside as telework, watermarked by default and view-only when configured', () => {
    const home = { clientAddress: '203.0.113.9', signInNetwork: '203.0.113.0/24' }
    expect(downloadPolicyFor(home, config())).toEqual({ place: 'telework', delivery: 'watermarked' })
    expect(downloadPolicyFor(home, config('view_only'))).toEqual({ place: 'telework', delivery: 'view_only' })
  })

  it('should keep a session opened outside the office as telework even when a request arrives from inside', () => {
    expect(
      downloadPolicyFor({ clientAddress: '10.20.0.5', signInNetwork: '203.0.113.0/24' }, config()).place,
    ).toBe('telework')
    // And an office session taken home is telework from the first request outside.
    expect(
      downloadPolicyFor({ clientAddress: '198.51.100.4', signInNetwork: '10.20.0.0/24' }, config()).place,
    ).toBe('telework')
  })

  it('should treat an unknown address as outside, and only the socket-less in-process request as inside', () => {
    expect(downloadPolicyFor({ clientAddress: 'unknown', signInNetwork: null }, config()).place).toBe(
      'telework',
    )
    expect(downloadPolicyFor({ clientAddress: 'local', signInNetwork: null }, config()).place).toBe('office')
    expect(downloadPolicyFor({ clientAddress: 'local', signInNetwork: 'kaputt' }, config()).place).toBe(
      'telework',
    )
  })

  it('should default to loopback as the only office network', () => {
    const defaults = loadConfig({})
    expect(downloadPolicyFor({ clientAddress: '127.0.0.1', signInNetwork: null }, defaults).place).toBe(
      'office',
    )
    expect(downloadPolicyFor({ clientAddress: '192.168.1.20', signInNetwork: null }, defaults).place).toBe(
      'telework',
    )
  })
})
