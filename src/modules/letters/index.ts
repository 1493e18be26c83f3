// SPDX-License-Identifier: EUPL-1.2
/**
 * Letters: pure renderers for the decision letter (Bescheid, DIN 5008) and the audit-ready case file
 * (Prüfakte, PDF + JSON). No database access; callers load the data, render, then store and audit.
 * @module
 */
export {
  buildCaseFile,
  CASE_FILE_FORMAT,
  CASE_FILE_SCHEMA_VERSION,
  type CaseFileJson,
  CaseFileJsonSchema,
  caseFileJson,
  caseFileObject,
  parseCaseFileJson,
  renderCaseFilePdf,
} from './case-file.js'
export { buildDecisionLetter, recipientAddressLines, renderDecisionLetterPdf } from './decision-letter.js'
export { LetterInputError } from './letters.errors.js'
export type {
  AddressForm,
  AmountComponent,
  CaseFileActor,
  CaseFileAuditEvent,
  CaseFileBundle,
  CaseFileDeadline,
  CaseFileDecision,
  CaseFileDocument,
  CaseFileGap,
  CaseFileGapKind,
  CaseFileNote,
  CaseFileRow,
  CaseFileSection,
  CaseFileStatusChange,
  DateRange,
  DeadlineState,
  DecisionLetterInput,
  DecisionOutcome,
  IsoDate,
  LetterContact,
  Letterhead,
  LetterRecipient,
  LetterSignature,
  PaymentPeriod,
  SignatureMode,
} from './letters.types.js'
