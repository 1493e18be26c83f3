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
  /** Place in the hash chain; null until the sealer has sealed the entry (ADR 0007). */
  chain_seq: ColumnType<number | null, never, number>
  /** Hash of the entry before this one in the chain (32 zero bytes for the first); null until sealed. */
  prev_hash: ColumnType<Buffer | null, never, Buffer>
  /** SHA-256 over the entry's canonical content (see audit.chain.ts); null until sealed. */
  hash: ColumnType<Buffer | null, never, Buffer>
}
