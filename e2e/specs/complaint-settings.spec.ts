// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, inject, it } from 'vitest'
import { buildStaffUser } from '../../test/factories/applications.factory.js'
import { buildOrgUnit } from '../../test/factories/organisation.factory.js'
import {
  CategoriesPage,
  CategoryEditPage,
  Open311AdminPage,
  ServicePage,
  ServicesPage,
} from '../pages/ComplaintSettingsPages.js'
import { LoginPage } from '../pages/LoginPage.js'
import { newContext } from '../support/browser.js'
import { isFocused, textOf } from '../support/keyboard.js'
import { useBrowserSuite } from '../support/suite.js'

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)(
  'complaint settings: the Open311 screen, services and categories by keyboard, every page accessible',
  () => {
    const suite = useBrowserSuite(chromiumPath)

    it('should let the administrator add an attribute and a category by keyboard, and publish both', async () => {
      const { db } = suite.server.ctx
      const admin = await buildStaffUser(db, { role: 'administrator' })
      await buildOrgUnit(db, { name: 'Bürgerservice Soziales', shortCode: '2.500.9' })
      const context = await newContext(suite.browser, suite.server.baseUrl)
      const page = await context.newPage()
      try {
        await page.goto('/verwaltung/open311')
        await (await LoginPage.verifyOnPage(page)).signIn(admin)
        const adminPage = await Open311AdminPage.verifyOnPage(page)
        await suite.a11y.expectAccessible(page)

        await adminPage.follow('Open311-Dienste')
        const services = await ServicesPage.verifyOnPage(page)
        await suite.a11y.expectAccessible(page)
        await services.follow('Dienst „Erreichbarkeit“ einstellen')

        let service = await ServicePage.verifyOnPage(page, 'Erreichbarkeit')
        await suite.a11y.expectAccessible(page)
        // Nothing filled in: errors, summary first, focus moves to the field from its link.
        await service.press('Merkmal hinzufügen')
        service = await ServicePage.verifyOnPage(page, 'Erreichbarkeit')
        await suite.a11y.expectAccessible(page)
        expect(await service.title()).toBe('Fehler: Open311-Dienst „Erreichbarkeit“ – Lotse')
        expect(await service.errorSummaryLinks.allInnerTexts()).toEqual([
          'Dieses Feld darf nicht leer sein.',
          'Dieses Feld darf nicht leer sein.',
          'Wählen Sie einen der sechs Datentypen aus.',
        ])
        await service.errorSummaryLinks.first().press('Enter')
        await page.waitForURL(/#f-code$/)
        expect(await isFocused(service.field('Kennung des Merkmals'))).toBe(true)

        await service.fill('Kennung des Merkmals', 'rueckruf')
        await service.fill('Frage', 'Wann können wir Sie zurückrufen?')
        await service.chooseDatatype('Auswahl mehrerer Werte (multivaluelist)')
        await service.fill('Auswahlwerte (freiwillig)', 'vormittags = Vormittags\nnachmittags = Nachmittags')
        await service.tick('Pflichtangabe')
        await service.press('Merkmal hinzufügen')
        service = await ServicePage.verifyOnPage(page, 'Erreichbarkeit')
        expect(await textOf(service.notice)).toBe('Das Merkmal wurde gespeichert und ist so veröffentlicht.')
        await suite.a11y.expectAccessible(page)

        const definition = (await (
          await fetch(`${suite.server.baseUrl}/open311/v2/services/reachability.json`)
        ).json()) as { attributes: Array<Record<string, unknown>> }
        expect(definition.attributes.at(-1)).toMatchObject({
          code: 'rueckruf',
          datatype: 'multivaluelist',
          required: true,
          values: [
            { key: 'vormittags', name: 'Vormittags' },
            { key: 'nachmittags', name: 'Nachmittags' },
          ],
        })

        // The attribute's own page.
        await service.follow('Merkmal „rueckruf“ bearbeiten')
        await page
          .getByRole('heading', { level: 1, name: 'Merkmal „rueckruf“ des Dienstes „Erreichbarkeit“' })
          .waitFor()
        await suite.a11y.expectAccessible(page)

        // Categories: add one with a mistake, then correctly; it is published at once.
        await page.goto('/verwaltung/open311/dienste')
        await (await ServicesPage.verifyOnPage(page)).follow(
          'Beschwerdekategorien bearbeiten (hinzufügen, umbenennen, deaktivieren)',
        )
        let categories = await CategoriesPage.verifyOnPage(page)
        await suite.a11y.expectAccessible(page)
        await categories.fill('Kennung', 'Wartezeit Termin')
        await categories.fill('Bezeichnung', 'Wartezeit auf einen Termin')
        await categories.press('Kategorie hinzufügen')
        categories = await CategoriesPage.verifyOnPage(page)
        await suite.a11y.expectAccessible(page)
        expect(await categories.errorSummaryLinks.allInnerTexts()).toEqual([
          'Die Kennung darf nur Kleinbuchstaben (a–z) und Unterstriche enthalten und muss 2 bis 40 Zeichen lang sein.',
        ])
        expect(await categories.field('Bezeichnung').inputValue()).toBe('Wartezeit auf einen Termin')
        await categories.fill('Kennung', 'wartezeit_termin')
        await categories.chooseUnit('2.500.9 Bürgerservice Soziales')
        await categories.press('Kategorie hinzufügen')
        categories = await CategoriesPage.verifyOnPage(page)
        expect(await textOf(categories.notice)).toBe('Die Kategorie wurde angelegt.')
        await suite.a11y.expectAccessible(page)

        const published = (await (
          await fetch(`${suite.server.baseUrl}/open311/v2/services.json`)
        ).json()) as Array<{
          service_code: string
        }>
        expect(published.map((s) => s.service_code)).toContain('wartezeit_termin')

        await categories.follow('Kategorie „Wartezeit auf einen Termin“ bearbeiten')
        await CategoryEditPage.verifyOnPage(page, 'Wartezeit auf einen Termin')
        await suite.a11y.expectAccessible(page)
      } finally {
        await context.close()
      }
    })
  },
)
