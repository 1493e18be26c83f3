// SPDX-License-Identifier: EUPL-1.2

import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import type { RouterRoute } from 'hono/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { policyOf, type RoutePolicy } from '../../src/modules/auth/index.js'
import { breakGlassService } from '../../src/modules/breakglass/index.js'
import { decisionsService } from '../../src/modules/cases/index.js'
import { knowledgeService } from '../../src/modules/knowledge/index.js'
import { onboardingService } from '../../src/modules/onboarding/index.js'
import { createApiKey } from '../../src/modules/open311/api-keys.js'
import { organisationService } from '../../src/modules/organisation/index.js'
import { cardKeyringFor } from '../../src/modules/payment-card/index.js'
import { reportsService } from '../../src/modules/reports/index.js'
import { buildDocument, buildStaffUser } from '../factories/applications.factory.js'
import {
  buildApprovalRule,
  buildCase,
  buildRoutingRule,
  buildTeam,
  type StaffWithPost,
} from '../factories/cases.factory.js'
import { buildMappedStandard, checklistSteps } from '../factories/checklists.factory.js'
import { buildComplaint, setCategoryUnit } from '../factories/complaints.factory.js'
import { buildKnowledgeEntry } from '../factories/knowledge.factory.js'
import { buildOnboardingTemplate } from '../factories/onboarding.factory.js'
import { buildAbsence, buildPost, SYSTEM_ACTOR } from '../factories/organisation.factory.js'
import { buildApproval, buildCard, buildMember } from '../factories/payment-card.factory.js'
import { buildContract, buildProvider, buildSite, buildStay } from '../factories/providers.factory.js'
import { signIn, type TestStaffUser } from '../support/sign-in.js'
import { freshTestContext, type TestContext } from '../support/test-app.js'
import { TestClient } from '../support/test-client.js'

/*
 * Cross-account suite (issue 3). It walks every route of the app; each route whose path takes a parameter
 * must have an entry below, or the first test fails. An entry states the rule that keeps user A away from
 * user B's object and, where an object can be forbidden, proves it: A asks for B's object and for one that
 * does not exist, and both answers must be 403 or 404 and the same (status, content type and body, with
 * the CSRF token, CSP nonces and the ids themselves normalised).
 */

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
const DAY = 86_400_000

let ctx: TestContext

/** The objects of B and the people who try to reach them. */
interface World {
  teamA: Awaited<ReturnType<typeof buildTeam>>
  teamB: Awaited<ReturnType<typeof buildTeam>>
  cwA: StaffWithPost
  cwB: StaffWithPost
  leadA: StaffWithPost
  leadB: StaffWithPost
  divisionHead: TestStaffUser
  caseB: { applicationId: string; reference: string; accessCode: string }
  caseA: { applicationId: string; reference: string; accessCode: string }
  documentB: string
  finalDecisionB: string
  pendingDecisionB: string
  documentRequestB: string
  sessionB: string
  complaintB: string
  attachmentB: string
  notificationB: string
  grantB: string
  taskB: string
  reportDraft: string
  absenceB: string
  knowledgeB: string
  knowledgeLinkB: string
  standardKey: string
  apiKeyId: string
  postB: string
  extra: Extra
}

/** Objects of the modules merged later (settings, payments, providers, accommodation, payment card). */
interface Extra {
  admin: TestStaffUser
  categoryId: string
  serviceId: string
  attributeId: string
  routingRuleId: string
  approvalRuleId: string
  priorityConfigId: string
  runId: string
  providerId: string
  contractId: string
  contractDocumentId: string
  siteId: string
  siteName: string
  stayB: string
  memberB: string
  cardB: string
  approvalB: string
}

let w: World
const clients = new Map<string, TestClient>()

/** A signed-in client per account, reused across entries (sign-in is slow and rate-limited). */
async function as(user: TestStaffUser): Promise<TestClient> {
  const known = clients.get(user.id)
  if (known) {
    return known
  }
  const client = await signIn(ctx.app, user)
  clients.set(user.id, client)
  return client
}

/** A citizen who holds the receipt (reference + access code) of her own application. */
async function citizenOf(receipt: { reference: string; accessCode: string }): Promise<TestClient> {
  const citizen = new TestClient(ctx.app)
  const res = await citizen.post('/antrag/status', {
    reference: receipt.reference,
    accessCode: receipt.accessCode,
  })
  expect(res.status).toBe(200)
  return citizen
}

beforeAll(async () => {
  ctx = await freshTestContext()
  const db = ctx.db
  const teamA = await buildTeam(db, { caseworkers: 1 })
  const teamB = await buildTeam(db, { caseworkers: 1 })
  const cwA = teamA.caseworkers[0] as StaffWithPost
  const cwB = teamB.caseworkers[0] as StaffWithPost
  const divisionHead = await buildStaffUser(db, { role: 'division_head' })

  // B's cases: one decided (final, with its letter), one waiting for the lead's approval.
  const caseB = await buildCase(db, { postId: cwB.postId, surname: 'Geheimnis' })
  const caseB2 = await buildCase(db, { postId: cwB.postId, surname: 'Geheimnis' })
  const caseA = await buildCase(db, { postId: cwA.postId })
  const documentB = await buildDocument(db, ctx.deps.fileStore, { applicationId: caseB.applicationId })
  const decide = (applicationId: string) =>
    db
      .updateTable('application')
      .set({ status: 'ready_for_decision' })
      .where('id', '=', applicationId)
      .execute()
      .then(() =>
        decisionsService.decide(
          ctx.deps,
          cwB,
          applicationId,
          {
            outcome: 'refused',
            components: [],
            periodFrom: null,
            periodTo: null,
            legalBasis: '§ 41 SGB XII',
            reasons: 'Die Voraussetzungen liegen nicht vor.',
          },
          null,
        ),
      )
  const finalDecisionB = (await decide(caseB.applicationId)).decisionId
  await buildApprovalRule(db, null, { minMonthlyCents: 0 })
  const pendingDecisionB = (await decide(caseB2.applicationId)).decisionId

  // B signs in (her session) and asks the citizen of caseB for a document.
  const clientB = await as(cwB)
  await db
    .updateTable('application')
    .set({ status: 'in_review' })
    .where('id', '=', caseB.applicationId)
    .execute()
  const due = new Date(Date.now() + 14 * DAY).toISOString().slice(0, 10).split('-').reverse().join('.')
  const asked = await clientB.post(`/sachbearbeitung/antraege/${caseB.applicationId}/unterlagen`, {
    beschreibung: 'Kontoauszüge',
    frist: due,
  })
  expect(asked.status).toBe(303)
  const request = await db
    .selectFrom('document_request')
    .select('id')
    .where('application_id', '=', caseB.applicationId)
    .executeTakeFirstOrThrow()
  const session = await db
    .selectFrom('staff_session')
    .select('id')
    .where('staff_user_id', '=', cwB.id)
    .executeTakeFirstOrThrow()

  // A complaint handled by team B, with an attachment.
  await setCategoryUnit(db, 'processing_time', teamB.unitId)
  const complaint = await buildComplaint(ctx.deps, { attachments: [{ name: 'Brief.pdf', bytes: PDF }] })
  const attachment = await db
    .selectFrom('complaint_attachment')
    .select('id')
    .where('complaint_id', '=', complaint.id)
    .executeTakeFirstOrThrow()

  // A break-glass access to B's case by a caseworker of team A: lead B is notified, the DPO reviews it.
  const opened = await breakGlassService.openBreakGlass(
    db,
    { ...cwA, requestId: null } as never,
    { reference: caseB.reference, reason: 'Notfall: Vorsprache ohne Termin, Akte nötig' },
    30,
    // An hour ago: the 30 minutes are over, so that A is a stranger to caseB again.
    new Date(Date.now() - 60 * 60_000),
  )
  expect(opened.kind).toBe('granted')
  const notification = await db
    .selectFrom('break_glass_notification')
    .select('id')
    .where('recipient_staff_user_id', '=', teamB.lead.id)
    .executeTakeFirstOrThrow()
  const grant = await db.selectFrom('break_glass_grant').select('id').executeTakeFirstOrThrow()

  // An onboarding plan of a newcomer in team B.
  await buildOnboardingTemplate(db, { mentorPostId: cwB.postId })
  const newcomer = await buildStaffUser(db, { role: 'caseworker' })
  const person = await organisationService.createPerson(db, SYSTEM_ACTOR, {
    displayName: newcomer.displayName,
    staffUserId: newcomer.id,
  })
  const post = await buildPost(db, teamB.unitId, { title: 'Sachbearbeitung neu' })
  await organisationService.assignPostHolder(db, SYSTEM_ACTOR, {
    postId: post.id,
    personId: person.id,
    validFrom: new Date(Date.now() - 2 * DAY),
  })
  await onboardingService.startDuePlans(db)
  const task = await db
    .selectFrom('onboarding_plan_task as k')
    .innerJoin('onboarding_plan as p', 'p.id', 'k.plan_id')
    .select('k.id')
    .where('p.person_id', '=', person.id)
    .executeTakeFirstOrThrow()

  // A committee report draft (never released).
  const lastMonth = new Date(Date.now() - 35 * DAY).toISOString().slice(0, 7)
  const report = await reportsService.createDraft(
    db,
    { id: divisionHead.id, role: 'division_head', requestId: null } as never,
    lastMonth,
    { min: 60, max: 90 },
  )

  const absence = await buildAbsence(db, cwB.personId, new Date(Date.now() + 10 * DAY), null)
  const entry = await buildKnowledgeEntry(db, cwB.postId, { title: 'Mietobergrenzen Team B' })
  const target = await buildKnowledgeEntry(db, cwB.postId, { title: 'Heizkosten Team B' })
  await knowledgeService.addLink(db, null, entry.slug, target.slug, 'see_also' as never)
  const link = await db.selectFrom('knowledge_link').select('id').executeTakeFirstOrThrow()
  const standard = await buildMappedStandard(db, [
    { version: 1, validFrom: '2026-01-01', publishedAt: new Date('2026-01-01'), steps: checklistSteps() },
  ])
  const apiKey = await createApiKey(db, null, 'Mängelmelder', null)
  const extra = await buildExtra(teamB, cwB, caseB.applicationId)

  w = {
    teamA,
    teamB,
    cwA,
    cwB,
    leadA: teamA.lead,
    leadB: teamB.lead,
    divisionHead,
    caseB,
    caseA,
    documentB,
    finalDecisionB,
    pendingDecisionB,
    documentRequestB: request.id,
    sessionB: session.id,
    complaintB: complaint.id,
    attachmentB: attachment.id,
    notificationB: notification.id,
    grantB: grant.id,
    taskB: task.id,
    reportDraft: report.id,
    absenceB: (absence as { id: string }).id,
    knowledgeB: entry.slug,
    knowledgeLinkB: link.id,
    standardKey: standard.key,
    apiKeyId: apiKey.id,
    postB: cwB.postId,
    extra,
  }
}, 120_000)

/** B's objects in the settings, payments, providers, accommodation and payment-card modules. */
async function buildExtra(
  teamB: Awaited<ReturnType<typeof buildTeam>>,
  cwB: StaffWithPost,
  caseB: string,
): Promise<Extra> {
  const db = ctx.db
  const admin = await buildStaffUser(db, { role: 'administrator' })
  const category = await db
    .selectFrom('complaint_category')
    .select('id')
    .where('code', '=', 'processing_time')
    .executeTakeFirstOrThrow()
  // The seeded Open311 services come with attributes; any one will do.
  const attribute = await db
    .selectFrom('open311_attribute')
    .select(['id', 'category_id'])
    .orderBy('position')
    .executeTakeFirstOrThrow()
  const routingRuleId = await buildRoutingRule(db, cwB.postId)
  const approvalRule = await db.selectFrom('approval_rule').select('id').executeTakeFirstOrThrow()
  // A payment run waiting for release (it lists payees and IBANs of the whole office).
  const run = await db
    .insertInto('payment_run')
    .values({
      reference: 'ZL-2026-12-01',
      target_month: '2026-12',
      execution_date: '2026-11-30',
      approval_post_id: teamB.lead.postId,
      created_by: teamB.lead.id,
      total_cents: 98_350,
      skipped: '[]',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const provider = await buildProvider(db, { name: 'Träger B gGmbH' })
  const site = await buildSite(db, { name: 'Unterkunft Lindenhof', places: 2 })
  const contract = await buildContract(db, provider.id)
  const document = await db
    .insertInto('provider_contract_document')
    .values({
      contract_id: contract.id,
      original_name: 'Vertrag.pdf',
      media_type: 'application/pdf',
      size_bytes: PDF.byteLength,
      storage_key: `provider/${contract.id}/vertrag.pdf`,
      uploaded_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  // B's client lives in the shared accommodation: her name is for B's team only.
  const stay = await buildStay(db, site, (site.places[0] as { id: string }).id, caseB, '2026-01-01')
  // B's client has a payment card and an open transfer request.
  const member = await buildMember(db, caseB, { givenName: 'Amira', surname: 'Geheimnis' })
  const card = await buildCard(db, await cardKeyringFor(ctx.deps.config), caseB, member.id)
  const approval = await buildApproval(db, caseB, card.id)
  return {
    admin,
    categoryId: category.id,
    serviceId: attribute.category_id,
    attributeId: attribute.id,
    routingRuleId,
    approvalRuleId: approvalRule.id,
    priorityConfigId: (await db.selectFrom('priority_config').select('id').executeTakeFirstOrThrow()).id,
    runId: run.id,
    providerId: provider.id,
    contractId: contract.id,
    contractDocumentId: document.id,
    siteId: site.id,
    siteName: site.name,
    stayB: stay.id,
    memberB: member.id,
    cardB: card.id,
    approvalB: approval.id,
  }
}

afterAll(async () => {
  await ctx?.close()
})

// --- the route inventory --------------------------------------------------------------------------------

function unwrap(handler: unknown): unknown {
  const inner = (handler as { __COMPOSED_HANDLER?: unknown } | undefined)?.__COMPOSED_HANDLER
  return inner ? unwrap(inner) : handler
}

/** Every `METHOD path` of the app whose path takes a parameter, with the policy of its first handler. */
function idRoutes(app: { routes: RouterRoute[] }): Map<string, RoutePolicy | undefined> {
  const out = new Map<string, RoutePolicy | undefined>()
  for (const route of app.routes) {
    if (route.method === 'ALL' || !route.path.includes(':')) {
      continue
    }
    const key = `${route.method} ${route.path}`
    if (!out.has(key)) {
      out.set(key, policyOf(unwrap(route.handler)))
    }
  }
  return out
}

// --- the rules ----------------------------------------------------------------------------------------------

/** A request of A for B's object and the same request for an object that does not exist. */
interface Probe {
  client: TestClient
  /** URL with B's object. */
  foreign: string
  /** URL with an object that does not exist (same shape). */
  missing: string
  /** Form fields for a POST (a valid form, so that only the object decides); a function gets the URL. */
  body?: Record<string, string> | ((url: string) => Record<string, string>)
  /** Send the body as a multipart upload with one PDF. */
  upload?: boolean
}

type Entry =
  /** The object can exist and be forbidden: A's answers for B's object and for none must be identical. */
  | { rule: 'same-as-missing'; why: string; probe: () => Promise<Probe> }
  /**
   * The route's policy leaves A's role out, so the refusal comes before any object is looked up: 403,
   * identical for B's object and a missing one (probed like same-as-missing, status 403).
   */
  | { rule: 'role'; why: string; probe: () => Promise<Probe> }
  /**
   * The object is not secret from A (A can read it on another route, proved by `visible`); a change is
   * refused with 403 and nothing changes, or the route is meant for all of A's role.
   */
  | { rule: 'visible'; why: string; visible: () => Promise<void>; probe?: () => Promise<Probe> }
  /** The parameter is no object of anyone (a form key, a file format, a configured source). */
  | { rule: 'not-an-id'; why: string; coveredBy?: string }
  /** Public route keyed by an unguessable token or a public id; the rule is stated and tested where named. */
  | { rule: 'public-token'; why: string; coveredBy: string; probe?: () => Promise<Probe> }

const uuid = () => randomUUID()
const CASE = '/sachbearbeitung/antraege'

/** A date the re-map form accepts (within a year from today), so a probe reaches the service. */
const SOON = new Date(Date.now() + 40 * 86_400_000).toLocaleDateString('de-DE', {
  timeZone: 'Europe/Berlin',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
})

/** A caseworker of team A asks for a route of B's case (`suffix` after the case id). */
function caseProbe(suffix: (caseId: string) => string, body?: Record<string, string>) {
  return async (): Promise<Probe> => ({
    client: await as(w.cwA),
    foreign: `${CASE}/${w.caseB.applicationId}${suffix(w.caseB.applicationId)}`,
    missing: `${CASE}/${uuid()}${suffix(uuid())}`,
    ...(body ? { body } : {}),
  })
}

/**
 * `user` asks for a route with B's object (`id`) in its path and for the same route with an id that does not
 * exist; `role` entries use it with a user whose role the route leaves out.
 */
function objectProbe(
  user: () => TestStaffUser,
  path: (id: string) => string,
  id: () => string,
  body?: Probe['body'],
) {
  return async (): Promise<Probe> => ({
    client: await as(user()),
    foreign: path(id()),
    missing: path(uuid()),
    ...(body ? { body } : {}),
  })
}

/** One kept statement entry (an unmatched credit), created once for the statement-entry probes. */
let statementException: string | null = null
async function statementExceptionOf(importedBy: string): Promise<string> {
  if (statementException) {
    return statementException
  }
  const statement = await ctx.db
    .insertInto('payment_statement')
    .values({
      statement_id: 'X-1',
      account_iban: 'DE89023000000000451001',
      message_id: 'M-1',
      camt_version: '08',
      imported_by: importedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const row = await ctx.db
    .insertInto('payment_statement_exception')
    .values({
      statement_id: statement.id,
      entry_key: 'E1/0',
      entry_reference: 'E1',
      kind: 'unmatched',
      booking_date: '2026-12-01',
      direction: 'credit',
      amount_cents: 1200,
      why: 'Gutschrift ohne Rückgabegrund',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  statementException = row.id
  return row.id
}

const ORG = '/verwaltung/organisation'
const VISIBLE_KNOWLEDGE = async () => {
  const res = await (await as(w.cwA)).get(`/wissen/eintrag/${w.knowledgeB}`)
  expect(res.status).toBe(200)
  expect(await res.text()).toContain('Mietobergrenzen Team B')
}
/** A caseworker of team A tries to change B's knowledge entry (visible to her, so no missing counterpart). */
function knowledgeChangeProbe(suffix: () => string, body?: () => Record<string, string>) {
  return async (): Promise<Probe> => ({
    client: await as(w.cwA),
    foreign: `/wissen/eintrag/${w.knowledgeB}${suffix()}`,
    missing: '',
    ...(body ? { body: body() } : {}),
  })
}
const VISIBLE_STANDARD = async () => {
  const res = await (await as(w.cwA)).get(`/standards/${w.standardKey}`)
  expect(res.status).toBe(200)
}
const VISIBLE_ORG = async () => {
  const res = await (await as(w.leadA)).get(`${ORG}/einheiten/${w.teamB.unitId}`)
  expect(res.status).toBe(200)
}

const CASE_RULE =
  'need-to-know (cases/case-access.ts): a caseworker of another team sees neither the case nor anything in it; the answer is the 404 of a missing case'

const ENTRIES: Record<string, Entry> = {
  // --- own account -----------------------------------------------------------------------------------
  'POST /konto/sitzungen/:id/beenden': {
    rule: 'same-as-missing',
    why: 'staff end only their own sessions (endOwnSession filters by the signed-in account)',
    probe: objectProbe(
      () => w.cwA,
      (id) => `/konto/sitzungen/${id}/beenden`,
      () => w.sessionB,
      {},
    ),
  },
  // --- administrators' user management: no social data, administrators only ------------------------------
  'POST /verwaltung/benutzer/:id/mfa-zuruecksetzen': {
    rule: 'role',
    why: 'administrators only; any other role is refused before the account is looked up',
    probe: objectProbe(
      () => w.leadA,
      (id) => `/verwaltung/benutzer/${id}/mfa-zuruecksetzen`,
      () => w.cwB.id,
      {},
    ),
  },
  'POST /verwaltung/benutzer/:id/rolle': {
    rule: 'role',
    why: 'administrators only',
    probe: objectProbe(
      () => w.leadA,
      (id) => `/verwaltung/benutzer/${id}/rolle`,
      () => w.cwB.id,
      {
        role: 'team_lead',
      },
    ),
  },
  'POST /verwaltung/benutzer/:id/status': {
    rule: 'role',
    why: 'administrators only',
    probe: objectProbe(
      () => w.leadA,
      (id) => `/verwaltung/benutzer/${id}/status`,
      () => w.cwB.id,
      {
        active: 'false',
      },
    ),
  },
  // --- the case workbench ----------------------------------------------------------------------------
  'GET /sachbearbeitung/antraege/:id': {
    rule: 'same-as-missing',
    why: CASE_RULE,
    probe: caseProbe(() => ''),
  },
  'GET /sachbearbeitung/antraege/:id/dokumente/:documentId': {
    rule: 'same-as-missing',
    why: CASE_RULE,
    probe: async () => ({
      client: await as(w.cwA),
      foreign: `${CASE}/${w.caseB.applicationId}/dokumente/${w.documentB}`,
      missing: `${CASE}/${uuid()}/dokumente/${uuid()}`,
    }),
  },
  'POST /sachbearbeitung/antraege/:id/status': {
    rule: 'same-as-missing',
    why: CASE_RULE,
    probe: caseProbe(() => '/status', { status: 'in_review' }),
  },
  'POST /sachbearbeitung/antraege/:id/ruecklaeufer': {
    rule: 'same-as-missing',
    why: CASE_RULE,
    probe: caseProbe(() => '/ruecklaeufer', {}),
  },
  'GET /sachbearbeitung/antraege/:id/zahlungen': {
    rule: 'same-as-missing',
    why: CASE_RULE,
    probe: caseProbe(() => '/zahlungen'),
  },
  'POST /sachbearbeitung/antraege/:id/zahlungen/einmalige-leistung': {
    rule: 'same-as-missing',
    why: CASE_RULE,
    probe: caseProbe(() => '/zahlungen/einmalige-leistung', {
      betrag: '850,00',
      zweck: 'Erstausstattung',
      rechtsgrundlage: '§ 31 SGB XII',
      monat: '12.2026',
    }),
  },
  'POST /sachbearbeitung/antraege/:id/zahlungen/einstellen': {
    rule: 'same-as-missing',
    why: CASE_RULE,
    probe: caseProbe(() => '/zahlungen/einstellen', { ab: '01.12.2026', grund: 'Neugierig' }),
  },
  'POST /sachbearbeitung/antraege/:id/zahlungen/fortsetzen': {
    rule: 'same-as-missing',
    why: CASE_RULE,
    probe: caseProbe(() => '/zahlungen/fortsetzen', { ab: '01.12.2026', grund: 'Neugierig' }),
  },
  'POST /sachbearbeitung/antraege/:id/uebernehmen': {
    rule: 'same-as-missing',
    why: `${CASE_RULE}; a team queue only for the team's members and leads (ADR 0029)`,
    probe: caseProbe(() => '/uebernehmen', { postId: '' }),
  },
  'POST /sachbearbeitung/antraege/:id/notizen': {
    rule: 'same-as-missing',
    why: CASE_RULE,
    probe: caseProbe(() => '/notizen', { notiz: 'Neugierig' }),
  },
  'POST /sachbearbeitung/antraege/:id/unterlagen': {
    rule: 'same-as-missing',
    why: CASE_RULE,
    probe: caseProbe(() => '/unterlagen', { beschreibung: 'Mietvertrag', frist: '01.01.2099' }),
  },
  'POST /sachbearbeitung/antraege/:id/entscheidung': {
    rule: 'same-as-missing',
    why: CASE_RULE,
    probe: caseProbe(() => '/entscheidung', {
      outcome: 'refused',
      legalBasis: '§ 41 SGB XII',
      reasons: 'Die Voraussetzungen liegen nicht vor.',
    }),
  },
  'POST /sachbearbeitung/antraege/:id/widerspruch': {
    rule: 'same-as-missing',
    why: CASE_RULE,
    probe: caseProbe(() => '/widerspruch', { eingang: '01.11.2026', begruendung: 'Ich widerspreche.' }),
  },
  'POST /sachbearbeitung/freigaben/:decisionId/freigeben': {
    rule: 'same-as-missing',
    why: 'four-eyes: only whoever acts for the approving post (here: lead B) sees a pending decision',
    probe: objectProbe(
      () => w.leadA,
      (id) => `/sachbearbeitung/freigaben/${id}/freigeben`,
      () => w.pendingDecisionB,
      {},
    ),
  },
  'POST /sachbearbeitung/freigaben/:decisionId/zurueckgeben': {
    rule: 'same-as-missing',
    why: 'four-eyes, as above',
    probe: async () => ({
      client: await as(w.leadA),
      foreign: `/sachbearbeitung/freigaben/${w.pendingDecisionB}/zurueckgeben`,
      missing: `/sachbearbeitung/freigaben/${uuid()}/zurueckgeben`,
      // The reason field is named after the decision.
      body: (url) => ({ [`grund-${idsOf(url)[0]}`]: 'Bitte die Begründung ergänzen.' }),
    }),
  },
  'GET /sachbearbeitung/antraege/:id/bescheide/:decisionId': {
    rule: 'same-as-missing',
    why: CASE_RULE,
    probe: async () => ({
      client: await as(w.cwA),
      foreign: `${CASE}/${w.caseB.applicationId}/bescheide/${w.finalDecisionB}`,
      missing: `${CASE}/${uuid()}/bescheide/${uuid()}`,
    }),
  },
  'GET /sachbearbeitung/antraege/:id/pruefakte/pdf': {
    rule: 'same-as-missing',
    why: CASE_RULE,
    probe: caseProbe(() => '/pruefakte/pdf'),
  },
  'GET /sachbearbeitung/antraege/:id/pruefakte/json': {
    rule: 'same-as-missing',
    why: CASE_RULE,
    probe: caseProbe(() => '/pruefakte/json'),
  },
  'GET /sachbearbeitung/antraege/:id/zugriffe': {
    rule: 'same-as-missing',
    why: `${CASE_RULE}; the access history follows the case`,
    probe: caseProbe(() => '/zugriffe'),
  },
  'POST /sachbearbeitung/antraege/:id/checkliste/punkt': {
    rule: 'same-as-missing',
    why: CASE_RULE,
    probe: caseProbe(() => '/checkliste/punkt', { schritt: 'eingang', punkt: '0', aktion: 'erledigt' }),
  },
  'POST /sachbearbeitung/antraege/:id/checkliste/version': {
    rule: 'same-as-missing',
    why: CASE_RULE,
    probe: caseProbe(() => '/checkliste/version', { version: '1' }),
  },
  // --- citizens -----------------------------------------------------------------------------------------
  'POST /antrag/unterlagen/:requestId': {
    rule: 'same-as-missing',
    why: 'a citizen uploads only to requests of the application her receipt (reference + access code) opens',
    probe: async () => ({
      client: await citizenOf(w.caseA),
      foreign: `/antrag/unterlagen/${w.documentRequestB}`,
      missing: `/antrag/unterlagen/${uuid()}`,
      upload: true,
    }),
  },
  'POST /antrag/:form/starten': {
    rule: 'not-an-id',
    why: ':form names a public form definition; the draft is bound to the citizen’s own draft cookie',
    coveredBy: 'src/modules/applications/applications.routes.test.ts',
  },
  'GET /antrag/:form/nachweise': { rule: 'not-an-id', why: 'form key; draft from the own cookie' },
  'POST /antrag/:form/nachweise': { rule: 'not-an-id', why: 'form key; draft from the own cookie' },
  'POST /antrag/:form/nachweise/entfernen': {
    rule: 'not-an-id',
    why: 'form key; the document removed must belong to the draft of the own cookie',
  },
  'GET /antrag/:form/pruefen': { rule: 'not-an-id', why: 'form key; draft from the own cookie' },
  'POST /antrag/:form/absenden': { rule: 'not-an-id', why: 'form key; draft from the own cookie' },
  'GET /antrag/:form/:step': { rule: 'not-an-id', why: 'form key and step name; draft from the own cookie' },
  'POST /antrag/:form/:step': { rule: 'not-an-id', why: 'form key and step name; draft from the own cookie' },
  // --- organisation ---------------------------------------------------------------------------------
  'GET /verwaltung/organisation/einheiten/:id': {
    rule: 'visible',
    why: 'the organisation chart (units, posts, holders) is office-wide information for leads, no social data',
    visible: VISIBLE_ORG,
  },
  'GET /verwaltung/organisation/einheiten/:id/stellen/neu': {
    rule: 'role',
    why: 'administrators only',
    probe: objectProbe(
      () => w.leadA,
      (id) => `${ORG}/einheiten/${id}/stellen/neu`,
      () => w.teamB.unitId,
    ),
  },
  'POST /verwaltung/organisation/einheiten/:id/stellen/neu': {
    rule: 'role',
    why: 'administrators only',
    probe: objectProbe(
      () => w.leadA,
      (id) => `${ORG}/einheiten/${id}/stellen/neu`,
      () => w.teamB.unitId,
      {
        title: 'Neu',
      },
    ),
  },
  ...Object.fromEntries(
    ['aendern', 'besetzung', 'vertretung', 'interim'].flatMap((what) =>
      ['GET', 'POST'].map((method) => [
        `${method} /verwaltung/organisation/stellen/:id/${what}`,
        {
          rule: 'role',
          why: 'administrators only',
          probe: objectProbe(
            () => w.leadA,
            (id) => `${ORG}/stellen/${id}/${what}`,
            () => w.postB,
            method === 'POST' ? {} : undefined,
          ),
        } satisfies Entry,
      ]),
    ),
  ),
  'GET /verwaltung/organisation/einheiten/:id/abwesenheiten/neu': {
    rule: 'same-as-missing',
    why: 'a lead records absences only in the units she leads',
    probe: objectProbe(
      () => w.leadA,
      (id) => `${ORG}/einheiten/${id}/abwesenheiten/neu`,
      () => w.teamB.unitId,
    ),
  },
  'POST /verwaltung/organisation/einheiten/:id/abwesenheiten/neu': {
    rule: 'same-as-missing',
    why: 'a lead records absences only in the units she leads',
    probe: objectProbe(
      () => w.leadA,
      (id) => `${ORG}/einheiten/${id}/abwesenheiten/neu`,
      () => w.teamB.unitId,
      // A function, so that `w` is read when the probe is sent, not when the entries are built.
      () => ({ personId: w.cwB.personId, validFrom: '01.12.2026' }),
    ),
  },
  'GET /verwaltung/organisation/abwesenheiten/:id/beenden': {
    rule: 'same-as-missing',
    why: 'a lead ends absences only of people in the units she leads',
    probe: objectProbe(
      () => w.leadA,
      (id) => `${ORG}/abwesenheiten/${id}/beenden`,
      () => w.absenceB,
    ),
  },
  'POST /verwaltung/organisation/abwesenheiten/:id/beenden': {
    rule: 'same-as-missing',
    why: 'a lead ends absences only of people in the units she leads',
    probe: objectProbe(
      () => w.leadA,
      (id) => `${ORG}/abwesenheiten/${id}/beenden`,
      () => w.absenceB,
      { validTo: '31.12.2099' },
    ),
  },
  'GET /verwaltung/organisation/:type/:id/beenden': {
    rule: 'role',
    why: 'administrators only',
    probe: objectProbe(
      () => w.leadA,
      (id) => `${ORG}/stellen/${id}/beenden`,
      () => w.postB,
    ),
  },
  'POST /verwaltung/organisation/:type/:id/beenden': {
    rule: 'role',
    why: 'administrators only',
    probe: objectProbe(
      () => w.leadA,
      (id) => `${ORG}/stellen/${id}/beenden`,
      () => w.postB,
      {
        validTo: '31.12.2099',
      },
    ),
  },
  // --- process standards: office-wide reference documents, no personal data --------------------------------
  'GET /standards/:key': {
    rule: 'visible',
    why: 'standards are office-wide documents every staff role reads',
    visible: VISIBLE_STANDARD,
  },
  'POST /standards/:key/freigabestelle': {
    rule: 'role',
    why: 'leads only (editors); a caseworker is refused before the standard is looked up',
    probe: objectProbe(
      () => w.cwA,
      (key) => `/standards/${key}/freigabestelle`,
      () => w.standardKey,
      {
        approverPostId: '',
      },
    ),
  },
  'POST /standards/:key/versionen': {
    rule: 'role',
    why: 'leads only (editors)',
    probe: objectProbe(
      () => w.cwA,
      (key) => `/standards/${key}/versionen`,
      () => w.standardKey,
      {},
    ),
  },
  'GET /standards/:key/versionen/:version': {
    rule: 'visible',
    why: 'published and draft versions are office-wide documents',
    visible: VISIBLE_STANDARD,
  },
  'GET /standards/:key/versionen/:version/bearbeiten': {
    rule: 'role',
    why: 'leads only (editors)',
    probe: objectProbe(
      () => w.cwA,
      (key) => `/standards/${key}/versionen/1/bearbeiten`,
      () => w.standardKey,
    ),
  },
  'POST /standards/:key/versionen/:version/bearbeiten': {
    rule: 'role',
    why: 'leads only (editors)',
    probe: objectProbe(
      () => w.cwA,
      (key) => `/standards/${key}/versionen/1/bearbeiten`,
      () => w.standardKey,
      {},
    ),
  },
  'POST /standards/:key/versionen/:version/aktion': {
    rule: 'visible',
    why: 'the workflow action is checked against the approver post and author in the service (standards.routes.test.ts); the standard itself is office-wide',
    visible: VISIBLE_STANDARD,
  },
  'GET /standards/:key/vergleich': {
    rule: 'visible',
    why: 'office-wide document',
    visible: VISIBLE_STANDARD,
  },
  // --- knowledge base: office-wide, no personal data; edits by editor roles or the owner post -----------
  'GET /wissen/eintrag/:slug': { rule: 'visible', why: 'office-wide', visible: VISIBLE_KNOWLEDGE },
  'GET /wissen/eintrag/:slug/verlauf': { rule: 'visible', why: 'office-wide', visible: VISIBLE_KNOWLEDGE },
  'GET /wissen/eintrag/:slug/vergleich': { rule: 'visible', why: 'office-wide', visible: VISIBLE_KNOWLEDGE },
  'GET /wissen/eintrag/:slug/bearbeiten': {
    rule: 'visible',
    why: 'only editor roles or whoever acts for the owner post may edit; a stranger gets 403 (the entry is visible to her anyway)',
    visible: VISIBLE_KNOWLEDGE,
    probe: knowledgeChangeProbe(() => '/bearbeiten'),
  },
  'POST /wissen/eintrag/:slug/bearbeiten': {
    rule: 'visible',
    why: 'as above',
    visible: VISIBLE_KNOWLEDGE,
    probe: knowledgeChangeProbe(
      () => '/bearbeiten',
      () => ({ title: 'Übernommen', body: 'x', kind: 'topic' }),
    ),
  },
  'POST /wissen/eintrag/:slug/verknuepfungen': {
    rule: 'visible',
    why: 'as above',
    visible: VISIBLE_KNOWLEDGE,
    probe: knowledgeChangeProbe(
      () => '/verknuepfungen',
      () => ({ target: w.knowledgeB, kind: 'see_also' }),
    ),
  },
  'POST /wissen/eintrag/:slug/verknuepfungen/:id/entfernen': {
    rule: 'visible',
    why: 'as above',
    visible: VISIBLE_KNOWLEDGE,
    probe: knowledgeChangeProbe(
      () => `/verknuepfungen/${w.knowledgeLinkB}/entfernen`,
      () => ({}),
    ),
  },
  'POST /wissen/eintrag/:slug/geprueft': {
    rule: 'visible',
    why: 'as above',
    visible: VISIBLE_KNOWLEDGE,
    probe: knowledgeChangeProbe(
      () => '/geprueft',
      () => ({ nextReviewDue: '01.01.2099' }),
    ),
  },
  // --- complaints --------------------------------------------------------------------------------------
  'GET /beschwerde/rueckmeldung/:token': {
    rule: 'public-token',
    why: 'feedback link with a random token (no account); an unknown, used or guessed token answers the same 404',
    coveredBy: 'src/modules/complaints/complaints.routes.test.ts',
    probe: async () => ({
      client: new TestClient(ctx.app),
      foreign: `/beschwerde/rueckmeldung/${'A'.repeat(43)}`,
      missing: `/beschwerde/rueckmeldung/${'B'.repeat(43)}`,
    }),
  },
  'POST /beschwerde/rueckmeldung/:token': {
    rule: 'public-token',
    why: 'as above',
    coveredBy: 'src/modules/complaints/complaints.routes.test.ts',
  },
  ...Object.fromEntries(
    [
      ['GET', ''],
      ['POST', '/bestaetigen'],
      ['POST', '/weiterleiten'],
      ['POST', '/antworten'],
      ['POST', '/ursache'],
      ['POST', '/abschliessen'],
    ].map(([method, suffix]) => [
      `${method} /beschwerden/:id{[0-9a-fA-F-]{36}}${suffix}`,
      {
        rule: 'same-as-missing',
        why: 'complaint scope (complaints.service complaintScope): the unit the complaint is routed to, its leads and the coordinators',
        probe: async () => ({
          client: await as(w.leadA),
          foreign: `/beschwerden/${w.complaintB}${suffix}`,
          missing: `/beschwerden/${uuid()}${suffix}`,
          ...(method === 'POST' ? { body: { text: 'Antwort', ursache: 'x', unitId: w.teamA.unitId } } : {}),
        }),
      } satisfies Entry,
    ]),
  ),
  'GET /beschwerden/:id{[0-9a-fA-F-]{36}}/anlagen/:attachmentId': {
    rule: 'same-as-missing',
    why: 'complaint scope, as above',
    probe: async () => ({
      client: await as(w.cwA),
      foreign: `/beschwerden/${w.complaintB}/anlagen/${w.attachmentB}`,
      missing: `/beschwerden/${uuid()}/anlagen/${uuid()}`,
    }),
  },
  // --- Open311: a public API by design -----------------------------------------------------------------
  'GET /open311/v2/:file': {
    rule: 'not-an-id',
    why: 'discovery/services document with a format suffix (.xml/.json)',
  },
  'GET /open311/v2/services/:file': { rule: 'not-an-id', why: 'service code (public list) with format' },
  'GET /open311/v2/requests/:file': {
    rule: 'public-token',
    why: 'GeoReport v2 service requests are public by design; only public fields leave the office, never contact data or free text of complaints',
    coveredBy: 'test/open311/privacy.test.ts',
  },
  'GET /open311/v2/tokens/:file': {
    rule: 'public-token',
    why: 'token of a submitted request (random); an unknown token answers like no token',
    coveredBy: 'test/open311/conformance.test.ts',
  },
  'POST /open311/v2/:file': {
    rule: 'not-an-id',
    why: 'requests.xml/json; posting needs an API key (hashed, rate-limited, audited)',
    coveredBy: 'test/open311/conformance.test.ts',
  },
  'POST /verwaltung/open311/schluessel/:id/widerrufen': {
    rule: 'role',
    why: 'administrators only',
    probe: objectProbe(
      () => w.leadA,
      (id) => `/verwaltung/open311/schluessel/${id}/widerrufen`,
      () => w.apiKeyId,
      {},
    ),
  },
  'POST /verwaltung/open311/zustellungen/:id/erneut': {
    rule: 'role',
    why: 'administrators only',
    probe: objectProbe(
      () => w.leadA,
      (id) => `/verwaltung/open311/zustellungen/${id}/erneut`,
      () => uuid(),
      {},
    ),
  },
  'POST /webhooks/beschwerden/:source': {
    rule: 'not-an-id',
    why: 'a configured sender; every call must carry its HMAC signature',
    coveredBy: 'test/open311/inbound-webhook.test.ts',
  },
  // --- data protection --------------------------------------------------------------------------------
  'GET /dsb/auskunft/:id/:file{auskunft\\.(json|pdf)}': {
    rule: 'role',
    why: 'the DPO only; Art. 15 exports are refused to every other role before anything is looked up',
    probe: objectProbe(
      () => w.leadB,
      (id) => `/dsb/auskunft/${id}/auskunft.json`,
      () => w.caseB.applicationId,
    ),
  },
  'POST /notfallzugriff/hinweise/:id/gelesen': {
    rule: 'same-as-missing',
    why: 'a lead marks only her own break-glass notices',
    probe: objectProbe(
      () => w.leadA,
      (id) => `/notfallzugriff/hinweise/${id}/gelesen`,
      () => w.notificationB,
      {},
    ),
  },
  'GET /datenschutz/notfallzugriffe/:id': {
    rule: 'role',
    why: 'the DPO only',
    probe: objectProbe(
      () => w.leadB,
      (id) => `/datenschutz/notfallzugriffe/${id}`,
      () => w.grantB,
    ),
  },
  'POST /datenschutz/notfallzugriffe/:id': {
    rule: 'role',
    why: 'the DPO only',
    probe: objectProbe(
      () => w.leadB,
      (id) => `/datenschutz/notfallzugriffe/${id}`,
      () => w.grantB,
      {
        outcome: 'confirmed',
      },
    ),
  },
  // --- onboarding -----------------------------------------------------------------------------------
  'POST /einarbeitung/aufgaben/:taskId/erledigt': {
    rule: 'same-as-missing',
    why: 'a newcomer ticks only her own tasks',
    probe: objectProbe(
      () => w.cwA,
      (id) => `/einarbeitung/aufgaben/${id}/erledigt`,
      () => w.taskB,
      {},
    ),
  },
  'POST /einarbeitung/aufgaben/:taskId/bestaetigen': {
    rule: 'same-as-missing',
    why: 'only the mentor or the lead of the plan confirms a task',
    probe: objectProbe(
      () => w.leadA,
      (id) => `/einarbeitung/aufgaben/${id}/bestaetigen`,
      () => w.taskB,
      {},
    ),
  },
  // --- committee reports: aggregated figures, division and department heads only --------------------------
  ...Object.fromEntries(
    [
      ['GET', ''],
      ['POST', '/texte'],
      ['POST', '/vorlegen'],
      ['POST', '/zurueckgeben'],
      ['POST', '/freigeben'],
      ['GET', '/bericht.pdf'],
      ['GET', '/tabellen/:file'],
    ].map(([method, suffix = '']) => [
      `${method} /berichte/:id${suffix}`,
      {
        rule: 'role',
        why: 'division and department heads only; reports hold aggregated figures of the whole office',
        probe: objectProbe(
          () => w.leadB,
          (id) => `/berichte/${id}${suffix.replace(':file', 'kennzahlen.csv')}`,
          () => w.reportDraft,
          method === 'POST' ? {} : undefined,
        ),
      } satisfies Entry,
    ]),
  ),
  'GET /oeffentlich/berichte/:id/bericht.pdf': {
    rule: 'same-as-missing',
    why: 'the public sees released reports only; a draft answers like a missing report',
    probe: async () => ({
      client: new TestClient(ctx.app),
      foreign: `/oeffentlich/berichte/${w.reportDraft}/bericht.pdf`,
      missing: `/oeffentlich/berichte/${uuid()}/bericht.pdf`,
    }),
  },
  'GET /oeffentlich/berichte/:id/tabellen/:file': {
    rule: 'same-as-missing',
    why: 'released reports only',
    probe: async () => ({
      client: new TestClient(ctx.app),
      foreign: `/oeffentlich/berichte/${w.reportDraft}/tabellen/kennzahlen.csv`,
      missing: `/oeffentlich/berichte/${uuid()}/tabellen/kennzahlen.csv`,
    }),
  },
  // --- settings: complaint categories and Open311 services (coordinators, administrators) -----------------
  ...Object.fromEntries(
    [
      ['GET', ''],
      ['POST', ''],
      ['POST', '/loeschen'],
    ].map(([method, suffix = '']) => [
      `${method} /verwaltung/beschwerden/kategorien/:id{[0-9a-fA-F-]{36}}${suffix}`,
      {
        rule: 'role',
        why: 'complaints coordinators and administrators only; a lead is refused before the category is looked up',
        probe: objectProbe(
          () => w.leadA,
          (id) => `/verwaltung/beschwerden/kategorien/${id}${suffix}`,
          () => w.extra.categoryId,
          method === 'POST' ? { label: 'Übernommen' } : undefined,
        ),
      } satisfies Entry,
    ]),
  ),
  ...Object.fromEntries(
    [
      ['GET', ''],
      ['POST', ''],
      ['POST', '/attribute'],
      ['GET', '/attribute/:attr{[0-9a-fA-F-]{36}}'],
      ['POST', '/attribute/:attr{[0-9a-fA-F-]{36}}'],
      ['POST', '/attribute/:attr{[0-9a-fA-F-]{36}}/loeschen'],
    ].map(([method, suffix = '']) => [
      `${method} /verwaltung/open311/dienste/:id{[0-9a-fA-F-]{36}}${suffix}`,
      {
        rule: 'role',
        why: 'complaints coordinators and administrators only (Open311 service settings)',
        probe: objectProbe(
          () => w.leadA,
          (id) =>
            `/verwaltung/open311/dienste/${id}${suffix.replace(/:attr\{.*\}\}/, id === w.extra.serviceId ? w.extra.attributeId : uuid())}`,
          () => w.extra.serviceId,
          method === 'POST' ? { description: 'x', code: 'x', datatype: 'string' } : undefined,
        ),
      } satisfies Entry,
    ]),
  ),
  // --- rule screens: ending a routing or four-eyes rule -------------------------------------------------
  ...Object.fromEntries(
    (['GET', 'POST'] as const).flatMap((method) => [
      [
        `${method} /verwaltung/regeln/zustaendigkeit/:id/beenden`,
        {
          rule: 'role',
          why: 'routing rules: department and division heads and administrators only; a lead is refused first',
          probe: objectProbe(
            () => w.leadA,
            (id) => `/verwaltung/regeln/zustaendigkeit/${id}/beenden`,
            () => w.extra.routingRuleId,
            method === 'POST' ? { validTo: '01.01.2099' } : undefined,
          ),
        } satisfies Entry,
      ],
      [
        `${method} /verwaltung/regeln/vier-augen/:id/beenden`,
        {
          rule: 'role',
          why: 'four-eyes rules: department and division heads only; a lead (and an administrator) is refused first',
          probe: objectProbe(
            () => w.leadA,
            (id) => `/verwaltung/regeln/vier-augen/${id}/beenden`,
            () => w.extra.approvalRuleId,
            method === 'POST' ? { validTo: '01.01.2099' } : undefined,
          ),
        } satisfies Entry,
      ],
    ]),
  ),
  // --- rule screens: withdrawing a rule that has not started (ADR 0029) ----------------------------------
  ...Object.fromEntries(
    (['GET', 'POST'] as const).flatMap((method) =>
      (
        [
          ['zustaendigkeit', () => w.extra.routingRuleId],
          ['vier-augen', () => w.extra.approvalRuleId],
          ['prioritaet', () => w.extra.priorityConfigId],
        ] as const
      ).map(([segment, id]) => [
        `${method} /verwaltung/regeln/${segment}/:id/zurueckziehen`,
        {
          rule: 'role',
          why: 'the roles that may add the rule (docs/rules.md); a team lead is refused before the rule is looked up',
          probe: objectProbe(
            () => w.leadA,
            (ruleId) => `/verwaltung/regeln/${segment}/${ruleId}/zurueckziehen`,
            id,
            method === 'POST' ? { reason: 'Versehen' } : undefined,
          ),
        } satisfies Entry,
      ]),
    ),
  ),
  // --- person ↔ account links: administrators only -------------------------------------------------------
  ...Object.fromEntries(
    [
      ['GET', '/konto'],
      ['POST', '/konto'],
      ['POST', '/konto-loesen'],
    ].map(([method, suffix = '']) => [
      `${method} /verwaltung/organisation/personen/:id${suffix}`,
      {
        rule: 'role',
        why: 'administrators only; a lead is refused before the person is looked up',
        probe: objectProbe(
          () => w.leadA,
          (id) => `${ORG}/personen/${id}${suffix}`,
          () => w.cwB.personId,
          method === 'POST' ? { staffUserId: '' } : undefined,
        ),
      } satisfies Entry,
    ]),
  ),
  // --- payment runs: leads and heads only (payees and IBANs of the whole office) -------------------------
  ...Object.fromEntries(
    [
      ['GET', ''],
      ['POST', '/freigeben'],
      ['POST', '/verwerfen'],
      ['GET', '/pain001.xml'],
      ['GET', '/zahlungsanordnung.csv'],
    ].map(([method, suffix = '']) => [
      `${method} /zahlungen/:id${suffix}`,
      {
        rule: 'role',
        why: 'payment runs: team leads, department and division heads only; caseworkers and administrators are refused before the run is looked up',
        probe: async (): Promise<Probe> => {
          const body = method === 'POST' ? {} : undefined
          const path = (id: string) => `/zahlungen/${id}${suffix}`
          // The administrator gets the same refusal for the real run and a missing one …
          const admin = await objectProbe(
            () => w.extra.admin,
            path,
            () => w.extra.runId,
            body,
          )()
          const adminForeign = await answer(admin, admin.foreign)
          expect(adminForeign.status).toBe(403)
          expect(adminForeign).toEqual(await answer(admin, admin.missing))
          // … and so does a caseworker (the probe below).
          return objectProbe(
            () => w.cwA,
            path,
            () => w.extra.runId,
            body,
          )()
        },
      } satisfies Entry,
    ]),
  ),
  // --- statement entries to resolve: the payment office (leads and heads) only ----------------------------
  ...Object.fromEntries(
    ['GET', 'POST'].map((method) => [
      `${method} /zahlungen/kontoauszug/klaerung/:id`,
      {
        rule: 'role',
        why: 'statement entries: team leads, department and division heads only; a caseworker is refused before the entry is looked up',
        probe: async (): Promise<Probe> => {
          const exceptionId = await statementExceptionOf(w.extra.admin.id)
          return objectProbe(
            () => w.cwA,
            (id) => `/zahlungen/kontoauszug/klaerung/${id}`,
            () => exceptionId,
            method === 'POST' ? { vermerk: 'Neugierig' } : undefined,
          )()
        },
      } satisfies Entry,
    ]),
  ),
  // --- providers (Träger): leads, heads and auditors read; leads and heads edit -------------------------
  ...Object.fromEntries(
    [
      ['GET', '/traeger/:id{[0-9a-fA-F-]{36}}', (id: string) => `/traeger/${id}`, 'provider'],
      [
        'GET',
        '/traeger/:id{[0-9a-fA-F-]{36}}/bearbeiten',
        (id: string) => `/traeger/${id}/bearbeiten`,
        'provider',
      ],
      [
        'POST',
        '/traeger/:id{[0-9a-fA-F-]{36}}/bearbeiten',
        (id: string) => `/traeger/${id}/bearbeiten`,
        'provider',
      ],
      [
        'GET',
        '/traeger/:id{[0-9a-fA-F-]{36}}/vertraege/neu',
        (id: string) => `/traeger/${id}/vertraege/neu`,
        'provider',
      ],
      [
        'POST',
        '/traeger/:id{[0-9a-fA-F-]{36}}/vertraege/neu',
        (id: string) => `/traeger/${id}/vertraege/neu`,
        'provider',
      ],
      ...[
        ['GET', ''],
        ['GET', '/verlauf'],
        ['GET', '/neuverhandeln'],
        ['POST', '/neuverhandeln'],
        ['POST', '/zahlungen'],
        ['POST', '/erinnerung'],
      ].map(
        ([method, suffix = '']) =>
          [
            method,
            `/traeger/vertraege/:id{[0-9a-fA-F-]{36}}${suffix}`,
            (id: string) => `/traeger/vertraege/${id}${suffix}`,
            'contract',
          ] as const,
      ),
    ].map(([method, route, path, object]) => [
      `${method} ${route}`,
      {
        rule: 'role',
        why: 'provider contracts: team leads, department and division heads (and auditors reading); a caseworker is refused before the provider or contract is looked up',
        probe: objectProbe(
          () => w.cwA,
          path as (id: string) => string,
          () => (object === 'provider' ? w.extra.providerId : w.extra.contractId),
          method === 'POST' ? {} : undefined,
        ),
      } satisfies Entry,
    ]),
  ),
  'POST /traeger/vertraege/:id{[0-9a-fA-F-]{36}}/dokumente': {
    rule: 'role',
    why: 'contract documents are uploaded by leads and heads only',
    probe: async () => ({
      ...(await objectProbe(
        () => w.cwA,
        (id) => `/traeger/vertraege/${id}/dokumente`,
        () => w.extra.contractId,
      )()),
      upload: true,
    }),
  },
  'GET /traeger/vertraege/:id{[0-9a-fA-F-]{36}}/dokumente/:documentId{[0-9a-fA-F-]{36}}': {
    rule: 'role',
    why: 'contract documents are read by leads, heads and auditors only',
    probe: async () => ({
      client: await as(w.cwA),
      foreign: `/traeger/vertraege/${w.extra.contractId}/dokumente/${w.extra.contractDocumentId}`,
      missing: `/traeger/vertraege/${uuid()}/dokumente/${uuid()}`,
    }),
  },
  // --- shared accommodation: sites are office-wide, residents by need-to-know ----------------------------
  'GET /unterkuenfte/:id{[0-9a-fA-F-]{36}}': {
    rule: 'visible',
    why: 'a site, its places and which are taken are office-wide; a resident’s name and case show only to staff who may see her case (accommodation.service getSite, canSeeCase)',
    visible: async () => {
      const seen = await (await as(w.cwA)).get(`/unterkuenfte/${w.extra.siteId}`)
      expect(seen.status).toBe(200)
      const html = await seen.text()
      expect(html).toContain(w.extra.siteName)
      expect(html).not.toContain('Geheimnis')
      expect(html).not.toContain(w.caseB.applicationId)
      // The places table: B's resident's place is only "belegt" (the form hint further down happens to
      // quote an example reference, so only the table is searched for hers).
      const placesAt = html.indexOf('<caption class="kern-sr-only">Plätze und Bewohnende</caption>')
      expect(placesAt).toBeGreaterThan(0)
      const places = html.slice(placesAt, html.indexOf('</table>', placesAt))
      expect(places).toContain('>belegt<')
      expect(places).not.toContain(w.caseB.reference)
      // B herself sees her client there: the check above can fail.
      const own = await (await as(w.cwB)).get(`/unterkuenfte/${w.extra.siteId}`)
      expect(await own.text()).toContain('Geheimnis')
    },
  },
  'POST /unterkuenfte/:id{[0-9a-fA-F-]{36}}/plaetze': {
    rule: 'role',
    why: 'places are added by leads and heads only; a caseworker is refused before the site is looked up',
    probe: objectProbe(
      () => w.cwA,
      (id) => `/unterkuenfte/${id}/plaetze`,
      () => w.extra.siteId,
      { label: 'P9' },
    ),
  },
  'GET /unterkuenfte/:id{[0-9a-fA-F-]{36}}/bearbeiten': {
    rule: 'role',
    why: 'site master data are edited by leads and heads only; a caseworker is refused before the site is looked up',
    probe: objectProbe(
      () => w.cwA,
      (id) => `/unterkuenfte/${id}/bearbeiten`,
      () => w.extra.siteId,
    ),
  },
  'POST /unterkuenfte/:id{[0-9a-fA-F-]{36}}/bearbeiten': {
    rule: 'role',
    why: 'site master data are edited by leads and heads only; a caseworker is refused before the site is looked up',
    probe: objectProbe(
      () => w.cwA,
      (id) => `/unterkuenfte/${id}/bearbeiten`,
      () => w.extra.siteId,
      { name: 'Umbenannt', address: 'Weg 2, 12345 Ort' },
    ),
  },
  'POST /unterkuenfte/:id{[0-9a-fA-F-]{36}}/kapazitaet': {
    rule: 'role',
    why: 'capacity versions are recorded by leads and heads only; a caseworker is refused before the site is looked up',
    probe: objectProbe(
      () => w.cwA,
      (id) => `/unterkuenfte/${id}/kapazitaet`,
      () => w.extra.siteId,
      { newCapacity: '9', validFrom: '01.01.2026' },
    ),
  },
  'POST /unterkuenfte/:id{[0-9a-fA-F-]{36}}/einzug': {
    rule: 'visible',
    why: 'the site is office-wide; a move-in names a case by reference, and B’s case answers A like an unknown reference (422, same text) and no stay is stored',
    visible: async () => {
      const client = await as(w.cwA)
      const url = `/unterkuenfte/${w.extra.siteId}/einzug`
      const place = await ctx.db
        .selectFrom('accommodation_place')
        .select('id')
        .where('site_id', '=', w.extra.siteId)
        .where('label', '=', 'P2')
        .executeTakeFirstOrThrow()
      const body = (reference: string) => ({ placeId: place.id, reference, movedIn: '01.12.2026' })
      const foreign = await client.post(url, body(w.caseB.reference))
      const unknown = await client.post(url, body('A-2099-999999'))
      expect(foreign.status).toBe(422)
      const normal = (text: string) =>
        normalise(text, client, url)
          .replaceAll(w.caseB.reference, '<ref>')
          .replaceAll('A-2099-999999', '<ref>')
      expect(normal(await foreign.text())).toEqual(normal(await unknown.text()))
      const stays = await ctx.db
        .selectFrom('accommodation_stay')
        .select('id')
        .where('place_id', '=', place.id)
        .execute()
      expect(stays).toEqual([])
    },
  },
  'POST /unterkuenfte/:id{[0-9a-fA-F-]{36}}/auszug': {
    rule: 'same-as-missing',
    why: 'a move-out names a stay; B’s resident’s stay answers A like a missing site or stay (404)',
    probe: objectProbe(
      () => w.cwA,
      (id) => `/unterkuenfte/${id}/auszug`,
      () => w.extra.siteId,
      (url: string) => {
        const stayId = url.includes(w.extra.siteId) ? w.extra.stayB : uuid()
        return { stayId, [`movedOut-${stayId}`]: '01.12.2026' }
      },
    ),
  },
  // --- payment card in the case: need-to-know of the case -------------------------------------------------
  // One shape for every case-level card route: B's case answers like a missing one. A body given as a function
  // is read when the probe runs (B's household member exists only then).
  ...Object.fromEntries(
    (
      [
        ['GET', '', undefined],
        ['POST', '/mitglieder', { vorname: 'Lina', nachname: 'Neu', rolle: 'adult' }],
        [
          'POST',
          '/karten',
          () => ({ mitglied: w.extra.memberB, iban: 'DE02120300000000202051', bargeld: '50,00' }),
        ],
        ['GET', '/freigaben/neu', undefined],
        [
          'POST',
          '/freigaben/ueberweisung',
          { empfaenger: 'Wohnbau GmbH', iban: 'DE02120300000000202051', zweck: 'Miete', betrag: '400,00' },
        ],
        ['POST', '/freigaben/reise', { von: '01.01.2099', bis: '05.01.2099', grund: 'Familienbesuch' }],
      ] as Array<[string, string, Record<string, string> | (() => Record<string, string>) | undefined]>
    ).map(([method, suffix, body]) => [
      `${method} /sachbearbeitung/antraege/:id/bezahlkarte${suffix}`,
      {
        rule: 'same-as-missing',
        why: CASE_RULE,
        probe: async () =>
          caseProbe(() => `/bezahlkarte${suffix}`, typeof body === 'function' ? body() : body)(),
      } satisfies Entry,
    ]),
  ),
  ...Object.fromEntries(
    [
      ['GET', undefined],
      ['POST', { karte_von: uuid(), gueltig_ab: SOON, grund: 'Umzug' }],
    ].map(([method, body]) => [
      `${method} /sachbearbeitung/antraege/:id/bezahlkarte/mitglieder/:memberId/karte`,
      {
        rule: 'same-as-missing',
        why: `${CASE_RULE}; B’s household member answers like a missing case and member`,
        probe: async () => ({
          client: await as(w.cwA),
          foreign: `${CASE}/${w.caseB.applicationId}/bezahlkarte/mitglieder/${w.extra.memberB}/karte`,
          missing: `${CASE}/${uuid()}/bezahlkarte/mitglieder/${uuid()}/karte`,
          ...(body ? { body: body as Record<string, string> } : {}),
        }),
      } satisfies Entry,
    ]),
  ),
  ...Object.fromEntries(
    [
      ['POST', '/status', { ziel: 'blocked' }],
      ['GET', '/ersetzen', undefined],
      ['POST', '/ersetzen', { iban: 'DE02120300000000202051' }],
      ['GET', '/iban', undefined],
    ].map(([method, suffix, body]) => [
      `${method} /sachbearbeitung/antraege/:id/bezahlkarte/karten/:cardId${suffix}`,
      {
        rule: 'same-as-missing',
        why: `${CASE_RULE}; B’s card answers like a missing case and card`,
        probe: async () => ({
          client: await as(w.cwA),
          foreign: `${CASE}/${w.caseB.applicationId}/bezahlkarte/karten/${w.extra.cardB}${suffix}`,
          missing: `${CASE}/${uuid()}/bezahlkarte/karten/${uuid()}${suffix}`,
          ...(body ? { body: body as Record<string, string> } : {}),
        }),
      } satisfies Entry,
    ]),
  ),
  ...Object.fromEntries(
    [
      ['GET', '', undefined, () => w.cwA],
      ['POST', '/entscheidung', { ergebnis: 'approved' }, () => w.leadA],
      ['POST', '/portal', { eingetragen: 'ja' }, () => w.cwA],
    ].map(([method, suffix, body, user]) => [
      `${method} /sachbearbeitung/antraege/:id/bezahlkarte/freigaben/:approvalId${suffix}`,
      {
        rule: 'same-as-missing',
        why: `${CASE_RULE}; B’s card approval answers like a missing case and approval, also to the lead of another team`,
        probe: async () => ({
          client: await as((user as () => TestStaffUser)()),
          foreign: `${CASE}/${w.caseB.applicationId}/bezahlkarte/freigaben/${w.extra.approvalB}${suffix}`,
          missing: `${CASE}/${uuid()}/bezahlkarte/freigaben/${uuid()}${suffix}`,
          ...(body ? { body: body as Record<string, string> } : {}),
        }),
      } satisfies Entry,
    ]),
  ),
}

// --- running a probe ---------------------------------------------------------------------------------------

async function send(p: Probe, url: string): Promise<Response> {
  if (p.upload) {
    return p.client.upload(url, { name: 'Nachweis.pdf', bytes: PDF })
  }
  if (p.body === undefined) {
    return p.client.get(url)
  }
  return p.client.post(url, typeof p.body === 'function' ? p.body(url) : p.body)
}

/** The ids of a URL (path segments that are UUIDs). */
function idsOf(url: string): string[] {
  return url.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi) ?? []
}

/** A body without what differs from request to request: CSRF token, nonces, request ids and the ids asked for. */
function normalise(body: string, client: TestClient, url: string): string {
  let out = body
  for (const id of idsOf(url)) {
    out = out.replaceAll(id, '<id>')
  }
  if (client.csrf) {
    out = out.replaceAll(client.csrf, '<csrf>')
  }
  return out.replace(/nonce="[^"]*"/g, 'nonce="<nonce>"')
}

interface Answer {
  status: number
  type: string | null
  body: string
}

async function answer(p: Probe, url: string): Promise<Answer> {
  const res = await send(p, url)
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    body: normalise(await res.text(), p.client, url),
  }
}

/** A's own case with B's card in the URL, and the same with a card that does not exist. */
function cardUrls(suffix: string) {
  const base = `${CASE}/${w.caseA.applicationId}/bezahlkarte/karten`
  return { foreign: `${base}/${w.extra.cardB}${suffix}`, missing: `${base}/${uuid()}${suffix}` }
}

/** A's own case with B's household member in the URL (as the child to re-map), and a member that does not exist. */
function memberUrls() {
  const base = `${CASE}/${w.caseA.applicationId}/bezahlkarte/mitglieder`
  return { foreign: `${base}/${w.extra.memberB}/karte`, missing: `${base}/${uuid()}/karte` }
}

/** A's own case with B's card approval in the URL, and the same with one that does not exist. */
function approvalUrls(suffix: string) {
  const base = `${CASE}/${w.caseA.applicationId}/bezahlkarte/freigaben`
  return { foreign: `${base}/${w.extra.approvalB}${suffix}`, missing: `${base}/${uuid()}${suffix}` }
}

// --- the tests ------------------------------------------------------------------------------------------

describe('cross-account: every route that takes an id', () => {
  it('should have an entry for every route with a parameter, and no entry for a route that is gone', () => {
    const routes = [...idRoutes(ctx.app).keys()]
    expect(routes.length).toBeGreaterThanOrEqual(90)
    const missing = routes.filter((r) => !(r in ENTRIES))
    expect(missing, `id routes without a cross-account entry:\n${missing.join('\n')}`).toEqual([])
    const stale = Object.keys(ENTRIES).filter((r) => !routes.includes(r))
    expect(stale, `entries for routes that do not exist:\n${stale.join('\n')}`).toEqual([])
  })

  it('should name, for every role-rule entry, a route whose policy really leaves the prober’s role out', () => {
    const policies = idRoutes(ctx.app)
    for (const [route, entry] of Object.entries(ENTRIES)) {
      if (entry.rule === 'role' || entry.rule === 'same-as-missing') {
        expect(policies.get(route), route).toBeDefined()
      }
      if (entry.rule === 'public-token' || entry.rule === 'not-an-id') {
        expect(policies.get(route)?.kind, `${route} is said to be public`).toBe('public')
      }
      if ('coveredBy' in entry && entry.coveredBy) {
        expect(existsSync(entry.coveredBy), `${route}: ${entry.coveredBy}`).toBe(true)
      }
    }
  })

  const probed = Object.entries(ENTRIES).filter(
    (e): e is [string, Extract<Entry, { probe: () => Promise<Probe> }>] =>
      (e[1].rule === 'same-as-missing' || e[1].rule === 'role' || e[1].rule === 'public-token') &&
      'probe' in e[1] &&
      e[1].probe !== undefined,
  )

  it.each(probed)('%s: B’s object answers A exactly like a missing one', async (route, entry) => {
    const p = await entry.probe()
    const foreign = await answer(p, p.foreign)
    const missing = await answer(p, p.missing)
    expect([403, 404], `${route} → ${foreign.status}`).toContain(foreign.status)
    if (entry.rule === 'role') {
      expect(foreign.status, route).toBe(403)
    }
    expect(foreign).toEqual(missing)
  })

  const visible = Object.entries(ENTRIES).filter(
    (e): e is [string, Extract<Entry, { rule: 'visible' }>] => e[1].rule === 'visible',
  )

  it.each(visible)('%s: the object is visible to A anyway, and a change is refused', async (route, entry) => {
    await entry.visible()
    if (entry.probe) {
      const p = await entry.probe()
      const res = await send(p, p.foreign)
      expect(res.status, route).toBe(403)
    }
  })

  /**
   * A object inside an object A may see: A's own case (or the office-wide site) with B's card, approval,
   * household member or stay in the URL or form. B's must answer exactly like one that does not exist.
   */
  const nested: Array<
    [
      string,
      () =>
        | { url: string; foreign: Record<string, string>; missing: Record<string, string> }
        | { foreign: string; missing: string; body?: Record<string, string> },
    ]
  > = [
    ['GET …/bezahlkarte/karten/:cardId/iban', () => cardUrls('/iban')],
    [
      'POST …/bezahlkarte/karten/:cardId/status',
      () => ({ ...cardUrls('/status'), body: { ziel: 'blocked' } }),
    ],
    ['GET …/bezahlkarte/karten/:cardId/ersetzen', () => cardUrls('/ersetzen')],
    [
      'POST …/bezahlkarte/karten/:cardId/ersetzen',
      () => ({ ...cardUrls('/ersetzen'), body: { iban: 'DE02120300000000202051' } }),
    ],
    ['GET …/bezahlkarte/freigaben/:approvalId', () => approvalUrls('')],
    ['GET …/bezahlkarte/mitglieder/:memberId/karte', () => memberUrls()],
    [
      'POST …/bezahlkarte/mitglieder/:memberId/karte',
      () => ({ ...memberUrls(), body: { karte_von: uuid(), gueltig_ab: SOON, grund: 'Umzug' } }),
    ],
    [
      'POST …/bezahlkarte/freigaben/:approvalId/entscheidung',
      () => ({ ...approvalUrls('/entscheidung'), body: { ergebnis: 'approved' } }),
    ],
    [
      'POST …/bezahlkarte/freigaben/:approvalId/portal',
      () => ({ ...approvalUrls('/portal'), body: { eingetragen: 'ja' } }),
    ],
    [
      'POST …/bezahlkarte/karten (B’s household member)',
      () => {
        const form = (mitglied: string) => ({ mitglied, iban: 'DE02120300000000202051', bargeld: '50,00' })
        return {
          url: `${CASE}/${w.caseA.applicationId}/bezahlkarte/karten`,
          foreign: form(w.extra.memberB),
          missing: form(uuid()),
        }
      },
    ],
    [
      'POST …/bezahlkarte/mitglieder (a child on B’s member’s card)',
      () => {
        const form = (holder: string) => ({
          vorname: 'Mia',
          nachname: 'Kind',
          rolle: 'child',
          karte_von: holder,
        })
        return {
          url: `${CASE}/${w.caseA.applicationId}/bezahlkarte/mitglieder`,
          foreign: form(w.extra.memberB),
          missing: form(uuid()),
        }
      },
    ],
    [
      'POST /unterkuenfte/:id/auszug (B’s resident’s stay in a site A sees)',
      () => {
        const form = (stayId: string) => ({ stayId, [`movedOut-${stayId}`]: '01.12.2026' })
        return {
          url: `/unterkuenfte/${w.extra.siteId}/auszug`,
          foreign: form(w.extra.stayB),
          missing: form(uuid()),
        }
      },
    ],
  ]

  it.each(nested)('%s: B’s object inside A’s own answers A like a missing one', async (name, make) => {
    const client = await as(w.cwA)
    const spec = make()
    const p: Probe =
      'url' in spec
        ? { client, foreign: spec.url, missing: spec.url }
        : { client, foreign: spec.foreign, missing: spec.missing, ...(spec.body ? { body: spec.body } : {}) }
    const asked = async (url: string, body: Record<string, string> | undefined) => {
      const got = await answer({ ...p, ...(body ? { body } : {}) }, url)
      // The form ids differ between the two requests; the URL's ids are normalised by answer().
      const formIds = body ? idsOf(Object.values(body).join(' ')) : []
      return { ...got, body: formIds.reduce((b, id) => b.replaceAll(id, '<id>'), got.body) }
    }
    const foreign = 'url' in spec ? await asked(spec.url, spec.foreign) : await asked(p.foreign, spec.body)
    const missing = 'url' in spec ? await asked(spec.url, spec.missing) : await asked(p.missing, spec.body)
    expect([403, 404, 409, 422], `${name} → ${foreign.status}`).toContain(foreign.status)
    expect(foreign).toEqual(missing)
    // Nothing of B's changed: her card is still active, her approval open, her resident still there.
    const card = await ctx.db
      .selectFrom('payment_card')
      .select('status')
      .where('id', '=', w.extra.cardB)
      .executeTakeFirstOrThrow()
    expect(card.status).toBe('active')
    const stay = await ctx.db
      .selectFrom('accommodation_stay')
      .select('moved_out')
      .where('id', '=', w.extra.stayB)
      .executeTakeFirstOrThrow()
    expect(stay.moved_out).toBeNull()
    const cards = await ctx.db
      .selectFrom('payment_card')
      .select('id')
      .where('member_id', '=', w.extra.memberB)
      .execute()
    expect(cards).toHaveLength(1)
  })
})
