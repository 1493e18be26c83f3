// SPDX-License-Identifier: EUPL-1.2
/**
 * Shared accommodation (Gemeinschaftsunterkünfte): sites, places, stays and occupancy (issue 8, ADR 0025).
 * `occupancyByMonth` gives counts only and may feed the committee report.
 * @module
 */
export { accommodationRoutes } from './accommodation.routes.js'
export * as accommodationService from './accommodation.service.js'
export { formatRate, type MonthOccupancy, occupancyByMonth, occupancyRate } from './occupancy.js'
export {
  OccupancyReportSection,
  type PublishedOccupancy,
  protectOccupancy,
} from './views/OccupancyReportSection.js'
