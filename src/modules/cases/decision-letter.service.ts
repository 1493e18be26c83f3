// SPDX-License-Identifier: EUPL-1.2
/**
 * The decision letter (Bescheid) of a final decision: built from the case, rendered by the pure letters
 * module, stored content-addressed in the file store and linked from the decision, all inside the
 * transaction that makes the decision final. A final decision therefore never exists without its letter:
 * the file store has flushed the bytes before the decision row commits, and a rollback leaves at most an
 * unreferenced file behind (ADR 0015).
 * @module
 */

import type { Transaction } from 'kysely'
import type { LetterheadConfig } from '../../config/config.js'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'
import type { StaffPrincipal } from '../../http/context.js'
import { todayIso } from '../../shared/dates.js'
import { NotFoundError } from '../../shared/errors.js'
import type { FileStore } from '../../shared/file-store.js'
import { isMessageKey, t } from '../../shared/i18n.js'
import { isUuid } from '../../shared/ids.js'
import { recordAuditEvent } from '../audit/index.js'
import {
  type DecisionLetterInput,
  type LetterSignature,
  renderDecisionLetterPdf,
  type SignatureMode,
} from '../letters/index.js'
import { postTitleAt } from '../organisation/post-title.js'
import { actingForOfCase, withVisibleCase } from './cases.service.js'
import type { AmountComponent, DecisionOutcome } from './cases.table.js'

/** What issuing a letter needs besides the transaction: where the bytes go and the office's letterhead. */
export interface LetterDeps {
  fileStore: FileStore
  config: { letterhead: LetterheadConfig }
}

/** The benefit as printed (subject and operative sentence), from the catalogue when it knows the type. */
export function benefitLabel(benefitType: string): string {
  const key = `benefit.${benefitType}`
  return isMessageKey(key) ? t(key) : benefitType
}

/** "i.V." for anyone acting for a post they do not hold; "Im Auftrag" for the post holder. */
export function signatureModeOf(actingKind: string | null): SignatureMode {
  return actingKind !== null && actingKind !== 'holder' ? 'deputy' : 'by_order'
}

/** Everything the letter prints about one final decision, as loaded from the database. */
export interface DecisionLetterFacts {
  reference: string
  benefitType: string
  submittedAt: Date
  /** `application.answers.person` as the online form stored it. */
  person: Record<string, unknown>
  applicantGivenName: string
  applicantSurname: string
  outcome: DecisionOutcome
  components: AmountComponent[]
  periodFrom: string | null
  periodTo: string | null
  legalBasis: string
  reasons: string
  /** When the decision became final (approval, or the decision itself without four-eyes). */
  finalAt: Date
  /** The case's post: named as the contact. */
  contactPost: string | null
  /** Who signs: the approver when four-eyes applied, else the decider. */
  signer: { name: string; postTitle: string; actingKind: string | null }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : ''
}

/**
 * The renderer's input for a final decision: applicant and address from the application, amounts in cents,
 * period, legal basis (one line each), reasons (one paragraph per block of text), the case's post as contact
 * and the signature with "i.V." when the signer acted as deputy.
 */
export function decisionLetterInput(
  facts: DecisionLetterFacts,
  letterhead: LetterheadConfig,
): DecisionLetterInput {
  const given = text(facts.person.givenName) || facts.applicantGivenName
  const surname = text(facts.person.surname) || facts.applicantSurname
  const benefit = benefitLabel(facts.benefitType)
  const refused = facts.outcome === 'refused'
  const period =
    !refused && facts.periodFrom && facts.periodTo
      ? { from: facts.periodFrom, to: facts.periodTo }
      : undefined
  const signature: LetterSignature = {
    name: facts.signer.name,
    postTitle: facts.signer.postTitle,
    mode: signatureModeOf(facts.signer.actingKind),
  }
  return {
    letterhead,
    recipient: {
      form: 'neutral',
      name: `${given} ${surname}`.trim(),
      familyName: surname,
      street: text(facts.person.street),
      postalCode: text(facts.person.postalCode),
      city: text(facts.person.city),
    },
    reference: facts.reference,
    date: todayIso(facts.finalAt),
    contact: {
      name: facts.contactPost ?? letterhead.office,
      phone: letterhead.phone,
      email: letterhead.email,
    },
    subject: t('case_letters.subject', { benefit }),
    benefit,
    applicationDate: todayIso(facts.submittedAt),
    outcome: facts.outcome,
    ...(period ? { benefitPeriod: period } : {}),
    payments: period ? [{ ...period, components: facts.components }] : [],
    legalBasis: facts.legalBasis
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== ''),
    reasons: facts.reasons
      .split(/\r?\n\s*\r?\n/)
      .map((paragraph) => paragraph.replace(/\s*\r?\n\s*/g, ' ').trim())
      .filter((paragraph) => paragraph !== ''),
    signature,
    createdAt: facts.finalAt,
  }
}

/** Loads what the letter of decision `decisionId` prints (inside the transaction that made it final). */
async function loadLetterFacts(trx: Transaction<Database>, decisionId: string): Promise<DecisionLetterFacts> {
  // The titles the posts carry when the letter is issued (ADR 0012), not those they were created with.
  const now = new Date()
  const d = await trx
    .selectFrom('decision as d')
    .innerJoin('application as a', 'a.id', 'd.application_id')
    .innerJoin('staff_user as du', 'du.id', 'd.decided_by')
    .leftJoin('staff_user as au', 'au.id', 'd.approved_by')
    .leftJoin('post as fp', 'fp.id', 'd.decided_for_post_id')
    .leftJoin('post as vp', 'vp.id', 'd.decided_via_post_id')
    .leftJoin('post as ap', 'ap.id', 'd.approval_post_id')
    .leftJoin('post as cp', 'cp.id', 'a.assigned_post_id')
    .select([
      'd.outcome',
      'd.components',
      'd.period_from',
      'd.period_to',
      'd.legal_basis',
      'd.reasons',
      'd.decided_at',
      'd.decided_acting_kind',
      'd.approved_at',
      'd.approved_acting_kind',
      'a.reference',
      'a.benefit_type',
      'a.submitted_at',
      'a.answers',
      'a.applicant_given_name',
      'a.applicant_surname',
      'du.display_name as decider',
      'au.display_name as approver',
      postTitleAt('fp', now).as('for_post'),
      postTitleAt('vp', now).as('via_post'),
      postTitleAt('ap', now).as('approval_post'),
      postTitleAt('cp', now).as('case_post'),
    ])
    .where('d.id', '=', decisionId)
    .executeTakeFirstOrThrow()
  const person = d.answers.person
  const approved = d.approver !== null && d.approved_at !== null
  return {
    reference: d.reference,
    benefitType: d.benefit_type,
    submittedAt: d.submitted_at,
    person: typeof person === 'object' && person !== null ? (person as Record<string, unknown>) : {},
    applicantGivenName: d.applicant_given_name,
    applicantSurname: d.applicant_surname,
    outcome: d.outcome,
    components: d.components,
    periodFrom: d.period_from,
    periodTo: d.period_to,
    legalBasis: d.legal_basis,
    reasons: d.reasons,
    finalAt: approved && d.approved_at ? d.approved_at : d.decided_at,
    contactPost: d.case_post ?? d.for_post,
    signer: approved
      ? { name: d.approver ?? '', postTitle: d.approval_post ?? '', actingKind: d.approved_acting_kind }
      : {
          name: d.decider,
          postTitle: d.for_post ?? d.via_post ?? d.case_post ?? '',
          actingKind: d.decided_acting_kind,
        },
  }
}

/**
 * Renders, stores and links the letter of a decision that has just become final, and audits it
 * (`case.decision_letter`). Called once from makeFinal, inside its transaction.
 * @returns the storage key and SHA-256 (hex) of the letter
 */
export async function issueDecisionLetter(
  trx: Transaction<Database>,
  deps: LetterDeps,
  actor: StaffPrincipal,
  decision: { id: string; application_id: string },
  requestId: string | null,
): Promise<{ storageKey: string; sha256: string }> {
  const facts = await loadLetterFacts(trx, decision.id)
  const bytes = await renderDecisionLetterPdf(decisionLetterInput(facts, deps.config.letterhead))
  const stored = await deps.fileStore.put(bytes)
  await trx
    .updateTable('decision')
    .set({ letter_storage_key: stored.key, letter_sha256: stored.sha256 })
    .where('id', '=', decision.id)
    .execute()
  const sha256 = stored.sha256.toString('hex')
  await recordAuditEvent(trx, {
    actor: { type: 'staff', id: actor.id },
    action: 'case.decision_letter',
    subject: { type: 'application', id: decision.application_id },
    requestId,
    details: {
      decisionId: decision.id,
      sha256,
      signer: facts.signer.name,
      mode: signatureModeOf(facts.signer.actingKind),
    },
  })
  return { storageKey: stored.key, sha256 }
}

/**
 * The stored letter of a decision of a case the staff member may see; the read is audited.
 * @throws NotFoundError for a missing decision, a decision without a letter, or a case that is not hers
 */
export async function getDecisionLetter(
  db: Db,
  fileStore: FileStore,
  actor: StaffPrincipal,
  applicationId: string,
  decisionId: string,
  requestId: string | null,
): Promise<{ reference: string; bytes: Uint8Array }> {
  const letter = await withVisibleCase(db, actor, applicationId, async (trx, scope) => {
    const row = await trx
      .selectFrom('decision as d')
      .innerJoin('application as a', 'a.id', 'd.application_id')
      .select(['d.letter_storage_key', 'a.reference'])
      .where('d.id', '=', isUuid(decisionId) ? decisionId : '00000000-0000-0000-0000-000000000000')
      .where('d.application_id', '=', applicationId)
      .where('d.status', '=', 'final')
      .executeTakeFirst()
    if (!row?.letter_storage_key) {
      throw new NotFoundError('no such letter')
    }
    const { actingFor } = await actingForOfCase(trx, scope, applicationId)
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: actor.id },
      action: 'case.decision_letter_view',
      subject: { type: 'application', id: applicationId },
      requestId,
      details: { decisionId, actingFor },
    })
    return { reference: row.reference, key: row.letter_storage_key }
  })
  return { reference: letter.reference, bytes: await fileStore.get(letter.key) }
}
