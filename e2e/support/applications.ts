// SPDX-License-Identifier: EUPL-1.2

import type { FormAnswers } from '../../src/modules/applications/index.js'
import { applicationsService, grundsicherungForm } from '../../src/modules/applications/index.js'
import { refreshUrgency } from '../../src/modules/cases/urgency.service.js'
import { grundsicherungAnswers } from '../../test/factories/applications.factory.js'
import type { TestContext } from '../../test/support/test-app.js'

/** Complete answers for an applicant with this name (the rest from the factory). */
export function answersFor(givenName: string, surname: string): FormAnswers {
  const answers = grundsicherungAnswers()
  answers.person = { ...answers.person, givenName, surname }
  answers.bankAccount = { ...answers.bankAccount, accountHolder: `${givenName} ${surname}` }
  return answers
}

/**
 * Submits an application the way the online form does (draft, steps, upload, submission), so that it has
 * an uploaded document like a citizen's would.
 */
export async function submitWithDocument(
  ctx: TestContext,
  answers: FormAnswers,
  document: { name: string; bytes: Uint8Array },
): Promise<applicationsService.Receipt> {
  const { db, fileStore, config } = ctx.deps
  const { draft } = await applicationsService.startDraft(db, grundsicherungForm, config.draftRetentionDays)
  for (const step of grundsicherungForm.steps) {
    await applicationsService.saveDraftStep(
      db,
      draft,
      step.id,
      answers[step.id] ?? {},
      true,
      config.draftRetentionDays,
    )
  }
  await applicationsService.addDraftDocument(db, fileStore, draft, document, config.uploadMaxBytes)
  return applicationsService.submitDraft(db, grundsicherungForm, draft.id, null)
}

/** Moves a just-submitted application's arrival (and status) time and its deadlines with it, so that lists have a defined order. */
export async function setSubmittedAt(
  ctx: TestContext,
  applicationId: string,
  submittedAt: Date,
): Promise<void> {
  await ctx.db
    .updateTable('application')
    .set({ submitted_at: submittedAt, status_changed_at: submittedAt })
    .where('id', '=', applicationId)
    .execute()
  await refreshUrgency(ctx.db, applicationId)
}
