// SPDX-License-Identifier: EUPL-1.2
/**
 * Break-glass (Notfallzugriff): a staff member without need-to-know opens one case in an emergency by giving
 * a reason. The grant lasts `config.breakGlassMinutes`; `canSeeCase` honours it only while it lasts. The
 * lead responsible for the case is told (a notification on her inbox page; no e-mail), and the grant waits
 * in the data-protection officer's review queue until she confirms or flags it. Everything is audited.
 * @module
 */

import type { Kysely } from 'kysely'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'
import type { StaffPrincipal } from '../../http/context.js'
import { ForbiddenError, NotFoundError } from '../../shared/errors.js'
import { isUuid } from '../../shared/ids.js'
import type { ActiveBreakGlass } from '../../shared/request-context.js'
import { recordAuditEvent } from '../audit/index.js'
import { canSeeCase, caseScopeOf } from '../cases/index.js'
import { organisationService } from '../organisation/index.js'
import { type BreakGlassMailSettings, enqueueBreakGlassMail } from './break-glass.mail.js'
import { mayBreakGlass } from './break-glass.roles.js'
import type { BreakGlassReviewStatus } from './break-glass.table.js'

/** Shortest reason accepted (also a check constraint). */
export const MIN_REASON_LENGTH = 20
const MAX_TEXT = 2000
const REFERENCE = /^[A-Z]{2,4}-\d{4}-\d{7}$/

export type OpenBreakGlassResult =
  | { kind: 'granted'; applicationId: string; grantId: string; expiresAt: Date }
  /** She may see the case anyway (or holds a grant in force): no new grant. */
  | { kind: 'visible'; applicationId: string }
  | {
      kind: 'invalid'
      errors: { reference?: 'missing' | 'format' | 'unknown'; reason?: 'missing' | 'short' | 'long' }
    }

/**
 * Opens a case in an emergency. The reference must name an existing case and the reason must be at least
 * {@link MIN_REASON_LENGTH} characters. An unknown reference is recorded as a denied attempt.
 * @throws ForbiddenError for a role that may not break glass
 */
export async function openBreakGlass(
  db: Db,
  staff: StaffPrincipal,
  input: { reference: string; reason: string },
  minutes: number,
  now = new Date(),
  mail?: BreakGlassMailSettings,
): Promise<OpenBreakGlassResult> {
  if (!mayBreakGlass(staff.role)) {
    throw new ForbiddenError('role may not break glass')
  }
  const reference = input.reference.trim().toUpperCase()
  const reason = input.reason.trim()
  const errors: Extract<OpenBreakGlassResult, { kind: 'invalid' }>['errors'] = {}
  if (reference === '') {
    errors.reference = 'missing'
  } else if (!REFERENCE.test(reference)) {
    errors.reference = 'format'
  }
  if (reason === '') {
    errors.reason = 'missing'
  } else if (reason.length < MIN_REASON_LENGTH) {
    errors.reason = 'short'
  } else if (reason.length > MAX_TEXT) {
    errors.reason = 'long'
  }
  if (errors.reference || errors.reason) {
    return { kind: 'invalid', errors }
  }
  const application = await db
    .selectFrom('application')
    .select(['id', 'assigned_post_id'])
    .where('reference', '=', reference)
    .executeTakeFirst()
  if (!application) {
    await db.transaction().execute((trx) =>
      recordAuditEvent(trx, {
        actor: { type: 'staff', id: staff.id },
        action: 'break_glass.open',
        subject: { type: 'application_reference', id: reference },
        purpose: 'break_glass',
        outcome: 'denied',
      }),
    )
    return { kind: 'invalid', errors: { reference: 'unknown' } }
  }
  const scope = await caseScopeOf(db, staff, now)
  // Asked directly, not through assertCanSeeCase: not seeing the case is the premise here, no refusal.
  const visible = await db
    .selectFrom('application as a')
    .select('a.id')
    .where('a.id', '=', application.id)
    .where(canSeeCase(scope))
    .executeTakeFirst()
  if (visible) {
    return { kind: 'visible', applicationId: application.id }
  }
  const expiresAt = new Date(now.getTime() + minutes * 60_000)
  const lead = await responsibleLead(db, application.assigned_post_id, now)
  return db.transaction().execute(async (trx) => {
    const grant = await trx
      .insertInto('break_glass_grant')
      .values({
        application_id: application.id,
        staff_user_id: staff.id,
        reason,
        granted_at: now,
        expires_at: expiresAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('break_glass_notification')
      .values({
        grant_id: grant.id,
        recipient_post_id: lead.postId,
        recipient_staff_user_id: lead.staffUserId,
        created_at: now,
      })
      .execute()
    const mailed = await enqueueBreakGlassMail(trx, mail, {
      leadStaffUserId: lead.staffUserId,
      openedBy: staff.displayName,
      applicationId: application.id,
      grantedAt: now,
      expiresAt,
    })
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: staff.id },
      action: 'break_glass.open',
      subject: { type: 'application', id: application.id },
      purpose: 'break_glass',
      details: { grantId: grant.id, expiresAt: expiresAt.toISOString(), leadPostId: lead.postId, mailed },
    })
    return { kind: 'granted', applicationId: application.id, grantId: grant.id, expiresAt }
  })
}

/**
 * The lead responsible for a case: whoever acts for the head post of the unit of the case's post, going up
 * the units when a unit has no head post or nobody acts for it.
 */
export async function responsibleLead(
  db: Db,
  postId: string | null,
  at: Date,
): Promise<{ postId: string | null; staffUserId: string | null }> {
  if (postId === null) {
    return { postId: null, staffUserId: null }
  }
  const post = await db.selectFrom('post').select('unit_id').where('id', '=', postId).executeTakeFirst()
  let unitId: string | null = post?.unit_id ?? null
  for (let depth = 0; unitId !== null && depth < 10; depth++) {
    const head = await db
      .selectFrom('post')
      .select('id')
      .where('unit_id', '=', unitId)
      .where('is_head_of_unit', '=', true)
      .where('valid_from', '<=', at)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
      .executeTakeFirst()
    if (head) {
      const acting = await organisationService.whoActsFor(db, head.id, at)
      if (acting.kind !== 'nobody' && acting.person.staffUserId) {
        return { postId: head.id, staffUserId: acting.person.staffUserId }
      }
    }
    const unit = await db
      .selectFrom('org_unit')
      .select('parent_id')
      .where('id', '=', unitId)
      .executeTakeFirst()
    unitId = unit?.parent_id ?? null
  }
  return { postId: null, staffUserId: null }
}

/** The staff member's grants in force at `at`, with the case's reference (for the banner). */
export async function activeBreakGlass(
  db: Kysely<Database>,
  staffUserId: string,
  at = new Date(),
): Promise<ActiveBreakGlass[]> {
  const rows = await db
    .selectFrom('break_glass_grant as g')
    .innerJoin('application as a', 'a.id', 'g.application_id')
    .select(['g.id', 'g.application_id', 'a.reference', 'g.expires_at'])
    .where('g.staff_user_id', '=', staffUserId)
    .where('g.granted_at', '<=', at)
    .where('g.expires_at', '>', at)
    .orderBy('g.expires_at')
    .execute()
  return rows.map((r) => ({
    grantId: r.id,
    applicationId: r.application_id,
    reference: r.reference,
    expiresAt: r.expires_at,
  }))
}

/** Unread break-glass notifications addressed to the staff member. */
export async function countUnreadNotifications(db: Kysely<Database>, staffUserId: string): Promise<number> {
  const row = await db
    .selectFrom('break_glass_notification')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('recipient_staff_user_id', '=', staffUserId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export interface NotificationItem {
  id: string
  createdAt: Date
  readAt: Date | null
  staffName: string
  reference: string
  reason: string
  expiresAt: Date
}

/**
 * The break-glass notifications addressed to the lead, newest first. She is responsible for the case, so
 * she sees its reference and the reason; the read is audited.
 */
export async function listNotificationsForLead(db: Db, staff: StaffPrincipal): Promise<NotificationItem[]> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('break_glass_notification as n')
      .innerJoin('break_glass_grant as g', 'g.id', 'n.grant_id')
      .innerJoin('staff_user as u', 'u.id', 'g.staff_user_id')
      .innerJoin('application as a', 'a.id', 'g.application_id')
      .select([
        'n.id',
        'n.created_at',
        'n.read_at',
        'u.display_name',
        'a.reference',
        'g.reason',
        'g.expires_at',
        'g.application_id',
      ])
      .where('n.recipient_staff_user_id', '=', staff.id)
      .orderBy('n.created_at', 'desc')
      .limit(100)
      .execute()
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: staff.id },
      action: 'break_glass.notifications_view',
      subject: { type: 'break_glass_notification_list', id: staff.id },
      purpose: 'break_glass_oversight',
      details: { ids: rows.map((r) => r.application_id) },
    })
    return rows.map((r) => ({
      id: r.id,
      createdAt: r.created_at,
      readAt: r.read_at,
      staffName: r.display_name,
      reference: r.reference,
      reason: r.reason,
      expiresAt: r.expires_at,
    }))
  })
}

/**
 * Marks a notification of the lead read.
 * @throws NotFoundError when it is not hers (or does not exist)
 */
export async function markNotificationRead(
  db: Db,
  staff: StaffPrincipal,
  notificationId: string,
  now = new Date(),
): Promise<void> {
  const updated = isUuid(notificationId)
    ? await db
        .updateTable('break_glass_notification')
        .set({ read_at: now })
        .where('id', '=', notificationId)
        .where('recipient_staff_user_id', '=', staff.id)
        .where('read_at', 'is', null)
        .executeTakeFirst()
    : undefined
  if (!updated || updated.numUpdatedRows === 0n) {
    const exists = isUuid(notificationId)
      ? await db
          .selectFrom('break_glass_notification')
          .select('id')
          .where('id', '=', notificationId)
          .where('recipient_staff_user_id', '=', staff.id)
          .executeTakeFirst()
      : undefined
    if (!exists) {
      throw new NotFoundError('no such notification')
    }
  }
}

export interface ReviewItem {
  id: string
  staffName: string
  reference: string
  applicationId: string
  reason: string
  grantedAt: Date
  expiresAt: Date
  status: BreakGlassReviewStatus
  reviewedBy: string | null
  reviewedAt: Date | null
  note: string | null
  leadName: string | null
}

/**
 * The data-protection officer's review queue: grants waiting for review (oldest first), then the last 50
 * reviewed. Audited as a read.
 */
export async function reviewQueue(
  db: Db,
  dpo: StaffPrincipal,
  onlyGrantId?: string,
): Promise<{ pending: ReviewItem[]; reviewed: ReviewItem[] }> {
  return db.transaction().execute(async (trx) => {
    const base = () =>
      trx
        .selectFrom('break_glass_grant as g')
        .innerJoin('staff_user as u', 'u.id', 'g.staff_user_id')
        .innerJoin('application as a', 'a.id', 'g.application_id')
        .leftJoin('staff_user as r', 'r.id', 'g.reviewed_by')
        .leftJoin('break_glass_notification as n', 'n.grant_id', 'g.id')
        .leftJoin('staff_user as l', 'l.id', 'n.recipient_staff_user_id')
        .select([
          'g.id',
          'u.display_name as staff_name',
          'a.reference',
          'g.application_id',
          'g.reason',
          'g.granted_at',
          'g.expires_at',
          'g.review_status',
          'r.display_name as reviewer',
          'g.reviewed_at',
          'g.review_note',
          'l.display_name as lead_name',
        ])
    const pending = await (onlyGrantId ? base().where('g.id', '=', onlyGrantId) : base())
      .where('g.review_status', '=', 'pending')
      .orderBy('g.granted_at')
      .limit(200)
      .execute()
    const reviewed = onlyGrantId
      ? []
      : await base()
          .where('g.review_status', '<>', 'pending')
          .orderBy('g.reviewed_at', 'desc')
          .limit(50)
          .execute()
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: dpo.id },
      action: 'break_glass.review_queue_view',
      subject: { type: 'break_glass_review_queue', id: 'all' },
      purpose: 'data_protection_control',
      details: { ids: [...pending, ...reviewed].map((r) => r.application_id) },
    })
    const map = (r: (typeof pending)[number]): ReviewItem => ({
      id: r.id,
      staffName: r.staff_name,
      reference: r.reference,
      applicationId: r.application_id,
      reason: r.reason,
      grantedAt: r.granted_at,
      expiresAt: r.expires_at,
      status: r.review_status,
      reviewedBy: r.reviewer,
      reviewedAt: r.reviewed_at,
      note: r.review_note,
      leadName: r.lead_name,
    })
    return { pending: pending.map(map), reviewed: reviewed.map(map) }
  })
}

/**
 * One pending grant for the review form. Audited as a read.
 * @throws NotFoundError for an unknown or already reviewed grant
 */
export async function pendingReviewItem(db: Db, dpo: StaffPrincipal, grantId: string): Promise<ReviewItem> {
  if (!isUuid(grantId)) {
    throw new NotFoundError('no such grant')
  }
  const { pending } = await reviewQueue(db, dpo, grantId)
  const item = pending[0]
  if (!item) {
    throw new NotFoundError('no pending grant')
  }
  return item
}

export type ReviewResult =
  | { kind: 'done' }
  | { kind: 'invalid'; errors: { decision?: 'missing'; note?: 'missing' | 'long' } }

/**
 * The data-protection officer confirms a grant as justified or flags it; a flag needs a note. Only a grant
 * still pending can be reviewed; the review is audited.
 * @throws NotFoundError for an unknown or already reviewed grant
 */
export async function reviewGrant(
  db: Db,
  dpo: StaffPrincipal,
  grantId: string,
  input: { decision: string; note: string },
  now = new Date(),
): Promise<ReviewResult> {
  const decision = input.decision === 'confirmed' || input.decision === 'flagged' ? input.decision : null
  const note = input.note.trim()
  const errors: Extract<ReviewResult, { kind: 'invalid' }>['errors'] = {}
  if (!decision) {
    errors.decision = 'missing'
  }
  if (decision === 'flagged' && note === '') {
    errors.note = 'missing'
  } else if (note.length > MAX_TEXT) {
    errors.note = 'long'
  }
  if (!decision || errors.note) {
    return { kind: 'invalid', errors }
  }
  if (!isUuid(grantId)) {
    throw new NotFoundError('no such grant')
  }
  await db.transaction().execute(async (trx) => {
    const grant = await trx
      .updateTable('break_glass_grant')
      .set({ review_status: decision, reviewed_by: dpo.id, reviewed_at: now, review_note: note || null })
      .where('id', '=', grantId)
      .where('review_status', '=', 'pending')
      .returning(['application_id', 'staff_user_id'])
      .executeTakeFirst()
    if (!grant) {
      throw new NotFoundError('no pending grant')
    }
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: dpo.id },
      action: 'break_glass.review',
      subject: { type: 'application', id: grant.application_id },
      purpose: 'data_protection_control',
      details: { grantId, decision, staffUserId: grant.staff_user_id },
    })
  })
  return { kind: 'done' }
}

export interface AdminNotificationItem {
  createdAt: Date
  staffName: string
  leadName: string | null
  readAt: Date | null
  expiresAt: Date
  reviewStatus: BreakGlassReviewStatus
}

/**
 * For administrators: that break-glass accesses happened, who broke glass, who was told and whether she
 * has read it — without case, reference or reason (administrators see no social data).
 */
export async function listNotificationsForAdmin(db: Db): Promise<AdminNotificationItem[]> {
  const rows = await db
    .selectFrom('break_glass_notification as n')
    .innerJoin('break_glass_grant as g', 'g.id', 'n.grant_id')
    .innerJoin('staff_user as u', 'u.id', 'g.staff_user_id')
    .leftJoin('staff_user as l', 'l.id', 'n.recipient_staff_user_id')
    .select([
      'n.created_at',
      'u.display_name as staff_name',
      'l.display_name as lead_name',
      'n.read_at',
      'g.expires_at',
      'g.review_status',
    ])
    .orderBy('n.created_at', 'desc')
    .limit(200)
    .execute()
  return rows.map((r) => ({
    createdAt: r.created_at,
    staffName: r.staff_name,
    leadName: r.lead_name,
    readAt: r.read_at,
    expiresAt: r.expires_at,
    reviewStatus: r.review_status,
  }))
}
