// SPDX-License-Identifier: EUPL-1.2
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/config.js'
import { createApiKey } from '../../src/modules/open311/index.js'
import { signWebhook } from '../../src/modules/open311/webhooks.js'
import { hashCode } from '../../src/shared/ids.js'
import {
  buildApplication,
  buildDocument,
  buildStaffUser,
  grundsicherungFormInput,
} from '../factories/applications.factory.js'
import { assignCase, buildStaffWithPost, type StaffWithPost } from '../factories/cases.factory.js'
import { buildComplaint } from '../factories/complaints.factory.js'
import { buildSite } from '../factories/providers.factory.js'
import { TEST_MFA_SECRET_KEY } from '../support/mfa-key.js'
import { signIn } from '../support/sign-in.js'
import { freshTestContext, type TestContext } from '../support/test-app.js'
import { redirectTarget, TestClient } from '../support/test-client.js'
import { oidcLogoutBadInputCases } from './oidc-logout-cases.js'

/**
 * Bad input never causes a 500 or a half-written record. Every form and upload endpoint, and every GET
 * route that reads a query parameter, gets malformed, oversize, wrong-type and missing values; each case
 * states the exact status it must get, and stored data must be the same afterwards.
 *
 * To cover a new endpoint, add it to POST_ENDPOINTS (the generic transport cases) and its own cases to CASES.
 */

// A minimal valid PDF: file-type recognises it by its first bytes.
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
const UPLOAD_MAX_BYTES = 1024
const FORM_LIMIT = 256 * 1024
const HUNDRED_KB = 'x'.repeat(100 * 1024)
const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000'

const MSG = {
  badRequest: 'Die Anfrage konnte nicht verarbeitet werden.',
  csrf: 'Das Formular ist abgelaufen oder wurde nicht von dieser Seite gesendet.',
  tooLarge: 'Die gesendeten Daten sind zu groß.',
  notFound: 'Die Seite wurde nicht gefunden.',
  noDraft: 'Wir haben keinen gespeicherten Antrag gefunden.',
  loginFailed: 'Benutzername oder Passwort sind falsch.',
  invalidCharacters: 'enthält Zeichen, die nicht erlaubt sind.',
  chooseFile: 'Wählen Sie eine Datei aus.',
  unauthenticated: 'Bitte melden Sie sich an.',
  invalidTransition: 'Dieser Schritt ist im aktuellen Status des Antrags nicht möglich.',
  receiptGone: 'Die Eingangsbestätigung ist nicht mehr verfügbar.',
} as const

let ctx: TestContext
/** A citizen whose draft has valid saved answers for the person step and one uploaded document. */
let citizen: TestClient
/** Another citizen with a draft and a document of her own. */
let neighbour: TestClient
/** A citizen whose draft already holds the maximum number of documents. */
let fullCitizen: TestClient
/** A citizen whose draft has expired. */
let expiredCitizen: TestClient
/** A browser without a draft or a session. */
let anonymous: TestClient
/** A signed-in caseworker. */
let staff: TestClient
let staffUser: StaffWithPost
/** A signed-in administrator (organisation and account screens). */
let admin: TestClient
/** An account the administrator acts on. */
let adminTarget: Awaited<ReturnType<typeof buildStaffUser>>
let citizenDocumentId: string
let neighbourDocumentId: string
let applicationId: string
let applicationReference: string
let applicationDocumentId: string
/** A signed-in complaints coordinator and a complaint she works on. */
let coordinator: TestClient
let complaintId: string
/** A valid Open311 API key. */
let open311Key: string
/** Secret of the inbound webhook source `anliegenmelder`. */
const WEBHOOK_SECRET = 'bad-input-webhook-secret-0123'
/** A signed-in data-protection officer (break-glass review). */
let dpo: TestClient
/** An accommodation site with two free places (issue 8). */
let site: Awaited<ReturnType<typeof buildSite>>

beforeAll(async () => {
  ctx = await freshTestContext({
    uploadMaxBytes: UPLOAD_MAX_BYTES,
    open311: loadConfig({
      NODE_ENV: 'test',
      MFA_SECRET_KEY: TEST_MFA_SECRET_KEY,
      WEBHOOK_SOURCES: JSON.stringify([{ name: 'anliegenmelder', secret: WEBHOOK_SECRET }]),
    }).open311,
  })
  open311Key = (await createApiKey(ctx.db, null, 'bad-input', null)).key

  citizen = await startDraft()
  expect(
    (await citizen.post('/antrag/grundsicherung/person', { ...input('person'), action: 'continue' })).status,
  ).toBe(303)
  expect(
    (await citizen.upload('/antrag/grundsicherung/nachweise', { name: 'Rentenbescheid.pdf', bytes: PDF }))
      .status,
  ).toBe(303)
  citizenDocumentId = await onlyDocumentOf(citizen)

  neighbour = await startDraft()
  expect(
    (await neighbour.upload('/antrag/grundsicherung/nachweise', { name: 'Mietvertrag.pdf', bytes: PDF }))
      .status,
  ).toBe(303)
  neighbourDocumentId = await onlyDocumentOf(neighbour)

  fullCitizen = await startDraft()
  const fullDraft = await draftOf(fullCitizen)
  for (let i = 0; i < 20; i++) {
    await buildDocument(
      ctx.db,
      ctx.deps.fileStore,
      { draftId: fullDraft.id },
      { name: `Nachweis-${i}.pdf`, bytes: PDF },
    )
  }

  expiredCitizen = await startDraft()
  await ctx.db
    .updateTable('application_draft')
    .set({ expires_at: sql`now() - interval '1 minute'` })
    .where('id', '=', (await draftOf(expiredCitizen)).id)
    .execute()

  const receipt = await buildApplication(ctx.db)
  applicationId = receipt.applicationId
  applicationReference = receipt.reference
  applicationDocumentId = await buildDocument(
    ctx.db,
    ctx.deps.fileStore,
    { applicationId },
    {
      name: 'Kontoauszug.pdf',
      bytes: PDF,
    },
  )

  anonymous = new TestClient(ctx.app)
  await anonymous.get('/')

  staffUser = await buildStaffWithPost(ctx.db)
  await assignCase(ctx.db, applicationId, staffUser.postId)
  staff = await signIn(ctx.app, staffUser)
  admin = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'administrator' }))
  adminTarget = await buildStaffUser(ctx.db, { role: 'caseworker' })
  coordinator = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'complaints_coordinator' }))
  complaintId = (await buildComplaint(ctx.deps, { contactEmail: 'a@example.org' })).id
  dpo = await signIn(ctx.app, await buildStaffUser(ctx.db, { role: 'data_protection_officer' }))
  site = await buildSite(ctx.db, { capacity: 2 })
})
afterAll(async () => {
  await ctx.close()
})

// ---------------------------------------------------------------------------------------------------------
// Helpers

function input(step: string, overrides: Record<string, string> = {}): Record<string, string> {
  return { ...grundsicherungFormInput()[step], ...overrides }
}

async function startDraft(): Promise<TestClient> {
  const client = new TestClient(ctx.app)
  expect((await client.post('/antrag/grundsicherung/starten', {})).status).toBe(303)
  return client
}

async function draftOf(client: TestClient) {
  const code = client.cookies.get('lotse_draft') ?? ''
  return ctx.db
    .selectFrom('application_draft')
    .selectAll()
    .where('resume_code_hash', '=', hashCode(code))
    .executeTakeFirstOrThrow()
}

async function onlyDocumentOf(client: TestClient): Promise<string> {
  const draft = await draftOf(client)
  const docs = await ctx.db.selectFrom('document').select('id').where('draft_id', '=', draft.id).execute()
  expect(docs).toHaveLength(1)
  return docs[0]?.id ?? ''
}

function cookieHeader(client: TestClient, extra: Record<string, string> = {}): string {
  const jar = new Map(client.cookies)
  for (const [k, v] of Object.entries(extra)) {
    jar.set(k, v)
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
}

type Pairs = Array<[string, string]>
const pairsOf = (fields: Record<string, string> | Pairs): Pairs =>
  Array.isArray(fields) ? fields : Object.entries(fields)

/** Any request, with the client's cookies. */
async function send(
  client: TestClient,
  urlPath: string,
  init: {
    method?: string
    body?: string | Uint8Array | FormData
    contentType?: string
    cookies?: Record<string, string>
  } = {},
): Promise<Response> {
  const headers: Record<string, string> = { cookie: cookieHeader(client, init.cookies) }
  if (init.contentType !== undefined) {
    headers['content-type'] = init.contentType
  }
  return ctx.app.request(urlPath, { method: init.method ?? 'POST', headers, body: init.body ?? null })
}

/** A urlencoded form; fields may repeat a name. `csrf: false` leaves the token out, a string replaces it. */
function sendForm(
  client: TestClient,
  urlPath: string,
  fields: Record<string, string> | Pairs,
  options: { csrf?: boolean | string; method?: string } = {},
): Promise<Response> {
  const token = typeof options.csrf === 'string' ? options.csrf : client.csrf
  const pairs: Pairs = options.csrf === false ? pairsOf(fields) : [['_csrf', token], ...pairsOf(fields)]
  return send(client, urlPath, {
    method: options.method ?? 'POST',
    body: new URLSearchParams(pairs).toString(),
    contentType: 'application/x-www-form-urlencoded',
  })
}

/** A urlencoded body with raw bytes in the middle (e.g. invalid UTF-8). */
function sendFormBytes(client: TestClient, urlPath: string, before: string, bytes: number[], after: string) {
  const body = Buffer.concat([
    Buffer.from(`_csrf=${client.csrf}&${before}`),
    Buffer.from(bytes),
    Buffer.from(after),
  ])
  return send(client, urlPath, {
    body: new Uint8Array(body),
    contentType: 'application/x-www-form-urlencoded',
  })
}

type Part = [string, string | File]

/** A multipart form with the CSRF field first (unless `csrf: false`); parts may repeat a name. */
function sendMultipart(client: TestClient, urlPath: string, parts: Part[], options: { csrf?: boolean } = {}) {
  const form = new FormData()
  if (options.csrf !== false) {
    form.append('_csrf', client.csrf)
  }
  for (const [name, value] of parts) {
    form.append(name, value)
  }
  return send(client, urlPath, { body: form })
}

/** The bytes and content type a browser would send for these parts. */
async function multipartBytes(
  client: TestClient,
  parts: Part[],
): Promise<{ bytes: Uint8Array; contentType: string }> {
  const form = new FormData()
  form.append('_csrf', client.csrf)
  for (const [name, value] of parts) {
    form.append(name, value)
  }
  const request = new Request('http://localhost/', { method: 'POST', body: form })
  return {
    bytes: new Uint8Array(await request.arrayBuffer()),
    contentType: request.headers.get('content-type') ?? '',
  }
}

/** A hand-written multipart body, for parts a FormData cannot produce (e.g. a file part without filename). */
function sendRawMultipart(client: TestClient, urlPath: string, partHeaders: string, content: Uint8Array) {
  const boundary = '----lotse-test-boundary'
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${client.csrf}\r\n--${boundary}\r\n${partHeaders}\r\n\r\n`
  const body = Buffer.concat([
    Buffer.from(head),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return send(client, urlPath, {
    body: new Uint8Array(body),
    contentType: `multipart/form-data; boundary=${boundary}`,
  })
}

const pdfFile = (name = 'Nachweis.pdf', bytes: Uint8Array = PDF) =>
  new File([new Uint8Array(bytes)], name, { type: 'application/pdf' })

/** A PDF (by its magic bytes) of the given size. */
function pdfOfSize(size: number): Uint8Array {
  const bytes = new Uint8Array(size).fill(0x20)
  bytes.set(PDF.subarray(0, 9))
  return bytes
}

async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort()
}

/** Everything that bad input must not change (audit and rate-limit rows are allowed to grow). */
async function snapshot() {
  return {
    drafts: await ctx.db.selectFrom('application_draft').selectAll().orderBy('id').execute(),
    applications: await ctx.db.selectFrom('application').selectAll().orderBy('id').execute(),
    documents: await ctx.db.selectFrom('document').selectAll().orderBy('id').execute(),
    statusChanges: await ctx.db.selectFrom('application_status_change').selectAll().orderBy('id').execute(),
    notes: await ctx.db.selectFrom('case_note').selectAll().orderBy('id').execute(),
    documentRequests: await ctx.db.selectFrom('document_request').selectAll().orderBy('id').execute(),
    decisions: await ctx.db.selectFrom('decision').selectAll().orderBy('id').execute(),
    assignments: await ctx.db.selectFrom('case_assignment').selectAll().orderBy('id').execute(),
    // last_seen_at may move on any request; a session that appears, disappears or changes its expiry may not.
    sessions: await ctx.db
      .selectFrom('staff_session')
      .select(['id_hash', 'staff_user_id', 'created_at', 'expires_at'])
      .orderBy('id_hash')
      .execute(),
    staffUsers: await ctx.db
      .selectFrom('staff_user')
      .select(['id', 'role', 'disabled_at', 'totp_secret_enc', 'mfa_enrolled_at'])
      .orderBy('id')
      .execute(),
    recoveryCodes: await ctx.db.selectFrom('staff_recovery_code').selectAll().orderBy('id').execute(),
    complaints: await ctx.db.selectFrom('complaint').selectAll().orderBy('id').execute(),
    complaintAttachments: await ctx.db.selectFrom('complaint_attachment').selectAll().orderBy('id').execute(),
    complaintEvents: await ctx.db.selectFrom('complaint_event').selectAll().orderBy('id').execute(),
    complaintMails: await ctx.db.selectFrom('complaint_mail').selectAll().orderBy('id').execute(),
    open311Requests: await ctx.db.selectFrom('open311_request').selectAll().orderBy('complaint_id').execute(),
    complaintCategories: await ctx.db.selectFrom('complaint_category').selectAll().orderBy('id').execute(),
    open311Services: await ctx.db.selectFrom('open311_service').selectAll().orderBy('category_id').execute(),
    open311Attributes: await ctx.db.selectFrom('open311_attribute').selectAll().orderBy('id').execute(),
    open311Keys: await ctx.db
      .selectFrom('open311_api_key')
      .select(['id', 'revoked_at'])
      .orderBy('id')
      .execute(),
    webhookDeliveries: await ctx.db.selectFrom('webhook_delivery').selectAll().orderBy('id').execute(),
    householdMembers: await ctx.db.selectFrom('household_member').selectAll().orderBy('id').execute(),
    paymentCards: await ctx.db.selectFrom('payment_card').selectAll().orderBy('id').execute(),
    cardStatusChanges: await ctx.db
      .selectFrom('payment_card_status_change')
      .selectAll()
      .orderBy('id')
      .execute(),
    cardApprovals: await ctx.db.selectFrom('card_approval').selectAll().orderBy('id').execute(),
    files: await filesIn(path.join(ctx.dataDir, 'files')),
    providerRecords: await Promise.all(
      (
        [
          'provider',
          'provider_contract',
          'provider_payment',
          'provider_contract_document',
          'accommodation_site',
          'accommodation_place',
          'accommodation_stay',
          'accommodation_capacity',
          'provider_reminder_mail',
          'payment_statement',
          'payment_booking',
          'payment_statement_exception',
          'payment_account',
          'payment_one_off',
          'payment_suspension',
        ] as const
      ).map((table) => ctx.db.selectFrom(table).selectAll().orderBy('id').execute()),
    ),
  }
}

// ---------------------------------------------------------------------------------------------------------
// The cases

interface Case {
  /** What is wrong with the request; completes "… when <name>". */
  name: string
  send: () => Promise<Response>
  status: number
  /** German text the answer must contain (a function for values known only after setup). */
  text?: string | (() => string)
  /** Content type of the answer when it is no HTML page (machine APIs). */
  contentType?: RegExp
  /** Text the answer must not contain (e.g. a reflected script). */
  absent?: string
}

/** The provider register and accommodation forms (issue 8): path, fields and whether it takes a file. */
const PROVIDER_POST_ENDPOINTS: Array<{
  label: string
  path: () => string
  fields: () => Record<string, string>
  file?: boolean
}> = [
  {
    label: '/traeger/neu',
    path: () => '/traeger/neu',
    fields: () => ({ name: 'Träger e.V.', address: 'Weg 1, 12345 Ort' }),
  },
  {
    label: '/traeger/:id{[0-9a-fA-F-]{36}}/bearbeiten',
    path: () => `/traeger/${UNKNOWN_UUID}/bearbeiten`,
    fields: () => ({ name: 'Träger e.V.', address: 'Weg 1, 12345 Ort' }),
  },
  {
    label: '/traeger/:id{[0-9a-fA-F-]{36}}/vertraege/neu',
    path: () => `/traeger/${UNKNOWN_UUID}/vertraege/neu`,
    fields: () => ({
      kind: 'budget',
      title: 'Vertrag',
      reference: 'BV-1',
      validFrom: '01.01.2026',
      annualBudget: '1,00',
    }),
  },
  ...(['neuverhandeln', 'zahlungen', 'erinnerung'] as const).map((action) => ({
    label: `/traeger/vertraege/:id{[0-9a-fA-F-]{36}}/${action}`,
    path: () => `/traeger/vertraege/${UNKNOWN_UUID}/${action}`,
    fields: (): Record<string, string> => ({ paidOn: '01.02.2026', amount: '1,00', reference: 'R' }),
  })),
  {
    label: '/unterkuenfte/neu',
    path: () => '/unterkuenfte/neu',
    fields: () => ({ name: 'GU Test', address: 'Weg 1, 12345 Ort', capacity: '3' }),
  },
  ...(['plaetze', 'einzug', 'auszug', 'bearbeiten', 'kapazitaet'] as const).map((action) => ({
    label: `/unterkuenfte/:id{[0-9a-fA-F-]{36}}/${action}`,
    path: () => `/unterkuenfte/${UNKNOWN_UUID}/${action}`,
    fields: (): Record<string, string> => ({
      name: 'GU Test',
      address: 'Weg 1, 12345 Ort',
      newCapacity: '5',
      validFrom: '01.02.2026',
      label: 'P1',
      reference: 'GS-2026-0000001',
      movedIn: '01.02.2026',
    }),
  })),
  {
    label: '/traeger/vertraege/:id{[0-9a-fA-F-]{36}}/dokumente',
    path: () => `/traeger/vertraege/${UNKNOWN_UUID}/dokumente`,
    fields: () => ({}),
    file: true,
  },
]

/** Every POST endpoint with who may call it and fields that would be accepted. */
const POST_ENDPOINTS: Array<{
  /** The route as the app registers it, optionally followed by a note in parentheses. */
  label: string
  path: () => string
  client: () => TestClient
  fields: () => Record<string, string>
  /** Upload endpoints get multipart bodies with a valid file. */
  file?: boolean
  /** Machine APIs (api_key, no cookies): their own cases in CASES instead of the browser form cases. */
  api?: boolean
}> = [
  {
    label: '/antrag/fortsetzen',
    path: () => '/antrag/fortsetzen',
    client: () => anonymous,
    fields: () => ({ code: citizen.cookies.get('lotse_draft') ?? '' }),
  },
  {
    label: '/antrag/status',
    path: () => '/antrag/status',
    client: () => anonymous,
    fields: () => ({ reference: applicationReference, accessCode: 'AAAA-BBBB-CCCC' }),
  },
  {
    label: '/antrag/:form/starten',
    path: () => '/antrag/grundsicherung/starten',
    client: () => anonymous,
    fields: () => ({}),
  },
  {
    label: '/antrag/:form/nachweise',
    path: () => '/antrag/grundsicherung/nachweise',
    client: () => citizen,
    fields: () => ({}),
    file: true,
  },
  {
    label: '/antrag/:form/nachweise/entfernen',
    path: () => '/antrag/grundsicherung/nachweise/entfernen',
    client: () => citizen,
    fields: () => ({ documentId: citizenDocumentId }),
  },
  {
    label: '/antrag/:form/absenden',
    path: () => '/antrag/grundsicherung/absenden',
    client: () => citizen,
    fields: () => ({}),
  },
  {
    label: '/antrag/:form/:step (person)',
    path: () => '/antrag/grundsicherung/person',
    client: () => citizen,
    fields: () => ({ ...input('person', { givenName: 'Geänderter Name' }), action: 'continue' }),
  },
  {
    label: '/antrag/:form/:step (list step)',
    path: () => '/antrag/grundsicherung/haushalt',
    client: () => citizen,
    fields: () => ({ ...input('household'), action: 'continue' }),
  },
  {
    label: '/anmelden',
    path: () => '/anmelden',
    client: () => anonymous,
    fields: () => ({ username: staffUser.username, password: staffUser.password }),
  },
  { label: '/abmelden', path: () => '/abmelden', client: () => staff, fields: () => ({}) },
  {
    label: '/anmelden/code',
    path: () => '/anmelden/code',
    client: () => anonymous,
    fields: () => ({ code: '123456' }),
  },
  {
    label: '/anmelden/einrichten',
    path: () => '/anmelden/einrichten',
    client: () => anonymous,
    fields: () => ({ code: '123456' }),
  },
  {
    label: '/konto/sitzungen/ueberall-abmelden',
    path: () => '/konto/sitzungen/ueberall-abmelden',
    client: () => staff,
    fields: () => ({}),
  },
  {
    label: '/konto/wiederherstellungscodes',
    path: () => '/konto/wiederherstellungscodes',
    client: () => staff,
    fields: () => ({ code: '123456' }),
  },
  {
    label: '/konto/sitzungen/:id/beenden',
    path: () => '/konto/sitzungen/00000000-0000-4000-8000-000000000000/beenden',
    client: () => staff,
    fields: () => ({}),
  },
  {
    label: '/verwaltung/benutzer/:id/mfa-zuruecksetzen',
    path: () => `/verwaltung/benutzer/${adminTarget.id}/mfa-zuruecksetzen`,
    client: () => admin,
    fields: () => ({}),
  },
  {
    label: '/verwaltung/benutzer/:id/rolle',
    path: () => `/verwaltung/benutzer/${adminTarget.id}/rolle`,
    client: () => admin,
    fields: () => ({ role: 'team_lead' }),
  },
  {
    label: '/verwaltung/benutzer/:id/status',
    path: () => `/verwaltung/benutzer/${adminTarget.id}/status`,
    client: () => admin,
    fields: () => ({ disabled: 'ja' }),
  },
  {
    // Taking a case that is not in a team queue (it is on her post): refused, nothing changed.
    label: '/sachbearbeitung/antraege/:id/uebernehmen',
    path: () => `/sachbearbeitung/antraege/${applicationId}/uebernehmen`,
    client: () => staff,
    fields: () => ({ postId: UNKNOWN_UUID }),
  },
  {
    label: '/sachbearbeitung/antraege/:id/status',
    path: () => `/sachbearbeitung/antraege/${applicationId}/status`,
    client: () => staff,
    fields: () => ({ status: 'in_review' }),
  },
  {
    label: '/antrag/unterlagen/:requestId',
    path: () => `/antrag/unterlagen/${UNKNOWN_UUID}`,
    client: () => anonymous,
    fields: () => ({}),
    file: true,
  },
  {
    label: '/sachbearbeitung/antraege/:id/notizen',
    path: () => `/sachbearbeitung/antraege/${applicationId}/notizen`,
    client: () => staff,
    fields: () => ({ notiz: 'Rückruf vereinbart' }),
  },
  {
    label: '/sachbearbeitung/antraege/:id/unterlagen',
    path: () => `/sachbearbeitung/antraege/${applicationId}/unterlagen`,
    client: () => staff,
    fields: () => ({ beschreibung: 'Kontoauszüge', frist: '01.01.2027' }),
  },
  {
    label: '/sachbearbeitung/antraege/:id/entscheidung',
    path: () => `/sachbearbeitung/antraege/${applicationId}/entscheidung`,
    client: () => staff,
    fields: () => DECISION,
  },
  {
    label: '/sachbearbeitung/antraege/:id/widerspruch',
    path: () => `/sachbearbeitung/antraege/${applicationId}/widerspruch`,
    client: () => staff,
    fields: () => ({ eingang: '01.11.2026' }),
  },
  {
    label: '/sachbearbeitung/antraege/:id/checkliste/punkt',
    path: () => `/sachbearbeitung/antraege/${applicationId}/checkliste/punkt`,
    client: () => staff,
    fields: () => ({ schritt: 'eingang', punkt: '0', aktion: 'erledigt' }),
  },
  {
    label: '/sachbearbeitung/antraege/:id/checkliste/version',
    path: () => `/sachbearbeitung/antraege/${applicationId}/checkliste/version`,
    client: () => staff,
    fields: () => ({}),
  },
  // The payment card (Bezahlkarte) of a case and its approval requests.
  {
    label: '/sachbearbeitung/antraege/:id/bezahlkarte/mitglieder',
    path: () => `/sachbearbeitung/antraege/${applicationId}/bezahlkarte/mitglieder`,
    client: () => staff,
    fields: () => ({ vorname: 'Amira', nachname: 'Haddad', rolle: 'adult' }),
  },
  {
    label: '/sachbearbeitung/antraege/:id/bezahlkarte/karten',
    path: () => `/sachbearbeitung/antraege/${applicationId}/bezahlkarte/karten`,
    client: () => staff,
    fields: () => ({ mitglied: UNKNOWN_UUID, iban: 'DE02120300000000202051', bargeld: '50,00' }),
  },
  {
    label: '/sachbearbeitung/antraege/:id/bezahlkarte/mitglieder/:memberId/karte',
    path: () => `/sachbearbeitung/antraege/${applicationId}/bezahlkarte/mitglieder/${UNKNOWN_UUID}/karte`,
    client: () => staff,
    fields: () => ({ karte_von: UNKNOWN_UUID, gueltig_ab: '01.01.2099', grund: 'Umzug' }),
  },
  ...(['status', 'ersetzen'] as const).map((action) => ({
    label: `/sachbearbeitung/antraege/:id/bezahlkarte/karten/:cardId/${action}`,
    path: () => `/sachbearbeitung/antraege/${applicationId}/bezahlkarte/karten/${UNKNOWN_UUID}/${action}`,
    client: () => staff,
    fields: (): Record<string, string> => ({ ziel: 'active', iban: 'DE02120300000000202051' }),
  })),
  ...(['ueberweisung', 'reise'] as const).map((kind) => ({
    label: `/sachbearbeitung/antraege/:id/bezahlkarte/freigaben/${kind}`,
    path: () => `/sachbearbeitung/antraege/${applicationId}/bezahlkarte/freigaben/${kind}`,
    client: () => staff,
    fields: (): Record<string, string> => ({ von: '01.01.2099', bis: '02.01.2099', grund: 'Arzttermin' }),
  })),
  ...(['entscheidung', 'portal'] as const).map((action) => ({
    label: `/sachbearbeitung/antraege/:id/bezahlkarte/freigaben/:approvalId/${action}`,
    path: () => `/sachbearbeitung/antraege/${applicationId}/bezahlkarte/freigaben/${UNKNOWN_UUID}/${action}`,
    client: () => staff,
    fields: (): Record<string, string> => ({ ergebnis: 'approved', eingetragen: 'ja' }),
  })),
  {
    label: '/antrag/bezahlkarte',
    path: () => '/antrag/bezahlkarte',
    client: () => anonymous,
    fields: () => ({ art: 'reise', von: '01.01.2099', bis: '02.01.2099', grund: 'Besuch' }),
  },
  {
    label: '/einarbeitung/aufgaben/:taskId/erledigt',
    path: () => `/einarbeitung/aufgaben/${UNKNOWN_UUID}/erledigt`,
    client: () => staff,
    fields: () => ({}),
  },
  {
    label: '/einarbeitung/aufgaben/:taskId/bestaetigen',
    path: () => `/einarbeitung/aufgaben/${UNKNOWN_UUID}/bestaetigen`,
    client: () => staff,
    fields: () => ({}),
  },
  {
    label: '/sachbearbeitung/faelle/zuweisen',
    path: () => '/sachbearbeitung/faelle/zuweisen',
    client: () => staff,
    fields: () => ({ faelle: applicationId, stelle: 'ohne', grund: 'Test' }),
  },
  {
    label: '/sachbearbeitung/freigaben/:decisionId/freigeben',
    path: () => `/sachbearbeitung/freigaben/${UNKNOWN_UUID}/freigeben`,
    client: () => staff,
    fields: () => ({}),
  },
  {
    label: '/sachbearbeitung/freigaben/:decisionId/zurueckgeben',
    path: () => `/sachbearbeitung/freigaben/${UNKNOWN_UUID}/zurueckgeben`,
    client: () => staff,
    fields: () => ({ [`grund-${UNKNOWN_UUID}`]: 'Bitte prüfen' }),
  },
  // The organisation admin screens: every form, sent by an administrator.
  ...[
    '/verwaltung/organisation/einheiten/neu',
    '/verwaltung/organisation/einheiten/:id/stellen/neu',
    '/verwaltung/organisation/stellen/:id/aendern',
    '/verwaltung/organisation/personen/neu',
    '/verwaltung/organisation/stellen/:id/besetzung',
    '/verwaltung/organisation/stellen/:id/vertretung',
    '/verwaltung/organisation/stellen/:id/interim',
    '/verwaltung/organisation/einheiten/:id/abwesenheiten/neu',
    '/verwaltung/organisation/abwesenheiten/:id/beenden',
    '/verwaltung/organisation/:type/:id/beenden',
    '/verwaltung/organisation/import',
  ].map((label) => ({
    label,
    path: () => label.replace(':type', 'stellen').replace(':id', UNKNOWN_UUID),
    client: () => admin,
    fields: () => ({ validFrom: '01.01.2027', validTo: '01.02.2027', displayName: 'Person' }),
  })),
  // The rule screens (routing, priority, four-eyes): dated configuration, refused before the policy is asked.
  ...[
    '/verwaltung/regeln/zustaendigkeit/neu',
    '/verwaltung/regeln/zustaendigkeit/:id/beenden',
    '/verwaltung/regeln/prioritaet/neu',
    '/verwaltung/regeln/vier-augen/neu',
    '/verwaltung/regeln/vier-augen/:id/beenden',
    '/verwaltung/regeln/zustaendigkeit/:id/zurueckziehen',
    '/verwaltung/regeln/vier-augen/:id/zurueckziehen',
    '/verwaltung/regeln/prioritaet/:id/zurueckziehen',
  ].map((label) => ({
    label,
    path: () => label.replace(':id', UNKNOWN_UUID),
    client: () => admin,
    fields: () => ({
      position: '1',
      minMonthly: '0',
      validFrom: '01.01.2099',
      validTo: '01.02.2099',
      reason: 'Versehen',
    }),
  })),
  ...[
    '/verwaltung/organisation/personen/:id/konto',
    '/verwaltung/organisation/personen/:id/konto-loesen',
  ].map((label) => ({
    label,
    path: () => label.replace(':id', UNKNOWN_UUID),
    client: () => admin,
    fields: () => ({ staffUserId: UNKNOWN_UUID }),
  })),
  // Standards and knowledge map: the transport cases are refused before the route's policy is asked.
  {
    label: '/standards/import',
    path: () => '/standards/import',
    client: () => staff,
    fields: () => ({}),
    file: true,
  },
  {
    label: '/standards/neu',
    path: () => '/standards/neu',
    client: () => staff,
    fields: () => ({ key: 'x' }),
  },
  {
    label: '/standards/:key/freigabestelle',
    path: () => '/standards/unbekannt/freigabestelle',
    client: () => staff,
    fields: () => ({ approverPostId: UNKNOWN_UUID }),
  },
  {
    label: '/standards/:key/versionen',
    path: () => '/standards/unbekannt/versionen',
    client: () => staff,
    fields: () => ({}),
  },
  {
    label: '/standards/:key/versionen/:version/bearbeiten',
    path: () => '/standards/unbekannt/versionen/1/bearbeiten',
    client: () => staff,
    fields: () => ({ steps: '' }),
  },
  {
    label: '/standards/:key/versionen/:version/aktion',
    path: () => '/standards/unbekannt/versionen/1/aktion',
    client: () => staff,
    fields: () => ({ action: 'submit' }),
  },
  { label: '/wissen/neu', path: () => '/wissen/neu', client: () => staff, fields: () => ({ title: 'x' }) },
  {
    label: '/wissen/eintrag/:slug/bearbeiten',
    path: () => '/wissen/eintrag/unbekannt/bearbeiten',
    client: () => staff,
    fields: () => ({ title: 'x' }),
  },
  {
    label: '/wissen/eintrag/:slug/verknuepfungen',
    path: () => '/wissen/eintrag/unbekannt/verknuepfungen',
    client: () => staff,
    fields: () => ({ kind: 'see_also', target: 'x' }),
  },
  {
    label: '/wissen/eintrag/:slug/verknuepfungen/:id/entfernen',
    path: () => `/wissen/eintrag/unbekannt/verknuepfungen/${UNKNOWN_UUID}/entfernen`,
    client: () => staff,
    fields: () => ({}),
  },
  {
    label: '/wissen/eintrag/:slug/geprueft',
    path: () => '/wissen/eintrag/unbekannt/geprueft',
    client: () => staff,
    fields: () => ({}),
  },
  {
    label: '/beschwerde',
    path: () => '/beschwerde',
    client: () => anonymous,
    fields: () => ({ category: 'other', description: 'Niemand ruft zurück.' }),
    file: true,
  },
  {
    label: '/beschwerde/rueckmeldung/:token',
    path: () => '/beschwerde/rueckmeldung/AAAA-BBBB-CCCC-DDDD-EEEE',
    client: () => anonymous,
    fields: () => ({ rating: '4' }),
  },
  {
    label: '/open311/v2/:file',
    path: () => '/open311/v2/requests.xml',
    client: () => anonymous,
    fields: () => ({ api_key: open311Key, service_code: 'other', address_string: 'Amt' }),
    api: true,
  },
  {
    label: '/webhooks/beschwerden/:source',
    path: () => '/webhooks/beschwerden/anliegenmelder',
    client: () => anonymous,
    fields: () => ({ id: 'evt-1', category: 'other', description: 'Keine Antwort.' }),
    api: true,
  },
  {
    label: '/oidc/backchannel-logout',
    path: () => '/oidc/backchannel-logout',
    client: () => anonymous,
    fields: () => ({ logout_token: 'a.b.c' }),
    api: true,
  },
  {
    label: '/verwaltung/open311/schluessel',
    path: () => '/verwaltung/open311/schluessel',
    client: () => admin,
    fields: () => ({ name: 'Anliegenmelder' }),
  },
  ...(['schluessel/:id/widerrufen', 'zustellungen/:id/erneut'] as const).map((action) => ({
    label: `/verwaltung/open311/${action}`,
    path: () => `/verwaltung/open311/${action.replace(':id', UNKNOWN_UUID)}`,
    client: () => admin,
    fields: (): Record<string, string> => ({}),
  })),
  {
    label: '/verwaltung/open311/import',
    path: () => '/verwaltung/open311/import',
    client: () => admin,
    fields: () => ({}),
  },
  // Complaint categories and Open311 service settings (coordinator and administrator).
  {
    label: '/verwaltung/beschwerden/kategorien',
    path: () => '/verwaltung/beschwerden/kategorien',
    client: () => coordinator,
    fields: () => ({ code: 'neue_kategorie', label: 'Neue Kategorie' }),
  },
  ...(['', '/loeschen'] as const).map((action) => ({
    label: `/verwaltung/beschwerden/kategorien/:id{[0-9a-fA-F-]{36}}${action}`,
    path: () => `/verwaltung/beschwerden/kategorien/${UNKNOWN_UUID}${action}`,
    client: () => coordinator,
    fields: (): Record<string, string> => ({ label: 'Neu' }),
  })),
  ...(
    [
      '',
      '/attribute',
      `/attribute/:attr{[0-9a-fA-F-]{36}}`,
      `/attribute/:attr{[0-9a-fA-F-]{36}}/loeschen`,
    ] as const
  ).map((action) => ({
    label: `/verwaltung/open311/dienste/:id{[0-9a-fA-F-]{36}}${action}`,
    path: () =>
      `/verwaltung/open311/dienste/${UNKNOWN_UUID}${action.replace(':attr{[0-9a-fA-F-]{36}}', UNKNOWN_UUID)}`,
    client: () => admin,
    fields: (): Record<string, string> => ({ type: 'realtime' }),
  })),
  {
    label: '/beschwerden/neu',
    path: () => '/beschwerden/neu',
    client: () => coordinator,
    fields: () => ({ channel: 'phone', category: 'other', description: 'Anruf.' }),
    file: true,
  },
  ...(['bestaetigen', 'weiterleiten', 'antworten', 'ursache', 'abschliessen'] as const).map((action) => ({
    label: `/beschwerden/:id{[0-9a-fA-F-]{36}}/${action}`,
    path: () => `/beschwerden/${complaintId}/${action}`,
    client: () => coordinator,
    fields: (): Record<string, string> => ({}),
  })),
  // The data-protection officer's forms (deletion release, Art. 15 search).
  {
    label: '/dsb/loeschung/freigeben',
    path: () => '/dsb/loeschung/freigeben',
    client: () => staff,
    fields: () => ({ fingerprint: 'f'.repeat(64) }),
  },
  {
    label: '/dsb/auskunft',
    path: () => '/dsb/auskunft',
    client: () => staff,
    fields: () => ({ reference: 'GS-2026-0000001' }),
  },
  {
    label: '/notfallzugriff',
    path: () => '/notfallzugriff',
    client: () => staff,
    fields: () => ({
      reference: applicationReference,
      reason: 'Notfall am Schalter, Stelle nicht erreichbar.',
    }),
  },
  {
    label: '/notfallzugriff/hinweise/:id/gelesen',
    path: () => `/notfallzugriff/hinweise/${UNKNOWN_UUID}/gelesen`,
    client: () => staff,
    fields: () => ({}),
  },
  {
    label: '/datenschutz/notfallzugriffe/:id',
    path: () => `/datenschutz/notfallzugriffe/${UNKNOWN_UUID}`,
    client: () => dpo,
    fields: () => ({ decision: 'confirmed', note: '' }),
  },
  {
    label: '/berichte/neu',
    path: () => '/berichte/neu',
    client: () => staff,
    fields: () => ({ monat: '10.2026' }),
  },
  {
    label: '/berichte/monatsstand',
    path: () => '/berichte/monatsstand',
    client: () => staff,
    fields: () => ({ stand_monat: '10.2026' }),
  },
  {
    label: '/zeiterfassung/eintrag',
    path: () => '/zeiterfassung/eintrag',
    client: () => staff,
    fields: () => ({ aufgabe: 'advice', minuten: '15' }),
  },
  {
    label: '/zeiterfassung/fenster',
    path: () => '/zeiterfassung/fenster',
    client: () => staff,
    fields: () => ({ einheit: UNKNOWN_UUID, von: '01.03.2030', bis: '28.03.2030' }),
  },
  ...(['texte', 'vorlegen', 'zurueckgeben', 'freigeben'] as const).map((action) => ({
    label: `/berichte/:id/${action}`,
    path: () => `/berichte/${UNKNOWN_UUID}/${action}`,
    client: () => staff,
    fields: (): Record<string, string> => ({}),
  })),
  {
    label: '/zahlungen/neu',
    path: () => '/zahlungen/neu',
    client: () => staff,
    fields: () => ({ monat: '12.2026' }),
  },
  ...(['freigeben', 'verwerfen'] as const).map((action) => ({
    label: `/zahlungen/:id/${action}`,
    path: () => `/zahlungen/${UNKNOWN_UUID}/${action}`,
    client: () => staff,
    fields: (): Record<string, string> => ({}),
  })),
  {
    label: '/sachbearbeitung/antraege/:id/ruecklaeufer',
    path: () => `/sachbearbeitung/antraege/${applicationId}/ruecklaeufer`,
    client: () => staff,
    fields: (): Record<string, string> => ({}),
  },
  {
    label: '/zahlungen/kontoauszug/einlesen',
    path: () => '/zahlungen/kontoauszug/einlesen',
    client: () => staff,
    fields: (): Record<string, string> => ({}),
    file: true,
  },
  {
    label: '/zahlungen/kontoauszug/klaerung/:id',
    path: () => `/zahlungen/kontoauszug/klaerung/${UNKNOWN_UUID}`,
    client: () => staff,
    fields: (): Record<string, string> => ({ vermerk: 'Gutschrift weitergeleitet' }),
  },
  {
    label: '/sachbearbeitung/antraege/:id/zahlungen/einmalige-leistung',
    path: () => `/sachbearbeitung/antraege/${applicationId}/zahlungen/einmalige-leistung`,
    client: () => staff,
    fields: (): Record<string, string> => ONE_OFF,
  },
  ...(['einstellen', 'fortsetzen'] as const).map((action) => ({
    label: `/sachbearbeitung/antraege/:id/zahlungen/${action}`,
    path: () => `/sachbearbeitung/antraege/${applicationId}/zahlungen/${action}`,
    client: () => staff,
    fields: (): Record<string, string> => ({ ab: '01.12.2026', grund: 'Unbekannt verzogen' }),
  })),
  ...PROVIDER_POST_ENDPOINTS.map((e) => ({ ...e, client: () => staff })),
]

/** A one-off grant form that would be accepted (on a case with a final decision). */
const ONE_OFF = {
  betrag: '850,00',
  zweck: 'Erstausstattung der Wohnung',
  rechtsgrundlage: '§ 31 Abs. 1 Nr. 1 SGB XII',
  monat: '12.2026',
}

/** A decision form that would be accepted on a case ready for decision. */
const DECISION = {
  ergebnis: 'granted',
  regelbedarf: '563,00',
  von: '01.12.2026',
  bis: '30.11.2027',
  rechtsgrundlage: '§§ 41 ff. SGB XII',
  begruendung: 'Die Voraussetzungen liegen vor.',
}

/** Transport-level faults, for every POST endpoint, each with otherwise acceptable fields. */
const GENERIC_CASES: Case[] = POST_ENDPOINTS.filter((e) => !e.api).flatMap((endpoint) => {
  const where = `POST ${endpoint.label}`
  const validMultipart = async () =>
    multipartBytes(endpoint.client(), [...pairsOf(endpoint.fields()), ['file', pdfFile()]])
  return [
    {
      name: `${where} gets a JSON body`,
      send: () =>
        send(endpoint.client(), endpoint.path(), {
          body: JSON.stringify({ _csrf: endpoint.client().csrf, ...endpoint.fields() }),
          contentType: 'application/json',
        }),
      status: 400,
      text: MSG.badRequest,
    },
    {
      name: `${where} gets a text/plain body`,
      send: () =>
        send(endpoint.client(), endpoint.path(), {
          body: new URLSearchParams({ _csrf: endpoint.client().csrf, ...endpoint.fields() }).toString(),
          contentType: 'text/plain',
        }),
      status: 400,
      text: MSG.badRequest,
    },
    {
      name: `${where} gets a body without content type`,
      send: () =>
        send(endpoint.client(), endpoint.path(), {
          body: new TextEncoder().encode(
            new URLSearchParams({ _csrf: endpoint.client().csrf, ...endpoint.fields() }).toString(),
          ),
        }),
      status: 400,
      text: MSG.badRequest,
    },
    {
      name: `${where} gets an empty form body`,
      send: () =>
        send(endpoint.client(), endpoint.path(), {
          body: '',
          contentType: 'application/x-www-form-urlencoded',
        }),
      status: 403,
      text: MSG.csrf,
    },
    {
      name: `${where} gets a form without the CSRF token`,
      send: () =>
        endpoint.file
          ? sendMultipart(endpoint.client(), endpoint.path(), [['file', pdfFile()]], { csrf: false })
          : sendForm(endpoint.client(), endpoint.path(), endpoint.fields(), { csrf: false }),
      status: 403,
      text: MSG.csrf,
    },
    {
      name: `${where} gets the CSRF token of another browser`,
      send: () => sendForm(endpoint.client(), endpoint.path(), endpoint.fields(), { csrf: neighbour.csrf }),
      status: 403,
      text: MSG.csrf,
    },
    {
      name: `${where} gets the CSRF token as an array (_csrf[])`,
      send: () =>
        sendForm(
          endpoint.client(),
          endpoint.path(),
          [['_csrf[]', endpoint.client().csrf], ...pairsOf(endpoint.fields())],
          {
            csrf: false,
          },
        ),
      status: 403,
      text: MSG.csrf,
    },
    {
      name: `${where} gets a form body over the 256 kB limit`,
      send: () =>
        sendForm(endpoint.client(), endpoint.path(), {
          ...endpoint.fields(),
          filler: 'x'.repeat(FORM_LIMIT + 1),
        }),
      status: 413,
      text: MSG.tooLarge,
    },
    {
      name: `${where} gets a truncated multipart body`,
      send: async () => {
        const { bytes, contentType } = await validMultipart()
        return send(endpoint.client(), endpoint.path(), {
          body: bytes.subarray(0, bytes.length - 20),
          contentType,
        })
      },
      status: 400,
      text: MSG.badRequest,
    },
    {
      name: `${where} gets a multipart body whose boundary does not match`,
      send: async () => {
        const { bytes } = await validMultipart()
        return send(endpoint.client(), endpoint.path(), {
          body: bytes,
          contentType: 'multipart/form-data; boundary=falsch',
        })
      },
      status: 400,
      text: MSG.badRequest,
    },
    {
      name: `${where} gets a multipart content type without boundary`,
      send: async () => {
        const { bytes } = await validMultipart()
        return send(endpoint.client(), endpoint.path(), { body: bytes, contentType: 'multipart/form-data' })
      },
      status: 400,
      text: MSG.badRequest,
    },
  ]
})

const STEP = '/antrag/grundsicherung/person'
const person = (overrides: Record<string, string>) => ({
  ...input('person'),
  action: 'continue',
  ...overrides,
})
const withoutField = (fields: Record<string, string>, name: string) =>
  Object.fromEntries(Object.entries(fields).filter(([k]) => k !== name))
const encoded = (fields: Record<string, string>) => new URLSearchParams(fields).toString()

/** Field-level cases of the accommodation forms a caseworker may send (issue 8). */
const ACCOMMODATION_CASES: Case[] = [
  {
    name: 'a move-in names a case the caseworker may not see, a place of no site and an impossible date',
    send: () =>
      sendForm(staff, `/unterkuenfte/${site.id}/einzug`, {
        placeId: UNKNOWN_UUID,
        reference: 'GS-2026-9999999',
        movedIn: '31.02.2026',
      }),
    status: 422,
    text: 'Zu diesem Aktenzeichen gibt es keinen Fall, den Sie einsehen dürfen.',
  },
  {
    name: 'a move-in names the case by a reference 10,000 characters long',
    send: () =>
      sendForm(staff, `/unterkuenfte/${site.id}/einzug`, {
        placeId: site.places[0]?.id ?? '',
        reference: 'G'.repeat(10_000),
        movedIn: '01.02.2026',
      }),
    status: 422,
    text: 'Zu diesem Aktenzeichen gibt es keinen Fall, den Sie einsehen dürfen.',
  },
  {
    name: 'a move-out names a stay that is no uuid',
    send: () => sendForm(staff, `/unterkuenfte/${site.id}/auszug`, { stayId: "1' or '1'='1" }),
    status: 404,
    text: MSG.notFound,
  },
  {
    name: 'a move-in is sent for a site that does not exist',
    send: () => sendForm(staff, `/unterkuenfte/${UNKNOWN_UUID}/einzug`, { reference: 'GS-2026-0000001' }),
    status: 404,
    text: MSG.notFound,
  },
]

const CASES: Case[] = [
  ...GENERIC_CASES,
  ...ACCOMMODATION_CASES,
  ...oidcLogoutBadInputCases(() => ctx),

  // ----- Open311 (api_key instead of cookies; GeoReport error bodies)
  ...(
    [
      [
        'a JSON body',
        'application/json',
        JSON.stringify({ service_code: 'other' }),
        400,
        'application/x-www-form-urlencoded',
      ],
      ['a text/plain body', 'text/plain', 'service_code=other', 400, 'application/x-www-form-urlencoded'],
      [
        'malformed XML',
        'text/xml',
        '<request><service_code>other</request',
        400,
        'application/x-www-form-urlencoded',
      ],
      [
        'no api_key',
        'application/x-www-form-urlencoded',
        'service_code=other&address_string=Amt',
        403,
        'kein api_key',
      ],
      [
        'an unknown service code',
        'application/x-www-form-urlencoded',
        'service_code=schlagloch&address_string=Amt&api_key=KEY',
        404,
        'schlagloch',
      ],
      [
        'invalid coordinates',
        'application/x-www-form-urlencoded',
        'service_code=other&lat=200&long=0&api_key=KEY',
        400,
        'WGS84',
      ],
      [
        'a body over 256 kB',
        'application/x-www-form-urlencoded',
        `service_code=other&filler=${'x'.repeat(FORM_LIMIT + 1)}`,
        400,
        'zu groß',
      ],
    ] as const
  ).map(
    ([what, contentType, body, status, text]): Case => ({
      name: `an Open311 request gets ${what}`,
      send: () =>
        send(anonymous, '/open311/v2/requests.xml', { body: body.replace('KEY', open311Key), contentType }),
      status,
      text,
      contentType: /^text\/xml; charset=utf-8$/,
    }),
  ),
  // ----- Inbound complaint webhook (signature instead of cookies; JSON answers)
  ...(
    [
      [
        'an unknown source',
        '/webhooks/beschwerden/fremd',
        'application/json',
        '{}',
        'sign',
        404,
        'nicht eingerichtet',
      ],
      ['a form body', '', 'application/x-www-form-urlencoded', 'id=1', 'sign', 415, 'application/json'],
      ['no signature', '', 'application/json', '{"id":"1"}', 'none', 401, 'Signatur fehlt'],
      ['a forged signature', '', 'application/json', '{"id":"1"}', 'forge', 401, 'ungültig'],
      ['malformed JSON', '', 'application/json', '{"id": "1", ', 'sign', 400, 'kein gültiges JSON'],
      ['a JSON array', '', 'application/json', '[1, 2]', 'sign', 400, 'Aufbau'],
      [
        'an unknown category',
        '',
        'application/json',
        '{"id":"b1","category":"schlagloch","description":"Text"}',
        'sign',
        400,
        'nicht angenommen',
      ],
      [
        'a description with only spaces',
        '',
        'application/json',
        '{"id":"b2","category":"other","description":"   "}',
        'sign',
        400,
        'Aufbau',
      ],
      [
        'a body over 256 kB',
        '',
        'application/json',
        `{"id":"b3","category":"other","description":"${'x'.repeat(FORM_LIMIT + 1)}"}`,
        'sign',
        413,
        'zu groß',
      ],
    ] as const
  ).map(
    ([what, url, contentType, body, signing, status, text]): Case => ({
      name: `an inbound complaint webhook gets ${what}`,
      send: async () => {
        const at = Math.floor(Date.now() / 1000)
        const headers: Record<string, string> = { 'content-type': contentType }
        if (signing !== 'none') {
          headers['lotse-webhook-signature'] = signWebhook(
            signing === 'forge' ? 'a-guessed-secret-0000' : WEBHOOK_SECRET,
            at,
            body,
          )
        }
        return ctx.app.request(url || '/webhooks/beschwerden/anliegenmelder', {
          method: 'POST',
          headers,
          body,
        })
      },
      status,
      text,
      contentType: /^application\/json/,
    }),
  ),
  {
    name: 'the Open311 key screen gets an empty name',
    send: () => sendForm(admin, '/verwaltung/open311/schluessel', { name: '  ' }),
    status: 422,
    text: 'Geben Sie einen Namen mit höchstens 100 Zeichen ein.',
  },
  {
    name: 'a complaint category gets a code with spaces and no label',
    send: () =>
      sendForm(coordinator, '/verwaltung/beschwerden/kategorien', { code: 'neue kategorie', label: '' }),
    status: 422,
    text: 'Die Kennung darf nur Kleinbuchstaben (a–z) und Unterstriche enthalten',
  },
  {
    name: 'an unknown complaint category is deleted',
    send: () => sendForm(coordinator, `/verwaltung/beschwerden/kategorien/${UNKNOWN_UUID}/loeschen`, {}),
    status: 404,
    text: MSG.notFound,
  },
  {
    name: 'an Open311 service gets settings for an unknown category',
    send: () => sendForm(admin, `/verwaltung/open311/dienste/${UNKNOWN_UUID}`, { type: 'realtime' }),
    status: 404,
    text: MSG.notFound,
  },
  {
    name: 'an unknown Open311 key is revoked',
    send: () => sendForm(admin, `/verwaltung/open311/schluessel/${UNKNOWN_UUID}/widerrufen`, {}),
    status: 404,
    text: MSG.notFound,
  },

  // ----- complaints
  {
    name: 'a complaint arrives with a file that is no PDF, JPEG or PNG',
    send: () =>
      sendMultipart(anonymous, '/beschwerde', [
        ['category', 'other'],
        ['description', 'Beschwerde mit Anlage'],
        ['attachments', new File([new TextEncoder().encode('MZ\x90\x00 programm')], 'rechnung.pdf.exe')],
      ]),
    status: 422,
    text: 'Die Datei „rechnung.pdf.exe“ ist kein PDF, JPEG oder PNG.',
  },
  {
    name: 'a complaint arrives with a script in the description and no category',
    send: () => sendMultipart(anonymous, '/beschwerde', [['description', '<script>alert(1)</script>']]),
    status: 422,
    text: 'Wählen Sie aus, worum es in Ihrer Beschwerde geht.',
    absent: '<script>alert(1)',
  },
  {
    name: 'a complaint arrives with control characters in the name',
    send: () =>
      sendMultipart(anonymous, '/beschwerde', [
        ['category', 'other'],
        ['description', 'Text'],
        ['contactName', 'Max\u0007Muster'],
      ]),
    status: 422,
    text: 'Der Text enthält Zeichen, die nicht erlaubt sind.',
  },
  {
    name: 'a complaint page is asked for an unknown complaint',
    send: () => coordinator.get(`/beschwerden/${UNKNOWN_UUID}`),
    status: 404,
    text: MSG.notFound,
  },
  {
    name: 'a reply to a complaint has no text',
    send: () =>
      sendForm(coordinator, `/beschwerden/${complaintId}/antworten`, {
        replyChannel: 'email',
        replyText: '  ',
      }),
    status: 422,
    text: 'Geben Sie den Text der Antwort ein.',
  },
  {
    name: 'a complaint is forwarded to a unit that does not exist',
    send: () => sendForm(coordinator, `/beschwerden/${complaintId}/weiterleiten`, { unitId: UNKNOWN_UUID }),
    status: 422,
    text: 'Wählen Sie die Organisationseinheit aus, an die Sie weiterleiten.',
  },
  {
    name: 'a complaint that was never answered is closed',
    send: () => sendForm(coordinator, `/beschwerden/${complaintId}/abschliessen`, {}),
    status: 409,
    text: 'Eine Beschwerde kann erst nach der Antwort abgeschlossen werden.',
  },
  {
    name: 'a caseworker acknowledges a complaint that is not routed to her',
    send: () => sendForm(staff, `/beschwerden/${complaintId}/bestaetigen`, {}),
    status: 404,
    text: MSG.notFound,
  },
  {
    name: 'feedback is sent with an unknown token',
    send: () => sendForm(anonymous, '/beschwerde/rueckmeldung/ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ', { rating: '5' }),
    status: 404,
    text: 'Dieser Link ist nicht gültig oder wurde schon benutzt.',
  },

  // ----- resume a draft
  {
    name: 'the resume code is missing',
    send: () => sendForm(anonymous, '/antrag/fortsetzen', {}),
    status: 422,
    text: 'Geben Sie Ihren Fortsetzungscode an.',
  },
  {
    name: 'the resume code is 100 kB long',
    send: () => sendForm(anonymous, '/antrag/fortsetzen', { code: HUNDRED_KB }),
    status: 422,
    text: 'Zu diesem Fortsetzungscode gibt es keinen gespeicherten Antrag.',
  },
  {
    name: 'the resume code holds control characters',
    send: () => sendForm(anonymous, '/antrag/fortsetzen', { code: 'AAAA\u0000BBBB\u001bCCCC' }),
    status: 422,
    text: 'Zu diesem Fortsetzungscode gibt es keinen gespeicherten Antrag.',
  },
  {
    name: 'the resume code field is sent twice (a real code last)',
    send: () =>
      sendForm(anonymous, '/antrag/fortsetzen', [
        ['code', 'AAAA-BBBB-CCCC-DDDD-EEEE'],
        ['code', citizen.cookies.get('lotse_draft') ?? ''],
      ]),
    status: 422,
    text: 'Geben Sie Ihren Fortsetzungscode an.',
  },
  {
    name: 'the resume code is sent as an array (code[])',
    send: () =>
      sendForm(anonymous, '/antrag/fortsetzen', [['code[]', citizen.cookies.get('lotse_draft') ?? '']]),
    status: 422,
    text: 'Geben Sie Ihren Fortsetzungscode an.',
  },

  // ----- status lookup
  {
    name: 'reference and access code are missing',
    send: () => sendForm(anonymous, '/antrag/status', {}),
    status: 422,
    text: 'Geben Sie den Zugangscode an.',
  },
  {
    name: 'the reference is 100 kB long',
    send: () =>
      sendForm(anonymous, '/antrag/status', { reference: HUNDRED_KB, accessCode: 'AAAA-BBBB-CCCC' }),
    status: 422,
    text: 'Aktenzeichen und Zugangscode passen nicht zusammen.',
  },
  {
    name: 'the access code holds a NUL character',
    send: () =>
      sendForm(anonymous, '/antrag/status', { reference: applicationReference, accessCode: 'AAAA\u0000' }),
    status: 422,
    text: 'Aktenzeichen und Zugangscode passen nicht zusammen.',
  },
  {
    name: 'the reference is sent twice',
    send: () =>
      sendForm(anonymous, '/antrag/status', [
        ['reference', 'GS-2000-0000000'],
        ['reference', applicationReference],
        ['accessCode', 'AAAA-BBBB-CCCC'],
      ]),
    status: 422,
    text: 'Geben Sie das Aktenzeichen an.',
  },

  // ----- start a draft
  {
    name: 'a draft is started for an unknown form',
    send: () => sendForm(anonymous, '/antrag/unbekannt/starten', {}),
    status: 404,
    text: MSG.notFound,
  },
  {
    name: 'a draft is started for an encoded path traversal as form',
    send: () => sendForm(anonymous, '/antrag/..%2F..%2Fetc/starten', {}),
    status: 404,
    text: MSG.notFound,
  },

  // ----- upload
  {
    name: 'the upload has no file field',
    send: () => sendMultipart(citizen, '/antrag/grundsicherung/nachweise', []),
    status: 422,
    text: MSG.chooseFile,
  },
  {
    name: 'the upload sends text instead of a file',
    send: () =>
      sendMultipart(citizen, '/antrag/grundsicherung/nachweise', [['file', '%PDF-1.4 kein Datei-Teil']]),
    status: 422,
    text: MSG.chooseFile,
  },
  {
    name: 'the upload is a urlencoded form with a file name as text',
    send: () => sendForm(citizen, '/antrag/grundsicherung/nachweise', { file: 'Rentenbescheid.pdf' }),
    status: 422,
    text: MSG.chooseFile,
  },
  {
    name: 'the uploaded file is empty',
    send: () =>
      sendMultipart(citizen, '/antrag/grundsicherung/nachweise', [
        ['file', pdfFile('leer.pdf', new Uint8Array())],
      ]),
    status: 422,
    text: 'Die ausgewählte Datei ist leer.',
  },
  {
    name: 'the upload has a file part with empty filename and no content (what a browser sends when no file is chosen)',
    send: () =>
      sendRawMultipart(
        citizen,
        '/antrag/grundsicherung/nachweise',
        'Content-Disposition: form-data; name="file"; filename=""\r\nContent-Type: application/octet-stream',
        new Uint8Array(),
      ),
    status: 422,
    text: MSG.chooseFile,
  },
  {
    name: 'the upload has a file part without filename attribute',
    send: () =>
      sendRawMultipart(
        citizen,
        '/antrag/grundsicherung/nachweise',
        'Content-Disposition: form-data; name="file"\r\nContent-Type: application/pdf',
        PDF,
      ),
    status: 422,
    text: MSG.chooseFile,
  },
  {
    name: 'the uploaded file is over the configured size limit',
    send: () =>
      sendMultipart(citizen, '/antrag/grundsicherung/nachweise', [
        ['file', pdfFile('gross.pdf', pdfOfSize(2048))],
      ]),
    status: 422,
    text: 'Die Datei ist zu groß. Sie darf höchstens 1 KB groß sein.',
  },
  {
    name: 'the upload body is far over the size limit',
    send: () =>
      sendMultipart(citizen, '/antrag/grundsicherung/nachweise', [
        ['file', pdfFile('riesig.pdf', pdfOfSize(200 * 1024))],
      ]),
    status: 413,
    text: MSG.tooLarge,
  },
  {
    name: 'the uploaded file is no PDF, JPEG or PNG although named .pdf',
    send: () =>
      sendMultipart(citizen, '/antrag/grundsicherung/nachweise', [
        ['file', pdfFile('bescheid.pdf', new TextEncoder().encode('<html><script>alert(1)</script></html>'))],
      ]),
    status: 422,
    text: 'Die Datei muss ein PDF, JPEG oder PNG sein.',
  },
  {
    name: 'the draft already holds the maximum number of documents',
    send: () => sendMultipart(fullCitizen, '/antrag/grundsicherung/nachweise', [['file', pdfFile()]]),
    status: 422,
    text: 'Sie können höchstens 20 Dateien hochladen.',
  },
  {
    name: 'a browser without a draft uploads a file',
    send: () => sendMultipart(anonymous, '/antrag/grundsicherung/nachweise', [['file', pdfFile()]]),
    status: 404,
    text: MSG.noDraft,
  },
  {
    name: 'a file is uploaded to an unknown form',
    send: () => sendMultipart(citizen, '/antrag/unbekannt/nachweise', [['file', pdfFile()]]),
    status: 404,
    text: MSG.notFound,
  },

  // ----- remove a document: a no-op unless the document belongs to the browser's own draft
  {
    name: 'a document of another draft is removed',
    send: () =>
      sendForm(citizen, '/antrag/grundsicherung/nachweise/entfernen', { documentId: neighbourDocumentId }),
    status: 303,
  },
  {
    name: 'a document of a submitted application is removed',
    send: () =>
      sendForm(citizen, '/antrag/grundsicherung/nachweise/entfernen', { documentId: applicationDocumentId }),
    status: 303,
  },
  {
    name: 'the document id to remove is no UUID',
    send: () =>
      sendForm(citizen, '/antrag/grundsicherung/nachweise/entfernen', { documentId: "1' or '1'='1" }),
    status: 303,
  },
  {
    name: 'the document id to remove is missing',
    send: () => sendForm(citizen, '/antrag/grundsicherung/nachweise/entfernen', {}),
    status: 303,
  },
  {
    name: 'the document id to remove is sent twice',
    send: () =>
      sendForm(citizen, '/antrag/grundsicherung/nachweise/entfernen', [
        ['documentId', UNKNOWN_UUID],
        ['documentId', citizenDocumentId],
      ]),
    status: 303,
  },
  {
    name: 'a browser without a draft removes a document',
    send: () =>
      sendForm(anonymous, '/antrag/grundsicherung/nachweise/entfernen', { documentId: citizenDocumentId }),
    status: 404,
    text: MSG.noDraft,
  },

  // ----- submit
  {
    name: 'an incomplete draft is submitted',
    send: () => sendForm(citizen, '/antrag/grundsicherung/absenden', {}),
    status: 422,
    text: 'Der Abschnitt „Haushalt“ ist noch nicht vollständig.',
  },
  {
    name: 'a browser without a draft submits',
    send: () => sendForm(anonymous, '/antrag/grundsicherung/absenden', {}),
    status: 404,
    text: MSG.noDraft,
  },
  {
    name: 'an expired draft is submitted',
    send: () => sendForm(expiredCitizen, '/antrag/grundsicherung/absenden', {}),
    status: 404,
    text: MSG.noDraft,
  },

  // ----- a step of the form (the person step already has valid saved answers)
  {
    name: 'a step is sent with every field missing',
    send: () => sendForm(citizen, STEP, {}),
    status: 422,
    text: 'Geben Sie „Vorname“ an.',
  },
  {
    name: 'a step with saved answers is sent with an impossible date',
    send: () => sendForm(citizen, STEP, person({ birthDate: '31.02.1950' })),
    status: 422,
    text: '„Geburtsdatum“ muss ein echtes Datum sein',
  },
  {
    name: 'a step is sent with a birth date in the future',
    send: () => sendForm(citizen, STEP, person({ birthDate: '01.01.2999' })),
    status: 422,
    text: '„Geburtsdatum“ muss in der Vergangenheit liegen.',
  },
  {
    name: 'a step is sent with invalid data and no action',
    send: () => sendForm(citizen, STEP, { ...input('person'), postalCode: '2355' }),
    status: 422,
    text: '„Postleitzahl“ muss aus fünf Ziffern bestehen',
  },
  {
    name: 'a step is sent with invalid data and an unknown action',
    send: () => sendForm(citizen, STEP, person({ postalCode: '2355', action: 'alles-loeschen' })),
    status: 422,
    text: '„Postleitzahl“ muss aus fünf Ziffern bestehen',
  },
  {
    name: 'a step is sent with 100 kB in one field',
    send: () => sendForm(citizen, STEP, person({ givenName: HUNDRED_KB })),
    status: 422,
    text: '„Vorname“ darf höchstens 100 Zeichen lang sein.',
  },
  {
    name: 'a step is sent with a NUL character in a text field',
    send: () => sendForm(citizen, STEP, person({ surname: 'Muster\u0000mann' })),
    status: 422,
    text: `„Nachname“ ${MSG.invalidCharacters}`,
  },
  {
    name: 'a step is sent with an escape sequence in a text field',
    send: () => sendForm(citizen, STEP, person({ city: 'Lübeck\u001b[2J' })),
    status: 422,
    text: `„Ort“ ${MSG.invalidCharacters}`,
  },
  {
    name: 'a step is sent with invalid UTF-8 bytes in a text field',
    send: () =>
      sendFormBytes(
        citizen,
        STEP,
        'givenName=Er',
        [0xff, 0xfe, 0xc3],
        `&${encoded(withoutField(person({}), 'givenName'))}`,
      ),
    status: 422,
    text: `„Vorname“ ${MSG.invalidCharacters}`,
  },
  {
    name: 'a step is sent with percent-encoded invalid UTF-8',
    send: () =>
      send(citizen, STEP, {
        body: `_csrf=${citizen.csrf}&givenName=%C3%28%E0%A4%A&${encoded(withoutField(person({}), 'givenName'))}`,
        contentType: 'application/x-www-form-urlencoded',
      }),
    status: 422,
    text: `„Vorname“ ${MSG.invalidCharacters}`,
  },
  {
    name: 'a step is sent with the same field twice',
    send: () =>
      sendForm(citizen, STEP, [...pairsOf(person({ givenName: 'Erika' })), ['givenName', 'Mallory']]),
    status: 422,
    text: 'Geben Sie „Vorname“ an.',
  },
  {
    name: 'a step is sent with a field as an array (givenName[])',
    send: () =>
      sendForm(citizen, STEP, [...pairsOf(withoutField(person({}), 'givenName')), ['givenName[]', 'Erika']]),
    status: 422,
    text: 'Geben Sie „Vorname“ an.',
  },
  {
    name: 'a step is sent with a value that is not one of the options',
    send: () => sendForm(citizen, STEP, person({ maritalStatus: 'admin' })),
    status: 422,
    text: 'Wählen Sie bei „Familienstand“ eine der angebotenen Antworten aus.',
  },
  {
    name: 'a step is sent with unknown fields and invalid data',
    send: () =>
      sendForm(citizen, STEP, [
        ...pairsOf(person({ postalCode: 'x' })),
        ['isAdmin', 'true'],
        ['__proto__', 'x'],
        ['constructor', 'y'],
        ['answers.person', '{}'],
      ]),
    status: 422,
    text: '„Postleitzahl“ muss aus fünf Ziffern bestehen',
  },
  {
    name: 'a list step asks for entries but has none',
    send: () =>
      sendForm(citizen, '/antrag/grundsicherung/haushalt', { livesAlone: 'nein', action: 'continue' }),
    status: 422,
    text: 'Geben Sie mindestens eine Person an, die mit Ihnen lebt',
  },
  {
    name: 'a list step is sent with more entries than allowed, one of them invalid',
    send: () => {
      const fields: Pairs = [
        ['livesAlone', 'nein'],
        ['action', 'continue'],
      ]
      for (let i = 0; i < 50; i++) {
        fields.push([`members.${i}.givenName`, `Kind ${i}`], [`members.${i}.surname`, 'Muster'])
        fields.push(
          [`members.${i}.birthDate`, i === 3 ? '99.99.9999' : '01.01.2000'],
          [`members.${i}.relationship`, 'child'],
        )
      }
      return sendForm(citizen, '/antrag/grundsicherung/haushalt', fields)
    },
    status: 422,
    text: '„Geburtsdatum (Person 4)“ muss ein echtes Datum sein',
  },
  {
    name: 'an amount has three decimals',
    send: () =>
      sendForm(citizen, '/antrag/grundsicherung/einkommen', {
        ...input('income', { 'items.0.monthlyAmount': '12,345' }),
        action: 'continue',
      }),
    status: 422,
    text: 'als Betrag in Euro an, zum Beispiel 1.234,56',
  },
  {
    name: 'an amount is negative',
    send: () =>
      sendForm(citizen, '/antrag/grundsicherung/vermoegen', {
        ...input('assets', { 'items.0.value': '-5' }),
        action: 'continue',
      }),
    status: 422,
    text: 'als Betrag in Euro an, zum Beispiel 1.234,56',
  },
  {
    name: 'the IBAN is invalid',
    send: () =>
      sendForm(citizen, '/antrag/grundsicherung/bankverbindung', {
        ...input('bankAccount', { iban: 'DE03 1203 0000 0000 2020 51' }),
        action: 'continue',
      }),
    status: 422,
    text: 'Geben Sie eine gültige IBAN an',
  },
  {
    name: 'the health insurance number is invalid',
    send: () =>
      sendForm(citizen, '/antrag/grundsicherung/krankenversicherung', {
        ...input('healthInsurance', { insuranceNumber: 'A12345' }),
        action: 'continue',
      }),
    status: 422,
    text: 'Die Krankenversichertennummer besteht aus einem Buchstaben und neun Ziffern',
  },
  {
    name: 'a declaration is not ticked',
    send: () =>
      sendForm(citizen, '/antrag/grundsicherung/erklaerungen', {
        reportChanges: 'ja',
        dataProcessing: 'ja',
        action: 'continue',
      }),
    status: 422,
    text: 'Bestätigen Sie, dass Ihre Angaben richtig und vollständig sind.',
  },
  {
    name: 'a list entry is added (the page is shown again, nothing stored)',
    send: () =>
      sendForm(citizen, '/antrag/grundsicherung/haushalt', { livesAlone: 'nein', action: 'add:members' }),
    status: 200,
    text: 'Person 2',
  },
  {
    name: 'a list entry with a nonsense index is removed',
    send: () =>
      sendForm(citizen, '/antrag/grundsicherung/haushalt', {
        ...input('household'),
        action: 'remove:members:99999999999999999999999',
      }),
    status: 200,
    text: 'Jörg',
  },
  {
    name: 'an unknown step is sent',
    send: () => sendForm(citizen, '/antrag/grundsicherung/unbekannt', person({})),
    status: 404,
    text: MSG.notFound,
  },
  {
    name: 'a step of an unknown form is sent',
    send: () => sendForm(citizen, '/antrag/unbekannt/person', person({})),
    status: 404,
    text: MSG.notFound,
  },
  {
    name: 'a step slug with a NUL character is sent',
    send: () => sendForm(citizen, '/antrag/grundsicherung/%00', person({})),
    status: 404,
    text: MSG.notFound,
  },
  {
    name: 'a step slug with a broken percent escape is sent',
    send: () => sendForm(citizen, '/antrag/grundsicherung/%E0%A4%A', person({})),
    status: 404,
    text: MSG.notFound,
  },
  {
    name: 'a browser without a draft sends a step',
    send: () => sendForm(anonymous, STEP, person({})),
    status: 404,
    text: MSG.noDraft,
  },
  {
    name: 'a step of an expired draft is sent',
    send: () => sendForm(expiredCitizen, STEP, person({})),
    status: 404,
    text: MSG.noDraft,
  },
  {
    name: 'a step is sent with a made-up draft cookie',
    send: () =>
      send(anonymous, STEP, {
        body: new URLSearchParams({ _csrf: anonymous.csrf, ...person({}) }).toString(),
        contentType: 'application/x-www-form-urlencoded',
        cookies: { lotse_draft: 'AAAA-BBBB-CCCC-DDDD-EEEE' },
      }),
    status: 404,
    text: MSG.noDraft,
  },
  {
    name: 'a step is sent with an unsupported method (PUT)',
    send: () => sendForm(citizen, STEP, person({}), { method: 'PUT' }),
    status: 404,
    text: MSG.notFound,
  },

  // ----- staff sign-in
  {
    name: 'username and password are missing',
    send: () => sendForm(anonymous, '/anmelden', {}),
    status: 422,
    text: 'Geben Sie Ihren Benutzernamen an.',
  },
  {
    name: 'the username holds a NUL character',
    send: () =>
      sendForm(anonymous, '/anmelden', {
        username: `${staffUser.username}\u0000`,
        password: staffUser.password,
      }),
    status: 422,
    text: MSG.loginFailed,
  },
  {
    name: 'the username is 100 kB long',
    send: () => sendForm(anonymous, '/anmelden', { username: HUNDRED_KB, password: 'x' }),
    status: 422,
    text: MSG.loginFailed,
  },
  {
    name: 'the password is 100 kB long',
    send: () => sendForm(anonymous, '/anmelden', { username: staffUser.username, password: HUNDRED_KB }),
    status: 422,
    text: MSG.loginFailed,
  },
  {
    name: 'the username holds invalid UTF-8',
    send: () => sendFormBytes(anonymous, '/anmelden', 'username=', [0xff, 0xc0, 0x80], '&password=x'),
    status: 422,
    text: MSG.loginFailed,
  },
  {
    name: 'the username is sent twice (the real one last)',
    send: () =>
      sendForm(anonymous, '/anmelden', [
        ['username', 'niemand'],
        ['username', staffUser.username],
        ['password', staffUser.password],
      ]),
    status: 422,
    text: 'Geben Sie Ihren Benutzernamen an.',
  },

  // ----- second factor, sessions, account administration
  {
    name: 'a code is sent without a pending sign-in',
    send: () => sendForm(anonymous, '/anmelden/code', { code: '123456' }),
    status: 303,
  },
  {
    name: 'an enrolment code is sent without a pending sign-in',
    send: () => sendForm(anonymous, '/anmelden/einrichten', { code: '123456' }),
    status: 303,
  },
  {
    name: 'a session id that is no UUID is to be ended',
    send: () => sendForm(staff, '/konto/sitzungen/kein-uuid/beenden', {}),
    status: 404,
    text: MSG.notFound,
  },
  {
    name: 'an unknown role is chosen for an account',
    send: () => sendForm(admin, `/verwaltung/benutzer/${adminTarget.id}/rolle`, { role: 'superuser' }),
    status: 400,
    text: MSG.badRequest,
  },
  {
    name: 'the MFA of an account id that is no UUID is reset',
    send: () => sendForm(admin, '/verwaltung/benutzer/kein-uuid/mfa-zuruecksetzen', {}),
    status: 404,
    text: MSG.notFound,
  },
  {
    name: 'an unknown account is disabled',
    send: () =>
      sendForm(admin, '/verwaltung/benutzer/00000000-0000-4000-8000-000000000000/status', { disabled: 'ja' }),
    status: 404,
    text: MSG.notFound,
  },

  // ----- staff: status change
  {
    name: 'a browser without a session changes a status',
    send: () =>
      sendForm(anonymous, `/sachbearbeitung/antraege/${applicationId}/status`, { status: 'in_review' }),
    status: 401,
    text: MSG.unauthenticated,
  },
  {
    name: 'the status of an application with a malformed id is changed',
    send: () => sendForm(staff, '/sachbearbeitung/antraege/kein-uuid/status', { status: 'in_review' }),
    status: 404,
    text: MSG.notFound,
  },
  {
    name: 'the status of an unknown application is changed',
    send: () => sendForm(staff, `/sachbearbeitung/antraege/${UNKNOWN_UUID}/status`, { status: 'in_review' }),
    status: 404,
    text: MSG.notFound,
  },
  {
    name: 'the status is changed to the status it already has',
    send: () => sendForm(staff, `/sachbearbeitung/antraege/${applicationId}/status`, { status: 'submitted' }),
    status: 409,
    text: MSG.invalidTransition,
  },
  {
    name: 'the status is changed to a status that does not exist (back to the page)',
    send: () => sendForm(staff, `/sachbearbeitung/antraege/${applicationId}/status`, { status: 'approved' }),
    status: 303,
  },
  {
    name: 'the status is missing (back to the page)',
    send: () => sendForm(staff, `/sachbearbeitung/antraege/${applicationId}/status`, {}),
    status: 303,
  },
  {
    name: 'the status is sent twice (back to the page)',
    send: () =>
      sendForm(staff, `/sachbearbeitung/antraege/${applicationId}/status`, [
        ['status', 'approved'],
        ['status', 'in_review'],
      ]),
    status: 303,
  },
  {
    name: 'the status is 100 kB long (back to the page)',
    send: () => sendForm(staff, `/sachbearbeitung/antraege/${applicationId}/status`, { status: HUNDRED_KB }),
    status: 303,
  },

  // ----- the payment card
  {
    name: 'a card request is sent without the status cookie',
    send: () =>
      sendForm(anonymous, '/antrag/bezahlkarte', {
        art: 'reise',
        von: '01.01.2099',
        bis: '02.01.2099',
        grund: 'x',
      }),
    status: 404,
    text: MSG.receiptGone,
  },
  {
    name: 'a card request is sent with a real reference and a wrong access code',
    send: () =>
      send(anonymous, '/antrag/bezahlkarte', {
        body: new URLSearchParams({ _csrf: anonymous.csrf, art: 'reise', grund: 'x' }).toString(),
        contentType: 'application/x-www-form-urlencoded',
        cookies: { lotse_receipt: `${applicationReference}~AAAA-BBBB-CCCC` },
      }),
    status: 404,
    text: MSG.receiptGone,
  },
  {
    name: 'a household member has a 100 kB name',
    send: () =>
      sendForm(staff, `/sachbearbeitung/antraege/${applicationId}/bezahlkarte/mitglieder`, {
        vorname: HUNDRED_KB,
        nachname: 'Haddad',
        rolle: 'adult',
      }),
    status: 422,
    text: 'Der Text ist zu lang (höchstens 200 Zeichen).',
  },
  {
    name: 'a card is recorded with an IBAN holding a script',
    send: () =>
      sendForm(staff, `/sachbearbeitung/antraege/${applicationId}/bezahlkarte/karten`, {
        mitglied: UNKNOWN_UUID,
        iban: '<script>alert(1)</script>',
        bargeld: '50',
      }),
    status: 422,
    text: 'Die IBAN darf nur Buchstaben, Ziffern und Leerzeichen enthalten',
    absent: '<script>alert(1)</script>',
  },
  {
    name: 'a card is recorded for a member of no household',
    send: () =>
      sendForm(staff, `/sachbearbeitung/antraege/${applicationId}/bezahlkarte/karten`, {
        mitglied: 'not-a-uuid',
        iban: 'DE02120300000000202051',
        bargeld: '50',
      }),
    status: 422,
    text: 'Diese Person gehört nicht zur Bedarfsgemeinschaft dieses Falls.',
  },
  {
    name: 'a card status is set to something unknown',
    send: () =>
      sendForm(
        staff,
        `/sachbearbeitung/antraege/${applicationId}/bezahlkarte/karten/${UNKNOWN_UUID}/status`,
        {
          ziel: 'replaced',
        },
      ),
    status: 409,
  },
  {
    name: 'a transfer request has an amount with three decimals',
    send: () =>
      sendForm(staff, `/sachbearbeitung/antraege/${applicationId}/bezahlkarte/freigaben/ueberweisung`, {
        empfaenger: 'Wohnbau',
        iban: 'DE02120300000000202051',
        zweck: 'Miete',
        betrag: '1,234',
      }),
    status: 422,
    text: 'Geben Sie den Betrag in Euro ein, zum Beispiel 120,50.',
  },
  {
    name: 'an unknown approval is decided',
    send: () =>
      sendForm(
        staff,
        `/sachbearbeitung/antraege/${applicationId}/bezahlkarte/freigaben/${UNKNOWN_UUID}/entscheidung`,
        { ergebnis: 'approved' },
      ),
    status: 404,
  },

  // ----- the citizen's answer to a document request
  {
    name: 'a requested document is sent without the receipt cookie',
    send: () => anonymous.upload(`/antrag/unterlagen/${UNKNOWN_UUID}`, { name: 'a.pdf', bytes: PDF }),
    status: 404,
  },

  // ----- workbench forms
  {
    name: 'a note is 100 kB long',
    send: () => sendForm(staff, `/sachbearbeitung/antraege/${applicationId}/notizen`, { notiz: HUNDRED_KB }),
    status: 422,
    text: 'Eine Notiz darf höchstens 10.000 Zeichen lang sein.',
  },
  {
    name: 'a document request is due yesterday',
    send: () =>
      sendForm(staff, `/sachbearbeitung/antraege/${applicationId}/unterlagen`, {
        beschreibung: 'Kontoauszüge',
        frist: '01.01.2020',
      }),
    status: 422,
    text: 'Die Frist muss nach dem heutigen Tag',
  },
  {
    name: 'a decision has a negative amount and no period',
    send: () =>
      sendForm(staff, `/sachbearbeitung/antraege/${applicationId}/entscheidung`, {
        ...DECISION,
        regelbedarf: '-5',
        von: '',
        bis: '',
      }),
    status: 422,
    text: 'Geben Sie einen Betrag in Euro ein, zum Beispiel 563,00.',
  },
  {
    name: 'a decision is sent for a case that is not ready for decision',
    send: () => sendForm(staff, `/sachbearbeitung/antraege/${applicationId}/entscheidung`, DECISION),
    status: 409,
    text: 'Dieser Schritt ist im aktuellen Status des Antrags nicht möglich.',
  },
  {
    name: 'an objection is dated in the future',
    send: () =>
      sendForm(staff, `/sachbearbeitung/antraege/${applicationId}/widerspruch`, { eingang: '01.01.2099' }),
    status: 422,
    text: 'Das Eingangsdatum darf nicht in der Zukunft liegen.',
  },
  {
    name: 'a caseworker tries a lead’s reassignment',
    send: () =>
      sendForm(staff, '/sachbearbeitung/faelle/zuweisen', {
        faelle: applicationId,
        stelle: 'ohne',
        grund: 'Test',
      }),
    status: 403,
  },
  {
    name: 'an approval names a malformed decision id',
    send: () => sendForm(staff, '/sachbearbeitung/freigaben/kein-uuid/freigeben', {}),
    status: 404,
    text: MSG.notFound,
  },
  {
    name: 'a return names an unknown decision',
    send: () =>
      sendForm(staff, `/sachbearbeitung/freigaben/${UNKNOWN_UUID}/zurueckgeben`, {
        [`grund-${UNKNOWN_UUID}`]: 'Bitte prüfen',
      }),
    status: 404,
    text: MSG.notFound,
  },

  // ----- payments of a case (one-off grants, suspension, returned payments) and statement entries
  ...(
    [
      [{ betrag: '12,345' }, 'Geben Sie einen Betrag in Euro über 0'],
      [{ betrag: '-5,00' }, 'Geben Sie einen Betrag in Euro über 0'],
      [{ betrag: '100.000,01' }, 'Geben Sie einen Betrag in Euro über 0'],
      [{ betrag: '850.00' }, 'Geben Sie einen Betrag in Euro über 0'],
      [{ monat: '13.2026' }, 'Geben Sie den Fälligkeitsmonat als Monat und Jahr ein'],
      [{ monat: '01.2099' }, 'Geben Sie den Fälligkeitsmonat als Monat und Jahr ein'],
      [{ zweck: 'ab' }, 'Geben Sie den Zweck der Leistung ein (3 bis 140 Zeichen)'],
      [{ zweck: 'Erst\u0000ausstattung' }, 'Geben Sie den Zweck der Leistung ein'],
      [
        { rechtsgrundlage: HUNDRED_KB.slice(0, 201) },
        'Geben Sie die Rechtsgrundlage ein (3 bis 200 Zeichen)',
      ],
      [{}, 'keinen bestandskräftigen Bescheid mit Leistungszeitraum'],
    ] as const
  ).map(([fields, text]) => ({
    name: `a one-off grant has ${JSON.stringify(fields)}`,
    send: () =>
      sendForm(staff, `/sachbearbeitung/antraege/${applicationId}/zahlungen/einmalige-leistung`, {
        ...ONE_OFF,
        ...fields,
      }),
    status: 422,
    text,
  })),
  ...(
    [
      ['einstellen', { ab: '31.02.2026' }, 'Geben Sie ein gültiges Datum ein'],
      ['einstellen', { ab: '' }, 'Geben Sie ein gültiges Datum ein'],
      ['einstellen', { grund: 'x' }, 'Geben Sie einen Grund ein (3 bis 1000 Zeichen)'],
      ['einstellen', { grund: 'Grund\u001b[31m' }, 'Geben Sie einen Grund ein'],
      ['fortsetzen', {}, 'Die Zahlung ist nicht eingestellt.'],
    ] as const
  ).map(([action, fields, text]) => ({
    name: `payments are to be ${action === 'einstellen' ? 'suspended' : 'resumed'} with ${JSON.stringify(fields)}`,
    send: () =>
      sendForm(staff, `/sachbearbeitung/antraege/${applicationId}/zahlungen/${action}`, {
        ab: '01.12.2026',
        grund: 'Unbekannt verzogen',
        ...fields,
      }),
    status: 422,
    text,
  })),
  ...(
    [
      [{ kontoinhaber: 'Eva Muster', iban: 'DE00 1234' }, 'Geben Sie eine gültige IBAN ein'],
      [{ kontoinhaber: 'E', iban: 'DE02120300000000202051' }, 'Geben Sie den Namen der Kontoinhaberin'],
      [
        { kontoinhaber: 'Eva Muster', iban: 'DE02120300000000202051', bic: 'XYZ' },
        'Geben Sie eine gültige BIC ein',
      ],
      [{ kontoinhaber: 'Eva Muster', iban: 'DE02120300000000202051' }, 'keinen offenen Rückläufer'],
    ] as const
  ).map(([fields, text]) => ({
    name: `a returned payment is resolved with ${JSON.stringify(fields)}`,
    send: () =>
      sendForm(staff, `/sachbearbeitung/antraege/${applicationId}/ruecklaeufer`, {
        seite: 'zahlungen',
        ...fields,
      }),
    status: 422,
    text,
  })),
  {
    name: 'a caseworker tries to resolve a statement entry of the payment office',
    send: () => sendForm(staff, `/zahlungen/kontoauszug/klaerung/${UNKNOWN_UUID}`, { vermerk: 'Erledigt' }),
    status: 403,
  },

  // ----- GET routes that read query parameters or path parameters
  {
    name: 'the inbox cursor is not base64 JSON (the first page is shown)',
    send: () => staff.get('/sachbearbeitung/antraege?nach=%%%'),
    status: 200,
    text: () => applicationReference,
  },
  {
    name: 'the inbox cursor is JSON of the wrong shape (the first page is shown)',
    send: () =>
      staff.get(`/sachbearbeitung/antraege?nach=${Buffer.from('[9,"x","y","z"]').toString('base64url')}`),
    status: 200,
    text: () => applicationReference,
  },
  {
    name: 'the inbox cursor lies behind every case (an empty page is shown)',
    send: () =>
      staff.get(
        `/sachbearbeitung/antraege?nach=${Buffer.from(JSON.stringify([2, 'infinity', '9999-01-01T00:00:00Z', 'ffffffff-ffff-4fff-bfff-ffffffffffff'])).toString('base64url')}`,
      ),
    status: 200,
    text: 'Keine offenen Fälle gefunden.',
  },
  {
    name: 'the inbox search is 10 kB of SQL wildcards (treated as text)',
    send: () => staff.get(`/sachbearbeitung/antraege?q=${encodeURIComponent('%_\\'.repeat(2500))}`),
    status: 200,
    text: 'Keine offenen Fälle gefunden.',
  },
  {
    name: 'the inbox team filter is not an id (ignored)',
    send: () => staff.get('/sachbearbeitung/antraege?team=kein-team'),
    status: 200,
    text: () => applicationReference,
  },
  {
    name: 'the list status filter holds markup (ignored, not reflected)',
    send: () =>
      staff.get(`/sachbearbeitung/antraege?status=${encodeURIComponent('<script>alert(1)</script>')}`),
    status: 200,
    text: () => applicationReference,
    absent: '<script>alert(1)',
  },
  {
    name: 'an application is opened with a malformed id',
    send: () => staff.get('/sachbearbeitung/antraege/kein-uuid'),
    status: 404,
    text: MSG.notFound,
  },
  {
    name: 'an application is opened with an unknown status notice',
    send: () =>
      staff.get(`/sachbearbeitung/antraege/${applicationId}?geaendert=${encodeURIComponent('<b>x</b>')}`),
    status: 200,
    text: () => applicationReference,
    absent: '<b>x</b>',
  },
  {
    name: 'a document is opened with a malformed id',
    send: () => staff.get(`/sachbearbeitung/antraege/${applicationId}/dokumente/kein-uuid`),
    status: 404,
    text: MSG.notFound,
  },
  {
    name: 'a document is opened with an encoded path traversal',
    send: () => staff.get(`/sachbearbeitung/antraege/${applicationId}/dokumente/..%2F..%2F..%2Fpackage.json`),
    status: 404,
    text: MSG.notFound,
  },
  {
    name: 'a staff page is opened with a made-up session cookie (sent to sign-in)',
    send: () =>
      send(anonymous, '/sachbearbeitung/antraege', { method: 'GET', cookies: { lotse_session: 'erfunden' } }),
    status: 303,
  },
  {
    name: 'the sign-in page gets a foreign return address (ignored)',
    send: () => anonymous.get(`/anmelden?weiter=${encodeURIComponent('https://evil.example/')}`),
    status: 200,
    text: 'name="weiter" value="/sachbearbeitung/antraege"',
    absent: 'evil.example',
  },
  {
    name: 'the "saved" page gets an unexpected flag',
    send: () => citizen.get(`/antrag/gespeichert?unvollstaendig=${encodeURIComponent('"><script>')}`),
    status: 200,
    text: 'Ihr Antrag ist gespeichert',
    absent: '"><script>',
  },
  {
    name: 'the "saved" page is opened without a draft',
    send: () => anonymous.get('/antrag/gespeichert'),
    status: 404,
    text: MSG.noDraft,
  },
  {
    name: 'the documents page gets markup as uploaded file name (shown escaped)',
    send: () =>
      citizen.get(
        `/antrag/grundsicherung/nachweise?hochgeladen=${encodeURIComponent('<script>alert(1)</script>')}`,
      ),
    status: 200,
    text: '&lt;script&gt;alert(1)&lt;/script&gt;',
    absent: '<script>alert(1)',
  },
  {
    name: 'the receipt is opened with a made-up receipt cookie',
    send: () =>
      send(anonymous, '/antrag/eingangsbestaetigung', { method: 'GET', cookies: { lotse_receipt: 'x~y~z' } }),
    status: 404,
    text: MSG.receiptGone,
  },
  {
    name: 'the receipt PDF is opened with a real reference and a wrong access code',
    send: () =>
      send(anonymous, '/antrag/eingangsbestaetigung.pdf', {
        method: 'GET',
        cookies: { lotse_receipt: `${applicationReference}~AAAA-BBBB-CCCC` },
      }),
    status: 404,
    text: MSG.receiptGone,
  },
  {
    name: 'a step page is opened without a draft',
    send: () => anonymous.get(STEP),
    status: 404,
    text: MSG.noDraft,
  },
  {
    name: 'a static file is asked for with an encoded path traversal',
    send: () => anonymous.get('/static/..%2F..%2F..%2Fpackage.json'),
    status: 404,
    text: MSG.notFound,
  },
  {
    name: 'a static file is asked for with dot segments',
    send: () => anonymous.get('/static/%2e%2e/%2e%2e/package.json'),
    status: 404,
    text: MSG.notFound,
  },
  {
    name: 'self-recorded minutes are 100 kB of text',
    send: () => sendForm(staff, '/zeiterfassung/eintrag', { aufgabe: 'advice', minuten: HUNDRED_KB }),
    status: 422,
    text: 'Geben Sie die Minuten als ganze Zahl zwischen 1 und 600 ein.',
  },
  {
    name: 'self-recording names an unknown task type',
    send: () => sendForm(staff, '/zeiterfassung/eintrag', { aufgabe: '<script>', minuten: '10' }),
    status: 422,
    text: 'Wählen Sie eine Aufgabenart aus.',
    absent: '<script>',
  },
  {
    name: 'the self-recording page gets an unknown, long notice parameter',
    send: () => staff.get(`/zeiterfassung?hinweis=${HUNDRED_KB.slice(0, 2000)}`),
    status: 200,
  },
]

describe('bad input never causes a 500 or a half-written record', () => {
  it('should cover every POST route of the app in POST_ENDPOINTS', () => {
    const covered = new Set(POST_ENDPOINTS.map((e) => e.label.replace(/ \(.*\)$/, '')))
    const routes = [...new Set(ctx.app.routes.filter((r) => r.method === 'POST').map((r) => r.path))]
    expect(routes.length).toBeGreaterThanOrEqual(10)
    const missing = routes.filter((r) => !covered.has(r))
    expect(missing, `POST routes without bad-input cases: ${missing.join(', ')}`).toEqual([])
  })

  for (const c of CASES) {
    it(`should answer ${c.status} and leave stored data unchanged when ${c.name}`, async () => {
      const before = await snapshot()
      const res = await c.send()
      const body = await res.text()
      expect(res.status, body.slice(0, 2000)).toBe(c.status)
      if (c.status >= 400 || c.status === 200) {
        expect(res.headers.get('content-type')).toMatch(c.contentType ?? /^text\/html/)
        if (!c.contentType) {
          expect(body).toContain('<html lang="de">')
        }
      }
      if (c.text) {
        expect(body).toContain(typeof c.text === 'function' ? c.text() : c.text)
      }
      if (c.absent) {
        expect(body).not.toContain(c.absent)
      }
      expect(await snapshot()).toEqual(before)
    })
  }
})

describe('invalid input is not stored (GOV.UK)', () => {
  it('should answer 422 and keep the saved answers and completed steps unchanged when a saved step is sent with invalid data', async () => {
    const client = await startDraft()
    expect(redirectTarget(await client.post(STEP, person({})))).toBe('/antrag/grundsicherung/haushalt')
    const saved = await draftOf(client)
    expect(saved.completed_steps).toEqual(['person'])
    expect((saved.answers as Record<string, Record<string, unknown>>).person?.birthDate).toBe('1957-08-12')

    const res = await client.post(STEP, person({ givenName: 'Eva', birthDate: '29.02.2023' }))
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('„Geburtsdatum“ muss ein echtes Datum sein')
    // The page shows what was typed, so it can be corrected …
    expect(html).toContain('value="29.02.2023"')
    expect(html).toContain('value="Eva"')
    // … but the draft still holds the answers saved before.
    expect(await draftOf(client)).toEqual(saved)
  })

  it('should answer 422 and keep the draft unchanged when the IBAN is invalid', async () => {
    const client = await startDraft()
    const bank = '/antrag/grundsicherung/bankverbindung'
    expect((await client.post(bank, { ...input('bankAccount'), action: 'continue' })).status).toBe(303)
    const saved = await draftOf(client)
    const res = await client.post(bank, {
      ...input('bankAccount', { iban: 'DE02 1203 0000 0000 2020 52' }),
      action: 'continue',
    })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Geben Sie eine gültige IBAN an')
    expect(await draftOf(client)).toEqual(saved)
  })

  it('should store only the fields of the step when valid input comes with unknown fields', async () => {
    const client = await startDraft()
    const res = await client.post(
      STEP,
      person({ isAdmin: 'true', constructor: 'x', 'person.status': 'in_review' }),
    )
    expect(res.status).toBe(303)
    const answers = (await draftOf(client)).answers as Record<string, Record<string, unknown>>
    expect(Object.keys(answers)).toEqual(['person'])
    expect(Object.keys(answers.person ?? {}).sort()).toEqual(
      [
        'birthDate',
        'city',
        'givenName',
        'maritalStatus',
        'nationality',
        'postalCode',
        'street',
        'surname',
      ].sort(),
    )
  })

  it('should store an uploaded file under a clean name without path or control characters', async () => {
    const client = await startDraft()
    const res = await client.upload('/antrag/grundsicherung/nachweise', {
      name: '..\\..\\etc/pass\u0007wd<x>.exe',
      bytes: PDF,
    })
    expect(res.status).toBe(303)
    // A file part with an empty filename but content: kept, under a neutral name.
    const unnamed = await sendRawMultipart(
      client,
      '/antrag/grundsicherung/nachweise',
      'Content-Disposition: form-data; name="file"; filename=""\r\nContent-Type: application/pdf',
      PDF,
    )
    expect(unnamed.status).toBe(303)
    const draft = await draftOf(client)
    const docs = await ctx.db
      .selectFrom('document')
      .select('original_name')
      .where('draft_id', '=', draft.id)
      .orderBy('uploaded_at')
      .execute()
    expect(docs.map((d) => d.original_name)).toEqual(['passwdx.pdf', 'nachweis.pdf'])
  })
})
