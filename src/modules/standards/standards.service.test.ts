// SPDX-License-Identifier: EUPL-1.2
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildStaffUser } from '../../../test/factories/applications.factory.js'
import {
  buildAbsence,
  buildOrgUnit,
  buildPost,
  SYSTEM_ACTOR,
} from '../../../test/factories/organisation.factory.js'
import { buildStaffHoldingPost, sampleSteps } from '../../../test/factories/standards.factory.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import type { StaffPrincipal } from '../../http/context.js'
import { todayIso } from '../../shared/dates.js'
import { listAuditEvents } from '../audit/index.js'
import { organisationService } from '../organisation/index.js'
import { serializeExchangeFile } from './standards.exchange.js'
import * as service from './standards.service.js'

let ctx: TestContext
let author: StaffPrincipal
let approver: StaffPrincipal
let deputy: StaffPrincipal
let approverPersonId: string
let approverPostId: string

function principal(user: Awaited<ReturnType<typeof buildStaffUser>>): StaffPrincipal {
  return { id: user.id, username: user.username, displayName: user.displayName, role: user.role }
}

const DAY = 86_400_000

beforeAll(async () => {
  ctx = await freshTestContext()
  const unit = await buildOrgUnit(ctx.db, { kind: 'department', name: 'Grundsicherung' })
  const headPost = await buildPost(ctx.db, unit.id, { title: 'Abteilungsleitung', isHeadOfUnit: true })
  const deputyPost = await buildPost(ctx.db, unit.id, { title: 'Stellv. Abteilungsleitung' })
  await organisationService.addDeputyRule(ctx.db, SYSTEM_ACTOR, {
    postId: headPost.id,
    deputyPostId: deputyPost.id,
    kind: 'permanent',
    validFrom: new Date('2020-01-01T00:00:00Z'),
  })
  const head = await buildStaffHoldingPost(ctx.db, headPost.id, {
    role: 'department_head',
    displayName: 'Hanna Haupt',
  })
  const dep = await buildStaffHoldingPost(ctx.db, deputyPost.id, { displayName: 'Volker Vertretung' })
  approver = head.principal
  approverPersonId = head.person.id
  deputy = dep.principal
  approverPostId = headPost.id
  author = principal(await buildStaffUser(ctx.db, { role: 'team_lead' }))
})

afterAll(async () => {
  await ctx?.close()
})

async function standardInReview(key: string) {
  await service.createStandard(ctx.db, author, {
    key,
    title: `Standard ${key}`,
    approverPostId,
    steps: sampleSteps(),
  })
  await service.submitForReview(ctx.db, author, key, 1)
}

describe('standards lifecycle', () => {
  it('should go draft → in_review → approved → published and then be in force and immutable', async () => {
    await standardInReview('erstantrag')
    const approved = await service.approveVersion(ctx.db, approver, 'erstantrag', 1)
    expect(approved).toMatchObject({
      status: 'approved',
      approvedBy: approver.id,
      approvedByName: 'Hanna Haupt',
      approvedOnBehalf: false,
    })
    const today = todayIso()
    await service.publishVersion(ctx.db, author, 'erstantrag', 1, today)
    const inForce = await service.getVersionInForce(ctx.db, 'erstantrag', new Date())
    expect(inForce?.version).toBe(1)
    expect(inForce?.steps[0]?.items[1]?.evidenceRequired).toBe(true)

    await expect(
      service.updateDraft(ctx.db, author, 'erstantrag', 1, { steps: sampleSteps(), changeNote: 'x' }),
    ).rejects.toMatchObject({ refusal: 'published_immutable', status: 409 })
    // Even a direct write is refused by the database.
    await expect(
      sql`update process_standard_version set change_note = 'heimlich' where version = 1`.execute(ctx.db),
    ).rejects.toThrow(/immutable/)
    await expect(sql`delete from process_standard_version`.execute(ctx.db)).rejects.toThrow(/immutable/)

    const events = await listAuditEvents(ctx.db, { type: 'process_standard_version', id: approved.id })
    expect(events.map((e) => e.action)).toEqual([
      'standard.version_submit',
      'standard.version_approve',
      'standard.version_publish',
    ])
  })

  it('should let a deputy approve while the approver is absent, and record i.V.', async () => {
    await standardInReview('widerspruch')
    await buildAbsence(ctx.db, approverPersonId, new Date(Date.now() - DAY), new Date(Date.now() + DAY))
    await expect(service.approveVersion(ctx.db, approver, 'widerspruch', 1)).rejects.toMatchObject({
      refusal: 'not_acting_for_approver',
      status: 403,
    })
    const approved = await service.approveVersion(ctx.db, deputy, 'widerspruch', 1)
    expect(approved).toMatchObject({
      status: 'approved',
      approvedBy: deputy.id,
      approvedByName: 'Volker Vertretung',
      approvedOnBehalf: true,
      approvedForPostId: approverPostId,
    })
    const events = await listAuditEvents(ctx.db, { type: 'process_standard_version', id: approved.id })
    expect(events.at(-1)?.details).toMatchObject({ actingKind: 'deputy', onBehalf: true })
    // After the absence the holder acts again and the deputy may no longer approve.
    await standardInReview('weiterbewilligung')
    await expect(
      service.approveVersion(ctx.db, deputy, 'weiterbewilligung', 1, new Date(Date.now() + 2 * DAY)),
    ).rejects.toMatchObject({ refusal: 'not_acting_for_approver' })
  })

  it('should refuse the four-eyes violation, caseworkers, a past valid-from date and a second open version', async () => {
    await service.createStandard(ctx.db, approver, {
      key: 'eigene-freigabe',
      title: 'Eigene Freigabe',
      approverPostId,
      steps: sampleSteps(),
    })
    await service.submitForReview(ctx.db, approver, 'eigene-freigabe', 1)
    await expect(
      service.approveVersion(ctx.db, approver, 'eigene-freigabe', 1, new Date(Date.now() + 3 * DAY)),
    ).rejects.toMatchObject({ refusal: 'four_eyes' })
    await expect(service.createDraftVersion(ctx.db, author, 'eigene-freigabe')).rejects.toMatchObject({
      refusal: 'open_version_exists',
    })

    const caseworker = principal(await buildStaffUser(ctx.db, { role: 'caseworker' }))
    await expect(service.createDraftVersion(ctx.db, caseworker, 'erstantrag')).rejects.toMatchObject({
      refusal: 'not_editor',
      status: 403,
    })

    const v2 = await service.createDraftVersion(ctx.db, author, 'erstantrag')
    expect(v2.version).toBe(2)
    await service.updateDraft(ctx.db, author, 'erstantrag', 2, {
      steps: sampleSteps({ deadlineDays: 5 }),
      changeNote: 'Frist verlängert',
    })
    await service.submitForReview(ctx.db, author, 'erstantrag', 2)
    await service.approveVersion(ctx.db, approver, 'erstantrag', 2, new Date(Date.now() + 3 * DAY))
    const yesterday = todayIso(new Date(Date.now() - DAY))
    await expect(service.publishVersion(ctx.db, author, 'erstantrag', 2, yesterday)).rejects.toMatchObject({
      refusal: 'valid_from_in_past',
    })
    const tomorrow = todayIso(new Date(Date.now() + DAY))
    await service.publishVersion(ctx.db, author, 'erstantrag', 2, tomorrow)
    // A case that starts today follows version 1; one that starts tomorrow follows version 2.
    expect((await service.getVersionInForce(ctx.db, 'erstantrag', new Date()))?.version).toBe(1)
    expect(
      (await service.getVersionInForce(ctx.db, 'erstantrag', new Date(Date.now() + 2 * DAY)))?.steps[0]
        ?.deadlineDays,
    ).toBe(5)
  })
})

describe('import and export', () => {
  let admin: StaffPrincipal
  beforeAll(async () => {
    admin = principal(await buildStaffUser(ctx.db, { role: 'administrator' }))
  })

  it('should export as YAML and import it back as a new draft version', async () => {
    const file = await service.exportStandards(ctx.db, ['erstantrag'])
    expect(file.notice).toContain('Rechtliche Prüfung')
    const renamed = serializeExchangeFile(
      { ...file, standards: file.standards.map((s) => ({ ...s, key: 'erstantrag-kopie' })) },
      'yaml',
    )
    const result = await service.importStandards(ctx.db, admin, renamed)
    expect(result).toEqual({ ok: true, imported: [{ key: 'erstantrag-kopie', version: 1, created: true }] })
    const copy = await service.getStandard(ctx.db, 'erstantrag-kopie')
    expect(copy.versions).toHaveLength(1)
    expect(copy.versions[0]?.status).toBe('draft')
    expect(copy.versions[0]?.steps).toEqual(
      (await service.getStandard(ctx.db, 'erstantrag')).versions[0]?.steps,
    )
  })

  it('should change nothing when a file is invalid or one standard cannot be imported', async () => {
    const before = await ctx.db.selectFrom('process_standard_version').select('id').execute()
    const invalid = await service.importStandards(
      ctx.db,
      admin,
      'format: lotse-standards/1\nstandards:\n  - key: neu\n    title: Neu\n    steps: []\n',
    )
    expect(invalid).toEqual({
      ok: false,
      errors: [{ line: 5, column: 12, message: 'standards[1].steps muss mindestens 1 Einträge haben.' }],
    })
    // The first standard is new, the second (eigene-freigabe) still has a version in review: all or nothing.
    const file = serializeExchangeFile(
      {
        format: 'lotse-standards/1',
        standards: [
          { key: 'ganz-neu', title: 'Ganz neu', steps: sampleSteps() },
          { key: 'eigene-freigabe', title: 'Eigene Freigabe', steps: sampleSteps() },
        ],
      },
      'json',
    )
    await expect(service.importStandards(ctx.db, admin, file)).rejects.toMatchObject({
      refusal: 'open_version_exists',
    })
    const after = await ctx.db.selectFrom('process_standard_version').select('id').execute()
    expect(after).toHaveLength(before.length)
    expect(await ctx.db.selectFrom('process_standard').where('key', '=', 'ganz-neu').execute()).toEqual([])
  })

  it('should let only administrators import', async () => {
    await expect(service.importStandards(ctx.db, author, 'x')).rejects.toMatchObject({
      refusal: 'not_importer',
    })
  })
})
