// SPDX-License-Identifier: EUPL-1.2
import { randomBytes } from 'node:crypto'
import type { Db } from '../../db/database.js'
import type { StaffPrincipal } from '../../http/context.js'
import { NotFoundError } from '../../shared/errors.js'
import { isUuid, sha256 } from '../../shared/ids.js'
import { recordAuditEvent } from '../audit/index.js'

const KEY_PREFIX = 'o311_'
const KEY_FORMAT = /^o311_[A-Za-z0-9_-]{43}$/

/** Why a key was not accepted (for the audit record; the client is told only "missing" or "invalid"). */
export type KeyCheck =
  | { ok: true; id: string }
  | { ok: false; reason: 'missing' | 'malformed' | 'unknown' | 'revoked' }

/**
 * Checks an api_key: 256 random bits, so a plain SHA-256 is a safe way to store and find it.
 * Records when it was last used.
 */
export async function authenticateApiKey(db: Db, key: string | undefined): Promise<KeyCheck> {
  if (key === undefined || key.trim() === '') {
    return { ok: false, reason: 'missing' }
  }
  if (!KEY_FORMAT.test(key)) {
    return { ok: false, reason: 'malformed' }
  }
  const row = await db
    .selectFrom('open311_api_key')
    .select(['id', 'revoked_at'])
    .where('key_hash', '=', sha256(key))
    .executeTakeFirst()
  if (!row) {
    return { ok: false, reason: 'unknown' }
  }
  if (row.revoked_at) {
    return { ok: false, reason: 'revoked' }
  }
  await db.updateTable('open311_api_key').set({ last_used_at: new Date() }).where('id', '=', row.id).execute()
  return { ok: true, id: row.id }
}

/**
 * Creates an API key for a named client system; the key is returned once and stored only as its hash.
 * @param staff the administrator, or null when created on the command line
 */
export async function createApiKey(
  db: Db,
  staff: StaffPrincipal | null,
  name: string,
  requestId: string | null,
): Promise<{ id: string; key: string }> {
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('open311_api_key')
      .values({ name, key_hash: sha256(key), key_prefix: key.slice(0, 9), created_by: staff?.id ?? null })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAuditEvent(trx, {
      actor: staff ? { type: 'staff', id: staff.id } : { type: 'system', id: null },
      action: 'open311.key_create',
      subject: { type: 'open311_api_key', id: row.id },
      requestId,
      details: { name },
    })
    return { id: row.id, key }
  })
}

/** Revokes a key at once; requests with it get 403 from then on. @throws NotFoundError */
export async function revokeApiKey(db: Db, staff: StaffPrincipal, id: string, requestId: string | null) {
  if (!isUuid(id)) {
    throw new NotFoundError('no such key')
  }
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('open311_api_key')
      .set({ revoked_at: new Date(), revoked_by: staff.id })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returning('id')
      .executeTakeFirst()
    if (!row) {
      throw new NotFoundError('no such active key')
    }
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: staff.id },
      action: 'open311.key_revoke',
      subject: { type: 'open311_api_key', id },
      requestId,
    })
  })
}

/** All keys, newest first, without their hashes. */
export function listApiKeys(db: Db) {
  return db
    .selectFrom('open311_api_key')
    .select(['id', 'name', 'key_prefix', 'created_at', 'revoked_at', 'last_used_at'])
    .orderBy('created_at', 'desc')
    .execute()
}
