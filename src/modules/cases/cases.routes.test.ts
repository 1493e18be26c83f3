// SPDX-License-Identifier: EUPL-1.2
import { sql } from 'kysely'
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
import { signIn } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { redirectTarget, TestClient } from '../../../test/support/test-client.js'
import { organisationService } from '../organisation/index.js'

// A minimal valid PDF: file-type recognises it by its first bytes.
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
const NBSP = '\u00a0'
const LIST = '/sachbearbeitung/antraege'
const DAY = 86_400_000

let ctx: TestContext
beforeAll(async () => {
  ctx = await freshTestContext()
})
afterAll(async () => {
  await ctx.close()
})

/** Ids of the cases a page links to, in page order. */
function listedIds(html: string): string[] {
  return [...html.matchAll(/href="\/sachbearbeitung\/antraege\/([0-9a-f-]{36})"/g)].map((m) => m[1] ?? '')
}

function nextHref(html: string): string | undefined {
  const m = /href="(\/sachbearbeitung\/antraege\?[^"]*nach=[^"]+)" rel="next"/.exec(html)
  return m?.[1]?.replaceAll('&amp;', '&')
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

function history(applicationId: string) {
  return ctx.db
    .selectFrom('application_status_change')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('id')
    .execute()
}

function caseRow(id: string) {
  return ctx.db.selectFrom('application').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

describe('workbench: inbox in priority order', () => {
  let me: StaffWithPost
  let client: TestClient
  const expected: string[] = []

  beforeAll(async () => {
    me = await buildStaffWithPost(ctx.db)
    client = await signIn(ctx.app, me)
    const now = Date.now()
    // Voluntary task, very old: last despite its age.
    const voluntary = await buildCase(ctx.db, {
      postId: me.postId,
      benefitType: 'seniorenberatung',
      submittedAt: new Date(now - 300 * DAY),
    })
    // Statutory, not livelihood: after all livelihood cases.
    const statutory = await buildCase(ctx.db, {
      postId: me.postId,
      benefitType: 'eingliederungshilfe',
      submittedAt: new Date(now - 200 * DAY),
    })
    // 28 livelihood cases; the five oldest share one instant so that the page boundary falls among ties.
    const livelihood: Array<{ id: string; at: number }> = []
    for (let i = 0; i < 28; i++) {
      const at = i < 5 ? now - 190 * DAY : now - (180 - i) * DAY
      const c = await buildCase(ctx.db, { postId: me.postId, submittedAt: new Date(at) })
      livelihood.push({ id: c.applicationId, at })
    }
    livelihood.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1))
    expected.push(...livelihood.map((l) => l.id), statutory.applicationId, voluntary.applicationId)
    // Somebody else's case must not appear.
    await buildCase(ctx.db, { postId: (await buildStaffWithPost(ctx.db)).postId })
  })

  it('should list livelihood first, then statutory, then voluntary tasks, nearest deadline first, in stable pages of 25', async () => {
    const first = await client.get(LIST)
    expect(first.status).toBe(200)
    const html1 = await first.text()
    expect(html1).toContain('30 offene Fälle')
    const page1 = listedIds(html1)
    const next = nextHref(html1)
    expect(next).toBeDefined()
    const html2 = await (await client.get(next as string)).text()
    const page2 = listedIds(html2)
    expect(page1).toEqual(expected.slice(0, 25))
    expect(page2).toEqual(expected.slice(25))
    expect(nextHref(html2)).toBeUndefined()
    expect(html2).toContain('Zum Anfang der Liste')
    // The same pages again.
    expect(listedIds(await (await client.get(LIST)).text())).toEqual(page1)
  })

  it('should explain the order and each case’s class and deadline on screen', async () => {
    const html = (await (await client.get(LIST)).text()).replaceAll(NBSP, ' ')
    expect(html).toContain('Warum diese Reihenfolge?')
    expect(html).toContain(
      'Existenzsichernde Leistungen (Grundsicherung, Hilfe zum Lebensunterhalt, Asylbewerberleistungen) kommen zuerst.',
    )
    expect(html).toContain('Existenzsichernd')
    // The oldest livelihood cases are over § 88 SGG's six months.
    expect(html).toMatch(/Frist überschritten: <\/strong>6 Monate ohne Entscheidung \(§ 88 SGG\)/)
  })

  it('should filter by status and benefit type and find a case by surname prefix or file number', async () => {
    const target = await buildCase(ctx.db, { postId: me.postId, surname: 'Zylinski' })
    const reference = (await caseRow(target.applicationId)).reference
    await ctx.db
      .updateTable('application')
      .set({ status: 'in_review' })
      .where('id', '=', target.applicationId)
      .execute()
    expect(listedIds(await (await client.get(`${LIST}?status=in_review`)).text())).toEqual([
      target.applicationId,
    ])
    expect(listedIds(await (await client.get(`${LIST}?q=zyl`)).text())).toEqual([target.applicationId])
    expect(listedIds(await (await client.get(`${LIST}?q=${reference.toLowerCase()}`)).text())).toEqual([
      target.applicationId,
    ])
    const statutory = listedIds(await (await client.get(`${LIST}?benefit=eingliederungshilfe`)).text())
    expect(statutory).toEqual([expected[28]])
  })

  it('should audit each inbox page with the ids it showed', async () => {
    const res = await client.get(`${LIST}?status=in_review`)
    const shown = listedIds(await res.text())
    const rows = await ctx.db
      .selectFrom('audit_event')
      .selectAll()
      .where('request_id', '=', res.headers.get('x-request-id'))
      .where('action', '=', 'case.list')
      .execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ actor_id: me.id, details: { ids: shown } })
  })
})

describe('workbench: deputies act i.V. while the cover lasts', () => {
  it('should show an absent colleague’s cases to her deputy, marked i.V., and take them away when she is back', async () => {
    const team = await buildTeam(ctx.db, { caseworkers: 2 })
    const [absent, deputy] = team.caseworkers as [StaffWithPost, StaffWithPost]
    await organisationService.addDeputyRule(ctx.db, SYSTEM_ACTOR, {
      postId: absent.postId,
      deputyPostId: deputy.postId,
      kind: 'permanent',
      validFrom: new Date('2020-01-01T00:00:00Z'),
    })
    const theirs = await buildCase(ctx.db, { postId: absent.postId, surname: 'Abwesend-Fall' })
    const client = await signIn(ctx.app, deputy)

    // Present: the case is hers, not the deputy's.
    expect(listedIds(await (await client.get(LIST)).text())).not.toContain(theirs.applicationId)
    expect((await client.get(`${LIST}/${theirs.applicationId}`)).status).toBe(404)

    const absence = await buildAbsence(
      ctx.db,
      absent.personId,
      new Date(Date.now() - DAY),
      new Date(Date.now() + 7 * DAY),
    )
    const inbox = await (await client.get(LIST)).text()
    expect(listedIds(inbox)).toContain(theirs.applicationId)
    expect(inbox).toContain(`<abbr title="in Vertretung">i.V.</abbr> ${absent.postTitle}`)
    const detail = await client.get(`${LIST}/${theirs.applicationId}`)
    expect(detail.status).toBe(200)
    expect(await detail.text()).toContain(
      `Sie bearbeiten diesen Fall in Vertretung (i.V.) für die Stelle „${absent.postTitle}“.`,
    )
    const note = await client.post(`${LIST}/${theirs.applicationId}/notizen`, {
      notiz: 'Rückruf vereinbart.',
    })
    expect(note.status).toBe(303)
    const audit = await auditRows('case.note_add', theirs.applicationId)
    expect(audit[0]?.details).toMatchObject({ actingFor: absent.postId })

    // The absence ends now: the cover ends with it.
    await ctx.db
      .updateTable('absence')
      .set({ valid_to: new Date(Date.now() - 1000) })
      .where('id', '=', absence.id)
      .execute()
    expect(listedIds(await (await client.get(LIST)).text())).not.toContain(theirs.applicationId)
    expect((await client.get(`${LIST}/${theirs.applicationId}`)).status).toBe(404)
  })
})

describe('workbench: need-to-know', () => {
  it('should answer another team’s caseworker with the same 404 for a foreign case as for a missing one, and write nothing', async () => {
    const owner = await buildStaffWithPost(ctx.db)
    const stranger = await buildStaffWithPost(ctx.db)
    const foreign = await buildCase(ctx.db, { postId: owner.postId })
    const documentId = await buildDocument(ctx.db, ctx.deps.fileStore, {
      applicationId: foreign.applicationId,
    })
    const client = await signIn(ctx.app, stranger)
    const missing = '00000000-0000-4000-8000-000000000000'
    const before = await caseRow(foreign.applicationId)
    for (const [path, body] of [
      [`${LIST}/${foreign.applicationId}`, undefined],
      [`${LIST}/${foreign.applicationId}/dokumente/${documentId}`, undefined],
      [`${LIST}/${foreign.applicationId}/status`, { status: 'in_review' }],
      [`${LIST}/${foreign.applicationId}/notizen`, { notiz: 'Neugierig' }],
      [`${LIST}/${foreign.applicationId}/unterlagen`, { beschreibung: 'Kontoauszüge', frist: '01.01.2099' }],
    ] as const) {
      const res = body ? await client.post(path, body) : await client.get(path)
      const twin = body
        ? await client.post(path.replace(foreign.applicationId, missing), body)
        : await client.get(path.replace(foreign.applicationId, missing))
      expect(res.status, path).toBe(404)
      expect(twin.status, path).toBe(404)
      const strip = (html: string) => html.replace(/nonce="[^"]+"/g, '').replace(/value="[^"]{20,}"/g, '')
      expect(strip(await res.text()), path).toBe(strip(await twin.text()))
    }
    expect(await caseRow(foreign.applicationId)).toEqual(before)
    expect(await auditRows('application.view', foreign.applicationId)).toEqual([])
    expect(await auditRows('document.view', foreign.applicationId)).toEqual([])
    expect(
      await ctx.db
        .selectFrom('case_note')
        .selectAll()
        .where('application_id', '=', foreign.applicationId)
        .execute(),
    ).toEqual([])
  })

  it('should show an administrator no case at all', async () => {
    const owner = await buildStaffWithPost(ctx.db)
    const c = await buildCase(ctx.db, { postId: owner.postId })
    const admin = await buildStaffWithPost(ctx.db, { role: 'administrator' })
    const client = await signIn(ctx.app, admin)
    expect((await client.get(LIST)).status).toBe(403)
    expect((await client.get(`${LIST}/${c.applicationId}`)).status).toBe(403)
  })

  it('should let an auditor read every case but change none', async () => {
    const owner = await buildStaffWithPost(ctx.db)
    const c = await buildCase(ctx.db, { postId: owner.postId })
    const auditor = await buildStaffWithPost(ctx.db, { role: 'auditor' })
    const client = await signIn(ctx.app, auditor)
    const page = await client.get(`${LIST}/${c.applicationId}`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Sie sehen diesen Fall nur lesend.')
    expect(html).not.toContain('In Prüfung nehmen')
    expect((await client.post(`${LIST}/${c.applicationId}/status`, { status: 'in_review' })).status).toBe(403)
    expect(await auditRows('application.view', c.applicationId)).toHaveLength(1)
  })
})

describe('workbench: leads reassign', () => {
  it('should let the lead see the unit and the fallback queue and reassign in bulk with a reason, audited', async () => {
    const team = await buildTeam(ctx.db, { caseworkers: 2 })
    const [from, to] = team.caseworkers as [StaffWithPost, StaffWithPost]
    const a = await buildCase(ctx.db, { postId: from.postId })
    const b = await buildCase(ctx.db, { postId: from.postId })
    const orphan = await buildCase(ctx.db, { postId: null })
    const lead = await signIn(ctx.app, team.lead)

    const unit = await (await lead.get(`${LIST}?ansicht=einheit`)).text()
    expect(listedIds(unit)).toEqual(expect.arrayContaining([a.applicationId, b.applicationId]))
    expect(listedIds(await (await lead.get(`${LIST}?ansicht=ohne-zustaendigkeit`)).text())).toContain(
      orphan.applicationId,
    )

    const missingReason = await lead.post('/sachbearbeitung/faelle/zuweisen', {
      faelle: a.applicationId,
      stelle: to.postId,
      grund: '',
    })
    expect(missingReason.status).toBe(422)
    expect(await missingReason.text()).toContain('Geben Sie einen Grund an (3 bis 500 Zeichen).')
    expect((await caseRow(a.applicationId)).assigned_post_id).toBe(from.postId)

    const res = await lead.post('/sachbearbeitung/faelle/zuweisen', [
      ['faelle', a.applicationId],
      ['faelle', b.applicationId],
      ['faelle', orphan.applicationId],
      ['stelle', to.postId],
      ['grund', 'Urlaubsvertretung dauerhaft geregelt'],
    ])
    expect(res.status).toBe(303)
    expect(redirectTarget(res)).toBe(`${LIST}?ansicht=einheit&zugewiesen=3`)
    for (const c of [a, b, orphan]) {
      expect((await caseRow(c.applicationId)).assigned_post_id).toBe(to.postId)
      const audit = await auditRows('case.reassign', c.applicationId)
      expect(audit).toHaveLength(1)
      expect(audit[0]).toMatchObject({
        actor_id: team.lead.id,
        details: { to: to.postId, reason: 'Urlaubsvertretung dauerhaft geregelt' },
      })
    }
    expect(listedIds(await (await (await signIn(ctx.app, to)).get(LIST)).text())).toEqual(
      expect.arrayContaining([a.applicationId, b.applicationId, orphan.applicationId]),
    )
  })

  it('should refuse a caseworker’s reassignment and a lead’s reassignment of another unit’s case', async () => {
    const team = await buildTeam(ctx.db, { caseworkers: 1 })
    const other = await buildTeam(ctx.db, { caseworkers: 1 })
    const mine = team.caseworkers[0] as StaffWithPost
    const c = await buildCase(ctx.db, { postId: mine.postId })
    const foreign = await buildCase(ctx.db, { postId: (other.caseworkers[0] as StaffWithPost).postId })
    const cw = await signIn(ctx.app, mine)
    expect(
      (
        await cw.post('/sachbearbeitung/faelle/zuweisen', {
          faelle: c.applicationId,
          stelle: mine.postId,
          grund: 'selbst',
        })
      ).status,
    ).toBe(403)
    const lead = await signIn(ctx.app, team.lead)
    const res = await lead.post('/sachbearbeitung/faelle/zuweisen', {
      faelle: foreign.applicationId,
      stelle: mine.postId,
      grund: 'Übernahme',
    })
    expect(res.status).toBe(404)
    expect((await caseRow(foreign.applicationId)).assigned_post_id).toBe(
      (other.caseworkers[0] as StaffWithPost).postId,
    )
  })
})

describe('workbench: case page', () => {
  let me: StaffWithPost
  let client: TestClient
  beforeAll(async () => {
    me = await buildStaffWithPost(ctx.db)
    client = await signIn(ctx.app, me)
  })

  it('should show names, birth date, amounts, the IBAN in groups of four, the post and the documents', async () => {
    const { applicationId, reference } = await buildCase(ctx.db, { postId: me.postId })
    const documentId = await buildDocument(
      ctx.db,
      ctx.deps.fileStore,
      { applicationId },
      { name: 'Rentenbescheid.pdf', bytes: PDF },
    )
    const res = await client.get(`${LIST}/${applicationId}`)
    expect(res.status).toBe(200)
    const html = (await res.text()).replaceAll(NBSP, ' ')
    expect(html).toContain(`Antrag ${reference}`)
    expect(html).toContain('Mustermann-Öztürk')
    expect(html).toContain('12.08.1957')
    expect(html).toContain('734,12 €')
    expect(html).toContain('DE02 1203 0000 0000 2020 51')
    expect(html).toContain(me.postTitle)
    expect(html).toContain(`href="${LIST}/${applicationId}/dokumente/${documentId}"`)
    expect(html).toContain('In Prüfung nehmen')
  })

  it('should write exactly one application.view audit row per view, and show nothing when it cannot be written', async () => {
    const { applicationId } = await buildCase(ctx.db, { postId: me.postId })
    const res = await client.get(`${LIST}/${applicationId}`)
    const rows = await auditRows('application.view', applicationId)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ actor_id: me.id, request_id: res.headers.get('x-request-id') })

    await sql`
      create function test_refuse_view_audit() returns trigger language plpgsql as $$
      begin
        if new.action = 'application.view' then
          raise exception 'audit store unavailable';
        end if;
        return new;
      end $$`.execute(ctx.db)
    await sql`create trigger test_refuse_view_audit before insert on audit_event
      for each row execute function test_refuse_view_audit()`.execute(ctx.db)
    try {
      const refused = await client.get(`${LIST}/${applicationId}`)
      expect(refused.status).toBe(500)
      const html = await refused.text()
      expect(html).toContain('Es ist ein technischer Fehler aufgetreten.')
      expect(html).not.toContain('Mustermann')
    } finally {
      await sql`drop trigger test_refuse_view_audit on audit_event`.execute(ctx.db)
      await sql`drop function test_refuse_view_audit()`.execute(ctx.db)
    }
    expect(await auditRows('application.view', applicationId)).toHaveLength(1)
  })

  it('should send a document as an attachment with nosniff, audited, and 404 under another case', async () => {
    const { applicationId } = await buildCase(ctx.db, { postId: me.postId })
    const other = await buildCase(ctx.db, { postId: me.postId })
    const documentId = await buildDocument(
      ctx.db,
      ctx.deps.fileStore,
      { applicationId },
      { name: 'Miet vertrag "neu".pdf', bytes: PDF },
    )
    const res = await client.get(`${LIST}/${applicationId}/dokumente/${documentId}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('Miet vertrag "neu".pdf')}`,
    )
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PDF)
    expect(await auditRows('document.view', applicationId)).toHaveLength(1)
    expect((await client.get(`${LIST}/${other.applicationId}/dokumente/${documentId}`)).status).toBe(404)
    expect(await auditRows('document.view', other.applicationId)).toEqual([])
  })

  it('should move a case into review once, answer 409 to a second attempt, and let one of two simultaneous changes through', async () => {
    const { applicationId } = await buildCase(ctx.db, { postId: me.postId })
    const res = await client.post(`${LIST}/${applicationId}/status`, { status: 'in_review' })
    expect(redirectTarget(res)).toBe(`${LIST}/${applicationId}?geaendert=in_review`)
    expect(await (await client.get(redirectTarget(res))).text()).toContain(
      'Der Antrag ist jetzt „In Prüfung“.',
    )
    const afterFirst = await history(applicationId)
    expect(afterFirst.map((h) => [h.from_status, h.to_status, h.changed_by])).toEqual([
      [null, 'submitted', null],
      ['submitted', 'in_review', me.id],
    ])
    const second = await client.post(`${LIST}/${applicationId}/status`, { status: 'in_review' })
    expect(second.status).toBe(409)
    expect(await history(applicationId)).toEqual(afterFirst)

    const race = await buildCase(ctx.db, { postId: me.postId })
    const other = await signIn(ctx.app, me)
    const results = await Promise.all([
      client.post(`${LIST}/${race.applicationId}/status`, { status: 'in_review' }),
      other.post(`${LIST}/${race.applicationId}/status`, { status: 'in_review' }),
    ])
    expect(results.map((r) => r.status).sort()).toEqual([303, 409])
  })

  it('should keep notes, refuse an empty one with a German error, and show both in the timeline', async () => {
    const { applicationId } = await buildCase(ctx.db, { postId: me.postId })
    const empty = await client.post(`${LIST}/${applicationId}/notizen`, { notiz: '   ' })
    expect(empty.status).toBe(422)
    const html = await empty.text()
    expect(html).toContain('<title>Fehler:')
    expect(html).toContain('Geben Sie den Text der Notiz ein.')
    expect(
      await ctx.db.selectFrom('case_note').selectAll().where('application_id', '=', applicationId).execute(),
    ).toEqual([])
    const ok = await client.post(`${LIST}/${applicationId}/notizen`, {
      notiz: 'Telefonat: Kontoauszüge folgen.',
    })
    const page = await (await client.get(redirectTarget(ok))).text()
    expect(page).toContain('Die Notiz ist gespeichert.')
    expect(page).toContain('Notiz: Telefonat: Kontoauszüge folgen.')
  })

  it('should request documents with a due date, put the case in "Unterlagen angefordert" and make the due date its next deadline', async () => {
    const { applicationId } = await buildCase(ctx.db, { postId: me.postId })
    const bad = await client.post(`${LIST}/${applicationId}/unterlagen`, {
      beschreibung: 'Kontoauszüge',
      frist: '31.02.2027',
    })
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('Geben Sie ein gültiges Datum im Format TT.MM.JJJJ ein.')
    const due = new Date(Date.now() + 14 * DAY).toISOString().slice(0, 10)
    const [y, m, d] = due.split('-')
    const res = await client.post(`${LIST}/${applicationId}/unterlagen`, {
      beschreibung: 'Kontoauszüge der letzten drei Monate',
      frist: `${d}.${m}.${y}`,
    })
    expect(res.status).toBe(303)
    const row = await caseRow(applicationId)
    expect(row.status).toBe('documents_requested')
    expect(row.next_deadline_kind).toBe('documents_overdue')
    expect(row.next_deadline_at?.toISOString().slice(0, 10)).toBe(due)
    const requests = await ctx.db
      .selectFrom('document_request')
      .selectAll()
      .where('application_id', '=', applicationId)
      .execute()
    expect(requests).toMatchObject([
      { description: 'Kontoauszüge der letzten drei Monate', due_on: due, requested_by: me.id },
    ])
  })
})

describe('workbench: decisions and four-eyes', () => {
  // Every decision from 1.000 € a month needs the approval of the head post of the case's unit.
  beforeAll(async () => {
    await buildApprovalRule(ctx.db, null, { minMonthlyCents: 100_000 })
  })
  async function readyCase(postId: string) {
    const c = await buildCase(ctx.db, { postId })
    await ctx.db
      .updateTable('application')
      .set({ status: 'ready_for_decision' })
      .where('id', '=', c.applicationId)
      .execute()
    return c
  }
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

  it('should refuse an incomplete decision with German errors and store nothing', async () => {
    const me = await buildStaffWithPost(ctx.db)
    const c = await readyCase(me.postId)
    const client = await signIn(ctx.app, me)
    const res = await client.post(`${LIST}/${c.applicationId}/entscheidung`, {
      ...grant,
      regelbedarf: '',
      unterkunft: 'viel',
      bis: '01.12.2028',
      begruendung: 'kurz',
    })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('Geben Sie einen Betrag in Euro ein, zum Beispiel 563,00.')
    expect(html).toContain('höchstens zwölf Monate')
    expect(html).toContain('Begründen Sie die Entscheidung (mindestens 10 Zeichen).')
    expect(
      await ctx.db.selectFrom('decision').selectAll().where('application_id', '=', c.applicationId).execute(),
    ).toEqual([])
    expect((await caseRow(c.applicationId)).status).toBe('ready_for_decision')
  })

  it('should make a decision without an approval rule final at once, with the period end as the next deadline', async () => {
    const me = await buildStaffWithPost(ctx.db)
    const c = await readyCase(me.postId)
    const client = await signIn(ctx.app, me)
    const res = await client.post(`${LIST}/${c.applicationId}/entscheidung`, { ...grant, unterkunft: '' })
    expect(redirectTarget(res)).toBe(`${LIST}/${c.applicationId}?erledigt=entschieden`)
    const [decision] = await ctx.db
      .selectFrom('decision')
      .selectAll()
      .where('application_id', '=', c.applicationId)
      .execute()
    expect(decision).toMatchObject({
      status: 'final',
      outcome: 'granted',
      monthly_amount_cents: 56300,
      decided_by: me.id,
      decided_acting_kind: 'holder',
      approval_post_id: null,
    })
    const row = await caseRow(c.applicationId)
    expect(row.status).toBe('decided')
    expect(row.benefit_period_end).toBe('2027-11-30')
    expect(row.next_deadline_kind).toBe('period_ending')
  })

  it('should send a decision over the threshold to whoever acts for the approving post, never back to its author, and record i.V.', async () => {
    const team = await buildTeam(ctx.db, { caseworkers: 2 })
    const [author, colleague] = team.caseworkers as [StaffWithPost, StaffWithPost]
    const c = await readyCase(author.postId)
    const authorClient = await signIn(ctx.app, author)
    const res = await authorClient.post(`${LIST}/${c.applicationId}/entscheidung`, grant)
    expect(redirectTarget(res)).toBe(`${LIST}/${c.applicationId}?erledigt=freigabe`)
    const [decision] = await ctx.db
      .selectFrom('decision')
      .selectAll()
      .where('application_id', '=', c.applicationId)
      .execute()
    expect(decision).toMatchObject({ status: 'awaiting_approval', approval_post_id: team.lead.postId })
    expect((await caseRow(c.applicationId)).status).toBe('ready_for_decision')

    // The author cannot approve: not acting for the approving post.
    const own = await authorClient.post(`/sachbearbeitung/freigaben/${decision?.id}/freigeben`, {})
    expect(own.status).toBe(403)

    // The lead is absent; the colleague is the lead post's deputy and approves i.V.
    await organisationService.addDeputyRule(ctx.db, SYSTEM_ACTOR, {
      postId: team.lead.postId,
      deputyPostId: colleague.postId,
      kind: 'permanent',
      validFrom: new Date('2020-01-01T00:00:00Z'),
    })
    await buildAbsence(ctx.db, team.lead.personId, new Date(Date.now() - DAY), new Date(Date.now() + DAY))
    const deputy = await signIn(ctx.app, colleague)
    const list = await (await deputy.get('/sachbearbeitung/freigaben')).text()
    expect(list).toContain(`i.V. ${team.lead.postTitle}`)
    // She may read the case whose decision waits for her.
    expect((await deputy.get(`${LIST}/${c.applicationId}`)).status).toBe(200)
    const approve = await deputy.post(`/sachbearbeitung/freigaben/${decision?.id}/freigeben`, {})
    expect(redirectTarget(approve)).toBe('/sachbearbeitung/freigaben?erledigt=freigegeben')
    const approved = await ctx.db
      .selectFrom('decision')
      .selectAll()
      .where('id', '=', decision?.id as string)
      .executeTakeFirstOrThrow()
    expect(approved).toMatchObject({
      status: 'final',
      approved_by: colleague.id,
      approved_acting_kind: 'deputy',
    })
    expect((await caseRow(c.applicationId)).status).toBe('decided')
    const audit = await auditRows('case.decision_approve', c.applicationId)
    expect(audit[0]?.details).toMatchObject({ actingFor: team.lead.postId })
    // A second approval finds nothing waiting.
    expect((await deputy.post(`/sachbearbeitung/freigaben/${decision?.id}/freigeben`, {})).status).toBe(403)
  })

  it('should refuse the author’s own approval even when the author acts for the approving post', async () => {
    const team = await buildTeam(ctx.db, { caseworkers: 0 })
    const c = await readyCase(team.lead.postId)
    const lead = await signIn(ctx.app, team.lead)
    await lead.post(`${LIST}/${c.applicationId}/entscheidung`, grant)
    const [decision] = await ctx.db
      .selectFrom('decision')
      .selectAll()
      .where('application_id', '=', c.applicationId)
      .execute()
    const res = await lead.post(`/sachbearbeitung/freigaben/${decision?.id}/freigeben`, {})
    expect(res.status).toBe(403)
    expect(await res.text()).toContain('Vier-Augen-Prinzip')
    expect((await caseRow(c.applicationId)).status).toBe('ready_for_decision')
  })

  it('should let the approver return a decision with a reason, and record an objection afterwards with its three-month deadline', async () => {
    const team = await buildTeam(ctx.db, { caseworkers: 1 })
    const author = team.caseworkers[0] as StaffWithPost
    const c = await readyCase(author.postId)
    const authorClient = await signIn(ctx.app, author)
    await authorClient.post(`${LIST}/${c.applicationId}/entscheidung`, grant)
    const [first] = await ctx.db
      .selectFrom('decision')
      .selectAll()
      .where('application_id', '=', c.applicationId)
      .execute()
    const lead = await signIn(ctx.app, team.lead)
    const noReason = await lead.post(`/sachbearbeitung/freigaben/${first?.id}/zurueckgeben`, {
      [`grund-${first?.id}`]: '',
    })
    expect(noReason.status).toBe(422)
    const returned = await lead.post(`/sachbearbeitung/freigaben/${first?.id}/zurueckgeben`, {
      [`grund-${first?.id}`]: 'Mehrbedarf prüfen',
    })
    expect(returned.status, await returned.clone().text()).toBe(303)
    expect(
      await ctx.db
        .selectFrom('decision')
        .select(['status', 'return_reason'])
        .where('id', '=', first?.id as string)
        .executeTakeFirst(),
    ).toEqual({
      status: 'returned',
      return_reason: 'Mehrbedarf prüfen',
    })
    await authorClient.post(`${LIST}/${c.applicationId}/entscheidung`, { ...grant, mehrbedarf: '95,71' })
    const second = await ctx.db
      .selectFrom('decision')
      .selectAll()
      .where('application_id', '=', c.applicationId)
      .where('status', '=', 'awaiting_approval')
      .executeTakeFirstOrThrow()
    await lead.post(`/sachbearbeitung/freigaben/${second.id}/freigeben`, {})
    expect((await caseRow(c.applicationId)).status).toBe('decided')

    const received = new Date(Date.now() - 2 * DAY).toISOString().slice(0, 10)
    const [y, m, d] = received.split('-')
    const objection = await authorClient.post(`${LIST}/${c.applicationId}/widerspruch`, {
      eingang: `${d}.${m}.${y}`,
    })
    expect(objection.status).toBe(303)
    const row = await caseRow(c.applicationId)
    expect(row.status).toBe('objection')
    expect(row.next_deadline_kind).toBe('objection')
    const expectedDeadline = new Date(`${received}T12:00:00Z`)
    expectedDeadline.setUTCMonth(expectedDeadline.getUTCMonth() + 3)
    expect(row.next_deadline_at?.toISOString().slice(0, 10)).toBe(expectedDeadline.toISOString().slice(0, 10))
  })
})

describe('workbench: the citizen answers a document request on her status page', () => {
  it('should show the request, refuse a wrong file in German, attach a PDF to the case and put it back in review', async () => {
    const me = await buildStaffWithPost(ctx.db)
    const staff = await signIn(ctx.app, me)
    const receipt = await buildCase(ctx.db, { postId: me.postId })
    const due = new Date(Date.now() + 14 * DAY).toISOString().slice(0, 10)
    const [y, m, d] = due.split('-')
    await staff.post(`${LIST}/${receipt.applicationId}/unterlagen`, {
      beschreibung: 'Kontoauszüge der letzten drei Monate',
      frist: `${d}.${m}.${y}`,
    })
    const [request] = await ctx.db
      .selectFrom('document_request')
      .selectAll()
      .where('application_id', '=', receipt.applicationId)
      .execute()

    const citizen = new TestClient(ctx.app)
    const status = await citizen.post('/antrag/status', {
      reference: receipt.reference,
      accessCode: receipt.accessCode,
    })
    expect(status.status).toBe(200)
    const page = await status.text()
    expect(page).toContain('Angeforderte Unterlagen')
    expect(page).toContain('Kontoauszüge der letzten drei Monate')
    expect(page).toContain(`bis zum ${d}.${m}.${y}`)

    const before = await ctx.db
      .selectFrom('document')
      .select('id')
      .where('application_id', '=', receipt.applicationId)
      .execute()
    const wrong = await citizen.upload(`/antrag/unterlagen/${request?.id}`, {
      name: 'auszug.pdf',
      bytes: new TextEncoder().encode('kein PDF, nur Text'),
    })
    expect(wrong.status).toBe(422)
    expect(await wrong.text()).toContain('<title>Fehler:')
    expect(
      await ctx.db
        .selectFrom('document')
        .select('id')
        .where('application_id', '=', receipt.applicationId)
        .execute(),
    ).toEqual(before)

    const ok = await citizen.upload(`/antrag/unterlagen/${request?.id}`, {
      name: 'Kontoauszug Oktober.pdf',
      bytes: PDF,
    })
    expect(redirectTarget(ok)).toMatch(/^\/antrag\/status\/ansicht\?hochgeladen=/)
    expect(await (await citizen.get(redirectTarget(ok))).text()).toContain(
      'ist eingegangen und dem Antrag zugeordnet',
    )

    const docs = await ctx.db
      .selectFrom('document')
      .selectAll()
      .where('application_id', '=', receipt.applicationId)
      .execute()
    expect(docs).toHaveLength(before.length + 1)
    expect(docs.at(-1)?.document_request_id).toBe(request?.id)
    const row = await caseRow(receipt.applicationId)
    expect(row.status).toBe('in_review')
    const last = (await history(receipt.applicationId)).at(-1)
    expect(last).toMatchObject({
      from_status: 'documents_requested',
      to_status: 'in_review',
      changed_by: null,
    })
    expect(await auditRows('case.document_upload', receipt.applicationId)).toHaveLength(1)
    const casePage = await (await staff.get(`${LIST}/${receipt.applicationId}`)).text()
    expect(casePage).toContain('Kontoauszug Oktober.pdf öffnen')
    expect(casePage).toContain('erledigt')
  })

  it('should refuse an upload without the receipt cookie and for a request of another case', async () => {
    const me = await buildStaffWithPost(ctx.db)
    const staff = await signIn(ctx.app, me)
    const mine = await buildCase(ctx.db, { postId: me.postId })
    const other = await buildCase(ctx.db, { postId: me.postId })
    await staff.post(`${LIST}/${other.applicationId}/unterlagen`, {
      beschreibung: 'Mietvertrag',
      frist: '01.01.2099',
    })
    const due = new Date(Date.now() + 7 * DAY).toISOString().slice(0, 10).split('-').reverse().join('.')
    await staff.post(`${LIST}/${other.applicationId}/unterlagen`, { beschreibung: 'Mietvertrag', frist: due })
    const [foreign] = await ctx.db
      .selectFrom('document_request')
      .select('id')
      .where('application_id', '=', other.applicationId)
      .execute()
    const stranger = new TestClient(ctx.app)
    expect(
      (await stranger.upload(`/antrag/unterlagen/${foreign?.id}`, { name: 'a.pdf', bytes: PDF })).status,
    ).toBe(404)
    const citizen = new TestClient(ctx.app)
    await citizen.post('/antrag/status', { reference: mine.reference, accessCode: mine.accessCode })
    expect(
      (await citizen.upload(`/antrag/unterlagen/${foreign?.id}`, { name: 'a.pdf', bytes: PDF })).status,
    ).toBe(404)
    expect(
      await ctx.db
        .selectFrom('document')
        .select('id')
        .where('document_request_id', '=', foreign?.id as string)
        .execute(),
    ).toEqual([])
  })
})
