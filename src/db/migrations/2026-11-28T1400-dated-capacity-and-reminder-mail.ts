// SPDX-License-Identifier: EUPL-1.2
import { type Kysely, sql } from 'kysely'

/**
 * Issue 8 follow-up (ADR 0031): a site's capacity is kept as dated versions, and the database's
 * over-capacity guard uses the capacity valid on each date; provider contract reminders are mailed once per
 * contract, kind and date. Frozen in time: never import app code here.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // No personal data: the capacity of a site from `valid_from` until the next version. The first version also
  // stands for the time before it (the register knows no earlier figure). Retention: kept with the site
  // (facility records).
  await sql`
    create table accommodation_capacity (
      id uuid primary key default gen_random_uuid(),
      site_id uuid not null references accommodation_site (id),
      valid_from date not null,
      capacity integer not null check (capacity between 1 and 10000),
      recorded_by uuid references staff_user (id),
      recorded_at timestamptz not null default now(),
      unique (site_id, valid_from)
    )`.execute(db)
  // Existing sites: their one capacity from the earliest day the register knows of them.
  await sql`
    insert into accommodation_capacity (site_id, valid_from, capacity)
    select a.id,
      least(a.created_at::date, coalesce((select min(s.moved_in) from accommodation_stay s where s.site_id = a.id),
        a.created_at::date)),
      a.capacity
    from accommodation_site a`.execute(db)

  // The capacity valid at `day`: the latest version from on or before it, else the first version.
  await sql`
    create function accommodation_capacity_on(sid uuid, day date) returns integer
    language sql stable as $$
      select coalesce(
        (select capacity from accommodation_capacity
          where site_id = sid and valid_from <= day order by valid_from desc limit 1),
        (select capacity from accommodation_capacity where site_id = sid order by valid_from limit 1))
    $$`.execute(db)

  // A new site gets its first version from the capacity it is registered with, from the day it is registered.
  await sql`
    create function accommodation_site_first_capacity() returns trigger language plpgsql as $$
    begin
      insert into accommodation_capacity (site_id, valid_from, capacity)
      values (new.id, (new.created_at at time zone 'Europe/Berlin')::date, new.capacity);
      return new;
    end $$`.execute(db)
  await sql`
    create trigger accommodation_site_first_capacity after insert on accommodation_site
      for each row execute function accommodation_site_first_capacity()`.execute(db)

  // accommodation_site.capacity now mirrors the latest version (by valid_from), for readers that want one
  // number; it is written only by the mirror below. A direct change would bypass the history.
  await sql`
    create function accommodation_capacity_mirror() returns trigger language plpgsql as $$
    declare
      sid uuid;
    begin
      if tg_op = 'DELETE' then
        sid := old.site_id;
      else
        sid := new.site_id;
      end if;
      update accommodation_site a
        set capacity = v.capacity
        from (select capacity from accommodation_capacity where site_id = sid
              order by valid_from desc limit 1) v
        where a.id = sid and a.capacity <> v.capacity;
      return null;
    end $$`.execute(db)
  await sql`
    create trigger accommodation_capacity_mirror after insert or update or delete on accommodation_capacity
      for each row execute function accommodation_capacity_mirror()`.execute(db)
  await sql`
    create function accommodation_site_capacity_readonly() returns trigger language plpgsql as $$
    begin
      if new.capacity is distinct from (select capacity from accommodation_capacity where site_id = new.id
                                        order by valid_from desc limit 1) then
        raise exception 'the capacity of site % is dated: record a version in accommodation_capacity', new.id
          using errcode = 'check_violation', constraint = 'accommodation_capacity_dated';
      end if;
      return new;
    end $$`.execute(db)
  await sql`
    create trigger accommodation_site_capacity_readonly before update of capacity on accommodation_site
      for each row execute function accommodation_site_capacity_readonly()`.execute(db)

  // Places: a site never has more places than the largest capacity it ever has (a place beyond that could
  // never be used). Lowering the capacity from a date keeps the places; occupancy is bounded below.
  await sql`drop trigger accommodation_site_capacity on accommodation_site`.execute(db)
  await sql`
    create or replace function accommodation_capacity_guard() returns trigger language plpgsql as $$
    declare
      cap integer;
      places integer;
    begin
      perform 1 from accommodation_site where id = new.site_id for no key update;
      select max(capacity) into cap from accommodation_capacity where site_id = new.site_id;
      select count(*) into places from accommodation_place where site_id = new.site_id;
      if places > coalesce(cap, 0) then
        raise exception 'site % would have % places for a capacity of %', new.site_id, places, cap
          using errcode = 'check_violation', constraint = 'accommodation_capacity';
      end if;
      return new;
    end $$`.execute(db)

  // Occupancy: on every date, no more stays at a site than the capacity valid that date. Occupancy rises only
  // on move-in days, so its maximum within a stretch of one capacity is on a move-in day or the day that
  // capacity begins: those days are checked. The site row is locked first, so concurrent moves into one site
  // are checked one after the other (each check then sees the other's committed stay).
  await sql`
    create function accommodation_occupancy_guard() returns trigger language plpgsql as $$
    declare
      sid uuid;
      bad record;
    begin
      if tg_op = 'DELETE' then
        sid := old.site_id;
      else
        sid := new.site_id;
      end if;
      perform 1 from accommodation_site where id = sid for no key update;
      select p.d, count(s.id) as residents, coalesce(accommodation_capacity_on(sid, p.d), 0) as cap into bad
      from (select moved_in as d from accommodation_stay where site_id = sid
            union select valid_from from accommodation_capacity where site_id = sid) p
      left join accommodation_stay s
        on s.site_id = sid and s.moved_in <= p.d and (s.moved_out is null or s.moved_out > p.d)
      group by p.d
      having count(s.id) > coalesce(accommodation_capacity_on(sid, p.d), 0)
      order by p.d
      limit 1;
      if found then
        raise exception 'site % would have % residents on % for a capacity of %', sid, bad.residents, bad.d, bad.cap
          using errcode = 'check_violation', constraint = 'accommodation_occupancy',
                detail = to_char(bad.d, 'YYYY-MM-DD') || ' ' || bad.residents || ' ' || bad.cap;
      end if;
      return null;
    end $$`.execute(db)
  await sql`
    create constraint trigger accommodation_stay_occupancy after insert or update on accommodation_stay
      for each row execute function accommodation_occupancy_guard()`.execute(db)
  await sql`
    create constraint trigger accommodation_capacity_occupancy
      after insert or update or delete on accommodation_capacity
      for each row execute function accommodation_occupancy_guard()`.execute(db)

  // No personal data: which contract reminder (kind and date) was put in the mail outbox, so that each is
  // mailed once however often the job runs. Retention: with the contract.
  await sql`
    create table provider_reminder_mail (
      id uuid primary key default gen_random_uuid(),
      contract_id uuid not null references provider_contract (id),
      kind text not null check (kind in ('notice', 'renegotiation', 'end')),
      due_on date not null,
      recipient text not null,
      queued_at timestamptz not null default now(),
      unique (contract_id, kind, due_on)
    )`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration')
}
