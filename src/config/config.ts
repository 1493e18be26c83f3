// SPDX-License-Identifier: EUPL-1.2
import path from 'node:path'
import { z } from 'zod'

/**
 * The whole runtime configuration, parsed once from the environment. No other file reads `process.env`.
 * Every key says what it is for; defaults are safe for a local demo.
 */
const ConfigSchema = z.object({
  /** `production` turns on secure cookies and hides error details. */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** TCP port of the HTTP server. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Interface the HTTP server binds to. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** An existing PostgreSQL (15+). When unset, the app starts its own embedded server. */
  DATABASE_URL: z.string().url().optional(),
  /** Where the embedded database, uploaded files and other local state live. */
  DATA_DIR: z.string().min(1).default('data'),
  /** Port of the embedded PostgreSQL server (only used without DATABASE_URL). */
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54320),
  /** Load synthetic demo data when the database is empty. */
  DEMO_DATA: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Set when the app is served over HTTPS (directly or behind a TLS proxy): cookies get `Secure`. */
  SECURE_COOKIES: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
  /** Largest accepted upload, in bytes. */
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  /** Minutes a staff session may stay idle. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(15),
  /** Hours a staff session may last at most. */
  SESSION_MAX_HOURS: z.coerce.number().int().positive().default(8),
  /** Days an unsubmitted draft is kept after its last change (then deleted). */
  DRAFT_RETENTION_DAYS: z.coerce.number().int().positive().default(30),
  /** Lower end of the normal caseload band, in open cases per full-time caseworker (staffing view). */
  CASELOAD_NORM_MIN: z.coerce.number().int().positive().default(150),
  /** Upper end of the normal caseload band, in open cases per full-time caseworker (staffing view). */
  CASELOAD_NORM_MAX: z.coerce.number().int().positive().default(180),
  /** pino log level. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Letterhead of the office's letters (decision letters). The defaults are synthetic, Lübeck-like values.
  /** Name of the authority as it heads letters and follows "bei der" in the objection notice. */
  LETTERHEAD_AUTHORITY: z.string().min(1).default('Hansestadt Lübeck'),
  /** The issuing office within the authority. */
  LETTERHEAD_OFFICE: z.string().min(1).default('Bereich Soziale Sicherung'),
  /** Postal address lines of the office, separated by "|". */
  LETTERHEAD_ADDRESS: z.string().min(1).default('Musterallee 2–6|23560 Lübeck'),
  /** Main telephone number. */
  LETTERHEAD_PHONE: z.string().min(1).default('0451 000-0'),
  /** Central e-mail address. */
  LETTERHEAD_EMAIL: z.string().min(1).default('soziale.sicherung@luebeck.example'),
  /** Website. */
  LETTERHEAD_WEBSITE: z.string().min(1).default('www.luebeck.example'),
  /** Bank of the office's account. */
  LETTERHEAD_BANK_NAME: z.string().min(1).default('Musterbank Lübeck'),
  /** IBAN of the office's account, as printed. */
  LETTERHEAD_IBAN: z.string().min(1).default('DE02 1203 0000 0000 2020 51'),
  /** BIC of the office's account. */
  LETTERHEAD_BIC: z.string().min(1).default('BYLADEM1001'),
  /** Opening hours, lines separated by "|". */
  LETTERHEAD_OPENING_HOURS: z.string().min(1).default('Mo, Di, Do 8:00–12:00 Uhr|Do 14:00–17:00 Uhr'),
})

export interface Config {
  env: 'development' | 'production' | 'test'
  port: number
  host: string
  databaseUrl: string | undefined
  dataDir: string
  embeddedPgPort: number
  demoData: boolean
  secureCookies: boolean
  uploadMaxBytes: number
  sessionIdleMinutes: number
  sessionMaxHours: number
  draftRetentionDays: number
  logLevel: string
  letterhead: LetterheadConfig
  /** Normal open cases per full-time caseworker, [min, max]; the staffing view marks teams outside it. */
  caseloadNorm: { min: number; max: number }
}

/** The office's letterhead, printed on its letters (header, footer, objection notice). */
export interface LetterheadConfig {
  /** The authority, e.g. "Hansestadt Lübeck". */
  authority: string
  /** The issuing office, e.g. "Bereich Soziale Sicherung". */
  office: string
  /** Postal address, one line per entry, e.g. ["Musterallee 2–6", "23560 Lübeck"]. */
  addressLines: string[]
  phone: string
  email: string
  website: string
  bank: { name: string; iban: string; bic: string }
  /** One line per entry. */
  openingHours: string[]
}

/** Splits a "|"-separated list, dropping empty entries. */
function lines(value: string): string[] {
  return value
    .split('|')
    .map((line) => line.trim())
    .filter((line) => line !== '')
}

/**
 * Parses the environment into a {@link Config}; fails fast with every problem listed.
 * @throws Error naming each invalid key
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`Invalid configuration: ${problems}`)
  }
  const v = parsed.data
  return {
    env: v.NODE_ENV,
    port: v.PORT,
    host: v.HOST,
    databaseUrl: v.DATABASE_URL,
    dataDir: path.resolve(v.DATA_DIR),
    embeddedPgPort: v.EMBEDDED_PG_PORT,
    demoData: v.DEMO_DATA,
    secureCookies: v.SECURE_COOKIES ?? v.NODE_ENV === 'production',
    uploadMaxBytes: v.UPLOAD_MAX_BYTES,
    sessionIdleMinutes: v.SESSION_IDLE_MINUTES,
    sessionMaxHours: v.SESSION_MAX_HOURS,
    draftRetentionDays: v.DRAFT_RETENTION_DAYS,
    logLevel: v.LOG_LEVEL,
    letterhead: {
      authority: v.LETTERHEAD_AUTHORITY,
      office: v.LETTERHEAD_OFFICE,
      addressLines: lines(v.LETTERHEAD_ADDRESS),
      phone: v.LETTERHEAD_PHONE,
      email: v.LETTERHEAD_EMAIL,
      website: v.LETTERHEAD_WEBSITE,
      bank: { name: v.LETTERHEAD_BANK_NAME, iban: v.LETTERHEAD_IBAN, bic: v.LETTERHEAD_BIC },
      openingHours: lines(v.LETTERHEAD_OPENING_HOURS),
    },
    caseloadNorm: { min: v.CASELOAD_NORM_MIN, max: Math.max(v.CASELOAD_NORM_MIN, v.CASELOAD_NORM_MAX) },
  }
}

/** Test-only env reads live here too, so that the rule "no process.env outside config/" holds. */
export function testEnv(env: NodeJS.ProcessEnv = process.env) {
  return {
    testDatabaseUrl: env.TEST_DATABASE_URL,
    /** Port of the embedded test server; separate checkouts (git worktrees) testing at once need their own. */
    testPgPort: Number(env.TEST_PG_PORT ?? 54330),
    requireChromium: env.REQUIRE_CHROMIUM === '1' || env.CI === 'true',
    chromiumPath: env.CHROMIUM_PATH,
  }
}
