// SPDX-License-Identifier: EUPL-1.2
import type { Generated } from 'kysely'

/**
 * A file whose rows retention deleted and that still has to leave the disk (outbox, see docs/retention.md).
 * No personal data: the content hash of an encrypted file. Removed once the file is gone or still needed.
 */
export interface FileDeletionTable {
  storage_key: string
  requested_at: Generated<Date>
  attempts: Generated<number>
  next_attempt_at: Generated<Date>
  last_error: string | null
}
