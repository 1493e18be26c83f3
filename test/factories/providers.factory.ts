// SPDX-License-Identifier: EUPL-1.2
import type { Db } from '../../src/db/database.js'
import type { ContractKind } from '../../src/modules/providers/index.js'

let counter = 0

/** A provider (Träger) with a function mailbox; returns the row. */
export function buildProvider(db: Db, overrides: { name?: string } = {}) {
  counter += 1
  return db
    .insertInto('provider')
    .values({
      name: overrides.name ?? `Träger ${counter} gGmbH`,
      legal_form: 'gGmbH',
      address: `Hauptstraße ${counter}, 12345 Musterstadt`,
      contact_role: 'Geschäftsführung',
      contact_email: `vertraege${counter}@traeger.example`,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** A contract of a provider; a budget contract unless `kind` says otherwise (then `siteId` is needed). */
export function buildContract(
  db: Db,
  providerId: string,
  overrides: {
    kind?: ContractKind
    siteId?: string
    validFrom?: string
    validTo?: string | null
    annualBudgetCents?: number | null
    renegotiationOn?: string | null
    predecessorId?: string
    reference?: string
  } = {},
) {
  counter += 1
  const kind = overrides.kind ?? 'budget'
  return db
    .insertInto('provider_contract')
    .values({
      provider_id: providerId,
      kind,
      site_id: overrides.siteId ?? null,
      title: `Vertrag ${counter}`,
      reference: overrides.reference ?? `BV-${counter}-${Date.now()}`,
      valid_from: overrides.validFrom ?? '2026-01-01',
      valid_to: overrides.validTo === undefined ? '2027-12-31' : overrides.validTo,
      notice_months: 3,
      renegotiation_on: overrides.renegotiationOn ?? null,
      reminder_lead_days: 60,
      annual_budget_cents:
        overrides.annualBudgetCents === undefined
          ? kind === 'budget'
            ? 120_000_00
            : null
          : overrides.annualBudgetCents,
      tender_on: null,
      awarded_on: null,
      predecessor_id: overrides.predecessorId ?? null,
      created_by: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** An accommodation site with `places` places (labelled "P1", "P2", …). */
export async function buildSite(db: Db, options: { capacity?: number; places?: number; name?: string } = {}) {
  counter += 1
  const site = await db
    .insertInto('accommodation_site')
    .values({
      name: options.name ?? `Unterkunft ${counter}`,
      address: `Am Hang ${counter}, 12345 Musterstadt`,
      capacity: options.capacity ?? 4,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  const places = []
  for (let i = 1; i <= (options.places ?? options.capacity ?? 4); i++) {
    places.push(
      await db
        .insertInto('accommodation_place')
        .values({ site_id: site.id, label: `P${i}` })
        .returningAll()
        .executeTakeFirstOrThrow(),
    )
  }
  return { ...site, places }
}

/** A stay of a case in a place. */
export function buildStay(
  db: Db,
  site: { id: string },
  placeId: string,
  applicationId: string,
  movedIn: string,
  movedOut: string | null = null,
) {
  return db
    .insertInto('accommodation_stay')
    .values({
      site_id: site.id,
      place_id: placeId,
      application_id: applicationId,
      moved_in: movedIn,
      moved_out: movedOut,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}
