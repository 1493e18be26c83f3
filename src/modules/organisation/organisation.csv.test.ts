// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildStaffUser } from '../../../test/factories/applications.factory.js'
import {
  buildInterimPlan,
  buildOrgUnit,
  buildPost,
  SYSTEM_ACTOR,
} from '../../../test/factories/organisation.factory.js'
import { signIn } from '../../../test/support/sign-in.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { redirectTarget } from '../../../test/support/test-client.js'
import { organisationService as org } from './index.js'
import { CSV_COLUMNS, exportOrganisationCsv, importOrganisationCsv } from './organisation.csv.js'

let source: TestContext
let target: TestContext
let plan: Awaited<ReturnType<typeof buildInterimPlan>>

const AT = new Date('2026-11-26T09:00:00Z')
const HEADER = CSV_COLUMNS.join(';')
const BOM = '\ufeff'

beforeAll(async () => {
  source = await freshTestContext()
  target = await freshTestContext()
  plan = await buildInterimPlan(source.db)
  // Dated attributes and a formula-looking name travel too.
  await org.changePost(source.db, SYSTEM_ACTOR, plan.posts.caseworkerA.id, new Date('2026-10-31T23:00:00Z'), {
    title: 'Sachbearbeitung A; halbe Stelle "GruSi"',
    fte: 0.5,
    taskArea: 'Grundsicherung',
    signingLevel: 'team',
    signingLimitCents: 123_456,
  })
  await org.createPerson(source.db, SYSTEM_ACTOR, { displayName: 'nicht exportiert, weil ohne Eintrag' })
  const unit = await buildOrgUnit(source.db, { name: '=HYPERLINK("http://example.org")', shortCode: 'X1' })
  await buildPost(source.db, unit.id, { title: '+Sachbearbeitung', fte: 0.75 })
})

afterAll(async () => {
  await source?.close()
  await target?.close()
})

async function countRows(db: TestContext['db']) {
  const tables = [
    'org_unit',
    'post',
    'post_version',
    'person',
    'post_holding',
    'absence',
    'deputy_rule',
    'interim_assignment',
  ] as const
  const counts: Record<string, number> = {}
  for (const table of tables) {
    counts[table] = (await db.selectFrom(table).select('id').execute()).length
  }
  return counts
}

/** A file of the given lines (objects by column name) as German Excel writes it. */
function csvFile(lines: Array<Partial<Record<(typeof CSV_COLUMNS)[number], string>>>): string {
  return `${BOM}${HEADER}\r\n${lines.map((l) => CSV_COLUMNS.map((c) => l[c] ?? '').join(';')).join('\r\n')}\r\n`
}

describe('CSV export and import', () => {
  it('should reproduce the same structure, ids and answers when an export is imported into an empty database', async () => {
    const exported = await exportOrganisationCsv(source.db, AT)
    expect(exported.startsWith(`${BOM}${HEADER}\r\n`)).toBe(true)
    // The dissolved team ended before AT and is not part of the export; the formula is defused.
    expect(exported).not.toContain('aufgelöst')
    expect(exported).toContain(`'=HYPERLINK(""http://example.org"")`)
    expect(exported).toContain(`;'+Sachbearbeitung;0,75;`)
    expect(exported).toContain('"Sachbearbeitung A; halbe Stelle ""GruSi"""')
    expect(exported).not.toContain('nicht exportiert')

    const result = await importOrganisationCsv(target.db, SYSTEM_ACTOR, exported)
    expect(result).toMatchObject({
      ok: true,
      counts: { einheit: 6, stellenaenderung: 1, vertretung: 3, interim: 1 },
    })
    expect(await exportOrganisationCsv(target.db, AT)).toBe(exported)

    for (const at of [AT, new Date('2026-12-05T10:00:00Z'), new Date('2026-12-22T09:00:00Z')]) {
      const before = await org.resolveOrganisation(source.db, at)
      const after = await org.resolveOrganisation(target.db, at)
      expect(after.results).toEqual(before.results)
      expect(after.unresolvable).toEqual(before.unresolvable)
    }
    const posts = (await org.loadOrganisationAt(target.db, new Date('2026-11-15T00:00:00Z'))).posts
    expect(posts.find((p) => p.id === plan.posts.caseworkerA.id)).toMatchObject({
      fte: 0.5,
      signingLimitCents: 123_456,
    })
    const audit = await target.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'organisation.import')
      .execute()
    expect(audit.length).toBe(exported.trim().split('\r\n').length - 1)
  })

  it('should refuse to import the same export twice and name each line whose key already exists', async () => {
    const exported = await exportOrganisationCsv(source.db, AT)
    const before = await countRows(source.db)
    const result = await importOrganisationCsv(source.db, SYSTEM_ACTOR, exported)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.errors[0]?.message).toMatch(
        /^Zeile 2: Der Schlüssel „[0-9a-f-]{36}“ ist bereits ein Eintrag in Lotse\./,
      )
    }
    expect(await countRows(source.db)).toEqual(before)
  })

  it('should report every mistake with its line in German and store nothing', async () => {
    const before = await countRows(target.db)
    const file = csvFile([
      {
        satzart: 'einheit',
        schluessel: 'B',
        gueltig_ab: '01.01.2027',
        art: 'Bereich',
        name: 'Neuer Bereich',
        kuerzel: '9.100',
      },
      {
        satzart: 'einheit',
        schluessel: 'T',
        gueltig_ab: '31.02.2027',
        art: 'Gruppe',
        name: 'Team',
        kuerzel: '9.110',
        uebergeordnet: 'B',
      },
      {
        satzart: 'stelle',
        schluessel: 'S1',
        gueltig_ab: '01.01.2027',
        einheit: 'T',
        bezeichnung: 'SB',
        vzae: '1,5',
        zeichnungsbefugnis: 'keine',
        leitung: 'vielleicht',
      },
      {
        satzart: 'stelle',
        schluessel: 'S1',
        gueltig_ab: '01.01.2027',
        einheit: 'Z',
        bezeichnung: 'SB',
        vzae: '1',
        zeichnungsbefugnis: 'keine',
        leitung: 'nein',
      },
      {
        satzart: 'besetzung',
        gueltig_ab: '01.02.2027',
        gueltig_bis: '01.01.2027',
        stelle: 'S1',
        person: 'P9',
      },
      {
        satzart: 'vertretung',
        gueltig_ab: '01.01.2027',
        stelle: 'S1',
        vertretende_stelle: 'S1',
        vertretungsart: 'Kette',
      },
      { satzart: 'interim', gueltig_ab: '01.01.2027', stelle: 'S1' },
      { satzart: 'urlaub', gueltig_ab: '01.01.2027' },
    ])
    const result = await importOrganisationCsv(target.db, SYSTEM_ACTOR, file)
    expect(result.ok).toBe(false)
    expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual([
      'Zeile 3: In „gueltig_ab“ steht „31.02.2027“; erwartet wird ein Datum wie 01.10.2026.',
      'Zeile 3: „Gruppe“ ist in „art“ nicht erlaubt. Erlaubt sind: bereich, abteilung, team.',
      'Zeile 4: „1,5“ ist kein Stellenanteil; erwartet wird eine Zahl größer 0 und höchstens 1, zum Beispiel 0,5.',
      'Zeile 4: „vielleicht“ ist in „leitung“ nicht erlaubt. Erlaubt sind: ja, nein.',
      'Zeile 5: Der Schlüssel „S1“ kommt in der Datei für diese Satzart mehrfach vor.',
      'Zeile 5: „Z“ in „einheit“ ist weder ein Schlüssel dieser Datei noch ein Eintrag in Lotse.',
      'Zeile 6: „gueltig_bis“ muss nach „gueltig_ab“ liegen.',
      'Zeile 6: „P9“ in „person“ ist weder ein Schlüssel dieser Datei noch ein Eintrag in Lotse.',
      'Zeile 7: Für die Vertretungskette braucht „position“ eine ganze Zahl ab 1.',
      'Zeile 8: Füllen Sie genau eine der Spalten „handelnde_stelle“ und „handelnde_person“ aus.',
      'Zeile 9: Unbekannte Satzart „urlaub“. Erlaubt sind: einheit, stelle, stellenaenderung, person, besetzung, abwesenheit, vertretung, interim.',
    ])
    expect(await countRows(target.db)).toEqual(before)
  })

  it('should name the line the database refuses (two holders at once) and roll everything back', async () => {
    const before = await countRows(target.db)
    const file = csvFile([
      {
        satzart: 'einheit',
        schluessel: 'T',
        gueltig_ab: '01.01.2027',
        art: 'Team',
        name: 'Team Neu',
        kuerzel: '9.210',
      },
      {
        satzart: 'stelle',
        schluessel: 'S',
        gueltig_ab: '01.01.2027',
        einheit: 'T',
        bezeichnung: 'SB',
        vzae: '1',
        zeichnungsbefugnis: 'keine',
        leitung: 'nein',
      },
      { satzart: 'person', schluessel: 'P1', name: 'Erste Person' },
      { satzart: 'person', schluessel: 'P2', name: 'Zweite Person' },
      { satzart: 'besetzung', gueltig_ab: '01.01.2027', stelle: 'S', person: 'P1' },
      { satzart: 'besetzung', gueltig_ab: '01.06.2027', stelle: 'S', person: 'P2' },
    ])
    const result = await importOrganisationCsv(target.db, SYSTEM_ACTOR, file)
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          line: 7,
          message:
            'Zeile 7: Der Eintrag überschneidet sich zeitlich mit einem bestehenden Eintrag, zum Beispiel zwei Inhaber:innen derselben Stelle. Beenden Sie zuerst den bestehenden Eintrag.',
        },
      ],
    })
    expect(await countRows(target.db)).toEqual(before)
  })

  it('should refuse a file with the wrong header or comma separators at line 1', async () => {
    const result = await importOrganisationCsv(target.db, SYSTEM_ACTOR, 'satzart,schluessel\neinheit,B\n')
    expect(result.ok ? [] : result.errors.map((e) => e.line)).toEqual([1])
  })

  it('should download the export and import a file through the admin pages', async () => {
    const admin = await signIn(target.app, await buildStaffUser(target.db, { role: 'administrator' }))
    const download = await admin.get('/verwaltung/organisation/export.csv?stand=2026-11-26')
    expect(download.status).toBe(200)
    expect(download.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(download.headers.get('content-disposition')).toBe(
      'attachment; filename="organisation-2026-11-26.csv"',
    )
    expect(await download.text()).toContain(HEADER)

    const file = csvFile([
      {
        satzart: 'einheit',
        schluessel: 'T',
        gueltig_ab: '01.01.2027',
        art: 'Team',
        name: 'Team über Upload',
        kuerzel: '9.310',
      },
    ])
    const bad = await admin.upload('/verwaltung/organisation/import', {
      name: 'falsch.csv',
      bytes: new TextEncoder().encode(file.replace('01.01.2027', '1.13.2027')),
    })
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('Zeile 2: In „gueltig_ab“ steht „1.13.2027“')
    const ok = await admin.upload('/verwaltung/organisation/import', {
      name: 'org.csv',
      bytes: new TextEncoder().encode(file),
    })
    expect(ok.status).toBe(303)
    const page = await admin.get(redirectTarget(ok))
    expect(await page.text()).toContain('Eingelesen: 1 Einheiten, 0 Stellen')
    expect(
      await target.db.selectFrom('org_unit').select('name').where('short_code', '=', '9.310').execute(),
    ).toEqual([{ name: 'Team über Upload' }])
  })
})
