// SPDX-License-Identifier: EUPL-1.2
import type { Logger } from 'pino'
import type { Db } from '../db/database.js'
import { berlinDay, CSV_COLUMNS, importOrganisationCsv } from '../modules/organisation/index.js'

/**
 * A synthetic organisation modelled on the Lübeck report: division 2.500 "Soziale Sicherung" with a vacant
 * head and a vacant permanent deputy (an interim plan makes the first department head act), departments,
 * teams of caseworkers of whom about half the posts are vacant, a few absences and deputy chains. Names are
 * invented combinations; nothing points to a real person.
 *
 * `generateOrganisation` is pure and deterministic for a seed (ids included), so that the case generator can
 * assign cases to the same posts on every run; the organisation is stored through the CSV import (one
 * transaction, validated, audited).
 * @module
 */

export interface OrganisationGeneratorOptions {
  /** Number of teams (spread over departments of about four teams each). */
  teams: number
  /** Number of posts in total (leadership posts included); at least 2 per team plus the leadership. */
  posts: number
  seed: number
  /** Absences are placed around this day (default: today). */
  now?: Date
}

export interface GeneratedPost {
  id: string
  unitId: string
  title: string
  isHeadOfUnit: boolean
  /** Whether someone holds the post. */
  filled: boolean
}

export interface GeneratedOrganisation {
  /** One CSV file in the format of docs/organisation-csv.md. */
  csv: string
  divisionId: string
  teamIds: string[]
  posts: GeneratedPost[]
}

/** mulberry32: small, fast, good enough for demo data. */
function prng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const GIVEN = [
  'Anke',
  'Birte',
  'Claas',
  'Dörte',
  'Enno',
  'Frauke',
  'Gesa',
  'Hauke',
  'Imke',
  'Jannes',
  'Kerstin',
  'Lasse',
  'Maren',
  'Nils',
  'Okke',
  'Petra',
  'Rieke',
  'Sönke',
  'Tjark',
  'Ulrike',
  'Vicky',
  'Wiebke',
  'Yasemin',
  'Zofia',
]
const FAMILY = [
  'Albers',
  'Brandt',
  'Carstens',
  'Dührsen',
  'Ehlers',
  'Feddersen',
  'Gosch',
  'Hansen',
  'Iwersen',
  'Jessen',
  'Kock',
  'Lorenzen',
  'Möller',
  'Nissen',
  'Ohlsen',
  'Petersen',
  'Rehder',
  'Schütt',
  'Thomsen',
  'Ulrich',
  'Vollmer',
  'Witt',
  'Yilmaz',
  'Zielke',
]
const DEPARTMENTS = [
  'Grundsicherung im Alter und bei Erwerbsminderung',
  'Hilfe zum Lebensunterhalt und AsylbLG',
  'Bildung und Teilhabe, Sonderaufgaben',
  'Eingliederung und Pflege',
  'Unterkunft und Bezahlkarte',
  'Widerspruch und Prüfung',
]
const TASKS = [
  'Grundsicherung',
  'Hilfe zum Lebensunterhalt',
  'AsylbLG',
  'Bildung und Teilhabe',
  'Weiterbewilligung',
]

function dateCell(instant: Date): string {
  const [y, m, d] = berlinDay(instant).split('-')
  return `${d}.${m}.${y}`
}

/**
 * Generates a Lübeck-like organisation deterministically. About half of the caseworker posts are vacant,
 * about one in twelve holders is absent around `now`, each caseworker post has the next two posts of its
 * team as deputy chain, each team lead the first caseworker post as permanent deputy.
 * @example generateOrganisation({ teams: 25, posts: 300, seed: 1 }).posts.length // 300
 */
export function generateOrganisation(options: OrganisationGeneratorOptions): GeneratedOrganisation {
  const random = prng(options.seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T
  const id = () => {
    const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('')
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[Math.floor(random() * 4)]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
  }
  const teams = Math.max(1, Math.floor(options.teams))
  const departmentCount = Math.max(1, Math.round(teams / 4))
  const leadership = 2 + departmentCount + teams
  const caseworkerCount = Math.max(teams, Math.floor(options.posts) - leadership)
  const now = options.now ?? new Date()
  const start = '01.01.2024'
  const interimFrom = '01.10.2025'
  const day = 86_400_000

  const lines: Array<Partial<Record<(typeof CSV_COLUMNS)[number], string>>> = []
  const posts: GeneratedPost[] = []
  const person = () => {
    const key = id()
    lines.push({ satzart: 'person', schluessel: key, name: `${pick(GIVEN)} ${pick(FAMILY)}` })
    return key
  }
  const post = (
    unitId: string,
    title: string,
    head: boolean,
    filled: boolean,
    extra: Record<string, string> = {},
  ) => {
    const key = id()
    lines.push({
      satzart: 'stelle',
      schluessel: key,
      gueltig_ab: start,
      einheit: unitId,
      bezeichnung: title,
      vzae: '1,00',
      zeichnungsbefugnis: 'keine',
      leitung: head ? 'ja' : 'nein',
      ...extra,
    })
    posts.push({ id: key, unitId, title, isHeadOfUnit: head, filled })
    if (filled) {
      const holder = person()
      lines.push({ satzart: 'besetzung', gueltig_ab: start, stelle: key, person: holder })
      if (random() < 1 / 12) {
        const from = new Date(now.getTime() - Math.floor(random() * 5) * day)
        const to = new Date(now.getTime() + (3 + Math.floor(random() * 15)) * day)
        lines.push({
          satzart: 'abwesenheit',
          gueltig_ab: dateCell(from),
          gueltig_bis: dateCell(to),
          person: holder,
        })
      }
    }
    return key
  }

  const divisionId = id()
  lines.push({
    satzart: 'einheit',
    schluessel: divisionId,
    gueltig_ab: start,
    art: 'Bereich',
    name: 'Soziale Sicherung',
    kuerzel: '2.500',
  })
  // The report: head of the division and the new permanent deputy both vacant.
  const divisionHead = post(divisionId, 'Bereichsleitung', true, false, { zeichnungsbefugnis: 'Bereich' })
  const divisionDeputy = post(divisionId, 'Ständige Stellvertretung der Bereichsleitung', false, false, {
    zeichnungsbefugnis: 'Bereich',
  })
  lines.push({
    satzart: 'vertretung',
    gueltig_ab: start,
    stelle: divisionHead,
    vertretende_stelle: divisionDeputy,
    vertretungsart: 'ständig',
  })

  const teamIds: string[] = []
  const departmentHeads: string[] = []
  let teamNumber = 0
  for (let d = 0; d < departmentCount; d++) {
    const departmentId = id()
    const code = `2.500.${d + 1}`
    lines.push({
      satzart: 'einheit',
      schluessel: departmentId,
      gueltig_ab: start,
      art: 'Abteilung',
      name: DEPARTMENTS[d % DEPARTMENTS.length] ?? `Abteilung ${d + 1}`,
      kuerzel: code,
      uebergeordnet: divisionId,
    })
    departmentHeads.push(
      post(departmentId, `Abteilungsleitung ${code}`, true, true, { zeichnungsbefugnis: 'Abteilung' }),
    )
    const teamsHere = Math.ceil((teams - teamNumber) / (departmentCount - d))
    for (let k = 0; k < teamsHere; k++) {
      teamNumber += 1
      const teamId = id()
      const teamCode = `${code}${k + 1}`
      teamIds.push(teamId)
      lines.push({
        satzart: 'einheit',
        schluessel: teamId,
        gueltig_ab: start,
        art: 'Team',
        name: `${TASKS[(teamNumber - 1) % TASKS.length]} ${String.fromCharCode(65 + (k % 26))}`,
        kuerzel: teamCode,
        uebergeordnet: departmentId,
      })
    }
  }
  // The interim plan: the first department head acts for the vacant division head.
  lines.push({
    satzart: 'interim',
    gueltig_ab: interimFrom,
    stelle: divisionHead,
    handelnde_stelle: departmentHeads[0] ?? '',
  })

  // Caseworker posts spread evenly; every other one vacant, shuffled by the seed (about half, as reported).
  for (const [index, teamId] of teamIds.entries()) {
    const teamCode = lines.find((l) => l.schluessel === teamId)?.kuerzel ?? ''
    const lead = post(teamId, `Teamleitung ${teamCode}`, true, random() < 0.85, {
      zeichnungsbefugnis: 'Team',
    })
    const size = Math.floor(caseworkerCount / teams) + (index < caseworkerCount % teams ? 1 : 0)
    const caseworkers: string[] = []
    for (let n = 0; n < size; n++) {
      caseworkers.push(
        post(teamId, `Sachbearbeitung ${teamCode}-${n + 1}`, false, n === 0 || random() < 0.5, {
          aufgabengebiet: pick(TASKS),
          zeichnungsbefugnis: 'Team',
          zeichnungsgrenze: '5000,00',
        }),
      )
    }
    if (caseworkers[0]) {
      lines.push({
        satzart: 'vertretung',
        gueltig_ab: start,
        stelle: lead,
        vertretende_stelle: caseworkers[0],
        vertretungsart: 'ständig',
      })
    }
    for (const [n, postId] of caseworkers.entries()) {
      for (const step of [1, 2]) {
        const deputy = caseworkers[(n + step) % caseworkers.length]
        if (deputy && deputy !== postId && caseworkers.length > step) {
          lines.push({
            satzart: 'vertretung',
            gueltig_ab: start,
            stelle: postId,
            vertretende_stelle: deputy,
            vertretungsart: 'Kette',
            position: String(step),
          })
        }
      }
    }
  }
  const csv = `\ufeff${CSV_COLUMNS.join(';')}\r\n${lines
    .map((l) => CSV_COLUMNS.map((c) => l[c] ?? '').join(';'))
    .join('\r\n')}\r\n`
  return { csv, divisionId, teamIds, posts }
}

/** The demo organisation: 8 teams, 60 posts. */
export const DEMO_ORGANISATION = { teams: 8, posts: 60, seed: 2500 } as const

/**
 * Stores the demo organisation once (skipped when any unit exists), through the CSV import.
 * @throws Error when the generated file does not import (a bug in the generator)
 */
export async function loadDemoOrganisation(db: Db, logger: Logger, now: Date = new Date()): Promise<void> {
  if (await db.selectFrom('org_unit').select('id').limit(1).executeTakeFirst()) {
    return
  }
  const generated = generateOrganisation({ ...DEMO_ORGANISATION, now })
  const result = await importOrganisationCsv(db, { type: 'system', id: null }, generated.csv)
  if (!result.ok) {
    throw new Error(`demo organisation rejected: ${result.errors.map((e) => e.message).join(' | ')}`)
  }
  logger.info({ posts: generated.posts.length, teams: generated.teamIds.length }, 'demo organisation created')
}
