// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  buildAbsence,
  buildHeldPost,
  buildOrgUnit,
  buildPerson,
  ORGANISATION_EPOCH,
  SYSTEM_ACTOR,
} from '../../../test/factories/organisation.factory.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { listAuditEvents } from '../audit/index.js'
import { OrganisationRecordRejectedError, organisationService as org } from './index.js'
import { OrganisationChangeRefusedError, OrganisationRecordNotFoundError } from './organisation.errors.js'

let ctx: TestContext
beforeAll(async () => {
  ctx = await freshTestContext()
})
afterAll(async () => {
  await ctx?.close()
})

const D = new Date('2026-10-01T00:00:00Z')
const before = new Date('2026-09-30T12:00:00Z')
const after = new Date('2026-10-01T12:00:00Z')

async function team() {
  const unit = await buildOrgUnit(ctx.db)
  const lead = await buildHeldPost(ctx.db, unit.id, { isHeadOfUnit: true, title: 'Teamleitung' })
  return { unit, lead }
}

async function rowsOf(
  table: 'post_holding' | 'post' | 'deputy_rule' | 'post_version',
  column: string,
  id: string,
) {
  return ctx.db
    .selectFrom(table)
    .selectAll()
    .where(column as 'id', '=', id)
    .execute()
}

describe('ending records', () => {
  it('should end a holding at a date: the holder acts before it, the team lead from it, and the row is kept', async () => {
    const { unit, lead } = await team()
    const { post, holder } = await buildHeldPost(ctx.db, unit.id)
    const [holding] = await rowsOf('post_holding', 'post_id', post.id)
    await org.endRecord(
      ctx.db,
      { type: 'staff', id: null, requestId: 'req-1' },
      'post_holding',
      holding?.id ?? '',
      D,
    )

    expect(await org.whoActsFor(ctx.db, post.id, before)).toMatchObject({
      kind: 'holder',
      person: { id: holder?.id },
    })
    expect(await org.whoActsFor(ctx.db, post.id, after)).toMatchObject({
      kind: 'unit_head',
      person: { id: lead.holder?.id },
    })
    expect(await rowsOf('post_holding', 'post_id', post.id)).toMatchObject([
      { id: holding?.id, valid_from: ORGANISATION_EPOCH, valid_to: D },
    ])
    expect(await listAuditEvents(ctx.db, { type: 'post_holding', id: holding?.id ?? '' })).toMatchObject([
      { action: 'organisation.post_holding_create' },
      { action: 'organisation.post_holding_end', request_id: 'req-1', details: { validTo: D.toISOString() } },
    ])
    // From D on another person may hold the post; a day earlier overlaps the ended holding.
    const successor = await buildPerson(ctx.db)
    await expect(
      org.assignPostHolder(ctx.db, SYSTEM_ACTOR, {
        postId: post.id,
        personId: successor.id,
        validFrom: before,
      }),
    ).rejects.toBeInstanceOf(OrganisationRecordRejectedError)
    await org.assignPostHolder(ctx.db, SYSTEM_ACTOR, {
      postId: post.id,
      personId: successor.id,
      validFrom: D,
    })
    expect(await org.whoActsFor(ctx.db, post.id, after)).toMatchObject({ person: { id: successor.id } })
  })

  it('should refuse to move an end later, to end before the start or at it, and leave everything as it was', async () => {
    const { unit } = await team()
    const { post } = await buildHeldPost(ctx.db, unit.id)
    const [holding] = await rowsOf('post_holding', 'post_id', post.id)
    const id = holding?.id ?? ''
    await org.endRecord(ctx.db, SYSTEM_ACTOR, 'post_holding', id, D)
    for (const at of [
      new Date('2026-12-01T00:00:00Z'),
      D,
      ORGANISATION_EPOCH,
      new Date('2019-01-01T00:00:00Z'),
    ]) {
      await expect(org.endRecord(ctx.db, SYSTEM_ACTOR, 'post_holding', id, at)).rejects.toMatchObject({
        refusal: 'not_in_force',
        status: 422,
      })
    }
    expect(await rowsOf('post_holding', 'id', id)).toMatchObject([{ valid_to: D }])
    const events = await listAuditEvents(ctx.db, { type: 'post_holding', id })
    expect(events.map((e) => e.action)).toEqual([
      'organisation.post_holding_create',
      'organisation.post_holding_end',
    ])
    await expect(
      org.endRecord(ctx.db, SYSTEM_ACTOR, 'absence', '00000000-0000-4000-8000-000000000000', D),
    ).rejects.toBeInstanceOf(OrganisationRecordNotFoundError)
    await expect(org.endRecord(ctx.db, SYSTEM_ACTOR, 'absence', 'kein-schluessel', D)).rejects.toBeInstanceOf(
      OrganisationRecordNotFoundError,
    )
  })

  it('should refuse to end a unit that still has posts after the date, and end it once they are ended', async () => {
    const { unit, lead } = await team()
    const error = await org.endRecord(ctx.db, SYSTEM_ACTOR, 'org_unit', unit.id, D).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OrganisationChangeRefusedError)
    expect(error).toMatchObject({ refusal: 'unit_in_use', messageKey: 'organisation.error.unit_in_use' })
    await org.endRecord(ctx.db, SYSTEM_ACTOR, 'post', lead.post.id, D)
    await org.endRecord(ctx.db, SYSTEM_ACTOR, 'org_unit', unit.id, D)
    const pastView = await org.loadOrganisationAt(ctx.db, before)
    const nowView = await org.loadOrganisationAt(ctx.db, after)
    expect(pastView.units.map((u) => u.id)).toContain(unit.id)
    expect(pastView.posts.map((p) => p.id)).toContain(lead.post.id)
    expect(nowView.units.map((u) => u.id)).not.toContain(unit.id)
    expect(nowView.posts.map((p) => p.id)).not.toContain(lead.post.id)
  })

  it('should end a post together with its holding and its deputy rules, and refuse while a later holding is planned', async () => {
    const { unit } = await team()
    const a = await buildHeldPost(ctx.db, unit.id)
    const b = await buildHeldPost(ctx.db, unit.id)
    await org.addDeputyRule(ctx.db, SYSTEM_ACTOR, {
      postId: a.post.id,
      deputyPostId: b.post.id,
      kind: 'permanent',
      validFrom: ORGANISATION_EPOCH,
    })
    await org.addDeputyRule(ctx.db, SYSTEM_ACTOR, {
      postId: b.post.id,
      deputyPostId: a.post.id,
      kind: 'chain',
      position: 1,
      validFrom: ORGANISATION_EPOCH,
    })
    const result = await org.endRecord(ctx.db, SYSTEM_ACTOR, 'post', b.post.id, D)
    expect(result.ended).toBe(3)
    expect(await rowsOf('post_holding', 'post_id', b.post.id)).toMatchObject([{ valid_to: D }])
    expect(await rowsOf('deputy_rule', 'post_id', a.post.id)).toMatchObject([{ valid_to: D }])
    expect(await rowsOf('deputy_rule', 'post_id', b.post.id)).toMatchObject([{ valid_to: D }])

    const c = await buildHeldPost(ctx.db, unit.id, { vacant: true })
    const later = await buildPerson(ctx.db)
    await org.assignPostHolder(ctx.db, SYSTEM_ACTOR, {
      postId: c.post.id,
      personId: later.id,
      validFrom: new Date('2026-11-01T00:00:00Z'),
    })
    await expect(org.endRecord(ctx.db, SYSTEM_ACTOR, 'post', c.post.id, D)).rejects.toMatchObject({
      refusal: 'planned_records',
    })
    expect(await rowsOf('post', 'id', c.post.id)).toMatchObject([{ valid_to: null }])
  })

  it('should record and end an absence, so that the deputy acts only during it', async () => {
    const { unit } = await team()
    const a = await buildHeldPost(ctx.db, unit.id)
    const b = await buildHeldPost(ctx.db, unit.id)
    await org.addDeputyRule(ctx.db, SYSTEM_ACTOR, {
      postId: a.post.id,
      deputyPostId: b.post.id,
      kind: 'permanent',
      validFrom: ORGANISATION_EPOCH,
    })
    const absence = await buildAbsence(ctx.db, a.holder?.id ?? '', new Date('2026-09-01T00:00:00Z'), null)
    expect(await org.whoActsFor(ctx.db, a.post.id, after)).toMatchObject({
      kind: 'deputy',
      person: { id: b.holder?.id },
      path: [a.post.id, b.post.id],
    })
    await org.endRecord(ctx.db, SYSTEM_ACTOR, 'absence', absence.id, D)
    expect(await org.whoActsFor(ctx.db, a.post.id, before)).toMatchObject({ kind: 'deputy' })
    expect(await org.whoActsFor(ctx.db, a.post.id, after)).toMatchObject({
      kind: 'holder',
      person: { id: a.holder?.id },
    })
  })
})

describe('changing a post from a date', () => {
  it('should keep the post id and show the old attributes before the date and the new ones from it', async () => {
    const { unit } = await team()
    const { post } = await buildHeldPost(ctx.db, unit.id, { title: 'Sachbearbeitung GruSi' })
    await org.changePost(ctx.db, SYSTEM_ACTOR, post.id, D, {
      title: 'Sachbearbeitung GruSi und HLU',
      fte: 0.5,
      taskArea: 'Grundsicherung, HLU',
      signingLevel: 'team',
      signingLimitCents: 500_000,
    })
    const old = (await org.loadOrganisationAt(ctx.db, before)).posts.find((p) => p.id === post.id)
    const changed = (await org.loadOrganisationAt(ctx.db, after)).posts.find((p) => p.id === post.id)
    expect(old).toMatchObject({ title: 'Sachbearbeitung GruSi', fte: 1, signingLevel: 'none' })
    expect(changed).toMatchObject({
      title: 'Sachbearbeitung GruSi und HLU',
      fte: 0.5,
      taskArea: 'Grundsicherung, HLU',
      signingLevel: 'team',
      signingLimitCents: 500_000,
    })
    // A second change from a later date ends the first; one from an earlier date would rewrite it.
    const nov = new Date('2026-11-01T00:00:00Z')
    await org.changePost(ctx.db, SYSTEM_ACTOR, post.id, nov, {
      title: 'Sachbearbeitung HLU',
      fte: 0.75,
      taskArea: null,
      signingLevel: 'none',
      signingLimitCents: null,
    })
    expect(await rowsOf('post_version', 'post_id', post.id)).toMatchObject([
      { valid_from: D, valid_to: nov },
      { valid_from: nov, valid_to: null },
    ])
    await expect(
      org.changePost(ctx.db, SYSTEM_ACTOR, post.id, before, {
        title: 'zu früh',
        fte: 1,
        taskArea: null,
        signingLevel: 'none',
        signingLimitCents: null,
      }),
    ).rejects.toMatchObject({ refusal: 'planned_records' })
    await expect(
      org.changePost(ctx.db, SYSTEM_ACTOR, post.id, D, {
        title: 'ungültig',
        fte: 1.5,
        taskArea: null,
        signingLevel: 'none',
        signingLimitCents: null,
      }),
    ).rejects.toMatchObject({ status: 422 })
    expect(await rowsOf('post', 'id', post.id)).toMatchObject([
      { title: 'Sachbearbeitung GruSi', fte: '1.00' },
    ])
    const events = await listAuditEvents(ctx.db, { type: 'post', id: post.id })
    expect(events.map((e) => e.action)).toEqual([
      'organisation.post_create',
      'organisation.post_change',
      'organisation.post_change',
    ])
  })
})
