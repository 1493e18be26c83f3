// SPDX-License-Identifier: EUPL-1.2
import { type Context, Hono } from 'hono'
import type { AppEnv } from '../../http/context.js'
import { formText } from '../../http/form-input.js'
import { formatIsoDate, todayIso } from '../../shared/dates.js'
import { t } from '../../shared/i18n.js'
import { requireStaff, type StaffRole, staffAccess } from '../auth/index.js'
import { KnowledgeRefusedError } from './knowledge.errors.js'
import { renderMarkdown } from './knowledge.markdown.js'
import * as service from './knowledge.service.js'
import {
  KNOWLEDGE_KINDS,
  KNOWLEDGE_LINK_KINDS,
  type KnowledgeKind,
  type KnowledgeLinkKind,
} from './knowledge.table.js'
import {
  EntryFormPage,
  EntryPage,
  HistoryPage,
  MapPage,
  RevisionDiffPage,
  SearchPage,
} from './views/KnowledgePages.js'

/** Every staff role may read the knowledge map; who may change an entry is decided by the service. */
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
const creators = staffAccess(...service.KNOWLEDGE_EDITOR_ROLES)

function base(c: Context<AppEnv>) {
  return { staff: requireStaff(c), csrfToken: c.get('csrfToken') }
}

function version(value: string | undefined): number {
  const n = Number.parseInt(value ?? '', 10)
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) {
    throw new KnowledgeRefusedError('not_found')
  }
  return n
}

async function postOptions(c: Context<AppEnv>) {
  const posts = await service.listPostOptions(c.get('deps').db)
  return { posts, ids: new Set(posts.map((p) => p.id)) }
}

function inOneYear(): string {
  return todayIso(new Date(Date.now() + 365 * 86_400_000))
}

/** /wissen: search, map, entries with history; editing by leads and the owner post's actor. */
export function knowledgeRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/wissen', readers, async (c) => {
    const { db } = c.get('deps')
    const staff = requireStaff(c)
    const query = (c.req.query('q') ?? '').slice(0, 200)
    const kindParam = c.req.query('art') ?? ''
    const kind = KNOWLEDGE_KINDS.includes(kindParam as KnowledgeKind)
      ? (kindParam as KnowledgeKind)
      : undefined
    const { posts } = await postOptions(c)
    const units = [...new Map(posts.map((p) => [p.unit_id, { id: p.unit_id, name: p.unit_name }])).values()]
    const unitParam = c.req.query('einheit') ?? ''
    const unitId = units.some((u) => u.id === unitParam) ? unitParam : undefined
    const [results, overdue] = await Promise.all([
      service.searchEntries(db, query, { kind, unitId }),
      service.overdueReviewsFor(db, staff),
    ])
    return c.html(
      <SearchPage
        {...base(c)}
        query={query}
        kind={kind}
        unitId={unitId}
        units={units}
        results={results}
        overdue={overdue}
        canCreate={service.KNOWLEDGE_EDITOR_ROLES.includes(staff.role)}
      />,
    )
  })

  app.get('/wissen/karte', readers, async (c) =>
    c.html(<MapPage {...base(c)} nodes={await service.knowledgeMap(c.get('deps').db)} />),
  )

  app.get('/wissen/neu', creators, async (c) => {
    const { posts } = await postOptions(c)
    return c.html(
      <EntryFormPage
        {...base(c)}
        action="/wissen/neu"
        heading={t('knowledge.form.new_title')}
        values={{ reviewDue: formatIsoDate(inOneYear()) }}
        errors={{}}
        posts={posts}
        editing={false}
      />,
    )
  })

  app.post('/wissen/neu', creators, async (c) => {
    const { posts, ids } = await postOptions(c)
    const values = await formText(c)
    const read = service.readEntryForm(values, ids)
    if (!read.input) {
      return c.html(
        <EntryFormPage
          {...base(c)}
          action="/wissen/neu"
          heading={t('knowledge.form.new_title')}
          values={values}
          errors={read.errors}
          posts={posts}
          editing={false}
        />,
        422,
      )
    }
    const entry = await service.createEntry(c.get('deps').db, requireStaff(c), read.input)
    return c.redirect(`/wissen/eintrag/${entry.slug}?hinweis=gespeichert`, 303)
  })

  app.get('/wissen/eintrag/:slug', readers, async (c) => {
    const { db } = c.get('deps')
    const { entry, ownerPostTitle, links, allEntries } = await service.getEntry(db, c.req.param('slug'))
    const hint = c.req.query('hinweis')
    return c.html(
      <EntryPage
        {...base(c)}
        entry={entry}
        html={renderMarkdown(entry.body)}
        ownerPostTitle={ownerPostTitle}
        links={links}
        allEntries={allEntries}
        canEdit={await service.canEdit(db, requireStaff(c), entry)}
        notice={
          hint === 'gespeichert'
            ? t('knowledge.entry.saved')
            : hint === 'geprueft'
              ? t('knowledge.entry.reviewed')
              : undefined
        }
      />,
    )
  })

  app.get('/wissen/eintrag/:slug/bearbeiten', readers, async (c) => {
    const { db } = c.get('deps')
    const { entry } = await service.getEntry(db, c.req.param('slug'))
    if (!(await service.canEdit(db, requireStaff(c), entry))) {
      throw new KnowledgeRefusedError('not_editor')
    }
    const { posts } = await postOptions(c)
    return c.html(
      <EntryFormPage
        {...base(c)}
        action={`/wissen/eintrag/${entry.slug}/bearbeiten`}
        heading={t('knowledge.form.edit_title', { title: entry.title })}
        values={{
          kind: entry.kind,
          title: entry.title,
          body: entry.body,
          ownerPostId: entry.owner_post_id,
          reviewDue: formatIsoDate(entry.review_due),
          standardKey: entry.standard_key ?? '',
          expectedVersion: String(entry.version),
        }}
        errors={{}}
        posts={posts}
        editing
      />,
    )
  })

  app.post('/wissen/eintrag/:slug/bearbeiten', readers, async (c) => {
    const slug = c.req.param('slug')
    // Authorise before reading the form: a stranger gets the refusal, not a re-rendered form (issue 3).
    const { entry } = await service.getEntry(c.get('deps').db, slug)
    if (!(await service.canEdit(c.get('deps').db, requireStaff(c), entry))) {
      throw new KnowledgeRefusedError('not_editor')
    }
    const { posts, ids } = await postOptions(c)
    const values = await formText(c)
    const read = service.readEntryForm(values, ids)
    if (!read.input) {
      return c.html(
        <EntryFormPage
          {...base(c)}
          action={`/wissen/eintrag/${slug}/bearbeiten`}
          heading={t('knowledge.form.edit_title', { title: values.title ?? '' })}
          values={values}
          errors={read.errors}
          posts={posts}
          editing
        />,
        422,
      )
    }
    await service.updateEntry(c.get('deps').db, requireStaff(c), slug, {
      ...read.input,
      changeNote: values.changeNote ?? '',
      expectedVersion: version(values.expectedVersion),
    })
    return c.redirect(`/wissen/eintrag/${slug}?hinweis=gespeichert`, 303)
  })

  app.post('/wissen/eintrag/:slug/verknuepfungen', readers, async (c) => {
    const slug = c.req.param('slug')
    const fields = await formText(c)
    const kind = fields.kind ?? ''
    if (KNOWLEDGE_LINK_KINDS.includes(kind as KnowledgeLinkKind)) {
      await service.addLink(
        c.get('deps').db,
        requireStaff(c),
        slug,
        fields.target ?? '',
        kind as KnowledgeLinkKind,
      )
    }
    return c.redirect(`/wissen/eintrag/${slug}`, 303)
  })

  app.post('/wissen/eintrag/:slug/verknuepfungen/:id/entfernen', readers, async (c) => {
    const slug = c.req.param('slug')
    await service.removeLink(c.get('deps').db, requireStaff(c), slug, c.req.param('id'))
    return c.redirect(`/wissen/eintrag/${slug}`, 303)
  })

  app.post('/wissen/eintrag/:slug/geprueft', readers, async (c) => {
    const slug = c.req.param('slug')
    await service.markReviewed(c.get('deps').db, requireStaff(c), slug, inOneYear())
    return c.redirect(`/wissen/eintrag/${slug}?hinweis=geprueft`, 303)
  })

  app.get('/wissen/eintrag/:slug/verlauf', readers, async (c) => {
    const { entry, revisions } = await service.listRevisions(c.get('deps').db, c.req.param('slug'))
    return c.html(<HistoryPage {...base(c)} entry={entry} revisions={revisions} />)
  })

  app.get('/wissen/eintrag/:slug/vergleich', readers, async (c) => {
    const slug = c.req.param('slug')
    const { db } = c.get('deps')
    const from = version(c.req.query('von'))
    const to = version(c.req.query('bis'))
    const diff = await service.diffRevisions(db, slug, from, to)
    const { entry } = await service.getEntry(db, slug)
    return c.html(
      <RevisionDiffPage {...base(c)} entry={entry} from={from} to={to} title={diff.title} body={diff.body} />,
    )
  })

  return app
}
