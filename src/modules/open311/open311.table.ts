// SPDX-License-Identifier: EUPL-1.2
import type { ColumnType, Generated, Selectable } from 'kysely'

/** GeoReport v2 service types. */
export type ServiceType = 'realtime' | 'batch' | 'blackbox'
/** The six GeoReport v2 attribute datatypes. */
export type AttributeDatatype =
  | 'string'
  | 'number'
  | 'datetime'
  | 'text'
  | 'singlevaluelist'
  | 'multivaluelist'
export type DeliveryStatus = 'pending' | 'sent' | 'dead'

export interface Open311ApiKeyTable {
  id: Generated<string>
  name: string
  key_hash: Buffer
  /** The first characters of the key, so that an administrator can tell keys apart. */
  key_prefix: string
  created_at: Generated<Date>
  created_by: string | null
  revoked_at: Date | null
  revoked_by: string | null
  last_used_at: Date | null
}

export interface Open311ServiceTable {
  category_id: string
  description: Generated<string>
  type: Generated<ServiceType>
  keywords: Generated<string>
  group_name: Generated<string>
  /** Descriptions and locations of this service's requests are never shown publicly. */
  private: Generated<boolean>
}

export interface AttributeValue {
  key: string
  name: string
}

export interface Open311AttributeTable {
  id: Generated<string>
  category_id: string
  code: string
  variable: Generated<boolean>
  datatype: AttributeDatatype
  required: Generated<boolean>
  datatype_description: Generated<string>
  position: number
  description: string
  values: ColumnType<AttributeValue[], string | undefined, string>
}

export interface Open311RequestTable {
  complaint_id: string
  api_key_id: string | null
  /** The description as the client sent it (the complaint's text also lists attributes and location). */
  public_description: string | null
  lat: number | null
  long: number | null
  address_string: string | null
  address_id: string | null
  media_url: string | null
  attributes: ColumnType<Record<string, string | string[]>, string | undefined, string>
  token: string | null
  created_at: Generated<Date>
}

export interface Open311ImportStateTable {
  source: string
  cursor: Date | null
  last_attempt_at: Date | null
  last_success_at: Date | null
  last_error: string | null
  imported_total: Generated<number>
}

export interface Open311ImportLogTable {
  id: Generated<string>
  source: string
  at: Generated<Date>
  level: 'info' | 'error'
  message: string
}

export interface WebhookStatusSeenTable {
  complaint_id: string
  status: string
}

export interface WebhookDeliveryTable {
  id: Generated<string>
  subscriber: string
  url: string
  payload: ColumnType<Record<string, unknown>, string, string>
  status: Generated<DeliveryStatus>
  attempts: Generated<number>
  next_attempt_at: Generated<Date>
  last_error: string | null
  created_at: Generated<Date>
  sent_at: Date | null
}

export type Open311ApiKeyRow = Selectable<Open311ApiKeyTable>
export type Open311AttributeRow = Selectable<Open311AttributeTable>
export type WebhookDeliveryRow = Selectable<WebhookDeliveryTable>
