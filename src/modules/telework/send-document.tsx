// SPDX-License-Identifier: EUPL-1.2
/**
 * The one response helper of every staff download route: it asks {@link downloadPolicyFor} and delivers the
 * original, a watermarked PDF, or the German "downloads disabled" page with a link to view it in the browser.
 * A route changes by one call: `return sendDocument(c, { bytes, mediaType, fileName })`.
 */
import type { Context } from 'hono'
import { requireStaff } from '../../http/access.js'
import type { AppEnv } from '../../http/context.js'
import { clientAddress } from '../../http/rate-limit.js'
import { sessionSignInNetwork } from '../auth/index.js'
import { type DownloadSession, downloadPolicyFor } from './download-policy.js'
import { DownloadRefusedPage } from './views/DownloadRefusedPage.js'
import { watermarkDocument, watermarkText } from './watermark.js'

/** A document to hand out, as the service loaded it (access checked and audited there). */
export interface OutgoingDocument {
  bytes: Uint8Array
  mediaType: string
  /** File name as uploaded or generated, e.g. "Mietvertrag.pdf". */
  fileName: string
}

/** Query parameter that asks for the in-browser view (inline) instead of a download. */
export const VIEW_PARAM = 'ansicht'
/** Its value. */
export const VIEW_IN_BROWSER = 'browser'

/** The request's place as the download policy needs it. */
export async function downloadSessionOf(c: Context<AppEnv>): Promise<DownloadSession> {
  return { clientAddress: clientAddress(c), signInNetwork: await sessionSignInNetwork(c) }
}

const disposition = (kind: 'attachment' | 'inline', name: string) =>
  `${kind}; filename*=UTF-8''${encodeURIComponent(name)}`

/** "Bescheid.jpg" → "Bescheid.pdf": a stamped image is a PDF. */
function pdfName(name: string): string {
  return /\.pdf$/i.test(name) ? name : `${name.replace(/\.[A-Za-z0-9]{1,5}$/, '')}.pdf`
}

/**
 * Answers a staff download according to the telework policy:
 * - office: the original file as an attachment (as before);
 * - telework, `watermark`: a PDF stamped with the user and the time on every page, as an attachment (inline
 *   with `?ansicht=browser`);
 * - telework, `view_only`: 403 with a German page explaining why and linking to `?ansicht=browser`, which shows
 *   the stamped PDF inline and offers no download link.
 * @throws NotWatermarkableError when a telework download cannot be stamped (never handed out unstamped)
 */
export async function sendDocument(c: Context<AppEnv>, document: OutgoingDocument): Promise<Response> {
  const staff = requireStaff(c)
  const { config } = c.get('deps')
  const policy = downloadPolicyFor(await downloadSessionOf(c), config)
  const headers = {
    'Cache-Control': 'no-store',
    // nosniff: an uploaded file is never rendered as a page of ours.
    'X-Content-Type-Options': 'nosniff',
  }
  if (policy.delivery === 'original') {
    return c.body(new Uint8Array(document.bytes), 200, {
      ...headers,
      'Content-Type': document.mediaType,
      'Content-Disposition': disposition('attachment', document.fileName),
    })
  }
  const inBrowser = c.req.query(VIEW_PARAM) === VIEW_IN_BROWSER
  if (policy.delivery === 'view_only' && !inBrowser) {
    const url = new URL(c.req.url)
    url.searchParams.set(VIEW_PARAM, VIEW_IN_BROWSER)
    c.header('Cache-Control', 'no-store')
    return c.html(
      <DownloadRefusedPage
        staff={{ displayName: staff.displayName, csrfToken: c.get('csrfToken') }}
        fileName={document.fileName}
        viewUrl={`${url.pathname}${url.search}`}
      />,
      403,
    )
  }
  const stamped = await watermarkDocument(document, watermarkText(staff, new Date()))
  return c.body(new Uint8Array(stamped), 200, {
    ...headers,
    'Content-Type': 'application/pdf',
    'Content-Disposition': disposition(inBrowser ? 'inline' : 'attachment', pdfName(document.fileName)),
  })
}
