// SPDX-License-Identifier: EUPL-1.2
import path from 'node:path'
import { z } from 'zod'
import { type Cidr, parseCidr } from '../shared/cidr.js'
import { loadRetentionConfig, type RetentionConfig } from './retention.js'

/**
 * The whole runtime configuration, parsed once from the environment. No other file reads `process.env`.
 * Every key says what it is for; defaults are safe for a local demo.
 */
/** Splits a comma-separated list, dropping empty entries. */
function list(v: string): string[] {
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}

/** A master key id: short, printable, stored in every file header. */
const KEY_ID = /^[A-Za-z0-9._-]{1,32}$/

/** A list of `id:base64` pairs, or null when one of them is malformed. */
function previousKeys(value: string): MasterKey[] | null {
  const keys: MasterKey[] = []
  for (const pair of list(value)) {
    const colon = pair.indexOf(':')
    const id = pair.slice(0, colon)
    const key = Buffer.from(pair.slice(colon + 1), 'base64')
    if (colon < 1 || !KEY_ID.test(id) || key.length !== 32) {
      return null
    }
    keys.push({ id, key })
  }
  return keys
}

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
  /**
   * Key that encrypts staff TOTP secrets at rest: 32 random bytes, base64 (`openssl rand -base64 32`). Required
   * in production with DATABASE_URL; otherwise, when unset, one is generated into `<DATA_DIR>/mfa-secret.key`
   * (mode 0600) on first start.
   */
  MFA_SECRET_KEY: z
    .string()
    .optional()
    .refine((v) => v === undefined || Buffer.from(v, 'base64').length === 32, {
      message: 'must be 32 bytes, base64-encoded',
    }),
  /**
   * Master key that wraps the data key of every stored document (AES-256-GCM): 32 random bytes, base64
   * (`openssl rand -base64 32`). Required in production with DATABASE_URL; otherwise, when unset, one is
   * generated into `<DATA_DIR>/document-master.key` (mode 0600, key id `local`) on first start.
   */
  DOCUMENT_MASTER_KEY: z
    .string()
    .optional()
    .refine((v) => v === undefined || Buffer.from(v, 'base64').length === 32, {
      message: 'must be 32 bytes, base64-encoded',
    }),
  /** Id of DOCUMENT_MASTER_KEY, stored with every wrapped data key (e.g. `2026-11`). */
  DOCUMENT_MASTER_KEY_ID: z
    .string()
    .regex(KEY_ID, 'must be 1–32 letters, digits, ".", "_" or "-"')
    .default('k1'),
  /**
   * Earlier master keys, still needed to read documents until `npm run keys:rotate` has re-wrapped them:
   * comma-separated `id:base64` pairs.
   */
  DOCUMENT_PREVIOUS_MASTER_KEYS: z
    .string()
    .default('')
    .refine((v) => previousKeys(v) !== null, {
      message: 'must be comma-separated id:base64 pairs of 32-byte keys',
    }),
  /**
   * The office networks (comma-separated CIDR ranges). A staff request from any other address counts as
   * telework: downloads are watermarked or refused (TELEWORK_DOWNLOADS).
   */
  OFFICE_NETWORKS: z
    .string()
    .default('127.0.0.0/8,::1/128')
    .refine((v) => list(v).every((n) => parseCidr(n) !== null), {
      message: 'must be comma-separated CIDR ranges',
    }),
  /** Downloads by staff outside the office networks: `watermark` (stamped PDF) or `view_only` (no download). */
  TELEWORK_DOWNLOADS: z.enum(['watermark', 'view_only']).default('watermark'),
  /** Consecutive failed password or code attempts after which a username is locked. */
  LOGIN_LOCKOUT_ATTEMPTS: z.coerce.number().int().positive().default(5),
  /** Minutes a locked username stays locked. */
  LOGIN_LOCKOUT_MINUTES: z.coerce.number().int().positive().default(15),
  /** OIDC single sign-on (e.g. Keycloak): the issuer URL. Unset: only local accounts. */
  OIDC_ISSUER_URL: z.string().url().optional(),
  /** OIDC client id of Lotse at the identity provider. */
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  /** OIDC client secret (confidential client). */
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** The external URL of `/anmelden/oidc/rueckkehr`, registered at the identity provider. */
  OIDC_REDIRECT_URL: z
    .string()
    .url()
    .optional()
    .refine((v) => v === undefined || new URL(v).pathname === '/anmelden/oidc/rueckkehr', {
      message: 'must end in /anmelden/oidc/rueckkehr',
    }),
  /**
   * Where the identity provider sends the browser after an RP-initiated logout (`post_logout_redirect_uri`,
   * registered at the provider). Default: `/anmelden` on the host of OIDC_REDIRECT_URL.
   */
  OIDC_POST_LOGOUT_REDIRECT_URL: z.string().url().optional(),
  /** The ID token claim that lists the person's groups. */
  OIDC_GROUPS_CLAIM: z.string().min(1).default('groups'),
  /**
   * Group → role, comma-separated, first match wins, e.g.
   * `lotse-sachbearbeitung=caseworker,lotse-teamleitung=team_lead,lotse-admin=administrator`.
   */
  OIDC_ROLE_MAPPING: z.string().default(''),
  /** `acr` values that count as multi-factor (comma-separated; also requested as acr_values). */
  OIDC_MFA_ACR: z.string().default(''),
  /** `amr` values of which one must be present for multi-factor (comma-separated). */
  OIDC_MFA_AMR: z.string().default('mfa,otp,hwk,swk'),
  /** Days an unsubmitted draft is kept after its last change (then deleted). */
  DRAFT_RETENTION_DAYS: z.coerce.number().int().positive().default(30),
  /** Lower end of the normal caseload band, in open cases per full-time caseworker (staffing view). */
  CASELOAD_NORM_MIN: z.coerce.number().int().positive().default(150),
  /** Upper end of the normal caseload band, in open cases per full-time caseworker (staffing view). */
  CASELOAD_NORM_MAX: z.coerce.number().int().positive().default(180),
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
  COMPLAINT_RESPONSE_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  /** Working days before the response deadline when the responsible unit is reminded. */
  COMPLAINT_REMINDER_WORKING_DAYS: z.coerce.number().int().min(0).max(60).default(2),
  /** Short code of the org unit that gets complaints nobody else can take (e.g. `2.500`). */
  COMPLAINT_FALLBACK_UNIT: z.string().min(1).optional(),
  /** Public base URL of the app, for links in e-mails (feedback link). */
  PUBLIC_BASE_URL: z.string().url().default('http://127.0.0.1:3000'),
  /** Open311: the jurisdiction this endpoint serves; a request naming another one gets 404. */
  OPEN311_JURISDICTION_ID: z.string().min(1).default('lotse.invalid'),
  /** Open311 discovery: how to reach the people running the API. */
  OPEN311_CONTACT: z.string().min(1).default('Bereich Soziale Sicherung, soziale.sicherung@luebeck.example'),
  /** Open311 discovery: how to get an API key. */
  OPEN311_KEY_SERVICE: z.string().min(1).default('API-Schlüssel vergibt die IT-Administration des Bereichs.'),
  /** Open311: POST requests allowed per API key and minute. */
  OPEN311_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10000).default(60),
  /** Open311 client: base URL of the external GeoReport v2 endpoint to import from (unset = no import). */
  OPEN311_IMPORT_URL: z.string().url().optional(),
  /** Open311 client: `external_code=category_code` pairs, comma separated; only these services are imported. */
  OPEN311_IMPORT_SERVICE_CODES: z.string().default(''),
  /** Open311 client: jurisdiction_id sent to the external endpoint (optional). */
  OPEN311_IMPORT_JURISDICTION_ID: z.string().min(1).optional(),
  /** Open311 client: format asked of the external endpoint. */
  OPEN311_IMPORT_FORMAT: z.enum(['xml', 'json']).default('xml'),
  /** Open311 client: seconds between two imports. */
  OPEN311_IMPORT_INTERVAL_SECONDS: z.coerce.number().int().min(10).max(86400).default(300),
  /** Outbound webhooks: JSON list of `{"name","url","secret"}`; status changes of complaints are pushed there. */
  WEBHOOK_SUBSCRIBERS: z.string().default('[]'),
  /** Inbound webhooks: JSON list of `{"name","secret"}`; each may POST complaints to /webhooks/beschwerden/<name>. */
  WEBHOOK_SOURCES: z.string().default('[]'),
  /** Minutes a break-glass (emergency) access to a case lasts. */
  BREAK_GLASS_MINUTES: z.coerce.number().int().min(1).max(480).default(30),
  /** Payment card: cash a card holder may withdraw per month, in cents (recorded for information). */
  PAYMENT_CARD_CASH_LIMIT_CENTS: z.coerce.number().int().min(0).max(1_000_000).default(5000),
  /** Payment card: working days within which a transfer or travel approval is decided. */
  PAYMENT_CARD_APPROVAL_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(5),
  /** Address of a lead for break-glass e-mails, `{username}` replaced (e.g. `{username}@luebeck.de`); unset = in-app only. */
  BREAK_GLASS_MAIL_TO: z
    .string()
    .regex(/^[^\s@]*\{username\}[^\s@]*@[^\s@]+\.[^\s@]+$/)
    .optional(),
  /** Function mailbox that gets provider contract reminders by e-mail (e.g. `vertraege@luebeck.de`); unset = on screen only. */
  PROVIDER_REMINDER_MAIL_TO: z
    .string()
    .regex(/^[^\s@<>"(),;:]+@[^\s@<>"(),;:]+\.[^\s@<>"(),;:]+$/)
    .optional(),
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
  // Payment runs (docs/payments.md). The defaults are synthetic: the bank code 02300000 cannot exist in Germany.
  /** Name of the account holder that pays (Dbtr/Nm and InitgPty/Nm of the pain.001 file). */
  PAYMENT_DEBTOR_NAME: z.string().min(1).max(70).default('Hansestadt Luebeck Soziale Sicherung'),
  /** IBAN of the account payment runs are paid from (electronic form, no spaces). */
  PAYMENT_DEBTOR_IBAN: z
    .string()
    .regex(/^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/)
    .default('DE89023000000000451001'),
  /** BIC of that account's bank; empty: left out of the file (allowed within the SEPA area). */
  PAYMENT_DEBTOR_BIC: z
    .string()
    .regex(/^([A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?)?$/)
    .default('LOTSDEH1XXX'),
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
  /** Encrypts TOTP secrets; undefined until main.ts resolves it (env or key file in the data directory). */
  mfaSecretKey: Buffer | undefined
  /** Master keys of the document store: the current one (unset: generated, see document-keys.ts) and older ones. */
  documentKeys: { current: MasterKey | undefined; previous: MasterKey[] }
  /** Office network ranges; requests from elsewhere count as telework. */
  officeNetworks: Cidr[]
  /** What staff downloads outside the office networks get. */
  teleworkDownloads: 'watermark' | 'view_only'
  loginLockoutAttempts: number
  loginLockoutMinutes: number
  /** OIDC single sign-on; undefined when not configured. */
  oidc: OidcConfig | undefined
  logLevel: string
  letterhead: LetterheadConfig
  /** Normal open cases per full-time caseworker, [min, max]; the staffing view marks teams outside it. */
  caseloadNorm: { min: number; max: number }
  smtp: SmtpConfig
  complaints: ComplaintsConfig
  open311: Open311Config
  /** Base of links in e-mails, e.g. https://lotse.luebeck.de */
  publicBaseUrl: string
  /** Retention periods per data category (config/retention.ts). */
  retention: RetentionConfig
  /** Minutes a break-glass access lasts. */
  breakGlassMinutes: number
  /** The account payment runs pay from (pain.001 debtor). */
  paymentDebtor: { name: string; iban: string; bic: string | null }
  /** Payment card defaults (docs/payment-card.md). */
  paymentCard: { cashLimitCents: number; approvalWorkingDays: number }
  /** Lead's address template for break-glass e-mails (`{username}`); undefined = in-app notice only. */
  breakGlassMailTo: string | undefined
  /** Mailbox for provider contract reminders; undefined = reminders on screen only. */
  providerReminderMailTo: string | undefined
}

/** A key that wraps document data keys, with the id stored next to what it wrapped. */
export interface MasterKey {
  id: string
  key: Buffer
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

export interface OidcConfig {
  issuerUrl: string
  clientId: string
  clientSecret: string
  redirectUrl: string
  groupsClaim: string
  /** Group → role pairs in order; the first group the person has decides. */
  roleMapping: Array<{ group: string; role: string }>
  mfaAcr: string[]
  mfaAmr: string[]
  /** `post_logout_redirect_uri` for RP-initiated logout; unset: `/anmelden` on the host of `redirectUrl`. */
  postLogoutRedirectUrl?: string
}

function oidcConfig(v: z.infer<typeof ConfigSchema>): OidcConfig | undefined {
  if (!v.OIDC_ISSUER_URL) {
    return undefined
  }
  if (!v.OIDC_CLIENT_ID || !v.OIDC_CLIENT_SECRET || !v.OIDC_REDIRECT_URL) {
    throw new Error(
      'Invalid configuration: OIDC_ISSUER_URL needs OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_REDIRECT_URL',
    )
  }
  return {
    issuerUrl: v.OIDC_ISSUER_URL,
    clientId: v.OIDC_CLIENT_ID,
    clientSecret: v.OIDC_CLIENT_SECRET,
    redirectUrl: v.OIDC_REDIRECT_URL,
    groupsClaim: v.OIDC_GROUPS_CLAIM,
    roleMapping: list(v.OIDC_ROLE_MAPPING).map((pair) => {
      const [group = '', role = ''] = pair.split('=').map((s) => s.trim())
      return { group, role }
    }),
    mfaAcr: list(v.OIDC_MFA_ACR),
    mfaAmr: list(v.OIDC_MFA_AMR),
    postLogoutRedirectUrl: v.OIDC_POST_LOGOUT_REDIRECT_URL,
  }
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
  /** Calendar days to answer; a deadline on a weekend or holiday ends on the next working day. */
  responseDays: number
  reminderWorkingDays: number
  fallbackUnitCode: string | undefined
  mailbox: string | undefined
}

/** Open311 GeoReport v2 server, client (import) and outbound webhooks. */
export interface Open311Config {
  jurisdictionId: string
  contact: string
  keyService: string
  rateLimitPerMinute: number
  import:
    | {
        url: string
        /** External service code → complaint category code. */
        serviceCodes: Record<string, string>
        jurisdictionId: string | undefined
        format: 'xml' | 'json'
        intervalSeconds: number
      }
    | undefined
  webhooks: Array<{ name: string; url: string; secret: string }>
  /** Senders of signed inbound complaint webhooks (WEBHOOK_SOURCES). */
  inboundSources: Array<{ name: string; secret: string }>
}

const WebhookSubscribersSchema = z.array(
  z.object({
    name: z.string().regex(/^[A-Za-z0-9_.-]{1,60}$/),
    url: z.string().url(),
    secret: z.string().min(16),
  }),
)

const WebhookSourcesSchema = z.array(
  z.object({
    name: z.string().regex(/^[A-Za-z0-9_.-]{1,60}$/),
    secret: z.string().min(16),
  }),
)

function open311Config(v: z.infer<typeof ConfigSchema>): Open311Config {
  let subscribers: unknown
  try {
    subscribers = JSON.parse(v.WEBHOOK_SUBSCRIBERS)
  } catch {
    throw new Error('Invalid configuration: WEBHOOK_SUBSCRIBERS is not JSON')
  }
  const webhooks = WebhookSubscribersSchema.safeParse(subscribers)
  if (!webhooks.success) {
    throw new Error('Invalid configuration: WEBHOOK_SUBSCRIBERS needs [{"name","url","secret" (16+ chars)}]')
  }
  let sources: unknown
  try {
    sources = JSON.parse(v.WEBHOOK_SOURCES)
  } catch {
    throw new Error('Invalid configuration: WEBHOOK_SOURCES is not JSON')
  }
  const inboundSources = WebhookSourcesSchema.safeParse(sources)
  if (!inboundSources.success) {
    throw new Error('Invalid configuration: WEBHOOK_SOURCES needs [{"name","secret" (16+ chars)}]')
  }
  const serviceCodes: Record<string, string> = {}
  for (const pair of list(v.OPEN311_IMPORT_SERVICE_CODES)) {
    const [external = '', category = ''] = pair.split('=').map((s) => s.trim())
    if (!external || !category) {
      throw new Error('Invalid configuration: OPEN311_IMPORT_SERVICE_CODES needs external=category pairs')
    }
    serviceCodes[external] = category
  }
  return {
    jurisdictionId: v.OPEN311_JURISDICTION_ID,
    contact: v.OPEN311_CONTACT,
    keyService: v.OPEN311_KEY_SERVICE,
    rateLimitPerMinute: v.OPEN311_RATE_LIMIT_PER_MINUTE,
    import: v.OPEN311_IMPORT_URL
      ? {
          url: v.OPEN311_IMPORT_URL.replace(/\/$/, ''),
          serviceCodes,
          jurisdictionId: v.OPEN311_IMPORT_JURISDICTION_ID,
          format: v.OPEN311_IMPORT_FORMAT,
          intervalSeconds: v.OPEN311_IMPORT_INTERVAL_SECONDS,
        }
      : undefined,
    webhooks: webhooks.data,
    inboundSources: inboundSources.data,
  }
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
    mfaSecretKey: v.MFA_SECRET_KEY === undefined ? undefined : Buffer.from(v.MFA_SECRET_KEY, 'base64'),
    documentKeys: {
      current:
        v.DOCUMENT_MASTER_KEY === undefined
          ? undefined
          : { id: v.DOCUMENT_MASTER_KEY_ID, key: Buffer.from(v.DOCUMENT_MASTER_KEY, 'base64') },
      previous: previousKeys(v.DOCUMENT_PREVIOUS_MASTER_KEYS) ?? [],
    },
    officeNetworks: list(v.OFFICE_NETWORKS).flatMap((n) => parseCidr(n) ?? []),
    teleworkDownloads: v.TELEWORK_DOWNLOADS,
    loginLockoutAttempts: v.LOGIN_LOCKOUT_ATTEMPTS,
    loginLockoutMinutes: v.LOGIN_LOCKOUT_MINUTES,
    oidc: oidcConfig(v),
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
      responseDays: v.COMPLAINT_RESPONSE_DAYS,
      reminderWorkingDays: v.COMPLAINT_REMINDER_WORKING_DAYS,
      fallbackUnitCode: v.COMPLAINT_FALLBACK_UNIT,
      mailbox: v.COMPLAINTS_MAILBOX,
    },
    open311: open311Config(v),
    publicBaseUrl: v.PUBLIC_BASE_URL.replace(/\/$/, ''),
    retention: loadRetentionConfig(env),
    breakGlassMinutes: v.BREAK_GLASS_MINUTES,
    paymentDebtor: {
      name: v.PAYMENT_DEBTOR_NAME,
      iban: v.PAYMENT_DEBTOR_IBAN,
      bic: v.PAYMENT_DEBTOR_BIC === '' ? null : v.PAYMENT_DEBTOR_BIC,
    },
    paymentCard: {
      cashLimitCents: v.PAYMENT_CARD_CASH_LIMIT_CENTS,
      approvalWorkingDays: v.PAYMENT_CARD_APPROVAL_WORKING_DAYS,
    },
    breakGlassMailTo: v.BREAK_GLASS_MAIL_TO,
    providerReminderMailTo: v.PROVIDER_REMINDER_MAIL_TO,
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
