export { type AuditActor, type AuditEvent, listAuditEvents, recordAuditEvent } from './audit.service.js'
