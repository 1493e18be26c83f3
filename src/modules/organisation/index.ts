// SPDX-License-Identifier: EUPL-1.2
export type {
  Acting,
  ActingKind,
  ActingResult,
  NobodyActs,
  NobodyReason,
  OrganisationResolution,
  OrganisationSnapshot,
} from './acting.js'
export { resolveAll } from './acting.js'
export { CSV_COLUMNS, exportOrganisationCsv, importOrganisationCsv } from './organisation.csv.js'
export { berlinDay, berlinDayStart } from './organisation.dates.js'
export {
  OrganisationChangeRefusedError,
  OrganisationRecordNotFoundError,
  OrganisationRecordRejectedError,
  PostNotFoundError,
} from './organisation.errors.js'
export { organisationRoutes } from './organisation.routes.js'
export type {
  Absence,
  DeputyRule,
  EndableRecordType,
  Holding,
  InterimAssignment,
  OrganisationActor,
  OrganisationAt,
  OrgUnit,
  PeriodInput,
  Person,
  Post,
  PostAttributes,
} from './organisation.service.js'
export * as organisationService from './organisation.service.js'
export { computeStaffing, type Staffing, staffingAt } from './organisation.staffing.js'
export type { DeputyRuleKind, OrgUnitKind, SigningLevel } from './organisation.table.js'
