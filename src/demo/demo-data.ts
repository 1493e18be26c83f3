// SPDX-License-Identifier: EUPL-1.2
import type { Logger } from 'pino'
import { loadConfig } from '../config/config.js'
import type { Db } from '../db/database.js'
import type { FileStore } from '../shared/file-store.js'
import { loadDemoComplaints } from './complaints-demo.js'
import { type DemoLogin, ensureDemoStaff } from './demo-staff.js'
import { generateDemoApplications } from './generator.js'
import { loadKnowledgeDemo } from './knowledge-demo.js'
import { loadOnboardingDemo } from './onboarding-demo.js'
import { loadDemoOrganisation } from './organisation-demo.js'
import { loadPaymentCardDemo } from './payment-card-demo.js'
import { loadPaymentsDemo } from './payments-demo.js'
import { loadProvidersDemo } from './providers-demo.js'
import { loadReportsDemo } from './reports-demo.js'
import { loadWorkbenchDemo } from './workbench-demo.js'

/** Applications created on the first start of a demo. */
const DEMO_APPLICATIONS = 60

/**
 * Fills an empty database with synthetic demo data (staff accounts and applications of invented people).
 * Runs only when there are no applications yet, so a restart never duplicates anything.
 */
export async function loadDemoData(
  db: Db,
  fileStore: FileStore,
  dataDir: string,
  logger: Logger,
  mfaKey: Buffer,
): Promise<DemoLogin[]> {
  const logins = await ensureDemoStaff(db, dataDir, mfaKey)
  await loadDemoOrganisation(db, logger)
  const workbench = await loadWorkbenchDemo(db, logger)
  const existing = await db.selectFrom('application').select('id').limit(1).executeTakeFirst()
  if (!existing) {
    const { count } = await generateDemoApplications(db, fileStore, {
      count: DEMO_APPLICATIONS,
      seed: 2026,
      postIds: workbench?.casePostIds,
    })
    logger.info({ count }, 'demo applications created')
  }
  await loadKnowledgeDemo(db, logger)
  await loadDemoComplaints(db, fileStore, logger)
  await loadOnboardingDemo(db, logger)
  await loadPaymentsDemo(db, logger)
  await loadProvidersDemo(db, logger)
  await loadPaymentCardDemo(db, logger)
  await loadReportsDemo(db, logger, loadConfig({}).caseloadNorm)
  return logins
}
