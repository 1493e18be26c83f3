// SPDX-License-Identifier: EUPL-1.2
import type { Change } from 'diff'
import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import type { StaffPrincipal } from '../../../http/context.js'
import { formatDateTime, formatIsoDate } from '../../../shared/dates.js'
import { t } from '../../../shared/i18n.js'
import { DescriptionList } from '../../../views/components/description-list.js'
import { Button, CsrfField, ErrorSummary, fieldId, TextField } from '../../../views/components/form.js'
import { Notice } from '../../../views/components/notice.js'
import { SectionFrame } from '../../../views/components/section-frame.js'
import { DiffText } from '../../standards/index.js'
import { MARK_END, MARK_START } from '../knowledge.repository.js'
import type { KnowledgeEntry, LinkView, MapNode } from '../knowledge.service.js'
import { KNOWLEDGE_KINDS, KNOWLEDGE_LINK_KINDS, type KnowledgeKind } from '../knowledge.table.js'

export interface PageBase {
  staff: StaffPrincipal
  csrfToken: string
}

export interface PostOption {
  id: string
  title: string
  unit_id: string
  unit_name: string
}

/**
 * ts_headline output with sentinel marks (MARK_START … MARK_END) → text with <mark>; JSX escapes every part,
 * so nothing from an entry is ever interpreted as markup.
 */
function Headline({ text }: { text: string }) {
  const parts: Array<{ value: string; hit: boolean }> = []
  for (const chunk of text.split(MARK_START)) {
    const end = chunk.indexOf(MARK_END)
    if (parts.length > 0 && end !== -1) {
      parts.push({ value: chunk.slice(0, end), hit: true })
      parts.push({
        value: chunk
          .slice(end + 1)
          .split(MARK_END)
          .join(''),
        hit: false,
      })
    } else {
      parts.push({ value: chunk.split(MARK_END).join(''), hit: false })
    }
  }
  return <>{parts.map((p) => (p.hit ? <mark>{p.value}</mark> : p.value))}</>
}

function Frame(props: PageBase & { title: string; hasErrors?: boolean | undefined; children?: Child }) {
  return (
    <SectionFrame
      {...props}
      navLabel={t('knowledge.nav.label')}
      links={[
        { href: '/wissen', label: t('knowledge.nav.search') },
        { href: '/wissen/karte', label: t('knowledge.nav.map') },
        { href: '/standards', label: t('knowledge.nav.standards') },
      ]}
    >
      {props.children}
    </SectionFrame>
  )
}

function kindLabel(kind: KnowledgeKind) {
  return t(`knowledge.kind.${kind}`)
}

export function SearchPage(
  props: PageBase & {
    query: string
    kind: KnowledgeKind | undefined
    unitId: string | undefined
    units: Array<{ id: string; name: string }>
    results: Array<KnowledgeEntry & { headline: string | null }>
    overdue: KnowledgeEntry[]
    canCreate: boolean
  },
) {
  return (
    <Frame {...props} title={t('knowledge.search.title')}>
      <h1 class="kern-heading-large">{t('knowledge.search.title')}</h1>
      {props.overdue.length > 0 ? (
        <section class="kern-alert kern-alert--warning" aria-labelledby="overdue-title">
          <div class="kern-alert__header">
            <h2 class="kern-title" id="overdue-title">
              {t('knowledge.overdue.title', { count: props.overdue.length })}
            </h2>
          </div>
          <div class="kern-alert__body">
            <ul class="kern-list">
              {props.overdue.map((e) => (
                <li>
                  <a class="kern-link" href={`/wissen/eintrag/${e.slug}`}>
                    {e.title}
                  </a>{' '}
                  {t('knowledge.overdue.since', { date: formatIsoDate(e.review_due) })}
                </li>
              ))}
            </ul>
          </div>
        </section>
      ) : null}
      <search>
        <form method="get" action="/wissen" class="filter-form">
          <div class="kern-form-input">
            <label class="kern-label" for="f-q">
              {t('knowledge.search.query')}
            </label>
            <input class="kern-form-input__input" type="search" id="f-q" name="q" value={props.query} />
          </div>
          <div class="kern-form-input">
            <label class="kern-label" for="f-art">
              {t('knowledge.search.kind')}
            </label>
            <div class="kern-form-input__select-wrapper">
              <select class="kern-form-input__select" id="f-art" name="art">
                <option value="">{t('knowledge.search.all_kinds')}</option>
                {KNOWLEDGE_KINDS.map((k) => (
                  <option value={k} selected={k === props.kind}>
                    {kindLabel(k)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div class="kern-form-input">
            <label class="kern-label" for="f-einheit">
              {t('knowledge.search.unit')}
            </label>
            <div class="kern-form-input__select-wrapper">
              <select class="kern-form-input__select" id="f-einheit" name="einheit">
                <option value="">{t('knowledge.search.all_units')}</option>
                {props.units.map((u) => (
                  <option value={u.id} selected={u.id === props.unitId}>
                    {u.name}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <Button variant="secondary">{t('knowledge.search.submit')}</Button>
        </form>
      </search>
      <p class="kern-body" role="status" id="search-count">
        {t('knowledge.search.count', { count: props.results.length })}
      </p>
      <ol class="kern-list search-results">
        {props.results.map((r) => (
          <li>
            <h2 class="kern-heading-small">
              <a class="kern-link" href={`/wissen/eintrag/${r.slug}`}>
                {r.title}
              </a>
            </h2>
            <p class="kern-body">
              {kindLabel(r.kind)}
              {r.headline ? ' – ' : ''}
              {r.headline ? <Headline text={r.headline} /> : null}
            </p>
          </li>
        ))}
      </ol>
      {props.canCreate ? (
        <p class="kern-body">
          <a class="kern-link" href="/wissen/neu">
            {t('knowledge.search.new')}
          </a>
        </p>
      ) : null}
    </Frame>
  )
}

export function EntryPage(
  props: PageBase & {
    entry: KnowledgeEntry
    html: string
    ownerPostTitle: string
    links: LinkView[]
    allEntries: KnowledgeEntry[]
    canEdit: boolean
    notice?: string | undefined
  },
) {
  const e = props.entry
  const outgoing = props.links.filter((l) => l.direction === 'out')
  const incoming = props.links.filter((l) => l.direction === 'in')
  return (
    <Frame {...props} title={e.title}>
      <h1 class="kern-heading-large">{e.title}</h1>
      <Notice text={props.notice} />
      <DescriptionList
        rows={[
          { label: t('knowledge.entry.kind'), value: kindLabel(e.kind) },
          { label: t('knowledge.entry.owner'), value: props.ownerPostTitle },
          {
            label: t('knowledge.entry.review_due'),
            value: (
              <>
                {formatIsoDate(e.review_due)}
                {e.last_reviewed_at
                  ? ` (${t('knowledge.entry.last_reviewed', { at: formatDateTime(e.last_reviewed_at) })})`
                  : ''}
              </>
            ),
          },
          e.standard_key
            ? {
                label: t('knowledge.entry.standard'),
                value: (
                  <a class="kern-link" href={`/standards/${e.standard_key}`}>
                    {e.standard_key}
                  </a>
                ),
              }
            : null,
        ]}
      />
      <div class="markdown-body">{raw(props.html)}</div>
      <h2 class="kern-heading-medium">{t('knowledge.entry.links')}</h2>
      {props.links.length === 0 ? <p class="kern-body">{t('knowledge.entry.no_links')}</p> : null}
      <ul class="kern-list">
        {outgoing.map((l) => (
          <li>
            {t(`knowledge.link.${l.kind}`)}{' '}
            <a class="kern-link" href={`/wissen/eintrag/${l.other.slug}`}>
              {l.other.title}
            </a>
            {props.canEdit ? (
              <form
                method="post"
                action={`/wissen/eintrag/${e.slug}/verknuepfungen/${l.id}/entfernen`}
                class="inline-form"
              >
                <CsrfField token={props.csrfToken} />
                <Button variant="tertiary">{t('knowledge.link.remove', { title: l.other.title })}</Button>
              </form>
            ) : null}
          </li>
        ))}
        {incoming.map((l) => (
          <li>
            <a class="kern-link" href={`/wissen/eintrag/${l.other.slug}`}>
              {l.other.title}
            </a>{' '}
            {t(`knowledge.link.in_${l.kind}`)}
          </li>
        ))}
      </ul>
      {props.canEdit ? (
        <>
          <form method="post" action={`/wissen/eintrag/${e.slug}/verknuepfungen`} class="filter-form">
            <CsrfField token={props.csrfToken} />
            <div class="kern-form-input">
              <label class="kern-label" for="f-linkKind">
                {t('knowledge.link.kind')}
              </label>
              <div class="kern-form-input__select-wrapper">
                <select class="kern-form-input__select" id="f-linkKind" name="kind">
                  {KNOWLEDGE_LINK_KINDS.map((k) => (
                    <option value={k}>{t(`knowledge.link.${k}`)}</option>
                  ))}
                </select>
              </div>
            </div>
            <div class="kern-form-input">
              <label class="kern-label" for="f-target">
                {t('knowledge.link.target')}
              </label>
              <div class="kern-form-input__select-wrapper">
                <select class="kern-form-input__select" id="f-target" name="target">
                  {props.allEntries
                    .filter((o) => o.id !== e.id)
                    .map((o) => (
                      <option value={o.slug}>{o.title}</option>
                    ))}
                </select>
              </div>
            </div>
            <Button variant="secondary">{t('knowledge.link.add')}</Button>
          </form>
          <ul class="kern-list kern-list--horizontal">
            <li>
              <a class="kern-link" href={`/wissen/eintrag/${e.slug}/bearbeiten`}>
                {t('knowledge.entry.edit')}
              </a>
            </li>
          </ul>
          <form method="post" action={`/wissen/eintrag/${e.slug}/geprueft`}>
            <CsrfField token={props.csrfToken} />
            <Button variant="secondary">{t('knowledge.entry.mark_reviewed')}</Button>
          </form>
        </>
      ) : null}
      <p class="kern-body">
        <a class="kern-link" href={`/wissen/eintrag/${e.slug}/verlauf`}>
          {t('knowledge.entry.history', { version: e.version })}
        </a>
      </p>
    </Frame>
  )
}

function Textarea(props: {
  name: string
  label: string
  value: string
  error?: string | undefined
  hint?: string
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
          <span class="kern-body">{props.error}</span>
        </p>
      ) : null}
      <textarea
        class="kern-form-input__input code-area"
        id={id}
        name={props.name}
        rows={14}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
      >
        {props.value}
      </textarea>
    </div>
  )
}

export function EntryFormPage(
  props: PageBase & {
    action: string
    heading: string
    values: Record<string, string>
    errors: Record<string, string>
    posts: PostOption[]
    editing: boolean
  },
) {
  const v = props.values
  return (
    <Frame {...props} title={props.heading} hasErrors={Object.keys(props.errors).length > 0}>
      <ErrorSummary
        errors={props.errors}
        order={['kind', 'title', 'body', 'ownerPostId', 'reviewDue', 'standardKey']}
      />
      <h1 class="kern-heading-large">{props.heading}</h1>
      <form method="post" action={props.action} novalidate>
        <CsrfField token={props.csrfToken} />
        {props.editing ? (
          <input type="hidden" name="expectedVersion" value={v.expectedVersion ?? ''} />
        ) : null}
        <div class={`kern-form-input${props.errors.kind ? ' kern-form-input--error' : ''}`}>
          <label class="kern-label" for="f-kind">
            {t('knowledge.form.kind')}
          </label>
          {props.errors.kind ? (
            <p class="kern-error">
              <span class="kern-body">{props.errors.kind}</span>
            </p>
          ) : null}
          <div class="kern-form-input__select-wrapper">
            <select class="kern-form-input__select" id="f-kind" name="kind">
              <option value="">{t('form.select_placeholder')}</option>
              {KNOWLEDGE_KINDS.map((k) => (
                <option value={k} selected={k === v.kind}>
                  {kindLabel(k)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <TextField name="title" label={t('knowledge.form.title')} values={v} errors={props.errors} />
        <Textarea
          name="body"
          label={t('knowledge.form.body')}
          hint={t('knowledge.form.body_hint')}
          value={v.body ?? ''}
          error={props.errors.body}
        />
        <div class={`kern-form-input${props.errors.ownerPostId ? ' kern-form-input--error' : ''}`}>
          <label class="kern-label" for="f-ownerPostId">
            {t('knowledge.form.owner')}
          </label>
          {props.errors.ownerPostId ? (
            <p class="kern-error">
              <span class="kern-body">{props.errors.ownerPostId}</span>
            </p>
          ) : null}
          <div class="kern-form-input__select-wrapper">
            <select class="kern-form-input__select" id="f-ownerPostId" name="ownerPostId">
              <option value="">{t('form.select_placeholder')}</option>
              {props.posts.map((p) => (
                <option value={p.id} selected={p.id === v.ownerPostId}>
                  {`${p.title} (${p.unit_name})`}
                </option>
              ))}
            </select>
          </div>
        </div>
        <TextField
          name="reviewDue"
          label={t('knowledge.form.review_due')}
          hint={t('knowledge.form.review_due_hint')}
          values={v}
          errors={props.errors}
          width={4}
        />
        <TextField
          name="standardKey"
          label={t('knowledge.form.standard_key')}
          values={v}
          errors={props.errors}
          optional
          spellcheck={false}
        />
        {props.editing ? (
          <TextField
            name="changeNote"
            label={t('knowledge.form.change_note')}
            values={v}
            errors={props.errors}
            optional
          />
        ) : null}
        <Button>{t('knowledge.form.save')}</Button>
      </form>
    </Frame>
  )
}

export function HistoryPage(
  props: PageBase & {
    entry: KnowledgeEntry
    revisions: Array<{ version: number; title: string; change_note: string; changed_at: Date }>
  },
) {
  const e = props.entry
  const title = t('knowledge.history.title', { title: e.title })
  return (
    <Frame {...props} title={title}>
      <h1 class="kern-heading-large">{title}</h1>
      <table class="kern-table">
        <caption class="kern-sr-only">{title}</caption>
        <thead class="kern-table__header">
          <tr>
            <th scope="col" class="kern-table__header">
              {t('knowledge.history.col_version')}
            </th>
            <th scope="col" class="kern-table__header">
              {t('knowledge.history.col_at')}
            </th>
            <th scope="col" class="kern-table__header">
              {t('knowledge.history.col_note')}
            </th>
          </tr>
        </thead>
        <tbody class="kern-table__body">
          {props.revisions.map((r) => (
            <tr>
              <td class="kern-table__cell">{r.version}</td>
              <td class="kern-table__cell">{formatDateTime(r.changed_at)}</td>
              <td class="kern-table__cell">{r.change_note}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.revisions.length > 1 ? (
        <form method="get" action={`/wissen/eintrag/${e.slug}/vergleich`} class="filter-form">
          {(['von', 'bis'] as const).map((name, i) => (
            <div class="kern-form-input">
              <label class="kern-label" for={`f-${name}`}>
                {t(name === 'von' ? 'knowledge.history.from' : 'knowledge.history.to')}
              </label>
              <div class="kern-form-input__select-wrapper">
                <select class="kern-form-input__select" id={`f-${name}`} name={name}>
                  {props.revisions.map((r) => (
                    <option
                      value={String(r.version)}
                      selected={r.version === (i === 0 ? e.version - 1 : e.version)}
                    >
                      {String(r.version)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          ))}
          <Button variant="secondary">{t('knowledge.history.compare')}</Button>
        </form>
      ) : null}
      <p class="kern-body">
        <a class="kern-link" href={`/wissen/eintrag/${e.slug}`}>
          {t('knowledge.history.back', { title: e.title })}
        </a>
      </p>
    </Frame>
  )
}

export function RevisionDiffPage(
  props: PageBase & { entry: KnowledgeEntry; from: number; to: number; title: Change[]; body: Change[] },
) {
  const heading = t('knowledge.diff.title', { title: props.entry.title, from: props.from, to: props.to })
  return (
    <Frame {...props} title={heading}>
      <h1 class="kern-heading-large">{heading}</h1>
      <p class="kern-body">{t('standards.diff.legend')}</p>
      <table class="kern-table diff-table">
        <caption class="kern-sr-only">{heading}</caption>
        <thead class="kern-table__header">
          <tr>
            <th scope="col" class="kern-table__header">
              {t('knowledge.diff.version', { version: props.from })}
            </th>
            <th scope="col" class="kern-table__header">
              {t('knowledge.diff.version', { version: props.to })}
            </th>
          </tr>
        </thead>
        <tbody class="kern-table__body">
          <tr>
            <td class="kern-table__cell">
              <strong>
                <DiffText parts={props.title} side="old" />
              </strong>
            </td>
            <td class="kern-table__cell">
              <strong>
                <DiffText parts={props.title} side="new" />
              </strong>
            </td>
          </tr>
          <tr>
            <td class="kern-table__cell diff-body">
              <DiffText parts={props.body} side="old" />
            </td>
            <td class="kern-table__cell diff-body">
              <DiffText parts={props.body} side="new" />
            </td>
          </tr>
        </tbody>
      </table>
      <p class="kern-body">
        <a class="kern-link" href={`/wissen/eintrag/${props.entry.slug}/verlauf`}>
          {t('knowledge.history.title', { title: props.entry.title })}
        </a>
      </p>
    </Frame>
  )
}

function MapList({ nodes }: { nodes: MapNode[] }) {
  return (
    <ul class="kern-list knowledge-map">
      {nodes.map((n) => (
        <li>
          <a class="kern-link" href={`/wissen/eintrag/${n.entry.slug}`}>
            {n.entry.title}
          </a>{' '}
          <span>({kindLabel(n.entry.kind)})</span>
          {n.links.length > 0 ? (
            <ul class="kern-list">
              {n.links.map((l) => (
                <li>
                  {t(`knowledge.link.${l.kind}`)}{' '}
                  <a class="kern-link" href={`/wissen/eintrag/${l.slug}`}>
                    {l.title}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
          {n.children.length > 0 ? <MapList nodes={n.children} /> : null}
        </li>
      ))}
    </ul>
  )
}

/** A static overview: each root in a row, its direct children to the right, lines for "is part of". */
function MapSvg({ nodes }: { nodes: MapNode[] }) {
  const rowHeight = 36
  const rows: Array<{ root: MapNode; children: MapNode[]; y: number }> = []
  let y = 10
  for (const root of nodes) {
    const height = Math.max(1, root.children.length)
    rows.push({ root, children: root.children, y })
    y += height * rowHeight + 12
  }
  const total = y
  const count = nodes.reduce((n, r) => n + 1 + r.children.length, 0)
  return (
    <svg
      role="img"
      aria-labelledby="map-svg-title map-svg-desc"
      viewBox={`0 0 760 ${total}`}
      width="760"
      height={String(total)}
      class="knowledge-map-svg"
    >
      <title id="map-svg-title">{t('knowledge.map.svg_title')}</title>
      <desc id="map-svg-desc">{t('knowledge.map.svg_desc', { roots: nodes.length, count })}</desc>
      {rows.map((row) => (
        <g>
          <rect
            x="4"
            y={String(row.y)}
            width="300"
            height="28"
            rx="4"
            fill="none"
            stroke="currentColor"
            stroke-width="2"
          />
          <text x="14" y={String(row.y + 19)} font-size="14" fill="currentColor">
            {row.root.entry.title.slice(0, 38)}
          </text>
          {row.children.map((child, i) => {
            const cy = row.y + i * rowHeight
            return (
              <g>
                <line
                  x1="304"
                  y1={String(row.y + 14)}
                  x2="400"
                  y2={String(cy + 14)}
                  stroke="currentColor"
                  stroke-width="1.5"
                />
                <rect
                  x="400"
                  y={String(cy)}
                  width="350"
                  height="28"
                  rx="4"
                  fill="none"
                  stroke="currentColor"
                  stroke-dasharray="4 2"
                />
                <text x="410" y={String(cy + 19)} font-size="13" fill="currentColor">
                  {child.entry.title.slice(0, 44)}
                </text>
              </g>
            )
          })}
        </g>
      ))}
    </svg>
  )
}

export function MapPage(props: PageBase & { nodes: MapNode[] }) {
  return (
    <Frame {...props} title={t('knowledge.map.title')}>
      <h1 class="kern-heading-large">{t('knowledge.map.title')}</h1>
      <p class="kern-body">{t('knowledge.map.intro')}</p>
      <div class="knowledge-map-overview">
        <MapSvg nodes={props.nodes} />
      </div>
      <h2 class="kern-heading-medium">{t('knowledge.map.list_title')}</h2>
      <MapList nodes={props.nodes} />
    </Frame>
  )
}
