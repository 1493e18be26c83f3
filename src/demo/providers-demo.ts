// SPDX-License-Identifier: EUPL-1.2
import type { Logger } from 'pino'
import type { Db } from '../db/database.js'
import type { ContractKind } from '../modules/providers/index.js'
import { addDays, addMonths } from '../modules/providers/providers.rules.js'
import { todayIso } from '../shared/dates.js'

/** Invented providers: no real organisations, function mailboxes on the reserved `.example` domain. */
const PROVIDERS = [
  ['Sozialwerk Lindenau e.V.', 'e.V.', 'Lindenauer Markt 4, 04177 Musterstadt'],
  ['Brückenhaus gGmbH', 'gGmbH', 'Am Brückenkopf 12, 04109 Musterstadt'],
  ['Diakonisches Werk Musterstadt e.V.', 'e.V.', 'Kirchgasse 2, 04103 Musterstadt'],
  ['Caritasverband Musterstadt e.V.', 'e.V.', 'Domplatz 7, 04105 Musterstadt'],
  ['Arbeiterwohlfahrt Kreisverband Musterstadt e.V.', 'e.V.', 'Wohlfahrtsweg 1, 04107 Musterstadt'],
  ['Unterkunftsbetrieb Nord GmbH', 'GmbH', 'Industriestraße 40, 04129 Musterstadt'],
  ['Wachschutz Elster GmbH', 'GmbH', 'Elsterufer 9, 04229 Musterstadt'],
  ['Sicherheitsdienst Auenwald GmbH', 'GmbH', 'Auenweg 3, 04315 Musterstadt'],
  ['Betreuungsnetz Süd gGmbH', 'gGmbH', 'Südplatz 11, 04275 Musterstadt'],
  ['Paritätischer Sozialdienst Musterstadt e.V.', 'e.V.', 'Paritätsstraße 5, 04103 Musterstadt'],
] as const

const SITES = [
  ['GU Lindenstraße', 'Lindenstraße 5, 04177 Musterstadt', 10],
  ['GU Am Auenwald', 'Am Auenwald 21, 04315 Musterstadt', 8],
  ['GU Parkweg', 'Parkweg 3, 04275 Musterstadt', 6],
  ['GU Alte Post', 'Postplatz 1, 04109 Musterstadt', 12],
  ['GU Eichenhof', 'Eichenhof 8, 04129 Musterstadt', 8],
  ['GU Mühlgraben', 'Mühlgraben 14, 04229 Musterstadt', 6],
  ['GU Sonnenhang', 'Sonnenhang 2, 04105 Musterstadt', 10],
  ['GU Kastanienallee', 'Kastanienallee 30, 04107 Musterstadt', 8],
  ['GU Hafenstraße', 'Hafenstraße 6, 04103 Musterstadt', 6],
] as const

/** A small deterministic generator (mulberry32), so that every demo start looks the same. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

async function insertContract(
  db: Db,
  values: {
    providerId: string
    kind: ContractKind
    siteId?: string | null
    title: string
    reference: string
    validFrom: string
    validTo: string | null
    budgetCents?: number | null
    renegotiationOn?: string | null
    tenderOn?: string | null
    awardedOn?: string | null
    predecessorId?: string | null
  },
): Promise<string> {
  const row = await db
    .insertInto('provider_contract')
    .values({
      provider_id: values.providerId,
      kind: values.kind,
      site_id: values.siteId ?? null,
      title: values.title,
      reference: values.reference,
      valid_from: values.validFrom,
      valid_to: values.validTo,
      notice_months: 3,
      renegotiation_on: values.renegotiationOn ?? null,
      reminder_lead_days: 90,
      annual_budget_cents: values.budgetCents ?? null,
      tender_on: values.tenderOn ?? null,
      awarded_on: values.awardedOn ?? null,
      predecessor_id: values.predecessorId ?? null,
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/**
 * Synthetic providers, budget contracts (one renegotiated twice), accommodation sites with their operator,
 * care and guarding contracts, and twelve months of occupancy by the demo cases. Runs once: nothing happens
 * when a provider exists already.
 */
export async function loadProvidersDemo(db: Db, logger: Logger, today: string = todayIso()): Promise<void> {
  if (await db.selectFrom('provider').select('id').limit(1).executeTakeFirst()) {
    return
  }
  const rnd = random(8)
  const providerIds: string[] = []
  for (const [i, [name, legalForm, address]] of PROVIDERS.entries()) {
    const row = await db
      .insertInto('provider')
      .values({
        name,
        legal_form: legalForm,
        address,
        contact_role: i % 2 === 0 ? 'Geschäftsführung' : 'Vertragsmanagement',
        contact_email: `vertraege${i + 1}@traeger.example`,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    providerIds.push(row.id)
  }
  const year = Number(today.slice(0, 4))
  const pid = (i: number) => providerIds[i] as string

  // Budget contracts; the first is a chain of three renegotiations with rising budgets.
  const chainBudgets = [180_000_00, 195_000_00, 210_000_00]
  let predecessor: string | null = null
  for (const [k, budget] of chainBudgets.entries()) {
    const from = `${year - 2 + k}-01-01`
    const last = k === chainBudgets.length - 1
    predecessor = await insertContract(db, {
      providerId: pid(0),
      kind: 'budget',
      title: 'Allgemeine Sozialberatung im Stadtteil',
      reference: `BV-${year - 2 + k}-001`,
      validFrom: from,
      validTo: `${year - 2 + k}-12-31`,
      budgetCents: budget,
      renegotiationOn: last ? addDays(today, 45) : null,
      predecessorId: predecessor,
    })
  }
  const budgetContracts: string[] = [predecessor as string]
  for (let i = 1; i <= 5; i++) {
    const from = `${year - 1}-0${i}-01`
    budgetContracts.push(
      await insertContract(db, {
        providerId: pid(i),
        kind: 'budget',
        title: [
          'Schuldnerberatung',
          'Suchtberatung',
          'Migrationsberatung',
          'Wohnungsnotfallhilfe',
          'Seniorenberatung',
        ][i - 1] as string,
        reference: `BV-${year - 1}-${String(i + 1).padStart(3, '0')}`,
        validFrom: from,
        // One ends within the reminder lead time, so that the due-soon list has something to show.
        validTo: i === 2 ? addDays(today, 100) : addDays(addMonths(from, 36), -1),
        budgetCents: (60 + i * 15) * 1_000_00,
      }),
    )
  }
  // Monthly instalments against each budget contract in the current contract year.
  for (const contractId of budgetContracts) {
    const c = await db
      .selectFrom('provider_contract')
      .select(['valid_from', 'annual_budget_cents'])
      .where('id', '=', contractId)
      .executeTakeFirstOrThrow()
    const monthly = Math.round((c.annual_budget_cents ?? 0) / 12)
    for (let m = 0; m < 12; m++) {
      const paidOn = addDays(addMonths(c.valid_from, m), 14)
      if (paidOn > today) {
        break
      }
      await db
        .insertInto('provider_payment')
        .values({
          contract_id: contractId,
          paid_on: paidOn,
          amount_cents: monthly,
          reference: `Abschlag ${m + 1}`,
        })
        .execute()
    }
  }

  // Sites, places, and their operator, care and guarding contracts.
  const sites: Array<{ id: string; places: string[] }> = []
  for (const [i, [name, address, capacity]] of SITES.entries()) {
    const site = await db
      .insertInto('accommodation_site')
      .values({ name, address, capacity })
      .returning('id')
      .executeTakeFirstOrThrow()
    const places: string[] = []
    for (let p = 1; p <= capacity; p++) {
      const place = await db
        .insertInto('accommodation_place')
        .values({ site_id: site.id, label: `Zimmer ${Math.ceil(p / 2)}, Bett ${((p - 1) % 2) + 1}` })
        .returning('id')
        .executeTakeFirstOrThrow()
      places.push(place.id)
    }
    sites.push({ id: site.id, places })
    const kinds: Array<[ContractKind, number, string]> = [
      ['operator', 5, 'Betrieb'],
      ['care', 8, 'Soziale Betreuung'],
      ['guarding', i % 2 === 0 ? 6 : 7, 'Bewachung'],
    ]
    for (const [kind, provider, title] of kinds) {
      await insertContract(db, {
        providerId: pid(kind === 'operator' && i % 3 === 0 ? 1 : provider),
        kind,
        siteId: site.id,
        title: `${title} ${name}`,
        reference: `${kind === 'operator' ? 'BT' : kind === 'care' ? 'BB' : 'BW'}-${year - 1}-${String(i + 1).padStart(3, '0')}`,
        validFrom: `${year - 1}-01-01`,
        validTo: `${year + 1}-12-31`,
        tenderOn: `${year - 2}-0${(i % 6) + 3}-01`,
        awardedOn: `${year - 2}-${String((i % 6) + 6).padStart(2, '0')}-15`,
      })
    }
  }

  // Twelve months of stays: each demo case lives in one place at most once; a place is never double-booked.
  const cases = await db.selectFrom('application').select('id').orderBy('reference').execute()
  const start = addMonths(today, -12)
  const slots = sites.flatMap((s) =>
    s.places.map((place) => ({ siteId: s.id, place, free: addDays(start, Math.floor(rnd() * 330)) })),
  )
  let stays = 0
  for (const c of cases) {
    const slot = slots.filter((s) => s.free < today).sort((a, b) => (a.free < b.free ? -1 : 1))[0]
    if (!slot) {
      break
    }
    const movedIn = slot.free
    const length = 60 + Math.floor(rnd() * 300)
    const out = addDays(movedIn, length)
    const movedOut = out > today ? null : out
    await db
      .insertInto('accommodation_stay')
      .values({
        site_id: slot.siteId,
        place_id: slot.place,
        application_id: c.id,
        moved_in: movedIn,
        moved_out: movedOut,
      })
      .execute()
    stays += 1
    slot.free = movedOut === null ? '9999-12-31' : addDays(movedOut, Math.floor(rnd() * 20))
  }
  logger.info(
    { providers: PROVIDERS.length, sites: SITES.length, stays },
    'demo providers and accommodation created',
  )
}
