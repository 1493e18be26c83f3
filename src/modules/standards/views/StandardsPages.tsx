// SPDX-License-Identifier: EUPL-1.2
import type { Child } from 'hono/jsx'
import type { StaffPrincipal } from '../../../http/context.js'
import { formatDateTime, formatIsoDate } from '../../../shared/dates.js'
import { t } from '../../../shared/i18n.js'
import { DescriptionList } from '../../../views/components/description-list.js'
import { Button, CsrfField, ErrorSummary, fieldId, TextField } from '../../../views/components/form.js'
import { Notice } from '../../../views/components/notice.js'
import { SectionFrame } from '../../../views/components/section-frame.js'
import { formatLegalReference, type StandardStep, type StepDiff } from '../standards.domain.js'
import type { ExchangeError } from '../standards.exchange.js'
import { formatExchangeError } from '../standards.exchange.js'
import type { Standard, StandardVersion } from '../standards.service.js'
import { DiffText } from './DiffText.js'

export interface PageBase {
  staff: StaffPrincipal
  csrfToken: string
}

export interface PostOption {
  id: string
  title: string
  unit_name: string
}

function Frame(props: PageBase & { title: string; hasErrors?: boolean | undefined; children?: Child }) {
  return (
    <SectionFrame
      {...props}
      navLabel={t('standards.nav.label')}
      links={[
        { href: '/standards', label: t('standards.nav.standards') },
        { href: '/wissen', label: t('standards.nav.knowledge') },
      ]}
    >
      {props.children}
    </SectionFrame>
  )
}

function statusLabel(v: StandardVersion) {
  return t(`standards.status.${v.status}`)
}

export function StandardsListPage(
  props: PageBase & {
    standards: Array<Standard & { inForce: StandardVersion | undefined }>
    canEdit: boolean
    canImport: boolean
  },
) {
  return (
    <Frame {...props} title={t('standards.list.title')}>
      <h1 class="kern-heading-large">{t('standards.list.title')}</h1>
      <p class="kern-body">{t('standards.list.intro')}</p>
      <ul class="kern-list kern-list--horizontal">
        {props.canEdit ? (
          <li>
            <a class="kern-link" href="/standards/neu">
              {t('standards.list.new')}
            </a>
          </li>
        ) : null}
        <li>
          <a class="kern-link" href="/standards/export?format=yaml">
            {t('standards.list.export_yaml')}
          </a>
        </li>
        <li>
          <a class="kern-link" href="/standards/export?format=json">
            {t('standards.list.export_json')}
          </a>
        </li>
        {props.canImport ? (
          <li>
            <a class="kern-link" href="/standards/import">
              {t('standards.list.import')}
            </a>
          </li>
        ) : null}
      </ul>
      <table class="kern-table">
        <caption class="kern-sr-only">{t('standards.list.title')}</caption>
        <thead class="kern-table__header">
          <tr>
            <th scope="col" class="kern-table__header">
              {t('standards.list.col_title')}
            </th>
            <th scope="col" class="kern-table__header">
              {t('standards.list.col_in_force')}
            </th>
            <th scope="col" class="kern-table__header">
              {t('standards.list.col_latest')}
            </th>
          </tr>
        </thead>
        <tbody class="kern-table__body">
          {props.standards.map((s) => {
            const latest = s.versions[s.versions.length - 1]
            return (
              <tr>
                <td class="kern-table__cell">
                  <a class="kern-link" href={`/standards/${s.key}`}>
                    {s.title}
                  </a>
                </td>
                <td class="kern-table__cell">
                  {s.inForce
                    ? t('standards.list.in_force', {
                        version: s.inForce.version,
                        date: formatIsoDate(s.inForce.validFrom ?? ''),
                      })
                    : t('standards.list.none_in_force')}
                </td>
                <td class="kern-table__cell">
                  {latest
                    ? `${t('standards.version.label', { version: latest.version })} – ${statusLabel(latest)}`
                    : ''}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </Frame>
  )
}

function Textarea(props: {
  name: string
  label: string
  value: string
  hint?: string
  error?: string | undefined
  rows?: number
}) {
  const id = fieldId(props.name)
  return (
    <div class={`kern-form-input${props.error ? ' kern-form-input--error' : ''}`}>
      <label class="kern-label" for={id}>
        {props.label}
      </label>
      {props.hint ? (
        <div class="kern-hint" id={`${id}-hint`}>
          {props.hint}
        </div>
      ) : null}
      {props.error ? (
        <p class="kern-error" id={`${id}-error`}>
          <span class="kern-body">
            <span class="kern-sr-only">{t('layout.error_prefix')} </span>
            {props.error}
          </span>
        </p>
      ) : null}
      <textarea
        class="kern-form-input__input code-area"
        id={id}
        name={props.name}
        rows={props.rows ?? 8}
        spellcheck={false}
        aria-describedby={
          [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ') ||
          undefined
        }
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.value}
      </textarea>
    </div>
  )
}

/** All errors of an exchange text, each with its line, under the summary. */
function ExchangeErrorList({ errors }: { errors: ExchangeError[] }) {
  if (errors.length === 0) {
    return null
  }
  return (
    <ul class="kern-list" id="exchange-errors">
      {errors.map((e) => (
        <li>{formatExchangeError(e)}</li>
      ))}
    </ul>
  )
}

export function NewStandardPage(
  props: PageBase & {
    values: Record<string, string>
    errors: Record<string, string>
    exchangeErrors: ExchangeError[]
    posts: PostOption[]
  },
) {
  const hasErrors = Object.keys(props.errors).length > 0
  return (
    <Frame {...props} title={t('standards.new.title')} hasErrors={hasErrors}>
      <h1 class="kern-heading-large">{t('standards.new.title')}</h1>
      <ErrorSummary errors={props.errors} order={['key', 'title', 'approverPostId', 'steps']} />
      <form method="post" action="/standards/neu" novalidate>
        <CsrfField token={props.csrfToken} />
        <TextField
          name="key"
          label={t('standards.new.key')}
          hint={t('standards.new.key_hint')}
          values={props.values}
          errors={props.errors}
          spellcheck={false}
        />
        <TextField
          name="title"
          label={t('standards.new.title_field')}
          values={props.values}
          errors={props.errors}
        />
        <TextField
          name="description"
          label={t('standards.new.description')}
          values={props.values}
          errors={props.errors}
          optional
        />
        <PostSelect
          name="approverPostId"
          label={t('standards.approver.label')}
          posts={props.posts}
          value={props.values.approverPostId ?? ''}
          error={props.errors.approverPostId}
        />
        <Textarea
          name="steps"
          label={t('standards.edit.steps')}
          hint={t('standards.edit.steps_hint')}
          value={props.values.steps ?? ''}
          error={props.errors.steps}
          rows={16}
        />
        <ExchangeErrorList errors={props.exchangeErrors} />
        <Button>{t('standards.new.submit')}</Button>
      </form>
    </Frame>
  )
}

export function PostSelect(props: {
  name: string
  label: string
  posts: PostOption[]
  value: string
  error?: string | undefined
}) {
  const id = fieldId(props.name)
  return (
    <div class={`kern-form-input${props.error ? ' kern-form-input--error' : ''}`}>
      <label class="kern-label" for={id}>
        {props.label}
      </label>
      {props.error ? (
        <p class="kern-error" id={`${id}-error`}>
          <span class="kern-body">{props.error}</span>
        </p>
      ) : null}
      <div class="kern-form-input__select-wrapper">
        <select
          class="kern-form-input__select"
          id={id}
          name={props.name}
          aria-describedby={props.error ? `${id}-error` : undefined}
        >
          <option value="">{t('form.select_placeholder')}</option>
          {props.posts.map((p) => (
            <option value={p.id} selected={p.id === props.value}>
              {`${p.title} (${p.unit_name})`}
            </option>
          ))}
        </select>
      </div>
    </div>
  )
}

export function StandardPage(
  props: PageBase & {
    standard: Standard
    inForce: StandardVersion | undefined
    approverPostTitle: string | null
    posts: PostOption[]
    canEdit: boolean
    notice?: string | undefined
  },
) {
  const s = props.standard
  const hasOpen = s.versions.some((v) => v.status !== 'published')
  const published = s.versions.filter((v) => v.status === 'published')
  return (
    <Frame {...props} title={s.title}>
      <h1 class="kern-heading-large">{s.title}</h1>
      <Notice text={props.notice} />
      <p class="kern-body">{s.description}</p>
      <p class="kern-body">
        <strong>{t('standards.legal_review_notice')}</strong>
      </p>
      <DescriptionList
        rows={[
          {
            label: t('standards.approver.label'),
            value: props.approverPostTitle ?? t('standards.approver.none'),
          },
          {
            label: t('standards.standard.in_force'),
            value: props.inForce
              ? t('standards.list.in_force', {
                  version: props.inForce.version,
                  date: formatIsoDate(props.inForce.validFrom ?? ''),
                })
              : t('standards.list.none_in_force'),
          },
        ]}
      />
      <h2 class="kern-heading-medium">{t('standards.standard.versions')}</h2>
      <table class="kern-table">
        <caption class="kern-sr-only">{t('standards.standard.versions')}</caption>
        <thead class="kern-table__header">
          <tr>
            <th scope="col" class="kern-table__header">
              {t('standards.standard.col_version')}
            </th>
            <th scope="col" class="kern-table__header">
              {t('standards.standard.col_status')}
            </th>
            <th scope="col" class="kern-table__header">
              {t('standards.standard.col_valid_from')}
            </th>
            <th scope="col" class="kern-table__header">
              {t('standards.standard.col_note')}
            </th>
          </tr>
        </thead>
        <tbody class="kern-table__body">
          {[...s.versions].reverse().map((v) => (
            <tr>
              <td class="kern-table__cell">
                <a class="kern-link" href={`/standards/${s.key}/versionen/${v.version}`}>
                  {t('standards.version.label', { version: v.version })}
                </a>
              </td>
              <td class="kern-table__cell">{statusLabel(v)}</td>
              <td class="kern-table__cell">{v.validFrom ? formatIsoDate(v.validFrom) : '–'}</td>
              <td class="kern-table__cell">{v.changeNote}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {s.versions.length > 1 ? (
        <form method="get" action={`/standards/${s.key}/vergleich`} class="filter-form">
          <VersionSelect
            name="von"
            label={t('standards.diff.from')}
            versions={s.versions}
            value={s.versions[s.versions.length - 2]?.version}
          />
          <VersionSelect
            name="bis"
            label={t('standards.diff.to')}
            versions={s.versions}
            value={s.versions[s.versions.length - 1]?.version}
          />
          <Button variant="secondary">{t('standards.diff.compare')}</Button>
        </form>
      ) : null}
      {props.canEdit && !hasOpen ? (
        <form method="post" action={`/standards/${s.key}/versionen`}>
          <CsrfField token={props.csrfToken} />
          <Button>{t('standards.standard.new_version')}</Button>
        </form>
      ) : null}
      {props.canEdit ? (
        <form method="post" action={`/standards/${s.key}/freigabestelle`}>
          <CsrfField token={props.csrfToken} />
          <PostSelect
            name="approverPostId"
            label={t('standards.approver.change')}
            posts={props.posts}
            value={s.approverPostId ?? ''}
          />
          <Button variant="secondary">{t('standards.approver.save')}</Button>
        </form>
      ) : null}
      <p class="kern-body">
        <a class="kern-link" href={`/standards/export?format=yaml&standard=${s.key}`}>
          {t('standards.list.export_yaml')}
        </a>
        {published.length === 0 ? null : ''}
      </p>
    </Frame>
  )
}

function VersionSelect(props: {
  name: string
  label: string
  versions: StandardVersion[]
  value: number | undefined
}) {
  const id = fieldId(props.name)
  return (
    <div class="kern-form-input">
      <label class="kern-label" for={id}>
        {props.label}
      </label>
      <div class="kern-form-input__select-wrapper">
        <select class="kern-form-input__select" id={id} name={props.name}>
          {props.versions.map((v) => (
            <option value={String(v.version)} selected={v.version === props.value}>
              {`${t('standards.version.label', { version: v.version })} (${statusLabel(v)})`}
            </option>
          ))}
        </select>
      </div>
    </div>
  )
}

function Flags({ mandatory, evidence }: { mandatory: boolean; evidence: boolean }) {
  return (
    <span>
      {' '}
      ({mandatory ? t('standards.item.mandatory') : t('standards.item.optional')}
      {evidence ? `, ${t('standards.item.evidence')}` : ''})
    </span>
  )
}

function StepView({ step, index }: { step: StandardStep; index: number }) {
  return (
    <section class="standard-step" aria-labelledby={`step-${step.key}`}>
      <h3 class="kern-heading-small" id={`step-${step.key}`}>
        {t('standards.step.heading', { n: index + 1, title: step.title })}
      </h3>
      {step.description ? <p class="kern-body">{step.description}</p> : null}
      <p class="kern-body">{t('standards.step.deadline', { days: step.deadlineDays })}</p>
      <ul class="kern-list">
        {step.items.map((i) => (
          <li>
            {i.text}
            <Flags mandatory={i.mandatory} evidence={i.evidenceRequired} />
          </li>
        ))}
      </ul>
      {step.legalReferences && step.legalReferences.length > 0 ? (
        <p class="kern-body">
          {t('standards.step.legal')}{' '}
          {step.legalReferences.map((r, n) => (
            <>
              {n > 0 ? ', ' : ''}
              {r.url ? (
                <a class="kern-link" href={r.url} rel="noopener noreferrer">
                  {formatLegalReference(r)}
                </a>
              ) : (
                formatLegalReference(r)
              )}
            </>
          ))}
        </p>
      ) : null}
      {step.letterTemplates && step.letterTemplates.length > 0 ? (
        <p class="kern-body">
          {t('standards.step.letters')} <span class="code">{step.letterTemplates.join(', ')}</span>
        </p>
      ) : null}
    </section>
  )
}

export function VersionPage(
  props: PageBase & {
    standard: Standard
    version: StandardVersion
    canEdit: boolean
    canApprove: boolean
    approverName: string | null
    today: string
    errors: Record<string, string>
    values: Record<string, string>
  },
) {
  const { standard: s, version: v } = props
  const base = `/standards/${s.key}/versionen/${v.version}`
  const title = `${s.title} – ${t('standards.version.label', { version: v.version })}`
  return (
    <Frame {...props} title={title} hasErrors={Object.keys(props.errors).length > 0}>
      <ErrorSummary errors={props.errors} />
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">
        {t('standards.version.status')} <strong id="version-status">{statusLabel(v)}</strong>
        {v.validFrom ? ` – ${t('standards.version.valid_from', { date: formatIsoDate(v.validFrom) })}` : ''}
      </p>
      {v.approvedAt ? (
        <p class="kern-body" id="version-approval">
          {t('standards.version.approved_by', {
            name: `${v.approvedOnBehalf ? 'i.V. ' : ''}${v.approvedByName ?? ''}`,
            at: formatDateTime(v.approvedAt),
          })}
        </p>
      ) : null}
      {v.changeNote ? (
        <p class="kern-body">{t('standards.version.change_note', { note: v.changeNote })}</p>
      ) : null}
      <p class="kern-body">
        <strong>{t('standards.legal_review_notice')}</strong>
      </p>
      <h2 class="kern-heading-medium">{t('standards.version.steps')}</h2>
      {v.steps.map((step, index) => (
        <StepView step={step} index={index} />
      ))}
      <h2 class="kern-heading-medium">{t('standards.version.actions')}</h2>
      {v.status === 'draft' && props.canEdit ? (
        <>
          <p class="kern-body">
            <a class="kern-link" href={`${base}/bearbeiten`}>
              {t('standards.version.edit')}
            </a>
          </p>
          <form method="post" action={`${base}/aktion`}>
            <CsrfField token={props.csrfToken} />
            <Button name="action" value="submit">
              {t('standards.action.submit')}
            </Button>
          </form>
        </>
      ) : null}
      {v.status === 'in_review' ? (
        <form method="post" action={`${base}/aktion`}>
          <CsrfField token={props.csrfToken} />
          {props.canApprove ? (
            <Button name="action" value="approve">
              {props.approverName
                ? t('standards.action.approve_as', { name: props.approverName })
                : t('standards.action.approve')}
            </Button>
          ) : (
            <p class="kern-body">{t('standards.action.waiting_for_approval')}</p>
          )}
          {props.canEdit ? (
            <Button name="action" value="return" variant="secondary">
              {t('standards.action.return')}
            </Button>
          ) : null}
        </form>
      ) : null}
      {v.status === 'approved' && props.canEdit ? (
        <form method="post" action={`${base}/aktion`} novalidate>
          <CsrfField token={props.csrfToken} />
          <TextField
            name="validFrom"
            label={t('standards.action.valid_from')}
            hint={t('standards.action.valid_from_hint')}
            values={{ validFrom: props.values.validFrom ?? formatIsoDate(props.today) }}
            errors={props.errors}
            width={4}
          />
          <Button name="action" value="publish">
            {t('standards.action.publish')}
          </Button>
        </form>
      ) : null}
      {v.status === 'published' ? <p class="kern-body">{t('standards.version.immutable')}</p> : null}
      <p class="kern-body">
        <a class="kern-link" href={`/standards/${s.key}`}>
          {t('standards.version.back', { title: s.title })}
        </a>
      </p>
    </Frame>
  )
}

export function EditVersionPage(
  props: PageBase & {
    standard: Standard
    version: StandardVersion
    values: Record<string, string>
    errors: Record<string, string>
    exchangeErrors: ExchangeError[]
  },
) {
  const { standard: s, version: v } = props
  const title = t('standards.edit.title', { title: s.title, version: v.version })
  return (
    <Frame {...props} title={title} hasErrors={Object.keys(props.errors).length > 0}>
      <ErrorSummary errors={props.errors} />
      <h1 class="kern-heading-large">{title}</h1>
      <form method="post" action={`/standards/${s.key}/versionen/${v.version}/bearbeiten`} novalidate>
        <CsrfField token={props.csrfToken} />
        <TextField
          name="changeNote"
          label={t('standards.edit.change_note')}
          values={props.values}
          errors={props.errors}
        />
        <Textarea
          name="steps"
          label={t('standards.edit.steps')}
          hint={t('standards.edit.steps_hint')}
          value={props.values.steps ?? ''}
          error={props.errors.steps}
          rows={24}
        />
        <ExchangeErrorList errors={props.exchangeErrors} />
        <Button>{t('standards.edit.save')}</Button>
      </form>
    </Frame>
  )
}

function ListDiffView({ items }: { items: Array<{ value: string; status: string }> }) {
  return (
    <ul class="kern-list">
      {items.map((i) => (
        <li>
          {i.status === 'added' ? (
            <ins>
              <span class="kern-sr-only">{t('standards.diff.added_sr')} </span>
              {i.value}
            </ins>
          ) : i.status === 'removed' ? (
            <del>
              <span class="kern-sr-only">{t('standards.diff.removed_sr')} </span>
              {i.value}
            </del>
          ) : (
            i.value
          )}
        </li>
      ))}
    </ul>
  )
}

export function DiffPage(
  props: PageBase & { standard: Standard; from: number; to: number; steps: StepDiff[] },
) {
  const title = t('standards.diff.title', { title: props.standard.title, from: props.from, to: props.to })
  return (
    <Frame {...props} title={title}>
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">{t('standards.diff.legend')}</p>
      <table class="kern-table diff-table">
        <caption class="kern-sr-only">{title}</caption>
        <thead class="kern-table__header">
          <tr>
            <th scope="col" class="kern-table__header">
              {t('standards.diff.col_step')}
            </th>
            <th scope="col" class="kern-table__header">
              {t('standards.version.label', { version: props.from })}
            </th>
            <th scope="col" class="kern-table__header">
              {t('standards.version.label', { version: props.to })}
            </th>
          </tr>
        </thead>
        <tbody class="kern-table__body">
          {props.steps.map((d) => (
            <tr>
              <th scope="row" class="kern-table__cell">
                {d.new?.title ?? d.old?.title}
                <br />
                <span class="kern-badge">
                  <span class="kern-label kern-label--small">{t(`standards.diff.status_${d.status}`)}</span>
                </span>
              </th>
              {(['old', 'new'] as const).map((side) => {
                const step = side === 'old' ? d.old : d.new
                if (!step) {
                  return (
                    <td class="kern-table__cell">
                      {t(side === 'old' ? 'standards.diff.not_yet' : 'standards.diff.no_longer')}
                    </td>
                  )
                }
                return (
                  <td class="kern-table__cell">
                    <p class="kern-body">
                      <DiffText parts={d.title} side={side} />
                    </p>
                    <p class="kern-body">
                      {d.deadlineChanged ? <strong>{t('standards.diff.deadline_changed')} </strong> : null}
                      {t('standards.step.deadline', { days: step.deadlineDays })}
                    </p>
                    <ul class="kern-list">
                      {d.items
                        .filter((i) => (side === 'old' ? i.old : i.new))
                        .map((i) => {
                          const item = side === 'old' ? i.old : i.new
                          return (
                            <li>
                              {i.status === 'changed' || i.status === 'unchanged' ? (
                                <DiffText parts={i.text} side={side} />
                              ) : i.status === 'added' ? (
                                <ins>
                                  <span class="kern-sr-only">{t('standards.diff.added_sr')} </span>
                                  {item?.text}
                                </ins>
                              ) : (
                                <del>
                                  <span class="kern-sr-only">{t('standards.diff.removed_sr')} </span>
                                  {item?.text}
                                </del>
                              )}
                              {item ? (
                                <Flags mandatory={item.mandatory} evidence={item.evidenceRequired} />
                              ) : null}
                            </li>
                          )
                        })}
                    </ul>
                    <ListDiffView
                      items={d.legalReferences.filter(
                        (r) => r.status !== (side === 'old' ? 'added' : 'removed'),
                      )}
                    />
                    <ListDiffView
                      items={d.letterTemplates.filter(
                        (r) => r.status !== (side === 'old' ? 'added' : 'removed'),
                      )}
                    />
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p class="kern-body">
        <a class="kern-link" href={`/standards/${props.standard.key}`}>
          {t('standards.version.back', { title: props.standard.title })}
        </a>
      </p>
    </Frame>
  )
}

export function ImportPage(
  props: PageBase & {
    errors: Record<string, string>
    exchangeErrors: ExchangeError[]
    result?: Array<{ key: string; version: number }>
  },
) {
  return (
    <Frame {...props} title={t('standards.import.title')} hasErrors={Object.keys(props.errors).length > 0}>
      <ErrorSummary errors={props.errors} />
      <h1 class="kern-heading-large">{t('standards.import.title')}</h1>
      {props.result ? (
        <div class="kern-alert kern-alert--success" role="status">
          <div class="kern-alert__body">
            <p class="kern-body">{t('standards.import.done', { count: props.result.length })}</p>
            <ul class="kern-list">
              {props.result.map((r) => (
                <li>
                  <a class="kern-link" href={`/standards/${r.key}/versionen/${r.version}`}>
                    {`${r.key} – ${t('standards.version.label', { version: r.version })}`}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
      <p class="kern-body">{t('standards.import.intro')}</p>
      <form method="post" action="/standards/import" enctype="multipart/form-data">
        <CsrfField token={props.csrfToken} />
        <div class={`kern-form-input${props.errors.file ? ' kern-form-input--error' : ''}`}>
          <label class="kern-label" for="f-file">
            {t('standards.import.file')}
          </label>
          {props.errors.file ? (
            <p class="kern-error" id="f-file-error">
              <span class="kern-body">{props.errors.file}</span>
            </p>
          ) : null}
          <input
            class="kern-form-input__input file-input"
            type="file"
            id="f-file"
            name="file"
            accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml"
            aria-describedby={props.errors.file ? 'f-file-error' : undefined}
          />
        </div>
        <ExchangeErrorList errors={props.exchangeErrors} />
        <Button>{t('standards.import.submit')}</Button>
      </form>
    </Frame>
  )
}
