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
  /** SMTP server for outgoing e-mail; unset = mails stay in the outbox until one is configured. */
  SMTP_HOST: z.string().min(1).optional(),
  /** SMTP port (587 submission with STARTTLS, 465 implicit TLS, 25 relay). */
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  /** `tls` = implicit TLS (port 465), `starttls` = STARTTLS required, `none` = plain (loopback relays, tests). */
  SMTP_SECURITY: z.enum(['tls', 'starttls', 'none']).default('starttls'),
  /** SMTP user name (optional: many internal relays need none). */
  SMTP_USER: z.string().min(1).optional(),
  /** SMTP password (with SMTP_USER). */
  SMTP_PASSWORD: z.string().min(1).optional(),
  /** Sender address of every mail, e.g. `Soziale Sicherung <beschwerden@luebeck.de>`. */
  SMTP_FROM: z.string().min(3).default('Lotse <noreply@lotse.invalid>'),
  /** Functional mailbox of the complaints office: reminders and escalations of complaints go there. */
  COMPLAINTS_MAILBOX: z.string().email().optional(),
  /** Working days within which a complaint is acknowledged. */
  COMPLAINT_ACK_WORKING_DAYS: z.coerce.number().int().min(0).max(60).default(3),
  /** Working days within which a complaint is answered. */
  COMPLAINT_RESPONSE_WORKING_DAYS: z.coerce.number().int().min(1).max(250).default(14),
  /** Working days before the response deadline when the responsible unit is reminded. */
  COMPLAINT_REMINDER_WORKING_DAYS: z.coerce.number().int().min(0).max(60).default(2),
  /** Short code of the org unit that gets complaints nobody else can take (e.g. `2.500`). */
  COMPLAINT_FALLBACK_UNIT: z.string().min(1).optional(),
  /** Public base URL of the app, for links in e-mails (feedback link). */
  PUBLIC_BASE_URL: z.string().url().default('http://127.0.0.1:3000'),
  /** pino log level. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
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
  smtp: SmtpConfig
  complaints: ComplaintsConfig
  publicBaseUrl: string
}

/** Outgoing mail; `host` undefined = no delivery (mails wait in the outbox). */
export interface SmtpConfig {
  host: string | undefined
  port: number
  security: 'tls' | 'starttls' | 'none'
  user: string | undefined
  password: string | undefined
  from: string
}

export interface ComplaintsConfig {
  ackWorkingDays: number
  responseWorkingDays: number
  reminderWorkingDays: number
  fallbackUnitCode: string | undefined
  mailbox: string | undefined
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
    smtp: {
      host: v.SMTP_HOST,
      port: v.SMTP_PORT,
      security: v.SMTP_SECURITY,
      user: v.SMTP_USER,
      password: v.SMTP_PASSWORD,
      from: v.SMTP_FROM,
    },
    complaints: {
      ackWorkingDays: v.COMPLAINT_ACK_WORKING_DAYS,
      responseWorkingDays: v.COMPLAINT_RESPONSE_WORKING_DAYS,
      reminderWorkingDays: v.COMPLAINT_REMINDER_WORKING_DAYS,
      fallbackUnitCode: v.COMPLAINT_FALLBACK_UNIT,
      mailbox: v.COMPLAINTS_MAILBOX,
    },
    publicBaseUrl: v.PUBLIC_BASE_URL.replace(/\/$/, ''),
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
