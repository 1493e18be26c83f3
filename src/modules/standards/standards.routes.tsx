// SPDX-License-Identifier: EUPL-1.2
import { type Context, Hono } from 'hono'
import type { AppEnv } from '../../http/context.js'
import { formText } from '../../http/form-input.js'
import { parseGermanDate, todayIso } from '../../shared/dates.js'
import { t } from '../../shared/i18n.js'
import type { StaffRole } from '../auth/index.js'
import { requireStaff, staffAccess } from '../auth/index.js'
import { organisationService } from '../organisation/index.js'
import { postsInForceWithUnits } from '../organisation/post-title.js'
import { diffSteps, versionInForce } from './standards.domain.js'
import { StandardRefusedError } from './standards.errors.js'
import {
  formatExchangeError,
  parseStepsText,
  serializeExchangeFile,
  stepsToYaml,
} from './standards.exchange.js'
import * as service from './standards.service.js'
import {
  DiffPage,
  EditVersionPage,
  ImportPage,
  NewStandardPage,
  StandardPage,
  StandardsListPage,
  VersionPage,
} from './views/StandardsPages.js'

/** Every staff role may read standards (they describe how the office works; no social data). */
const ALL_STAFF: StaffRole[] = [
  'caseworker',
  'team_lead',
  'department_head',
  'division_head',
  'complaints_coordinator',
  'auditor',
  'data_protection_officer',
  'administrator',
]
const readers = staffAccess(...ALL_STAFF)
const editors = staffAccess(...service.STANDARD_EDITOR_ROLES)
const importers = staffAccess('administrator')

const KEY = /^[a-z0-9][a-z0-9-]{1,79}$/

function base(c: Context<AppEnv>) {
  return { staff: requireStaff(c), csrfToken: c.get('csrfToken') }
}

function versionNumber(value: string | undefined): number {
  const n = Number.parseInt(value ?? '', 10)
  if (!Number.isInteger(n) || n < 1 || n > 100_000) {
    throw new StandardRefusedError('not_found')
  }
  return n
}

async function loadVersion(c: Context<AppEnv>) {
  const standard = await service.getStandard(c.get('deps').db, c.req.param('key') ?? '')
  const number = versionNumber(c.req.param('version'))
  const version = standard.versions.find((v) => v.version === number)
  if (!version) {
    throw new StandardRefusedError('not_found')
  }
  return { standard, version }
}

/** Whether the signed-in person acts for the standard's approver post now, and under which name. */
async function approvalFor(c: Context<AppEnv>, approverPostId: string | null) {
  if (!approverPostId) {
    return { canApprove: false, name: null }
  }
  const acting = await organisationService.whoActsFor(c.get('deps').db, approverPostId, new Date())
  if (acting.kind === 'nobody' || acting.person.staffUserId !== requireStaff(c).id) {
    return { canApprove: false, name: null }
  }
  return { canApprove: true, name: `${acting.kind === 'holder' ? '' : 'i.V. '}${acting.person.displayName}` }
}

async function renderVersion(
  c: Context<AppEnv>,
  errors: Record<string, string> = {},
  values: Record<string, string> = {},
) {
  const { standard, version } = await loadVersion(c)
  const staff = requireStaff(c)
  const approval = await approvalFor(c, standard.approverPostId)
  return c.html(
    <VersionPage
      {...base(c)}
      standard={standard}
      version={version}
      canEdit={service.STANDARD_EDITOR_ROLES.includes(staff.role)}
      canApprove={approval.canApprove}
      approverName={approval.name}
      today={todayIso()}
      errors={errors}
      values={values}
    />,
    Object.keys(errors).length > 0 ? 422 : 200,
  )
}

/** /standards: list, versions, lifecycle, diff, export for all staff; import for administrators. */
export function standardsRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/standards', readers, async (c) => {
    const standards = await service.listStandards(c.get('deps').db)
    const staff = requireStaff(c)
    return c.html(
      <StandardsListPage
        {...base(c)}
        standards={standards.map((s) => ({ ...s, inForce: versionInForce(s, new Date()) }))}
        canEdit={service.STANDARD_EDITOR_ROLES.includes(staff.role)}
        canImport={staff.role === 'administrator'}
      />,
    )
  })

  app.get('/standards/export', readers, async (c) => {
    const as = c.req.query('format') === 'json' ? 'json' : 'yaml'
    const key = c.req.query('standard')
    const file = await service.exportStandards(c.get('deps').db, key && KEY.test(key) ? [key] : [])
    return c.body(serializeExchangeFile(file, as), 200, {
      'Content-Type': as === 'json' ? 'application/json; charset=utf-8' : 'application/yaml; charset=utf-8',
      'Content-Disposition': `attachment; filename="prozessstandards${key ? `-${key}` : ''}.${as}"`,
      'X-Content-Type-Options': 'nosniff',
    })
  })

  app.get('/standards/import', importers, (c) =>
    c.html(<ImportPage {...base(c)} errors={{}} exchangeErrors={[]} />),
  )

  app.post('/standards/import', importers, async (c) => {
    const body = await c.req.parseBody()
    const file = body.file
    const text = typeof file === 'object' && file !== null && 'text' in file ? await file.text() : ''
    if (text.trim() === '') {
      return c.html(
        <ImportPage
          {...base(c)}
          errors={{ file: t('standards.import.error_no_file') }}
          exchangeErrors={[]}
        />,
        422,
      )
    }
    const result = await service.importStandards(c.get('deps').db, requireStaff(c), text)
    if (!result.ok) {
      const first = result.errors[0]
      return c.html(
        <ImportPage
          {...base(c)}
          errors={{
            file: t('standards.import.error_invalid', {
              count: result.errors.length,
              first: first ? formatExchangeError(first) : '',
            }),
          }}
          exchangeErrors={result.errors}
        />,
        422,
      )
    }
    return c.html(<ImportPage {...base(c)} errors={{}} exchangeErrors={[]} result={result.imported} />)
  })

  app.get('/standards/neu', editors, async (c) => {
    const posts = await postsInForceWithUnits(c.get('deps').db, new Date())
    return c.html(<NewStandardPage {...base(c)} values={{}} errors={{}} exchangeErrors={[]} posts={posts} />)
  })

  app.post('/standards/neu', editors, async (c) => {
    const { db } = c.get('deps')
    const values = await formText(c)
    const posts = await postsInForceWithUnits(db, new Date())
    const errors: Record<string, string> = {}
    const key = (values.key ?? '').trim()
    if (!KEY.test(key) || ['neu', 'import', 'export'].includes(key)) {
      errors.key = t('standards.new.error_key')
    }
    const title = (values.title ?? '').trim()
    if (title === '' || title.length > 200) {
      errors.title = t('standards.new.error_title')
    }
    const approverPostId = values.approverPostId ?? ''
    if (approverPostId !== '' && !posts.some((p) => p.id === approverPostId)) {
      errors.approverPostId = t('standards.new.error_approver')
    }
    const steps = parseStepsText(values.steps ?? '')
    if (!steps.ok) {
      const first = steps.errors[0]
      errors.steps = t('standards.edit.error_steps', {
        count: steps.errors.length,
        first: first ? formatExchangeError(first) : '',
      })
    }
    if (Object.keys(errors).length > 0 || !steps.ok) {
      return c.html(
        <NewStandardPage
          {...base(c)}
          values={values}
          errors={errors}
          exchangeErrors={steps.ok ? [] : steps.errors}
          posts={posts}
        />,
        422,
      )
    }
    await service.createStandard(db, requireStaff(c), {
      key,
      title,
      description: (values.description ?? '').trim(),
      approverPostId: approverPostId === '' ? null : approverPostId,
      steps: steps.value,
    })
    return c.redirect(`/standards/${key}`, 303)
  })

  app.get('/standards/:key', readers, async (c) => {
    const { db } = c.get('deps')
    const standard = await service.getStandard(db, c.req.param('key'))
    const posts = await postsInForceWithUnits(db, new Date())
    const approver = posts.find((p) => p.id === standard.approverPostId)
    const notice = c.req.query('hinweis') === 'freigabestelle' ? t('standards.approver.saved') : undefined
    return c.html(
      <StandardPage
        {...base(c)}
        standard={standard}
        inForce={versionInForce(standard, new Date())}
        approverPostTitle={approver ? `${approver.title} (${approver.unit_name})` : null}
        posts={posts}
        canEdit={service.STANDARD_EDITOR_ROLES.includes(requireStaff(c).role)}
        notice={notice}
      />,
    )
  })

  app.post('/standards/:key/freigabestelle', editors, async (c) => {
    const key = c.req.param('key')
    const postId = (await formText(c)).approverPostId ?? ''
    const { db } = c.get('deps')
    const posts = await postsInForceWithUnits(db, new Date())
    if (!posts.some((p) => p.id === postId)) {
      return c.redirect(`/standards/${key}`, 303)
    }
    await service.setApproverPost(db, requireStaff(c), key, postId)
    return c.redirect(`/standards/${key}?hinweis=freigabestelle`, 303)
  })

  app.post('/standards/:key/versionen', editors, async (c) => {
    const key = c.req.param('key')
    const version = await service.createDraftVersion(c.get('deps').db, requireStaff(c), key)
    return c.redirect(`/standards/${key}/versionen/${version.version}/bearbeiten`, 303)
  })

  app.get('/standards/:key/versionen/:version', readers, (c) => renderVersion(c))

  app.get('/standards/:key/versionen/:version/bearbeiten', editors, async (c) => {
    const { standard, version } = await loadVersion(c)
    if (version.status !== 'draft') {
      return c.redirect(`/standards/${standard.key}/versionen/${version.version}`, 303)
    }
    return c.html(
      <EditVersionPage
        {...base(c)}
        standard={standard}
        version={version}
        values={{ steps: stepsToYaml(version.steps), changeNote: version.changeNote }}
        errors={{}}
        exchangeErrors={[]}
      />,
    )
  })

  app.post('/standards/:key/versionen/:version/bearbeiten', editors, async (c) => {
    const { standard, version } = await loadVersion(c)
    const values = await formText(c)
    const steps = parseStepsText(values.steps ?? '')
    if (!steps.ok) {
      const first = steps.errors[0]
      return c.html(
        <EditVersionPage
          {...base(c)}
          standard={standard}
          version={version}
          values={values}
          errors={{
            steps: t('standards.edit.error_steps', {
              count: steps.errors.length,
              first: first ? formatExchangeError(first) : '',
            }),
          }}
          exchangeErrors={steps.errors}
        />,
        422,
      )
    }
    await service.updateDraft(c.get('deps').db, requireStaff(c), standard.key, version.version, {
      steps: steps.value,
      changeNote: (values.changeNote ?? '').trim().slice(0, 2000),
    })
    return c.redirect(`/standards/${standard.key}/versionen/${version.version}`, 303)
  })

  app.post('/standards/:key/versionen/:version/aktion', readers, async (c) => {
    const { standard, version } = await loadVersion(c)
    const { db } = c.get('deps')
    const staff = requireStaff(c)
    const fields = await formText(c)
    const target = `/standards/${standard.key}/versionen/${version.version}`
    switch (fields.action) {
      case 'submit':
        await service.submitForReview(db, staff, standard.key, version.version)
        break
      case 'return':
        await service.returnToDraft(db, staff, standard.key, version.version)
        break
      case 'approve':
        await service.approveVersion(db, staff, standard.key, version.version)
        break
      case 'publish': {
        const validFrom = parseGermanDate(fields.validFrom ?? '')
        if (!validFrom) {
          return renderVersion(c, { validFrom: t('standards.action.error_valid_from') }, fields)
        }
        if (validFrom < todayIso()) {
          return renderVersion(c, { validFrom: t('standards.error.valid_from_in_past') }, fields)
        }
        await service.publishVersion(db, staff, standard.key, version.version, validFrom)
        break
      }
      default:
        break
    }
    return c.redirect(target, 303)
  })

  app.get('/standards/:key/vergleich', readers, async (c) => {
    const standard = await service.getStandard(c.get('deps').db, c.req.param('key'))
    const from = versionNumber(c.req.query('von'))
    const to = versionNumber(c.req.query('bis'))
    const a = standard.versions.find((v) => v.version === from)
    const b = standard.versions.find((v) => v.version === to)
    if (!a || !b) {
      throw new StandardRefusedError('not_found')
    }
    return c.html(
      <DiffPage {...base(c)} standard={standard} from={from} to={to} steps={diffSteps(a.steps, b.steps)} />,
    )
  })

  return app
}
