// SPDX-License-Identifier: EUPL-1.2

import { stringify } from 'csv-stringify/sync'
import { type Context, Hono } from 'hono'
import type { AppEnv } from '../../http/context.js'
import { formText } from '../../http/form-input.js'
import { parseGermanDate } from '../../shared/dates.js'
import { ForbiddenError, NotFoundError } from '../../shared/errors.js'
import { t } from '../../shared/i18n.js'
import { isUuid } from '../../shared/ids.js'
import { parseEuroToCents } from '../../shared/money.js'
import type { FieldErrors, FieldValues } from '../../views/components/form.js'
import { requireStaff, staffAccess } from '../auth/index.js'
import { exportOrganisationCsv, importOrganisationCsv } from './organisation.csv.js'
import { berlinDay, berlinDayStart, standInstant } from './organisation.dates.js'
import { OrganisationChangeRefusedError, OrganisationRecordRejectedError } from './organisation.errors.js'
import * as service from './organisation.service.js'
import { staffingAt } from './organisation.staffing.js'
import type { OrgUnitKind, SigningLevel } from './organisation.table.js'
import {
  BASE,
  bandText,
  type FormField,
  ImportPage,
  KIND_LABEL,
  OrgFormPage,
  OrgIndex,
  OverviewPage,
  SIGNING_LABEL,
  StaffingPage,
  UnitPage,
} from './views/OrganisationPages.js'

/** Structure (units, posts, people, holdings, deputy rules, interim plan): administrators only. */
const administrators = staffAccess('administrator')
/** Reading the structure and managing absences of one's own units: administrators and leads. */
const orgReaders = staffAccess('administrator', 'team_lead', 'department_head', 'division_head')
/** Staffing and caseload figures: the leads who steer staff (issue 4). */
const leads = staffAccess('team_lead', 'department_head', 'division_head')

/** Where a form may send the browser back to: only the organisation pages themselves (no open redirect). */
const SAFE_BACK = /^\/verwaltung\/organisation(\/einheiten\/[0-9a-f-]{36})?$/

const END_TYPES = {
  einheiten: 'org_unit',
  stellen: 'post',
  besetzungen: 'post_holding',
  vertretungen: 'deputy_rule',
  interim: 'interim_assignment',
} as const satisfies Record<string, service.EndableRecordType>

type Values = Record<string, string>

function actorOf(c: Context<AppEnv>): service.OrganisationActor {
  return { type: 'staff', id: requireStaff(c).id, requestId: c.get('requestId') }
}

function now(): Date {
  return new Date()
}

async function loadIndex(c: Context<AppEnv>, at: Date = now()): Promise<OrgIndex> {
  return new OrgIndex(await service.loadOrganisationAt(c.get('deps').db, at))
}

/** Parses a required (or optional) date field into the start of that day in Berlin. */
function dateField(values: Values, name: string, label: string, errors: FieldErrors, optional = false) {
  const raw = (values[name] ?? '').trim()
  if (raw === '') {
    if (!optional) {
      errors[name] = t('organisation.form.required', { field: label })
    }
    return null
  }
  const iso = parseGermanDate(raw)
  if (!iso) {
    errors[name] = t('organisation.form.date_invalid', { field: label })
    return null
  }
  return berlinDayStart(iso)
}

function textField(values: Values, name: string, label: string, errors: FieldErrors, max = 200): string {
  const value = (values[name] ?? '').trim()
  if (value === '') {
    errors[name] = t('organisation.form.required', { field: label })
  } else if (value.length > max) {
    errors[name] = t('organisation.form.too_long', { field: label, max })
  }
  return value
}

function choiceField<T extends string>(
  values: Values,
  name: string,
  label: string,
  allowed: readonly T[],
  errors: FieldErrors,
): T | null {
  const value = values[name] ?? ''
  const found = allowed.find((a) => a === value)
  if (!found) {
    errors[name] = t('organisation.form.choose', { field: label })
    return null
  }
  return found
}

/** "0,5" / "0.5" / "1" → a number in (0, 1] with at most two decimals. */
export function parseFte(raw: string): number | null {
  const s = raw.trim().replace(',', '.')
  if (!/^\d(\.\d{1,2})?$/.test(s)) {
    return null
  }
  const fte = Number(s)
  return fte > 0 && fte <= 1 ? fte : null
}

/** The `validFrom` (required) and `validTo` (optional, after the start) fields of a dated record. */
function periodFields(values: Values, errors: FieldErrors) {
  const validFrom = dateField(values, 'validFrom', t('organisation.field.valid_from'), errors)
  const validTo = dateField(values, 'validTo', t('organisation.field.valid_to'), errors, true)
  if (validFrom && validTo && validTo <= validFrom) {
    errors.validTo = t('organisation.form.end_before_start')
  }
  return { validFrom, validTo }
}

/** Runs a service call; a refused record becomes a message at `field` instead of an error page. */
async function attempt(field: string, action: () => Promise<unknown>): Promise<FieldErrors> {
  try {
    await action()
    return {}
  } catch (error) {
    if (error instanceof OrganisationRecordRejectedError || error instanceof OrganisationChangeRefusedError) {
      return { [field]: t(error.messageKey) }
    }
    throw error
  }
}

interface FormSpec {
  title: string
  intro?: string | undefined
  back: string
  fields: FormField[]
  submit: string
  hidden?: Record<string, string>
}

function renderForm(c: Context<AppEnv>, spec: FormSpec, values: FieldValues, errors: FieldErrors) {
  const status = Object.keys(errors).length > 0 ? 422 : 200
  return c.html(
    <OrgFormPage
      staff={requireStaff(c)}
      csrfToken={c.get('csrfToken')}
      {...spec}
      action={new URL(c.req.url).pathname}
      values={values}
      errors={errors}
    />,
    status,
  )
}

/**
 * The POST half of a form: parse, save, then redirect to `done` — or show the form again with 422 and every
 * mistake. `save` returns the errors (empty when saved).
 */
async function submitForm(
  c: Context<AppEnv>,
  spec: FormSpec,
  save: (values: Values) => Promise<FieldErrors>,
  done: string | (() => string),
) {
  const values = await formText(c)
  const errors = await save(values)
  if (Object.keys(errors).length > 0) {
    return renderForm(c, spec, values, errors)
  }
  const target = typeof done === 'string' ? done : done()
  return c.redirect(`${target}${target.includes('?') ? '&' : '?'}gespeichert=1`, 303)
}

const validFromField = (label = t('organisation.field.valid_from')): FormField => ({
  kind: 'text',
  name: 'validFrom',
  label,
  hint: t('organisation.field.date_hint'),
  inputmode: 'numeric',
})
const validToField: FormField = {
  kind: 'text',
  name: 'validTo',
  label: t('organisation.field.valid_to'),
  hint: t('organisation.field.valid_to_hint'),
  optional: true,
  inputmode: 'numeric',
}

function postAttributeFields(): FormField[] {
  return [
    { kind: 'text', name: 'title', label: t('organisation.field.title') },
    {
      kind: 'text',
      name: 'fte',
      label: t('organisation.field.fte'),
      hint: t('organisation.field.fte_hint'),
      inputmode: 'decimal',
    },
    { kind: 'text', name: 'taskArea', label: t('organisation.field.task_area'), optional: true },
    {
      kind: 'select',
      name: 'signingLevel',
      label: t('organisation.field.signing_level'),
      options: (Object.keys(SIGNING_LABEL) as SigningLevel[]).map((v) => ({
        value: v,
        label: SIGNING_LABEL[v],
      })),
    },
    {
      kind: 'text',
      name: 'signingLimit',
      label: t('organisation.field.signing_limit'),
      hint: t('organisation.field.signing_limit_hint'),
      optional: true,
      inputmode: 'decimal',
    },
  ]
}

function parsePostAttributes(values: Values, errors: FieldErrors): service.PostAttributes {
  const title = textField(values, 'title', t('organisation.field.title'), errors)
  const fte = parseFte(values.fte ?? '')
  if (fte === null) {
    errors.fte = t('organisation.form.fte_invalid')
  }
  const taskArea = (values.taskArea ?? '').trim()
  const signingLevel = choiceField(
    values,
    'signingLevel',
    t('organisation.field.signing_level'),
    ['none', 'team', 'department', 'division'] as const,
    errors,
  )
  const rawLimit = (values.signingLimit ?? '').trim()
  const limit = rawLimit === '' ? null : parseEuroToCents(rawLimit)
  if (rawLimit !== '' && limit === null) {
    errors.signingLimit = t('organisation.form.euro_invalid')
  }
  return {
    title,
    fte: fte ?? 1,
    taskArea: taskArea === '' ? null : taskArea,
    signingLevel: signingLevel ?? 'none',
    signingLimitCents: limit,
  }
}

function unitOrThrow(index: OrgIndex, id: string) {
  const unit = index.unitById.get(id)
  if (!unit) {
    throw new NotFoundError(`unit ${id} not in force`)
  }
  return unit
}

type IndexedPost = ReturnType<typeof postOrThrow>

function postOrThrow(index: OrgIndex, id: string) {
  const post = index.postById.get(id)
  if (!post) {
    throw new NotFoundError(`post ${id} not in force`)
  }
  return post
}

function noticeOf(c: Context<AppEnv>): string | undefined {
  return c.req.query('gespeichert') === '1' ? t('organisation.saved') : undefined
}

/** The admin screens of the organisation (issue 4): structure, absences, deputies, interim plan, past dates. */
export function organisationRoutes() {
  const app = new Hono<AppEnv>()

  /**
   * A form about one post at `${BASE}/stellen/:id/<path>` for administrators: GET shows it (with `initial`
   * values), POST checks and saves it through `save`; both lead back to the post's unit.
   */
  const postForm = (
    path: string,
    spec: (index: OrgIndex, post: IndexedPost, back: string) => FormSpec,
    save: (c: Context<AppEnv>, values: Values, index: OrgIndex, post: IndexedPost) => Promise<FieldErrors>,
    initial: (post: IndexedPost) => FieldValues = () => ({}),
  ) => {
    app.get(`${BASE}/stellen/:id/${path}`, administrators, async (c) => {
      const index = await loadIndex(c)
      const post = postOrThrow(index, c.req.param('id'))
      return renderForm(c, spec(index, post, `${BASE}/einheiten/${post.unitId}`), initial(post), {})
    })
    app.post(`${BASE}/stellen/:id/${path}`, administrators, async (c) => {
      const index = await loadIndex(c)
      const post = postOrThrow(index, c.req.param('id'))
      const back = `${BASE}/einheiten/${post.unitId}`
      return submitForm(c, spec(index, post, back), (values) => save(c, values, index, post), back)
    })
  }

  app.get(BASE, orgReaders, async (c) => {
    const stand = standInstant(c.req.query('stand'), now())
    const staff = requireStaff(c)
    return c.html(
      <OverviewPage
        staff={staff}
        csrfToken={c.get('csrfToken')}
        index={await loadIndex(c, stand.at)}
        day={stand.day}
        given={stand.given}
        isAdmin={staff.role === 'administrator'}
        notice={noticeOf(c)}
      />,
    )
  })

  // --- staffing -------------------------------------------------------------------------------------------
  app.get(`${BASE}/stellen`, leads, async (c) => {
    const stand = standInstant(c.req.query('stand'), now())
    const staffing = await staffingAt(c.get('deps').db, stand.at, c.get('deps').config.caseloadNorm)
    return c.html(
      <StaffingPage
        staff={requireStaff(c)}
        csrfToken={c.get('csrfToken')}
        staffing={staffing}
        day={stand.day}
        given={stand.given}
      />,
    )
  })

  app.get(`${BASE}/stellen.csv`, leads, async (c) => {
    const stand = standInstant(c.req.query('stand'), now())
    const staffing = await staffingAt(c.get('deps').db, stand.at, c.get('deps').config.caseloadNorm)
    const decimal = (n: number | null) => (n === null ? '' : String(n).replace('.', ','))
    const rows = staffing.rows.map((r) => [
      r.unit.shortCode,
      r.unit.name,
      KIND_LABEL[r.unit.kind],
      r.total.postsPlanned,
      r.total.postsFilled,
      r.total.postsVacant,
      decimal(r.total.ftePlanned),
      decimal(r.total.fteFilled),
      r.total.absentPeople,
      decimal(r.total.ftePresent),
      r.total.openCases,
      decimal(r.total.casesPerFte),
      bandText(r.total.band, staffing.norm),
    ])
    const csv = stringify(rows, {
      delimiter: ';',
      bom: true,
      record_delimiter: 'windows',
      header: true,
      columns: [
        'kuerzel',
        'einheit',
        'art',
        'stellen',
        'besetzt',
        'vakant',
        'vzae_soll',
        'vzae_besetzt',
        'abwesend',
        'vzae_anwesend',
        'offene_faelle',
        'faelle_je_vzae',
        'bewertung',
      ],
    })
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="stellen-${stand.day}.csv"`,
      'Cache-Control': 'no-store',
    })
  })

  // --- CSV ---------------------------------------------------------------------------------------------
  app.get(`${BASE}/export.csv`, administrators, async (c) => {
    const stand = standInstant(c.req.query('stand'), now())
    const csv = await exportOrganisationCsv(c.get('deps').db, stand.at)
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="organisation-${stand.day}.csv"`,
      'Cache-Control': 'no-store',
    })
  })

  app.get(`${BASE}/import`, administrators, (c) =>
    c.html(
      <ImportPage
        staff={requireStaff(c)}
        csrfToken={c.get('csrfToken')}
        errors={[]}
        done={importNotice(c)}
      />,
    ),
  )

  app.post(`${BASE}/import`, administrators, async (c) => {
    const body = await c.req.parseBody()
    const file = body.file
    const render = (errors: Array<{ line: number; message: string }>) =>
      c.html(<ImportPage staff={requireStaff(c)} csrfToken={c.get('csrfToken')} errors={errors} />, 422)
    if (!(file instanceof File) || file.size === 0) {
      return render([{ line: 0, message: t('organisation.csv.no_file') }])
    }
    const text = new TextDecoder('utf-8').decode(await file.arrayBuffer())
    const result = await importOrganisationCsv(c.get('deps').db, actorOf(c), text)
    if (!result.ok) {
      return render(result.errors)
    }
    const counts = Object.entries(result.counts)
      .map(([k, v]) => `${k}=${v}`)
      .join('&')
    return c.redirect(`${BASE}/import?${counts}`, 303)
  })

  // --- units -------------------------------------------------------------------------------------------
  const unitSpec = (index: OrgIndex): FormSpec => ({
    title: t('organisation.unit.new'),
    back: BASE,
    submit: t('organisation.unit.create'),
    fields: [
      {
        kind: 'radio',
        name: 'kind',
        label: t('organisation.field.kind'),
        options: (Object.keys(KIND_LABEL) as OrgUnitKind[]).map((k) => ({ value: k, label: KIND_LABEL[k] })),
      },
      { kind: 'text', name: 'name', label: t('organisation.field.name') },
      {
        kind: 'text',
        name: 'shortCode',
        label: t('organisation.field.short_code'),
        hint: t('organisation.field.short_code_hint'),
      },
      {
        kind: 'select',
        name: 'parentId',
        label: t('organisation.field.parent'),
        hint: t('organisation.field.parent_hint'),
        options: index.unitOptions(),
      },
      validFromField(),
    ],
  })

  app.get(`${BASE}/einheiten/neu`, administrators, async (c) => {
    const parent = c.req.query('uebergeordnet') ?? ''
    return renderForm(c, unitSpec(await loadIndex(c)), { parentId: parent }, {})
  })

  app.post(`${BASE}/einheiten/neu`, administrators, async (c) => {
    const index = await loadIndex(c)
    let created = ''
    return submitForm(
      c,
      unitSpec(index),
      async (values) => {
        const errors: FieldErrors = {}
        const kind = choiceField(
          values,
          'kind',
          t('organisation.field.kind'),
          ['division', 'department', 'team'] as const,
          errors,
        )
        const name = textField(values, 'name', t('organisation.field.name'), errors)
        const shortCode = textField(values, 'shortCode', t('organisation.field.short_code'), errors, 40)
        const parentId = values.parentId ?? ''
        if (parentId !== '' && !index.unitById.has(parentId)) {
          errors.parentId = t('organisation.form.choose', { field: t('organisation.field.parent') })
        }
        const validFrom = dateField(values, 'validFrom', t('organisation.field.valid_from'), errors)
        if (Object.keys(errors).length > 0 || !kind || !validFrom) {
          return errors
        }
        return attempt('validFrom', async () => {
          const unit = await service.createOrgUnit(c.get('deps').db, actorOf(c), {
            kind,
            name,
            shortCode,
            parentId: parentId === '' ? null : parentId,
            validFrom,
          })
          created = unit.id
        })
      },
      // Read after save() has run: the new unit's page.
      () => `${BASE}/einheiten/${created}`,
    )
  })

  app.get(`${BASE}/einheiten/:id`, orgReaders, async (c) => {
    const stand = standInstant(c.req.query('stand'), now())
    const staff = requireStaff(c)
    const index = await loadIndex(c, stand.at)
    const unit = unitOrThrow(index, c.req.param('id'))
    const scope = service.absenceScope(index.org, staff)
    return c.html(
      <UnitPage
        staff={staff}
        csrfToken={c.get('csrfToken')}
        index={index}
        unit={unit}
        day={stand.day}
        given={stand.given}
        isAdmin={staff.role === 'administrator'}
        mayManageAbsences={scope === 'all' || scope.has(unit.id)}
        notice={noticeOf(c)}
      />,
    )
  })

  // --- posts -------------------------------------------------------------------------------------------
  const newPostSpec = (unitLabel: string, back: string): FormSpec => ({
    title: t('organisation.post.new_in', { unit: unitLabel }),
    back,
    submit: t('organisation.post.create'),
    fields: [
      ...postAttributeFields(),
      { kind: 'checkbox', name: 'isHead', label: t('organisation.field.is_head') },
      validFromField(),
    ],
  })

  app.get(`${BASE}/einheiten/:id/stellen/neu`, administrators, async (c) => {
    const index = await loadIndex(c)
    const unit = unitOrThrow(index, c.req.param('id'))
    return renderForm(
      c,
      newPostSpec(index.unitLabel(unit), `${BASE}/einheiten/${unit.id}`),
      { fte: '1,0', signingLevel: 'none' },
      {},
    )
  })

  app.post(`${BASE}/einheiten/:id/stellen/neu`, administrators, async (c) => {
    const index = await loadIndex(c)
    const unit = unitOrThrow(index, c.req.param('id'))
    const back = `${BASE}/einheiten/${unit.id}`
    return submitForm(
      c,
      newPostSpec(index.unitLabel(unit), back),
      async (values) => {
        const errors: FieldErrors = {}
        const attributes = parsePostAttributes(values, errors)
        const validFrom = dateField(values, 'validFrom', t('organisation.field.valid_from'), errors)
        if (Object.keys(errors).length > 0 || !validFrom) {
          return errors
        }
        return attempt('validFrom', () =>
          service.createPost(c.get('deps').db, actorOf(c), {
            unitId: unit.id,
            ...attributes,
            isHeadOfUnit: values.isHead === 'ja',
            validFrom,
          }),
        )
      },
      back,
    )
  })

  const changePostSpec = (title: string, back: string): FormSpec => ({
    title: t('organisation.post.change_title', { post: title }),
    intro: t('organisation.post.change_intro'),
    back,
    submit: t('organisation.post.change_submit'),
    fields: [...postAttributeFields(), validFromField(t('organisation.field.change_from'))],
  })

  postForm(
    'aendern',
    (_index, post, back) => changePostSpec(post.title, back),
    async (c, values, _index, post) => {
      const errors: FieldErrors = {}
      const attributes = parsePostAttributes(values, errors)
      const validFrom = dateField(values, 'validFrom', t('organisation.field.change_from'), errors)
      if (Object.keys(errors).length > 0 || !validFrom) {
        return errors
      }
      return attempt('validFrom', () =>
        service.changePost(c.get('deps').db, actorOf(c), post.id, validFrom, attributes),
      )
    },
    (post) => ({
      title: post.title,
      fte: post.fte.toLocaleString('de-DE', { minimumFractionDigits: 1 }),
      taskArea: post.taskArea ?? '',
      signingLevel: post.signingLevel,
      signingLimit:
        post.signingLimitCents === null ? '' : (post.signingLimitCents / 100).toFixed(2).replace('.', ','),
    }),
  )

  // --- people and holdings ----------------------------------------------------------------------------
  const personSpec: FormSpec = {
    title: t('organisation.person.new'),
    intro: t('organisation.person.intro'),
    back: BASE,
    submit: t('organisation.person.create'),
    fields: [{ kind: 'text', name: 'displayName', label: t('organisation.field.display_name') }],
  }

  app.get(`${BASE}/personen/neu`, administrators, (c) => renderForm(c, personSpec, {}, {}))

  app.post(`${BASE}/personen/neu`, administrators, (c) =>
    submitForm(
      c,
      personSpec,
      async (values) => {
        const errors: FieldErrors = {}
        const displayName = textField(values, 'displayName', t('organisation.field.display_name'), errors)
        if (Object.keys(errors).length > 0) {
          return errors
        }
        await service.createPerson(c.get('deps').db, actorOf(c), { displayName })
        return {}
      },
      BASE,
    ),
  )

  const holdingSpec = (index: OrgIndex, postLabel: string, back: string): FormSpec => ({
    title: t('organisation.holding.title', { post: postLabel }),
    back,
    submit: t('organisation.holding.submit'),
    fields: [
      {
        kind: 'select',
        name: 'personId',
        label: t('organisation.field.person'),
        options: index.personOptions(),
      },
      validFromField(),
      validToField,
    ],
  })

  postForm(
    'besetzung',
    (index, post, back) => holdingSpec(index, index.postLabel(post.id), back),
    async (c, values, index, post) => {
      const errors: FieldErrors = {}
      const personId = values.personId ?? ''
      if (!index.personName.has(personId)) {
        errors.personId = t('organisation.form.choose', { field: t('organisation.field.person') })
      }
      const { validFrom, validTo } = periodFields(values, errors)
      if (Object.keys(errors).length > 0 || !validFrom) {
        return errors
      }
      return attempt('validFrom', () =>
        service.assignPostHolder(c.get('deps').db, actorOf(c), {
          postId: post.id,
          personId,
          validFrom,
          validTo,
        }),
      )
    },
  )

  // --- deputy rules and interim plan --------------------------------------------------------------------
  const deputySpec = (index: OrgIndex, postId: string, back: string): FormSpec => ({
    title: t('organisation.deputy.title', { post: index.postLabel(postId) }),
    back,
    submit: t('organisation.deputy.submit'),
    fields: [
      {
        kind: 'select',
        name: 'deputyPostId',
        label: t('organisation.field.deputy_post'),
        options: index.postOptions().filter((o) => o.value !== postId),
      },
      {
        kind: 'radio',
        name: 'kind',
        label: t('organisation.field.deputy_kind'),
        options: [
          { value: 'permanent', label: t('organisation.deputy.permanent') },
          { value: 'chain', label: t('organisation.deputy.chain') },
        ],
      },
      {
        kind: 'text',
        name: 'position',
        label: t('organisation.field.position'),
        hint: t('organisation.field.position_hint'),
        optional: true,
        inputmode: 'numeric',
      },
      validFromField(),
    ],
  })

  postForm(
    'vertretung',
    (index, post, back) => deputySpec(index, post.id, back),
    async (c, values, index, post) => {
      const errors: FieldErrors = {}
      const deputyPostId = values.deputyPostId ?? ''
      if (!index.postById.has(deputyPostId) || deputyPostId === post.id) {
        errors.deputyPostId = t('organisation.form.choose', { field: t('organisation.field.deputy_post') })
      }
      const kind = choiceField(
        values,
        'kind',
        t('organisation.field.deputy_kind'),
        ['permanent', 'chain'] as const,
        errors,
      )
      const position = Number.parseInt(values.position ?? '', 10)
      if (kind === 'chain' && !(/^\d{1,3}$/.test((values.position ?? '').trim()) && position >= 1)) {
        errors.position = t('organisation.form.position_invalid')
      }
      const validFrom = dateField(values, 'validFrom', t('organisation.field.valid_from'), errors)
      if (Object.keys(errors).length > 0 || !validFrom || !kind) {
        return errors
      }
      const db = c.get('deps').db
      return attempt('validFrom', () =>
        kind === 'permanent'
          ? service.addDeputyRule(db, actorOf(c), { postId: post.id, deputyPostId, kind, validFrom })
          : service.addDeputyRule(db, actorOf(c), {
              postId: post.id,
              deputyPostId,
              kind,
              position,
              validFrom,
            }),
      )
    },
  )

  const interimSpec = (index: OrgIndex, postId: string, back: string): FormSpec => ({
    title: t('organisation.interim.title', { post: index.postLabel(postId) }),
    intro: t('organisation.interim.intro'),
    back,
    submit: t('organisation.interim.submit'),
    fields: [
      {
        kind: 'select',
        name: 'actingPostId',
        label: t('organisation.field.acting_post'),
        options: index.postOptions().filter((o) => o.value !== postId),
      },
      {
        kind: 'select',
        name: 'actingPersonId',
        label: t('organisation.field.acting_person'),
        options: index.personOptions(),
      },
      validFromField(),
      validToField,
    ],
  })

  postForm(
    'interim',
    (index, post, back) => interimSpec(index, post.id, back),
    async (c, values, index, post) => {
      const errors: FieldErrors = {}
      const actingPostId = values.actingPostId ?? ''
      const actingPersonId = values.actingPersonId ?? ''
      const byPost = index.postById.has(actingPostId) && actingPostId !== post.id
      const byPerson = index.personName.has(actingPersonId)
      if (byPost === byPerson) {
        errors.actingPostId = t('organisation.form.interim_one')
      }
      const { validFrom, validTo } = periodFields(values, errors)
      if (Object.keys(errors).length > 0 || !validFrom) {
        return errors
      }
      const base = { postId: post.id, validFrom, validTo }
      return attempt('validFrom', () =>
        service.addInterimAssignment(
          c.get('deps').db,
          actorOf(c),
          byPost ? { ...base, actingPostId } : { ...base, actingPersonId },
        ),
      )
    },
  )

  // --- absences (leads of the unit too) -------------------------------------------------------------------
  const absenceSpec = (index: OrgIndex, unitId: string): FormSpec => {
    const unit = unitOrThrow(index, unitId)
    return {
      title: t('organisation.absence.title', { unit: index.unitLabel(unit) }),
      intro: t('organisation.absence.intro'),
      back: `${BASE}/einheiten/${unitId}`,
      submit: t('organisation.absence.submit'),
      fields: [
        {
          kind: 'select',
          name: 'personId',
          label: t('organisation.field.person'),
          options: index.peopleOfUnit(unitId),
        },
        validFromField(),
        validToField,
      ],
    }
  }

  /** A lead sees the absence forms only of their own units; the service checks the person again on save. */
  function assertAbsenceScope(c: Context<AppEnv>, index: OrgIndex, unitId: string) {
    const scope = service.absenceScope(index.org, requireStaff(c))
    if (scope !== 'all' && !scope.has(unitId)) {
      throw new ForbiddenError(`unit ${unitId} outside the absence scope`)
    }
  }

  app.get(`${BASE}/einheiten/:id/abwesenheiten/neu`, orgReaders, async (c) => {
    const index = await loadIndex(c)
    // Scope first: a unit outside it answers like one that does not exist (403 for both).
    assertAbsenceScope(c, index, c.req.param('id'))
    const spec = absenceSpec(index, c.req.param('id'))
    return renderForm(c, spec, { validFrom: formatToday() }, {})
  })

  app.post(`${BASE}/einheiten/:id/abwesenheiten/neu`, orgReaders, async (c) => {
    const index = await loadIndex(c)
    const unitId = c.req.param('id')
    assertAbsenceScope(c, index, unitId)
    const spec = absenceSpec(index, unitId)
    const staff = requireStaff(c)
    return submitForm(
      c,
      spec,
      async (values) => {
        const errors: FieldErrors = {}
        const personId = values.personId ?? ''
        if (!index.peopleOfUnit(unitId).some((p) => p.value === personId)) {
          errors.personId = t('organisation.form.choose', { field: t('organisation.field.person') })
        }
        const { validFrom, validTo } = periodFields(values, errors)
        if (Object.keys(errors).length > 0 || !validFrom) {
          return errors
        }
        return attempt('validFrom', () =>
          service.recordAbsenceAs(
            c.get('deps').db,
            { id: staff.id, role: staff.role, requestId: c.get('requestId') },
            { personId, validFrom, validTo },
          ),
        )
      },
      spec.back,
    )
  })

  // --- ending records ------------------------------------------------------------------------------------
  const endSpec = (title: string, back: string): FormSpec => ({
    title,
    intro: t('organisation.end.intro'),
    back,
    submit: t('organisation.end.submit'),
    fields: [
      {
        kind: 'text',
        name: 'validTo',
        label: t('organisation.field.end_at'),
        hint: t('organisation.field.end_at_hint'),
        inputmode: 'numeric',
      },
    ],
    hidden: { zurueck: back },
  })

  function backOf(c: Context<AppEnv>, fallback: string, values?: Values): string {
    const back = values?.zurueck ?? c.req.query('zurueck') ?? ''
    return SAFE_BACK.test(back) ? back : fallback
  }

  async function endForm(c: Context<AppEnv>, title: string, save: (at: Date) => Promise<unknown>) {
    if (c.req.method === 'GET') {
      return renderForm(c, endSpec(title, backOf(c, BASE)), {}, {})
    }
    const values = await formText(c)
    const back = backOf(c, BASE, values)
    return submitForm(
      c,
      endSpec(title, back),
      async () => {
        const errors: FieldErrors = {}
        const at = dateField(values, 'validTo', t('organisation.field.end_at'), errors)
        if (!at) {
          return errors
        }
        return attempt('validTo', () => save(at))
      },
      back,
    )
  }

  const endAbsence = async (c: Context<AppEnv>) => {
    const staff = requireStaff(c)
    const id = c.req.param('id') ?? ''
    await service.assertMayEndAbsence(c.get('deps').db, staff, id)
    return endForm(c, t('organisation.end.absence'), (at) =>
      service.endAbsenceAs(
        c.get('deps').db,
        { id: staff.id, role: staff.role, requestId: c.get('requestId') },
        id,
        at,
      ),
    )
  }
  app.get(`${BASE}/abwesenheiten/:id/beenden`, orgReaders, endAbsence)
  app.post(`${BASE}/abwesenheiten/:id/beenden`, orgReaders, endAbsence)

  const endStructure = (c: Context<AppEnv>) => {
    const type = c.req.param('type') ?? ''
    const id = c.req.param('id') ?? ''
    if (!(type in END_TYPES) || !isUuid(id)) {
      throw new NotFoundError(`cannot end ${type} ${id}`)
    }
    const recordType = END_TYPES[type as keyof typeof END_TYPES]
    return endForm(c, t(`organisation.end.${recordType}`), (at) =>
      service.endRecord(c.get('deps').db, actorOf(c), recordType, id, at),
    )
  }
  app.get(`${BASE}/:type/:id/beenden`, administrators, endStructure)
  app.post(`${BASE}/:type/:id/beenden`, administrators, endStructure)

  return app
}

/** After an import: the counts from the redirect's query, as one German sentence. */
function importNotice(c: Context<AppEnv>): string | undefined {
  const q = (name: string) => String(Number.parseInt(c.req.query(name) ?? '', 10) || 0)
  if (c.req.query('einheit') === undefined) {
    return undefined
  }
  return t('organisation.csv.imported', {
    einheit: q('einheit'),
    stelle: q('stelle'),
    person: q('person'),
    besetzung: q('besetzung'),
    abwesenheit: q('abwesenheit'),
    vertretung: q('vertretung'),
    interim: q('interim'),
    stellenaenderung: q('stellenaenderung'),
  })
}

/** Today as the forms show dates: "26.11.2026". */
function formatToday(): string {
  const [y, m, d] = berlinDay(now()).split('-')
  return `${d}.${m}.${y}`
}
