// SPDX-License-Identifier: EUPL-1.2
import type { Db } from '../../src/db/database.js'
import type { StaffPrincipal } from '../../src/http/context.js'
import type { StaffRole } from '../../src/modules/auth/index.js'
import { organisationService } from '../../src/modules/organisation/index.js'
import type { StandardStep } from '../../src/modules/standards/index.js'
import { buildStaffUser } from './applications.factory.js'
import { ORGANISATION_EPOCH, SYSTEM_ACTOR } from './organisation.factory.js'

/** Two valid steps of a standard version. */
export function sampleSteps(overrides: Partial<StandardStep> = {}): StandardStep[] {
  return [
    {
      key: 'eingang',
      title: 'Eingang prüfen',
      deadlineDays: 3,
      legalReferences: [
        { paragraph: '§ 41', law: 'SGB XII', url: 'https://www.gesetze-im-internet.de/sgb_12/__41.html' },
      ],
      letterTemplates: ['eingangsbestaetigung'],
      items: [
        { text: 'Antrag ist unterschrieben', mandatory: true, evidenceRequired: false },
        { text: 'Identität geprüft', mandatory: true, evidenceRequired: true },
      ],
      ...overrides,
    },
    {
      key: 'bescheid',
      title: 'Bescheid erteilen',
      deadlineDays: 30,
      items: [{ text: 'Rechtsbehelfsbelehrung beigefügt', mandatory: true, evidenceRequired: false }],
    },
  ]
}

/**
 * A staff account that is also a person holding `postId` (so that whoActsFor can name them).
 * @returns the principal (for service calls), its password (for sign-in) and the person
 */
export async function buildStaffHoldingPost(
  db: Db,
  postId: string,
  overrides: { role?: StaffRole; displayName?: string } = {},
) {
  const user = await buildStaffUser(db, { role: overrides.role ?? 'team_lead' })
  const person = await organisationService.createPerson(db, SYSTEM_ACTOR, {
    displayName: overrides.displayName ?? user.displayName,
    staffUserId: user.id,
  })
  await organisationService.assignPostHolder(db, SYSTEM_ACTOR, {
    postId,
    personId: person.id,
    validFrom: ORGANISATION_EPOCH,
  })
  const principal: StaffPrincipal = {
    id: user.id,
    username: user.username,
    displayName: person.displayName,
    role: user.role,
  }
  return { principal, user, password: user.password, person }
}
