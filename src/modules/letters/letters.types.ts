// SPDX-License-Identifier: EUPL-1.2
/**
 * Input types of the two renderers of this module: the decision letter (Bescheid) and the audit-ready case
 * file (Prüfakte). Both renderers are pure: these values in, PDF (or JSON) bytes out, no database access.
 *
 * Conventions for every field below:
 * - money is integer cents (negative for deductions such as income that is set off);
 * - calendar dates are ISO strings `YYYY-MM-DD` ({@link IsoDate}); points in time are `Date` objects;
 * - free texts (labels, names, reasons) are printed as given: the caller takes them from the catalogue or
 *   from the case; the renderers add their own texts from `src/locales/de.json` (prefix `letters.`).
 * @module
 */
import type { LetterheadConfig } from '../../config/config.js'

/** A calendar date `YYYY-MM-DD`, e.g. `'2026-01-01'`. */
export type IsoDate = string

/** The office's letterhead; the app passes `config.letterhead`. */
export type Letterhead = LetterheadConfig

/** A date range, both ends inclusive (a benefit period "01.01.2026 bis 31.12.2026"). */
export interface DateRange {
  from: IsoDate
  to: IsoDate
}

/** One line of a monthly amount, e.g. Regelbedarf, Kosten der Unterkunft, Mehrbedarf, anzurechnendes Einkommen. */
export interface AmountComponent {
  /** As printed, e.g. "Regelbedarf (Regelbedarfsstufe 1)". */
  label: string
  /** Cents per month; negative for deductions. */
  cents: number
}

/** The monthly amount for a part of the benefit period (most decisions have one covering the whole period). */
export interface PaymentPeriod extends DateRange {
  /** At least one component; the monthly total is their sum. */
  components: AmountComponent[]
}

// --- Decision letter ----------------------------------------------------------------------------

export type DecisionOutcome = 'granted' | 'partly_granted' | 'refused'

/**
 * How the recipient is addressed: `frau` → "Frau" above the name and "Sehr geehrte Frau …,";
 * `herr` → "Herrn" and "Sehr geehrter Herr …,"; `neutral` → no form of address and "Guten Tag …,".
 */
export type AddressForm = 'frau' | 'herr' | 'neutral'

/** The recipient's postal address; it must fit the six lines of the DIN 5008 Anschriftzone. */
export interface LetterRecipient {
  form: AddressForm
  /** Full name as printed in the address, e.g. "Erika Mustermann-Öztürk". */
  name: string
  /** Family name for the greeting ("Sehr geehrte Frau Mustermann-Öztürk,"); for `neutral` the full name is used. */
  familyName: string
  /** Optional line below the name, e.g. "c/o Betreuungsverein Lübeck e. V.". */
  extraLine?: string
  /** Street and number, or "Postfach 12 34". */
  street: string
  postalCode: string
  city: string
  /** Only for foreign addresses: printed in capitals on the last line. */
  country?: string
}

/** The caseworker named in the information block. */
export interface LetterContact {
  name: string
  phone: string
  email: string
  /** Room number, when the office gives one. */
  room?: string
}

/**
 * `own`: the post holder signs in their own right; `deputy`: a deputy signs for the post ("i.V.");
 * `by_order`: signed on behalf of the authority ("Im Auftrag"), the usual case for caseworkers.
 */
export type SignatureMode = 'own' | 'deputy' | 'by_order'

export interface LetterSignature {
  /** The person who signs, e.g. "Jonas Beispiel". */
  name: string
  /** The post title as printed below the name, e.g. "Teamleitung Grundsicherung". */
  postTitle: string
  mode: SignatureMode
}

/** Everything a decision letter (Bescheid) prints. */
export interface DecisionLetterInput {
  letterhead: Letterhead
  recipient: LetterRecipient
  /** Aktenzeichen of the case. */
  reference: string
  /** "Ihr Zeichen": the recipient's own reference, when they gave one. */
  yourReference?: string
  /** Date of the letter. */
  date: IsoDate
  contact: LetterContact
  /** Betreff, e.g. "Grundsicherung im Alter und bei Erwerbsminderung – Bewilligungsbescheid". */
  subject: string
  /** The benefit in the operative sentence, e.g. "Grundsicherung im Alter und bei Erwerbsminderung nach dem Vierten Kapitel SGB XII". */
  benefit: string
  /** When the application was made. */
  applicationDate: IsoDate
  outcome: DecisionOutcome
  /** Required unless the outcome is `refused`. */
  benefitPeriod?: DateRange
  /** Monthly amounts; at least one unless the outcome is `refused` (then none). */
  payments: PaymentPeriod[]
  /** Legal basis, one entry per line, e.g. "§§ 41 ff. SGB XII (Grundsicherung im Alter und bei Erwerbsminderung)". */
  legalBasis: string[]
  /** The reasons (Begründung), one entry per paragraph. */
  reasons: string[]
  signature: LetterSignature
  /** Adds the note that the letter was produced automatically and is valid without signature (§ 33 Abs. 5 SGB X). */
  automatedNote?: boolean
  /** Written to the PDF metadata (creation and modification date), so output is deterministic. */
  createdAt: Date
}

// --- Case file (Prüfakte) -----------------------------------------------------------------------

/** A person as they acted: who, in which post, and for whom when acting as a deputy (i.V.). */
export interface CaseFileActor {
  name: string
  /** The post the person acted in, e.g. "Sachbearbeitung Grundsicherung 3". */
  post?: string
  /** Set when the person acted as deputy: the post (or person) acted for. Printed as "i.V. für …". */
  actingFor?: string
}

/** One label/value pair of the application data. */
export interface CaseFileRow {
  label: string
  value: string
}

/** A headed group of application data, e.g. one step of the online form. */
export interface CaseFileSection {
  heading: string
  rows: CaseFileRow[]
}

export interface CaseFileDocument {
  /** Stable id of the document in Lotse. */
  id: string
  /** File name as uploaded, e.g. "Mietvertrag.pdf". */
  name: string
  /** Kind of evidence as printed, e.g. "Mietvertrag". */
  type: string
  /** e.g. "application/pdf", "image/jpeg". */
  mediaType: string
  sizeBytes: number
  /** SHA-256 of the content, 64 lower-case hex digits. */
  sha256: string
  uploadedAt: Date
  uploadedBy?: string
  /** The file's bytes. When given for a PDF, JPEG or PNG, its pages are attached to the PDF case file. */
  content?: Uint8Array
}

export interface CaseFileNote {
  at: Date
  author: string
  text: string
}

export interface CaseFileStatusChange {
  at: Date
  /** Stable code, e.g. "in_review". */
  status: string
  /** As shown to people, e.g. "in Prüfung". */
  statusLabel: string
  by?: string
  reason?: string
}

export interface CaseFileDecision {
  id: string
  outcome: DecisionOutcome
  decidedAt: Date
  decidedBy: CaseFileActor
  /** Whether configuration asked for four-eyes approval of this decision. */
  approvalRequired: boolean
  /** Who approved; absent while the approval is outstanding or not required. */
  approvedBy?: CaseFileActor
  approvedAt?: Date
  benefitPeriod?: DateRange
  payments: PaymentPeriod[]
  legalBasis: string[]
  /** SHA-256 of the decision letter as sent, when one was stored. */
  letterSha256?: string
}

export type DeadlineState = 'open' | 'met' | 'overdue'

export interface CaseFileDeadline {
  /** As printed, e.g. "Nachreichung Kontoauszüge" or "§ 88 SGG: 6 Monate nach Antrag". */
  label: string
  dueOn: IsoDate
  state: DeadlineState
}

/** One entry of the access and change history (from the audit log). */
export interface CaseFileAuditEvent {
  at: Date
  /** Who acted, e.g. "Jonas Beispiel (Sachbearbeitung Grundsicherung 3)". */
  actor: string
  /** What they did, as printed, e.g. "Akte gelesen", "Status geändert: in Prüfung". */
  action: string
  /** Set when the actor acted as deputy: for whom. */
  actingFor?: string
}

export type CaseFileGapKind = 'missing_evidence' | 'missing_approval' | 'other'

/** Something an auditor must see first: required evidence or an approval that is missing. */
export interface CaseFileGap {
  kind: CaseFileGapKind
  /** e.g. "Kontoauszüge der letzten drei Monate". */
  description: string
}

/** The complete file of one case, as the case module assembles it. */
export interface CaseFileBundle {
  case: {
    id: string
    reference: string
    /** Stable code, e.g. "grusi". */
    benefitType: string
    /** As printed, e.g. "Grundsicherung im Alter und bei Erwerbsminderung". */
    benefit: string
    applicantName: string
    status: string
    statusLabel: string
    openedAt: Date
    /** The post the case is assigned to, as printed. */
    assignedPost?: string
  }
  generatedAt: Date
  generatedBy: CaseFileActor
  application: {
    submittedAt?: Date
    sections: CaseFileSection[]
  }
  documents: CaseFileDocument[]
  notes: CaseFileNote[]
  statusHistory: CaseFileStatusChange[]
  decisions: CaseFileDecision[]
  deadlines: CaseFileDeadline[]
  auditEvents: CaseFileAuditEvent[]
  gaps: CaseFileGap[]
}
