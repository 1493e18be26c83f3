// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildStaffUser } from '../../../test/factories/applications.factory.js'
import { buildComplaint, setCategoryUnit } from '../../../test/factories/complaints.factory.js'
import { buildInterimPlan } from '../../../test/factories/organisation.factory.js'
import { signIn } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import type { StaffPrincipal } from '../../http/context.js'
import { buildComplaintReport, monthsOf, parsePeriod } from './complaints.reports.js'

let ctx: TestContext
let coordinatorUser: Awaited<ReturnType<typeof buildStaffUser>>
let coordinator: StaffPrincipal

/** A complaint received at `received`, acknowledged and answered after the given hours, with a root cause. */
async function complaint(
  category: string,
  received: string,
  opts: { ackHours?: number; answerHours?: number; rootCause?: string } = {},
) {
  const { id } = await buildComplaint(ctx.deps, { categoryCode: category, receivedAt: new Date(received) })
  const at = (h: number | undefined) =>
    h === undefined ? null : new Date(new Date(received).getTime() + h * 3_600_000)
  await ctx.db
    .updateTable('complaint')
    .set({
      acknowledged_at: at(opts.ackHours),
      answered_at: at(opts.answerHours),
      status:
        opts.answerHours === undefined
          ? opts.ackHours === undefined
            ? 'received'
            : 'acknowledged'
          : 'answered',
      root_cause: (opts.rootCause as 'process' | undefined) ?? null,
    })
    .where('id', '=', id)
    .execute()
}

beforeAll(async () => {
  ctx = await freshTestContext()
  const plan = await buildInterimPlan(ctx.db)
  await setCategoryUnit(ctx.db, 'processing_time', plan.units.grusiTeam.id)
  await setCategoryUnit(ctx.db, 'reachability', plan.units.hluDept.id)
  coordinatorUser = await buildStaffUser(ctx.db, { role: 'complaints_coordinator' })
  coordinator = {
    id: coordinatorUser.id,
    username: coordinatorUser.username,
    displayName: 'K',
    role: 'complaints_coordinator',
  }
  // January: two processing time (one answered in time after 2 days, one late after 30 days), one reachability.
  await complaint('processing_time', '2026-01-05T09:00:00Z', {
    ackHours: 24,
    answerHours: 48,
    rootCause: 'staff_shortage',
  })
  await complaint('processing_time', '2026-01-20T09:00:00Z', {
    ackHours: 72,
    answerHours: 720,
    rootCause: 'staff_shortage',
  })
  await complaint('reachability', '2026-01-31T23:30:00Z', { ackHours: 48 }) // 00:30 on 1 February in Berlin
  await complaint('reachability', '2026-03-02T09:00:00Z', {
    ackHours: 120,
    answerHours: 96,
    rootCause: 'communication',
  })
  // Outside the period.
  await complaint('other', '2025-12-31T10:00:00Z')
})
afterAll(async () => {
  await ctx.close()
})

describe('complaint reports', () => {
  it('should list the months of a period and fall back to the last twelve months for bad input', () => {
    expect(monthsOf({ from: '2025-11', to: '2026-02' })).toEqual(['2025-11', '2025-12', '2026-01', '2026-02'])
    expect(parsePeriod('2026-03', '2026-01', new Date('2026-11-26T10:00:00Z'))).toEqual({
      from: '2025-12',
      to: '2026-11',
    })
    expect(parsePeriod('2026-13', '2026-14', new Date('2026-11-26T10:00:00Z'))).toEqual({
      from: '2025-12',
      to: '2026-11',
    })
    expect(parsePeriod('2026-01', '2026-03')).toEqual({ from: '2026-01', to: '2026-03' })
  })

  it('should count per category, unit and Berlin month, share in time, medians and root causes', async () => {
    const report = await buildComplaintReport(ctx.db, coordinator, { from: '2026-01', to: '2026-03' }, null)
    expect(report.months).toEqual(['2026-01', '2026-02', '2026-03'])
    expect(report.byCategory).toEqual([
      { label: 'Bearbeitungsdauer', counts: { '2026-01': 2 }, total: 2 },
      { label: 'Erreichbarkeit', counts: { '2026-02': 1, '2026-03': 1 }, total: 2 },
    ])
    expect(report.byUnit.map((u) => [u.label, u.total])).toEqual([
      ['2.500.11 Grundsicherung A–K', 2],
      ['2.500.2 Hilfe zum Lebensunterhalt und AsylbLG', 2],
    ])
    // Answered: 3; in time: the 2-day and the 4-day answer (14 working days); the 30-day one is late.
    expect(report.figures).toEqual({
      received: 4,
      answered: 3,
      answeredInTime: 2,
      shareInTime: 2 / 3,
      medianDaysToAck: 2.5,
      medianDaysToAnswer: 4,
    })
    expect(report.rootCauses).toEqual([
      { rootCause: 'staff_shortage', count: 2 },
      { rootCause: 'communication', count: 1 },
    ])
  })

  it('should render accessible SVG charts with the tables as text alternative, and refuse caseworkers', async () => {
    const client = await signIn(ctx.app, coordinatorUser)
    const res = await client.get('/beschwerden/auswertung?von=2026-01&bis=2026-03')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('role="img" aria-labelledby="chart-categories-title chart-categories-desc"')
    expect(html).toContain('<title id="chart-categories-title">Beschwerden nach Kategorie</title>')
    expect(html).toContain('Bearbeitungsdauer: 2; Erreichbarkeit: 2')
    expect(html).toContain('<caption class="kern-title">Beschwerden nach Kategorie und Monat</caption>')
    expect(html).toContain('66,7 %')
    expect(html).toContain('2,5 Tage')
    expect(html).toContain('Personalmangel')
    const caseworker = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'caseworker' }))
    expect((await caseworker.get('/beschwerden/auswertung')).status).toBe(403)
  })

  it('should download each table as semicolon-separated CSV with a byte order mark', async () => {
    const client = await signIn(ctx.app, coordinatorUser)
    const res = await client.get('/beschwerden/auswertung.csv?tabelle=kategorien&von=2026-01&bis=2026-03')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toContain('beschwerden-kategorien-2026-01-2026-03.csv')
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer())
    expect(text.split('\r\n')).toEqual([
      '\ufeffBezeichnung;2026-01;2026-02;2026-03;Gesamt',
      'Bearbeitungsdauer;2;0;0;2',
      'Erreichbarkeit;0;1;1;2',
      '',
    ])
    const figures = await (
      await client.get('/beschwerden/auswertung.csv?tabelle=kennzahlen&von=2026-01&bis=2026-03')
    ).text()
    expect(figures).toContain('Anteil fristgerecht beantwortet;0,667')
  })
})
