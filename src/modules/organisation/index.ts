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
export { OrganisationRecordRejectedError, PostNotFoundError } from './organisation.errors.js'
export type { OrgUnit, PeriodInput, Person, Post } from './organisation.service.js'
export * as organisationService from './organisation.service.js'
export type { DeputyRuleKind, OrgUnitKind, SigningLevel } from './organisation.table.js'
