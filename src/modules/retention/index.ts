// SPDX-License-Identifier: EUPL-1.2
export { startRetentionJob } from './retention.job.js'
export { retentionRoutes } from './retention.routes.js'
export {
  type CategoryPlan,
  planRetention,
  RELEASE_CATEGORIES,
  RETENTION_CATEGORIES,
  type RetentionCategory,
  type RetentionPlan,
  type RetentionRunResult,
  releaseRetention,
  runRetention,
} from './retention.service.js'
export { type AccessBundle, buildAccessBundle, findSubjects } from './subject-access.service.js'
