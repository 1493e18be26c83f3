// SPDX-License-Identifier: EUPL-1.2
import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import type { StaffPrincipal } from '../../http/context.js'
import { todayIso } from '../../shared/dates.js'
import { recordAuditEvent } from '../audit/index.js'

/** A reporting period of whole months (Berlin time), both ends included: `YYYY-MM`. */
export interface ReportPeriod {
  from: string
  to: string
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/

/** The months of a period in order (`2026-01`, `2026-02`, …). */
export function monthsOf(period: ReportPeriod): string[] {
  const out: string[] = []
  let [y, m] = period.from.split('-').map(Number) as [number, number]
  const [ty, tm] = period.to.split('-').map(Number) as [number, number]
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`)
    m += 1
    if (m > 12) {
      m = 1
      y += 1
    }
  }
  return out
}

function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const index = y * 12 + (m - 1) + n
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

/**
 * The period asked for, or the last twelve months including the current one. An unreadable or reversed
 * period, or one longer than five years, falls back to the default.
 */
export function parsePeriod(
  from: string | undefined,
  to: string | undefined,
  now = new Date(),
): ReportPeriod {
  const current = todayIso(now).slice(0, 7)
  const fallback = { from: addMonths(current, -11), to: current }
  if (!from || !to || !MONTH.test(from) || !MONTH.test(to) || from > to) {
    return fallback
  }
  return monthsOf({ from, to }).length > 60 ? fallback : { from, to }
}

export interface ComplaintReport {
  period: ReportPeriod
  months: string[]
  byCategory: Array<{ label: string; counts: Record<string, number>; total: number }>
  byUnit: Array<{ label: string; counts: Record<string, number>; total: number }>
  rootCauses: Array<{ rootCause: string; count: number }>
  figures: {
    received: number
    answered: number
    answeredInTime: number
    /** Share of answered complaints answered by their deadline, 0–1; null when none was answered. */
    shareInTime: number | null
    /** Median days from receipt to acknowledgement / to answer; null without data. */
    medianDaysToAck: number | null
    medianDaysToAnswer: number | null
  }
}

function pivot(rows: Array<{ label: string; month: string; n: number }>) {
  const byLabel = new Map<string, { label: string; counts: Record<string, number>; total: number }>()
  for (const r of rows) {
    const entry = byLabel.get(r.label) ?? { label: r.label, counts: {}, total: 0 }
    entry.counts[r.month] = (entry.counts[r.month] ?? 0) + Number(r.n)
    entry.total += Number(r.n)
    byLabel.set(r.label, entry)
  }
  return [...byLabel.values()].sort((a, b) => b.total - a.total || a.label.localeCompare(b.label, 'de'))
}

/**
 * Complaint figures for a period: counts per category and per unit and month, root causes, the share
 * answered within the deadline and the median times to acknowledgement and answer. Only counts leave the
 * database; the read is audited because the report lets one count complaints per unit.
 */
export async function buildComplaintReport(
  db: Db,
  staff: StaffPrincipal,
  period: ReportPeriod,
  requestId: string | null,
): Promise<ComplaintReport> {
  const start = sql`(${`${period.from}-01`}::timestamp at time zone 'Europe/Berlin')`
  const end = sql`(${`${addMonths(period.to, 1)}-01`}::timestamp at time zone 'Europe/Berlin')`
  const month = sql<string>`to_char(c.received_at at time zone 'Europe/Berlin', 'YYYY-MM')`
  return db.transaction().execute(async (trx) => {
    const categories = await sql<{ label: string; month: string; n: number }>`
      select cat.label, ${month} as month, count(*)::int as n
      from complaint c join complaint_category cat on cat.id = c.category_id
      where c.received_at >= ${start} and c.received_at < ${end}
      group by 1, 2`.execute(trx)
    const units = await sql<{ label: string; month: string; n: number }>`
      select coalesce(u.short_code || ' ' || u.name, '—') as label, ${month} as month, count(*)::int as n
      from complaint c left join org_unit u on u.id = c.responsible_unit_id
      where c.received_at >= ${start} and c.received_at < ${end}
      group by 1, 2`.execute(trx)
    const causes = await sql<{ root_cause: string; n: number }>`
      select c.root_cause, count(*)::int as n from complaint c
      where c.received_at >= ${start} and c.received_at < ${end} and c.root_cause is not null
      group by 1 order by 2 desc, 1`.execute(trx)
    const figures = await sql<{
      received: number
      answered: number
      in_time: number
      ack_hours: number | null
      answer_hours: number | null
    }>`
      select count(*)::int as received,
        count(c.answered_at)::int as answered,
        count(*) filter (where (c.answered_at at time zone 'Europe/Berlin')::date <= c.response_due_on)::int as in_time,
        percentile_cont(0.5) within group (order by extract(epoch from c.acknowledged_at - c.received_at) / 3600)
          filter (where c.acknowledged_at is not null) as ack_hours,
        percentile_cont(0.5) within group (order by extract(epoch from c.answered_at - c.received_at) / 3600)
          filter (where c.answered_at is not null) as answer_hours
      from complaint c
      where c.received_at >= ${start} and c.received_at < ${end}`.execute(trx)
    await recordAuditEvent(trx, {
      actor: { type: 'staff', id: staff.id },
      action: 'complaint.report',
      subject: { type: 'complaint_report', id: `${period.from}..${period.to}` },
      requestId,
    })
    const f = figures.rows[0] ?? { received: 0, answered: 0, in_time: 0, ack_hours: null, answer_hours: null }
    const days = (hours: number | null) =>
      hours === null ? null : Math.round((Number(hours) / 24) * 10) / 10
    return {
      period,
      months: monthsOf(period),
      byCategory: pivot(categories.rows),
      byUnit: pivot(units.rows),
      rootCauses: causes.rows.map((r) => ({ rootCause: r.root_cause, count: Number(r.n) })),
      figures: {
        received: Number(f.received),
        answered: Number(f.answered),
        answeredInTime: Number(f.in_time),
        shareInTime: Number(f.answered) > 0 ? Number(f.in_time) / Number(f.answered) : null,
        medianDaysToAck: days(f.ack_hours),
        medianDaysToAnswer: days(f.answer_hours),
      },
    }
  })
}
