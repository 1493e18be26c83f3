// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, it } from 'vitest'
import { grundsicherungFormInput } from '../../../../test/factories/applications.factory.js'
import { formatIsoDate, todayIso } from '../../../shared/dates.js'
import { isStepComplete, readStep, stepValues, summarizeStep } from './form.engine.js'
import { FORMATS } from './form.formats.js'
import type { StepAnswers, StepDef, TextFormat } from './form.types.js'
import { grundsicherungForm } from './grundsicherung.form.js'

const NBSP = '\u00a0'

function step(id: string): StepDef {
  const found = grundsicherungForm.steps.find((s) => s.id === id)
  if (!found) {
    throw new Error(`no step ${id}`)
  }
  return found
}

/** Valid raw input of a step (from the factory), with some fields replaced. */
function input(stepId: string, overrides: Record<string, string> = {}): Record<string, string> {
  return { ...grundsicherungFormInput()[stepId], ...overrides }
}

/** Stored answers of a step, as the engine produces them from valid input. */
function answers(stepId: string, overrides: Record<string, string> = {}): StepAnswers {
  const result = readStep(step(stepId), input(stepId, overrides))
  expect(result.errors).toEqual({})
  return result.answers
}

/** Days from today in Berlin, as a German date. */
function germanDateInDays(days: number): string {
  return formatIsoDate(todayIso(new Date(Date.now() + days * 86_400_000)))
}

/** A step made up for the engine's mechanics that the real form does not exercise. */
const mechanics: StepDef = {
  id: 'mechanics',
  slug: 'mechanik',
  title: 'step.person.title',
  fields: [
    { kind: 'text', name: 'note', label: 'field.nationality', format: 'text' },
    { kind: 'checkbox', name: 'optIn', label: 'declaration.reportChanges', required: false },
  ],
  list: {
    name: 'rows',
    heading: 'list.members.heading',
    itemLabel: 'list.members.item',
    addLabel: 'list.members.add',
    removeLabel: 'list.members.remove',
    emptyMessage: 'list.members.empty',
    max: 3,
    fields: [{ kind: 'text', name: 'givenName', label: 'field.givenName', format: 'text', maxLength: 20 }],
  },
}

describe('readStep: required and optional fields', () => {
  it('should accept complete person input and store parsed values without empty optional fields', () => {
    const result = readStep(step('person'), input('person'))
    expect(result.errors).toEqual({})
    expect(result.answers).toEqual({
      givenName: 'Erika',
      surname: 'Mustermann-Öztürk',
      birthDate: '1957-08-12',
      street: 'Große Burgstraße 12',
      postalCode: '23552',
      city: 'Lübeck',
      nationality: 'deutsch',
      maritalStatus: 'widowed',
    })
    expect(result.answers).not.toHaveProperty('phone')
    expect(result.answers).not.toHaveProperty('email')
  })

  it('should report a missing required text field by its label and not store it', () => {
    const result = readStep(step('person'), input('person', { givenName: '' }))
    expect(result.errors).toEqual({ givenName: 'Geben Sie „Vorname“ an.' })
    expect(result.answers).not.toHaveProperty('givenName')
  })

  it('should treat a value of only spaces as missing', () => {
    const result = readStep(step('person'), input('person', { surname: '   \t ' }))
    expect(result.errors.surname).toBe('Geben Sie „Nachname“ an.')
  })

  it('should report every missing field when the input is empty', () => {
    const result = readStep(step('person'), {})
    expect(Object.keys(result.errors).sort()).toEqual(
      [
        'givenName',
        'surname',
        'birthDate',
        'street',
        'postalCode',
        'city',
        'nationality',
        'maritalStatus',
      ].sort(),
    )
    expect(result.answers).toEqual({})
  })

  it('should trim values before checking and storing them', () => {
    const result = readStep(
      step('person'),
      input('person', { givenName: '  Erika  ', postalCode: ' 23552 ' }),
    )
    expect(result.errors).toEqual({})
    expect(result.answers.givenName).toBe('Erika')
    expect(result.answers.postalCode).toBe('23552')
  })

  it('should check an optional field only when it is filled in', () => {
    expect(readStep(step('person'), input('person', { phone: '' })).errors).toEqual({})
    expect(readStep(step('person'), input('person', { phone: 'abc' })).errors.phone).toBe(
      'Geben Sie eine Telefonnummer an, zum Beispiel 0451 1234567 oder +49 451 1234567.',
    )
    expect(readStep(step('person'), input('person', { phone: '0451 1234567' })).answers.phone).toBe(
      '0451 1234567',
    )
  })

  it('should refuse text longer than the field allows and accept text of exactly that length', () => {
    expect(readStep(step('person'), input('person', { surname: 'x'.repeat(100) })).errors).toEqual({})
    expect(readStep(step('person'), input('person', { surname: 'x'.repeat(101) })).errors.surname).toBe(
      '„Nachname“ darf höchstens 100 Zeichen lang sein.',
    )
  })

  it('should limit text without its own maximum to 200 characters', () => {
    expect(readStep(mechanics, { note: 'x'.repeat(200), 'rows.0.givenName': 'A' }).errors).toEqual({})
    expect(readStep(mechanics, { note: 'x'.repeat(201), 'rows.0.givenName': 'A' }).errors).toEqual({
      note: '„Staatsangehörigkeit“ darf höchstens 200 Zeichen lang sein.',
    })
  })

  it('should refuse a missing choice and a value that is not one of the options', () => {
    expect(readStep(step('person'), input('person', { maritalStatus: '' })).errors.maritalStatus).toBe(
      'Wählen Sie bei „Familienstand“ eine Antwort aus.',
    )
    expect(readStep(step('person'), input('person', { maritalStatus: 'king' })).errors.maritalStatus).toBe(
      'Wählen Sie bei „Familienstand“ eine der angebotenen Antworten aus.',
    )
  })

  it('should refuse text with control characters or replacement characters from broken encodings', () => {
    for (const bad of ['Er\u0000ika', 'Er\u0007ika', 'Erika\u001b[31m', 'Er\u007fika', 'Er\ufffdika']) {
      const result = readStep(step('person'), input('person', { givenName: bad }))
      expect(result.errors.givenName, JSON.stringify(bad)).toBe(
        '„Vorname“ enthält Zeichen, die nicht erlaubt sind. Geben Sie den Text bitte noch einmal ein.',
      )
      expect(result.answers).not.toHaveProperty('givenName')
    }
  })

  it('should give back the raw values so that the page can show them again', () => {
    const result = readStep(step('person'), input('person', { birthDate: '31.02.1950' }))
    expect(result.values.birthDate).toBe('31.02.1950')
    expect(result.values.surname).toBe('Mustermann-Öztürk')
  })

  it('should demand a required checkbox with its own message and store an optional one as "nein"', () => {
    const declarations = readStep(step('declarations'), { truthful: 'ja', reportChanges: 'ja' })
    expect(declarations.errors).toEqual({
      dataProcessing: 'Bestätigen Sie, dass Sie die Hinweise zum Datenschutz gelesen haben.',
    })
    expect(
      readStep(step('declarations'), { truthful: 'on', reportChanges: 'ja', dataProcessing: 'ja' }).errors,
    ).toEqual({
      truthful: 'Bestätigen Sie, dass Ihre Angaben richtig und vollständig sind.',
    })
    const optional = readStep(mechanics, { note: 'x', 'rows.0.givenName': 'A' })
    expect(optional.errors).toEqual({})
    expect(optional.answers.optIn).toBe('nein')
    expect(readStep(mechanics, { note: 'x', optIn: 'ja', 'rows.0.givenName': 'A' }).answers.optIn).toBe('ja')
  })
})

describe('readStep: conditions (when)', () => {
  it('should neither check nor store a field whose condition does not hold, even when it was sent', () => {
    const result = readStep(step('housing'), {
      housingType: 'owned',
      rent: 'kein Betrag',
      serviceCharges: '95,50',
      heatingCosts: '78,00',
    })
    expect(result.errors).toEqual({})
    expect(result.answers).toEqual({ housingType: 'owned', serviceCharges: 9550, heatingCosts: 7800 })
  })

  it('should require a field whose condition holds', () => {
    const result = readStep(step('housing'), {
      housingType: 'rented',
      serviceCharges: '95,50',
      heatingCosts: '78,00',
    })
    expect(result.errors).toEqual({ rent: 'Geben Sie „Grundmiete (kalt) im Monat, in Euro“ an.' })
  })

  it('should need no cost fields when the person lives with relatives', () => {
    expect(readStep(step('housing'), { housingType: 'with_relatives' }).errors).toEqual({})
  })

  it('should ask for the insurer only for statutory and private insurance, and keep the insurance number optional', () => {
    expect(readStep(step('healthInsurance'), { insuranceType: 'none' }).errors).toEqual({})
    expect(readStep(step('healthInsurance'), { insuranceType: 'private' }).errors).toEqual({
      insurer: 'Geben Sie „Name der Krankenkasse oder Versicherung“ an.',
    })
    const statutory = readStep(step('healthInsurance'), {
      insuranceType: 'statutory',
      insurer: 'AOK Nordwest',
    })
    expect(statutory.errors).toEqual({})
    expect(statutory.answers).toEqual({ insuranceType: 'statutory', insurer: 'AOK Nordwest' })
    const privateWithNumber = readStep(step('healthInsurance'), {
      insuranceType: 'private',
      insurer: 'Allianz',
      insuranceNumber: 'A123456789',
    })
    expect(privateWithNumber.answers).not.toHaveProperty('insuranceNumber')
  })
})

describe('readStep: lists ("add another")', () => {
  const member = (i: number, givenName: string, birthDate = '01.02.1990') => ({
    [`members.${i}.givenName`]: givenName,
    [`members.${i}.surname`]: 'Mustermann',
    [`members.${i}.birthDate`]: birthDate,
    [`members.${i}.relationship`]: 'child',
  })

  it('should drop empty entries and renumber the rest from 0 without gaps', () => {
    const result = readStep(step('household'), {
      livesAlone: 'nein',
      'members.0.givenName': '',
      'members.0.surname': ' ',
      ...member(1, 'Jörg'),
      'members.2.givenName': '   ',
      ...member(3, 'Anna'),
    })
    expect(result.errors).toEqual({})
    expect(result.rowCount).toBe(2)
    expect(result.answers.members).toEqual([
      { givenName: 'Jörg', surname: 'Mustermann', birthDate: '1990-02-01', relationship: 'child' },
      { givenName: 'Anna', surname: 'Mustermann', birthDate: '1990-02-01', relationship: 'child' },
    ])
    expect(result.values['members.0.givenName']).toBe('Jörg')
    expect(result.values['members.1.givenName']).toBe('Anna')
    expect(result.values).not.toHaveProperty('members.3.givenName')
  })

  it('should name the renumbered entry in an error and key the error by its new index', () => {
    const result = readStep(step('household'), {
      livesAlone: 'nein',
      ...member(2, 'Jörg'),
      ...member(5, 'Anna', '31.02.1990'),
    })
    expect(result.errors).toEqual({
      'members.1.birthDate': '„Geburtsdatum (Person 2)“ muss ein echtes Datum sein, zum Beispiel 17.03.1955.',
    })
  })

  it('should ask for at least one entry when the condition asks for a list', () => {
    const result = readStep(step('household'), { livesAlone: 'nein' })
    expect(result.errors).toEqual({
      'members.0.givenName':
        'Geben Sie mindestens eine Person an, die mit Ihnen lebt, oder wählen Sie „Ja“ bei „Leben Sie allein“.',
    })
    expect(result.answers.members).toEqual([])
  })

  it('should ignore the list when its condition does not hold, storing no entries and reporting no errors', () => {
    const result = readStep(step('household'), { livesAlone: 'ja', ...member(0, 'Jörg', 'kein Datum') })
    expect(result.errors).toEqual({})
    expect(result.answers).toEqual({ livesAlone: 'ja' })
  })

  it('should ignore entries beyond the maximum and indices that are not numbers', () => {
    const raw: Record<string, string> = { note: 'x' }
    for (let i = 0; i < 6; i++) {
      raw[`rows.${i}.givenName`] = `Name ${i}`
    }
    raw['rows.x.givenName'] = 'Kein Index'
    raw['rows.-1.givenName'] = 'Negativ'
    const result = readStep(mechanics, raw)
    expect(result.errors).toEqual({})
    expect(result.answers.rows).toEqual([
      { givenName: 'Name 0' },
      { givenName: 'Name 1' },
      { givenName: 'Name 2' },
    ])
    expect(result.rowCount).toBe(3)
  })

  it('should keep at most the maximum number of household members', () => {
    let raw: Record<string, string> = { livesAlone: 'nein' }
    for (let i = 0; i < 12; i++) {
      raw = { ...raw, ...member(i, `Kind ${i}`) }
    }
    const result = readStep(step('household'), raw)
    expect(result.errors).toEqual({})
    expect(result.answers.members).toHaveLength(10)
  })
})

describe('text formats', () => {
  const parse = (format: TextFormat, raw: string) => FORMATS[format].parse(raw)
  const birthDateError = (value: string) =>
    readStep(step('person'), input('person', { birthDate: value })).errors.birthDate

  it.each([
    ['29.02.2000', '2000-02-29'],
    ['29.02.2024', '2024-02-29'],
    ['1.2.1950', '1950-02-01'],
    ['1950-02-01', '1950-02-01'],
  ])('should accept the birth date %j as %j', (raw, iso) => {
    expect(parse('pastDate', raw)).toEqual({ ok: true, value: iso })
  })

  it('should refuse the 29th of February outside leap years', () => {
    expect(birthDateError('29.02.2023')).toBe(
      '„Geburtsdatum“ muss ein echtes Datum sein, zum Beispiel 17.03.1955.',
    )
    expect(birthDateError('29.02.1900')).toBe(
      '„Geburtsdatum“ muss ein echtes Datum sein, zum Beispiel 17.03.1955.',
    )
  })

  it('should refuse a birth date in the future and accept today', () => {
    expect(birthDateError(germanDateInDays(2))).toBe('„Geburtsdatum“ muss in der Vergangenheit liegen.')
    expect(birthDateError('01.01.2999')).toBe('„Geburtsdatum“ muss in der Vergangenheit liegen.')
    expect(birthDateError(germanDateInDays(0))).toBeUndefined()
  })

  it('should refuse a birth date before 1900', () => {
    expect(birthDateError('31.12.1899')).toBe('„Geburtsdatum“ muss nach dem 01.01.1900 liegen.')
  })

  it('should accept a future date where any date is allowed', () => {
    expect(parse('date', '01.01.2999')).toEqual({ ok: true, value: '2999-01-01' })
    expect(parse('date', '30.02.2999')).toEqual({ ok: false, message: 'validation.date' })
  })

  it.each([
    ['1.234,56', 123456],
    ['1234,5', 123450],
    ['734,12', 73412],
    ['0', 0],
    ['100.000.000,00', 10_000_000_000],
  ])('should read the amount %j as %i cents', (raw, cents) => {
    expect(parse('money', raw)).toEqual({ ok: true, value: cents })
  })

  it.each(['12,345', '-5', '12.5', 'zwölf', '1,2,3'])('should refuse the amount %j', (raw) => {
    expect(parse('money', raw)).toEqual({ ok: false, message: 'validation.money' })
  })

  it('should refuse an amount over 100 million euros as too large', () => {
    expect(parse('money', '100.000.000,01')).toEqual({ ok: false, message: 'validation.money_too_large' })
  })

  it('should report a wrong amount in a list entry by its label and entry', () => {
    const result = readStep(step('income'), {
      hasIncome: 'ja',
      'items.0.kind': 'old_age_pension',
      'items.0.source': 'DRV Nord',
      'items.0.monthlyAmount': '-5',
    })
    expect(result.errors['items.0.monthlyAmount']).toBe(
      'Geben Sie „Betrag im Monat (brutto, in Euro) (Einkunft 1)“ als Betrag in Euro an, zum Beispiel 1.234,56. Erlaubt sind Ziffern und höchstens zwei Stellen nach dem Komma.',
    )
  })

  it.each([
    ['DE02 1203 0000 0000 2020 51', 'DE02120300000000202051'],
    ['de02 1203 0000 0000 2020 51', 'DE02120300000000202051'],
    ['DE02120300000000202051', 'DE02120300000000202051'],
    ['GB82 WEST 1234 5698 7654 32', 'GB82WEST12345698765432'],
  ])('should accept the IBAN %j as %j', (raw, iban) => {
    expect(parse('iban', raw)).toEqual({ ok: true, value: iban })
  })

  it.each([
    ['DE03 1203 0000 0000 2020 51', 'wrong check digits'],
    ['DE02 1203 0000 0000 2020 52', 'a mistyped digit'],
    ['DE02 1203 0000 0000 2020 5', 'one digit too few'],
    ['XX02 1203 0000 0000 2020 51', 'an unknown country'],
    ['1234567890', 'an old account number'],
  ])('should refuse the IBAN %j (%s)', (raw) => {
    expect(parse('iban', raw)).toEqual({ ok: false, message: 'validation.iban' })
  })

  it.each([
    ['COBADEFFXXX', 'COBADEFFXXX'],
    ['COBADEFF', 'COBADEFF'],
    ['cobadeff', 'COBADEFF'],
    ['COBA DE FF XXX', 'COBADEFFXXX'],
  ])('should accept the BIC %j as %j', (raw, bic) => {
    expect(parse('bic', raw)).toEqual({ ok: true, value: bic })
  })

  it.each(['COBADE', 'COBADEFFXX', 'COBADEFFXXXX', '12BADEFF'])('should refuse the BIC %j', (raw) => {
    expect(parse('bic', raw)).toEqual({ ok: false, message: 'validation.bic' })
  })

  it('should treat the BIC as optional on the bank account step', () => {
    const result = readStep(step('bankAccount'), input('bankAccount', { bic: '' }))
    expect(result.errors).toEqual({})
    expect(result.answers).toEqual({
      accountHolder: 'Erika Mustermann-Öztürk',
      iban: 'DE02120300000000202051',
    })
  })

  it('should answer a wrong IBAN on the bank account step with the German message', () => {
    const result = readStep(
      step('bankAccount'),
      input('bankAccount', { iban: 'DE03 1203 0000 0000 2020 51' }),
    )
    expect(result.errors).toEqual({
      iban: 'Geben Sie eine gültige IBAN an, zum Beispiel DE02 1203 0000 0000 2020 51. Prüfen Sie, ob Sie sich vertippt haben.',
    })
  })

  it.each(['23552', '01067'])('should accept the postal code %j', (raw) => {
    expect(parse('postalCode', raw)).toEqual({ ok: true, value: raw })
  })

  it.each(['2355', '235520', 'ABCDE', '23 552', '2355a'])('should refuse the postal code %j', (raw) => {
    expect(parse('postalCode', raw)).toEqual({ ok: false, message: 'validation.postal_code' })
  })

  it.each([
    ['A123456789', 'A123456789'],
    ['a123456789', 'A123456789'],
    ['A 123 456 789', 'A123456789'],
  ])('should accept the health insurance number %j as %j', (raw, value) => {
    expect(parse('insuranceNumber', raw)).toEqual({ ok: true, value })
  })

  it.each(['A12345678', 'A1234567890', '1234567890', 'AB12345678', 'Ä123456789'])(
    'should refuse the health insurance number %j',
    (raw) => {
      expect(parse('insuranceNumber', raw)).toEqual({ ok: false, message: 'validation.insurance_number' })
    },
  )

  it('should accept e-mail addresses and phone numbers in usual forms and refuse others', () => {
    expect(parse('email', 'name@beispiel.de')).toEqual({ ok: true, value: 'name@beispiel.de' })
    expect(parse('email', 'name@beispiel')).toEqual({ ok: false, message: 'validation.email' })
    expect(parse('email', 'name @beispiel.de')).toEqual({ ok: false, message: 'validation.email' })
    expect(parse('phone', '+49 451 1234567')).toEqual({ ok: true, value: '+49 451 1234567' })
    expect(parse('phone', '0451/123-45')).toEqual({ ok: true, value: '0451/123-45' })
    expect(parse('phone', '12345')).toEqual({ ok: false, message: 'validation.phone' })
    expect(parse('phone', 'null-vier-fünf')).toEqual({ ok: false, message: 'validation.phone' })
  })

  it('should read a living space with a comma or point and refuse zero, huge and over-precise values', () => {
    expect(parse('area', '48,5')).toEqual({ ok: true, value: 48.5 })
    expect(parse('area', '48.25')).toEqual({ ok: true, value: 48.25 })
    for (const raw of ['0', '10000', '48,555', '-3', 'groß']) {
      expect(parse('area', raw), raw).toEqual({ ok: false, message: 'validation.area' })
    }
  })
})

describe('stepValues', () => {
  it('should put stored answers back into fields the way a person types them', () => {
    const { values, rowCount } = stepValues(step('income'), answers('income'))
    expect(values).toEqual({
      hasIncome: 'ja',
      'items.0.kind': 'old_age_pension',
      'items.0.source': 'Deutsche Rentenversicherung Nord',
      'items.0.monthlyAmount': '734,12',
    })
    expect(rowCount).toBe(1)
    expect(stepValues(step('person'), answers('person')).values.birthDate).toBe('12.08.1957')
    expect(stepValues(step('bankAccount'), answers('bankAccount')).values.iban).toBe(
      'DE02 1203 0000 0000 2020 51',
    )
  })

  it('should give empty values for a step without answers', () => {
    expect(stepValues(step('person'), undefined)).toEqual({ values: {}, rowCount: 0 })
  })
})

describe('isStepComplete', () => {
  it('should be true for the stored answers of every step of a complete application', () => {
    for (const s of grundsicherungForm.steps) {
      expect(isStepComplete(s, answers(s.id)), s.id).toBe(true)
    }
  })

  it('should be false for a step without answers', () => {
    expect(isStepComplete(step('person'), undefined)).toBe(false)
  })

  it('should be false when a required answer is missing', () => {
    const { surname: _surname, ...rest } = answers('person')
    expect(isStepComplete(step('person'), rest)).toBe(false)
  })

  it('should be false when a stored answer is no longer valid', () => {
    expect(isStepComplete(step('person'), { ...answers('person'), birthDate: '2999-01-01' })).toBe(false)
    expect(isStepComplete(step('person'), { ...answers('person'), maritalStatus: 'unknown' })).toBe(false)
    expect(
      isStepComplete(step('bankAccount'), { ...answers('bankAccount'), iban: 'DE03120300000000202051' }),
    ).toBe(false)
  })

  it('should be false when a list its condition asks for has no entries, and true when the condition does not hold', () => {
    expect(isStepComplete(step('household'), { livesAlone: 'nein', members: [] })).toBe(false)
    expect(isStepComplete(step('household'), { livesAlone: 'ja' })).toBe(true)
  })
})

describe('summarizeStep', () => {
  it('should give no rows for a step without answers', () => {
    expect(summarizeStep(step('person'), undefined)).toEqual([])
  })

  it('should show labels and German values and leave out unanswered optional fields', () => {
    const rows = summarizeStep(step('person'), answers('person'))
    expect(rows).toContainEqual({ label: 'Vorname', value: 'Erika' })
    expect(rows).toContainEqual({ label: 'Geburtsdatum', value: '12.08.1957' })
    expect(rows).toContainEqual({ label: 'Familienstand', value: 'verwitwet' })
    expect(rows.map((r) => r.label)).not.toContain('Telefonnummer')
    expect(rows).toHaveLength(8)
  })

  it('should show amounts in euros, areas in square metres and the IBAN in groups of four', () => {
    expect(summarizeStep(step('housing'), answers('housing'))).toEqual([
      { label: 'Wie wohnen Sie?', value: 'zur Miete' },
      { label: 'Grundmiete (kalt) im Monat, in Euro', value: `420,00${NBSP}€` },
      { label: 'Nebenkosten im Monat, in Euro', value: `95,50${NBSP}€` },
      { label: 'Heizkosten im Monat, in Euro', value: `78,00${NBSP}€` },
      { label: 'Wohnfläche in Quadratmetern', value: '48,5 m²' },
    ])
    expect(summarizeStep(step('bankAccount'), answers('bankAccount'))).toContainEqual({
      label: 'IBAN',
      value: 'DE02 1203 0000 0000 2020 51',
    })
  })

  it('should summarise each list entry in one numbered row', () => {
    expect(summarizeStep(step('income'), answers('income'))).toEqual([
      { label: 'Haben Sie Einkünfte?', value: 'Ja' },
      {
        label: 'Einkunft 1',
        value: `Art der Einkünfte: Altersrente; Zahlende Stelle: Deutsche Rentenversicherung Nord; Betrag im Monat (brutto, in Euro): 734,12${NBSP}€`,
      },
    ])
  })

  it('should use the short label of a declaration and say "Ja"', () => {
    expect(summarizeStep(step('declarations'), answers('declarations'))).toEqual([
      { label: 'Angaben richtig und vollständig', value: 'Ja' },
      { label: 'Pflicht zur Mitteilung von Änderungen bekannt', value: 'Ja' },
      { label: 'Datenschutzhinweise gelesen', value: 'Ja' },
    ])
  })
})
