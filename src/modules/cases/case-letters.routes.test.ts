// SPDX-License-Identifier: EUPL-1.2
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildDocument } from '../../../test/factories/applications.factory.js'
import {
  buildApprovalRule,
  buildCase,
  buildStaffWithPost,
  buildTeam,
  type StaffWithPost,
} from '../../../test/factories/cases.factory.js'
import { buildAbsence, SYSTEM_ACTOR } from '../../../test/factories/organisation.factory.js'
import { pdfPages, pdftotext } from '../../../test/support/pdf-text.js'
import { signIn } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { redirectTarget, TestClient } from '../../../test/support/test-client.js'
import { createApp } from '../../app.js'
import { parseCaseFileJson } from '../letters/index.js'
import { organisationService } from '../organisation/index.js'

const LIST = '/sachbearbeitung/antraege'
const DAY = 86_400_000

let ctx: TestContext
beforeAll(async () => {
  ctx = await freshTestContext()
  // Every decision from 1.000 € a month needs the approval of the head post of the case's unit.
  await buildApprovalRule(ctx.db, null, { minMonthlyCents: 100_000 })
})
afterAll(async () => {
  await ctx.close()
})

/** 563,00 € + 593,50 € = 1.156,50 € a month: over the four-eyes threshold. */
const grant = {
  ergebnis: 'granted',
  regelbedarf: '563,00',
  unterkunft: '593,50',
  mehrbedarf: '',
  von: '01.12.2026',
  bis: '30.11.2027',
  rechtsgrundlage: '§§ 41 ff. SGB XII',
  begruendung: 'Die Voraussetzungen der §§ 41 ff. SGB XII liegen vor.',
}
/** Under the threshold: final at once. */
const smallGrant = { ...grant, unterkunft: '' }

async function readyCase(postId: string) {
  const c = await buildCase(ctx.db, { postId })
  await ctx.db
    .updateTable('application')
    .set({ status: 'ready_for_decision' })
    .where('id', '=', c.applicationId)
    .execute()
  return c
}

function decisionsOf(applicationId: string) {
  return ctx.db
    .selectFrom('decision')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('decided_at')
    .execute()
}

function auditRows(action: string, subjectId: string) {
  return ctx.db
    .selectFrom('audit_event')
    .selectAll()
    .where('action', '=', action)
    .where('subject_id', '=', subjectId)
    .orderBy('id')
    .execute()
}

/**
 * The printed lines of a PDF (`pdftotext -layout`, so that a table row reads "label amount"), each run of
 * white space (no-break spaces included) made one space.
 */
async function printedLines(bytes: Uint8Array): Promise<string[]> {
  return (await pdftotext(bytes, ['-layout']))
    .split('\n')
    .map((line) => line.replace(/\s+/gu, ' ').trim())
    .filter((line) => line !== '')
}

/** The printed text as one line, for sentences that wrap. */
async function flatText(bytes: Uint8Array): Promise<string> {
  return (await printedLines(bytes)).join(' ')
}

async function bytesOf(res: Response): Promise<Uint8Array> {
  return new Uint8Array(await res.arrayBuffer())
}

describe('decision letter (Bescheid)', () => {
  it('should store the letter of a final decision with applicant, amounts, period and "Im Auftrag", and serve it as an audited attachment', async () => {
    const me = await buildStaffWithPost(ctx.db, { title: 'Sachbearbeitung Grundsicherung 7' })
    const c = await readyCase(me.postId)
    const client = await signIn(ctx.app, me)
    const res = await client.post(`${LIST}/${c.applicationId}/entscheidung`, smallGrant)
    expect(redirectTarget(res)).toBe(`${LIST}/${c.applicationId}?erledigt=entschieden`)
    const [decision] = await decisionsOf(c.applicationId)
    expect(decision?.status).toBe('final')
    expect(decision?.letter_storage_key).toMatch(/^[0-9a-f]{64}$/)

    // The stored bytes are the letter, and their hash is recorded with the decision.
    const stored = await ctx.deps.fileStore.get(decision?.letter_storage_key as string)
    expect(createHash('sha256').update(stored).digest('hex')).toBe(decision?.letter_sha256?.toString('hex'))
    const text = await flatText(stored)
    const lines = await printedLines(stored)
    expect(text).toContain('Erika Mustermann-Öztürk')
    expect(text).toContain('Große Burgstraße 12')
    expect(text).toContain('23552 Lübeck')
    expect(text).toContain(c.reference)
    expect(text).toContain('für die Zeit vom 01.12.2026 bis 30.11.2027')
    expect(lines).toContain('Regelbedarf monatlich 563,00 €')
    expect(lines).toContain('Monatlicher Gesamtbetrag 563,00 €')
    expect(text).toContain('§§ 41 ff. SGB XII')
    expect(text).toContain('Die Voraussetzungen der §§ 41 ff. SGB XII liegen vor.')
    expect(text).toContain('Sachbearbeitung Grundsicherung 7')
    expect(text).toContain(`Im Auftrag ${me.displayName}`)
    expect(text).not.toContain('i.V.')
    expect(text).toContain('Rechtsbehelfsbelehrung')

    const audit = await auditRows('case.decision_letter', c.applicationId)
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({
      actor_id: me.id,
      details: {
        decisionId: decision?.id,
        sha256: decision?.letter_sha256?.toString('hex'),
        mode: 'by_order',
      },
    })

    // The case page links to it, and the link returns exactly the stored bytes.
    const page = await (await client.get(`${LIST}/${c.applicationId}`)).text()
    expect(page).toContain(`href="${LIST}/${c.applicationId}/bescheide/${decision?.id}"`)
    const download = await client.get(`${LIST}/${c.applicationId}/bescheide/${decision?.id}`)
    expect(download.status).toBe(200)
    expect(download.headers.get('content-type')).toBe('application/pdf')
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename*=UTF-8''Bescheid-${c.reference}.pdf`,
    )
    expect(download.headers.get('x-content-type-options')).toBe('nosniff')
    expect(download.headers.get('cache-control')).toBe('no-store')
    expect(Buffer.from(await bytesOf(download)).equals(Buffer.from(stored))).toBe(true)
    const views = await auditRows('case.decision_letter_view', c.applicationId)
    expect(views).toHaveLength(1)
    expect(views[0]).toMatchObject({ actor_id: me.id, details: { decisionId: decision?.id } })
  })

  it('should keep a decision awaiting approval or returned without a letter, and sign the approved one "i.V." when a deputy approved', async () => {
    const team = await buildTeam(ctx.db, { caseworkers: 2 })
    const [author, colleague] = team.caseworkers as [StaffWithPost, StaffWithPost]
    const c = await readyCase(author.postId)
    const authorClient = await signIn(ctx.app, author)
    await authorClient.post(`${LIST}/${c.applicationId}/entscheidung`, grant)
    const [waiting] = await decisionsOf(c.applicationId)
    expect(waiting).toMatchObject({
      status: 'awaiting_approval',
      letter_storage_key: null,
      letter_sha256: null,
    })
    expect((await authorClient.get(`${LIST}/${c.applicationId}/bescheide/${waiting?.id}`)).status).toBe(404)
    expect(await (await authorClient.get(`${LIST}/${c.applicationId}`)).text()).not.toContain('/bescheide/')

    const lead = await signIn(ctx.app, team.lead)
    const back = await lead.post(`/sachbearbeitung/freigaben/${waiting?.id}/zurueckgeben`, {
      [`grund-${waiting?.id}`]: 'Mehrbedarf prüfen',
    })
    expect(back.status).toBe(303)
    const [returned] = await decisionsOf(c.applicationId)
    expect(returned).toMatchObject({ status: 'returned', letter_storage_key: null })
    expect((await authorClient.get(`${LIST}/${c.applicationId}/bescheide/${returned?.id}`)).status).toBe(404)

    // The lead is absent; the colleague deputises for the lead post and approves the second draft i.V.
    await authorClient.post(`${LIST}/${c.applicationId}/entscheidung`, { ...grant, mehrbedarf: '95,71' })
    await organisationService.addDeputyRule(ctx.db, SYSTEM_ACTOR, {
      postId: team.lead.postId,
      deputyPostId: colleague.postId,
      kind: 'permanent',
      validFrom: new Date('2020-01-01T00:00:00Z'),
    })
    await buildAbsence(ctx.db, team.lead.personId, new Date(Date.now() - DAY), new Date(Date.now() + DAY))
    const second = (await decisionsOf(c.applicationId)).find((d) => d.status === 'awaiting_approval')
    const deputy = await signIn(ctx.app, colleague)
    const approve = await deputy.post(`/sachbearbeitung/freigaben/${second?.id}/freigeben`, {})
    expect(redirectTarget(approve)).toBe('/sachbearbeitung/freigaben?erledigt=freigegeben')
    const final = (await decisionsOf(c.applicationId)).find((d) => d.id === second?.id)
    expect(final).toMatchObject({
      status: 'final',
      approved_by: colleague.id,
      approved_acting_kind: 'deputy',
    })
    expect(final?.letter_storage_key).toMatch(/^[0-9a-f]{64}$/)

    const download = await authorClient.get(`${LIST}/${c.applicationId}/bescheide/${second?.id}`)
    expect(download.status).toBe(200)
    const bytes = await bytesOf(download)
    const text = await flatText(bytes)
    const lines = await printedLines(bytes)
    expect(text).toContain(`i.V. ${colleague.displayName}`)
    expect(text).toContain(team.lead.postTitle)
    expect(lines).toContain('Regelbedarf monatlich 563,00 €')
    expect(lines).toContain('Kosten der Unterkunft und Heizung monatlich 593,50 €')
    expect(lines).toContain('Mehrbedarf monatlich 95,71 €')
    expect(lines).toContain('Monatlicher Gesamtbetrag 1.252,21 €')
    expect(text).toContain('für die Zeit vom 01.12.2026 bis 30.11.2027')
    const audit = await auditRows('case.decision_letter', c.applicationId)
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({
      actor_id: colleague.id,
      details: { decisionId: second?.id, mode: 'deputy' },
    })
  })

  it('should leave the decision undecided when its letter cannot be stored', async () => {
    const me = await buildStaffWithPost(ctx.db)
    const c = await readyCase(me.postId)
    const broken = createApp({
      ...ctx.deps,
      fileStore: {
        put: () => Promise.reject(new Error('disk full')),
        get: (key) => ctx.deps.fileStore.get(key),
        delete: (key, guard) => ctx.deps.fileStore.delete(key, guard),
      },
    })
    const client = await signIn(broken, me)
    const res = await client.post(`${LIST}/${c.applicationId}/entscheidung`, smallGrant)
    expect(res.status).toBe(500)
    expect(await decisionsOf(c.applicationId)).toEqual([])
    const row = await ctx.db
      .selectFrom('application')
      .select('status')
      .where('id', '=', c.applicationId)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('ready_for_decision')
    expect(await auditRows('case.decide', c.applicationId)).toEqual([])
  })
})

describe('audit-ready case file (Prüfakte)', () => {
  let team: Awaited<ReturnType<typeof buildTeam>>
  let caseworker: StaffWithPost
  let client: TestClient
  let caseId: string
  let reference: string

  beforeAll(async () => {
    team = await buildTeam(ctx.db, { caseworkers: 1 })
    caseworker = team.caseworkers[0] as StaffWithPost
    const c = await readyCase(caseworker.postId)
    caseId = c.applicationId
    reference = c.reference
    client = await signIn(ctx.app, caseworker)
    await client.post(`${LIST}/${caseId}/notizen`, { notiz: 'Mietvertrag liegt vor, Heizkosten plausibel.' })
    // A request whose due date has passed and that nobody answered.
    await ctx.db
      .insertInto('document_request')
      .values({
        application_id: caseId,
        description: 'Kontoauszüge der letzten drei Monate',
        due_on: new Date(Date.now() - 10 * DAY).toISOString().slice(0, 10),
        requested_by: caseworker.id,
      })
      .execute()
    // Over the threshold: waits for the lead's approval.
    await client.post(`${LIST}/${caseId}/entscheidung`, grant)
  })

  it('should put the gaps on page 1 of the PDF: no documents, the overdue request and the missing approval', async () => {
    const res = await client.get(`${LIST}/${caseId}/pruefakte/pdf`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename*=UTF-8''Pruefakte-${reference}.pdf`,
    )
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('cache-control')).toBe('no-store')
    const pages = await pdfPages(await bytesOf(res))
    const first = (pages[0] ?? '').replace(/\s+/gu, ' ')
    expect(first).toContain('Fehlende Nachweise und Freigaben (3)')
    expect(first).toContain('Es liegen keine Unterlagen vor.')
    expect(first).toContain('Angeforderte Unterlagen fehlen, Frist')
    expect(first).toContain('Kontoauszüge der letzten drei Monate')
    expect(first).toMatch(/Vier-Augen-Freigabe der Entscheidung vom \d\d\.\d\d\.\d{4} fehlt\./u)
    expect(first).toContain(reference)
    const all = pages.join('\n').replace(/\s+/gu, ' ')
    expect(all).toContain('Mietvertrag liegt vor, Heizkosten plausibel.')
    expect(all).toContain('Erika')
    expect(all).toContain(caseworker.displayName)
    const audit = await auditRows('case.export', caseId)
    expect(audit.at(-1)).toMatchObject({ actor_id: caseworker.id, details: { format: 'pdf' } })
  })

  it('should export JSON that parses as lotse.case-file with the decision, the gaps and the access and change history', async () => {
    // The lead approves: the gap of the missing approval closes, the letter is stored.
    const lead = await signIn(ctx.app, team.lead)
    const waiting = (await decisionsOf(caseId)).find((d) => d.status === 'awaiting_approval')
    await lead.post(`/sachbearbeitung/freigaben/${waiting?.id}/freigeben`, {})
    await buildDocument(ctx.db, ctx.deps.fileStore, { applicationId: caseId }, { name: 'Kontoauszug.pdf' })

    const res = await client.get(`${LIST}/${caseId}/pruefakte/json`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename*=UTF-8''Pruefakte-${reference}.json`,
    )
    const file = parseCaseFileJson(await res.text())
    expect(file.case).toMatchObject({ id: caseId, reference, applicantName: 'Erika Mustermann-Öztürk' })
    expect(file.generatedBy).toEqual({
      name: caseworker.displayName,
      post: caseworker.postTitle,
      actingFor: null,
    })
    expect(file.gaps).toEqual([
      {
        kind: 'missing_evidence',
        description: expect.stringContaining('Kontoauszüge der letzten drei Monate'),
      },
    ])
    expect(file.documents.map((d) => d.name)).toEqual(['Kontoauszug.pdf'])
    expect(file.notes.map((n) => n.text)).toEqual(['Mietvertrag liegt vor, Heizkosten plausibel.'])
    expect(file.statusHistory.at(-1)).toMatchObject({ status: 'decided', statusLabel: 'Beschieden' })
    const final = (await decisionsOf(caseId)).find((d) => d.status === 'final')
    expect(file.decisions).toHaveLength(1)
    expect(file.decisions[0]).toMatchObject({
      id: final?.id,
      outcome: 'granted',
      decidedBy: { name: caseworker.displayName, post: caseworker.postTitle, actingFor: null },
      approvalRequired: true,
      approvedBy: { name: team.lead.displayName, post: team.lead.postTitle, actingFor: null },
      benefitPeriod: { from: '2026-12-01', to: '2027-11-30' },
      letterSha256: final?.letter_sha256?.toString('hex'),
    })
    expect(file.decisions[0]?.payments[0]?.totalCents).toBe(115_650)
    expect(file.deadlines).toContainEqual(
      expect.objectContaining({
        label: 'Nachreichung: Kontoauszüge der letzten drei Monate',
        state: 'overdue',
      }),
    )
    const actions = file.auditEvents.map((e) => `${e.actor}: ${e.action}`)
    expect(actions).toContain(`${caseworker.displayName}: Vermerk hinzugefügt`)
    expect(actions).toContain(`${caseworker.displayName}: Entscheidung erfasst`)
    expect(actions).toContain(`${team.lead.displayName}: Entscheidung freigegeben`)
    expect(actions).toContain(`${team.lead.displayName}: Bescheid erstellt`)
    expect(actions).toContain(`${team.lead.displayName}: Status geändert: Beschieden`)
    expect(actions).toContain(`${caseworker.displayName}: Prüfakte exportiert`)
    // The export of this very file is in its history, and it is audited with its format.
    expect(actions.at(-1)).toBe(`${caseworker.displayName}: Prüfakte exportiert`)
    expect((await auditRows('case.export', caseId)).at(-1)?.details).toMatchObject({ format: 'json' })
  })

  it('should name the post a deputy acted for in the history', async () => {
    const deputyTeam = await buildTeam(ctx.db, { caseworkers: 2 })
    const [holder, deputy] = deputyTeam.caseworkers as [StaffWithPost, StaffWithPost]
    const c = await buildCase(ctx.db, { postId: holder.postId })
    await organisationService.addDeputyRule(ctx.db, SYSTEM_ACTOR, {
      postId: holder.postId,
      deputyPostId: deputy.postId,
      kind: 'permanent',
      validFrom: new Date('2020-01-01T00:00:00Z'),
    })
    await buildAbsence(ctx.db, holder.personId, new Date(Date.now() - DAY), new Date(Date.now() + DAY))
    const deputyClient = await signIn(ctx.app, deputy)
    expect((await deputyClient.get(`${LIST}/${c.applicationId}`)).status).toBe(200)
    const file = parseCaseFileJson(
      await (await deputyClient.get(`${LIST}/${c.applicationId}/pruefakte/json`)).text(),
    )
    expect(file.auditEvents).toContainEqual(
      expect.objectContaining({
        actor: deputy.displayName,
        action: 'Akte gelesen',
        actingFor: holder.postTitle,
      }),
    )
    expect(file.generatedBy).toEqual({
      name: deputy.displayName,
      post: deputy.postTitle,
      actingFor: holder.postTitle,
    })
  })

  it('should let an auditor export any case, audited', async () => {
    const auditor = await buildStaffWithPost(ctx.db, { role: 'auditor' })
    const auditorClient = await signIn(ctx.app, auditor)
    const res = await auditorClient.get(`${LIST}/${caseId}/pruefakte/json`)
    expect(res.status).toBe(200)
    expect(parseCaseFileJson(await res.text()).case.id).toBe(caseId)
    expect((await auditRows('case.export', caseId)).at(-1)).toMatchObject({ actor_id: auditor.id })
  })
})

describe('need-to-know for letters and case files', () => {
  it('should answer another team’s caseworker with 404 for the letter and the case file, and record nothing', async () => {
    const owner = await buildStaffWithPost(ctx.db)
    const c = await readyCase(owner.postId)
    const ownerClient = await signIn(ctx.app, owner)
    await ownerClient.post(`${LIST}/${c.applicationId}/entscheidung`, smallGrant)
    const [decision] = await decisionsOf(c.applicationId)
    expect(decision?.letter_storage_key).not.toBeNull()

    const stranger = await signIn(ctx.app, await buildStaffWithPost(ctx.db))
    const before = await ctx.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('subject_id', '=', c.applicationId)
      .where('action', '<>', 'case.denied')
      .executeTakeFirstOrThrow()
    for (const path of [
      `${LIST}/${c.applicationId}/bescheide/${decision?.id}`,
      `${LIST}/${c.applicationId}/pruefakte/pdf`,
      `${LIST}/${c.applicationId}/pruefakte/json`,
    ]) {
      const res = await stranger.get(path)
      expect(res.status, path).toBe(404)
      expect(await res.text()).toContain('Die Seite wurde nicht gefunden.')
    }
    // A decision id of another case, and a malformed one, under a case of her own: the same 404.
    const mine = await buildStaffWithPost(ctx.db)
    const own = await readyCase(mine.postId)
    const mineClient = await signIn(ctx.app, mine)
    expect((await mineClient.get(`${LIST}/${own.applicationId}/bescheide/${decision?.id}`)).status).toBe(404)
    expect((await mineClient.get(`${LIST}/${own.applicationId}/bescheide/nicht-da`)).status).toBe(404)
    const after = await ctx.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('subject_id', '=', c.applicationId)
      .where('action', '<>', 'case.denied')
      .executeTakeFirstOrThrow()
    // Nothing was read or changed; the refusals themselves are recorded as denied (security issue).
    expect(Number(after.n)).toBe(Number(before.n))
    const denied = await ctx.db
      .selectFrom('audit_event')
      .select(['outcome'])
      .where('subject_id', '=', c.applicationId)
      .where('action', '=', 'case.denied')
      .execute()
    expect(denied.length).toBeGreaterThanOrEqual(3)
    expect(denied.every((d) => d.outcome === 'denied')).toBe(true)
  })

  it('should ask a visitor without a session to sign in', async () => {
    const c = await buildCase(ctx.db, { postId: null })
    const res = await new TestClient(ctx.app).get(`${LIST}/${c.applicationId}/pruefakte/pdf`)
    expect([302, 303]).toContain(res.status)
    expect(redirectTarget(res)).toContain('/anmelden')
  })
})
