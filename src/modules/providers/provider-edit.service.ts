// SPDX-License-Identifier: EUPL-1.2
/**
 * Editing a provider's master data (name, legal form, address, contact role and function mailbox), with the
 * same rules as registering one. Audited with the old and new values of what changed. No social data.
 * @module
 */
import type { Db } from '../../db/database.js'
import type { StaffPrincipal } from '../../http/context.js'
import { t } from '../../shared/i18n.js'
import { recordAuditEvent } from '../audit/index.js'
import { parseProviderForm } from './providers.forms.js'
import { type FormResult, getProvider } from './providers.service.js'

const FIELDS = ['name', 'legal_form', 'address', 'contact_role', 'contact_email'] as const

/**
 * Changes a provider's master data; nothing is stored when a field is invalid or the name belongs to another
 * provider. Saving unchanged values stores and audits nothing.
 * @throws NotFoundError
 */
export async function updateProvider(
  db: Db,
  staff: StaffPrincipal,
  providerId: string,
  values: Record<string, string>,
  requestId: string | null,
): Promise<FormResult> {
  const { provider } = await getProvider(db, providerId)
  const parsed = parseProviderForm(values)
  if (!parsed.ok) {
    return parsed
  }
  const changed = FIELDS.filter((k) => provider[k] !== parsed.input[k])
  if (changed.length === 0) {
    return { ok: true, id: providerId }
  }
  try {
    return await db.transaction().execute(async (trx) => {
      const taken = await trx
        .selectFrom('provider')
        .select('id')
        .where('name', '=', parsed.input.name)
        .where('id', '<>', providerId)
        .executeTakeFirst()
      if (taken) {
        return { ok: false as const, errors: { name: t('providers.error.name_taken') } }
      }
      await trx.updateTable('provider').set(parsed.input).where('id', '=', providerId).execute()
      await recordAuditEvent(trx, {
        actor: { type: 'staff', id: staff.id },
        action: 'provider.update',
        subject: { type: 'provider', id: providerId },
        requestId,
        details: {
          before: Object.fromEntries(changed.map((k) => [k, provider[k]])),
          after: Object.fromEntries(changed.map((k) => [k, parsed.input[k]])),
        },
      })
      return { ok: true as const, id: providerId }
    })
  } catch (error) {
    // Two people renaming to the same name at once: the unique constraint decides.
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === '23505') {
      return { ok: false, errors: { name: t('providers.error.name_taken') } }
    }
    throw error
  }
}
