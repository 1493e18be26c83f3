// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StaffRole } from '../../src/modules/auth/index.js'
import { buildStaffWithPost } from '../factories/cases.factory.js'
import { signIn } from '../support/sign-in.js'
import { freshTestContext, type TestContext } from '../support/test-app.js'

let ctx: TestContext
beforeAll(async () => {
  ctx = await freshTestContext()
})
afterAll(async () => {
  await ctx.close()
})

const ROLES: StaffRole[] = [
  'caseworker',
  'team_lead',
  'department_head',
  'division_head',
  'complaints_coordinator',
  'auditor',
  'data_protection_officer',
  'administrator',
]

function navLinks(html: string): string[] {
  const nav = /<nav class="kern-container staff-nav"[^>]*>(.*?)<\/nav>/s.exec(html)?.[1] ?? ''
  return [...nav.matchAll(/href="([^"]+)"/g)].map((m) => m[1] ?? '')
}

describe('staff navigation', () => {
  for (const role of ROLES) {
    it(`should show a ${role} only areas that open for the role, starting with the site name's target`, async () => {
      const user = await buildStaffWithPost(ctx.db, {
        role,
        isHeadOfUnit: role.endsWith('_head') || role === 'team_lead',
      })
      const client = await signIn(ctx.app, user)
      const home = await client.get('/wissen')
      expect(home.status).toBe(200)
      const html = await home.text()
      const links = navLinks(html)
      expect(links.length, role).toBeGreaterThan(0)
      const siteName = /<a class="site-header__name" href="([^"]+)"/.exec(html)?.[1]
      expect(siteName).toBe(links[0])
      for (const href of links) {
        const res = await client.get(href)
        expect(res.status, `${role} → ${href}`).toBe(200)
      }
      expect(links.includes('/verwaltung/benutzer')).toBe(role === 'administrator')
      expect(links.includes('/sachbearbeitung/antraege')).toBe(
        !['complaints_coordinator', 'data_protection_officer', 'administrator'].includes(role),
      )
    })
  }
})
