// SPDX-License-Identifier: EUPL-1.2
/**
 * Provider register (Träger) and contracts (issue 8, ADR 0025).
 * @module
 */
export { PROVIDER_EDIT_ROLES, PROVIDER_READ_ROLES } from './providers.policy.js'
export { providersRoutes } from './providers.routes.js'
export * as providersService from './providers.service.js'
export type { ContractKind } from './providers.table.js'
export { queueReminderMails, type ReminderMailSettings, reminderMailSettings } from './reminder-mail.js'
