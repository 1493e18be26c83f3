// SPDX-License-Identifier: EUPL-1.2
import { formatDateTime } from '../../shared/dates.js'
import { t } from '../../shared/i18n.js'
import { renderSummaryPdf } from '../../shared/pdf/summary-pdf.js'

/** What a reply letter says; the text is the caseworker's, everything else comes from the catalogue. */
export interface ReplyLetterInput {
  reference: string
  name: string | null
  address: string | null
  text: string
  date: Date
  signer: string
}

/**
 * The reply to a complaint as an A4 PDF letter (DejaVu fonts embedded through the shared renderer, so
 * umlauts print), to be stored with the complaint and sent by post.
 */
export function renderReplyLetter(input: ReplyLetterInput): Promise<Uint8Array> {
  const recipient = [input.name, input.address].filter((v): v is string => Boolean(v)).join('\n')
  return renderSummaryPdf({
    title: t('complaints.letter.title'),
    issuer: t('app.issuer'),
    keyFacts: [
      { label: t('complaints.letter.reference'), value: input.reference },
      { label: t('complaints.letter.date'), value: formatDateTime(input.date) },
      ...(recipient ? [{ label: t('complaints.letter.recipient'), value: recipient }] : []),
    ],
    paragraphs: [
      input.name ? t('complaints.mail.greeting_named', { name: input.name }) : t('complaints.mail.greeting'),
      ...input.text.split(/\n{2,}/).map((p) => p.replace(/\n/g, ' ')),
      t('complaints.letter.closing'),
      input.signer,
    ],
    sections: [],
    footer: t('complaints.letter.footer'),
    metadata: {
      author: t('app.issuer'),
      subject: `${t('complaints.letter.title')} ${input.reference}`,
      language: 'de-DE',
    },
    createdAt: input.date,
  })
}
