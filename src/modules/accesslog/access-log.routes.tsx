// SPDX-License-Identifier: EUPL-1.2
import { type Context, Hono } from 'hono'
import { requireStaff, staffAccess } from '../../http/access.js'
import type { AppEnv } from '../../http/context.js'
import { parseGermanDate } from '../../shared/dates.js'
import { t } from '../../shared/i18n.js'
import type { FieldErrors, FieldValues } from '../../views/components/form.js'
import * as accessLog from './access-log.service.js'
import { CaseHistoryPage, PersonHistoryPage, PersonSearchPage } from './views/AccessLogPages.js'

/** The case's responsible staff (need-to-know decides which cases), auditors, and the data-protection officer. */
const caseHistoryReaders = staffAccess(
  'caseworker',
  'team_lead',
  'department_head',
  'division_head',
  'auditor',
  'data_protection_officer',
)
const dpo = staffAccess('data_protection_officer')

/** Reads the filter of a history from the query string; bad dates become field errors. */
function readFilter(c: Context<AppEnv>): {
  filter: accessLog.HistoryFilter
  values: FieldValues
  errors: FieldErrors
  keep: URLSearchParams
} {
  const values: FieldValues = {
    wer: c.req.query('wer') ?? '',
    von: c.req.query('von') ?? '',
    bis: c.req.query('bis') ?? '',
    vor: c.req.query('vor') ?? '',
  }
  const errors: FieldErrors = {}
  const date = (name: 'von' | 'bis') => {
    const raw = values[name]?.trim() ?? ''
    if (raw === '') {
      return undefined
    }
    const iso = parseGermanDate(raw)
    if (!iso) {
      errors[name] = t('accesslog.error_date')
    }
    return iso ?? undefined
  }
  const from = date('von')
  const to = date('bis')
  const before = Number(values.vor)
  const keep = new URLSearchParams()
  const fall = c.req.query('fall')
  if (fall) {
    keep.set('fall', fall)
  }
  for (const name of ['wer', 'von', 'bis'] as const) {
    if (values[name]) {
      keep.set(name, values[name] ?? '')
    }
  }
  return {
    filter: {
      actorId: values.wer || undefined,
      from,
      to,
      beforeId: Number.isSafeInteger(before) && before > 0 ? before : undefined,
    },
    values,
    errors,
    keep,
  }
}

/** Access histories: a case's, and a person's for the data-protection officer. Every view is audited. */
export function accessLogRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/sachbearbeitung/antraege/:id/zugriffe', caseHistoryReaders, async (c) => {
    const staff = requireStaff(c)
    const id = c.req.param('id')
    const { filter, values, errors, keep } = readFilter(c)
    const history = await accessLog.caseAccessHistory(c.get('deps').db, staff, id, filter)
    return c.html(
      <CaseHistoryPage
        staff={staff}
        csrfToken={c.get('csrfToken')}
        applicationId={id}
        reference={history.reference}
        page={history}
        values={values}
        errors={errors}
        keep={keep}
      />,
      Object.keys(errors).length > 0 ? 422 : 200,
    )
  })

  app.get('/datenschutz/personen', dpo, async (c) => {
    const staff = requireStaff(c)
    const values: FieldValues = {
      name: c.req.query('name')?.trim() ?? '',
      geburtsdatum: c.req.query('geburtsdatum')?.trim() ?? '',
      aktenzeichen: c.req.query('aktenzeichen')?.trim() ?? '',
    }
    const asked = Object.keys(c.req.queries()).length > 0
    if (!asked) {
      return c.html(
        <PersonSearchPage
          staff={staff}
          csrfToken={c.get('csrfToken')}
          values={values}
          errors={{}}
          results={null}
        />,
      )
    }
    const errors: FieldErrors = {}
    const birthDate = values.geburtsdatum ? parseGermanDate(values.geburtsdatum) : undefined
    if (birthDate === null) {
      errors.geburtsdatum = t('accesslog.error_birth_date')
    }
    if (!values.name && !values.geburtsdatum && !values.aktenzeichen) {
      errors.name = t('accesslog.error_search_empty')
    }
    if (Object.keys(errors).length > 0) {
      return c.html(
        <PersonSearchPage
          staff={staff}
          csrfToken={c.get('csrfToken')}
          values={values}
          errors={errors}
          results={null}
        />,
        422,
      )
    }
    const results = await accessLog.searchPersons(c.get('deps').db, staff, {
      surname: values.name || undefined,
      birthDate: birthDate ?? undefined,
      reference: values.aktenzeichen || undefined,
    })
    return c.html(
      <PersonSearchPage
        staff={staff}
        csrfToken={c.get('csrfToken')}
        values={values}
        errors={{}}
        results={results}
      />,
    )
  })

  app.get('/datenschutz/personen/zugriffe', dpo, async (c) => {
    const staff = requireStaff(c)
    const { filter, values, errors, keep } = readFilter(c)
    const history = await accessLog.personAccessHistory(
      c.get('deps').db,
      staff,
      c.req.query('fall') ?? '',
      filter,
    )
    return c.html(
      <PersonHistoryPage
        staff={staff}
        csrfToken={c.get('csrfToken')}
        person={history.person}
        page={history}
        values={values}
        errors={errors}
        keep={keep}
      />,
      Object.keys(errors).length > 0 ? 422 : 200,
    )
  })

  return app
}
