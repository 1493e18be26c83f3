// SPDX-License-Identifier: EUPL-1.2
/**
 * The payment card register and its approval requests. Every staff operation goes through the case
 * need-to-know rule (`withVisibleCase` / `canSeeCase`), and every read and change is audited in the same
 * transaction. See docs/payment-card.md and ADR 0024.
 * @module
 */
import { randomUUID } from 'node:crypto'
import { type Selectable, sql, type Transaction } from 'kysely'
import type { Config } from '../../config/config.js'
import type { Db } from '../../db/database.js'
import type { Database } from '../../db/schema.js'
import type { StaffPrincipal } from '../../http/context.js'
import { todayIso } from '../../shared/dates.js'
import type { DocumentKeyring } from '../../shared/document-keys.js'
import { isUuid } from '../../shared/ids.js'
import { recordAuditEvent } from '../audit/index.js'
import { type CaseScope, canSeeCase, caseScopeOf, casesService } from '../cases/index.js'
import { organisationService } from '../organisation/index.js'
import { maskIban, openIban, sealIban } from './card-iban.js'
import { holderOnDay } from './child-mapping.js'
import {
  type ApprovalInput,
  approvalDueOn,
  CARD_TRANSITIONS,
  canTransition,
  isOverdue,
} from './payment-card.domain.js'
import { CardRefusedError } from './payment-card.errors.js'
import type {
  ApprovalKind,
  ApprovalStatus,
  CardStatus,
  HouseholdMemberRow,
  MemberRole,
} from './payment-card.table.js'

type Trx = Transaction<Database>

/** A card as staff see it: IBAN masked. */
export interface CardView {
  id: string
  memberId: string
  holderName: string
  maskedIban: string
  status: CardStatus
  cashLimitCents: number
  replacesCardId: string | null
  replacedByCardId: string | null
  createdAt: Date
  nextStatuses: readonly CardStatus[]
  history: Array<{ from: CardStatus | null; to: CardStatus; at: Date; by: string | null }>
}

/** An approval request as staff and citizens see it. */
export interface ApprovalView {
  id: string
  kind: ApprovalKind
  status: ApprovalStatus
  payeeName: string | null
  payeeIban: string | null
  purpose: string | null
  amountCents: number | null
  standing: boolean
  travelFrom: string | null
  travelTo: string | null
  reason: string | null
  requestedVia: 'citizen' | 'staff'
  requestedAt: Date
  dueOn: string
  overdue: boolean
  decidedAt: Date | null
  decidedBy: string | null
  decisionReason: string | null
  portalEnteredAt: Date | null
  portalEnteredBy: string | null
}

/** The payment-card section of one case. */
export interface CardSection {
  applicationId: string
  reference: string
  members: Array<HouseholdMemberRow & { cardHolderName: string | null }>
  cards: CardView[]
  approvals: ApprovalView[]
}

function nameOf(m: { given_name: string; surname: string }): string {
  return `${m.given_name} ${m.surname}`
}

async function readSection(trx: Trx, applicationId: string, today: string): Promise<CardSection> {
  const app = await trx
    .selectFrom('application')
    .select(['id', 'reference'])
    .where('id', '=', applicationId)
    .executeTakeFirstOrThrow()
  const members = await trx
    .selectFrom('household_member')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  const byId = new Map(members.map((m) => [m.id, m]))
  const cards = await trx
    .selectFrom('payment_card')
    .select(['id', 'member_id', 'iban_last4', 'status', 'cash_limit_cents', 'replaces_card_id', 'created_at'])
    .where('application_id', '=', applicationId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  const statusChanges =
    cards.length === 0
      ? []
      : await trx
          .selectFrom('payment_card_status_change as s')
          .leftJoin('staff_user as u', 'u.id', 's.changed_by')
          .select(['s.card_id', 's.from_status', 's.to_status', 's.changed_at', 'u.display_name'])
          .where(
            's.card_id',
            'in',
            cards.map((c) => c.id),
          )
          .orderBy('s.changed_at')
          .orderBy('s.id')
          .execute()
  const approvals = await approvalsOf(trx, applicationId, today)
  const changes = (
    await trx
      .selectFrom('household_child_card')
      .select(['child_member_id', 'holder_member_id', 'valid_from'])
      .where('application_id', '=', applicationId)
      .execute()
  ).map((c) => ({ childId: c.child_member_id, holderId: c.holder_member_id, validFrom: c.valid_from }))
  return {
    applicationId,
    reference: app.reference,
    members: members.map((m) => {
      // On whose card the child is booked today (the dated mapping, ADR 0030).
      const holderId = holderOnDay({ id: m.id, initialHolderId: m.card_holder_member_id }, changes, today)
      const holder = holderId ? byId.get(holderId) : undefined
      return { ...m, cardHolderName: holder ? nameOf(holder) : null }
    }),
    cards: cards.map((c) => {
      const member = byId.get(c.member_id)
      return {
        id: c.id,
        memberId: c.member_id,
        holderName: member ? nameOf(member) : '',
        maskedIban: maskIban(c.iban_last4),
        status: c.status,
        cashLimitCents: c.cash_limit_cents,
        replacesCardId: c.replaces_card_id,
        replacedByCardId: cards.find((n) => n.replaces_card_id === c.id)?.id ?? null,
        createdAt: c.created_at,
        nextStatuses: CARD_TRANSITIONS[c.status],
        history: statusChanges
          .filter((s) => s.card_id === c.id)
          .map((s) => ({ from: s.from_status, to: s.to_status, at: s.changed_at, by: s.display_name })),
      }
    }),
    approvals,
  }
}

async function approvalsOf(conn: Trx | Db, applicationId: string, today: string): Promise<ApprovalView[]> {
  const rows = await conn
    .selectFrom('card_approval as r')
    .leftJoin('staff_user as d', 'd.id', 'r.decided_by')
    .leftJoin('staff_user as p', 'p.id', 'r.portal_entered_by')
    .selectAll('r')
    .select(['d.display_name as decided_by_name', 'p.display_name as portal_by_name'])
    .where('r.application_id', '=', applicationId)
    .orderBy('r.requested_at', 'desc')
    .orderBy('r.id')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    status: r.status,
    payeeName: r.payee_name,
    payeeIban: r.payee_iban,
    purpose: r.purpose,
    amountCents: r.amount_cents,
    standing: r.standing,
    travelFrom: r.travel_from,
    travelTo: r.travel_to,
    reason: r.reason,
    requestedVia: r.requested_via,
    requestedAt: r.requested_at,
    dueOn: r.due_on,
    overdue: r.status === 'open' && isOverdue(r.due_on, today),
    decidedAt: r.decided_at,
    decidedBy: r.decided_by_name,
    decisionReason: r.decision_reason,
    portalEnteredAt: r.portal_entered_at,
    portalEnteredBy: r.portal_by_name,
  }))
}

/**
 * The payment-card section of a case (members, cards with masked IBANs, approvals); audited as a read.
 * @throws NotFoundError when the case does not exist or is not hers (same answer)
 */
export async function getCardSection(
  db: Db,
  staff: StaffPrincipal,
  applicationId: string,
  requestId: string | null,
  now = new Date(),
): Promise<CardSection> {
  return casesService.withVisibleCase(
    db,
    staff,
    applicationId,
    async (trx, scope) => {
      const section = await readSection(trx, applicationId, todayIso(now))
      await audit(trx, scope, staff, 'payment_card.view', applicationId, requestId, {
        cards: section.cards.length,
        approvals: section.approvals.length,
      })
      return section
    },
    now,
  )
}

/** A household member to add. */
export interface MemberInput {
  givenName: string
  surname: string
  birthDate: string | null
  role: MemberRole
  /** Children: the adult member on whose card the child's benefits are booked. */
  cardHolderMemberId: string | null
}

/**
 * Audits an action on a case's card data, naming the post the actor acts for when she is not its holder. A
 * caller that has already looked that post up passes it as `known`, so it is resolved once per action.
 */
async function audit(
  trx: Trx,
  scope: CaseScope,
  staff: StaffPrincipal,
  action: string,
  applicationId: string,
  requestId: string | null,
  details: Record<string, unknown>,
  known?: { actingFor: string | undefined },
) {
  const { actingFor } = known ?? (await casesService.actingForOfCase(trx, scope, applicationId))
  await recordAuditEvent(trx, {
    actor: { type: 'staff', id: staff.id },
    action,
    subject: { type: 'application', id: applicationId },
    requestId,
    actingForPostId: actingFor ?? null,
    details,
  })
}

async function adultOf(trx: Trx, applicationId: string, memberId: string | null) {
  const member =
    memberId && isUuid(memberId)
      ? await trx
          .selectFrom('household_member')
          .selectAll()
          .where('id', '=', memberId)
          .where('application_id', '=', applicationId)
          .executeTakeFirst()
      : undefined
  if (!member) {
    throw new CardRefusedError('unknown_member')
  }
  if (member.role !== 'adult') {
    throw new CardRefusedError('member_not_adult')
  }
  return member
}

/**
 * Adds a member to the household of a case; a child names the adult on whose card its benefits are booked.
 * @throws CardRefusedError unknown_member / member_not_adult when that adult is not an adult of this case
 */
export async function addMember(
  db: Db,
  staff: StaffPrincipal,
  applicationId: string,
  input: MemberInput,
  requestId: string | null,
): Promise<string> {
  return casesService.withVisibleCase(db, staff, applicationId, async (trx, scope) => {
    if (input.role === 'child') {
      await adultOf(trx, applicationId, input.cardHolderMemberId)
    }
    const row = await trx
      .insertInto('household_member')
      .values({
        application_id: applicationId,
        given_name: input.givenName,
        surname: input.surname,
        birth_date: input.birthDate,
        role: input.role,
        card_holder_member_id: input.role === 'child' ? input.cardHolderMemberId : null,
        created_by: staff.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await audit(trx, scope, staff, 'payment_card.member_add', applicationId, requestId, {
      memberId: row.id,
      role: input.role,
    })
    return row.id
  })
}

/** One entry of a child's mapping history, newest first; the first mapping has no date and no reason. */
export interface MappingEntry {
  validFrom: string | null
  holderId: string
  holderName: string
  reason: string | null
  recordedBy: string | null
  recordedAt: Date
}

/** What the re-map screen shows: the child, the adults it may be booked on, and the dated history. */
export interface ChildMappingView {
  applicationId: string
  reference: string
  child: { id: string; name: string }
  /** The adult the child is booked on today. */
  currentHolderId: string | null
  adults: Array<{ id: string; name: string }>
  history: MappingEntry[]
}

async function mappingHistory(trx: Trx, child: HouseholdMemberRow): Promise<MappingEntry[]> {
  const changes = await trx
    .selectFrom('household_child_card as h')
    .innerJoin('household_member as m', 'm.id', 'h.holder_member_id')
    .leftJoin('staff_user as u', 'u.id', 'h.created_by')
    .select(['h.valid_from', 'h.holder_member_id', 'm.given_name', 'm.surname', 'h.reason', 'h.created_at'])
    .select('u.display_name')
    .where('h.child_member_id', '=', child.id)
    .orderBy('h.valid_from', 'desc')
    .execute()
  const entries: MappingEntry[] = changes.map((c) => ({
    validFrom: c.valid_from,
    holderId: c.holder_member_id,
    holderName: nameOf(c),
    reason: c.reason,
    recordedBy: c.display_name,
    recordedAt: c.created_at,
  }))
  if (child.card_holder_member_id) {
    const first = await trx
      .selectFrom('household_member as m')
      .leftJoin('staff_user as u', 'u.id', 'm.created_by')
      .select(['m.given_name', 'm.surname', 'u.display_name'])
      .where('m.id', '=', child.card_holder_member_id)
      .executeTakeFirstOrThrow()
    entries.push({
      validFrom: null,
      holderId: child.card_holder_member_id,
      holderName: nameOf(first),
      reason: null,
      recordedBy: null,
      recordedAt: child.created_at,
    })
  }
  return entries
}

async function childOf(trx: Trx, applicationId: string, childId: string): Promise<HouseholdMemberRow> {
  const child = isUuid(childId)
    ? await trx
        .selectFrom('household_member')
        .selectAll()
        .where('id', '=', childId)
        .where('application_id', '=', applicationId)
        .where('role', '=', 'child')
        .forUpdate()
        .executeTakeFirst()
    : undefined
  if (!child) {
    throw new CardRefusedError('unknown_member')
  }
  return child
}

async function readChildMapping(
  trx: Trx,
  applicationId: string,
  childId: string,
  today: string,
): Promise<ChildMappingView> {
  const child = await childOf(trx, applicationId, childId)
  const app = await trx
    .selectFrom('application')
    .select('reference')
    .where('id', '=', applicationId)
    .executeTakeFirstOrThrow()
  const adults = await trx
    .selectFrom('household_member')
    .select(['id', 'given_name', 'surname'])
    .where('application_id', '=', applicationId)
    .where('role', '=', 'adult')
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  const history = await mappingHistory(trx, child)
  const current = history.find((e) => e.validFrom === null || e.validFrom <= today)
  return {
    applicationId,
    reference: app.reference,
    child: { id: child.id, name: nameOf(child) },
    currentHolderId: current?.holderId ?? null,
    adults: adults.map((a) => ({ id: a.id, name: nameOf(a) })),
    history,
  }
}

/**
 * The re-map screen of a child: on whose card it is booked today, the adults of the household and the dated
 * history; audited as a read.
 * @throws CardRefusedError unknown_member when the id is not a child of this case; NotFoundError for a case she
 *   may not see
 */
export async function getChildMapping(
  db: Db,
  staff: StaffPrincipal,
  applicationId: string,
  childId: string,
  requestId: string | null,
  now = new Date(),
): Promise<ChildMappingView> {
  return casesService.withVisibleCase(
    db,
    staff,
    applicationId,
    async (trx, scope) => {
      const view = await readChildMapping(trx, applicationId, childId, todayIso(now))
      await audit(trx, scope, staff, 'payment_card.child_map_view', applicationId, requestId, {
        childId: view.child.id,
      })
      return view
    },
    now,
  )
}

/** A dated re-mapping of a child onto an adult's card. */
export interface RemapInput {
  holderId: string
  /** 'YYYY-MM-DD' */
  validFrom: string
  reason: string
}

/**
 * Books a child on another adult's card from `validFrom` on (ADR 0030). The history is kept: a row is added,
 * never changed. The payment run pays from the month `validFrom` falls in according to the new mapping.
 * @throws CardRefusedError unknown_member (not a child / not an adult of this case), member_not_adult,
 *   mapping_same_holder (already booked on that adult then), mapping_not_after (not after the latest change)
 */
export async function remapChild(
  db: Db,
  staff: StaffPrincipal,
  applicationId: string,
  childId: string,
  input: RemapInput,
  requestId: string | null,
  now = new Date(),
): Promise<void> {
  await casesService.withVisibleCase(
    db,
    staff,
    applicationId,
    async (trx, scope) => {
      const child = await childOf(trx, applicationId, childId)
      const holder = await adultOf(trx, applicationId, input.holderId)
      const history = await mappingHistory(trx, child)
      const latest = history[0]
      if (latest?.validFrom && input.validFrom <= latest.validFrom) {
        throw new CardRefusedError('mapping_not_after')
      }
      if (latest?.holderId === holder.id) {
        throw new CardRefusedError('mapping_same_holder')
      }
      await trx
        .insertInto('household_child_card')
        .values({
          application_id: applicationId,
          child_member_id: child.id,
          holder_member_id: holder.id,
          valid_from: input.validFrom,
          reason: input.reason,
          created_by: staff.id,
        })
        .execute()
      await audit(trx, scope, staff, 'payment_card.child_map', applicationId, requestId, {
        childId: child.id,
        from: latest?.holderId ?? null,
        to: holder.id,
        validFrom: input.validFrom,
      })
    },
    now,
  )
}

async function insertCard(
  trx: Trx,
  keyring: DocumentKeyring,
  staff: StaffPrincipal,
  applicationId: string,
  memberId: string,
  iban: string,
  cashLimitCents: number,
  replacesCardId: string | null,
  at: Date,
): Promise<string> {
  const id = randomUUID()
  const sealed = sealIban(keyring, id, iban)
  await trx
    .insertInto('payment_card')
    .values({
      id,
      application_id: applicationId,
      member_id: memberId,
      iban_enc: sealed.ibanEnc,
      iban_key_id: sealed.keyId,
      iban_last4: iban.slice(-4),
      status: 'ordered',
      cash_limit_cents: cashLimitCents,
      replaces_card_id: replacesCardId,
      created_by: staff.id,
    })
    .execute()
  await trx
    .insertInto('payment_card_status_change')
    .values({ card_id: id, from_status: null, to_status: 'ordered', changed_at: at, changed_by: staff.id })
    .execute()
  return id
}

/**
 * Records a card ordered for an adult member (status "bestellt") with its IBAN, sealed at rest.
 * @throws CardRefusedError unknown_member / member_not_adult / member_has_card
 */
export async function orderCard(
  db: Db,
  keyring: DocumentKeyring,
  staff: StaffPrincipal,
  applicationId: string,
  input: { memberId: string; iban: string; cashLimitCents: number },
  requestId: string | null,
  now = new Date(),
): Promise<string> {
  return casesService.withVisibleCase(
    db,
    staff,
    applicationId,
    async (trx, scope) => {
      const member = await adultOf(trx, applicationId, input.memberId)
      const current = await trx
        .selectFrom('payment_card')
        .select('id')
        .where('member_id', '=', member.id)
        .where('status', 'in', ['ordered', 'active', 'blocked'])
        .executeTakeFirst()
      if (current) {
        throw new CardRefusedError('member_has_card')
      }
      const id = await insertCard(
        trx,
        keyring,
        staff,
        applicationId,
        member.id,
        input.iban,
        input.cashLimitCents,
        null,
        now,
      )
      await audit(trx, scope, staff, 'payment_card.order', applicationId, requestId, {
        cardId: id,
        memberId: member.id,
      })
      return id
    },
    now,
  )
}

/** The record tables looked up by id within a case, and the refusal when the id is not one of the case's. */
const CASE_RECORDS = { payment_card: 'unknown_card', card_approval: 'unknown_approval' } as const

/**
 * A card or approval of the case, locked for the change that follows. An id that is no uuid, does not exist or
 * belongs to another case gets the same refusal (unknown_card / unknown_approval).
 */
async function recordOf<T extends keyof typeof CASE_RECORDS>(
  trx: Trx,
  table: T,
  applicationId: string,
  id: string,
): Promise<Selectable<Database[T]>> {
  const row = isUuid(id)
    ? await trx
        .selectFrom(table as keyof typeof CASE_RECORDS)
        .selectAll()
        .where('id', '=', id)
        .where('application_id', '=', applicationId)
        .forUpdate()
        .executeTakeFirst()
    : undefined
  if (!row) {
    throw new CardRefusedError(CASE_RECORDS[table])
  }
  return row as Selectable<Database[T]>
}

async function setStatus(
  trx: Trx,
  cardId: string,
  from: CardStatus,
  to: CardStatus,
  staffId: string,
  at: Date,
) {
  await trx.updateTable('payment_card').set({ status: to }).where('id', '=', cardId).execute()
  await trx
    .insertInto('payment_card_status_change')
    .values({ card_id: cardId, from_status: from, to_status: to, changed_at: at, changed_by: staffId })
    .execute()
}

/**
 * Moves a card to `to` (aktivieren, sperren, entsperren, schließen). Replacement goes through
 * {@link replaceCard}, which needs the new card's IBAN.
 * @throws CardRefusedError unknown_card, invalid_transition (also for `replaced`)
 */
export async function changeCardStatus(
  db: Db,
  staff: StaffPrincipal,
  applicationId: string,
  cardId: string,
  to: CardStatus,
  requestId: string | null,
  now = new Date(),
): Promise<void> {
  await casesService.withVisibleCase(
    db,
    staff,
    applicationId,
    async (trx, scope) => {
      const card = await recordOf(trx, 'payment_card', applicationId, cardId)
      if (to === 'replaced' || !canTransition(card.status, to)) {
        throw new CardRefusedError('invalid_transition')
      }
      await setStatus(trx, card.id, card.status, to, staff.id, now)
      await audit(trx, scope, staff, 'payment_card.status', applicationId, requestId, {
        cardId,
        from: card.status,
        to,
      })
    },
    now,
  )
}

/**
 * Replaces a card (lost, stolen, broken): the old card becomes "ersetzt", a new card with its own IBAN is
 * ordered for the same member and points back to the old one.
 * @returns the new card's id
 * @throws CardRefusedError unknown_card, invalid_transition
 */
export async function replaceCard(
  db: Db,
  keyring: DocumentKeyring,
  staff: StaffPrincipal,
  applicationId: string,
  cardId: string,
  iban: string,
  requestId: string | null,
  now = new Date(),
): Promise<string> {
  return casesService.withVisibleCase(
    db,
    staff,
    applicationId,
    async (trx, scope) => {
      const card = await recordOf(trx, 'payment_card', applicationId, cardId)
      if (!canTransition(card.status, 'replaced')) {
        throw new CardRefusedError('invalid_transition')
      }
      await setStatus(trx, card.id, card.status, 'replaced', staff.id, now)
      const id = await insertCard(
        trx,
        keyring,
        staff,
        applicationId,
        card.member_id,
        iban,
        card.cash_limit_cents,
        card.id,
        now,
      )
      await audit(trx, scope, staff, 'payment_card.replace', applicationId, requestId, {
        cardId,
        newCardId: id,
      })
      return id
    },
    now,
  )
}

/**
 * The full IBAN of a card, for staff who must compare it with the vendor portal; audited as its own read.
 * Routes admit only caseworkers and team leads (docs/payment-card.md).
 * @throws CardRefusedError unknown_card; NotFoundError for a case she may not see
 */
export async function revealCardIban(
  db: Db,
  keyring: DocumentKeyring,
  staff: StaffPrincipal,
  applicationId: string,
  cardId: string,
  requestId: string | null,
): Promise<{ iban: string; holderName: string }> {
  return casesService.withVisibleCase(db, staff, applicationId, async (trx, scope) => {
    const card = await recordOf(trx, 'payment_card', applicationId, cardId)
    const member = await trx
      .selectFrom('household_member')
      .select(['given_name', 'surname'])
      .where('id', '=', card.member_id)
      .executeTakeFirstOrThrow()
    const iban = openIban(keyring, card.id, { ibanEnc: card.iban_enc, keyId: card.iban_key_id })
    await audit(trx, scope, staff, 'payment_card.iban_read', applicationId, requestId, { cardId })
    return { iban, holderName: nameOf(member) }
  })
}

/** One row of the register. */
export interface RegisterRow {
  cardId: string
  applicationId: string
  reference: string
  holderName: string
  maskedIban: string
  status: CardStatus
  cashLimitCents: number
  createdAt: Date
}

/**
 * The card register: every card of the cases she may see (need-to-know), newest first; audited as one read.
 * @param filter.status only cards in this status
 */
export async function listRegister(
  db: Db,
  staff: StaffPrincipal,
  filter: { status?: CardStatus | undefined },
  requestId: string | null,
  now = new Date(),
): Promise<RegisterRow[]> {
  const scope = await caseScopeOf(db, staff, now)
  return db.transaction().execute(async (trx) => {
    let query = trx
      .selectFrom('payment_card as c')
      .innerJoin('application as a', 'a.id', 'c.application_id')
      .innerJoin('household_member as m', 'm.id', 'c.member_id')
      .select([
        'c.id',
        'c.application_id',
        'a.reference',
        'm.given_name',
        'm.surname',
        'c.iban_last4',
        'c.status',
        'c.cash_limit_cents',
        'c.created_at',
      ])
      .where(canSeeCase(scope))
    if (filter.status) {
      query = query.where('c.status', '=', filter.status)
    }
    const rows = await query.orderBy('c.created_at', 'desc').orderBy('c.id').limit(500).execute()
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: staff.id },
      action: 'payment_card.register_view',
      subject: { type: 'payment_card_register', id: 'all' },
      requestId,
      details: { rows: rows.length, cases: [...new Set(rows.map((r) => r.application_id))] },
    })
    return rows.map((r) => ({
      cardId: r.id,
      applicationId: r.application_id,
      reference: r.reference,
      holderName: nameOf(r),
      maskedIban: maskIban(r.iban_last4),
      status: r.status,
      cashLimitCents: r.cash_limit_cents,
      createdAt: r.created_at,
    }))
  })
}

/** The household's current card (active first, else ordered/blocked) for a new approval request. */
async function currentCardOf(conn: Trx, applicationId: string): Promise<string | null> {
  const row = await conn
    .selectFrom('payment_card')
    .select('id')
    .where('application_id', '=', applicationId)
    .where('status', 'in', ['ordered', 'active', 'blocked'])
    .orderBy(sql`case status when 'active' then 0 when 'blocked' then 1 else 2 end`)
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst()
  return row?.id ?? null
}

async function insertApproval(
  trx: Trx,
  applicationId: string,
  input: ApprovalInput,
  via: { type: 'citizen' } | { type: 'staff'; staffId: string },
  workingDays: number,
  now: Date,
): Promise<string> {
  const cardId = await currentCardOf(trx, applicationId)
  if (!cardId) {
    throw new CardRefusedError('no_card')
  }
  const app = await trx
    .selectFrom('application')
    .select('assigned_post_id')
    .where('id', '=', applicationId)
    .executeTakeFirstOrThrow()
  const row = await trx
    .insertInto('card_approval')
    .values({
      application_id: applicationId,
      card_id: cardId,
      kind: input.kind,
      payee_name: input.kind === 'transfer' ? input.payeeName : null,
      payee_iban: input.kind === 'transfer' ? input.payeeIban : null,
      purpose: input.kind === 'transfer' ? input.purpose : null,
      amount_cents: input.kind === 'transfer' ? input.amountCents : null,
      standing: input.kind === 'transfer' ? input.standing : false,
      travel_from: input.kind === 'travel' ? input.from : null,
      travel_to: input.kind === 'travel' ? input.to : null,
      reason: input.kind === 'travel' ? input.reason : null,
      requested_via: via.type,
      requested_by: via.type === 'staff' ? via.staffId : null,
      requested_at: now,
      responsible_post_id: app.assigned_post_id,
      due_on: approvalDueOn(todayIso(now), workingDays),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/**
 * A cardholder's request made online (status page): lands with whoever acts for the case's post, with a
 * deadline of `config.paymentCard.approvalWorkingDays` working days. Audited with the citizen as actor.
 * @throws CardRefusedError no_card when the household has no current card
 */
export async function requestApprovalAsCitizen(
  db: Db,
  config: Pick<Config, 'paymentCard'>,
  applicationId: string,
  input: ApprovalInput,
  requestId: string | null,
  now = new Date(),
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom('application').select('id').where('id', '=', applicationId).forUpdate().execute()
    const id = await insertApproval(
      trx,
      applicationId,
      input,
      { type: 'citizen' },
      config.paymentCard.approvalWorkingDays,
      now,
    )
    await recordAuditEvent(trx, {
      actor: { type: 'citizen', id: null },
      action: 'payment_card.approval_request',
      subject: { type: 'application', id: applicationId },
      requestId,
      details: { approvalId: id, kind: input.kind },
    })
    return id
  })
}

/**
 * A request taken at the counter or by phone and recorded by staff.
 * @throws CardRefusedError no_card; NotFoundError for a case she may not see
 */
export async function requestApprovalAsStaff(
  db: Db,
  config: Pick<Config, 'paymentCard'>,
  staff: StaffPrincipal,
  applicationId: string,
  input: ApprovalInput,
  requestId: string | null,
  now = new Date(),
): Promise<string> {
  return casesService.withVisibleCase(
    db,
    staff,
    applicationId,
    async (trx, scope) => {
      const id = await insertApproval(
        trx,
        applicationId,
        input,
        { type: 'staff', staffId: staff.id },
        config.paymentCard.approvalWorkingDays,
        now,
      )
      await audit(trx, scope, staff, 'payment_card.approval_request', applicationId, requestId, {
        approvalId: id,
        kind: input.kind,
      })
      return id
    },
    now,
  )
}

/**
 * Approves or refuses a request (a refusal needs a reason; the route checks it). The decision is then to be
 * entered in the vendor's portal by hand.
 * @throws CardRefusedError unknown_approval, already_decided
 */
export async function decideApproval(
  db: Db,
  staff: StaffPrincipal,
  applicationId: string,
  approvalId: string,
  decision: { outcome: 'approved' | 'refused'; reason: string | null },
  requestId: string | null,
  now = new Date(),
): Promise<void> {
  await casesService.withVisibleCase(
    db,
    staff,
    applicationId,
    async (trx, scope) => {
      const row = await recordOf(trx, 'card_approval', applicationId, approvalId)
      if (row.status !== 'open') {
        throw new CardRefusedError('already_decided')
      }
      const acting = await casesService.actingForOfCase(trx, scope, applicationId)
      await trx
        .updateTable('card_approval')
        .set({
          status: decision.outcome,
          decided_at: now,
          decided_by: staff.id,
          decided_for_post_id: acting.actingFor ?? null,
          decision_reason: decision.reason,
        })
        .where('id', '=', row.id)
        .execute()
      await audit(
        trx,
        scope,
        staff,
        'payment_card.approval_decide',
        applicationId,
        requestId,
        { approvalId, outcome: decision.outcome, overdue: isOverdue(row.due_on, todayIso(now)) },
        acting,
      )
    },
    now,
  )
}

/**
 * Ticks "im Portal eingetragen" on a decided request, with who and when.
 * @throws CardRefusedError unknown_approval, not_decided, already_entered
 */
export async function markEnteredInPortal(
  db: Db,
  staff: StaffPrincipal,
  applicationId: string,
  approvalId: string,
  requestId: string | null,
  now = new Date(),
): Promise<void> {
  await casesService.withVisibleCase(
    db,
    staff,
    applicationId,
    async (trx, scope) => {
      const row = await recordOf(trx, 'card_approval', applicationId, approvalId)
      if (row.status === 'open') {
        throw new CardRefusedError('not_decided')
      }
      if (row.portal_entered_at) {
        throw new CardRefusedError('already_entered')
      }
      await trx
        .updateTable('card_approval')
        .set({ portal_entered_at: now, portal_entered_by: staff.id })
        .where('id', '=', row.id)
        .execute()
      await audit(trx, scope, staff, 'payment_card.portal_entered', applicationId, requestId, { approvalId })
    },
    now,
  )
}

/** One request in the approvals work list. */
export interface WorkItem {
  approvalId: string
  applicationId: string
  reference: string
  kind: ApprovalKind
  status: ApprovalStatus
  summary: string | null
  amountCents: number | null
  dueOn: string
  overdue: boolean
  /** Who acts for the case's post now (organisationService.whoActsFor), "i.V." included. */
  actingName: string | null
  actingCovered: boolean
  /** Why it is in her list: her post (or one she covers), or escalated to her as acting lead. */
  reason: 'mine' | 'escalated' | 'portal'
}

/**
 * Her approvals work list: open requests of cases on posts she holds or covers; overdue open requests of the
 * units she leads (escalation); decided requests not yet entered in the portal on her posts. Audited as one
 * read.
 */
export async function listWork(
  db: Db,
  staff: StaffPrincipal,
  requestId: string | null,
  now = new Date(),
): Promise<WorkItem[]> {
  const scope = await caseScopeOf(db, staff, now)
  const today = todayIso(now)
  const mine = scope.inboxPosts.map((p) => p.postId)
  // Every post of the units she leads (as acting head), her own posts there included.
  const led = [
    ...scope.ledPostIds,
    ...scope.inboxPosts.filter((p) => scope.ledUnitIds.includes(p.unitId)).map((p) => p.postId),
  ]
  if (mine.length === 0 && led.length === 0 && !scope.allCases) {
    return []
  }
  const rows = await db.transaction().execute(async (trx) => {
    const found = await trx
      .selectFrom('card_approval as r')
      .innerJoin('application as a', 'a.id', 'r.application_id')
      .select([
        'r.id',
        'r.application_id',
        'a.reference',
        'a.assigned_post_id',
        'r.kind',
        'r.status',
        'r.payee_name',
        'r.travel_from',
        'r.travel_to',
        'r.amount_cents',
        'r.due_on',
        'r.portal_entered_at',
      ])
      .where(canSeeCase(scope))
      .where((eb) => eb.or([eb('r.status', '=', 'open'), eb('r.portal_entered_at', 'is', null)]))
      .orderBy('r.due_on')
      .orderBy('r.requested_at')
      .limit(500)
      .execute()
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: staff.id },
      action: 'payment_card.approvals_view',
      subject: { type: 'card_approval_list', id: 'work' },
      requestId,
      details: { rows: found.length, cases: [...new Set(found.map((r) => r.application_id))] },
    })
    return found
  })
  const acting = new Map<string, { name: string | null; covered: boolean }>()
  for (const postId of new Set(rows.map((r) => r.assigned_post_id).filter((p): p is string => p !== null))) {
    const result = await organisationService.whoActsFor(db, postId, now)
    acting.set(
      postId,
      result.kind === 'nobody'
        ? { name: null, covered: false }
        : { name: result.person.displayName, covered: result.kind !== 'holder' },
    )
  }
  const items: WorkItem[] = []
  for (const r of rows) {
    const onMine = r.assigned_post_id !== null && mine.includes(r.assigned_post_id)
    const overdue = r.status === 'open' && isOverdue(r.due_on, today)
    const onLed = r.assigned_post_id === null ? led.length > 0 : led.includes(r.assigned_post_id)
    let reason: WorkItem['reason'] | null = null
    if (r.status === 'open' && onMine) {
      reason = 'mine'
    } else if (r.status === 'open' && overdue && onLed) {
      reason = 'escalated'
    } else if (r.status !== 'open' && onMine) {
      reason = 'portal'
    }
    if (!reason) {
      continue
    }
    const who = r.assigned_post_id ? acting.get(r.assigned_post_id) : undefined
    items.push({
      approvalId: r.id,
      applicationId: r.application_id,
      reference: r.reference,
      kind: r.kind,
      status: r.status,
      summary: r.kind === 'transfer' ? r.payee_name : `${r.travel_from} – ${r.travel_to}`,
      amountCents: r.amount_cents,
      dueOn: r.due_on,
      overdue,
      actingName: who?.name ?? null,
      actingCovered: who?.covered ?? false,
      reason,
    })
  }
  return items
}

/** Figures of the approvals report (no personal data). */
export interface ApprovalReport {
  open: number
  overdue: number
  decided: number
  /** Hours from request to decision over the decided requests of the period. */
  medianHours: number | null
  p90Hours: number | null
  notEnteredInPortal: number
  byKind: Array<{ kind: ApprovalKind; open: number; decided: number }>
}

/**
 * The approvals report over every case (aggregates only): open and overdue requests now, and the time to
 * decision (median, p90 via `percentile_cont`) of requests decided in [from, to).
 */
export async function approvalReport(
  db: Db,
  period: { from: Date; to: Date },
  now = new Date(),
): Promise<ApprovalReport> {
  const today = todayIso(now)
  const counts = await db
    .selectFrom('card_approval')
    .select((eb) => [
      'kind',
      eb.fn.countAll<string>().filterWhere('status', '=', 'open').as('open'),
      eb.fn
        .countAll<string>()
        .filterWhere((w) => w.and([w('status', '=', 'open'), w('due_on', '<', today)]))
        .as('overdue'),
      eb.fn
        .countAll<string>()
        .filterWhere((w) => w.and([w('status', '<>', 'open'), w('portal_entered_at', 'is', null)]))
        .as('not_entered'),
      eb.fn
        .countAll<string>()
        .filterWhere((w) => w.and([w('decided_at', '>=', period.from), w('decided_at', '<', period.to)]))
        .as('decided'),
    ])
    .groupBy('kind')
    .orderBy('kind')
    .execute()
  const times = await db
    .selectFrom('card_approval')
    .select([
      sql<
        number | null
      >`percentile_cont(0.5) within group (order by extract(epoch from decided_at - requested_at) / 3600)`.as(
        'median',
      ),
      sql<
        number | null
      >`percentile_cont(0.9) within group (order by extract(epoch from decided_at - requested_at) / 3600)`.as(
        'p90',
      ),
    ])
    .where('decided_at', '>=', period.from)
    .where('decided_at', '<', period.to)
    .executeTakeFirstOrThrow()
  const sum = (k: 'open' | 'overdue' | 'decided' | 'not_entered') =>
    counts.reduce((n, r) => n + Number(r[k]), 0)
  return {
    open: sum('open'),
    overdue: sum('overdue'),
    decided: sum('decided'),
    medianHours: times.median === null ? null : Number(times.median),
    p90Hours: times.p90 === null ? null : Number(times.p90),
    notEnteredInPortal: sum('not_entered'),
    byKind: counts.map((r) => ({ kind: r.kind, open: Number(r.open), decided: Number(r.decided) })),
  }
}

/** What a cardholder sees online: whether the household has a card, and its requests. */
export interface CitizenCardView {
  /** AsylbLG, or a household in the card register: the payment card concerns her at all. */
  cardHousehold: boolean
  hasCard: boolean
  approvals: ApprovalView[]
}

/**
 * Whether the payment card concerns an applicant at all: her application is AsylbLG, or her household is in the
 * card register. Only then does her status page link to the card requests.
 */
export async function isCardHousehold(
  conn: Db | Trx,
  application: { id: string; benefit_type: string },
): Promise<boolean> {
  if (application.benefit_type === 'asylblg') {
    return true
  }
  const member = await conn
    .selectFrom('household_member')
    .select('id')
    .where('application_id', '=', application.id)
    .limit(1)
    .executeTakeFirst()
  return member !== undefined
}

/** The citizen's view of her household's card requests (the caller has checked reference + access code). */
export async function citizenCardView(
  db: Db,
  application: { id: string; benefit_type: string },
  requestId: string | null,
  now = new Date(),
): Promise<CitizenCardView> {
  const applicationId = application.id
  return db.transaction().execute(async (trx) => {
    const cardHousehold = await isCardHousehold(trx, application)
    const hasCard = (await currentCardOf(trx, applicationId)) !== null
    const approvals = await approvalsOf(trx, applicationId, todayIso(now))
    await recordAuditEvent(trx, {
      actor: { type: 'citizen', id: null },
      action: 'payment_card.citizen_view',
      subject: { type: 'application', id: applicationId },
      requestId,
      details: { approvals: approvals.length },
    })
    return { cardHousehold, hasCard, approvals }
  })
}
