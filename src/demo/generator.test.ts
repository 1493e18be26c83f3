// SPDX-License-Identifier: EUPL-1.2
import { createHash } from 'node:crypto'
import { fileTypeFromBuffer } from 'file-type'
import { isValidIBAN } from 'ibantools'
import { PDFDocument } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshTestContext, type TestContext } from '../../test/support/test-app.js'
import { isStepComplete, readStep, stepValues } from '../modules/applications/form/form.engine.js'
import type { FormAnswers } from '../modules/applications/form/form.types.js'
import { grundsicherungForm } from '../modules/applications/index.js'
import { buildDemoApplications, DEMO_FILES, generateDemoApplications, germanIban } from './generator.js'

const COUNT = 500
const SEED = 4711
/** Fixed for the whole file so that two runs can be compared; midnight UTC of today keeps it in the past. */
const NOW = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000)
const DAY_MS = 86_400_000

interface Row {
  id: string
  reference: string
  status: string
  applicant_surname: string
  applicant_given_name: string
  applicant_birth_date: string
  answers: Record<string, unknown>
  access_code_hash: Buffer
  submitted_at: Date
  status_changed_at: Date
}

function loadApplications(ctx: TestContext): Promise<Row[]> {
  return ctx.db
    .selectFrom('application')
    .select([
      'id',
      'reference',
      'status',
      'applicant_surname',
      'applicant_given_name',
      'applicant_birth_date',
      'answers',
      'access_code_hash',
      'submitted_at',
      'status_changed_at',
    ])
    .orderBy('reference')
    .execute()
}

describe('generateDemoApplications', () => {
  let ctx: TestContext
  let rows: Row[]
  const progress: number[] = []

  beforeAll(async () => {
    ctx = await freshTestContext()
    // A batch size that does not divide the count, so that the last batch is a partial one.
    const result = await generateDemoApplications(ctx.db, ctx.deps.fileStore, {
      count: COUNT,
      seed: SEED,
      batchSize: 128,
      now: NOW,
      onProgress: (done) => progress.push(done),
    })
    expect(result.count).toBe(COUNT)
    rows = await loadApplications(ctx)
  })

  afterAll(async () => {
    await ctx?.close()
  })

  it('should store every application with answers each step of the form accepts as they are', () => {
    expect(rows).toHaveLength(COUNT)
    const problems: string[] = []
    for (const row of rows) {
      const answers = row.answers as FormAnswers
      // jsonb keeps keys in its own order, so compare as sets.
      expect(Object.keys(answers).sort()).toEqual(grundsicherungForm.steps.map((s) => s.id).sort())
      for (const step of grundsicherungForm.steps) {
        const stored = answers[step.id]
        if (!isStepComplete(step, stored)) {
          problems.push(`${row.reference} ${step.id}: incomplete`)
          continue
        }
        // Exactly what the form engine itself would store for the same input: no extra or missing keys.
        const reread = readStep(step, stepValues(step, stored).values as Record<string, string>).answers
        try {
          expect(stored).toStrictEqual(reread)
        } catch {
          problems.push(`${row.reference} ${step.id}: ${JSON.stringify(stored)} != ${JSON.stringify(reread)}`)
        }
      }
      const person = answers.person ?? {}
      expect([row.applicant_surname, row.applicant_given_name, row.applicant_birth_date]).toEqual([
        person.surname,
        person.givenName,
        person.birthDate,
      ])
    }
    expect(problems).toEqual([])
  })

  it('should report progress after each committed batch', () => {
    expect(progress).toEqual([128, 256, 384, 500])
  })

  it('should number applications GS-<year>-<7 digits> from the sequence, rising with the submission time', () => {
    const byTime = [...rows].sort((a, b) => a.submitted_at.getTime() - b.submitted_at.getTime())
    expect(byTime.map((r) => r.reference)).toEqual(rows.map((r) => r.reference))
    rows.forEach((row, i) => {
      const year = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', year: 'numeric' }).format(
        row.submitted_at,
      )
      expect(row.reference).toBe(`GS-${year}-${String(i + 1).padStart(7, '0')}`)
    })
  })

  it('should spread submissions over the last 18 months and mix submitted with in_review', () => {
    const inReview = rows.filter((r) => r.status === 'in_review')
    const submitted = rows.filter((r) => r.status === 'submitted')
    expect(inReview.length).toBeGreaterThan(COUNT * 0.5)
    expect(submitted.length).toBeGreaterThan(10)
    for (const row of rows) {
      expect(row.submitted_at.getTime()).toBeLessThanOrEqual(NOW.getTime())
      expect(row.submitted_at.getTime()).toBeGreaterThan(NOW.getTime() - 550 * DAY_MS)
    }
    const times = rows.map((r) => r.submitted_at.getTime())
    const spanDays = (Math.max(...times) - Math.min(...times)) / DAY_MS
    expect(spanDays).toBeGreaterThan(500)
    for (const row of inReview) {
      expect(row.status_changed_at.getTime()).toBeGreaterThan(row.submitted_at.getTime())
      expect(row.status_changed_at.getTime()).toBeLessThanOrEqual(NOW.getTime())
    }
    for (const row of submitted) {
      expect(row.status_changed_at).toEqual(row.submitted_at)
    }
  })

  it('should record a submitted status change for each application and an in_review one where it applies', async () => {
    const changes = await ctx.db
      .selectFrom('application_status_change')
      .select(['application_id', 'from_status', 'to_status', 'changed_at'])
      .execute()
    const inReview = rows.filter((r) => r.status === 'in_review')
    expect(changes).toHaveLength(COUNT + inReview.length)
    const byApp = new Map<string, typeof changes>()
    for (const change of changes) {
      byApp.set(change.application_id, [...(byApp.get(change.application_id) ?? []), change])
    }
    for (const row of rows) {
      const list = byApp.get(row.id) ?? []
      const first = list.find((c) => c.to_status === 'submitted')
      expect(first).toMatchObject({ from_status: null, changed_at: row.submitted_at })
      if (row.status === 'in_review') {
        expect(list.find((c) => c.to_status === 'in_review')).toMatchObject({
          from_status: 'submitted',
          changed_at: row.status_changed_at,
        })
      } else {
        expect(list).toHaveLength(1)
      }
    }
  })

  it('should give about a third of the applications one or two documents whose files the store returns', async () => {
    const documents = await ctx.db
      .selectFrom('document')
      .select([
        'application_id',
        'draft_id',
        'original_name',
        'media_type',
        'size_bytes',
        'sha256',
        'storage_key',
        'uploaded_at',
      ])
      .execute()
    const perApp = new Map<string, number>()
    for (const doc of documents) {
      expect(doc.draft_id).toBeNull()
      perApp.set(doc.application_id ?? '', (perApp.get(doc.application_id ?? '') ?? 0) + 1)
    }
    const ids = new Set(rows.map((r) => r.id))
    for (const [id, n] of perApp) {
      expect(ids.has(id)).toBe(true)
      expect(n).toBeGreaterThanOrEqual(1)
      expect(n).toBeLessThanOrEqual(2)
    }
    expect(perApp.size / COUNT).toBeGreaterThan(0.25)
    expect(perApp.size / COUNT).toBeLessThan(0.42)

    const byKey = new Map(documents.map((d) => [d.storage_key, d]))
    expect(byKey.size).toBe(DEMO_FILES.length)
    for (const [key, doc] of byKey) {
      const bytes = await ctx.deps.fileStore.get(key)
      expect(createHash('sha256').update(bytes).digest()).toEqual(doc.sha256)
      expect(bytes.byteLength).toBe(doc.size_bytes)
      expect((await fileTypeFromBuffer(bytes))?.mime).toBe(doc.media_type)
      if (doc.media_type === 'application/pdf') {
        const pdf = await PDFDocument.load(bytes)
        expect(pdf.getPageCount()).toBe(1)
        // Umlauts as single WinAnsi bytes in the page text, which Helvetica shows as ä, ö, ü, ß.
        expect(Buffer.from(bytes).toString('latin1')).toMatch(/[äöüßÄÖÜ]/)
      }
    }
  })

  it('should create plausible people: umlauts, names from several languages, Lübeck addresses, valid IBANs', () => {
    const people = rows.map((r) => (r.answers as FormAnswers).person ?? {})
    const text = people.map((p) => `${p.givenName} ${p.surname} ${p.street}`).join('\n')
    expect(text).toMatch(/[äöüÄÖÜß]/)
    expect(text).toMatch(/[şığçİ]/) // Turkish
    expect(text).toMatch(/[łńśźżąę]/) // Polish
    expect(people.every((p) => p.city === 'Lübeck')).toBe(true)
    expect(people.every((p) => Number(p.postalCode) >= 23552 && Number(p.postalCode) <= 23570)).toBe(true)
    const nationalities = new Set(people.map((p) => p.nationality))
    expect(nationalities).toContain('deutsch')
    expect(nationalities.size).toBeGreaterThanOrEqual(4)

    const ageAt = (row: Row) =>
      (row.submitted_at.getTime() - Date.parse(row.applicant_birth_date)) / (365.25 * DAY_MS)
    const old = rows.filter((r) => ageAt(r) >= 65)
    expect(old.length / COUNT).toBeGreaterThan(0.7)
    for (const row of rows.filter((r) => ageAt(r) < 65)) {
      expect(ageAt(row)).toBeGreaterThanOrEqual(18)
      const income = (row.answers as FormAnswers).income ?? {}
      const items = Array.isArray(income.items) ? income.items : []
      expect(items.some((i) => i.kind === 'disability_pension')).toBe(true)
    }
    for (const row of rows) {
      const iban = String((row.answers as FormAnswers).bankAccount?.iban)
      expect(isValidIBAN(iban)).toBe(true)
      expect(row.access_code_hash).toHaveLength(32)
    }
    expect(new Set(rows.map((r) => r.access_code_hash.toString('hex'))).size).toBe(COUNT)
  })

  it('should write one audit event per batch that marks the rows as synthetic', async () => {
    const events = await ctx.db
      .selectFrom('audit_event')
      .select(['action', 'actor_type', 'details'])
      .execute()
    expect(events).toHaveLength(4)
    expect(events.every((e) => e.action === 'demo.generate' && e.actor_type === 'system')).toBe(true)
  })

  it('should yield the same people in the same order for the same seed, whatever the batch size', async () => {
    const other = await freshTestContext()
    try {
      await generateDemoApplications(other.db, other.deps.fileStore, { count: COUNT, seed: SEED, now: NOW })
      const again = await loadApplications(other)
      const key = (r: Row) => [
        r.reference,
        r.applicant_given_name,
        r.applicant_surname,
        r.applicant_birth_date,
        r.status,
        r.submitted_at.toISOString(),
        JSON.stringify(r.answers),
      ]
      expect(again.map(key)).toEqual(rows.map(key))
    } finally {
      await other.close()
    }
  })

  it('should yield other people for another seed', () => {
    const names = (seed: number) =>
      [...buildDemoApplications({ seed, count: 50, now: NOW })].map(
        (a) => `${a.answers.person?.givenName} ${a.answers.person?.surname}`,
      )
    expect(names(1)).toEqual(names(1))
    expect(names(2)).not.toEqual(names(1))
  })
})

describe('germanIban', () => {
  it('should compute the check digits of the standard example IBAN', () => {
    expect(germanIban('370400440532013000')).toBe('DE89370400440532013000')
  })
})
