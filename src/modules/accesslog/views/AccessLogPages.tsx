// SPDX-License-Identifier: EUPL-1.2
import type { StaffPrincipal } from '../../../http/context.js'
import { formatDateTime, formatIsoDate } from '../../../shared/dates.js'
import { isMessageKey, t } from '../../../shared/i18n.js'
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
        <div class="kern-table-responsive">
          <table class="kern-table kern-table--striped">
            <caption class="kern-sr-only">{props.caption}</caption>
            <thead class="kern-table__header">
              <tr class="kern-table__row">
                <th scope="col" class="kern-table__header">
                  {t('accesslog.col_when')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('accesslog.col_who')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('accesslog.col_acting_for')}
                </th>
                {props.showCase ? (
                  <th scope="col" class="kern-table__header">
                    {t('accesslog.col_case')}
                  </th>
                ) : null}
                <th scope="col" class="kern-table__header">
                  {t('accesslog.col_action')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('accesslog.col_purpose')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('accesslog.col_outcome')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('accesslog.col_network')}
                </th>
              </tr>
            </thead>
            <tbody class="kern-table__body">
              {props.page.entries.map((e) => (
                <tr class="kern-table__row">
                  <td class="kern-table__cell">{formatDateTime(e.at)}</td>
                  <td class="kern-table__cell">
                    {e.actorName ??
                      (e.actorType === 'citizen' ? t('accesslog.citizen') : t('accesslog.system'))}
                  </td>
                  <td class="kern-table__cell">{e.actingFor ?? '–'}</td>
                  {props.showCase ? <td class="kern-table__cell">{e.reference ?? '–'}</td> : null}
                  <td class="kern-table__cell">
                    <code>{e.action}</code>
                  </td>
                  <td class="kern-table__cell">{purposeText(e.purpose)}</td>
                  <td class="kern-table__cell">{t(`accesslog.outcome_${e.outcome}`)}</td>
                  <td class="kern-table__cell">{e.network ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
        <div class="kern-table-responsive">
          <table class="kern-table kern-table--striped">
            <caption class="kern-sr-only">{title}</caption>
            <thead class="kern-table__header">
              <tr class="kern-table__row">
                <th scope="col" class="kern-table__header">
                  {t('accesslog.col_person')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('accesslog.col_birth_date')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('accesslog.col_cases')}
                </th>
              </tr>
            </thead>
            <tbody class="kern-table__body">
              {props.results.map((p) => (
                <tr class="kern-table__row">
                  <td class="kern-table__cell">
                    <a
                      class="kern-link"
                      href={`/datenschutz/personen/zugriffe?fall=${p.caseId}`}
                      aria-label={t('accesslog.show_history_of', { name: `${p.givenName} ${p.surname}` })}
                    >
                      {p.surname}, {p.givenName}
                    </a>
                  </td>
                  <td class="kern-table__cell">{formatIsoDate(p.birthDate)}</td>
                  <td class="kern-table__cell">{p.references.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
