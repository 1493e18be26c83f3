// SPDX-License-Identifier: EUPL-1.2
import { randomUUID } from 'node:crypto'
import { crc32, deflateSync } from 'node:zlib'
import { sql, type Transaction } from 'kysely'
import type { Db } from '../db/database.js'
import type { Database } from '../db/schema.js'
import { type FormAnswers, grundsicherungForm } from '../modules/applications/index.js'
import { recordAuditEvent } from '../modules/audit/index.js'
import { urgencyOf } from '../modules/cases/priority-rules.js'
import { surnameKey } from '../modules/cases/routing.js'
import { type RulesInForce, rulesInForce } from '../modules/cases/urgency.service.js'
import { berlinYear } from '../shared/dates.js'
import type { FileStore } from '../shared/file-store.js'
import { hashCode, randomCode } from '../shared/ids.js'
import { type CaseLifecycle, caseLifecycle } from './case-mix.js'

/**
 * Synthetic Grundsicherung applications of invented people, for demos and load tests.
 *
 * Everything a person consists of comes from a small seeded PRNG, so one seed always yields the same people
 * in the same order. Names are common first names and surnames combined at random; addresses combine
 * Lübeck-like street names with invented house numbers and postal codes. Identifiers that could point to a
 * real person or account are made impossible on purpose: IBANs use a bank code no German bank can have,
 * health-insurance numbers carry a wrong check digit, phone numbers come from the range the
 * Bundesnetzagentur reserves for fiction, e-mail addresses use the reserved example domains.
 */

/** Options of {@link generateDemoApplications}. */
export interface DemoGeneratorOptions {
  /** How many applications to create. */
  count: number
  /** Same seed, same people (names, answers, order). */
  seed: number
  /** Applications per INSERT and per transaction (default 2000: a few MB of JSON, a short transaction). */
  batchSize?: number
  /** Called after each committed batch with the number of applications stored so far. */
  onProgress?: (done: number) => void
  /**
   * The moment the data is generated "at": submission dates lie in the 18 months before it and ages are
   * counted from it. Defaults to the current time; tests fix it so that two runs are identical.
   */
  now?: Date
  /**
   * Posts the cases are spread over (each case goes to one, chosen from the seed); none = every case in the
   * fallback queue.
   */
  postIds?: readonly string[]
  /**
   * 'intake' (default): fresh Grundsicherung applications, submitted or in review. 'office': cases as an
   * office has them after years of work — a mix of benefit types and statuses up to decided, objection and
   * closed, with benefit periods and objection dates, so that priority classes and deadlines vary
   * (case-mix.ts).
   */
  mix?: 'intake' | 'office'
}

/** One generated application before it is stored: the answers exactly as the form engine stores them. */
export interface DemoApplication {
  answers: FormAnswers
  status: ApplicationStatus
  submittedAt: Date
  /** Equal to submittedAt while the status is `submitted`. */
  statusChangedAt: Date
  /** Evidence uploaded with the application: an index into {@link DEMO_FILES} and the upload time. */
  documents: Array<{ file: number; uploadedAt: Date }>
}

/** A synthetic evidence file; stored once in the file store and shared by many document rows. */
export interface DemoFile {
  originalName: string
  mediaType: DocumentMediaType
  bytes: Uint8Array
}

// Derived rather than imported, so that the demo reaches the applications module through its index only.
type StepAnswers = FormAnswers[string]
type ApplicationStatus = Database['application']['status']
type DocumentMediaType = Database['document']['media_type']

const DEFAULT_BATCH_SIZE = 2000
const DAY_MS = 86_400_000
/** Submissions are spread over roughly the last 18 months. */
const SUBMISSION_SPAN_MS = 548 * DAY_MS
/** Access codes like the real ones (3 groups); nobody knows them, the hash only has to be realistic. */
const ACCESS_CODE_GROUPS = 3

// ---------------------------------------------------------------------------------------------------------
// Random numbers

/**
 * mulberry32: a tiny, fast 32-bit PRNG with good enough statistics for test data. Not for secrets.
 * @param seed any integer
 * @returns a function returning floats in [0, 1)
 * @example const rng = mulberry32(42); rng() // 0.6011037519201636, on every machine
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

class Random {
  constructor(private readonly next: () => number) {}

  float(): number {
    return this.next()
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)]
    if (item === undefined) {
      throw new Error('pick from an empty list')
    }
    return item
  }

  /** Picks by weight: `[[value, weight], ...]`; weights need not sum to 1. */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    let total = 0
    for (const [, w] of items) {
      total += w
    }
    let r = this.next() * total
    for (const [value, w] of items) {
      r -= w
      if (r < 0) {
        return value
      }
    }
    const last = items[items.length - 1]
    if (!last) {
      throw new Error('weighted pick from an empty list')
    }
    return last[0]
  }

  /** Cents between two euro amounts. */
  cents(minEuro: number, maxEuro: number): number {
    return this.int(minEuro * 100, maxEuro * 100)
  }

  digits(n: number): string {
    let s = ''
    for (let i = 0; i < n; i++) {
      s += String(this.int(0, 9))
    }
    return s
  }
}

// ---------------------------------------------------------------------------------------------------------
// Name lists: common names of the generations that apply for Grundsicherung in Lübeck, combined at random.

type Gender = 'f' | 'm'
type Origin = 'german' | 'turkish' | 'polish' | 'syrian' | 'ukrainian'

interface NamePool {
  female: readonly string[]
  male: readonly string[]
  /** [masculine, feminine]; most languages use one form for both. */
  surnames: ReadonlyArray<readonly [string, string]>
  /** Nationalities people of this origin state, with weights. */
  nationality: ReadonlyArray<readonly [string, number]>
}

const same = (names: readonly string[]) => names.map((n) => [n, n] as const)

// biome-ignore format: name lists read better as blocks than one name per line
const NAMES: Record<Origin, NamePool> = {
  german: {
    female: [
      'Erika', 'Ursula', 'Helga', 'Gisela', 'Ingrid', 'Renate', 'Brigitte', 'Christa', 'Monika', 'Karin',
      'Elke', 'Hannelore', 'Gertrud', 'Waltraud', 'Marianne', 'Bärbel', 'Käthe', 'Lieselotte', 'Annegret',
      'Dörte', 'Heike', 'Sabine', 'Petra', 'Gabriele', 'Rosemarie', 'Irmgard', 'Edeltraud', 'Margot',
      'Anneliese', 'Elfriede', 'Jutta', 'Hiltrud', 'Frauke', 'Silke', 'Maren',
    ],
    male: [
      'Klaus', 'Jürgen', 'Günter', 'Hans-Peter', 'Manfred', 'Wolfgang', 'Dieter', 'Horst', 'Uwe', 'Rolf',
      'Heinz', 'Gerd', 'Bernd', 'Peter', 'Werner', 'Jörg', 'Jörn', 'Sönke', 'Hauke', 'Björn', 'Lutz',
      'Reinhard', 'Karl-Heinz', 'Detlef', 'Hartmut', 'Volker', 'Rüdiger', 'Günther', 'Ernst', 'Joachim',
      'Frank', 'Thomas', 'Michael', 'Andreas', 'Hinrich', 'Claus-Jürgen',
    ],
    surnames: same([
      'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann',
      'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann',
      'Braun', 'Krüger', 'Hartmann', 'Lange', 'Werner', 'Krause', 'Lehmann', 'Köhler', 'Jürgensen',
      'Petersen', 'Hansen', 'Voß', 'Möller', 'Lüdtke', 'Brüggemann', 'Thießen', 'Sievers', 'Claßen', 'Görtz',
      'Plöger', 'Ahrens', 'Behrens', 'Dührkop', 'Rößler', 'Jöhnk', 'Stüven', 'Haß', 'Mölln-Schütt',
      'Rüter', 'Kröger',
    ]),
    nationality: [['deutsch', 1]],
  },
  turkish: {
    female: ['Ayşe', 'Fatma', 'Emine', 'Hatice', 'Zeynep', 'Elif', 'Gül', 'Sevgi', 'Hülya', 'Gülsüm'],
    male: ['Mehmet', 'Mustafa', 'Ahmet', 'Ali', 'Hüseyin', 'İbrahim', 'Hasan', 'Yusuf', 'Osman', 'Ömer'],
    surnames: same(['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Öztürk', 'Aydın', 'Arslan', 'Doğan', 'Koç', 'Kılıç', 'Yıldız']),
    nationality: [
      ['türkisch', 6],
      ['deutsch', 4],
    ],
  },
  polish: {
    female: ['Krystyna', 'Danuta', 'Halina', 'Małgorzata', 'Barbara', 'Elżbieta', 'Jadwiga', 'Teresa', 'Grażyna'],
    male: ['Stanisław', 'Zbigniew', 'Tadeusz', 'Krzysztof', 'Andrzej', 'Jerzy', 'Janusz', 'Józef', 'Ryszard'],
    surnames: [
      ['Nowak', 'Nowak'],
      ['Kowalski', 'Kowalska'],
      ['Wiśniewski', 'Wiśniewska'],
      ['Wójcik', 'Wójcik'],
      ['Kamiński', 'Kamińska'],
      ['Lewandowski', 'Lewandowska'],
      ['Zieliński', 'Zielińska'],
      ['Szymański', 'Szymańska'],
      ['Woźniak', 'Woźniak'],
      ['Dąbrowski', 'Dąbrowska'],
    ],
    nationality: [
      ['polnisch', 7],
      ['deutsch', 3],
    ],
  },
  syrian: {
    female: ['Fatima', 'Amina', 'Mariam', 'Rania', 'Huda', 'Samira', 'Layla', 'Nour', 'Rasha'],
    male: ['Mohammed', 'Ahmad', 'Khaled', 'Omar', 'Mahmoud', 'Abdullah', 'Yasser', 'Hassan', 'Bassam'],
    surnames: same(['Al-Hassan', 'Khalil', 'Haddad', 'Ibrahim', 'Al-Ahmad', 'Darwish', 'Hamdan', 'Nasser', 'Saleh', 'Al-Khatib']),
    nationality: [
      ['syrisch', 9],
      ['deutsch', 1],
    ],
  },
  ukrainian: {
    female: ['Olena', 'Natalija', 'Ljudmyla', 'Halyna', 'Tetjana', 'Walentyna', 'Oksana', 'Switlana', 'Nadija'],
    male: ['Mykola', 'Wolodymyr', 'Oleksandr', 'Wassyl', 'Petro', 'Serhij', 'Iwan', 'Jurij', 'Anatolij'],
    surnames: same([
      'Schewtschenko', 'Kowalenko', 'Bondarenko', 'Tkatschenko', 'Kowaltschuk', 'Melnyk', 'Bojko',
      'Krawtschenko', 'Olijnyk', 'Lyssenko',
    ]),
    nationality: [['ukrainisch', 1]],
  },
}

const ORIGINS: ReadonlyArray<readonly [Origin, number]> = [
  ['german', 72],
  ['turkish', 9],
  ['polish', 7],
  ['syrian', 6],
  ['ukrainian', 6],
]

/** Street names as they sound in Lübeck; house numbers and postal codes are put together at random. */
// biome-ignore format: a block of names, not one per line
const STREETS = [
  'Große Burgstraße', 'Königstraße', 'Mengstraße', 'Hüxstraße', 'Fleischhauerstraße', 'Wahmstraße',
  'Engelsgrube', 'Glockengießerstraße', 'Moislinger Allee', 'Kronsforder Allee', 'Ratzeburger Allee',
  'Travemünder Allee', 'Schwartauer Allee', 'Fackenburger Allee', 'Ziegelstraße', 'Marlistraße',
  'Kücknitzer Hauptstraße', 'Brüder-Grimm-Ring', 'Hudekamp', 'Korvettenstraße', 'Wesloer Landstraße',
  'Schönböckener Straße', 'Dornbreite', 'Meesenring', 'Vorwerker Straße', 'Arnimstraße',
  'Bei der Lohmühle', 'Am Behnckenhof', 'Lübecker Straße', 'Solmitzstraße', 'Möllner Weg', 'Kalkbrennerstraße',
  'Torneyweg', 'Gneisenaustraße', 'Rübenkoppel', 'Kaninchenborn', 'Stüberstraße', 'Elbinger Straße',
]

/** Postal codes of Lübeck between 23552 and 23570. */
const POSTAL_CODES = [
  '23552',
  '23554',
  '23556',
  '23558',
  '23560',
  '23562',
  '23564',
  '23566',
  '23568',
  '23569',
  '23570',
]

const STATUTORY_INSURERS: ReadonlyArray<readonly [string, number]> = [
  ['AOK NordWest', 30],
  ['Techniker Krankenkasse', 18],
  ['BARMER', 15],
  ['DAK-Gesundheit', 12],
  ['IKK classic', 6],
  ['KKH Kaufmännische Krankenkasse', 5],
  ['hkk Krankenkasse', 4],
  ['Knappschaft', 5],
  ['Mobil Krankenkasse', 5],
]
const PRIVATE_INSURERS = [
  'Debeka Krankenversicherungsverein a. G.',
  'HUK-COBURG-Krankenversicherung AG',
  'Signal Iduna Krankenversicherung a. G.',
]

const PENSION_FUNDS: ReadonlyArray<readonly [string, number]> = [
  ['Deutsche Rentenversicherung Nord', 60],
  ['Deutsche Rentenversicherung Bund', 30],
  ['Deutsche Rentenversicherung Knappschaft-Bahn-See', 10],
]

/**
 * No German bank code starts with 0 (the first digit is the clearing area, 1 to 8), so no generated IBAN
 * can be a real account. The IBAN check digits are still correct, so every validator accepts them.
 */
const FICTITIOUS_BANK_CODE = '02300000'

// ---------------------------------------------------------------------------------------------------------
// Identifiers

/**
 * A German IBAN with correct check digits (ISO 13616: 98 − (BBAN + "DE00" as digits) mod 97).
 * @param bban 18 digits: bank code and account number
 */
export function germanIban(bban: string): string {
  // "DE00" moved behind the BBAN, letters as numbers: D = 13, E = 14.
  const digits = `${bban}131400`
  let rest = 0
  for (let i = 0; i < digits.length; i += 7) {
    rest = Number(`${rest}${digits.slice(i, i + 7)}`) % 97
  }
  return `DE${String(98 - rest).padStart(2, '0')}${bban}`
}

/**
 * A Krankenversichertennummer whose check digit is deliberately wrong, so that it can never be a real
 * person's number. The check digit (modified Luhn, weights 1-2-1-2…, letter as 01–26) is computed and then
 * shifted by one. The form checks only the shape (a capital letter and nine digits).
 */
function fictitiousInsuranceNumber(rng: Random): string {
  const letter = String.fromCharCode(65 + rng.int(0, 25))
  const body = rng.digits(8)
  const digits = `${String(letter.charCodeAt(0) - 64).padStart(2, '0')}${body}`
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    const product = Number(digits[i]) * (i % 2 === 0 ? 1 : 2)
    sum += product > 9 ? product - 9 : product
  }
  const wrongCheck = (sum + 1) % 10
  return `${letter}${body}${wrongCheck}`
}

/** ASCII for e-mail local parts: ä → ae, ß → ss, other accents dropped. */
function asciiName(name: string): string {
  return name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/ı/g, 'i')
    .replace(/ł/g, 'l')
    .normalize('NFD')
    .replace(/[^a-z]/g, '')
}

// ---------------------------------------------------------------------------------------------------------
// Dates

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

/** A birth date for someone `age` years (and some days) old at `at`. */
function birthDate(rng: Random, at: number, age: number): string {
  return isoDate(at - (age * 365.25 + rng.int(1, 364)) * DAY_MS)
}

// ---------------------------------------------------------------------------------------------------------
// One person

interface Person {
  origin: Origin
  gender: Gender
  givenName: string
  surname: string
}

function personOf(
  rng: Random,
  origin: Origin,
  gender: Gender,
  surnamePair?: readonly [string, string],
): Person {
  const pool = NAMES[origin]
  const pair = surnamePair ?? rng.pick(pool.surnames)
  return {
    origin,
    gender,
    givenName: rng.pick(gender === 'f' ? pool.female : pool.male),
    surname: gender === 'f' ? pair[1] : pair[0],
  }
}

/**
 * The answers of one application, key by key in the order the form engine writes them. Which keys exist
 * follows the form's conditions: a list only when its switch says so, conditional fields only when they
 * apply, optional fields left out when empty.
 */
function demoAnswers(
  rng: Random,
  at: number,
): { answers: FormAnswers; wantsDocuments: Array<'pension' | 'rent' | 'account'> } {
  const origin = rng.weighted(ORIGINS)
  const pool = NAMES[origin]
  const gender: Gender = rng.chance(0.58) ? 'f' : 'm'
  const surnamePair = rng.pick(pool.surnames)
  const applicant = personOf(rng, origin, gender, surnamePair)
  // Grundsicherung: mostly people past pension age; the others are permanently unable to work (18–64).
  const disabled = rng.chance(0.2)
  const [minAge, maxAge] = disabled
    ? [18, 64]
    : rng.weighted([
        [[66, 74], 5],
        [[75, 84], 3],
        [[85, 96], 1],
      ] as const)
  const age = rng.int(minAge, maxAge)

  const maritalStatus = disabled
    ? rng.weighted([
        ['single', 70],
        ['married', 12],
        ['divorced', 14],
        ['separated', 4],
      ] as const)
    : rng.weighted([
        ['widowed', 35],
        ['married', 25],
        ['divorced', 20],
        ['single', 15],
        ['separated', 5],
      ] as const)

  const person: StepAnswers = {
    givenName: applicant.givenName,
    surname: applicant.surname,
    birthDate: birthDate(rng, at, age),
    street: `${rng.pick(STREETS)} ${rng.int(1, 140)}${rng.chance(0.08) ? rng.pick(['a', 'b', 'c']) : ''}`,
    postalCode: rng.pick(POSTAL_CODES),
    city: 'Lübeck',
    nationality: rng.weighted(pool.nationality),
    maritalStatus,
  }
  if (rng.chance(0.3)) {
    // Numbers the Bundesnetzagentur keeps free for films and books: (0)40 66969 000 to 999.
    person.phone = `040 66969 ${String(rng.int(0, 999)).padStart(3, '0')}`
  }
  if (rng.chance(0.15)) {
    person.email = `${asciiName(applicant.givenName)}.${asciiName(applicant.surname)}${rng.int(1, 99)}@${rng.pick(['example.org', 'example.net', 'example.com'])}`
  }

  const members: Array<Record<string, string | number>> = []
  if (maritalStatus === 'married' && rng.chance(0.95)) {
    const spouse = personOf(rng, origin, gender === 'f' ? 'm' : 'f', surnamePair)
    const spouseAge = Math.min(99, Math.max(18, age + rng.int(-6, 6)))
    members.push({
      givenName: spouse.givenName,
      surname: spouse.surname,
      birthDate: birthDate(rng, at, spouseAge),
      relationship: 'spouse',
    })
  } else if (disabled && age < 45 && rng.chance(0.35)) {
    // Younger people with a disability often still live with a parent.
    const parent = personOf(rng, origin, rng.chance(0.6) ? 'f' : 'm', surnamePair)
    members.push({
      givenName: parent.givenName,
      surname: parent.surname,
      birthDate: birthDate(rng, at, Math.min(95, age + rng.int(22, 38))),
      relationship: 'parent',
    })
  } else if (!disabled && rng.chance(0.07)) {
    const child = personOf(rng, origin, rng.chance(0.5) ? 'f' : 'm', surnamePair)
    members.push({
      givenName: child.givenName,
      surname: child.surname,
      birthDate: birthDate(rng, at, Math.max(18, age - rng.int(22, 38))),
      relationship: 'child',
    })
  }
  const household: StepAnswers = members.length > 0 ? { livesAlone: 'nein', members } : { livesAlone: 'ja' }

  const incomeItems: Array<Record<string, string | number>> = []
  const wantsDocuments: Array<'pension' | 'rent' | 'account'> = []
  if (disabled) {
    incomeItems.push({
      kind: 'disability_pension',
      source: 'Deutsche Rentenversicherung Nord',
      monthlyAmount: rng.cents(310, 980),
    })
    if (rng.chance(0.4)) {
      incomeItems.push({
        kind: 'earnings',
        source: 'Werkstatt für Menschen mit Behinderung',
        monthlyAmount: rng.cents(120, 320),
      })
    }
    wantsDocuments.push('pension')
  } else {
    // Recently arrived people rarely have a German pension yet.
    const noPension = origin === 'syrian' || origin === 'ukrainian' ? rng.chance(0.6) : rng.chance(0.06)
    if (!noPension) {
      incomeItems.push({
        kind: 'old_age_pension',
        source: rng.weighted(PENSION_FUNDS),
        monthlyAmount: rng.cents(240, 1150),
      })
      wantsDocuments.push('pension')
    }
    if (maritalStatus === 'widowed' && rng.chance(0.55)) {
      incomeItems.push({
        kind: 'widows_pension',
        source: rng.weighted(PENSION_FUNDS),
        monthlyAmount: rng.cents(140, 650),
      })
    }
    if (rng.chance(0.1)) {
      incomeItems.push({
        kind: 'company_pension',
        source: 'Betriebsrente des früheren Arbeitgebers',
        monthlyAmount: rng.cents(35, 260),
      })
    }
    if (age < 75 && rng.chance(0.05)) {
      incomeItems.push({
        kind: 'earnings',
        source: 'Minijob (Reinigung)',
        monthlyAmount: rng.cents(150, 538),
      })
    }
  }
  const income: StepAnswers =
    incomeItems.length > 0 ? { hasIncome: 'ja', items: incomeItems } : { hasIncome: 'nein' }

  const assetItems: Array<Record<string, string | number>> = []
  if (rng.chance(0.75)) {
    assetItems.push({
      kind: 'current_account',
      description: rng.pick([
        'Girokonto Sparkasse zu Lübeck',
        'Girokonto bei der Volksbank',
        'Girokonto (Direktbank)',
        'Basiskonto',
      ]),
      value: rng.cents(5, 2400),
    })
    wantsDocuments.push('account')
  }
  if (rng.chance(0.25)) {
    assetItems.push({ kind: 'savings', description: 'Sparbuch', value: rng.cents(50, 6500) })
  }
  if (rng.chance(0.12)) {
    assetItems.push({
      kind: 'life_insurance',
      description: 'Sterbegeldversicherung',
      value: rng.cents(1200, 6000),
    })
  }
  if (rng.chance(0.06)) {
    assetItems.push({
      kind: 'vehicle',
      description: `Pkw, Baujahr ${rng.int(2004, 2016)}`,
      value: rng.cents(300, 2800),
    })
  }
  if (rng.chance(0.1)) {
    assetItems.push({ kind: 'cash', description: 'Bargeld', value: rng.cents(10, 400) })
  }
  const assets: StepAnswers =
    assetItems.length > 0 ? { hasAssets: 'ja', items: assetItems } : { hasAssets: 'nein' }

  const housingType = rng.weighted([
    ['rented', 85],
    ['with_relatives', 7],
    ['owned', 4],
    ['institution', 4],
  ] as const)
  const housing: StepAnswers = { housingType }
  const space = members.length > 0 ? rng.int(450, 780) / 10 : rng.int(260, 620) / 10
  if (housingType === 'rented') {
    housing.rent = Math.round(space * rng.int(620, 980))
    housing.serviceCharges = Math.round(space * rng.int(160, 320))
    housing.heatingCosts = Math.round(space * rng.int(90, 220))
    housing.livingSpace = rng.chance(0.5) ? Math.round(space) : space
    wantsDocuments.push('rent')
  } else if (housingType === 'owned') {
    housing.serviceCharges = rng.cents(60, 180)
    housing.heatingCosts = rng.cents(50, 140)
    housing.livingSpace = Math.round(space + 20)
  }

  const insuranceType = rng.weighted([
    ['statutory', 96],
    ['private', 2],
    ['none', 2],
  ] as const)
  const healthInsurance: StepAnswers = { insuranceType }
  if (insuranceType === 'statutory') {
    healthInsurance.insurer = rng.weighted(STATUTORY_INSURERS)
    if (rng.chance(0.7)) {
      healthInsurance.insuranceNumber = fictitiousInsuranceNumber(rng)
    }
  } else if (insuranceType === 'private') {
    healthInsurance.insurer = rng.pick(PRIVATE_INSURERS)
  }

  const bankAccount: StepAnswers = {
    accountHolder: `${applicant.givenName} ${applicant.surname}`,
    iban: germanIban(`${FICTITIOUS_BANK_CODE}${rng.digits(10)}`),
  }

  return {
    answers: {
      person,
      household,
      income,
      assets,
      housing,
      healthInsurance,
      bankAccount,
      declarations: { truthful: 'ja', reportChanges: 'ja', dataProcessing: 'ja' },
    },
    wantsDocuments,
  }
}

/**
 * The applications a seed yields, one after the other, without touching a database. Submission times rise
 * with the index, so reference numbers taken in this order rise with time as they do in real life.
 * @param options seed, count and the reference moment (see {@link DemoGeneratorOptions.now})
 * @example const [first] = buildDemoApplications({ seed: 1, count: 1, now: new Date() })
 */
export function* buildDemoApplications(options: {
  seed: number
  count: number
  now: Date
}): Generator<DemoApplication> {
  const rng = new Random(mulberry32(options.seed))
  const now = options.now.getTime()
  const start = now - SUBMISSION_SPAN_MS
  for (let i = 0; i < options.count; i++) {
    const submitted = Math.floor(start + (SUBMISSION_SPAN_MS * (i + rng.float())) / options.count)
    // Ages count at submission: whoever applies for the old-age benefit has reached pension age by then.
    const { answers, wantsDocuments } = demoAnswers(rng, submitted)
    const ageMs = now - submitted
    // The longer an application has been in, the likelier a caseworker has picked it up.
    const inReview = ageMs > 2 * 3_600_000 && rng.chance(Math.min(0.85, ageMs / (45 * DAY_MS)))
    const changed = inReview
      ? submitted + rng.int(3_600_000, Math.min(30 * DAY_MS, ageMs - 3_600_000))
      : submitted
    const documents: DemoApplication['documents'] = []
    if (rng.chance(1 / 3)) {
      const wanted = wantsDocuments.length > 0 ? wantsDocuments : (['account'] as const)
      const first = rng.pick(wanted)
      documents.push({
        file: FILE_FOR[first],
        uploadedAt: new Date(submitted - rng.int(60_000, 3 * 3_600_000)),
      })
      const second = rng.pick(wanted)
      if (second !== first && rng.chance(0.4)) {
        documents.push({
          file: FILE_FOR[second],
          uploadedAt: new Date(submitted - rng.int(60_000, 3 * 3_600_000)),
        })
      }
    }
    yield {
      answers,
      status: inReview ? 'in_review' : 'submitted',
      submittedAt: new Date(submitted),
      statusChangedAt: new Date(changed),
      documents,
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Synthetic evidence files

/**
 * A one-page PDF with the standard Helvetica font in WinAnsiEncoding, which covers the German umlauts and ß;
 * built by hand so that it is tiny and byte-for-byte the same on every run.
 */
function textPdf(title: string, lines: readonly string[]): Uint8Array {
  const escapePdf = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`)
  const text = [
    `/F1 16 Tf (${escapePdf(title)}) Tj`,
    '/F1 11 Tf',
    ...lines.map((l) => `T* (${escapePdf(l)}) Tj`),
  ].join('\n')
  const content = `BT\n16 TL\n72 770 Td\n${text}\nET\n`
  const contentBytes = Buffer.from(content, 'latin1')
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${contentBytes.length} >>\nstream\n${content}endstream`,
  ]
  // The binary comment line tells tools that the file holds 8-bit text.
  let pdf = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n'
  const offsets: number[] = []
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'))
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`
  })
  const xref = Buffer.byteLength(pdf, 'latin1')
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  for (const offset of offsets) {
    pdf += `${String(offset).padStart(10, '0')} 00000 n \n`
  }
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(pdf, 'latin1')
}

/** A small PNG (RGB, 8 bit): a grey "scan" of a statement with a few dark lines on paper white. */
function statementPng(width = 48, height = 64): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(typeAndData))
    return Buffer.concat([length, typeAndData, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // colour type: RGB
  const raw = Buffer.alloc((width * 3 + 1) * height)
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1)
    raw[row] = 0 // filter: none
    const isLine = y > 8 && y % 6 === 0
    for (let x = 0; x < width; x++) {
      const ink = isLine && x > 5 && x < width - 6 - ((y * 7) % 13)
      const shade = ink ? 70 : 246
      raw.fill(shade, row + 1 + x * 3, row + 4 + x * 3)
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** The few synthetic files all demo documents point to. */
export const DEMO_FILES: readonly DemoFile[] = [
  {
    originalName: 'Rentenbescheid.pdf',
    mediaType: 'application/pdf',
    bytes: textPdf('Rentenbescheid (Muster)', [
      'Synthetische Demodaten - keine echte Person, kein echter Bescheid.',
      'Rentenanpassung zum 1. Juli: Höhe der monatlichen Zahlung siehe Antrag.',
      'Prüfung der Grundsicherung im Alter und bei Erwerbsminderung, Hansestadt Lübeck.',
      'Größere Änderungen bitte unverzüglich mitteilen.',
    ]),
  },
  {
    originalName: 'Mietbescheinigung.pdf',
    mediaType: 'application/pdf',
    bytes: textPdf('Mietbescheinigung (Muster)', [
      'Synthetische Demodaten - Vermieterin: Wohnungsgesellschaft Muster-Trave (erfunden).',
      'Grundmiete, Betriebskosten und Heizkosten monatlich, Wohnfläche in m².',
      'Übergabe der Wohnung gemäß Mietvertrag; Straße und Hausnummer siehe Antrag.',
    ]),
  },
  { originalName: 'Kontoauszug.png', mediaType: 'image/png', bytes: statementPng() },
]

const FILE_FOR = { pension: 0, rent: 1, account: 2 } as const

// ---------------------------------------------------------------------------------------------------------
// Storing

interface StoredFile {
  file: DemoFile
  key: string
  sha256: Buffer
}

/**
 * Fills the database with `count` synthetic Grundsicherung applications: application rows, their status
 * history, about a third with one or two documents (the files themselves are stored once and shared), and
 * one audit event per batch that says the rows are generated demo data.
 *
 * Each batch is one transaction with one INSERT per table. A batch's rows travel as one JSON parameter that
 * PostgreSQL unpacks with `json_to_recordset`: thousands of rows per statement without thousands of bind
 * parameters, and without the driver escaping every answer document into an array literal (which cost more
 * than everything else together). The next batch is built while the database writes the previous one.
 * Reference numbers come from `application_reference_seq` like real ones, so generated and real
 * applications never collide.
 *
 * @param db the application database (migrated); a pool of at least two connections lets building and
 *   writing overlap
 * @param fileStore where the synthetic evidence files go
 * @param options count, seed and optional batch size, progress callback and reference time
 * @returns how many applications were stored
 * @throws the database's error; batches committed before it stay
 */
export async function generateDemoApplications(
  db: Db,
  fileStore: FileStore,
  options: DemoGeneratorOptions,
): Promise<{ count: number }> {
  const { count, seed } = options
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE))
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`count must be a non-negative integer, got ${count}`)
  }
  if (count === 0) {
    return { count: 0 }
  }
  const files: StoredFile[] = []
  for (const file of DEMO_FILES) {
    const stored = await fileStore.put(file.bytes)
    files.push({ file, key: stored.key, sha256: stored.sha256 })
  }
  // A caseworker "picked up" the applications in review, when the demo has one.
  const reviewer = await db
    .selectFrom('staff_user')
    .select('id')
    .where('role', '=', 'caseworker')
    .where('disabled_at', 'is', null)
    .orderBy('username')
    .executeTakeFirst()

  const now = options.now ?? new Date()
  const source = buildDemoApplications({ seed, count, now })
  const rules = await rulesInForce(db, now)
  const pickPost = mulberry32(seed ^ 0x5eed)
  const posts = options.postIds ?? []
  const lifeRandom = mulberry32(seed ^ 0x11fe)
  const lifecycleOf =
    options.mix === 'office'
      ? (app: DemoApplication) => caseLifecycle(lifeRandom, app.submittedAt, now)
      : undefined
  let produced = 0
  let stored = 0
  let pending: Promise<void> | undefined
  while (produced < count) {
    const batch: DemoApplication[] = []
    for (let i = Math.min(batchSize, count - produced); i > 0; i--) {
      const next = source.next()
      if (next.done) {
        break
      }
      batch.push(next.value)
    }
    produced += batch.length
    // Sequence numbers are not transactional anyway, so the block can be reserved before the batch's
    // transaction; taken in batch order, they still rise with the submission time.
    const numbers = await reserveReferenceNumbers(db, batch.length)
    const payload = encodeBatch(batch, numbers, files, reviewer?.id ?? null, {
      rules,
      postOf: () => (posts.length === 0 ? null : (posts[Math.floor(pickPost() * posts.length)] ?? null)),
      lifecycleOf,
    })
    // Building a batch is work for Node, writing one is work for PostgreSQL: overlap them, but keep one
    // write at a time.
    if (pending) {
      await pending
    }
    pending = db
      .transaction()
      .execute((trx) => insertBatch(trx, payload, seed))
      .then(() => {
        stored += payload.count
        options.onProgress?.(stored)
      })
    // Marks the rejection as handled while the next batch is built; the await above still throws it.
    pending.catch(() => {})
  }
  await pending
  return { count: stored }
}

async function reserveReferenceNumbers(db: Db, n: number): Promise<number[]> {
  const { rows } = await sql<{ n: number }>`
    select nextval('application_reference_seq')::int as n from generate_series(1, ${n}::int)`.execute(db)
  // A set-returning query promises no order.
  return rows.map((r) => r.n).sort((a, b) => a - b)
}

/** One batch as JSON documents, one per table, ready for `json_to_recordset`. */
interface EncodedBatch {
  count: number
  firstReference: string
  lastReference: string
  applications: string
  statusChanges: string
  documents: string | null
  urgencyConfigId: string
}

function encodeBatch(
  batch: readonly DemoApplication[],
  numbers: readonly number[],
  files: readonly StoredFile[],
  reviewerId: string | null,
  routing: {
    rules: RulesInForce
    postOf: () => string | null
    lifecycleOf?: ((app: DemoApplication) => CaseLifecycle) | undefined
  },
): EncodedBatch {
  const applications: unknown[] = []
  const changes: unknown[] = []
  const documents: unknown[] = []
  const references: string[] = []
  batch.forEach((app, i) => {
    const id = randomUUID()
    const person = app.answers.person ?? {}
    const reference = `${grundsicherungForm.referencePrefix}-${berlinYear(app.submittedAt)}-${String(numbers[i]).padStart(7, '0')}`
    references.push(reference)
    const life = routing.lifecycleOf?.(app)
    const benefitType = life?.benefitType ?? grundsicherungForm.benefitType
    const status = life?.status ?? app.status
    const objectionReceivedAt = life?.objectionReceivedAt ?? null
    const benefitPeriodEnd = life?.benefitPeriodEnd ?? null
    const urgency = urgencyOf(
      {
        benefitType,
        status,
        submittedAt: app.submittedAt,
        objectionReceivedAt,
        benefitPeriodEnd,
        openDocumentRequestsDue: [],
      },
      routing.rules.rules,
    )
    applications.push({
      id,
      reference,
      surname_key: surnameKey(String(person.surname)),
      post_id: routing.postOf(),
      priority_class: urgency.priorityClass,
      deadline_at: urgency.nextDeadline?.at ?? null,
      deadline_kind: urgency.nextDeadline?.kind ?? null,
      benefit_type: benefitType,
      status,
      objection_received_at: objectionReceivedAt,
      benefit_period_end: benefitPeriodEnd,
      surname: person.surname,
      given_name: person.givenName,
      birth_date: person.birthDate,
      answers: app.answers,
      code_hash: hashCode(randomCode(ACCESS_CODE_GROUPS)).toString('hex'),
      submitted_at: app.submittedAt,
      status_changed_at: life ? (life.changes.at(-1)?.at ?? app.submittedAt) : app.statusChangedAt,
    })
    changes.push({
      application_id: id,
      from_status: null,
      to_status: 'submitted',
      changed_by: null,
      changed_at: app.submittedAt,
    })
    if (life) {
      for (const change of life.changes) {
        changes.push({
          application_id: id,
          from_status: change.from,
          to_status: change.to,
          changed_by: reviewerId,
          changed_at: change.at,
        })
      }
    } else if (app.status === 'in_review') {
      changes.push({
        application_id: id,
        from_status: 'submitted',
        to_status: 'in_review',
        changed_by: reviewerId,
        changed_at: app.statusChangedAt,
      })
    }
    for (const doc of app.documents) {
      const stored = files[doc.file]
      if (!stored) {
        throw new Error(`no demo file ${doc.file}`)
      }
      documents.push({
        application_id: id,
        original_name: stored.file.originalName,
        media_type: stored.file.mediaType,
        size_bytes: stored.file.bytes.byteLength,
        sha256: stored.sha256.toString('hex'),
        storage_key: stored.key,
        uploaded_at: doc.uploadedAt,
      })
    }
  })
  return {
    count: batch.length,
    firstReference: references[0] ?? '',
    lastReference: references[references.length - 1] ?? '',
    applications: JSON.stringify(applications),
    statusChanges: JSON.stringify(changes),
    documents: documents.length > 0 ? JSON.stringify(documents) : null,
    urgencyConfigId: routing.rules.id,
  }
}

async function insertBatch(trx: Transaction<Database>, batch: EncodedBatch, seed: number): Promise<void> {
  await sql`
    insert into application (id, reference, benefit_type, status, applicant_surname, applicant_given_name,
      applicant_birth_date, answers, access_code_hash, submitted_at, status_changed_at, surname_key,
      assigned_post_id, priority_class, next_deadline_at, next_deadline_kind, urgency_config_id,
      objection_received_at, benefit_period_end)
    select id, reference, benefit_type, status, surname, given_name, birth_date, answers,
      decode(code_hash, 'hex'), submitted_at, status_changed_at, surname_key, post_id, priority_class,
      deadline_at, deadline_kind, ${batch.urgencyConfigId}::uuid, objection_received_at, benefit_period_end
    from json_to_recordset(${batch.applications}::json) as t(id uuid, reference text, benefit_type text,
      status text, surname text, given_name text, birth_date date, answers jsonb, code_hash text,
      submitted_at timestamptz, status_changed_at timestamptz, surname_key text, post_id uuid,
      priority_class smallint, deadline_at timestamptz, deadline_kind text, objection_received_at timestamptz,
      benefit_period_end date)
  `.execute(trx)
  await sql`
    insert into application_status_change (application_id, from_status, to_status, changed_by, changed_at)
    select application_id, from_status, to_status, changed_by, changed_at
    from json_to_recordset(${batch.statusChanges}::json) as t(application_id uuid, from_status text,
      to_status text, changed_by uuid, changed_at timestamptz)
  `.execute(trx)
  if (batch.documents) {
    await sql`
      insert into document (application_id, original_name, media_type, size_bytes, sha256, storage_key, uploaded_at)
      select application_id, original_name, media_type, size_bytes, decode(sha256, 'hex'), storage_key, uploaded_at
      from json_to_recordset(${batch.documents}::json) as t(application_id uuid, original_name text,
        media_type text, size_bytes int, sha256 text, storage_key text, uploaded_at timestamptz)
    `.execute(trx)
  }
  await recordAuditEvent(trx, {
    actor: { type: 'system', id: null },
    action: 'demo.generate',
    subject: { type: 'application_batch', id: `${batch.firstReference}..${batch.lastReference}` },
    details: { synthetic: true, seed, count: batch.count },
  })
}
