// SPDX-License-Identifier: EUPL-1.2
import type { StaffPrincipal } from '../../../http/context.js'
import { formatDateTime, formatIsoDate } from '../../../shared/dates.js'
import { t } from '../../../shared/i18n.js'
import { BackLink } from '../../../views/components/back-link.js'
import {
  Button,
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  type FieldValues,
  SelectField,
  TextArea,
  TextField,
} from '../../../views/components/form.js'
import { Layout, staffFrame } from '../../../views/layout.js'
import type { ChildMappingView } from '../payment-card.service.js'
import { Cell, Table } from './parts.js'

/** The re-map screen of a child: the dated form and the history (ADR 0030). */
export function RemapPage(props: {
  staff: StaffPrincipal
  csrfToken: string
  view: ChildMappingView
  canChange: boolean
  errors: FieldErrors
  values: FieldValues
}) {
  const { view } = props
  const href = `/sachbearbeitung/antraege/${view.applicationId}/bezahlkarte`
  const title = t('payment_card.remap_title', { name: view.child.name })
  const current = view.adults.find((a) => a.id === view.currentHolderId)
  const hasErrors = Object.keys(props.errors).length > 0
  return (
    <Layout title={title} hasErrors={hasErrors} staff={staffFrame(props.staff, props.csrfToken)}>
      <BackLink href={href}>{t('payment_card.back_to_card_page')}</BackLink>
      <ErrorSummary errors={props.errors} />
      <h1 class="kern-heading-large">{title}</h1>
      {current ? <p class="kern-body">{t('payment_card.remap_current', { name: current.name })}</p> : null}
      {props.canChange ? (
        <form
          method="post"
          action={`${href}/mitglieder/${view.child.id}/karte`}
          class="kern-stack"
          novalidate
        >
          <CsrfField token={props.csrfToken} />
          <p class="kern-body">{t('payment_card.remap_intro')}</p>
          <SelectField
            name="karte_von"
            label={t('payment_card.remap_holder')}
            options={view.adults.map((a) => ({ value: a.id, label: a.name }))}
            errors={props.errors}
            values={props.values}
          />
          <TextField
            name="gueltig_ab"
            label={t('payment_card.remap_valid_from')}
            hint={t('payment_card.remap_valid_from_hint')}
            errors={props.errors}
            values={props.values}
          />
          <TextArea
            name="grund"
            label={t('payment_card.remap_reason')}
            maxlength={2000}
            errors={props.errors}
            values={props.values}
          />
          <Button>{t('payment_card.remap_submit')}</Button>
        </form>
      ) : null}
      <section aria-labelledby="sec-remap-history" class="kern-stack">
        <h2 class="kern-heading-medium" id="sec-remap-history">
          {t('payment_card.remap_history')}
        </h2>
        <Table
          caption={t('payment_card.remap_history')}
          head={[
            t('payment_card.remap_history_from'),
            t('payment_card.member_card_holder'),
            t('payment_card.remap_reason'),
            t('payment_card.remap_history_recorded'),
          ]}
        >
          {view.history.map((e) => (
            <tr>
              <Cell>
                {e.validFrom ? formatIsoDate(e.validFrom) : t('payment_card.remap_history_initial')}
              </Cell>
              <Cell>{e.holderName}</Cell>
              <Cell>{e.reason ?? ''}</Cell>
              <Cell>
                {[formatDateTime(e.recordedAt), e.recordedBy ?? ''].filter((x) => x !== '').join(', ')}
              </Cell>
            </tr>
          ))}
        </Table>
      </section>
    </Layout>
  )
}
