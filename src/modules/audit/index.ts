// SPDX-License-Identifier: EUPL-1.2
export { canonicalBytes, canonicalJson, entryHash, GENESIS_HASH } from './audit.chain.js'
export { auditRequestScope } from './audit.context.js'
export { sealAllAuditEvents, sealAuditEvents, startAuditSealer } from './audit.sealer.js'
export {
  type AuditActor,
  type AuditEvent,
  listAuditEvents,
  purposeOf,
  recordAuditEvent,
  recordDeniedAccesses,
} from './audit.service.js'
export {
  type AuditBreakReason,
  type AuditCheckpoint,
  type AuditVerifyOptions,
  type AuditVerifyResult,
  exportAuditCheckpoint,
  verifyAuditChain,
} from './audit.verify.js'
