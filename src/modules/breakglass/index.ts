// SPDX-License-Identifier: EUPL-1.2
export { hasBreakGlassGrant } from './break-glass.access.js'
export { loadBreakGlassState } from './break-glass.middleware.js'
export { BREAK_GLASS_ROLES, mayBreakGlass } from './break-glass.roles.js'
export { breakGlassRoutes } from './break-glass.routes.js'
export * as breakGlassService from './break-glass.service.js'
export type { BreakGlassGrantRow, BreakGlassReviewStatus } from './break-glass.table.js'
export { BreakGlassBanner, BreakGlassInboxNotice, BreakGlassOffer } from './views/BreakGlassMarks.js'
