// SPDX-License-Identifier: EUPL-1.2
import type { StaffPrincipal } from '../../../http/context.js'
import { formatDateTime, formatIsoDate } from '../../../shared/dates.js'
import { type MessageKey, t } from '../../../shared/i18n.js'
import {
  Button,
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  type FieldValues,
  TextField,
} from '../../../views/components/form.js'
import { Notice } from '../../../views/components/notice.js'
import { Layout } from '../../../views/layout.js'
import type { RetentionCategory, RetentionPlan } from '../retention.service.js'
import type { SubjectHit } from '../subject-access.service.js'

interface LogRow {
  id: number
  category: string
  rule: string
  action: string
  count: number
  logged_at: Date
  trigger: string
}

const categoryName = (category: string) => t(`retention.category.${category}` as MessageKey)

/** The DPO's dry-run report of the next deletion run, with the release of case-file deletions. */
export function DeletionPlanPage(props: {
  staff: StaffPrincipal
  csrfToken: string
  plan: RetentionPlan
  released: Map<RetentionCategory, Set<string>>
  log: LogRow[]
  notice?: string | undefined
  error?: string | undefined
}) {
  const releaseCategories = props.plan.categories.filter((c) => c.mode === 'release')
  const unreleased = releaseCategories.some((c) =>
    c.items.some((i) => !(props.released.get(c.category)?.has(i.id) ?? false)),
  )
  return (
    <Layout
      title={t('retention.plan.title')}
      hasErrors={props.error !== undefined}
      staff={{ displayName: props.staff.displayName, csrfToken: props.csrfToken }}
    >
      {props.error ? (
        <div class="kern-alert kern-alert--danger" role="alert">
          <div class="kern-alert__header">
            <h2 class="kern-title">{t('retention.plan.error_heading')}</h2>
          </div>
          <div class="kern-alert__body">
            <p class="kern-body">{props.error}</p>
          </div>
        </div>
      ) : null}
      <Notice text={props.notice} />
      <h1 class="kern-heading-large">{t('retention.plan.title')}</h1>
      <p class="kern-body">{t('retention.plan.intro', { at: formatDateTime(props.plan.at) })}</p>
      <div class="kern-table-responsive">
        <table class="kern-table">
          <caption class="kern-title">{t('retention.plan.categories')}</caption>
          <thead class="kern-table__header">
            <tr>
              <th scope="col" class="kern-table__header">
                {t('retention.plan.col_category')}
              </th>
              <th scope="col" class="kern-table__header">
                {t('retention.plan.col_rule')}
              </th>
              <th scope="col" class="kern-table__header">
                {t('retention.plan.col_mode')}
              </th>
              <th scope="col" class="kern-table__header">
                {t('retention.plan.col_due')}
              </th>
            </tr>
          </thead>
          <tbody class="kern-table__body">
            {props.plan.categories.map((c) => (
              <tr>
                <th scope="row" class="kern-table__cell">
                  {categoryName(c.category)}
                </th>
                <td class="kern-table__cell">{c.rule}</td>
                <td class="kern-table__cell">{t(`retention.mode.${c.mode}`)}</td>
                <td class="kern-table__cell">{c.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {releaseCategories.map((c) => (
        <section aria-labelledby={`due-${c.category}`}>
          <h2 class="kern-heading-medium" id={`due-${c.category}`}>
            {t('retention.plan.due_heading', { category: categoryName(c.category) })}
          </h2>
          {c.items.length === 0 ? (
            <p class="kern-body">{t('retention.plan.none_due')}</p>
          ) : (
            <div class="kern-table-responsive">
              <table class="kern-table">
                <caption class="kern-sr-only">
                  {t('retention.plan.due_heading', { category: categoryName(c.category) })}
                </caption>
                <thead class="kern-table__header">
                  <tr>
                    <th scope="col" class="kern-table__header">
                      {t('retention.plan.col_reference')}
                    </th>
                    <th scope="col" class="kern-table__header">
                      {t('retention.plan.col_closed')}
                    </th>
                    <th scope="col" class="kern-table__header">
                      {t('retention.plan.col_released')}
                    </th>
                  </tr>
                </thead>
                <tbody class="kern-table__body">
                  {c.items.map((item) => (
                    <tr>
                      <th scope="row" class="kern-table__cell">
                        {item.reference ?? item.id}
                      </th>
                      <td class="kern-table__cell">{formatDateTime(item.since)}</td>
                      <td class="kern-table__cell">
                        {props.released.get(c.category)?.has(item.id)
                          ? t('retention.plan.released_yes')
                          : t('retention.plan.released_no')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
      {unreleased ? (
        <form method="post" action="/dsb/loeschung/freigeben">
          <CsrfField token={props.csrfToken} />
          <input type="hidden" name="fingerprint" value={props.plan.fingerprint} />
          <p class="kern-body">{t('retention.plan.release_hint')}</p>
          <Button>{t('retention.plan.release')}</Button>
        </form>
      ) : null}
      <h2 class="kern-heading-medium">{t('retention.log.title')}</h2>
      {props.log.length === 0 ? (
        <p class="kern-body">{t('retention.log.empty')}</p>
      ) : (
        <div class="kern-table-responsive">
          <table class="kern-table">
            <caption class="kern-sr-only">{t('retention.log.title')}</caption>
            <thead class="kern-table__header">
              <tr>
                <th scope="col" class="kern-table__header">
                  {t('retention.log.col_when')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('retention.plan.col_category')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('retention.log.col_count')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('retention.plan.col_rule')}
                </th>
              </tr>
            </thead>
            <tbody class="kern-table__body">
              {props.log.map((row) => (
                <tr>
                  <td class="kern-table__cell">{formatDateTime(row.logged_at)}</td>
                  <td class="kern-table__cell">{categoryName(row.category)}</td>
                  <td class="kern-table__cell">
                    {t(`retention.log.${row.action === 'anonymised' ? 'anonymised' : 'deleted'}`, {
                      count: row.count,
                    })}
                  </td>
                  <td class="kern-table__cell">{row.rule}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="kern-body">
        <a class="kern-link" href="/dsb/auskunft">
          {t('retention.access.title')}
        </a>
      </p>
    </Layout>
  )
}

export const ACCESS_FIELDS = ['reference', 'surname', 'givenName', 'birthDate']

/** Art. 15: search for a person, then download what is held about them. */
export function SubjectAccessPage(props: {
  staff: StaffPrincipal
  csrfToken: string
  values: FieldValues
  errors: FieldErrors
  hits?: SubjectHit[] | undefined
}) {
  const hasErrors = Object.keys(props.errors).length > 0
  return (
    <Layout
      title={t('retention.access.title')}
      hasErrors={hasErrors}
      staff={{ displayName: props.staff.displayName, csrfToken: props.csrfToken }}
    >
      <ErrorSummary errors={props.errors} order={ACCESS_FIELDS} />
      <h1 class="kern-heading-large">{t('retention.access.title')}</h1>
      <p class="kern-body">{t('retention.access.intro')}</p>
      <form method="post" action="/dsb/auskunft" novalidate>
        <CsrfField token={props.csrfToken} />
        <TextField
          name="reference"
          label={t('retention.access.reference')}
          hint={t('retention.access.reference_hint')}
          values={props.values}
          errors={props.errors}
          optional
          width={4}
        />
        <p class="kern-body">{t('retention.access.or')}</p>
        <TextField
          name="surname"
          label={t('retention.access.surname')}
          values={props.values}
          errors={props.errors}
          optional
        />
        <TextField
          name="givenName"
          label={t('retention.access.given_name')}
          values={props.values}
          errors={props.errors}
          optional
        />
        <TextField
          name="birthDate"
          label={t('retention.access.birth_date')}
          hint={t('retention.access.birth_date_hint')}
          values={props.values}
          errors={props.errors}
          optional
          width={4}
          inputmode="numeric"
        />
        <Button>{t('retention.access.search')}</Button>
      </form>
      {props.hits ? (
        <section aria-labelledby="treffer">
          <h2 class="kern-heading-medium" id="treffer">
            {t('retention.access.results', { count: props.hits.length })}
          </h2>
          {props.hits.length === 0 ? (
            <p class="kern-body">{t('retention.access.no_results')}</p>
          ) : (
            <ul class="kern-list">
              {props.hits.map((hit) => (
                <li>
                  {t('retention.access.hit', {
                    reference: hit.reference,
                    name: `${hit.givenName} ${hit.surname}`,
                    birthDate: formatIsoDate(hit.birthDate),
                  })}{' '}
                  <a class="kern-link" href={`/dsb/auskunft/${hit.applicationId}/auskunft.json`}>
                    {t('retention.access.download_json', { reference: hit.reference })}
                  </a>{' '}
                  <a class="kern-link" href={`/dsb/auskunft/${hit.applicationId}/auskunft.pdf`}>
                    {t('retention.access.download_pdf', { reference: hit.reference })}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </Layout>
  )
}
