// SPDX-License-Identifier: EUPL-1.2
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApplication, buildStaffUser } from '../../../test/factories/applications.factory.js'
import { buildCase } from '../../../test/factories/cases.factory.js'
import { buildInterimPlan } from '../../../test/factories/organisation.factory.js'
import { buildSite, buildStay } from '../../../test/factories/providers.factory.js'
import { pdftotext } from '../../../test/support/pdf-text.js'
import { signIn } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import type { TestClient } from '../../../test/support/test-client.js'
import { occupancyByMonth } from '../accommodation/occupancy.js'
import type { MonthFigures } from './key-figures.js'
import * as service from './reports.service.js'
import { computeMonths, takeSnapshot } from './snapshots.service.js'

const NORM = { min: 150, max: 180 }
const NOW = new Date('2026-11-26T10:00:00Z')
const system = { type: 'system' as const, id: null }

let ctx: TestContext
let office: TestClient
let officeUser: Awaited<ReturnType<typeof buildStaffUser>>
let changedStayId: string

/** The alternative texts of the Figure elements of a tagged PDF's structure tree. */
async function figureAlts(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes)
  const resolve = (v: unknown) => (v instanceof PDFRef ? doc.context.lookup(v) : v)
  const out: string[] = []
  const walk = (node: unknown) => {
    const element = resolve(node)
    if (element instanceof PDFArray) {
      element.asArray().forEach(walk)
      return
    }
    if (!(element instanceof PDFDict)) {
      return
    }
    const alt = element.get(PDFName.of('Alt'))
    if (
      element.get(PDFName.of('S'))?.toString() === '/Figure' &&
      (alt instanceof PDFString || alt instanceof PDFHexString)
    ) {
      out.push(alt.decodeText())
    }
    walk(element.get(PDFName.of('K')))
  }
  walk((resolve(doc.catalog.get(PDFName.of('StructTreeRoot'))) as PDFDict).get(PDFName.of('K')))
  return out
}

async function caseId(): Promise<string> {
  return (await buildApplication(ctx.db)).applicationId
}

/**
 * Three sites at the reporting date 31.10.2026: "Haus Am See" (capacity 10) with 5 residents — one more moved
 * out on 31.10. (free again that day) and one moves in on 1.11. (not counted); "Haus Birke" (capacity 4) with
 * 2 residents (a small count); "Haus Linde" (capacity 6), empty.
 */
beforeAll(async () => {
  ctx = await freshTestContext()
  const { db } = ctx
  await buildInterimPlan(db)
  officeUser = await buildStaffUser(db, { role: 'division_head', displayName: 'Büro Bereichsleitung' })
  office = await signIn(ctx.app, officeUser)
  // Key figures need at least one case of a benefit type (the report model has no empty-month form).
  for (const day of ['2026-07-10', '2026-08-10', '2026-10-10']) {
    await buildCase(db, { submittedAt: new Date(`${day}T08:00:00Z`) })
  }

  const see = await buildSite(db, { name: 'Haus Am See', capacity: 10 })
  const birke = await buildSite(db, { name: 'Haus Birke', capacity: 4 })
  await buildSite(db, { name: 'Haus Linde', capacity: 6 })
  const place = (site: { places: Array<{ id: string }> }, i: number) => site.places[i]?.id ?? ''
  for (let i = 0; i < 5; i++) {
    const stay = await buildStay(db, see, place(see, i), await caseId(), `2026-09-0${i + 1}`)
    if (i === 0) {
      changedStayId = stay.id
    }
  }
  await buildStay(db, see, place(see, 5), await caseId(), '2026-08-01', '2026-10-31')
  await buildStay(db, see, place(see, 6), await caseId(), '2026-11-01')
  await buildStay(db, birke, place(birke, 0), await caseId(), '2026-10-01')
  await buildStay(db, birke, place(birke, 1), await caseId(), '2026-07-15', '2026-11-15')

  // A snapshot of August as it was stored before occupancy became part of the snapshot (schema 1).
  const [august] = await computeMonths(db, ['2026-08'], NORM)
  const { occupancy: _dropped, ...old } = august as MonthFigures
  await db
    .insertInto('report_snapshot')
    .values({ month: '2026-08', sequence: 1, figures: JSON.stringify({ ...old, schema: 1 }), note: null })
    .execute()
})

afterAll(async () => {
  await ctx.close()
})

describe('occupancy in the monthly snapshot', () => {
  it('should store capacity, occupied places and rate per site and in total at the month end', async () => {
    const snapshot = await takeSnapshot(ctx.db, system, { month: '2026-10', norm: NORM }, NOW)
    expect(snapshot.figures.schema).toBe(2)
    const occupancy = snapshot.figures.occupancy
    expect(occupancy).toMatchObject({ reportingDate: '2026-10-31', capacity: 20, occupied: 7, rate: 0.35 })
    expect(occupancy?.sites.map((s) => [s.name, s.capacity, s.occupied])).toEqual([
      ['Haus Am See', 10, 5],
      ['Haus Birke', 4, 2],
      ['Haus Linde', 6, 0],
    ])
    // The same count as the accommodation module's own figures.
    const [live] = await occupancyByMonth(ctx.db, '2026-10', '2026-10')
    expect(live).toMatchObject({ occupied: 7, capacity: 20 })
  })

  it('should keep a stored snapshot unchanged when stays change later', async () => {
    const before = await ctx.db
      .selectFrom('report_snapshot')
      .select(['figures'])
      .where('month', '=', '2026-10')
      .where('sequence', '=', 1)
      .executeTakeFirstOrThrow()
    // Recorded later: a resident of Haus Am See had moved out on 20.10., and the site got more capacity.
    await ctx.db
      .updateTable('accommodation_stay')
      .set({ moved_out: '2026-10-20' })
      .where('id', '=', changedStayId)
      .execute()
    // The capacity is dated (ADR 0031): 12 places from 1.10., recorded later.
    const see = await ctx.db
      .selectFrom('accommodation_site')
      .select('id')
      .where('name', '=', 'Haus Am See')
      .executeTakeFirstOrThrow()
    // The site was registered (first version) today; its 10 places were there since the start of the year.
    await ctx.db
      .updateTable('accommodation_capacity')
      .set({ valid_from: '2026-01-01' })
      .where('site_id', '=', see.id)
      .execute()
    await ctx.db
      .insertInto('accommodation_capacity')
      .values({ site_id: see.id, valid_from: '2026-10-01', capacity: 12 })
      .execute()
    const [recomputed] = await computeMonths(ctx.db, ['2026-10'], NORM)
    expect(recomputed?.occupancy).toMatchObject({ capacity: 22, occupied: 6 })
    // September keeps the capacity valid then.
    const [september] = await computeMonths(ctx.db, ['2026-09'], NORM)
    expect(september?.occupancy).toMatchObject({ capacity: 20 })

    const after = await ctx.db
      .selectFrom('report_snapshot')
      .select(['figures'])
      .where('month', '=', '2026-10')
      .where('sequence', '=', 1)
      .executeTakeFirstOrThrow()
    expect(after.figures).toEqual(before.figures)
    expect((after.figures as MonthFigures).occupancy).toMatchObject({ capacity: 20, occupied: 7 })
  })
})

describe('occupancy section of the committee report', () => {
  let reportId: string

  it('should render the section from the snapshot with small counts suppressed', async () => {
    const draft = await service.createDraft(ctx.db, officeUser, '2026-10', NORM, NOW)
    reportId = draft.id
    const { model } = await service.loadReport(ctx.db, reportId)
    const occupancy = model.sections.find((s) => s.id === 'unterbringung')
    expect(occupancy?.title).toBe('6. Unterbringung in Gemeinschaftsunterkünften')
    const sites = occupancy?.tables.find((t) => t.id === 'belegung-unterkuenfte')
    // Haus Birke's 2 residents are a small count; Haus Am See is hidden too (else total − others = 2).
    expect(sites?.rows.map((r) => [r.label, ...r.cells])).toEqual([
      ['Haus Am See', '10', '.', '.'],
      ['Haus Birke', '4', '.', '.'],
      ['Haus Linde', '6', '0', '0,0 %'],
      ['Insgesamt', '20', '7', '35,0 %'],
    ])
    const months = occupancy?.tables.find((t) => t.id === 'belegung-monate')
    expect(months?.rows.find((r) => r.label === 'Okt. 2026')?.cells).toEqual(['7', '20', '35,0 %'])
    // Months without a snapshot got theirs when the draft was made, with the capacity valid then (20 places
    // before the 12-place version from 1.10.; ADR 0031).
    expect(months?.rows.find((r) => r.label === 'Sept. 2026')?.cells).toEqual(['7', '20', '35,0 %'])
    // July: only Haus Birke's stay from 15.7. (1 resident) — suppressed with its rate.
    expect(months?.rows.find((r) => r.label === 'Juli 2026')?.cells).toEqual(['.', '20', '.'])
    // August was stored before occupancy was part of the snapshot: no figures, not zeros.
    expect(months?.rows.find((r) => r.label === 'Aug. 2026')?.cells).toEqual(['–', '–', '–'])
    const chart = occupancy?.charts[0]
    expect(chart?.kind === 'bars' && chart.series[0]?.points.at(-1)).toEqual({ value: 7, text: '7' })
    expect(chart?.kind === 'bars' && chart.series[0]?.points.at(-4)).toEqual({ value: null, text: '.' })

    const page = await office.get(`/berichte/${reportId}`)
    const html = await page.text()
    expect(page.status).toBe(200)
    expect(html).toContain('6. Unterbringung in Gemeinschaftsunterkünften')
    expect(html).toContain('<desc id="belegung-diagramm-beschreibung">')
    expect(html).toContain('Belegte Plätze und Kapazität je Monat')
    expect(html).toContain('Monate, deren Monatsstand noch keine Belegungszahlen enthält')
    const section = html.slice(html.indexOf('<section aria-labelledby="abschnitt-unterbringung">'))
    expect(section).toContain('<th scope="row">Haus Birke</th><td>4</td><td>.</td><td>.</td>')
    expect(section).toContain('<th scope="row">Insgesamt</th><td>20</td><td>7</td><td>35,0 %</td>')
    expect(section).not.toContain('<td>2</td>')
  })

  it('should print the section in the PDF', async () => {
    const { pdf } = await service.reportPdf(ctx.db, reportId)
    const text = await pdftotext(pdf, ['-layout'])
    expect(text).toContain('6. Unterbringung in Gemeinschaftsunterkünften')
    expect(text).toContain('Belegung je Gemeinschaftsunterkunft am 31.10.2026')
    expect(text).toMatch(/Haus Linde\s+6\s+0\s+0,0 %/)
    expect(text).toMatch(/Haus Birke\s+4\s+\.\s+\./)
    expect(text).toMatch(/Insgesamt\s+20\s+7\s+35,0 %/)
    // The chart is a tagged figure with its title and description as alternative text.
    expect(await figureAlts(pdf)).toContain(
      'Belegte Plätze und Kapazität je Monat. Säulendiagramm: belegte Plätze und Kapazität aller Gemeinschaftsunterkünfte am Monatsende, von November 2025 bis Oktober 2026.',
    )
  })

  it('should say that a snapshot taken before occupancy was recorded has none', async () => {
    const draft = await service.createDraft(ctx.db, officeUser, '2026-08', NORM, NOW)
    const { model } = await service.loadReport(ctx.db, draft.id)
    const section = model.sections.find((s) => s.id === 'unterbringung')
    expect(section?.tables).toEqual([])
    expect(section?.charts).toEqual([])
    expect(section?.notes?.[0]).toContain('enthält keine Belegungszahlen')
    const text = await pdftotext((await service.reportPdf(ctx.db, draft.id)).pdf)
    expect(text.replace(/\s+/g, ' ')).toContain(
      'Der Monatsstand August 2026 wurde erstellt, bevor die Unterbringung',
    )
  })
})
