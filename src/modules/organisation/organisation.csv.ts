// SPDX-License-Identifier: EUPL-1.2

import { randomUUID } from 'node:crypto'
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import type { Transaction } from 'kysely'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'
import { parseGermanDate } from '../../shared/dates.js'
import { type MessageKey, type MessageParams, t } from '../../shared/i18n.js'
import { isUuid } from '../../shared/ids.js'
import { parseEuroToCents } from '../../shared/money.js'
import { recordAuditEvent } from '../audit/index.js'
import { berlinDay, berlinDayStart, isBerlinDayStart } from './organisation.dates.js'
import { mapConstraintError, OrganisationRecordRejectedError } from './organisation.errors.js'
import * as repo from './organisation.repository.js'
import type { OrganisationActor } from './organisation.service.js'
import type { OrgUnitKind, SigningLevel } from './organisation.table.js'

/**
 * CSV import and export of the whole organisation (docs/organisation-csv.md): one file, one line per
 * record, a `satzart` column says which; semicolons, UTF-8 with BOM, as German Excel reads and writes it.
 * Every database row is one line, so an export re-imported into an empty database gives the same rows
 * (ids included: a key that is a UUID becomes the record's id).
 * @module
 */

export const CSV_COLUMNS = [
  'satzart',
  'schluessel',
  'gueltig_ab',
  'gueltig_bis',
  'art',
  'name',
  'kuerzel',
  'uebergeordnet',
  'einheit',
  'stelle',
  'bezeichnung',
  'vzae',
  'aufgabengebiet',
  'zeichnungsbefugnis',
  'zeichnungsgrenze',
  'leitung',
  'person',
  'vertretende_stelle',
  'vertretungsart',
  'position',
  'handelnde_stelle',
  'handelnde_person',
] as const

type Column = (typeof CSV_COLUMNS)[number]
type Line = Partial<Record<Column, string>>

export const RECORD_TYPES = [
  'einheit',
  'stelle',
  'stellenaenderung',
  'person',
  'besetzung',
  'abwesenheit',
  'vertretung',
  'interim',
] as const
type RecordType = (typeof RECORD_TYPES)[number]

const KIND: Record<string, OrgUnitKind> = { bereich: 'division', abteilung: 'department', team: 'team' }
const KIND_OUT: Record<OrgUnitKind, string> = { division: 'Bereich', department: 'Abteilung', team: 'Team' }
const SIGNING: Record<string, SigningLevel> = {
  keine: 'none',
  team: 'team',
  abteilung: 'department',
  bereich: 'division',
}
const SIGNING_OUT: Record<SigningLevel, string> = {
  none: 'keine',
  team: 'Team',
  department: 'Abteilung',
  division: 'Bereich',
}
/** Cells a spreadsheet would run as a formula; written with a leading apostrophe, read back without it. */
const FORMULA_START = /^[=+\-@\t\r]/

// --- export -------------------------------------------------------------------------------------------

function dateOut(instant: Date | null): string {
  if (!instant) {
    return ''
  }
  if (isBerlinDayStart(instant)) {
    const [y, m, d] = berlinDay(instant).split('-')
    return `${d}.${m}.${y}`
  }
  return instant.toISOString()
}

function textOut(value: string | null | undefined): string {
  const s = value ?? ''
  return FORMULA_START.test(s) ? `'${s}` : s
}

function fteOut(fte: string | number): string {
  return Number(fte).toFixed(2).replace('.', ',')
}

function centsOut(cents: number | null): string {
  return cents === null ? '' : (cents / 100).toFixed(2).replace('.', ',')
}

function byKey<T>(key: (row: T) => string) {
  return (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)
}

/**
 * The organisation as one CSV file: every record that has not ended by `at` (in force then, or starting
 * later), with its own dates; people named by any of them. UTF-8 with BOM, `;`, CRLF.
 */
export async function exportOrganisationCsv(db: Db, at: Date): Promise<string> {
  const rows = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute((trx) => repo.listRecordsOpenAt(trx, at))
  const units = [...rows.units].sort(byKey((u) => `${u.short_code}|${u.valid_from.toISOString()}|${u.id}`))
  const unitCode = new Map(rows.units.map((u) => [u.id, u.short_code]))
  const posts = [...rows.posts].sort(
    byKey((p) => `${unitCode.get(p.unit_id) ?? ''}|${p.is_head_of_unit ? 0 : 1}|${p.title}|${p.id}`),
  )
  const lines: Line[] = []
  for (const u of units) {
    lines.push({
      satzart: 'einheit',
      schluessel: u.id,
      gueltig_ab: dateOut(u.valid_from),
      gueltig_bis: dateOut(u.valid_to),
      art: KIND_OUT[u.kind],
      name: textOut(u.name),
      kuerzel: textOut(u.short_code),
      uebergeordnet: u.parent_id ?? '',
    })
  }
  for (const p of posts) {
    lines.push({
      satzart: 'stelle',
      schluessel: p.id,
      gueltig_ab: dateOut(p.valid_from),
      gueltig_bis: dateOut(p.valid_to),
      einheit: p.unit_id,
      bezeichnung: textOut(p.title),
      vzae: fteOut(p.fte),
      aufgabengebiet: textOut(p.task_area),
      zeichnungsbefugnis: SIGNING_OUT[p.signing_level],
      zeichnungsgrenze: centsOut(p.signing_limit_cents),
      leitung: p.is_head_of_unit ? 'ja' : 'nein',
    })
  }
  for (const v of [...rows.versions].sort(byKey((v) => `${v.post_id}|${v.valid_from.toISOString()}`))) {
    lines.push({
      satzart: 'stellenaenderung',
      schluessel: v.id,
      gueltig_ab: dateOut(v.valid_from),
      gueltig_bis: dateOut(v.valid_to),
      stelle: v.post_id,
      bezeichnung: textOut(v.title),
      vzae: fteOut(v.fte),
      aufgabengebiet: textOut(v.task_area),
      zeichnungsbefugnis: SIGNING_OUT[v.signing_level],
      zeichnungsgrenze: centsOut(v.signing_limit_cents),
    })
  }
  for (const p of [...rows.people].sort(byKey((p) => `${p.display_name}|${p.id}`))) {
    lines.push({ satzart: 'person', schluessel: p.id, name: textOut(p.display_name) })
  }
  const dated = <T extends { id: string; valid_from: Date }>(list: T[], key: (r: T) => string) =>
    [...list].sort(byKey((r) => `${key(r)}|${r.valid_from.toISOString()}|${r.id}`))
  for (const h of dated(rows.holdings, (h) => h.post_id)) {
    lines.push({
      satzart: 'besetzung',
      schluessel: h.id,
      gueltig_ab: dateOut(h.valid_from),
      gueltig_bis: dateOut(h.valid_to),
      stelle: h.post_id,
      person: h.person_id,
    })
  }
  for (const a of dated(rows.absences, (a) => a.person_id)) {
    lines.push({
      satzart: 'abwesenheit',
      schluessel: a.id,
      gueltig_ab: dateOut(a.valid_from),
      gueltig_bis: dateOut(a.valid_to),
      person: a.person_id,
    })
  }
  for (const r of dated(rows.deputyRules, (r) => `${r.post_id}|${r.kind}|${r.position ?? 0}`)) {
    lines.push({
      satzart: 'vertretung',
      schluessel: r.id,
      gueltig_ab: dateOut(r.valid_from),
      gueltig_bis: dateOut(r.valid_to),
      stelle: r.post_id,
      vertretende_stelle: r.deputy_post_id,
      vertretungsart: r.kind === 'permanent' ? 'ständig' : 'Kette',
      position: r.position === null ? '' : String(r.position),
    })
  }
  for (const i of dated(rows.interims, (i) => i.post_id)) {
    lines.push({
      satzart: 'interim',
      schluessel: i.id,
      gueltig_ab: dateOut(i.valid_from),
      gueltig_bis: dateOut(i.valid_to),
      stelle: i.post_id,
      handelnde_stelle: i.acting_post_id ?? '',
      handelnde_person: i.acting_person_id ?? '',
    })
  }
  return stringify(
    lines.map((line) => CSV_COLUMNS.map((c) => line[c] ?? '')),
    { delimiter: ';', bom: true, record_delimiter: 'windows', header: true, columns: [...CSV_COLUMNS] },
  )
}

// --- import -------------------------------------------------------------------------------------------

/** One problem of an import file, with the line it is on (1 = the header). */
export interface CsvImportError {
  line: number
  message: string
}

export type CsvImportResult =
  | { ok: true; counts: Record<RecordType, number> }
  | { ok: false; errors: CsvImportError[] }

interface Parsed {
  type: RecordType
  line: number
  key: string
  values: Line
  validFrom: Date
  validTo: Date | null
}

/** Problems are collected, at most this many, so that a broken file gives a readable list. */
const MAX_ERRORS = 50

class Collector {
  readonly errors: CsvImportError[] = []
  add(line: number, key: MessageKey, params: MessageParams = {}) {
    if (this.errors.length < MAX_ERRORS) {
      this.errors.push({ line, message: t('organisation.csv.error_line', { line, message: t(key, params) }) })
    }
  }
}

function clean(value: string | undefined): string {
  const s = (value ?? '').trim()
  return s.startsWith("'") && FORMULA_START.test(s.slice(1)) ? s.slice(1) : s
}

function parseInstant(raw: string): Date | null {
  const iso = parseGermanDate(raw)
  if (iso) {
    return berlinDayStart(iso)
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?Z$/.test(raw)) {
    const d = new Date(raw)
    return Number.isNaN(d.getTime()) ? null : d
  }
  return null
}

function parseFteCell(raw: string): number | null {
  const s = raw.replace(',', '.')
  if (!/^\d(\.\d{1,2})?$/.test(s)) {
    return null
  }
  const n = Number(s)
  return n > 0 && n <= 1 ? n : null
}

/** Reads the file into typed lines; every problem is reported with its line, nothing is written. */
function readFile(text: string, errors: Collector): Parsed[] {
  let records: Array<{ record: string[]; info: { lines: number } }>
  try {
    records = parse(text, {
      delimiter: ';',
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>
  } catch (error) {
    const line = typeof error === 'object' && error && 'lines' in error ? Number(error.lines) : 1
    errors.add(line, 'organisation.csv.error_syntax')
    return []
  }
  const [header, ...body] = records
  const expected = CSV_COLUMNS.join(';')
  if (!header || header.record.map((h) => h.trim().toLowerCase()).join(';') !== expected) {
    errors.add(1, 'organisation.csv.error_header', { header: expected })
    return []
  }
  const parsed: Parsed[] = []
  for (const { record, info } of body) {
    const line = info.lines
    if (record.length !== CSV_COLUMNS.length) {
      errors.add(line, 'organisation.csv.error_columns', {
        count: record.length,
        expected: CSV_COLUMNS.length,
      })
      continue
    }
    const values: Line = {}
    CSV_COLUMNS.forEach((c, i) => {
      values[c] = clean(record[i])
    })
    const type = RECORD_TYPES.find((r) => r === (values.satzart ?? '').toLowerCase())
    if (!type) {
      errors.add(line, 'organisation.csv.error_type', {
        value: values.satzart ?? '',
        allowed: RECORD_TYPES.join(', '),
      })
      continue
    }
    let validFrom: Date | null = new Date(0)
    let validTo: Date | null = null
    if (type !== 'person') {
      validFrom = parseInstant(values.gueltig_ab ?? '')
      if (!validFrom) {
        errors.add(line, 'organisation.csv.error_date', {
          column: 'gueltig_ab',
          value: values.gueltig_ab ?? '',
        })
      }
      if (values.gueltig_bis) {
        validTo = parseInstant(values.gueltig_bis)
        if (!validTo) {
          errors.add(line, 'organisation.csv.error_date', {
            column: 'gueltig_bis',
            value: values.gueltig_bis,
          })
        } else if (validFrom && validTo <= validFrom) {
          errors.add(line, 'organisation.csv.error_period')
        }
      }
    }
    parsed.push({
      type,
      line,
      key: values.schluessel ?? '',
      values,
      validFrom: validFrom ?? new Date(0),
      validTo,
    })
  }
  return parsed
}

const REQUIRED: Record<RecordType, Column[]> = {
  einheit: ['schluessel', 'art', 'name', 'kuerzel'],
  stelle: ['schluessel', 'einheit', 'bezeichnung', 'vzae', 'zeichnungsbefugnis', 'leitung'],
  stellenaenderung: ['stelle', 'bezeichnung', 'vzae', 'zeichnungsbefugnis'],
  person: ['schluessel', 'name'],
  besetzung: ['stelle', 'person'],
  abwesenheit: ['person'],
  vertretung: ['stelle', 'vertretende_stelle', 'vertretungsart'],
  interim: ['stelle'],
}

/** Which table a reference column points into. */
type RefTable = 'org_unit' | 'post' | 'person'
const KEYED: Partial<Record<RecordType, RefTable>> = { einheit: 'org_unit', stelle: 'post', person: 'person' }

/**
 * Imports a whole organisation file: validates every line first (line-precise German messages), then
 * writes everything in one transaction with one audit row per record; on any problem nothing is written.
 */
export async function importOrganisationCsv(
  db: Db,
  actor: OrganisationActor,
  text: string,
): Promise<CsvImportResult> {
  const errors = new Collector()
  const lines = readFile(text, errors)

  // Keys of the file, per table; a key that is a UUID becomes the record's id.
  const ids: Record<RefTable, Map<string, string>> = {
    org_unit: new Map(),
    post: new Map(),
    person: new Map(),
  }
  for (const l of lines) {
    for (const column of REQUIRED[l.type]) {
      if (!l.values[column]) {
        errors.add(l.line, 'organisation.csv.error_required', { column })
      }
    }
    const table = KEYED[l.type]
    if (table && l.key) {
      if (ids[table].has(l.key)) {
        errors.add(l.line, 'organisation.csv.error_duplicate_key', { key: l.key })
      }
      ids[table].set(l.key, isUuid(l.key) ? l.key.toLowerCase() : randomUUID())
    }
  }
  const existing = new Set(
    await repo.existingIds(
      db,
      lines.filter((l) => isUuid(l.key)).map((l) => l.key.toLowerCase()),
    ),
  )
  for (const l of lines) {
    if (isUuid(l.key) && existing.has(l.key.toLowerCase())) {
      errors.add(l.line, 'organisation.csv.error_key_exists', { key: l.key })
    }
  }
  // A reference is a key of this file or the id of a record already in the database.
  const outside = new Set(
    await repo.existingIds(
      db,
      lines.flatMap((l) =>
        (
          [
            'uebergeordnet',
            'einheit',
            'stelle',
            'person',
            'vertretende_stelle',
            'handelnde_stelle',
            'handelnde_person',
          ] as const
        )
          .map((c) => l.values[c] ?? '')
          .filter((v) => isUuid(v)),
      ),
    ),
  )
  /** The id a reference column names; an empty cell is no reference, an unknown one an error. */
  const ref = (l: Parsed, column: Column, table: RefTable): string | null => {
    const value = l.values[column] ?? ''
    if (value === '') {
      return null
    }
    const lower = value.toLowerCase()
    const id = ids[table].get(value) ?? (isUuid(value) && outside.has(lower) ? lower : undefined)
    if (!id) {
      errors.add(l.line, 'organisation.csv.error_reference', { column, value })
    }
    return id ?? null
  }
  const choice = <T>(l: Parsed, column: Column, map: Record<string, T>): T | null => {
    const value = (l.values[column] ?? '').toLowerCase()
    if (value === '') {
      return null
    }
    const found = map[value]
    if (found === undefined) {
      errors.add(l.line, 'organisation.csv.error_value', {
        column,
        value: l.values[column] ?? '',
        allowed: Object.keys(map).join(', '),
      })
      return null
    }
    return found
  }
  const fte = (l: Parsed) => {
    const n = parseFteCell(l.values.vzae ?? '')
    if (n === null && l.values.vzae) {
      errors.add(l.line, 'organisation.csv.error_fte', { value: l.values.vzae })
    }
    return n ?? 1
  }
  const euro = (l: Parsed) => {
    const raw = l.values.zeichnungsgrenze ?? ''
    if (raw === '') {
      return null
    }
    const cents = parseEuroToCents(raw)
    if (cents === null) {
      errors.add(l.line, 'organisation.csv.error_euro', { value: raw })
    }
    return cents
  }

  // Build every write before writing anything.
  type Write = { line: number; run: (trx: Transaction<Database>) => Promise<{ type: string; id: string }> }
  const writes: Write[] = []
  const period = (l: Parsed) => ({ valid_from: l.validFrom, valid_to: l.validTo })
  const unitLines = lines.filter((l) => l.type === 'einheit')
  // Parents before children, whatever the order of the file.
  const placed = new Set<string>()
  const pending = [...unitLines]
  while (pending.length > 0) {
    const index = pending.findIndex((l) => {
      const parent = l.values.uebergeordnet ?? ''
      return parent === '' || !ids.org_unit.has(parent) || placed.has(parent)
    })
    if (index === -1) {
      for (const l of pending) {
        errors.add(l.line, 'organisation.csv.error_unit_loop', { key: l.key })
      }
      break
    }
    const [l] = pending.splice(index, 1)
    if (!l) {
      break
    }
    placed.add(l.key)
    const id = ids.org_unit.get(l.key) ?? randomUUID()
    const parentId = ref(l, 'uebergeordnet', 'org_unit')
    const kind = choice(l, 'art', KIND)
    const values = {
      id,
      parent_id: parentId,
      kind: kind ?? 'team',
      name: l.values.name ?? '',
      short_code: l.values.kuerzel ?? '',
      ...period(l),
    }
    writes.push({
      line: l.line,
      run: async (trx) => ({ type: 'org_unit', id: (await repo.insertOrgUnit(trx, values)).id }),
    })
  }
  for (const l of lines) {
    switch (l.type) {
      case 'stelle': {
        const values = {
          id: ids.post.get(l.key) ?? randomUUID(),
          unit_id: ref(l, 'einheit', 'org_unit') ?? '',
          title: l.values.bezeichnung ?? '',
          fte: fte(l),
          task_area: l.values.aufgabengebiet || null,
          signing_level: choice(l, 'zeichnungsbefugnis', SIGNING) ?? 'none',
          signing_limit_cents: euro(l),
          is_head_of_unit: choice(l, 'leitung', { ja: true, nein: false }) ?? false,
          ...period(l),
        }
        writes.push({
          line: l.line,
          run: async (trx) => ({ type: 'post', id: (await repo.insertPost(trx, values)).id }),
        })
        break
      }
      case 'person': {
        const values = { id: ids.person.get(l.key) ?? randomUUID(), display_name: l.values.name ?? '' }
        writes.push({
          line: l.line,
          run: async (trx) => ({ type: 'person', id: (await repo.insertPerson(trx, values)).id }),
        })
        break
      }
      default:
        break
    }
  }
  // Records that point at units, posts and people come after all of those.
  for (const l of lines) {
    const id = isUuid(l.key) ? l.key.toLowerCase() : undefined
    const withId = <T extends object>(v: T) => (id ? { ...v, id } : v)
    switch (l.type) {
      case 'stellenaenderung': {
        const values = withId({
          post_id: ref(l, 'stelle', 'post') ?? '',
          title: l.values.bezeichnung ?? '',
          fte: fte(l),
          task_area: l.values.aufgabengebiet || null,
          signing_level: choice(l, 'zeichnungsbefugnis', SIGNING) ?? 'none',
          signing_limit_cents: euro(l),
          ...period(l),
        })
        writes.push({
          line: l.line,
          run: async (trx) => ({ type: 'post', id: (await repo.insertPostVersion(trx, values)).post_id }),
        })
        break
      }
      case 'besetzung': {
        const values = withId({
          post_id: ref(l, 'stelle', 'post') ?? '',
          person_id: ref(l, 'person', 'person') ?? '',
          ...period(l),
        })
        writes.push({
          line: l.line,
          run: async (trx) => ({ type: 'post_holding', id: (await repo.insertPostHolding(trx, values)).id }),
        })
        break
      }
      case 'abwesenheit': {
        const values = withId({ person_id: ref(l, 'person', 'person') ?? '', ...period(l) })
        writes.push({
          line: l.line,
          run: async (trx) => ({ type: 'absence', id: (await repo.insertAbsence(trx, values)).id }),
        })
        break
      }
      case 'vertretung': {
        const kind = choice(l, 'vertretungsart', {
          ständig: 'permanent',
          staendig: 'permanent',
          kette: 'chain',
        } as const)
        const rawPosition = l.values.position ?? ''
        const position =
          /^\d{1,3}$/.test(rawPosition) && Number(rawPosition) >= 1 ? Number(rawPosition) : null
        if (kind === 'chain' && position === null) {
          errors.add(l.line, 'organisation.csv.error_position')
        }
        if (kind === 'permanent' && rawPosition !== '') {
          errors.add(l.line, 'organisation.csv.error_position_permanent')
        }
        const values = withId({
          post_id: ref(l, 'stelle', 'post') ?? '',
          deputy_post_id: ref(l, 'vertretende_stelle', 'post') ?? '',
          kind: kind ?? 'chain',
          position: kind === 'chain' ? position : null,
          ...period(l),
        })
        writes.push({
          line: l.line,
          run: async (trx) => ({ type: 'deputy_rule', id: (await repo.insertDeputyRule(trx, values)).id }),
        })
        break
      }
      case 'interim': {
        const byPost = l.values.handelnde_stelle ?? ''
        const byPerson = l.values.handelnde_person ?? ''
        if ((byPost === '') === (byPerson === '')) {
          errors.add(l.line, 'organisation.csv.error_interim')
        }
        const values = withId({
          post_id: ref(l, 'stelle', 'post') ?? '',
          acting_post_id: byPost ? ref(l, 'handelnde_stelle', 'post') : null,
          acting_person_id: byPerson ? ref(l, 'handelnde_person', 'person') : null,
          ...period(l),
        })
        writes.push({
          line: l.line,
          run: async (trx) => ({
            type: 'interim_assignment',
            id: (await repo.insertInterimAssignment(trx, values)).id,
          }),
        })
        break
      }
      default:
        break
    }
  }
  if (errors.errors.length > 0) {
    return { ok: false, errors: errors.errors.sort((a, b) => a.line - b.line) }
  }
  if (lines.length === 0) {
    return {
      ok: false,
      errors: [
        {
          line: 1,
          message: t('organisation.csv.error_line', { line: 1, message: t('organisation.csv.error_empty') }),
        },
      ],
    }
  }

  let current = 0
  try {
    await db.transaction().execute(async (trx) => {
      for (const write of writes) {
        current = write.line
        const subject = await write.run(trx)
        await recordAuditEvent(trx, {
          actor: { type: actor.type, id: actor.id },
          requestId: actor.requestId ?? null,
          action: 'organisation.import',
          subject,
          details: { line: write.line },
        })
      }
    })
  } catch (error) {
    const mapped = mapConstraintError(error)
    if (mapped instanceof OrganisationRecordRejectedError) {
      return {
        ok: false,
        errors: [
          {
            line: current,
            message: t('organisation.csv.error_line', { line: current, message: t(mapped.messageKey) }),
          },
        ],
      }
    }
    throw mapped
  }
  const counts = Object.fromEntries(
    RECORD_TYPES.map((r) => [r, lines.filter((l) => l.type === r).length]),
  ) as Record<RecordType, number>
  return { ok: true, counts }
}
