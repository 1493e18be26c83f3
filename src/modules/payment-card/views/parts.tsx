// SPDX-License-Identifier: EUPL-1.2
import type { Child } from 'hono/jsx'
import { formatDateTime, formatIsoDate } from '../../../shared/dates.js'
import { t } from '../../../shared/i18n.js'
import { formatCents } from '../../../shared/money.js'
import type { ApprovalView } from '../payment-card.service.js'

/** A KERN table with a caption for screen readers. */
export function Table(props: { caption: string; head: string[]; children: Child }) {
  return (
    <div class="kern-table-responsive">
      <table class="kern-table kern-table--striped">
        <caption class="kern-sr-only">{props.caption}</caption>
        <thead class="kern-table__header">
          <tr>
            {props.head.map((h) => (
              <th scope="col" class="kern-table__header">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="kern-table__body">{props.children}</tbody>
      </table>
    </div>
  )
}

/** A table cell. */
export function Cell(props: { children: Child }) {
  return <td class="kern-table__cell">{props.children}</td>
}

/** "Überweisung an X, 120,50 € monatlich" or "Reise 01.12.2026 – 05.12.2026". */
export function approvalSubject(
  a: Pick<ApprovalView, 'kind' | 'payeeName' | 'amountCents' | 'standing' | 'travelFrom' | 'travelTo'>,
): string {
  if (a.kind === 'transfer') {
    const amount = a.amountCents === null ? '' : formatCents(a.amountCents)
    return `${a.payeeName ?? ''}, ${amount} (${a.standing ? t('payment_card.standing_monthly') : t('payment_card.once')})`
  }
  return `${a.travelFrom ? formatIsoDate(a.travelFrom) : ''} – ${a.travelTo ? formatIsoDate(a.travelTo) : ''}`
}

/** The status of a request: "offen (Frist überschritten)", "freigegeben von … am …". */
export function approvalState(a: ApprovalView): string {
  if (a.status === 'open') {
    return a.overdue
      ? `${t('payment_card.approval.open')} – ${t('payment_card.overdue')}`
      : t('payment_card.approval.open')
  }
  return t('payment_card.decided_by', {
    status: t(`payment_card.approval.${a.status}`),
    name: a.decidedBy ?? '',
    at: a.decidedAt ? formatDateTime(a.decidedAt) : '',
  })
}
