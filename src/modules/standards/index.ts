// SPDX-License-Identifier: EUPL-1.2
export type { ChecklistItem, LegalReference, StandardStep } from './standards.domain.js'
export { versionInForce } from './standards.domain.js'
export { StandardRefusedError } from './standards.errors.js'
export { standardsRoutes } from './standards.routes.js'
export type { Standard, StandardVersion } from './standards.service.js'
export * as standardsService from './standards.service.js'
export { DiffText } from './views/DiffText.js'
