// SPDX-License-Identifier: EUPL-1.2
/**
 * The decision letter (Bescheid): {@link buildDecisionLetter} words it (every text from the catalogue,
 * prefix `letters.`) and {@link renderDecisionLetterPdf} lays it out in DIN 5008 Form B.
 * @module
 */
import { formatIsoDate, parseGermanDate } from '../../shared/dates.js'
import { t } from '../../shared/i18n.js'
import { formatCents } from '../../shared/money.js'
import { type LetterBlock, type LetterLayout, type LetterRow, renderLetterLayout } from './din5008-layout.js'
import { LetterInputError } from './letters.errors.js'
import type {
  DecisionLetterInput,
  IsoDate,
  Letterhead,
  LetterRecipient,
  PaymentPeriod,
} from './letters.types.js'

function checkDate(value: IsoDate, field: string): string {
  if (parseGermanDate(value) !== value) {
    throw new LetterInputError(`${field} is not an ISO date: ${value}`)
  }
  return formatIsoDate(value)
}

function checkCents(cents: number, field: string): number {
  if (!Number.isSafeInteger(cents)) {
    throw new LetterInputError(`${field} is not integer cents: ${cents}`)
  }
  return cents
}

/** The six lines of the Anschriftzone (DIN 5008: form of address, name, extra line, street, town, country). */
export function recipientAddressLines(recipient: LetterRecipient): string[] {
  const lines: string[] = []
  if (recipient.form !== 'neutral') {
    lines.push(t(recipient.form === 'frau' ? 'letters.address.frau' : 'letters.address.herr'))
  }
  lines.push(recipient.name)
  if (recipient.extraLine) {
    lines.push(recipient.extraLine)
  }
  lines.push(recipient.street, `${recipient.postalCode} ${recipient.city}`)
  if (recipient.country) {
    lines.push(recipient.country.toLocaleUpperCase('de-DE'))
  }
  return lines
}

function greeting(recipient: LetterRecipient): string {
  switch (recipient.form) {
    case 'frau':
      return t('letters.greeting.frau', { name: recipient.familyName })
    case 'herr':
      return t('letters.greeting.herr', { name: recipient.familyName })
    case 'neutral':
      return t('letters.greeting.neutral', { name: recipient.name })
  }
}

/** The sender's postal address in one line (Rücksendeangabe). */
function returnLine(letterhead: Letterhead): string {
  return [letterhead.authority, ...letterhead.addressLines].join(' · ')
}

function amountsBlock(payment: PaymentPeriod, index: number): LetterBlock {
  if (payment.components.length === 0) {
    throw new LetterInputError(`payments[${index}] has no components`)
  }
  const total = payment.components.reduce(
    (sum, component, c) => sum + checkCents(component.cents, `payments[${index}].components[${c}].cents`),
    0,
  )
  return {
    kind: 'amounts',
    caption: t('letters.decision.period', {
      from: checkDate(payment.from, `payments[${index}].from`),
      to: checkDate(payment.to, `payments[${index}].to`),
    }),
    rows: payment.components.map((component) => ({
      label: component.label,
      value: formatCents(component.cents),
    })),
    total: { label: t('letters.decision.total'), value: formatCents(total) },
  }
}

function tenor(input: DecisionLetterInput): string {
  const applicationDate = checkDate(input.applicationDate, 'applicationDate')
  if (input.outcome === 'refused') {
    if (input.payments.length > 0) {
      throw new LetterInputError('a refusal has no payments')
    }
    return t('letters.decision.tenor.refused', { applicationDate, benefit: input.benefit })
  }
  const period = input.benefitPeriod
  if (period === undefined) {
    throw new LetterInputError(`outcome ${input.outcome} needs a benefit period`)
  }
  if (input.payments.length === 0) {
    throw new LetterInputError(`outcome ${input.outcome} needs at least one payment period`)
  }
  const from = checkDate(period.from, 'benefitPeriod.from')
  const to = checkDate(period.to, 'benefitPeriod.to')
  if (period.from > period.to) {
    throw new LetterInputError('benefit period ends before it starts')
  }
  const key =
    input.outcome === 'granted' ? 'letters.decision.tenor.granted' : 'letters.decision.tenor.partly_granted'
  return t(key, { applicationDate, benefit: input.benefit, from, to })
}

/**
 * Words a decision letter: information block, greeting, operative sentence (Tenor) by outcome, monthly
 * amounts with their components and total, legal basis, reasons, the Rechtsbehelfsbelehrung for SGB XII
 * decisions (objection within one month of notification, in writing, electronically under § 36a (2) SGB I
 * or for the record at the office) and the signature ("i.V." for a deputy, "Im Auftrag" by order).
 * Every text comes from the catalogue (`letters.*`) or from the input.
 * @throws LetterInputError when the input is inconsistent (e.g. a grant without a benefit period)
 */
export function buildDecisionLetter(input: DecisionLetterInput): LetterLayout {
  const { letterhead, contact, signature } = input
  const date = checkDate(input.date, 'date')
  const info: LetterRow[] = []
  if (input.yourReference) {
    info.push({ label: t('letters.info.your_reference'), value: input.yourReference })
  }
  info.push(
    { label: t('letters.info.reference'), value: input.reference },
    { label: t('letters.info.contact'), value: contact.name },
  )
  if (contact.room) {
    info.push({ label: t('letters.info.room'), value: contact.room })
  }
  info.push(
    { label: t('letters.info.phone'), value: contact.phone },
    { label: t('letters.info.email'), value: contact.email },
    { label: t('letters.info.date'), value: date },
  )

  const blocks: LetterBlock[] = [
    { kind: 'paragraph', text: greeting(input.recipient) },
    { kind: 'paragraph', text: tenor(input) },
    ...input.payments.map(amountsBlock),
  ]
  if (input.legalBasis.length > 0) {
    blocks.push(
      { kind: 'heading', text: t('letters.decision.legal_basis') },
      { kind: 'list', items: input.legalBasis },
    )
  }
  if (input.reasons.length > 0) {
    blocks.push(
      { kind: 'heading', text: t('letters.decision.reasons') },
      ...input.reasons.map((text): LetterBlock => ({ kind: 'paragraph', text })),
    )
  }
  blocks.push(
    { kind: 'heading', text: t('letters.decision.remedy_heading') },
    {
      kind: 'paragraph',
      text: t('letters.decision.remedy', {
        authority: letterhead.authority,
        office: letterhead.office,
        address: letterhead.addressLines.join(', '),
      }),
    },
    { kind: 'paragraph', text: t('letters.decision.remedy_electronic') },
  )
  if (input.automatedNote) {
    blocks.push({ kind: 'paragraph', text: t('letters.decision.automated_note') })
  }
  blocks.push({
    kind: 'signature',
    closing: t('letters.signature.closing'),
    ...(signature.mode === 'deputy' ? { mode: t('letters.signature.deputy') } : {}),
    ...(signature.mode === 'by_order' ? { mode: t('letters.signature.by_order') } : {}),
    name: signature.name,
    title: signature.postTitle,
  })

  const sender = `${letterhead.authority} · ${letterhead.office}`
  return {
    metadata: {
      title: input.subject,
      author: sender,
      subject: t('letters.decision.pdf_subject', { reference: input.reference }),
      language: 'de-DE',
      createdAt: input.createdAt,
    },
    letterhead: { authority: letterhead.authority, office: letterhead.office },
    returnLine: returnLine(letterhead),
    addressLines: recipientAddressLines(input.recipient),
    info,
    subject: input.subject,
    blocks,
    footer: [
      [letterhead.authority, letterhead.office, ...letterhead.addressLines],
      [
        t('letters.footer.phone', { phone: letterhead.phone }),
        t('letters.footer.email', { email: letterhead.email }),
        t('letters.footer.website', { website: letterhead.website }),
      ],
      [
        t('letters.footer.bank'),
        letterhead.bank.name,
        t('letters.footer.iban', { iban: letterhead.bank.iban }),
        t('letters.footer.bic', { bic: letterhead.bank.bic }),
      ],
      [t('letters.footer.opening_hours'), ...letterhead.openingHours],
    ],
    continuationHeader: {
      left: sender,
      right: t('letters.continuation', { reference: input.reference, date }),
    },
    pageLabel: t('letters.page'),
  }
}

/**
 * Renders a decision letter (Bescheid) as an A4 PDF in DIN 5008 Form B, with the letterhead, the address in
 * the window zone, the information block, fold and hole marks, "Seite x von y" on every page and embedded
 * DejaVu Sans. Pure and deterministic: no database, the same input gives the same bytes.
 * @returns the bytes of the PDF file
 * @throws LetterInputError when the input is inconsistent or the address does not fit the address zone
 * @example const pdf = await renderDecisionLetterPdf({ letterhead: config.letterhead, recipient, ... })
 */
export async function renderDecisionLetterPdf(input: DecisionLetterInput): Promise<Uint8Array> {
  return renderLetterLayout(buildDecisionLetter(input))
}
