import type { FormDef } from './form.types.js'

const YES_NO = [
  { value: 'ja', label: 'option.yes' },
  { value: 'nein', label: 'option.no' },
] as const

/**
 * The online application for Grundsicherung im Alter und bei Erwerbsminderung (SGB XII, 4. Kapitel),
 * modelled on the questions of the municipal paper forms (Antrag auf Leistungen nach dem 4. Kapitel SGB XII).
 */
export const grundsicherungForm: FormDef = {
  benefitType: 'grusi',
  slug: 'grundsicherung',
  title: 'benefit.grusi.title',
  referencePrefix: 'GS',
  steps: [
    {
      id: 'person',
      slug: 'person',
      title: 'step.person.title',
      intro: 'step.person.intro',
      fields: [
        { kind: 'text', name: 'givenName', label: 'field.givenName', format: 'text', maxLength: 100, autocomplete: 'given-name' },
        { kind: 'text', name: 'surname', label: 'field.surname', format: 'text', maxLength: 100, autocomplete: 'family-name' },
        { kind: 'text', name: 'birthDate', label: 'field.birthDate', hint: 'hint.date', format: 'pastDate', width: 4, autocomplete: 'bday' },
        { kind: 'text', name: 'street', label: 'field.street', format: 'text', maxLength: 150, autocomplete: 'address-line1' },
        { kind: 'text', name: 'postalCode', label: 'field.postalCode', format: 'postalCode', width: 4, autocomplete: 'postal-code' },
        { kind: 'text', name: 'city', label: 'field.city', format: 'text', maxLength: 100, autocomplete: 'address-level2' },
        { kind: 'text', name: 'nationality', label: 'field.nationality', hint: 'hint.nationality', format: 'text', maxLength: 100 },
        {
          kind: 'radio',
          name: 'maritalStatus',
          label: 'field.maritalStatus',
          options: [
            { value: 'single', label: 'marital.single' },
            { value: 'married', label: 'marital.married' },
            { value: 'civil_partnership', label: 'marital.civil_partnership' },
            { value: 'separated', label: 'marital.separated' },
            { value: 'divorced', label: 'marital.divorced' },
            { value: 'widowed', label: 'marital.widowed' },
          ],
        },
        { kind: 'text', name: 'phone', label: 'field.phone', format: 'phone', optional: true, autocomplete: 'tel' },
        { kind: 'text', name: 'email', label: 'field.email', format: 'email', optional: true, autocomplete: 'email' },
      ],
    },
    {
      id: 'household',
      slug: 'haushalt',
      title: 'step.household.title',
      intro: 'step.household.intro',
      fields: [{ kind: 'radio', name: 'livesAlone', label: 'field.livesAlone', options: YES_NO }],
      list: {
        name: 'members',
        heading: 'list.members.heading',
        itemLabel: 'list.members.item',
        addLabel: 'list.members.add',
        removeLabel: 'list.members.remove',
        emptyMessage: 'list.members.empty',
        max: 10,
        when: { field: 'livesAlone', oneOf: ['nein'] },
        fields: [
          { kind: 'text', name: 'givenName', label: 'field.givenName', format: 'text', maxLength: 100 },
          { kind: 'text', name: 'surname', label: 'field.surname', format: 'text', maxLength: 100 },
          { kind: 'text', name: 'birthDate', label: 'field.birthDate', hint: 'hint.date', format: 'pastDate', width: 4 },
          {
            kind: 'select',
            name: 'relationship',
            label: 'field.relationship',
            options: [
              { value: 'spouse', label: 'relationship.spouse' },
              { value: 'partner', label: 'relationship.partner' },
              { value: 'child', label: 'relationship.child' },
              { value: 'parent', label: 'relationship.parent' },
              { value: 'other_relative', label: 'relationship.other_relative' },
              { value: 'other', label: 'relationship.other' },
            ],
          },
        ],
      },
    },
    {
      id: 'income',
      slug: 'einkommen',
      title: 'step.income.title',
      intro: 'step.income.intro',
      fields: [{ kind: 'radio', name: 'hasIncome', label: 'field.hasIncome', options: YES_NO }],
      list: {
        name: 'items',
        heading: 'list.income.heading',
        itemLabel: 'list.income.item',
        addLabel: 'list.income.add',
        removeLabel: 'list.income.remove',
        emptyMessage: 'list.income.empty',
        max: 15,
        when: { field: 'hasIncome', oneOf: ['ja'] },
        fields: [
          {
            kind: 'select',
            name: 'kind',
            label: 'field.incomeKind',
            options: [
              { value: 'old_age_pension', label: 'income.old_age_pension' },
              { value: 'disability_pension', label: 'income.disability_pension' },
              { value: 'widows_pension', label: 'income.widows_pension' },
              { value: 'company_pension', label: 'income.company_pension' },
              { value: 'earnings', label: 'income.earnings' },
              { value: 'maintenance', label: 'income.maintenance' },
              { value: 'housing_benefit', label: 'income.housing_benefit' },
              { value: 'child_benefit', label: 'income.child_benefit' },
              { value: 'other', label: 'income.other' },
            ],
          },
          { kind: 'text', name: 'source', label: 'field.incomeSource', hint: 'hint.incomeSource', format: 'text', maxLength: 150 },
          { kind: 'text', name: 'monthlyAmount', label: 'field.monthlyAmount', hint: 'hint.money', format: 'money', width: 4 },
        ],
      },
    },
    {
      id: 'assets',
      slug: 'vermoegen',
      title: 'step.assets.title',
      intro: 'step.assets.intro',
      fields: [{ kind: 'radio', name: 'hasAssets', label: 'field.hasAssets', hint: 'hint.hasAssets', options: YES_NO }],
      list: {
        name: 'items',
        heading: 'list.assets.heading',
        itemLabel: 'list.assets.item',
        addLabel: 'list.assets.add',
        removeLabel: 'list.assets.remove',
        emptyMessage: 'list.assets.empty',
        max: 15,
        when: { field: 'hasAssets', oneOf: ['ja'] },
        fields: [
          {
            kind: 'select',
            name: 'kind',
            label: 'field.assetKind',
            options: [
              { value: 'current_account', label: 'asset.current_account' },
              { value: 'savings', label: 'asset.savings' },
              { value: 'cash', label: 'asset.cash' },
              { value: 'property', label: 'asset.property' },
              { value: 'vehicle', label: 'asset.vehicle' },
              { value: 'life_insurance', label: 'asset.life_insurance' },
              { value: 'securities', label: 'asset.securities' },
              { value: 'other', label: 'asset.other' },
            ],
          },
          { kind: 'text', name: 'description', label: 'field.assetDescription', hint: 'hint.assetDescription', format: 'text', maxLength: 150 },
          { kind: 'text', name: 'value', label: 'field.assetValue', hint: 'hint.money', format: 'money', width: 4 },
        ],
      },
    },
    {
      id: 'housing',
      slug: 'wohnung',
      title: 'step.housing.title',
      intro: 'step.housing.intro',
      fields: [
        {
          kind: 'radio',
          name: 'housingType',
          label: 'field.housingType',
          options: [
            { value: 'rented', label: 'housing.rented' },
            { value: 'owned', label: 'housing.owned' },
            { value: 'with_relatives', label: 'housing.with_relatives' },
            { value: 'institution', label: 'housing.institution' },
          ],
        },
        { kind: 'text', name: 'rent', label: 'field.rent', hint: 'hint.rent', format: 'money', width: 4, when: { field: 'housingType', oneOf: ['rented'] } },
        { kind: 'text', name: 'serviceCharges', label: 'field.serviceCharges', hint: 'hint.serviceCharges', format: 'money', width: 4, when: { field: 'housingType', oneOf: ['rented', 'owned'] } },
        { kind: 'text', name: 'heatingCosts', label: 'field.heatingCosts', hint: 'hint.heatingCosts', format: 'money', width: 4, when: { field: 'housingType', oneOf: ['rented', 'owned'] } },
        { kind: 'text', name: 'livingSpace', label: 'field.livingSpace', hint: 'hint.livingSpace', format: 'area', width: 4, optional: true },
      ],
    },
    {
      id: 'healthInsurance',
      slug: 'krankenversicherung',
      title: 'step.healthInsurance.title',
      fields: [
        {
          kind: 'radio',
          name: 'insuranceType',
          label: 'field.insuranceType',
          options: [
            { value: 'statutory', label: 'insurance.statutory' },
            { value: 'private', label: 'insurance.private' },
            { value: 'none', label: 'insurance.none' },
          ],
        },
        { kind: 'text', name: 'insurer', label: 'field.insurer', hint: 'hint.insurer', format: 'text', maxLength: 150, when: { field: 'insuranceType', oneOf: ['statutory', 'private'] } },
        { kind: 'text', name: 'insuranceNumber', label: 'field.insuranceNumber', hint: 'hint.insuranceNumber', format: 'insuranceNumber', optional: true, width: 4, when: { field: 'insuranceType', oneOf: ['statutory'] } },
      ],
    },
    {
      id: 'bankAccount',
      slug: 'bankverbindung',
      title: 'step.bankAccount.title',
      intro: 'step.bankAccount.intro',
      fields: [
        { kind: 'text', name: 'accountHolder', label: 'field.accountHolder', format: 'text', maxLength: 150, autocomplete: 'name' },
        { kind: 'text', name: 'iban', label: 'field.iban', hint: 'hint.iban', format: 'iban', maxLength: 42 },
        { kind: 'text', name: 'bic', label: 'field.bic', hint: 'hint.bic', format: 'bic', optional: true, maxLength: 11, width: 4 },
      ],
    },
    {
      id: 'declarations',
      slug: 'erklaerungen',
      title: 'step.declarations.title',
      intro: 'step.declarations.intro',
      fields: [
        { kind: 'checkbox', name: 'truthful', label: 'declaration.truthful', summaryLabel: 'declaration.truthful.short', required: true, requiredMessage: 'declaration.truthful.required' },
        { kind: 'checkbox', name: 'reportChanges', label: 'declaration.reportChanges', summaryLabel: 'declaration.reportChanges.short', required: true, requiredMessage: 'declaration.reportChanges.required' },
        { kind: 'checkbox', name: 'dataProcessing', label: 'declaration.dataProcessing', summaryLabel: 'declaration.dataProcessing.short', hint: 'declaration.dataProcessing.hint', required: true, requiredMessage: 'declaration.dataProcessing.required' },
      ],
    },
  ],
}

/** All online forms by URL slug. Only Grundsicherung so far; HLU and AsylbLG follow the same shape. */
export const FORMS: readonly FormDef[] = [grundsicherungForm]

export function formBySlug(slug: string): FormDef | undefined {
  return FORMS.find((f) => f.slug === slug)
}

export function formByBenefitType(benefitType: string): FormDef | undefined {
  return FORMS.find((f) => f.benefitType === benefitType)
}
