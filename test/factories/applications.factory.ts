// SPDX-License-Identifier: EUPL-1.2
import type { Db } from '../../src/db/database.js'
import {
  applicationsService,
  type FormAnswers,
  grundsicherungForm,
} from '../../src/modules/applications/index.js'
import {
  createStaffUser,
  newTotpSecret,
  type StaffRole,
  storeMfaEnrolment,
} from '../../src/modules/auth/index.js'
import type { FileStore } from '../../src/shared/file-store.js'
import { TEST_MFA_SECRET_KEY } from '../support/mfa-key.js'

/**
 * What a citizen types into each step of the Grundsicherung form, as raw form fields (German formats).
 * Valid and complete; override single fields per step.
 */
export function grundsicherungFormInput(overrides: Record<string, Record<string, string>> = {}) {
  const base: Record<string, Record<string, string>> = {
    person: {
      givenName: 'Erika',
      surname: 'Mustermann-Öztürk',
      birthDate: '12.08.1957',
      street: 'Große Burgstraße 12',
      postalCode: '23552',
      city: 'Lübeck',
      nationality: 'deutsch',
      maritalStatus: 'widowed',
      phone: '',
      email: '',
    },
    household: {
      livesAlone: 'nein',
      'members.0.givenName': 'Jörg',
      'members.0.surname': 'Mustermann',
      'members.0.birthDate': '01.02.1990',
      'members.0.relationship': 'child',
    },
    income: {
      hasIncome: 'ja',
      'items.0.kind': 'old_age_pension',
      'items.0.source': 'Deutsche Rentenversicherung Nord',
      'items.0.monthlyAmount': '734,12',
    },
    assets: {
      hasAssets: 'ja',
      'items.0.kind': 'current_account',
      'items.0.description': 'Sparkasse zu Lübeck',
      'items.0.value': '1.250,00',
    },
    housing: {
      housingType: 'rented',
      rent: '420,00',
      serviceCharges: '95,50',
      heatingCosts: '78,00',
      livingSpace: '48,5',
    },
    healthInsurance: { insuranceType: 'statutory', insurer: 'AOK Nordwest', insuranceNumber: 'A123456789' },
    bankAccount: { accountHolder: 'Erika Mustermann-Öztürk', iban: 'DE02 1203 0000 0000 2020 51', bic: '' },
    declarations: { truthful: 'ja', reportChanges: 'ja', dataProcessing: 'ja' },
  }
  for (const [step, fields] of Object.entries(overrides)) {
    base[step] = { ...base[step], ...fields }
  }
  return base
}

/** Stored answers (parsed) for a complete Grundsicherung application. */
export function grundsicherungAnswers(overrides: Record<string, Record<string, string>> = {}): FormAnswers {
  const input = grundsicherungFormInput(overrides)
  const answers: FormAnswers = {}
  for (const step of grundsicherungForm.steps) {
    const result = applicationsService.readStepInput(step, input[step.id] ?? {})
    if (Object.keys(result.errors).length > 0) {
      throw new Error(`factory input invalid for ${step.id}: ${JSON.stringify(result.errors)}`)
    }
    answers[step.id] = result.answers
  }
  return answers
}

/** Persists a submitted application through the service (as the online form would). */
export async function buildApplication(db: Db, answers: FormAnswers = grundsicherungAnswers()) {
  return db
    .transaction()
    .execute((trx) => applicationsService.insertApplication(trx, grundsicherungForm, answers, null))
}

let counter = 0

/**
 * Persists a staff account with its second factor already set up (as after enrolment); returns it with what
 * a person would need to sign in: the password, the TOTP secret and the recovery codes. `enrolled: false`
 * leaves MFA unset, so that the first sign-in goes through enrolment.
 */
export async function buildStaffUser(
  db: Db,
  overrides: {
    role?: StaffRole
    username?: string
    password?: string
    displayName?: string
    enrolled?: boolean
  } = {},
) {
  counter += 1
  const password = overrides.password ?? `test-password-${counter}-secret`
  const user = await createStaffUser(db, {
    username: overrides.username ?? `staff${counter}-${Date.now()}`,
    displayName: overrides.displayName ?? `Test Staff ${counter}`,
    password,
    role: overrides.role ?? 'caseworker',
  })
  if (overrides.enrolled === false) {
    return { ...user, password, totpSecret: null, recoveryCodes: [] as string[] }
  }
  const totpSecret = newTotpSecret()
  const key = Buffer.from(TEST_MFA_SECRET_KEY, 'base64')
  const recoveryCodes = await db
    .transaction()
    .execute((trx) => storeMfaEnrolment(trx, user.id, totpSecret, key, null))
  return { ...user, password, totpSecret: totpSecret as string | null, recoveryCodes }
}

/**
 * Persists a PDF document for an application or a draft; the bytes go through the file store like an upload.
 * @returns the document's id
 */
export async function buildDocument(
  db: Db,
  fileStore: FileStore,
  owner: { applicationId: string } | { draftId: string },
  overrides: { name?: string; bytes?: Uint8Array } = {},
): Promise<string> {
  const bytes =
    overrides.bytes ?? new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
  const stored = await fileStore.put(bytes)
  const row = await db
    .insertInto('document')
    .values({
      application_id: 'applicationId' in owner ? owner.applicationId : null,
      draft_id: 'draftId' in owner ? owner.draftId : null,
      original_name: overrides.name ?? 'Nachweis.pdf',
      media_type: 'application/pdf',
      size_bytes: bytes.byteLength,
      sha256: stored.sha256,
      storage_key: stored.key,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}
