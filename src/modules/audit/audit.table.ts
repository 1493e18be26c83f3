// SPDX-License-Identifier: EUPL-1.2
import type { ColumnType, Generated } from 'kysely'

export type AuditActorType = 'staff' | 'citizen' | 'system'

/** Whether the access was granted; a refusal is recorded too (in a transaction of its own). */
export type AuditOutcome = 'success' | 'denied'

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
  /** The post the actor acted for as deputy (i.V.); null when she acted in her own right. */
  acting_for_post_id: string | null
  /** Why the data were accessed, e.g. `case_processing`, `break_glass`, `data_protection_control`. */
  purpose: string | null
  /** Null only for entries written before outcomes were recorded (all of them successes). */
  outcome: ColumnType<AuditOutcome | null, AuditOutcome | undefined, never>
  /** The client's network (IPv4 /24, IPv6 /48), never the full address (ADR 0018). */
  client_address: string | null
  /** The public id of the staff session (`staff_session.id`), never its token. */
  session_id: string | null
  /** Place in the hash chain; null until the sealer has sealed the entry (ADR 0007). */
  chain_seq: ColumnType<number | null, never, number>
  /** Hash of the entry before this one in the chain (32 zero bytes for the first); null until sealed. */
  prev_hash: ColumnType<Buffer | null, never, Buffer>
  /** SHA-256 over the entry's canonical content (see audit.chain.ts); null until sealed. */
  hash: ColumnType<Buffer | null, never, Buffer>
}
