// SPDX-License-Identifier: EUPL-1.2
export { applicationsRoutes } from './applications.routes.js'
export * as applicationsService from './applications.service.js'
export { readStep, summarizeStep } from './form/form.engine.js'
export type { FormAnswers } from './form/form.types.js'
export { formByBenefitType, grundsicherungForm } from './form/grundsicherung.form.js'
