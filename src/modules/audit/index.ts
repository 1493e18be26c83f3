// SPDX-License-Identifier: EUPL-1.2
export { type AuditActor, type AuditEvent, listAuditEvents, recordAuditEvent } from './audit.service.js'
