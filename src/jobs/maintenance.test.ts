// SPDX-License-Identifier: EUPL-1.2
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshTestContext, type TestContext } from '../../test/support/test-app.js'
import { applicationsService, grundsicherungForm } from '../modules/applications/index.js'
import { startMaintenance } from './maintenance.js'

let ctx: TestContext
beforeAll(async () => {
  ctx = await freshTestContext()
})
afterAll(async () => {
  await ctx.close()
})

describe('maintenance', () => {
  it('should delete drafts past their retention date with their documents and keep live ones', async () => {
    const { draft: expired } = await applicationsService.startDraft(ctx.db, grundsicherungForm, 30)
    const { draft: live } = await applicationsService.startDraft(ctx.db, grundsicherungForm, 30)
    await ctx.db
      .updateTable('application_draft')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', expired.id)
      .execute()
    const pdf = new TextEncoder().encode('%PDF-1.4\n%%EOF\n')
    await applicationsService.addDraftDocument(
      ctx.db,
      ctx.deps.fileStore,
      expired,
      { name: 'a.pdf', bytes: pdf },
      1024,
    )

    const stop = startMaintenance(ctx.db, pino({ level: 'silent' }), 60_000)
    try {
      await expect
        .poll(async () =>
          (await ctx.db.selectFrom('application_draft').select('id').execute()).map((d) => d.id),
        )
        .toEqual([live.id])
    } finally {
      stop()
    }
    expect(await ctx.db.selectFrom('document').select('id').execute()).toEqual([])
  })
})
