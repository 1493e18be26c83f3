// SPDX-License-Identifier: EUPL-1.2
import { sql } from 'kysely'

/** For a query over `application as a`: booking dates of returned payments not yet resolved. */
export function openPaymentReturnsOf() {
  return sql<string[] | null>`coalesce((
    select array_agg(b.booking_date::text order by b.booking_date)
    from payment_booking b
    where b.application_id = a.id and b.status = 'returned' and b.resolved_at is null), '{}')`.as(
    'open_payment_returns',
  )
}
