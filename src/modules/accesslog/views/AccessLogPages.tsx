// SPDX-License-Identifier: EUPL-1.2
import type { StaffPrincipal } from '../../../http/context.js'
import { formatDateTime, formatIsoDate } from '../../../shared/dates.js'
import { isMessageKey, t } from '../../../shared/i18n.js'
import { DataTable } from '../../../views/components/data-table.js'
import {
  Button,
  ErrorSummary,
  type FieldErrors,
  type FieldValues,
  SelectField,
  TextField,
} from '../../../views/components/form.js'
import { Layout } from '../../../views/layout.js'
import type { HistoryPage, PersonMatch } from '../access-log.service.js'

interface StaffPageProps {
  staff: StaffPrincipal
  csrfToken: string
}

function purposeText(purpose: string | null): string {
  if (!purpose) {
    return '–'
  }
  const key = `accesslog.purpose_${purpose}`
  return isMessageKey(key) ? t(key) : purpose
}

/** Filter form (GET) and the paginated table of a history. */
function HistoryTable(props: {
  action: string
  page: HistoryPage
  values: FieldValues
  errors: FieldErrors
  /** Query string to keep on the paging links (filter plus the person's case). */
  keep: URLSearchParams
  showCase: boolean
  caption: string
}) {
  const next = new URLSearchParams(props.keep)
  if (props.page.nextBeforeId !== null) {
    next.set('vor', String(props.page.nextBeforeId))
  }
  return (
    <>
      <form method="get" action={props.action} class="access-log-filter">
        {props.keep.get('fall') ? (
          <input type="hidden" name="fall" value={props.keep.get('fall') ?? ''} />
        ) : null}
        <h2 class="kern-heading-small">{t('accesslog.filter_title')}</h2>
        <SelectField
          name="wer"
          label={t('accesslog.filter_user')}
          options={[
            { value: '', label: t('accesslog.filter_user_all') },
            ...props.page.actors.map((a) => ({ value: a.id, label: a.name })),
          ]}
          values={props.values}
          errors={props.errors}
        />
        <TextField
          name="von"
          label={t('accesslog.filter_from')}
          hint={t('accesslog.filter_date_hint')}
          values={props.values}
          errors={props.errors}
          width={4}
        />
        <TextField
          name="bis"
          label={t('accesslog.filter_to')}
          hint={t('accesslog.filter_date_hint')}
          values={props.values}
          errors={props.errors}
          width={4}
        />
        <Button variant="secondary">{t('accesslog.filter_apply')}</Button>
      </form>
      {props.page.entries.length === 0 ? (
        <p class="kern-body">{t('accesslog.empty')}</p>
      ) : (
        <DataTable
          caption={props.caption}
          rowHeader={false}
          head={[
            t('accesslog.col_when'),
            t('accesslog.col_who'),
            t('accesslog.col_acting_for'),
            ...(props.showCase ? [t('accesslog.col_case')] : []),
            t('accesslog.col_action'),
            t('accesslog.col_purpose'),
            t('accesslog.col_outcome'),
            t('accesslog.col_network'),
          ]}
          rows={props.page.entries.map((e) => [
            formatDateTime(e.at),
            e.actorName ?? (e.actorType === 'citizen' ? t('accesslog.citizen') : t('accesslog.system')),
            e.actingFor ?? '–',
            ...(props.showCase ? [e.reference ?? '–'] : []),
            <code>{e.action}</code>,
            purposeText(e.purpose),
            t(`accesslog.outcome_${e.outcome}`),
            e.network ?? '–',
          ])}
        />
      )}
      <p class="kern-body">
        {props.values.vor ? (
          <a class="kern-link" href={`${props.action}?${props.keep.toString()}`}>
            {t('accesslog.first')}
          </a>
        ) : null}{' '}
        {props.page.nextBeforeId !== null ? (
          <a class="kern-link" href={`${props.action}?${next.toString()}`} rel="next">
            {t('accesslog.next')}
          </a>
        ) : null}
      </p>
    </>
  )
}

/** A case's access history. */
export function CaseHistoryPage(
  props: StaffPageProps & {
    applicationId: string
    reference: string
    page: HistoryPage
    values: FieldValues
    errors: FieldErrors
    keep: URLSearchParams
  },
) {
  const title = t('accesslog.case_title', { reference: props.reference })
  const hasErrors = Object.keys(props.errors).length > 0
  return (
    <Layout
      title={title}
      hasErrors={hasErrors}
      staff={{ displayName: props.staff.displayName, csrfToken: props.csrfToken }}
    >
      <ErrorSummary errors={props.errors} order={['wer', 'von', 'bis']} />
      <h1 class="kern-heading-large">{title}</h1>
      <HistoryTable
        action={`/sachbearbeitung/antraege/${props.applicationId}/zugriffe`}
        page={props.page}
        values={props.values}
        errors={props.errors}
        keep={props.keep}
        showCase={false}
        caption={title}
      />
    </Layout>
  )
}

/** The data-protection officer's person search with its results. */
export function PersonSearchPage(
  props: StaffPageProps & { values: FieldValues; errors: FieldErrors; results: PersonMatch[] | null },
) {
  const title = t('accesslog.person_search_title')
  return (
    <Layout
      title={title}
      hasErrors={Object.keys(props.errors).length > 0}
      staff={{ displayName: props.staff.displayName, csrfToken: props.csrfToken }}
    >
      <ErrorSummary errors={props.errors} order={['name', 'geburtsdatum', 'aktenzeichen']} />
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">{t('accesslog.person_search_intro')}</p>
      <p class="kern-body">
        <a class="kern-link" href="/datenschutz/notfallzugriffe">
          {t('accesslog.nav_review')}
        </a>
      </p>
      <form method="get" action="/datenschutz/personen" novalidate>
        <TextField
          name="name"
          label={t('accesslog.field_name')}
          values={props.values}
          errors={props.errors}
          width={4}
          spellcheck={false}
        />
        <TextField
          name="geburtsdatum"
          label={t('accesslog.field_birth_date')}
          hint={t('accesslog.field_birth_date_hint')}
          values={props.values}
          errors={props.errors}
          width={4}
        />
        <TextField
          name="aktenzeichen"
          label={t('accesslog.field_reference')}
          values={props.values}
          errors={props.errors}
          width={4}
          spellcheck={false}
        />
        <Button>{t('accesslog.search')}</Button>
      </form>
      {props.results === null ? null : props.results.length === 0 ? (
        <p class="kern-body" role="status">
          {t('accesslog.no_person')}
        </p>
      ) : (
        <DataTable
          caption={title}
          head={[t('accesslog.col_person'), t('accesslog.col_birth_date'), t('accesslog.col_cases')]}
          rows={props.results.map((p) => [
            <a
              class="kern-link"
              href={`/datenschutz/personen/zugriffe?fall=${p.caseId}`}
              aria-label={t('accesslog.show_history_of', { name: `${p.givenName} ${p.surname}` })}
            >
              {p.surname}, {p.givenName}
            </a>,
            formatIsoDate(p.birthDate),
            p.references.join(', '),
          ])}
        />
      )}
    </Layout>
  )
}

/** A person's access history across all her cases. */
export function PersonHistoryPage(
  props: StaffPageProps & {
    person: PersonMatch
    page: HistoryPage
    values: FieldValues
    errors: FieldErrors
    keep: URLSearchParams
  },
) {
  const title = `${t('accesslog.person_title')}: ${props.person.givenName} ${props.person.surname}`
  return (
    <Layout
      title={title}
      hasErrors={Object.keys(props.errors).length > 0}
      staff={{ displayName: props.staff.displayName, csrfToken: props.csrfToken }}
    >
      <ErrorSummary errors={props.errors} order={['wer', 'von', 'bis']} />
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">
        {formatIsoDate(props.person.birthDate)} ·{' '}
        {t('accesslog.cases_of_person', { references: props.person.references.join(', ') })}
      </p>
      <HistoryTable
        action="/datenschutz/personen/zugriffe"
        page={props.page}
        values={props.values}
        errors={props.errors}
        keep={props.keep}
        showCase
        caption={title}
      />
    </Layout>
  )
}
