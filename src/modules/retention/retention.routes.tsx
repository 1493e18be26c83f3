// SPDX-License-Identifier: EUPL-1.2
import { type Context, Hono } from 'hono'
import type { AppEnv } from '../../http/context.js'
import { formText } from '../../http/form-input.js'
import { parseGermanDate } from '../../shared/dates.js'
import { NotFoundError } from '../../shared/errors.js'
import { t } from '../../shared/i18n.js'
import type { FieldErrors } from '../../views/components/form.js'
import { applicationsService } from '../applications/index.js'
import { requireStaff, staffAccess } from '../auth/index.js'
import {
  previewRetention,
  ReleaseOutdatedError,
  recentDeletionLog,
  releaseRetention,
} from './retention.service.js'
import { renderAccessPdf } from './subject-access.pdf.js'
import { buildAccessBundle, findSubjects, type SubjectQuery } from './subject-access.service.js'
import { ACCESS_FIELDS, DeletionPlanPage, SubjectAccessPage } from './views/DataProtectionPages.js'

/** Only the data-protection officer: the deletion report and release, and Art. 15 access exports. */
const dpo = staffAccess('data_protection_officer')

/** Reads the Art. 15 search form: a file number, or surname + given name + birth date. */
export function readSubjectQuery(values: Record<string, string>): {
  query?: SubjectQuery
  errors: FieldErrors
} {
  const reference = (values.reference ?? '').trim()
  if (reference !== '') {
    if (!/^[A-Za-z]{2,4}-\d{4}-\d{6,7}$/.test(reference)) {
      return { errors: { reference: t('retention.access.reference_invalid') } }
    }
    return { query: { kind: 'reference', reference }, errors: {} }
  }
  const surname = (values.surname ?? '').trim()
  const givenName = (values.givenName ?? '').trim()
  const birthRaw = (values.birthDate ?? '').trim()
  const errors: FieldErrors = {}
  if (surname === '' && givenName === '' && birthRaw === '') {
    errors.reference = t('retention.access.nothing_given')
    return { errors }
  }
  if (surname === '' || surname.length > 200) {
    errors.surname = t('retention.access.surname_required')
  }
  if (givenName === '' || givenName.length > 200) {
    errors.givenName = t('retention.access.given_name_required')
  }
  const birthDate = parseGermanDate(birthRaw)
  if (birthDate === null) {
    errors.birthDate = t('retention.access.birth_date_invalid')
  }
  if (Object.keys(errors).length > 0 || birthDate === null) {
    return { errors }
  }
  return { query: { kind: 'name', surname, givenName, birthDate }, errors }
}

/** Routes of the data-protection officer under /dsb. */
export function retentionRoutes() {
  const app = new Hono<AppEnv>()

  const showPlan = async (c: Context<AppEnv>, extra: { notice?: string; error?: string } = {}) => {
    const staff = requireStaff(c)
    const { db, config } = c.get('deps')
    const { plan, released } = await previewRetention(
      db,
      config.retention,
      { type: 'staff', id: staff.id },
      c.get('requestId'),
    )
    const log = await recentDeletionLog(db)
    return (
      <DeletionPlanPage
        staff={staff}
        csrfToken={c.get('csrfToken')}
        plan={plan}
        released={released}
        log={log}
        notice={extra.notice}
        error={extra.error}
      />
    )
  }

  app.get('/dsb/loeschung', dpo, async (c) => {
    const notice = c.req.query('freigegeben') === '1' ? t('retention.plan.released_notice') : undefined
    return c.html(await showPlan(c, { notice }))
  })

  app.post('/dsb/loeschung/freigeben', dpo, async (c) => {
    const staff = requireStaff(c)
    const { db, config } = c.get('deps')
    const values = await formText(c)
    try {
      await releaseRetention(
        db,
        config.retention,
        { type: 'staff', id: staff.id },
        values.fingerprint ?? '',
        c.get('requestId'),
      )
    } catch (error) {
      if (error instanceof ReleaseOutdatedError) {
        return c.html(await showPlan(c, { error: t('retention.plan.outdated') }), 409)
      }
      throw error
    }
    return c.redirect('/dsb/loeschung?freigegeben=1', 303)
  })

  app.get('/dsb/auskunft', dpo, (c) => {
    const staff = requireStaff(c)
    return c.html(<SubjectAccessPage staff={staff} csrfToken={c.get('csrfToken')} values={{}} errors={{}} />)
  })

  // POST, not GET: names and birth dates must not end up in URLs, browser history or access logs.
  app.post('/dsb/auskunft', dpo, async (c) => {
    const staff = requireStaff(c)
    const values = await formText(c)
    const kept = Object.fromEntries(ACCESS_FIELDS.map((name) => [name, (values[name] ?? '').slice(0, 200)]))
    const { query, errors } = readSubjectQuery(values)
    if (!query) {
      return c.html(
        <SubjectAccessPage staff={staff} csrfToken={c.get('csrfToken')} values={kept} errors={errors} />,
        422,
      )
    }
    const hits = await findSubjects(
      c.get('deps').db,
      query,
      { type: 'staff', id: staff.id },
      c.get('requestId'),
    )
    return c.html(
      <SubjectAccessPage
        staff={staff}
        csrfToken={c.get('csrfToken')}
        values={kept}
        errors={{}}
        hits={hits}
      />,
    )
  })

  app.get('/dsb/auskunft/:id/:file{auskunft\\.(json|pdf)}', dpo, async (c) => {
    const staff = requireStaff(c)
    const id = c.req.param('id')
    const format = c.req.param('file').endsWith('.pdf') ? 'pdf' : 'json'
    if (!applicationsService.isUuid(id)) {
      throw new NotFoundError('no such application')
    }
    const { db, config } = c.get('deps')
    const bundle = await buildAccessBundle(
      db,
      id,
      { type: 'staff', id: staff.id },
      c.get('requestId'),
      format,
    )
    if (!bundle) {
      throw new NotFoundError('no such application')
    }
    const headers = {
      'Cache-Control': 'no-store',
      'Content-Disposition': `attachment; filename="auskunft-art15-${bundle.applications[0]?.reference ?? id}.${format}"`,
    }
    if (format === 'pdf') {
      const pdf = await renderAccessPdf(bundle, config.letterhead)
      return c.body(new Uint8Array(pdf), 200, { ...headers, 'Content-Type': 'application/pdf' })
    }
    return c.body(JSON.stringify(bundle, null, 2), 200, {
      ...headers,
      'Content-Type': 'application/json; charset=utf-8',
    })
  })

  return app
}
