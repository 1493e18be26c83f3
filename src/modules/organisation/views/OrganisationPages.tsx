// SPDX-License-Identifier: EUPL-1.2
import type { Child } from 'hono/jsx'
import type { StaffPrincipal } from '../../../http/context.js'
import { formatIsoDate } from '../../../shared/dates.js'
import { t } from '../../../shared/i18n.js'
import { formatCents } from '../../../shared/money.js'
import { BackLink } from '../../../views/components/back-link.js'
import { DescriptionList } from '../../../views/components/description-list.js'
import {
  Button,
  Checkbox,
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  type FieldValues,
  type Option,
  RadioGroup,
  SelectField,
  TextField,
} from '../../../views/components/form.js'
import { Notice } from '../../../views/components/notice.js'
import { Layout, staffFrame } from '../../../views/layout.js'
import type { ActingResult } from '../acting.js'
import { berlinDay, isBerlinDayStart } from '../organisation.dates.js'
import type { OrganisationAt, OrgUnit, Post } from '../organisation.service.js'
import type { CaseloadBand, Staffing } from '../organisation.staffing.js'
import type { OrgUnitKind, SigningLevel } from '../organisation.table.js'

export const BASE = '/verwaltung/organisation'

export const KIND_LABEL: Record<OrgUnitKind, string> = {
  division: t('organisation.kind.division'),
  department: t('organisation.kind.department'),
  team: t('organisation.kind.team'),
}

export const SIGNING_LABEL: Record<SigningLevel, string> = {
  none: t('organisation.signing.none'),
  team: t('organisation.signing.team'),
  department: t('organisation.signing.department'),
  division: t('organisation.signing.division'),
}

/** A date of a record: "01.10.2026", or with the time when the record does not start at a day's start. */
export function formatInstant(instant: Date): string {
  const day = formatIsoDate(berlinDay(instant))
  return isBerlinDayStart(instant) ? day : `${day}, ${instant.toISOString().slice(11, 16)} UTC`
}

/** "ab 01.10.2026" / "01.10.2026 bis 31.12.2026" (the end shown inclusive: the day before valid_to). */
export function formatPeriod(period: { validFrom: Date; validTo: Date | null }): string {
  const from = formatInstant(period.validFrom)
  if (!period.validTo) {
    return t('organisation.period.open', { from })
  }
  const lastDay = isBerlinDayStart(period.validTo)
    ? formatIsoDate(berlinDay(new Date(period.validTo.getTime() - 1)))
    : formatInstant(period.validTo)
  return t('organisation.period.closed', { from, to: lastDay })
}

/** Reads names and units of an organisation at one instant. */
export class OrgIndex {
  readonly unitById: Map<string, OrgUnit>
  readonly postById: Map<string, Post>
  readonly personName: Map<string, string>
  readonly holderByPost: Map<string, { holdingId: string; personId: string }>

  constructor(readonly org: OrganisationAt) {
    this.unitById = new Map(org.units.map((u) => [u.id, u]))
    this.postById = new Map(org.posts.map((p) => [p.id, p]))
    this.personName = new Map(org.people.map((p) => [p.id, p.displayName]))
    this.holderByPost = new Map(
      org.holdings.map((h) => [h.postId, { holdingId: h.id, personId: h.personId }]),
    )
  }

  /** "Sachbearbeitung 3 (2.500.11)". */
  postLabel(postId: string): string {
    const post = this.postById.get(postId)
    if (!post) {
      return t('organisation.post.unknown')
    }
    const unit = this.unitById.get(post.unitId)
    return unit ? `${post.title} (${unit.shortCode})` : post.title
  }

  unitLabel(unit: OrgUnit): string {
    return `${unit.shortCode} ${unit.name}`
  }

  children(unitId: string | null): OrgUnit[] {
    return this.org.units.filter(
      (u) => u.parentId === unitId || (unitId === null && !this.unitById.has(u.parentId ?? '')),
    )
  }

  /** The people holding a post in the unit at the instant, for absence forms. */
  peopleOfUnit(unitId: string): Option[] {
    const ids = new Set(
      this.org.holdings.filter((h) => this.postById.get(h.postId)?.unitId === unitId).map((h) => h.personId),
    )
    return [...ids]
      .map((id) => ({ value: id, label: this.personName.get(id) ?? id }))
      .sort((a, b) => a.label.localeCompare(b.label, 'de'))
  }

  postOptions(): Option[] {
    return this.org.posts
      .map((p) => {
        const holder = this.holderByPost.get(p.id)
        const who = holder ? (this.personName.get(holder.personId) ?? '') : t('organisation.vacant')
        return { value: p.id, label: `${this.postLabel(p.id)} – ${who}` }
      })
      .sort((a, b) => a.label.localeCompare(b.label, 'de'))
  }

  unitOptions(): Option[] {
    return this.org.units.map((u) => ({ value: u.id, label: `${KIND_LABEL[u.kind]} ${this.unitLabel(u)}` }))
  }

  personOptions(): Option[] {
    return this.org.people.map((p) => ({ value: p.id, label: p.displayName }))
  }

  /** "i.V. Name" with the way taken, or "niemand" with the reason. */
  describeActing(result: ActingResult | undefined): { who: string; way: string } {
    if (!result) {
      return { who: t('organisation.acting.nobody'), way: '' }
    }
    const way = result.path.map((id) => this.postLabel(id)).join(' → ')
    if (result.kind === 'nobody') {
      const reason =
        result.reason === 'cycle'
          ? t('organisation.acting.reason_cycle')
          : result.reason === 'post_not_in_force'
            ? t('organisation.acting.reason_not_in_force')
            : t('organisation.acting.reason_nobody')
      return { who: `${t('organisation.acting.nobody')} (${reason})`, way }
    }
    const name = result.person.displayName
    if (result.kind === 'holder') {
      return { who: name, way: '' }
    }
    const how =
      result.kind === 'interim'
        ? t('organisation.acting.via_interim')
        : result.kind === 'deputy'
          ? t('organisation.acting.via_deputy')
          : t('organisation.acting.via_unit_head')
    return { who: t('organisation.acting.iv', { name }), way: `${how}: ${way}` }
  }
}

/** The "Stand am" date field: a GET form, so the address says which date the page shows. */
export function StandForm(props: { action: string; day: string }) {
  return (
    <form method="get" action={props.action} class="filter-form">
      <div class="kern-form-input">
        <label class="kern-label" for="f-stand">
          {t('organisation.stand.label')}
        </label>
        <div class="kern-hint" id="f-stand-hint">
          {t('organisation.stand.hint')}
        </div>
        <input
          class="kern-form-input__input"
          type="date"
          id="f-stand"
          name="stand"
          value={props.day}
          aria-describedby="f-stand-hint"
        />
      </div>
      <Button variant="secondary">{t('organisation.stand.show')}</Button>
    </form>
  )
}

function PastNotice({ given, day }: { given: boolean; day: string }) {
  return given ? (
    <Notice variant="info" text={t('organisation.stand.showing', { date: formatIsoDate(day) })} />
  ) : null
}

function standQuery(given: boolean, day: string): string {
  return given ? `?stand=${day}` : ''
}

function UnitTree(props: { index: OrgIndex; parentId: string | null; query: string }): Child {
  const units = props.index.children(props.parentId)
  if (units.length === 0) {
    return null
  }
  return (
    <ul class="kern-list org-tree">
      {units.map((unit) => {
        const posts = props.index.org.posts.filter((p) => p.unitId === unit.id)
        const vacant = posts.filter((p) => !props.index.holderByPost.has(p.id)).length
        return (
          <li>
            <a class="kern-link" href={`${BASE}/einheiten/${unit.id}${props.query}`}>
              {KIND_LABEL[unit.kind]} {props.index.unitLabel(unit)}
            </a>{' '}
            <span class="kern-body--muted">
              {t('organisation.tree.counts', { posts: posts.length, vacant })}
            </span>
            <UnitTree index={props.index} parentId={unit.id} query={props.query} />
          </li>
        )
      })}
    </ul>
  )
}

/** /verwaltung/organisation: the tree, the posts nobody can act for and the deputy cycles. */
export function OverviewPage(props: {
  staff: StaffPrincipal
  csrfToken: string
  index: OrgIndex
  day: string
  given: boolean
  isAdmin: boolean
  notice?: string | undefined
}) {
  const { index } = props
  const query = standQuery(props.given, props.day)
  const unresolvable = index.org.resolution.unresolvable
  const cycles = index.org.resolution.cycles
  return (
    <Layout title={t('organisation.overview.title')} staff={staffFrame(props.staff, props.csrfToken)}>
      <Notice text={props.notice} />
      <h1 class="kern-heading-large">{t('organisation.overview.title')}</h1>
      <StandForm action={BASE} day={props.day} />
      <PastNotice given={props.given} day={props.day} />
      <nav aria-label={t('organisation.overview.actions')}>
        <ul class="kern-list kern-list--horizontal">
          {props.isAdmin ? null : (
            <li>
              <a class="kern-link" href={`${BASE}/stellen`}>
                {t('organisation.staffing.title')}
              </a>
            </li>
          )}
          {props.isAdmin ? (
            <>
              <li>
                <a class="kern-link" href={`${BASE}/einheiten/neu`}>
                  {t('organisation.unit.new')}
                </a>
              </li>
              <li>
                <a class="kern-link" href={`${BASE}/personen/neu`}>
                  {t('organisation.person.new')}
                </a>
              </li>
              <li>
                <a class="kern-link" href={`${BASE}/personen`}>
                  {t('person_accounts.link_from_overview')}
                </a>
              </li>
              <li>
                <a class="kern-link" href={`${BASE}/export.csv?stand=${props.day}`}>
                  {t('organisation.csv.export')}
                </a>
              </li>
              <li>
                <a class="kern-link" href={`${BASE}/import`}>
                  {t('organisation.csv.import')}
                </a>
              </li>
            </>
          ) : null}
        </ul>
      </nav>
      <section aria-labelledby="sec-tree">
        <h2 class="kern-heading-medium" id="sec-tree">
          {t('organisation.overview.tree')}
        </h2>
        {index.org.units.length === 0 ? (
          <p class="kern-body">{t('organisation.overview.no_units')}</p>
        ) : (
          <UnitTree index={index} parentId={null} query={query} />
        )}
      </section>
      <section aria-labelledby="sec-unresolvable">
        <h2 class="kern-heading-medium" id="sec-unresolvable">
          {t('organisation.overview.unresolvable', { count: unresolvable.length })}
        </h2>
        {unresolvable.length === 0 ? (
          <p class="kern-body">{t('organisation.overview.unresolvable_none')}</p>
        ) : (
          <ul class="kern-list">
            {unresolvable.map((postId) => {
              const post = index.postById.get(postId)
              return (
                <li>
                  <a
                    class="kern-link"
                    href={`${BASE}/einheiten/${post?.unitId ?? ''}${query}#stelle-${postId}`}
                  >
                    {index.postLabel(postId)}
                  </a>
                  : {index.describeActing(index.org.resolution.results.get(postId)).who}
                </li>
              )
            })}
          </ul>
        )}
      </section>
      <section aria-labelledby="sec-cycles">
        <h2 class="kern-heading-medium" id="sec-cycles">
          {t('organisation.overview.cycles', { count: cycles.length })}
        </h2>
        {cycles.length === 0 ? (
          <p class="kern-body">{t('organisation.overview.cycles_none')}</p>
        ) : (
          <ul class="kern-list">
            {cycles.map((cycle) => (
              <li>{cycle.map((id) => index.postLabel(id)).join(' → ')}</li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  )
}

function EndLink(props: { href: string; label: string; what: string }) {
  return (
    <a class="kern-link" href={props.href}>
      {props.label}
      <span class="kern-sr-only">: {props.what}</span>
    </a>
  )
}

/** One post on the unit page: attributes, holder or "vakant", deputies, interim, who acts now. */
function PostSection(props: { index: OrgIndex; post: Post; isAdmin: boolean; back: string }) {
  const { index, post } = props
  const holder = index.holderByPost.get(post.id)
  const org = index.org
  const rules = org.deputyRules
    .filter((r) => r.postId === post.id)
    .sort((a, b) => (a.position ?? 0) - (b.position ?? 0))
  const interim = org.interimAssignments.find((i) => i.postId === post.id)
  const acting = index.describeActing(org.resolution.results.get(post.id))
  const end = (type: string, id: string) =>
    `${BASE}/${type}/${id}/beenden?zurueck=${encodeURIComponent(props.back)}`
  const rows: Array<{ label: string; value: Child }> = [
    {
      label: t('organisation.post.fte'),
      value: post.fte.toLocaleString('de-DE', { minimumFractionDigits: 2 }),
    },
    { label: t('organisation.post.task_area'), value: post.taskArea ?? '–' },
    {
      label: t('organisation.post.signing'),
      value:
        SIGNING_LABEL[post.signingLevel] +
        (post.signingLimitCents !== null
          ? ` (${t('organisation.post.signing_limit', { amount: formatCents(post.signingLimitCents) })})`
          : ''),
    },
    { label: t('organisation.post.head'), value: post.isHeadOfUnit ? t('option.yes') : t('option.no') },
    {
      label: t('organisation.post.holder'),
      value: holder ? (
        <>
          {index.personName.get(holder.personId)}
          {props.isAdmin ? (
            <>
              {' '}
              <EndLink
                href={end('besetzungen', holder.holdingId)}
                label={t('organisation.action.end_holding')}
                what={post.title}
              />
            </>
          ) : null}
        </>
      ) : (
        <strong>{t('organisation.vacant')}</strong>
      ),
    },
    {
      label: t('organisation.post.deputies'),
      value:
        rules.length === 0 ? (
          t('organisation.post.no_deputies')
        ) : (
          <ol class="kern-list">
            {rules.map((r) => (
              <li>
                {r.kind === 'permanent' ? `${t('organisation.deputy.permanent')}: ` : `${r.position}. `}
                {index.postLabel(r.deputyPostId)}
                {props.isAdmin ? (
                  <>
                    {' '}
                    <EndLink
                      href={end('vertretungen', r.id)}
                      label={t('organisation.action.end')}
                      what={index.postLabel(r.deputyPostId)}
                    />
                  </>
                ) : null}
              </li>
            ))}
          </ol>
        ),
    },
    {
      label: t('organisation.post.interim'),
      value: interim ? (
        <>
          {interim.actingPostId
            ? index.postLabel(interim.actingPostId)
            : (index.personName.get(interim.actingPersonId ?? '') ?? '')}{' '}
          ({formatPeriod(interim)})
          {props.isAdmin ? (
            <>
              {' '}
              <EndLink
                href={end('interim', interim.id)}
                label={t('organisation.action.end')}
                what={t('organisation.post.interim')}
              />
            </>
          ) : null}
        </>
      ) : (
        '–'
      ),
    },
    { label: t('organisation.post.acting'), value: acting.who },
  ]
  if (acting.way) {
    rows.push({ label: t('organisation.post.way'), value: acting.way })
  }
  return (
    <section class="summary-section list-entry" aria-labelledby={`stelle-${post.id}`}>
      <h3 class="kern-heading-small" id={`stelle-${post.id}`}>
        {post.title}
      </h3>
      <DescriptionList rows={rows} />
      {props.isAdmin ? (
        <ul class="kern-list kern-list--horizontal">
          <li>
            <EndLink
              href={`${BASE}/stellen/${post.id}/aendern`}
              label={t('organisation.action.change_post')}
              what={post.title}
            />
          </li>
          {holder ? null : (
            <li>
              <EndLink
                href={`${BASE}/stellen/${post.id}/besetzung`}
                label={t('organisation.action.assign')}
                what={post.title}
              />
            </li>
          )}
          <li>
            <EndLink
              href={`${BASE}/stellen/${post.id}/vertretung`}
              label={t('organisation.action.add_deputy')}
              what={post.title}
            />
          </li>
          <li>
            <EndLink
              href={`${BASE}/stellen/${post.id}/interim`}
              label={t('organisation.action.add_interim')}
              what={post.title}
            />
          </li>
          <li>
            <EndLink
              href={end('stellen', post.id)}
              label={t('organisation.action.end_post')}
              what={post.title}
            />
          </li>
        </ul>
      ) : null}
    </section>
  )
}

/** /verwaltung/organisation/einheiten/:id: one unit with its posts, people's absences and sub-units. */
export function UnitPage(props: {
  staff: StaffPrincipal
  csrfToken: string
  index: OrgIndex
  unit: OrgUnit
  day: string
  given: boolean
  isAdmin: boolean
  mayManageAbsences: boolean
  notice?: string | undefined
}) {
  const { index, unit } = props
  const query = standQuery(props.given, props.day)
  const back = `${BASE}/einheiten/${unit.id}`
  const title = `${KIND_LABEL[unit.kind]} ${index.unitLabel(unit)}`
  const posts = index.org.posts
    .filter((p) => p.unitId === unit.id)
    .sort((a, b) => Number(b.isHeadOfUnit) - Number(a.isHeadOfUnit) || a.title.localeCompare(b.title, 'de'))
  const parent = unit.parentId ? index.unitById.get(unit.parentId) : undefined
  const people = new Set(index.peopleOfUnit(unit.id).map((p) => p.value))
  const absences = index.org.absences.filter((a) => people.has(a.personId))
  const subUnits = index.children(unit.id)
  return (
    <Layout title={title} staff={staffFrame(props.staff, props.csrfToken)}>
      <BackLink href={parent ? `${BASE}/einheiten/${parent.id}${query}` : `${BASE}${query}`}>
        {parent
          ? t('organisation.unit.back_to', { unit: index.unitLabel(parent) })
          : t('organisation.unit.back')}
      </BackLink>
      <Notice text={props.notice} />
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">{formatPeriod(unit)}</p>
      <StandForm action={back} day={props.day} />
      <PastNotice given={props.given} day={props.day} />
      {props.isAdmin ? (
        <ul class="kern-list kern-list--horizontal">
          <li>
            <a class="kern-link" href={`${back}/stellen/neu`}>
              {t('organisation.post.new')}
            </a>
          </li>
          {unit.kind === 'team' ? null : (
            <li>
              <a class="kern-link" href={`${BASE}/einheiten/neu?uebergeordnet=${unit.id}`}>
                {t('organisation.unit.new_child')}
              </a>
            </li>
          )}
          <li>
            <EndLink
              href={`${BASE}/einheiten/${unit.id}/beenden?zurueck=${encodeURIComponent(BASE)}`}
              label={t('organisation.action.end_unit')}
              what={title}
            />
          </li>
        </ul>
      ) : null}
      {subUnits.length > 0 ? (
        <section aria-labelledby="sec-subunits">
          <h2 class="kern-heading-medium" id="sec-subunits">
            {t('organisation.unit.subunits')}
          </h2>
          <UnitTree index={index} parentId={unit.id} query={query} />
        </section>
      ) : null}
      <section aria-labelledby="sec-posts">
        <h2 class="kern-heading-medium" id="sec-posts">
          {t('organisation.unit.posts', { count: posts.length })}
        </h2>
        {posts.length === 0 ? <p class="kern-body">{t('organisation.unit.no_posts')}</p> : null}
        {posts.map((post) => (
          <PostSection index={index} post={post} isAdmin={props.isAdmin} back={back} />
        ))}
      </section>
      <section aria-labelledby="sec-absences">
        <h2 class="kern-heading-medium" id="sec-absences">
          {t('organisation.unit.absences')}
        </h2>
        {props.mayManageAbsences ? (
          <p class="kern-body">
            <a class="kern-link" href={`${back}/abwesenheiten/neu`}>
              {t('organisation.absence.new')}
            </a>
          </p>
        ) : null}
        {absences.length === 0 ? (
          <p class="kern-body">{t('organisation.unit.no_absences')}</p>
        ) : (
          <ul class="kern-list">
            {absences.map((a) => (
              <li>
                {index.personName.get(a.personId)}: {formatPeriod(a)}
                {props.mayManageAbsences ? (
                  <>
                    {' '}
                    <EndLink
                      href={`${BASE}/abwesenheiten/${a.id}/beenden?zurueck=${encodeURIComponent(back)}`}
                      label={t('organisation.action.end_absence')}
                      what={index.personName.get(a.personId) ?? ''}
                    />
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  )
}

/** A field of a generic organisation form. */
export type FormField =
  | {
      kind: 'text'
      name: string
      label: string
      hint?: string
      optional?: boolean
      inputmode?: 'numeric' | 'decimal'
    }
  | { kind: 'select'; name: string; label: string; hint?: string; options: Option[] }
  | { kind: 'radio'; name: string; label: string; hint?: string; options: Option[] }
  | { kind: 'checkbox'; name: string; label: string; hint?: string }

/** One form of the admin screens: create or end a record; re-rendered with 422 and errors on a mistake. */
export function OrgFormPage(props: {
  staff: StaffPrincipal
  csrfToken: string
  title: string
  intro?: string | undefined
  action: string
  back: string
  fields: FormField[]
  values: FieldValues
  errors: FieldErrors
  submit: string
  hidden?: Record<string, string>
}) {
  const hasErrors = Object.keys(props.errors).length > 0
  return (
    <Layout title={props.title} hasErrors={hasErrors} staff={staffFrame(props.staff, props.csrfToken)}>
      <BackLink href={props.back}>{t('organisation.form.back')}</BackLink>
      <ErrorSummary errors={props.errors} order={props.fields.map((f) => f.name)} />
      <h1 class="kern-heading-large">{props.title}</h1>
      {props.intro ? <p class="kern-body">{props.intro}</p> : null}
      <form method="post" action={props.action} novalidate>
        <CsrfField token={props.csrfToken} />
        {Object.entries(props.hidden ?? {}).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        {props.fields.map((field) => {
          const common = {
            name: field.name,
            label: field.label,
            hint: field.hint,
            values: props.values,
            errors: props.errors,
          }
          switch (field.kind) {
            case 'text':
              return <TextField {...common} optional={field.optional} inputmode={field.inputmode} />
            case 'select':
              return <SelectField {...common} options={field.options} />
            case 'radio':
              return <RadioGroup {...common} options={field.options} />
            default:
              return <Checkbox {...common} />
          }
        })}
        <Button>{props.submit}</Button>
      </form>
    </Layout>
  )
}

/** /verwaltung/organisation/import: one CSV file; on failure every problem with its line, nothing stored. */
export function ImportPage(props: {
  staff: StaffPrincipal
  csrfToken: string
  errors: Array<{ line: number; message: string }>
  done?: string | undefined
}) {
  const hasErrors = props.errors.length > 0
  return (
    <Layout
      title={t('organisation.csv.import')}
      hasErrors={hasErrors}
      staff={staffFrame(props.staff, props.csrfToken)}
    >
      <BackLink href={BASE}>{t('organisation.form.back')}</BackLink>
      {hasErrors ? (
        <div
          class="kern-alert kern-alert--danger error-summary"
          role="alert"
          aria-labelledby="error-summary-title"
        >
          <div class="kern-alert__header">
            <h2 class="kern-title" id="error-summary-title">
              {t('organisation.csv.errors_title', { count: props.errors.length })}
            </h2>
          </div>
          <div class="kern-alert__body">
            <p class="kern-body">{t('organisation.csv.nothing_saved')}</p>
            <ul class="kern-list">
              {props.errors.map((e) => (
                <li>
                  <a class="kern-link" href="#f-file">
                    {e.message}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
      <Notice text={props.done} />
      <h1 class="kern-heading-large">{t('organisation.csv.import')}</h1>
      <p class="kern-body">{t('organisation.csv.import_intro')}</p>
      <form method="post" action={`${BASE}/import`} enctype="multipart/form-data">
        <CsrfField token={props.csrfToken} />
        <div class={`kern-form-input${hasErrors ? ' kern-form-input--error' : ''}`}>
          <label class="kern-label" for="f-file">
            {t('organisation.csv.file')}
          </label>
          <div class="kern-hint" id="f-file-hint">
            {t('organisation.csv.file_hint')}
          </div>
          <input
            class="kern-form-input__input file-input"
            type="file"
            id="f-file"
            name="file"
            accept=".csv,text/csv"
            aria-describedby="f-file-hint"
            aria-invalid={hasErrors ? 'true' : undefined}
          />
        </div>
        <Button>{t('organisation.csv.import_submit')}</Button>
      </form>
    </Layout>
  )
}

function num(n: number, digits = 2): string {
  return n.toLocaleString('de-DE', { minimumFractionDigits: digits, maximumFractionDigits: digits })
}

/** The band in words (never colour alone): "über Norm", "im Normbereich", "unter Norm", "keine Besetzung". */
export function bandText(band: CaseloadBand, norm: { min: number; max: number }): string {
  const range = `${norm.min}–${norm.max}`
  switch (band) {
    case 'above':
      return t('organisation.staffing.band_above', { range })
    case 'below':
      return t('organisation.staffing.band_below', { range })
    case 'within':
      return t('organisation.staffing.band_within', { range })
    default:
      return t('organisation.staffing.band_no_staff')
  }
}

/** /verwaltung/organisation/stellen: posts, FTE, absences and caseload per unit, rolled up the tree. */
export function StaffingPage(props: {
  staff: StaffPrincipal
  csrfToken: string
  staffing: Staffing
  day: string
  given: boolean
}) {
  const { staffing } = props
  const cols = [
    t('organisation.staffing.col_unit'),
    t('organisation.staffing.col_planned'),
    t('organisation.staffing.col_filled'),
    t('organisation.staffing.col_vacant'),
    t('organisation.staffing.col_fte_planned'),
    t('organisation.staffing.col_fte_filled'),
    t('organisation.staffing.col_absent'),
    t('organisation.staffing.col_fte_present'),
    t('organisation.staffing.col_open_cases'),
    t('organisation.staffing.col_cases_per_fte'),
    t('organisation.staffing.col_band'),
  ]
  return (
    <Layout title={t('organisation.staffing.title')} staff={staffFrame(props.staff, props.csrfToken)}>
      <BackLink href={BASE}>{t('organisation.unit.back')}</BackLink>
      <h1 class="kern-heading-large">{t('organisation.staffing.title')}</h1>
      <StandForm action={`${BASE}/stellen`} day={props.day} />
      <PastNotice given={props.given} day={props.day} />
      <p class="kern-body">
        {t('organisation.staffing.intro', { min: staffing.norm.min, max: staffing.norm.max })}
      </p>
      <p class="kern-body">
        <a class="kern-link" href={`${BASE}/stellen.csv?stand=${props.day}`}>
          {t('organisation.staffing.csv')}
        </a>
      </p>
      <div class="kern-table-responsive staffing-table">
        <table class="kern-table kern-table--striped">
          <caption class="kern-sr-only">{t('organisation.staffing.title')}</caption>
          <thead class="kern-table__header">
            <tr>
              {cols.map((c) => (
                <th scope="col" class="kern-table__header">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody class="kern-table__body">
            {staffing.rows.map((row) => {
              const f = row.total
              return (
                <tr>
                  <th scope="row" class="kern-table__cell">
                    {'– '.repeat(row.depth)}
                    {KIND_LABEL[row.unit.kind]} {row.unit.shortCode} {row.unit.name}
                  </th>
                  <td class="kern-table__cell">{f.postsPlanned}</td>
                  <td class="kern-table__cell">{f.postsFilled}</td>
                  <td class="kern-table__cell">{f.postsVacant}</td>
                  <td class="kern-table__cell">{num(f.ftePlanned)}</td>
                  <td class="kern-table__cell">{num(f.fteFilled)}</td>
                  <td class="kern-table__cell">{f.absentPeople}</td>
                  <td class="kern-table__cell">{num(f.ftePresent)}</td>
                  <td class="kern-table__cell">{f.openCases}</td>
                  <td class="kern-table__cell">{f.casesPerFte === null ? '–' : num(f.casesPerFte, 1)}</td>
                  <td class="kern-table__cell">
                    {f.band === 'above' ? (
                      <strong>{bandText(f.band, staffing.norm)}</strong>
                    ) : (
                      bandText(f.band, staffing.norm)
                    )}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </Layout>
  )
}
