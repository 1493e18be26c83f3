// SPDX-License-Identifier: EUPL-1.2
import { type Context, Hono } from 'hono'
import { staffAccess } from '../../http/access.js'
import type { AppEnv } from '../../http/context.js'
import { formText } from '../../http/form-input.js'
import { formatBytes } from '../../shared/bytes.js'
import { formatIsoDate } from '../../shared/dates.js'
import { t } from '../../shared/i18n.js'
import type { Option } from '../../views/components/form.js'
import type { ApplicationStatus } from '../applications/applications.table.js'
import { summarizeStep } from '../applications/form/form.engine.js'
import type { FormAnswers } from '../applications/form/form.types.js'
import { formByBenefitType } from '../applications/form/grundsicherung.form.js'
import { requireStaff } from '../auth/index.js'
import { sendDocument } from '../telework/index.js'
import { isCovered, leadsAnyUnit } from './case-access.js'
import {
  FALLBACK_OPTION,
  type FormResult,
  readDecisionForm,
  readDocumentRequestForm,
  readNoteForm,
  readObjectionForm,
  readReassignForm,
} from './case-forms.js'
import * as cases from './cases.service.js'
import { checklistTimelineText } from './checklist.service.js'
import * as decisions from './decisions.service.js'
import { cursorOf, decodeCursor, encodeCursor } from './inbox.repository.js'
import { deadlineState, priorityClassOf } from './priority-rules.js'
import { teamQueueInfo, teamQueueNames } from './team-queue.service.js'
import { rulesInForce } from './urgency.service.js'
import { ApprovalsPage } from './views/ApprovalsPage.js'
import { type CaseForm, CasePage } from './views/CasePage.js'
import { InboxPage } from './views/InboxPage.js'

/** Who reads cases: caseworkers and leads (their need-to-know scope), auditors (all, read-only). */
const readers = staffAccess('caseworker', 'team_lead', 'department_head', 'division_head', 'auditor')
/** Who works cases. */
const workers = staffAccess('caseworker', 'team_lead', 'department_head', 'division_head')
/** Who reassigns (the organisation decides which units they lead). */
const leads = staffAccess('team_lead', 'department_head', 'division_head')

const OPEN_STATUSES: ApplicationStatus[] = [
  'submitted',
  'in_review',
  'documents_requested',
  'ready_for_decision',
  'decided',
  'objection',
]
const BENEFIT_TYPES = [
  'grusi',
  'hlu',
  'asylblg',
  'eingliederungshilfe',
  'hilfe_zur_pflege',
  'bildung_teilhabe',
  'seniorenberatung',
] as const
const REFERENCE = /^[A-Z]{2,4}-\d{4}-\d{7}$/
const DAY_MS = 86_400_000

function benefitTitle(benefitType: string): string {
  const form = formByBenefitType(benefitType)
  const known = BENEFIT_TYPES.find((b) => b === benefitType)
  return form ? t(form.title) : known ? t(`benefit.${known}`) : benefitType
}

function viewOf(value: string | undefined): cases.InboxView {
  return value === 'einheit' ? 'unit' : value === 'ohne-zustaendigkeit' ? 'fallback' : 'mine'
}

function viewParam(view: cases.InboxView): string | undefined {
  return view === 'unit' ? 'einheit' : view === 'fallback' ? 'ohne-zustaendigkeit' : undefined
}

function caseStatusOf(value: string | undefined): ApplicationStatus | undefined {
  return OPEN_STATUSES.find((s) => s === value)
}

async function assignTargets(c: Context<AppEnv>): Promise<Option[]> {
  const posts = await cases.assignablePosts(c.get('deps').db, requireStaff(c))
  return [
    { value: '', label: t('inbox.reassign_target') },
    ...posts.map((p) => ({ value: p.id, label: `${p.title} (${p.unit_name})` })),
    { value: FALLBACK_OPTION, label: t('inbox.reassign_fallback') },
  ]
}

async function renderInbox(
  c: Context<AppEnv>,
  options: { notice?: string; errors?: Record<string, string> } = {},
) {
  const staff = requireStaff(c)
  const { db } = c.get('deps')
  const view = viewOf(c.req.query('ansicht'))
  const q = (c.req.query('q') ?? '').trim().slice(0, 100)
  const status = caseStatusOf(c.req.query('status'))
  const benefit = BENEFIT_TYPES.find((b) => b === c.req.query('benefit'))
  const team = c.req.query('team') ?? ''
  const search =
    q === ''
      ? undefined
      : REFERENCE.test(q.toUpperCase())
        ? { reference: q.toUpperCase() }
        : { surnamePrefix: q }
  const after = decodeCursor(c.req.query('nach'))
  const now = new Date()
  const page = await cases.listInbox(
    db,
    staff,
    {
      view,
      status,
      benefitType: benefit,
      unitId: /^[0-9a-f-]{36}$/i.test(team) ? team : undefined,
      search,
      after,
    },
    c.get('requestId'),
    now,
  )
  const { rules } = await rulesInForce(db, now)
  const mine = new Map(page.scope.inboxPosts.map((p) => [p.postId, p]))
  const openByPost = new Map<string | null, number>()
  const byStatus = new Map<ApplicationStatus, number>()
  for (const row of page.counts) {
    openByPost.set(row.post_id, (openByPost.get(row.post_id) ?? 0) + row.count)
    byStatus.set(row.status, (byStatus.get(row.status) ?? 0) + row.count)
  }
  const units = await db
    .selectFrom('org_unit')
    .select(['id', 'name'])
    .where('id', 'in', [
      ...new Set([...page.posts.values()].map((p) => p.unitId)),
      '00000000-0000-0000-0000-000000000000',
    ])
    .orderBy('name')
    .execute()
  const approvals = await decisions.listAwaitingApproval(db, staff, now)
  const queueNames = await teamQueueNames(db, page.rows)
  const base = new URLSearchParams()
  for (const [k, v] of Object.entries({ ansicht: viewParam(view), q, status, benefit, team })) {
    if (v) {
      base.set(k, v)
    }
  }
  const last = page.rows.at(-1)
  const next = page.hasMore && last ? new URLSearchParams(base) : undefined
  next?.set('nach', encodeCursor(cursorOf(last as (typeof page.rows)[number])))
  const allOption = { value: '', label: t('inbox.filter_all') }
  return c.html(
    <InboxPage
      staff={staff}
      csrfToken={c.get('csrfToken')}
      view={view}
      isLead={leadsAnyUnit(page.scope)}
      approvals={approvals.length}
      posts={page.scope.inboxPosts.map((p) => ({
        title: p.title,
        covered: isCovered(p),
        open: openByPost.get(p.postId) ?? 0,
      }))}
      statusCounts={OPEN_STATUSES.filter((s) => byStatus.has(s)).map((s) => ({
        status: s,
        count: byStatus.get(s) ?? 0,
      }))}
      total={[...byStatus.values()].reduce((a, b) => a + b, 0)}
      items={page.rows.map((r) => {
        const post = r.assigned_post_id ? mine.get(r.assigned_post_id) : undefined
        return {
          id: r.id,
          reference: r.reference,
          name: `${r.applicant_surname}, ${r.applicant_given_name}`,
          benefit: benefitTitle(r.benefit_type),
          status: r.status,
          submittedAt: r.submitted_at,
          postTitle: r.assigned_post_id
            ? (page.posts.get(r.assigned_post_id)?.title ?? '')
            : r.queue_unit_id
              ? t('inbox.team_queue', { team: queueNames.get(r.queue_unit_id) ?? '' })
              : null,
          covered: post ? isCovered(post) : false,
          priorityClass: r.priority_class,
          deadline:
            r.next_deadline_at && r.next_deadline_kind
              ? {
                  kind: r.next_deadline_kind,
                  at: r.next_deadline_at,
                  state: deadlineState(r.next_deadline_at, now, rules),
                  days: Math.floor((r.next_deadline_at.getTime() - now.getTime()) / DAY_MS),
                }
              : null,
        }
      })}
      filter={{ q, status: status ?? '', benefit: benefit ?? '', team }}
      benefitOptions={[allOption, ...BENEFIT_TYPES.map((b) => ({ value: b, label: benefitTitle(b) }))]}
      statusOptions={[
        allOption,
        ...OPEN_STATUSES.map((s) => ({ value: s, label: t(`application_status.${s}`) })),
      ]}
      teamOptions={[allOption, ...units.map((u) => ({ value: u.id, label: u.name }))]}
      nextHref={next ? `/sachbearbeitung/antraege?${next}` : undefined}
      firstHref={after ? `/sachbearbeitung/antraege${base.size > 0 ? `?${base}` : ''}` : undefined}
      assignTargets={view !== 'mine' && staff.role !== 'caseworker' ? await assignTargets(c) : undefined}
      notice={options.notice}
      errors={options.errors}
    />,
    options.errors ? 422 : 200,
  )
}

function timelineText(e: cases.TimelineEntry): string {
  const p = e.params
  switch (e.kind) {
    case 'status':
      return p.from
        ? t('case.timeline_status', {
            from: t(`application_status.${p.from as ApplicationStatus}`),
            to: t(`application_status.${p.to as ApplicationStatus}`),
          })
        : t('case.timeline_submitted')
    case 'assignment':
      if (p.post === '' && p.queue) {
        return t('case.timeline_assignment_queue', { team: p.queue })
      }
      return p.post === ''
        ? t('case.timeline_assignment_fallback')
        : p.reason
          ? t('case.timeline_assignment_reason', { post: p.post ?? '', reason: p.reason })
          : t('case.timeline_assignment', { post: p.post ?? '' })
    case 'note':
      return t('case.timeline_note', { body: p.body ?? '' })
    case 'documents_requested':
      return t('case.timeline_documents_requested', {
        dueOn: formatIsoDate(p.dueOn ?? ''),
        description: p.description ?? '',
      })
    case 'document_uploaded':
      return t('case.timeline_document_uploaded', { name: p.name ?? '' })
    case 'decision':
      return t('case.timeline_decision', { outcome: t(`case.outcome_${p.outcome as 'granted'}`) })
    case 'approval':
      return t('case.timeline_approval', { outcome: t(`case.outcome_${p.outcome as 'granted'}`) })
    case 'checklist':
      return checklistTimelineText(p)
  }
}

async function renderCase(
  c: Context<AppEnv>,
  id: string,
  options: {
    notice?: string
    form?: { name: CaseForm; errors: Record<string, string>; values: Record<string, string> }
  } = {},
) {
  const staff = requireStaff(c)
  const { db } = c.get('deps')
  const data = await cases.getCase(db, staff, id, c.get('requestId'))
  const { application } = data
  const now = new Date()
  const { rules } = await rulesInForce(db, now)
  const form = formByBenefitType(application.benefit_type)
  const answers = application.answers as FormAnswers
  const deadline = application.next_deadline_at
  const readOnly = staff.role === 'auditor'
  const isLeadOfCase = leadsAnyUnit(data.scope) && staff.role !== 'caseworker'
  return c.html(
    <CasePage
      staff={staff}
      csrfToken={c.get('csrfToken')}
      id={application.id}
      reference={application.reference}
      benefit={benefitTitle(application.benefit_type)}
      status={application.status}
      submittedAt={application.submitted_at}
      post={data.post ? { title: data.post.title, unit: data.post.unit_name } : null}
      coveredPost={data.coveredPost && isCovered(data.coveredPost) ? data.coveredPost.title : null}
      priority={{
        classLabel: t(`inbox.class_${priorityClassOf(application.benefit_type, rules)}`),
        deadlineKind: application.next_deadline_kind,
        deadline:
          deadline && application.next_deadline_kind
            ? `${t(`inbox.deadline_${application.next_deadline_kind}`)}: ${formatIsoDate(deadline.toISOString().slice(0, 10))}${
                deadlineState(deadline, now, rules) === 'overdue' ? ` — ${t('inbox.overdue')}` : ''
              }`
            : null,
      }}
      transitions={readOnly ? [] : [...cases.manualTransitions(application.status)]}
      sections={(form?.steps ?? []).map((s) => ({
        id: s.id,
        title: t(s.title),
        rows: summarizeStep(s, answers[s.id]),
      }))}
      documents={data.documents.map((d) => ({
        id: d.id,
        name: d.original_name,
        size: formatBytes(d.size_bytes),
      }))}
      requests={data.requests.map((r) => ({
        description: r.description,
        dueOn: r.due_on,
        open: r.fulfilled_at === null && r.cancelled_at === null,
        requestedBy: r.requested_by,
      }))}
      decisions={data.decisions.map((d) => ({
        id: d.id,
        outcome: d.outcome,
        status: d.status,
        monthlyCents: d.monthly_amount_cents,
        components: d.components,
        periodFrom: d.period_from,
        periodTo: d.period_to,
        decidedBy: d.decided_by_name,
        decidedCovered: d.decided_acting_kind !== null && d.decided_acting_kind !== 'holder',
        decidedAt: d.decided_at,
        approvalPost: d.approval_post_title,
        approvedBy: d.status === 'final' ? d.approved_by_name : null,
        approvedCovered: d.approved_acting_kind !== null && d.approved_acting_kind !== 'holder',
        returnReason: d.return_reason,
        hasLetter: d.letter_storage_key !== null,
      }))}
      notes={data.notes.map((n) => ({
        body: n.body,
        author: n.author,
        actingFor: n.acting_for,
        at: n.created_at,
      }))}
      timeline={data.timeline.map((e) => ({ ...e, text: timelineText(e) }))}
      readOnly={readOnly}
      assignTargets={!readOnly && isLeadOfCase ? await assignTargets(c) : undefined}
      teamQueue={await teamQueueInfo(db, application, data.scope)}
      form={options.form}
      notice={options.notice}
      checklist={data.checklist}
    />,
    options.form ? 422 : 200,
  )
}

/** The caseworker workbench: inbox, case, its actions, approvals. Every read of social data is audited. */
export function casesRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/sachbearbeitung/antraege', readers, (c) => {
    const done = c.req.query('zugewiesen')
    return renderInbox(c, {
      notice: done ? t('inbox.reassigned', { count: Number.parseInt(done, 10) || 0 }) : undefined,
    })
  })

  app.get('/sachbearbeitung/antraege/:id', readers, (c) => {
    const notices: Record<string, string> = {
      notiz: t('case.note_added'),
      unterlagen: t('case.request_sent'),
      entschieden: t('case.decided'),
      freigabe: t('case.decided_awaiting'),
      widerspruch: t('case.objection_recorded'),
      zugewiesen: t('inbox.reassigned', { count: 1 }),
    }
    const changed =
      caseStatusOf(c.req.query('geaendert')) ?? (c.req.query('geaendert') === 'closed' ? 'closed' : undefined)
    const notice = changed
      ? t('staff.application.status_changed', { status: t(`application_status.${changed}`) })
      : notices[c.req.query('erledigt') ?? '']
    return renderCase(c, c.req.param('id'), { notice })
  })

  app.get('/sachbearbeitung/antraege/:id/dokumente/:documentId', readers, async (c) => {
    const { db, fileStore } = c.get('deps')
    const doc = await cases.getCaseDocument(
      db,
      fileStore,
      requireStaff(c),
      c.req.param('id'),
      c.req.param('documentId'),
      c.get('requestId'),
    )
    return sendDocument(c, { bytes: doc.bytes, mediaType: doc.media_type, fileName: doc.original_name })
  })

  app.post('/sachbearbeitung/antraege/:id/status', workers, async (c) => {
    const id = c.req.param('id')
    const requested = (await formText(c)).status
    const to = [...OPEN_STATUSES, 'closed' as const].find((s) => s === requested)
    if (!to) {
      return c.redirect(`/sachbearbeitung/antraege/${encodeURIComponent(id)}`, 303)
    }
    await cases.changeStatus(c.get('deps').db, requireStaff(c), id, to, c.get('requestId'))
    return c.redirect(`/sachbearbeitung/antraege/${id}?geaendert=${to}`, 303)
  })

  /**
   * A form on the case page, POSTed to `/sachbearbeitung/antraege/:id/<path>`: read by `read`; a mistake shows
   * the case page again with this form's errors (422), otherwise `act` saves and names the `erledigt` notice.
   */
  const caseForm = <T,>(
    path: string,
    name: CaseForm,
    read: (form: Record<string, string>) => FormResult<T>,
    act: (c: Context<AppEnv>, id: string, value: T) => Promise<string>,
  ) =>
    app.post(`/sachbearbeitung/antraege/:id/${path}`, workers, async (c) => {
      const form = await formText(c)
      const result = read(form)
      const id = c.req.param('id')
      if (!result.ok) {
        return renderCase(c, id, { form: { name, errors: result.errors, values: form } })
      }
      return c.redirect(`/sachbearbeitung/antraege/${id}?erledigt=${await act(c, id, result.value)}`, 303)
    })

  caseForm('notizen', 'note', readNoteForm, async (c, id, note) => {
    await cases.addNote(c.get('deps').db, requireStaff(c), id, note, c.get('requestId'))
    return 'notiz'
  })

  caseForm(
    'unterlagen',
    'request',
    (form) => readDocumentRequestForm(form, new Date()),
    async (c, id, request) => {
      await cases.requestDocuments(c.get('deps').db, requireStaff(c), id, request, c.get('requestId'))
      return 'unterlagen'
    },
  )

  caseForm('entscheidung', 'decision', readDecisionForm, async (c, id, decision) => {
    const result = await decisions.decide(c.get('deps'), requireStaff(c), id, decision, c.get('requestId'))
    return result.awaitingApproval ? 'freigabe' : 'entschieden'
  })

  caseForm(
    'widerspruch',
    'objection',
    (form) => readObjectionForm(form, new Date()),
    async (c, id, received) => {
      await decisions.recordObjection(c.get('deps').db, requireStaff(c), id, received, c.get('requestId'))
      return 'widerspruch'
    },
  )

  app.post('/sachbearbeitung/faelle/zuweisen', leads, async (c) => {
    const body = await c.req.parseBody({ all: true })
    const raw = body.faelle
    const ids = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
      (v): v is string => typeof v === 'string',
    )
    const form = await formText(c)
    const back =
      form.zurueck && /^\/sachbearbeitung\/antraege\/[0-9a-f-]{36}$/i.test(form.zurueck)
        ? form.zurueck
        : undefined
    const read = readReassignForm(ids, form)
    if (!read.ok) {
      if (back) {
        const id = back.split('/').pop() as string
        return renderCase(c, id, { form: { name: 'reassign', errors: read.errors, values: form } })
      }
      return renderInbox(c, { errors: read.errors })
    }
    const count = await cases.reassignCases(
      c.get('deps').db,
      requireStaff(c),
      read.value.ids,
      read.value.toPostId,
      read.value.reason,
      c.get('requestId'),
    )
    return c.redirect(
      back ? `${back}?erledigt=zugewiesen` : `/sachbearbeitung/antraege?ansicht=einheit&zugewiesen=${count}`,
      303,
    )
  })

  app.get('/sachbearbeitung/freigaben', workers, async (c) => {
    const staff = requireStaff(c)
    const waiting = await decisions.listAwaitingApproval(c.get('deps').db, staff)
    const done = c.req.query('erledigt')
    return c.html(
      <ApprovalsPage
        staff={staff}
        csrfToken={c.get('csrfToken')}
        items={waiting.map((w) => ({
          decisionId: w.id,
          applicationId: w.application_id,
          reference: w.reference,
          outcome: w.outcome,
          monthlyCents: w.monthly_amount_cents,
          decidedBy: w.decided_by,
          post: w.approval_post,
          covered: w.acting !== 'holder',
        }))}
        notice={
          done === 'freigegeben'
            ? t('approvals.approved')
            : done === 'zurueck'
              ? t('approvals.returned')
              : undefined
        }
      />,
    )
  })

  app.post('/sachbearbeitung/freigaben/:decisionId/freigeben', workers, async (c) => {
    await decisions.approveDecision(
      c.get('deps'),
      requireStaff(c),
      c.req.param('decisionId'),
      c.get('requestId'),
    )
    return c.redirect('/sachbearbeitung/freigaben?erledigt=freigegeben', 303)
  })

  app.post('/sachbearbeitung/freigaben/:decisionId/zurueckgeben', workers, async (c) => {
    const staff = requireStaff(c)
    const reason = ((await formText(c))[`grund-${c.req.param('decisionId')}`] ?? '').trim()
    if (reason.length < 3 || reason.length > 500) {
      const waiting = await decisions.listAwaitingApproval(c.get('deps').db, staff)
      return c.html(
        <ApprovalsPage
          staff={staff}
          csrfToken={c.get('csrfToken')}
          items={waiting.map((w) => ({
            decisionId: w.id,
            applicationId: w.application_id,
            reference: w.reference,
            outcome: w.outcome,
            monthlyCents: w.monthly_amount_cents,
            decidedBy: w.decided_by,
            post: w.approval_post,
            covered: w.acting !== 'holder',
          }))}
          error={{ decisionId: c.req.param('decisionId'), message: t('approvals.error_reason') }}
        />,
        422,
      )
    }
    await decisions.returnDecision(
      c.get('deps').db,
      staff,
      c.req.param('decisionId'),
      reason,
      c.get('requestId'),
    )
    return c.redirect('/sachbearbeitung/freigaben?erledigt=zurueck', 303)
  })

  return app
}
