// SPDX-License-Identifier: EUPL-1.2
/**
 * The rule screens (/verwaltung/regeln): routing, priority and four-eyes rules, shown with their history and
 * changed only by new dated rules (rules.service.ts). Who may change what is in docs/rules.md.
 * @module
 */
import { type Context, Hono } from 'hono'
import type { AppEnv } from '../../http/context.js'
import { formText } from '../../http/form-input.js'
import { parseGermanDate } from '../../shared/dates.js'
import { NotFoundError } from '../../shared/errors.js'
import { t } from '../../shared/i18n.js'
import { isUuid } from '../../shared/ids.js'
import { parseEuroToCents } from '../../shared/money.js'
import type { FieldErrors, Option } from '../../views/components/form.js'
import type { StaffRole } from '../auth/auth.table.js'
import { requireStaff, staffAccess } from '../auth/index.js'
import { berlinDayStart } from '../organisation/organisation.dates.js'
import { loadOrganisationAt } from '../organisation/organisation.service.js'
import { type FormField, OrgFormPage, OrgIndex } from '../organisation/views/OrganisationPages.js'
import { type PriorityRules, priorityRulesSchema } from './priority-rules.js'
import { surnameKey } from './routing.js'
import * as rules from './rules.service.js'
import { benefitLabel, RULES_BASE, RulesOverviewPage } from './views/RulesPage.js'

/** Reading the rules: the leads and the administrators (no personal data on these pages). */
const READERS: readonly StaffRole[] = ['team_lead', 'department_head', 'division_head', 'administrator']
/** Routing is office-wide: department and division heads, and administrators who keep the configuration. */
const ROUTING_EDITORS: readonly StaffRole[] = ['department_head', 'division_head', 'administrator']
/** What counts as urgent and who must sign off are management decisions. */
const PRIORITY_EDITORS: readonly StaffRole[] = ['department_head', 'division_head']
const APPROVAL_EDITORS: readonly StaffRole[] = ['department_head', 'division_head']

const readers = staffAccess(...READERS)
const routingEditors = staffAccess(...ROUTING_EDITORS)
const priorityEditors = staffAccess(...PRIORITY_EDITORS)
const approvalEditors = staffAccess(...APPROVAL_EDITORS)

type Values = Record<string, string>

const PRIORITY_NUMBERS = [
  'undecidedAfterMonths',
  'objectionAfterMonths',
  'periodEndingWithinWeeks',
  'riskWithinDays',
] as const

function actorOf(c: Context<AppEnv>): rules.RuleActor {
  return { id: requireStaff(c).id, requestId: c.get('requestId') ?? null }
}

function hasErrors(errors: FieldErrors): boolean {
  return Object.keys(errors).length > 0
}

/** A German date field as `YYYY-MM-DD`, or null (with an error unless optional and empty). */
function isoDateField(values: Values, name: string, errors: FieldErrors, optional = false): string | null {
  const raw = (values[name] ?? '').trim()
  if (raw === '') {
    if (!optional) {
      errors[name] = t('rules.error.date_required')
    }
    return null
  }
  const iso = parseGermanDate(raw)
  if (!iso) {
    errors[name] = t('rules.error.date_invalid')
  }
  return iso
}

/** Start of a rule from the form ("today" = now); a past day becomes an error at the field. */
function startField(values: Values, name: string, errors: FieldErrors, now: Date): Date | null {
  const iso = isoDateField(values, name, errors)
  if (!iso) {
    return null
  }
  try {
    return rules.startOfRule(iso, now, name)
  } catch (error) {
    if (error instanceof rules.RuleRefusedError) {
      errors[name] = t(error.messageKey, error.messageParams)
      return null
    }
    throw error
  }
}

/** Letters of a letter range: 1–3 letters, compared as their DIN 5007-1 key (Ä = A, ß = SS). */
function lettersField(values: Values, name: string, errors: FieldErrors): string | null {
  const raw = (values[name] ?? '').trim()
  if (raw === '') {
    return null
  }
  const key = /^\p{L}{1,3}$/u.test(raw) ? surnameKey(raw) : ''
  if (!/^[A-Z]{1,3}$/.test(key)) {
    errors[name] = t('rules.error.letters')
    return null
  }
  return key
}

function benefitField(values: Values, catalogue: readonly string[], errors: FieldErrors): string | null {
  const raw = values.benefitType ?? ''
  if (raw === '') {
    return null
  }
  if (!catalogue.includes(raw)) {
    errors.benefitType = t('rules.error.benefit_type')
  }
  return raw
}

/** Runs a service call; a refusal becomes a message at its field. */
async function attempt(errors: FieldErrors, action: () => Promise<unknown>): Promise<FieldErrors> {
  try {
    await action()
    return errors
  } catch (error) {
    if (error instanceof rules.RuleRefusedError) {
      return { ...errors, [error.field]: t(error.messageKey, error.messageParams) }
    }
    throw error
  }
}

interface Spec {
  title: string
  intro?: string
  fields: FormField[]
  submit: string
}

function render(c: Context<AppEnv>, spec: Spec, values: Values, errors: FieldErrors) {
  return c.html(
    <OrgFormPage
      staff={requireStaff(c)}
      csrfToken={c.get('csrfToken')}
      title={spec.title}
      intro={spec.intro}
      action={new URL(c.req.url).pathname}
      back={RULES_BASE}
      fields={spec.fields}
      values={values}
      errors={errors}
      submit={spec.submit}
    />,
    hasErrors(errors) ? 422 : 200,
  )
}

async function submit(
  c: Context<AppEnv>,
  spec: (values: Values) => Spec | Promise<Spec>,
  save: (values: Values) => Promise<FieldErrors>,
) {
  const values = await formText(c)
  const errors = await save(values)
  if (hasErrors(errors)) {
    return render(c, await spec(values), values, errors)
  }
  return c.redirect(`${RULES_BASE}?gespeichert=1`, 303)
}

const validFromField: FormField = {
  kind: 'text',
  name: 'validFrom',
  label: t('rules.field.valid_from'),
  hint: t('rules.field.valid_from_hint'),
  inputmode: 'numeric',
}
const validToField: FormField = {
  kind: 'text',
  name: 'validTo',
  label: t('rules.field.valid_to'),
  hint: t('rules.field.valid_to_hint'),
  optional: true,
  inputmode: 'numeric',
}

/** The benefit types of the task catalogue (latest priority version), for the selects. */
async function catalogueOf(c: Context<AppEnv>): Promise<string[]> {
  const latest = await c
    .get('deps')
    .db.selectFrom('priority_config')
    .select('rules')
    .orderBy('valid_from', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow()
  return Object.keys(priorityRulesSchema.parse(latest.rules).benefitTypes)
}

function benefitOptions(catalogue: readonly string[]): Option[] {
  return [
    { value: '', label: t('rules.any_benefit') },
    ...catalogue.map((b) => ({ value: b, label: benefitLabel(b) })),
  ]
}

async function postIndex(c: Context<AppEnv>): Promise<OrgIndex> {
  return new OrgIndex(await loadOrganisationAt(c.get('deps').db, new Date()))
}

function postChoice(values: Values, name: string, index: OrgIndex, errors: FieldErrors): string | null {
  const id = values[name] ?? ''
  if (!index.postById.has(id)) {
    errors[name] = t('rules.error.post')
    return null
  }
  return id
}

/** The teams in force today, for the team target and the "within a team" filter (empty = none). */
function teamOptions(index: OrgIndex): Option[] {
  return [
    { value: '', label: t('rules.routing.no_team') },
    ...index.org.units
      .filter((u) => u.kind === 'team')
      .map((u) => ({ value: u.id, label: index.unitLabel(u) }))
      .sort((a, b) => a.label.localeCompare(b.label, 'de')),
  ]
}

/** An optional team choice: empty = none; anything but a team in force today is an error at the field. */
function teamChoice(values: Values, name: string, index: OrgIndex, errors: FieldErrors): string | null {
  const id = values[name] ?? ''
  if (id === '') {
    return null
  }
  if (index.unitById.get(id)?.kind !== 'team') {
    errors[name] = t('rules.error.team')
    return null
  }
  return id
}

/** The latest version of the priority rules as form values. */
function priorityValues(latest: PriorityRules): Values {
  const values: Values = {}
  const tick = (name: string, on: boolean) => {
    if (on) {
      values[name] = 'ja'
    }
  }
  for (const [type, kind] of Object.entries(latest.benefitTypes)) {
    tick(`bt_${type}_livelihood`, kind.livelihood)
    tick(`bt_${type}_statutory`, kind.statutory)
  }
  tick('unknown_livelihood', latest.unknownBenefitType.livelihood)
  tick('unknown_statutory', latest.unknownBenefitType.statutory)
  for (const name of PRIORITY_NUMBERS) {
    values[name] = String(latest[name])
  }
  return values
}

function priorityFields(latest: PriorityRules): FormField[] {
  const pair = (prefix: string, label: string): FormField[] => [
    {
      kind: 'checkbox',
      name: `${prefix}_livelihood`,
      label: t('rules.priority.livelihood', { type: label }),
    },
    { kind: 'checkbox', name: `${prefix}_statutory`, label: t('rules.priority.statutory', { type: label }) },
  ]
  return [
    ...Object.keys(latest.benefitTypes).flatMap((type) => [
      ...pair(`bt_${type}`, benefitLabel(type)),
      // Removing a type from this version on: its open cases fall to the default rank ("other types").
      {
        kind: 'checkbox' as const,
        name: `bt_${type}_remove`,
        label: t('rules.priority.remove', { type: benefitLabel(type) }),
      },
    ]),
    ...pair('unknown', t('rules.priority.unknown_type')),
    {
      kind: 'text',
      name: 'newType',
      label: t('rules.priority.field.new_type'),
      hint: t('rules.priority.field.new_type_hint'),
      optional: true,
    },
    ...pair('newType', t('rules.priority.new_type_label')),
    ...PRIORITY_NUMBERS.map((name): FormField => {
      const shape = priorityRulesSchema.shape[name]
      return {
        kind: 'text',
        name,
        label: t(`rules.priority.field.${name}`),
        hint: t('rules.priority.range_hint', { min: shape.minValue ?? 1, max: shape.maxValue ?? 1 }),
        inputmode: 'numeric',
      }
    }),
    validFromField,
  ]
}

/** Reads the priority form into rules, checking each number against the range the zod schema allows. */
function readPriorityForm(values: Values, latest: PriorityRules, errors: FieldErrors): PriorityRules | null {
  const kind = (prefix: string) => ({
    livelihood: values[`${prefix}_livelihood`] === 'ja',
    statutory: values[`${prefix}_statutory`] === 'ja' || values[`${prefix}_livelihood`] === 'ja',
  })
  const benefitTypes: PriorityRules['benefitTypes'] = {}
  for (const type of Object.keys(latest.benefitTypes)) {
    if (values[`bt_${type}_remove`] !== 'ja') {
      benefitTypes[type] = kind(`bt_${type}`)
    }
  }
  const newType = (values.newType ?? '').trim()
  if (newType !== '') {
    if (!/^[a-z][a-z0-9_]{1,39}$/.test(newType)) {
      errors.newType = t('rules.error.new_type_format')
    } else if (newType in benefitTypes) {
      errors.newType = t('rules.error.new_type_exists')
    } else {
      benefitTypes[newType] = kind('newType')
    }
  }
  const numbers: Partial<Record<(typeof PRIORITY_NUMBERS)[number], number>> = {}
  for (const name of PRIORITY_NUMBERS) {
    const raw = (values[name] ?? '').trim()
    const shape = priorityRulesSchema.shape[name]
    const min = shape.minValue ?? 1
    const max = shape.maxValue ?? 1
    const n = /^\d{1,4}$/.test(raw) ? Number(raw) : Number.NaN
    const result = shape.safeParse(n)
    if (!result.success) {
      errors[name] = t('rules.error.number_range', { field: t(`rules.priority.field.${name}`), min, max })
    } else {
      numbers[name] = result.data
    }
  }
  const candidate = {
    benefitTypes,
    unknownBenefitType: kind('unknown'),
    ...numbers,
  }
  const parsed = priorityRulesSchema.safeParse(candidate)
  return parsed.success ? parsed.data : null
}

export function rulesRoutes() {
  const app = new Hono<AppEnv>()

  app.get(RULES_BASE, readers, async (c) => {
    const staff = requireStaff(c)
    const now = new Date()
    const [all, index] = await Promise.all([rules.listRules(c.get('deps').db, now), postIndex(c)])
    // Posts of past rules are no longer in force; their titles come from the structure as it was then.
    const labels = new Map<string, string>()
    for (const r of [...all.routing, ...all.approval]) {
      const postId = 'position' in r ? r.targetPostId : r.approvingPostId
      if (postId && !index.postById.has(postId) && !labels.has(postId)) {
        const then = new OrgIndex(await loadOrganisationAt(c.get('deps').db, new Date(r.validFrom.getTime())))
        labels.set(postId, then.postLabel(postId))
      }
    }
    return c.html(
      <RulesOverviewPage
        staff={staff}
        csrfToken={c.get('csrfToken')}
        rules={all}
        postLabel={(id) => labels.get(id) ?? index.postLabel(id)}
        unitLabel={(id) => {
          const unit = index.unitById.get(id)
          return unit ? index.unitLabel(unit) : t('organisation.post.unknown')
        }}
        may={{
          routing: ROUTING_EDITORS.includes(staff.role),
          priority: PRIORITY_EDITORS.includes(staff.role),
          approval: APPROVAL_EDITORS.includes(staff.role),
        }}
        saved={c.req.query('gespeichert') === '1'}
      />,
    )
  })

  // --- routing rules -------------------------------------------------------------------------------------
  const routingSpec = (catalogue: readonly string[], index: OrgIndex): Spec => ({
    title: t('rules.routing.new_title'),
    intro: t('rules.routing.new_intro'),
    submit: t('rules.routing.submit'),
    fields: [
      {
        kind: 'text',
        name: 'position',
        label: t('rules.routing.field.position'),
        hint: t('rules.routing.field.position_hint'),
        inputmode: 'numeric',
      },
      {
        kind: 'select',
        name: 'benefitType',
        label: t('rules.field.benefit'),
        options: benefitOptions(catalogue),
      },
      {
        kind: 'text',
        name: 'surnameFrom',
        label: t('rules.routing.field.from'),
        hint: t('rules.routing.field.from_hint'),
        optional: true,
      },
      {
        kind: 'text',
        name: 'surnameTo',
        label: t('rules.routing.field.to'),
        hint: t('rules.routing.field.to_hint'),
        optional: true,
      },
      {
        kind: 'select',
        name: 'targetPostId',
        label: t('rules.routing.field.post'),
        options: [{ value: '', label: t('rules.choose') }, ...index.postOptions()],
      },
      {
        kind: 'select',
        name: 'targetUnitId',
        label: t('rules.routing.field.team'),
        hint: t('rules.routing.field.team_hint'),
        options: teamOptions(index),
      },
      {
        kind: 'select',
        name: 'withinUnitId',
        label: t('rules.routing.field.within'),
        hint: t('rules.routing.field.within_hint'),
        options: teamOptions(index),
      },
      validFromField,
      validToField,
    ],
  })

  app.get(`${RULES_BASE}/zustaendigkeit/neu`, routingEditors, async (c) =>
    render(c, routingSpec(await catalogueOf(c), await postIndex(c)), {}, {}),
  )

  app.post(`${RULES_BASE}/zustaendigkeit/neu`, routingEditors, async (c) => {
    const [catalogue, index] = await Promise.all([catalogueOf(c), postIndex(c)])
    const now = new Date()
    return submit(
      c,
      () => routingSpec(catalogue, index),
      async (values) => {
        const errors: FieldErrors = {}
        const rawPosition = (values.position ?? '').trim()
        const position = /^\d{1,4}$/.test(rawPosition) ? Number(rawPosition) : 0
        if (position < 1) {
          errors.position = t('rules.error.position')
        }
        const benefitType = benefitField(values, catalogue, errors)
        const surnameFrom = lettersField(values, 'surnameFrom', errors)
        const surnameTo = lettersField(values, 'surnameTo', errors)
        if (surnameFrom && surnameTo && surnameFrom > surnameTo) {
          errors.surnameTo = t('rules.error.letters_order')
        }
        const targetUnitId = teamChoice(values, 'targetUnitId', index, errors)
        const withinUnitId = teamChoice(values, 'withinUnitId', index, errors)
        // A post or a team, exactly one: a team alone sends the case on to the team's rules and queue.
        const targetPostId =
          (values.targetPostId ?? '') === '' && targetUnitId !== null
            ? null
            : postChoice(values, 'targetPostId', index, errors)
        if (targetPostId !== null && targetUnitId !== null) {
          errors.targetUnitId = t('rules.error.one_target')
        }
        const validFrom = startField(values, 'validFrom', errors, now)
        const toIso = isoDateField(values, 'validTo', errors, true)
        const validTo = toIso ? berlinDayStart(toIso) : null
        if (hasErrors(errors) || !validFrom || (!targetPostId && !targetUnitId)) {
          return errors
        }
        return attempt(errors, () =>
          rules.addRoutingRule(c.get('deps').db, actorOf(c), {
            position,
            benefitType,
            surnameFrom,
            surnameTo,
            targetPostId,
            targetUnitId,
            withinUnitId,
            validFrom,
            validTo,
          }),
        )
      },
    )
  })

  // --- ending routing and four-eyes rules ----------------------------------------------------------------
  const endSpec = (title: string): Spec => ({
    title,
    intro: t('rules.end.intro'),
    submit: t('rules.end.submit'),
    fields: [
      {
        kind: 'text',
        name: 'validTo',
        label: t('rules.end.field'),
        hint: t('rules.end.hint'),
        inputmode: 'numeric',
      },
    ],
  })
  const endRoutes = (
    segment: string,
    table: 'routing_rule' | 'approval_rule',
    policy: typeof readers,
    end: typeof rules.endRoutingRule,
    title: string,
  ) => {
    const exists = async (c: Context<AppEnv>, id: string) => {
      const row = isUuid(id)
        ? await c.get('deps').db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst()
        : undefined
      if (!row) {
        throw new NotFoundError(`${table} ${id}`)
      }
    }
    app.get(`${RULES_BASE}/${segment}/:id/beenden`, policy, async (c) => {
      await exists(c, c.req.param('id'))
      return render(c, endSpec(title), {}, {})
    })
    app.post(`${RULES_BASE}/${segment}/:id/beenden`, policy, async (c) => {
      const id = c.req.param('id')
      await exists(c, id)
      const now = new Date()
      return submit(
        c,
        () => endSpec(title),
        async (values) => {
          const errors: FieldErrors = {}
          const at = startField(values, 'validTo', errors, now)
          if (hasErrors(errors) || !at) {
            return errors
          }
          return attempt(errors, () => end(c.get('deps').db, actorOf(c), id, at))
        },
      )
    })
  }
  endRoutes(
    'zustaendigkeit',
    'routing_rule',
    routingEditors,
    rules.endRoutingRule,
    t('rules.routing.end_title'),
  )
  endRoutes(
    'vier-augen',
    'approval_rule',
    approvalEditors,
    rules.endApprovalRule,
    t('rules.approval.end_title'),
  )

  // --- withdrawing a rule that has not started (ADR 0029) ---------------------------------------------------
  const withdrawSpec: Spec = {
    title: t('rules.withdraw.title'),
    intro: t('rules.withdraw.intro'),
    submit: t('rules.withdraw.submit'),
    fields: [
      {
        kind: 'text',
        name: 'reason',
        label: t('rules.withdraw.reason'),
        hint: t('rules.withdraw.reason_hint'),
      },
    ],
  }
  const withdrawRoutes = (segment: string, table: rules.WithdrawableTable, policy: typeof readers) => {
    const exists = async (c: Context<AppEnv>, id: string) => {
      const row = isUuid(id)
        ? await c.get('deps').db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst()
        : undefined
      if (!row) {
        throw new NotFoundError(`${table} ${id}`)
      }
    }
    app.get(`${RULES_BASE}/${segment}/:id/zurueckziehen`, policy, async (c) => {
      await exists(c, c.req.param('id'))
      return render(c, withdrawSpec, {}, {})
    })
    app.post(`${RULES_BASE}/${segment}/:id/zurueckziehen`, policy, async (c) => {
      const id = c.req.param('id')
      await exists(c, id)
      return submit(
        c,
        () => withdrawSpec,
        (values) =>
          attempt({}, () => rules.withdrawRule(c.get('deps').db, actorOf(c), table, id, values.reason ?? '')),
      )
    })
  }
  withdrawRoutes('zustaendigkeit', 'routing_rule', routingEditors)
  withdrawRoutes('vier-augen', 'approval_rule', approvalEditors)
  withdrawRoutes('prioritaet', 'priority_config', priorityEditors)

  // --- priority rules ------------------------------------------------------------------------------------
  const latestPriority = async (c: Context<AppEnv>): Promise<PriorityRules> => {
    const row = await c
      .get('deps')
      .db.selectFrom('priority_config')
      .select('rules')
      .orderBy('valid_from', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow()
    return priorityRulesSchema.parse(row.rules)
  }
  const prioritySpec = (latest: PriorityRules): Spec => ({
    title: t('rules.priority.new_title'),
    intro: t('rules.priority.new_intro'),
    submit: t('rules.priority.submit'),
    fields: priorityFields(latest),
  })

  app.get(`${RULES_BASE}/prioritaet/neu`, priorityEditors, async (c) => {
    const latest = await latestPriority(c)
    return render(c, prioritySpec(latest), priorityValues(latest), {})
  })

  app.post(`${RULES_BASE}/prioritaet/neu`, priorityEditors, async (c) => {
    const latest = await latestPriority(c)
    const now = new Date()
    return submit(
      c,
      () => prioritySpec(latest),
      async (values) => {
        const errors: FieldErrors = {}
        const parsed = readPriorityForm(values, latest, errors)
        const validFrom = startField(values, 'validFrom', errors, now)
        if (hasErrors(errors) || !validFrom) {
          return errors
        }
        if (!parsed) {
          return { validFrom: t('rules.error.priority_invalid') }
        }
        return attempt(errors, () =>
          rules.addPriorityVersion(c.get('deps').db, actorOf(c), { validFrom, rules: parsed }),
        )
      },
    )
  })

  // --- four-eyes rules -----------------------------------------------------------------------------------
  const approvalSpec = (catalogue: readonly string[], index: OrgIndex): Spec => ({
    title: t('rules.approval.new_title'),
    intro: t('rules.approval.new_intro'),
    submit: t('rules.approval.submit'),
    fields: [
      {
        kind: 'select',
        name: 'benefitType',
        label: t('rules.field.benefit'),
        options: benefitOptions(catalogue),
      },
      {
        kind: 'text',
        name: 'minMonthly',
        label: t('rules.approval.field.threshold'),
        hint: t('rules.approval.field.threshold_hint'),
        inputmode: 'decimal',
      },
      {
        kind: 'select',
        name: 'approvingPostId',
        label: t('rules.approval.field.post'),
        options: [{ value: '', label: t('rules.approval.unit_head') }, ...index.postOptions()],
      },
      validFromField,
      validToField,
    ],
  })

  app.get(`${RULES_BASE}/vier-augen/neu`, approvalEditors, async (c) =>
    render(c, approvalSpec(await catalogueOf(c), await postIndex(c)), {}, {}),
  )

  app.post(`${RULES_BASE}/vier-augen/neu`, approvalEditors, async (c) => {
    const [catalogue, index] = await Promise.all([catalogueOf(c), postIndex(c)])
    const now = new Date()
    return submit(
      c,
      () => approvalSpec(catalogue, index),
      async (values) => {
        const errors: FieldErrors = {}
        const benefitType = benefitField(values, catalogue, errors)
        const cents = parseEuroToCents((values.minMonthly ?? '').trim())
        if (cents === null || cents < 0 || cents > 100_000_000) {
          errors.minMonthly = t('rules.error.amount')
        }
        const approvingPostId =
          (values.approvingPostId ?? '') === '' ? null : postChoice(values, 'approvingPostId', index, errors)
        const validFrom = startField(values, 'validFrom', errors, now)
        const toIso = isoDateField(values, 'validTo', errors, true)
        const validTo = toIso ? berlinDayStart(toIso) : null
        if (hasErrors(errors) || !validFrom || cents === null) {
          return errors
        }
        return attempt(errors, () =>
          rules.addApprovalRule(c.get('deps').db, actorOf(c), {
            benefitType,
            minMonthlyCents: cents,
            approvingPostId,
            validFrom,
            validTo,
          }),
        )
      },
    )
  })

  return app
}
