// SPDX-License-Identifier: EUPL-1.2
/**
 * THE telework download rule (BSI OPS.1.2.4): where a staff member works decides what a download of a document
 * gives her. Pure; the response helper in send-document.tsx applies it on every download route.
 */
import type { Config } from '../../config/config.js'
import { isInsideAny, parseAddress, parseCidr } from '../../shared/cidr.js'

/** Where a request comes from, as far as the policy needs it. */
export interface DownloadSession {
  /**
   * The current request's client address as the socket saw it (`clientAddress()` in http/rate-limit.ts).
   * `local` means an in-process request without a socket (tests, `app.request`), which no network can send.
   */
  clientAddress: string
  /** The network the session was opened from (`addressPrefix()` in auth client-info.ts); null when unknown. */
  signInNetwork: string | null
}

/** What a download delivers. */
export type DownloadPolicy =
  /** In the office: the original file, as uploaded. */
  | { place: 'office'; delivery: 'original' }
  /** Telework: a PDF with the user and the time stamped on every page, or no download at all (view in browser). */
  | { place: 'telework'; delivery: 'watermarked' | 'view_only' }

/** The address marker of in-process requests (see {@link DownloadSession.clientAddress}). */
export const IN_PROCESS_ADDRESS = 'local'

function addressInOffice(address: string, office: Config['officeNetworks']): boolean {
  if (address === IN_PROCESS_ADDRESS) {
    return true
  }
  const parsed = parseAddress(address)
  if (!parsed) {
    // Unknown origin counts as outside: the safe side.
    return false
  }
  const host = parseCidr(address.trim().replace(/%.*$/, ''))
  return host !== null && isInsideAny(host, office)
}

/**
 * The download policy for a request: telework when the request's address or the network the session was opened
 * from lies outside every office range (so a session opened at home stays telework even if it later reaches the
 * server through an office proxy, and an office session taken home becomes telework).
 * @example downloadPolicyFor({ clientAddress: '203.0.113.9', signInNetwork: null }, config)
 *   // { place: 'telework', delivery: 'watermarked' }
 */
export function downloadPolicyFor(
  session: DownloadSession,
  config: Pick<Config, 'officeNetworks' | 'teleworkDownloads'>,
): DownloadPolicy {
  const office = config.officeNetworks
  const signIn = session.signInNetwork === null ? null : parseCidr(session.signInNetwork)
  const signedInAtOffice = session.signInNetwork === null || (signIn !== null && isInsideAny(signIn, office))
  if (signedInAtOffice && addressInOffice(session.clientAddress, office)) {
    return { place: 'office', delivery: 'original' }
  }
  return {
    place: 'telework',
    delivery: config.teleworkDownloads === 'view_only' ? 'view_only' : 'watermarked',
  }
}
