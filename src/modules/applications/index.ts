// SPDX-License-Identifier: EUPL-1.2
export { applicationsRoutes } from './applications.routes.js'
export * as applicationsService from './applications.service.js'
export { readStep } from './form/form.engine.js'
export type { FormAnswers } from './form/form.types.js'
export { grundsicherungForm } from './form/grundsicherung.form.js'
