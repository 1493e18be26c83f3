// SPDX-License-Identifier: EUPL-1.2
import {
  birthDateField,
  choices,
  declarationField,
  listTexts,
  moneyField,
  personNameField,
  yesNoField,
} from './form.builders.js'
import type { FormDef } from './form.types.js'

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
        personNameField('givenName', 'given-name'),
        personNameField('surname', 'family-name'),
        birthDateField('bday'),
        {
          kind: 'text',
          name: 'street',
          label: 'field.street',
          format: 'text',
          maxLength: 150,
          autocomplete: 'address-line1',
        },
        {
          kind: 'text',
          name: 'postalCode',
          label: 'field.postalCode',
          format: 'postalCode',
          width: 4,
          autocomplete: 'postal-code',
        },
        {
          kind: 'text',
          name: 'city',
          label: 'field.city',
          format: 'text',
          maxLength: 100,
          autocomplete: 'address-level2',
        },
        {
          kind: 'text',
          name: 'nationality',
          label: 'field.nationality',
          hint: 'hint.nationality',
          format: 'text',
          maxLength: 100,
        },
        {
          kind: 'radio',
          name: 'maritalStatus',
          label: 'field.maritalStatus',
          options: choices('marital', [
            'single',
            'married',
            'civil_partnership',
            'separated',
            'divorced',
            'widowed',
          ]),
        },
        {
          kind: 'text',
          name: 'phone',
          label: 'field.phone',
          format: 'phone',
          optional: true,
          autocomplete: 'tel',
        },
        {
          kind: 'text',
          name: 'email',
          label: 'field.email',
          format: 'email',
          optional: true,
          autocomplete: 'email',
        },
      ],
    },
    {
      id: 'household',
      slug: 'haushalt',
      title: 'step.household.title',
      intro: 'step.household.intro',
      fields: [yesNoField('livesAlone')],
      list: {
        name: 'members',
        ...listTexts('members'),
        max: 10,
        when: { field: 'livesAlone', oneOf: ['nein'] },
        fields: [
          personNameField('givenName'),
          personNameField('surname'),
          birthDateField(),
          {
            kind: 'select',
            name: 'relationship',
            label: 'field.relationship',
            options: choices('relationship', [
              'spouse',
              'partner',
              'child',
              'parent',
              'other_relative',
              'other',
            ]),
          },
        ],
      },
    },
    {
      id: 'income',
      slug: 'einkommen',
      title: 'step.income.title',
      intro: 'step.income.intro',
      fields: [yesNoField('hasIncome')],
      list: {
        name: 'items',
        ...listTexts('income'),
        max: 15,
        when: { field: 'hasIncome', oneOf: ['ja'] },
        fields: [
          {
            kind: 'select',
            name: 'kind',
            label: 'field.incomeKind',
            options: choices('income', [
              'old_age_pension',
              'disability_pension',
              'widows_pension',
              'company_pension',
              'earnings',
              'maintenance',
              'housing_benefit',
              'child_benefit',
              'other',
            ]),
          },
          {
            kind: 'text',
            name: 'source',
            label: 'field.incomeSource',
            hint: 'hint.incomeSource',
            format: 'text',
            maxLength: 150,
          },
          moneyField('monthlyAmount', 'field.monthlyAmount', 'hint.money'),
        ],
      },
    },
    {
      id: 'assets',
      slug: 'vermoegen',
      title: 'step.assets.title',
      intro: 'step.assets.intro',
      fields: [yesNoField('hasAssets', 'hint.hasAssets')],
      list: {
        name: 'items',
        ...listTexts('assets'),
        max: 15,
        when: { field: 'hasAssets', oneOf: ['ja'] },
        fields: [
          {
            kind: 'select',
            name: 'kind',
            label: 'field.assetKind',
            options: choices('asset', [
              'current_account',
              'savings',
              'cash',
              'property',
              'vehicle',
              'life_insurance',
              'securities',
              'other',
            ]),
          },
          {
            kind: 'text',
            name: 'description',
            label: 'field.assetDescription',
            hint: 'hint.assetDescription',
            format: 'text',
            maxLength: 150,
          },
          moneyField('value', 'field.assetValue', 'hint.money'),
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
          options: choices('housing', ['rented', 'owned', 'with_relatives', 'institution']),
        },
        moneyField('rent', 'field.rent', 'hint.rent', { field: 'housingType', oneOf: ['rented'] }),
        moneyField('serviceCharges', 'field.serviceCharges', 'hint.serviceCharges', {
          field: 'housingType',
          oneOf: ['rented', 'owned'],
        }),
        moneyField('heatingCosts', 'field.heatingCosts', 'hint.heatingCosts', {
          field: 'housingType',
          oneOf: ['rented', 'owned'],
        }),
        {
          kind: 'text',
          name: 'livingSpace',
          label: 'field.livingSpace',
          hint: 'hint.livingSpace',
          format: 'area',
          width: 4,
          optional: true,
        },
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
          options: choices('insurance', ['statutory', 'private', 'none']),
        },
        {
          kind: 'text',
          name: 'insurer',
          label: 'field.insurer',
          hint: 'hint.insurer',
          format: 'text',
          maxLength: 150,
          when: { field: 'insuranceType', oneOf: ['statutory', 'private'] },
        },
        {
          kind: 'text',
          name: 'insuranceNumber',
          label: 'field.insuranceNumber',
          hint: 'hint.insuranceNumber',
          format: 'insuranceNumber',
          optional: true,
          width: 4,
          when: { field: 'insuranceType', oneOf: ['statutory'] },
        },
      ],
    },
    {
      id: 'bankAccount',
      slug: 'bankverbindung',
      title: 'step.bankAccount.title',
      intro: 'step.bankAccount.intro',
      fields: [
        {
          kind: 'text',
          name: 'accountHolder',
          label: 'field.accountHolder',
          format: 'text',
          maxLength: 150,
          autocomplete: 'name',
        },
        { kind: 'text', name: 'iban', label: 'field.iban', hint: 'hint.iban', format: 'iban', maxLength: 42 },
        {
          kind: 'text',
          name: 'bic',
          label: 'field.bic',
          hint: 'hint.bic',
          format: 'bic',
          optional: true,
          maxLength: 11,
          width: 4,
        },
      ],
    },
    {
      id: 'declarations',
      slug: 'erklaerungen',
      title: 'step.declarations.title',
      intro: 'step.declarations.intro',
      fields: [
        declarationField('truthful'),
        declarationField('reportChanges'),
        declarationField('dataProcessing', 'declaration.dataProcessing.hint'),
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
