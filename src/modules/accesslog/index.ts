// SPDX-License-Identifier: EUPL-1.2
export { accessLogRoutes } from './access-log.routes.js'
export * as accessLogService from './access-log.service.js'
export { AccessHistoryLink } from './views/AccessHistoryLink.js'
