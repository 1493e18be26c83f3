// SPDX-License-Identifier: EUPL-1.2
export { onboardingRoutes } from './onboarding.routes.js'
export type { OnboardingReport, Plan, PlanTask } from './onboarding.service.js'
export * as onboardingService from './onboarding.service.js'
