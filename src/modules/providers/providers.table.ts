// SPDX-License-Identifier: EUPL-1.2
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'

/** Contract kinds: budget contracts of the register, and the three contracts a site is run under. */
export type ContractKind = 'budget' | 'operator' | 'care' | 'guarding'

/** A provider (Träger). No personal data: the contact is a role or function mailbox. */
export interface ProviderTable {
  id: Generated<string>
  name: string
  legal_form: string | null
  address: string
  /** Function or role of the contact, e.g. "Geschäftsführung", never a person's name. */
  contact_role: string | null
  /** Function mailbox, e.g. "vertraege@traeger.example". */
  contact_email: string | null
  created_at: Generated<Date>
}

/** A contract with a provider; dates are `YYYY-MM-DD`, `valid_to` inclusive. */
export interface ProviderContractTable {
  id: Generated<string>
  provider_id: string
  kind: ContractKind
  site_id: string | null
  title: string
  reference: string
  valid_from: string
  valid_to: string | null
  notice_months: Generated<number>
  renegotiation_on: string | null
  reminder_lead_days: Generated<number>
  annual_budget_cents: number | null
  tender_on: string | null
  awarded_on: string | null
  predecessor_id: string | null
  created_by: string | null
  created_at: Generated<Date>
}

/** A payment booked against a contract. */
export interface ProviderPaymentTable {
  id: Generated<string>
  contract_id: string
  paid_on: string
  amount_cents: number
  reference: string
  booked_by: string | null
  booked_at: Generated<Date>
}

/** A contract document; the bytes are in the encrypted file store under `storage_key`. */
export interface ProviderContractDocumentTable {
  id: Generated<string>
  contract_id: string
  original_name: string
  media_type: string
  size_bytes: number
  storage_key: string
  uploaded_by: string | null
  uploaded_at: ColumnType<Date, Date | undefined, never>
}

/** A contract reminder (kind and date) that went into the mail outbox; once per contract, kind and date. */
export interface ProviderReminderMailTable {
  id: Generated<string>
  contract_id: string
  kind: 'notice' | 'renegotiation' | 'end'
  due_on: string
  recipient: string
  queued_at: Generated<Date>
}

export type ProviderRow = Selectable<ProviderTable>
export type ProviderContractRow = Selectable<ProviderContractTable>
export type NewProviderContractRow = Insertable<ProviderContractTable>
export type ProviderPaymentRow = Selectable<ProviderPaymentTable>
export type ProviderContractDocumentRow = Selectable<ProviderContractDocumentTable>
