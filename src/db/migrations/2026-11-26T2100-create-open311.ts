// SPDX-License-Identifier: EUPL-1.2
import { type Kysely, sql } from 'kysely'

/**
 * Open311 GeoReport v2 (issue 5): API keys, per-service settings and attribute definitions, the Open311
 * facts of a request (location, attributes, token), the import state of the client, and the outbound
 * webhook queue. Frozen in time: never import app code here.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not use the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // No personal data: a key's name says which system uses it. Only the SHA-256 of the key is stored.
  // Retention: kept while the key exists; revoked keys stay for the audit trail.
  await sql`
    create table open311_api_key (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(name) between 1 and 100),
      key_hash bytea not null unique,
      key_prefix text not null,
      created_at timestamptz not null default now(),
      created_by uuid references staff_user (id),
      revoked_at timestamptz,
      revoked_by uuid references staff_user (id),
      last_used_at timestamptz
    )`.execute(db)

  // No personal data: configuration of how a complaint category appears as an Open311 service.
  // private = descriptions and locations of its requests are never shown publicly.
  await sql`
    create table open311_service (
      category_id uuid primary key references complaint_category (id),
      description text not null default '',
      type text not null default 'realtime' check (type in ('realtime', 'batch', 'blackbox')),
      keywords text not null default '',
      group_name text not null default '',
      private boolean not null default true
    )`.execute(db)

  // No personal data: attribute definitions of a service (GeoReport service definition).
  await sql`
    create table open311_attribute (
      id uuid primary key default gen_random_uuid(),
      category_id uuid not null references complaint_category (id),
      code text not null check (code ~ '^[A-Za-z0-9_-]{1,40}$'),
      variable boolean not null default true,
      datatype text not null
        check (datatype in ('string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist')),
      required boolean not null default false,
      datatype_description text not null default '',
      position integer not null check (position > 0),
      description text not null,
      "values" jsonb not null default '[]',
      unique (category_id, code),
      unique (category_id, position)
    )`.execute(db)

  await sql`
    insert into open311_service (category_id, description, type, keywords, group_name, private)
    select id,
      case code
        when 'processing_time' then 'Ihr Anliegen wird aus Ihrer Sicht zu langsam bearbeitet.'
        when 'reachability' then 'Sie haben das Amt nicht erreicht (Telefon, E-Mail, Sprechzeiten).'
        when 'accessibility' then 'Barrieren im Gebäude, in Formularen oder auf der Website.'
        else ''
      end,
      case code when 'data_protection' then 'batch' else 'realtime' end,
      case code
        when 'processing_time' then 'Wartezeit, Dauer, Bearbeitung'
        when 'reachability' then 'Telefon, Sprechzeiten, E-Mail'
        when 'accessibility' then 'Barriere, Rampe, Aufzug, Website'
        else ''
      end,
      'Beschwerden Soziale Sicherung',
      code not in ('reachability', 'accessibility')
    from complaint_category`.execute(db)

  // One example per datatype, so that clients see every kind of field.
  await sql`
    insert into open311_attribute (category_id, code, datatype, required, position, description, datatype_description, "values")
    select c.id, a.code, a.datatype, a.required, a.position, a.description, a.datatype_description, a.vals::jsonb
    from complaint_category c
    join (values
      ('processing_time', 'waiting_since', 'datetime', false, 1, 'Seit wann warten Sie?', 'Datum im Format JJJJ-MM-TT', '[]'),
      ('processing_time', 'weeks_waiting', 'number', false, 2, 'Wie viele Wochen warten Sie schon?', 'Zahl', '[]'),
      ('reachability', 'contact_way', 'singlevaluelist', true, 1, 'Wie haben Sie versucht, uns zu erreichen?', '',
        '[{"key":"phone","name":"Telefon"},{"key":"email","name":"E-Mail"},{"key":"office","name":"Sprechzeit vor Ort"},{"key":"letter","name":"Brief"}]'),
      ('reachability', 'times', 'multivaluelist', false, 2, 'Zu welchen Tageszeiten?', '',
        '[{"key":"morning","name":"vormittags"},{"key":"noon","name":"mittags"},{"key":"afternoon","name":"nachmittags"}]'),
      ('accessibility', 'place', 'string', true, 1, 'Wo ist die Barriere?', 'Gebäude, Raum oder Internetadresse', '[]'),
      ('accessibility', 'details', 'text', false, 2, 'Was genau hat Sie behindert?', '', '[]')
    ) as a(category, code, datatype, required, position, description, datatype_description, vals)
      on a.category = c.code`.execute(db)

  // Personal data only by reference: the location a request names (an address may be a person's home) and
  // the attribute answers. Retention: with its complaint (three years after closure).
  await sql`
    create table open311_request (
      complaint_id uuid primary key references complaint (id),
      api_key_id uuid references open311_api_key (id),
      public_description text,
      lat double precision check (lat between -90 and 90),
      long double precision check (long between -180 and 180),
      address_string text,
      address_id text,
      media_url text,
      attributes jsonb not null default '{}',
      token text unique,
      created_at timestamptz not null default now()
    )`.execute(db)

  // No personal data: where the import of an external GeoReport endpoint stands (one row per endpoint).
  await sql`
    create table open311_import_state (
      source text primary key,
      cursor timestamptz,
      last_attempt_at timestamptz,
      last_success_at timestamptz,
      last_error text,
      imported_total integer not null default 0
    )`.execute(db)

  // No personal data (messages name request ids and counts). Retention: 90 days (pruned by the import job).
  await sql`
    create table open311_import_log (
      id bigserial primary key,
      source text not null,
      at timestamptz not null default now(),
      level text not null check (level in ('info', 'error')),
      message text not null
    )`.execute(db)
  await sql`create index open311_import_log_at on open311_import_log (source, at desc)`.execute(db)

  // No personal data: the status of each complaint last announced to webhook subscribers. Seeded with the
  // current state, so that turning webhooks on does not announce every old complaint.
  await sql`
    create table webhook_status_seen (
      complaint_id uuid primary key references complaint (id),
      status text not null
    )`.execute(db)
  await sql`insert into webhook_status_seen (complaint_id, status) select id, status from complaint`.execute(
    db,
  )

  // No personal data: the payload carries reference, status and times only (what the public GET shows).
  // Retention: delivered rows 30 days, dead letters until a person retries or they are 90 days old.
  await sql`
    create table webhook_delivery (
      id uuid primary key default gen_random_uuid(),
      subscriber text not null,
      url text not null,
      payload jsonb not null,
      status text not null default 'pending' check (status in ('pending', 'sent', 'dead')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      last_error text,
      created_at timestamptz not null default now(),
      sent_at timestamptz
    )`.execute(db)
  await sql`create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'pending'`.execute(
    db,
  )
}
