// SPDX-License-Identifier: EUPL-1.2
import type { Logger } from 'pino'
import { loadConfig } from '../config/config.js'
import type { Db } from '../db/database.js'
import { complaintsService } from '../modules/complaints/index.js'
import type { FileStore } from '../shared/file-store.js'

/** Invented complaints (no real person), spread over the last months, for the demo's lists and reports. */
const DEMO_COMPLAINTS: Array<{
  category: string
  channel: string
  daysAgo: number
  text: string
  name?: string
}> = [
  {
    category: 'processing_time',
    channel: 'web',
    daysAgo: 150,
    text: 'Mein Antrag auf Grundsicherung liegt seit vier Monaten.',
  },
  {
    category: 'reachability',
    channel: 'phone',
    daysAgo: 120,
    text: 'Telefonisch ist niemand zu erreichen.',
    name: 'Demo Beispielperson A',
  },
  {
    category: 'processing_time',
    channel: 'letter',
    daysAgo: 95,
    text: 'Ich warte auf den Weiterbewilligungsbescheid.',
  },
  {
    category: 'staff_conduct',
    channel: 'in_person',
    daysAgo: 70,
    text: 'Ich wurde am Schalter unfreundlich behandelt.',
  },
  {
    category: 'accessibility',
    channel: 'web',
    daysAgo: 45,
    text: 'Das Formular ist mit meinem Bildschirmleser schwer zu bedienen.',
  },
  {
    category: 'decision_content',
    channel: 'web',
    daysAgo: 30,
    text: 'Die Kosten der Unterkunft wurden nicht vollständig anerkannt.',
  },
  {
    category: 'reachability',
    channel: 'web',
    daysAgo: 12,
    text: 'Auf meine E-Mails antwortet niemand.',
    name: 'Demo Beispielperson B',
  },
  { category: 'other', channel: 'phone', daysAgo: 2, text: 'Bitte mehr Sprechzeiten am Nachmittag.' },
]

/** Creates the demo complaints once (when there are none), through the same service as every channel. */
export async function loadDemoComplaints(db: Db, fileStore: FileStore, logger: Logger): Promise<void> {
  if (await db.selectFrom('complaint').select('id').limit(1).executeTakeFirst()) {
    return
  }
  const config = loadConfig({})
  for (const c of DEMO_COMPLAINTS) {
    await complaintsService.createComplaint(
      { db, fileStore, config },
      {
        channel: c.channel,
        categoryCode: c.category,
        description: c.text,
        contactName: c.name,
        receivedAt: new Date(Date.now() - c.daysAgo * 86_400_000),
      },
      { type: 'system', id: null },
      null,
    )
  }
  logger.info({ count: DEMO_COMPLAINTS.length }, 'demo complaints created')
}
