// SPDX-License-Identifier: EUPL-1.2
import type { ColumnType, Generated } from 'kysely'

export type AuditActorType = 'staff' | 'citizen' | 'system'

export interface AuditEventTable {
  id: Generated<number>
  occurred_at: Generated<Date>
  actor_type: AuditActorType
  actor_id: string | null
  action: string
  subject_type: string
  subject_id: string
  request_id: string | null
  details: ColumnType<Record<string, unknown>, string | undefined, never>
  prev_hash: Buffer | null
  hash: Buffer | null
}
