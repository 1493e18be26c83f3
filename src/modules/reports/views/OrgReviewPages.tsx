// SPDX-License-Identifier: EUPL-1.2
import type { StaffPrincipal } from '../../../http/context.js'
import { formatIsoDate } from '../../../shared/dates.js'
import { t } from '../../../shared/i18n.js'
import {
  Button,
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  type FieldValues,
  RadioGroup,
  SelectField,
  TextField,
} from '../../../views/components/form.js'
import { Notice } from '../../../views/components/notice.js'
import { Layout } from '../../../views/layout.js'
import type { RecordingOverview } from '../time-recording.service.js'

interface Base {
  staff: StaffPrincipal
  csrfToken: string
  errors: FieldErrors
  values: FieldValues
}

/** The export page: a GET form (period, table, format) that downloads the file. */
export function OrgReviewPage(props: Base) {
  const hasErrors = Object.keys(props.errors).length > 0
  return (
    <Layout
      title={t('reports.orgreview.title')}
      hasErrors={hasErrors}
      staff={{ displayName: props.staff.displayName, csrfToken: props.csrfToken }}
    >
      <h1 class="kern-heading-large">{t('reports.orgreview.title')}</h1>
      <ErrorSummary errors={props.errors} />
      <p class="kern-body">{t('reports.orgreview.intro')}</p>
      <p class="kern-body">{t('reports.orgreview.privacy')}</p>
      <form method="get" action="/organisationsuntersuchung/export" novalidate>
        <TextField
          name="von"
          label={t('reports.orgreview.from')}
          hint={t('reports.orgreview.month_hint')}
          values={props.values}
          errors={props.errors}
          width={4}
        />
        <TextField
          name="bis"
          label={t('reports.orgreview.to')}
          hint={t('reports.orgreview.month_hint')}
          values={props.values}
          errors={props.errors}
          width={4}
        />
        <RadioGroup
          name="tabelle"
          label={t('reports.orgreview.table')}
          values={{ tabelle: 'aufgaben', ...props.values }}
          errors={props.errors}
          options={[
            { value: 'aufgaben', label: t('reports.orgreview.table_tasks') },
            { value: 'fallbestand', label: t('reports.orgreview.table_caseloads') },
            { value: 'alle', label: t('reports.orgreview.table_all_json') },
          ]}
        />
        <Button>{t('reports.orgreview.download')}</Button>
      </form>
      <p class="kern-body">
        <a class="kern-link" href="/zeiterfassung">
          {t('reports.recording.title')}
        </a>
      </p>
    </Layout>
  )
}

/** The self-recording page: record minutes in a running window; leads open windows and see aggregates. */
export function RecordingPage(props: Base & { overview: RecordingOverview; notice?: string | undefined }) {
  const { overview } = props
  const hasErrors = Object.keys(props.errors).length > 0
  const taskOptions = overview.catalogue.tasks.map((task) => ({ value: task.code, label: task.label }))
  return (
    <Layout
      title={t('reports.recording.title')}
      hasErrors={hasErrors}
      staff={{ displayName: props.staff.displayName, csrfToken: props.csrfToken }}
    >
      <h1 class="kern-heading-large">{t('reports.recording.title')}</h1>
      <ErrorSummary errors={props.errors} />
      <Notice text={props.notice} />
      <p class="kern-body">{t('reports.recording.intro')}</p>
      {overview.current ? (
        <form method="post" action="/zeiterfassung/eintrag" novalidate>
          <CsrfField token={props.csrfToken} />
          <h2 class="kern-heading-medium">{t('reports.recording.record_heading')}</h2>
          <p class="kern-body">
            {t('reports.recording.window_running', {
              unit: overview.current.unitName,
              from: formatIsoDate(overview.current.startsOn),
              to: formatIsoDate(overview.current.endsOn),
            })}
          </p>
          <SelectField
            name="aufgabe"
            label={t('reports.recording.task')}
            options={taskOptions}
            values={props.values}
            errors={props.errors}
          />
          <TextField
            name="minuten"
            label={t('reports.recording.minutes')}
            hint={t('reports.recording.minutes_hint')}
            values={props.values}
            errors={props.errors}
            width={4}
          />
          <Button>{t('reports.recording.save')}</Button>
        </form>
      ) : (
        <p class="kern-body">{t('reports.recording.no_window')}</p>
      )}
      {overview.leadUnits.length > 0 ? (
        <>
          <form method="post" action="/zeiterfassung/fenster" novalidate>
            <CsrfField token={props.csrfToken} />
            <h2 class="kern-heading-medium">{t('reports.recording.open_heading')}</h2>
            <SelectField
              name="einheit"
              label={t('reports.recording.unit')}
              options={overview.leadUnits.map((u) => ({ value: u.id, label: u.name }))}
              values={props.values}
              errors={props.errors}
            />
            <TextField
              name="von"
              label={t('reports.recording.window_from')}
              hint={t('reports.recording.date_hint')}
              values={props.values}
              errors={props.errors}
              width="full"
            />
            <TextField
              name="bis"
              label={t('reports.recording.window_to')}
              hint={t('reports.recording.window_to_hint')}
              values={props.values}
              errors={props.errors}
              width="full"
            />
            <Button>{t('reports.recording.open')}</Button>
          </form>
          <h2 class="kern-heading-medium">{t('reports.recording.windows_heading')}</h2>
          <p class="kern-body">{t('reports.recording.aggregate_rule')}</p>
          {overview.windows.map((w) => (
            <table class="kern-table">
              <caption>
                {t('reports.recording.window_caption', {
                  unit: w.unitName,
                  from: formatIsoDate(w.startsOn),
                  to: formatIsoDate(w.endsOn),
                })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('reports.recording.task')}</th>
                  <th scope="col">{t('reports.recording.col_entries')}</th>
                  <th scope="col">{t('reports.recording.col_people')}</th>
                  <th scope="col">{t('reports.recording.col_mean')}</th>
                </tr>
              </thead>
              <tbody>
                {w.tasks.map((task) => (
                  <tr>
                    <th scope="row">{task.label}</th>
                    <td>{task.entries ?? '.'}</td>
                    <td>{task.people ?? '.'}</td>
                    <td>{task.mean === null ? '.' : String(task.mean).replace('.', ',')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </>
      ) : null}
    </Layout>
  )
}
