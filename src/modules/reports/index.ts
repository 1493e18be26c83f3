// SPDX-License-Identifier: EUPL-1.2
/**
 * Reports (C7): the committee status report from monthly key-figure snapshots, with privacy rules for a
 * public document, a draft → review → release lifecycle, HTML, PDF and CSV.
 * @module
 */
export { ReportRefusedError } from './reports.errors.js'
export { reportsRoutes } from './reports.routes.js'
export * as reportsService from './reports.service.js'
export { takeSnapshot } from './snapshots.service.js'
