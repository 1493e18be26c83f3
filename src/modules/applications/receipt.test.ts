// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApplication } from '../../../test/factories/applications.factory.js'
import { pdfPages } from '../../../test/support/pdf-text.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { grundsicherungForm } from './form/grundsicherung.form.js'
import { renderReceiptPdf } from './receipt.js'

let ctx: TestContext
beforeAll(async () => {
  ctx = await freshTestContext()
})
afterAll(async () => {
  await ctx.close()
})

describe('receipt PDF', () => {
  it('should state reference, time of receipt and a summary of every step with umlauts intact', async () => {
    const receipt = await buildApplication(ctx.db)
    const application = await ctx.db
      .selectFrom('application')
      .selectAll()
      .where('id', '=', receipt.applicationId)
      .executeTakeFirstOrThrow()
    const pages = await pdfPages(await renderReceiptPdf(grundsicherungForm, application))
    const text = pages.join('\n').replace(/\s+/g, ' ')
    expect(text).toContain('Eingangsbestätigung')
    expect(text).toContain(receipt.reference)
    expect(text).toContain('Mustermann-Öztürk')
    expect(text).toContain('Große Burgstraße 12')
    expect(text).toContain('734,12 €')
    expect(text).toContain('DE02 1203 0000 0000 2020 51')
    for (const title of [
      'Angaben zur Person',
      'Haushalt',
      'Einkommen',
      'Vermögen',
      'Krankenversicherung',
      'Bankverbindung',
    ]) {
      expect(text).toContain(title)
    }
    expect(pages[0]).toContain(`Seite 1 von ${pages.length}`)
  })
})
