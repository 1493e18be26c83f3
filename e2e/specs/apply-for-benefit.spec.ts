// SPDX-License-Identifier: EUPL-1.2
import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { AssetsStepPage } from '../pages/AssetsStepPage.js'
import { BankAccountStepPage } from '../pages/BankAccountStepPage.js'
import { DeclarationsStepPage } from '../pages/DeclarationsStepPage.js'
import { DocumentsPage } from '../pages/DocumentsPage.js'
import { DraftSavedPage } from '../pages/DraftSavedPage.js'
import { HealthInsuranceStepPage } from '../pages/HealthInsuranceStepPage.js'
import { HouseholdStepPage } from '../pages/HouseholdStepPage.js'
import { HousingStepPage } from '../pages/HousingStepPage.js'
import { IncomeStepPage } from '../pages/IncomeStepPage.js'
import { type PersonInput, PersonStepPage } from '../pages/PersonStepPage.js'
import { ReceiptPage } from '../pages/ReceiptPage.js'
import { ResumePage } from '../pages/ResumePage.js'
import { ReviewPage } from '../pages/ReviewPage.js'
import { StartPage } from '../pages/StartPage.js'
import { StatusLookupPage } from '../pages/StatusLookupPage.js'
import { StatusPage } from '../pages/StatusPage.js'
import { newContext } from '../support/browser.js'
import { isPdf, samplePdf, TEXT_DISGUISED_AS_PDF } from '../support/documents.js'
import { activate, isFocused, tabTo, textOf } from '../support/keyboard.js'
import { useBrowserSuite } from '../support/suite.js'

const chromiumPath = inject('chromiumPath')

const ERIKA: PersonInput = {
  givenName: 'Erika',
  surname: 'Mustermann-Öztürk',
  birthDate: '12.08.1957',
  street: 'Große Burgstraße 12',
  postalCode: '23552',
  city: 'Lübeck',
  nationality: 'deutsch',
  maritalStatus: 'verwitwet',
  phone: '0451 1234567',
}
const IBAN = 'DE02 1203 0000 0000 2020 51'

const MODES = [
  { javaScriptEnabled: true, label: 'with JavaScript' },
  { javaScriptEnabled: false, label: 'without JavaScript' },
] as const

describe.skipIf(!chromiumPath)(
  'citizen applies for Grundsicherung in the suite.browser, by keyboard only',
  () => {
    const suite = useBrowserSuite(chromiumPath)

    async function withPage<T>(javaScriptEnabled: boolean, run: (page: Page) => Promise<T>) {
      const context = await newContext(suite.browser, suite.server.baseUrl, { javaScriptEnabled })
      try {
        return await run(await context.newPage())
      } finally {
        await context.close()
      }
    }

    for (const mode of MODES) {
      it(`should take the citizen from the start page through all steps, upload, submission, receipt PDF and status lookup (${mode.label})`, async () => {
        const pdf = await samplePdf()
        const checkedBefore = suite.a11y.audited.length

        const { reference, accessCode } = await withPage(mode.javaScriptEnabled, async (page) => {
          const start = await StartPage.visit(page)
          await suite.a11y.expectAccessible(page)
          // The first Tab on a page reaches the skip link, and the skip link moves focus to the content.
          await tabTo(page, start.skipLink)
          await start.skipLink.press('Enter')
          await page.waitForURL(/#inhalt$/)
          expect(await isFocused(page.getByRole('main'))).toBe(true)
          await start.startGrundsicherung()

          const person = await PersonStepPage.verifyOnPage(page)
          await suite.a11y.expectAccessible(page)
          await person.fillByTabbing(ERIKA)
          await person.saveAndContinue()

          const household = await HouseholdStepPage.verifyOnPage(page)
          await suite.a11y.expectAccessible(page)
          await household.livesAlone('Nein')
          await household.fillMember(1, {
            givenName: 'Jörg',
            surname: 'Mustermann',
            birthDate: '01.02.1990',
            relationship: 'Kind',
          })
          await household.addMember()
          await suite.a11y.expectAccessible(page)
          // Adding an entry keeps everything typed so far.
          expect(await household.radio('Leben Sie allein in Ihrer Wohnung?', 'Nein').isChecked()).toBe(true)
          expect(await household.field('Vorname', household.member(1)).inputValue()).toBe('Jörg')
          expect(await household.field('Vorname', household.member(2)).inputValue()).toBe('')
          await household.fillMember(2, {
            givenName: 'Hülya',
            surname: 'Öztürk',
            birthDate: '23.11.1961',
            relationship: 'Lebenspartnerin oder Lebenspartner',
          })
          await household.saveAndContinue()

          const income = await IncomeStepPage.verifyOnPage(page)
          await suite.a11y.expectAccessible(page)
          await income.hasIncome('Ja')
          await income.fillIncome(1, {
            kind: 'Altersrente',
            source: 'Deutsche Rentenversicherung Nord',
            monthlyAmount: '734,12',
          })
          await income.saveAndContinue()

          const assets = await AssetsStepPage.verifyOnPage(page)
          await suite.a11y.expectAccessible(page)
          await assets.hasAssets('Ja')
          await assets.fillAsset(1, {
            kind: 'Girokonto',
            description: 'Sparkasse zu Lübeck',
            value: '1.250,00',
          })
          await assets.saveAndContinue()

          const housing = await HousingStepPage.verifyOnPage(page)
          await suite.a11y.expectAccessible(page)
          await housing.fillRented({
            rent: '420,00',
            serviceCharges: '95,50',
            heatingCosts: '78,00',
            livingSpace: '48,5',
          })
          await housing.saveAndContinue()

          const insurance = await HealthInsuranceStepPage.verifyOnPage(page)
          await suite.a11y.expectAccessible(page)
          await insurance.fillStatutory('AOK Nordwest', 'A123456789')
          await insurance.saveAndContinue()

          const bank = await BankAccountStepPage.verifyOnPage(page)
          await suite.a11y.expectAccessible(page)
          await bank.fill({ holder: 'Erika Mustermann-Öztürk', iban: IBAN })
          await bank.saveAndContinue()

          const declarations = await DeclarationsStepPage.verifyOnPage(page)
          await suite.a11y.expectAccessible(page)
          await declarations.confirmAll()
          await declarations.saveAndContinue()

          let documents = await DocumentsPage.verifyOnPage(page)
          await suite.a11y.expectAccessible(page)
          await documents.upload({
            name: 'Rentenbescheid-2026.pdf',
            mimeType: 'application/pdf',
            buffer: pdf,
          })
          documents = await DocumentsPage.verifyOnPage(page)
          expect(await textOf(documents.notice)).toContain(
            'Die Datei „Rentenbescheid-2026.pdf“ wurde hochgeladen.',
          )
          await documents.uploadedFile('Rentenbescheid-2026.pdf').waitFor()
          await suite.a11y.expectAccessible(page)

          // A text file renamed to .pdf: the bytes decide, and the citizen is told in German what to do.
          await documents.upload({
            name: 'Kontoauszug.pdf',
            mimeType: 'application/pdf',
            buffer: TEXT_DISGUISED_AS_PDF,
          })
          documents = await DocumentsPage.verifyOnPage(page)
          await documents.errorSummary.waitFor()
          expect(await textOf(documents.errorSummary)).toContain(
            'Die Datei muss ein PDF, JPEG oder PNG sein. Andere Dateien, auch umbenannte, können wir nicht annehmen.',
          )
          expect(await documents.title()).toBe('Fehler: Nachweise hochladen – Lotse')
          expect(await documents.fileInput.getAttribute('aria-invalid')).toBe('true')
          expect(await documents.uploadedFile('Kontoauszug.pdf').count()).toBe(0)
          await documents.uploadedFile('Rentenbescheid-2026.pdf').waitFor()
          await suite.a11y.expectAccessible(page)
          await documents.continueToReview()

          const review = await ReviewPage.verifyOnPage(page)
          await suite.a11y.expectAccessible(page)
          const householdSummary = await textOf(review.section('Haushalt'))
          expect(householdSummary).toContain('Jörg')
          expect(householdSummary).toContain('Hülya')
          expect(await textOf(review.section('Einkommen'))).toContain('Altersrente')
          expect(await textOf(review.section('Bankverbindung'))).toContain(IBAN)
          expect(await textOf(review.section('Nachweise'))).toContain('1 Datei(en)')
          await review.submit()

          const receipt = await ReceiptPage.verifyOnPage(page)
          await suite.a11y.expectAccessible(page)
          const reference = await receipt.reference()
          const accessCode = await receipt.accessCode()
          expect(reference).toMatch(/^GS-\d{4}-\d{7}$/)
          expect(accessCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
          expect(await receipt.currentStatus()).toContain('Eingegangen')

          const download = await receipt.downloadPdf()
          expect(download.name).toBe(`Eingangsbestaetigung-${reference}.pdf`)
          expect(isPdf(download.bytes)).toBe(true)

          await receipt.goHomeViaHeader()
          const home = await StartPage.verifyOnPage(page)
          await suite.a11y.expectAccessible(page)
          await home.openStatusLookup()
          const lookup = await StatusLookupPage.verifyOnPage(page)
          await suite.a11y.expectAccessible(page)
          await lookup.lookUp(reference, accessCode)
          const status = await StatusPage.verifyOnPage(page)
          await suite.a11y.expectAccessible(page)
          expect(await status.reference()).toBe(reference)
          expect(await status.currentStatus()).toMatch(/^Eingegangen \(seit .+\): Ihr Antrag ist eingegangen/)
          return { reference, accessCode }
        })

        // What the suite.browser showed is what was stored.
        const stored = await suite.server.ctx.db
          .selectFrom('application')
          .select(['id', 'status', 'applicant_surname'])
          .where('reference', '=', reference)
          .executeTakeFirstOrThrow()
        expect(stored).toMatchObject({ status: 'submitted', applicant_surname: 'Mustermann-Öztürk' })
        const documents = await suite.server.ctx.db
          .selectFrom('document')
          .select(['original_name', 'media_type'])
          .where('application_id', '=', stored.id)
          .execute()
        expect(documents).toEqual([
          { original_name: 'Rentenbescheid-2026.pdf', media_type: 'application/pdf' },
        ])
        expect(accessCode).not.toBe('')
        // Every page (and page state) the journey reached was audited with axe.
        expect(suite.a11y.audited.length - checkedBefore).toBe(18)
      })
    }

    for (const mode of MODES) {
      it(`should show an error summary on an empty step whose first link moves focus to the field (${mode.label})`, async () => {
        await withPage(mode.javaScriptEnabled, async (page) => {
          const start = await StartPage.visit(page)
          await start.startGrundsicherung()
          const empty = await PersonStepPage.verifyOnPage(page)
          await empty.saveAndContinue()

          const person = await PersonStepPage.verifyOnPage(page)
          await person.errorSummary.waitFor()
          await suite.a11y.expectAccessible(page)
          expect(await person.title()).toMatch(/^Fehler: Angaben zur Person – Lotse$/)
          const links = await person.errorSummaryLinks.allInnerTexts()
          expect(links[0]).toBe('Geben Sie „Vorname“ an.')
          expect(links).toContain('Wählen Sie bei „Familienstand“ eine Antwort aus.')
          // Optional fields are not errors.
          expect(links.join(' ')).not.toContain('Telefonnummer')

          await person.errorSummaryLinks.first().press('Enter')
          await page.waitForURL(/#f-givenName$/)
          const givenName = person.field('Vorname')
          expect(await isFocused(givenName)).toBe(true)
          expect(await givenName.getAttribute('aria-invalid')).toBe('true')
          expect(await givenName.getAttribute('aria-describedby')).toBe('f-givenName-error')
        })
      })
    }

    it('should take Enter in a text field as "Speichern und weiter", not as "Weitere Person hinzufügen"', async () => {
      await withPage(false, async (page) => {
        const start = await StartPage.visit(page)
        await start.startGrundsicherung()
        const person = await PersonStepPage.verifyOnPage(page)
        await person.fillByTabbing(ERIKA)
        // Enter in the last field submits the form with its default button.
        await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')])
        const household = await HouseholdStepPage.verifyOnPage(page)
        await household.livesAlone('Nein')
        await household.fillMember(1, {
          givenName: 'Jörg',
          surname: 'Mustermann',
          birthDate: '01.02.1990',
          relationship: 'Kind',
        })
        await Promise.all([
          page.waitForEvent('load'),
          household.field('Nachname', household.member(1)).press('Enter'),
        ])
        await IncomeStepPage.verifyOnPage(page)
      })
    })

    it('should save a draft and resume it with the code in a new suite.browser profile', async () => {
      const code = await withPage(true, async (page) => {
        const start = await StartPage.visit(page)
        await start.startGrundsicherung()
        const person = await PersonStepPage.verifyOnPage(page)
        await person.fillByTabbing(ERIKA)
        await person.saveDraft()
        const saved = await DraftSavedPage.verifyOnPage(page)
        await suite.a11y.expectAccessible(page)
        return saved.resumeCode()
      })

      await withPage(true, async (page) => {
        const start = await StartPage.visit(page)
        await start.openResume()
        const resume = await ResumePage.verifyOnPage(page)
        await suite.a11y.expectAccessible(page)
        // Typed in lower case with spaces for dashes: the app normalises the code.
        await resume.resume(code.toLowerCase().replaceAll('-', ' '))

        // The saved step is complete, so the citizen continues with the next one.
        await HouseholdStepPage.verifyOnPage(page)
        await suite.a11y.expectAccessible(page)
        await activate(page.getByRole('link', { name: 'Zurück' }))
        const person = await PersonStepPage.verifyOnPage(page)
        expect(await person.field('Vorname').inputValue()).toBe(ERIKA.givenName)
        expect(await person.field('Geburtsdatum').inputValue()).toBe(ERIKA.birthDate)
        expect(await person.radio('Familienstand', 'verwitwet').isChecked()).toBe(true)
      })
    })
  },
)
