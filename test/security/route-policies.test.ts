// SPDX-License-Identifier: EUPL-1.2
import { randomUUID } from 'node:crypto'
import { Hono } from 'hono'
import type { RouterRoute } from 'hono/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { policyOf, publicAccess, type RoutePolicy, staffAccess } from '../../src/modules/auth/index.js'
import { decisionsService } from '../../src/modules/cases/index.js'
import { cardKeyringFor } from '../../src/modules/payment-card/index.js'
import { buildApplication, buildDocument, buildStaffUser } from '../factories/applications.factory.js'
import { assignCase, buildStaffWithPost, type StaffWithPost } from '../factories/cases.factory.js'
import { buildApproval, buildCard, buildMember } from '../factories/payment-card.factory.js'
import { signIn as signInThroughPages, type TestStaffUser } from '../support/sign-in.js'
import { freshTestContext, type TestContext } from '../support/test-app.js'
import { TestClient } from '../support/test-client.js'

/** One route of an app: a method and path with the policy its first handler enforces, if any. */
interface InventoryEntry {
  method: string
  path: string
  /** Policy of the route's first handler (undefined when that handler is no policy). */
  policy: RoutePolicy | undefined
  /** Whether any handler of the route is a policy at all. */
  hasPolicy: boolean
}

/** Hono wraps the handlers of a mounted app that has its own error handler; this finds the original. */
function unwrap(handler: unknown): unknown {
  const inner = (handler as { __COMPOSED_HANDLER?: unknown } | undefined)?.__COMPOSED_HANDLER
  return inner ? unwrap(inner) : handler
}

/**
 * All routes of an app, middleware (`app.use`, registered with method ALL) left out. Hono registers each
 * handler of `app.get(path, policy, handler)` as its own entry with the same method and path, in order.
 */
function routeInventory(app: { routes: RouterRoute[] }): InventoryEntry[] {
  const byRoute = new Map<string, { method: string; path: string; handlers: unknown[] }>()
  for (const route of app.routes) {
    if (route.method === 'ALL') {
      continue
    }
    const key = `${route.method} ${route.path}`
    const entry = byRoute.get(key) ?? { method: route.method, path: route.path, handlers: [] }
    entry.handlers.push(unwrap(route.handler))
    byRoute.set(key, entry)
  }
  return [...byRoute.values()].map(({ method, path, handlers }) => ({
    method,
    path,
    policy: policyOf(handlers[0]),
    hasPolicy: handlers.some((h) => policyOf(h) !== undefined),
  }))
}

/**
 * Deny by default: every route must name a policy as its first handler (so that nothing runs before the
 * check). Returns the offending routes as readable lines; empty when all is well.
 */
function findRoutesWithoutPolicy(app: { routes: RouterRoute[] }): string[] {
  return routeInventory(app)
    .filter((r) => r.policy === undefined)
    .map((r) => `${r.method} ${r.path} (${r.hasPolicy ? 'policy is not the first handler' : 'no policy'})`)
}

let ctx: TestContext
let applicationId: string
let documentId: string
/** A final decision of the case, with its stored letter. */
let decisionId: string
let caseworker: StaffWithPost
/** A payment card of the case and an approval request on it (payment card pages). */
let cardId: string
let memberId: string
let approvalId: string
let administrator: Awaited<ReturnType<typeof buildStaffUser>>

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')

beforeAll(async () => {
  ctx = await freshTestContext()
  applicationId = (await buildApplication(ctx.db)).applicationId
  documentId = await buildDocument(
    ctx.db,
    ctx.deps.fileStore,
    { applicationId },
    { name: 'Rentenbescheid.pdf', bytes: PDF },
  )
  caseworker = await buildStaffWithPost(ctx.db)
  await assignCase(ctx.db, applicationId, caseworker.postId)
  await ctx.db
    .updateTable('application')
    .set({ status: 'ready_for_decision' })
    .where('id', '=', applicationId)
    .execute()
  decisionId = (
    await decisionsService.decide(
      ctx.deps,
      caseworker,
      applicationId,
      {
        outcome: 'refused',
        components: [],
        periodFrom: null,
        periodTo: null,
        legalBasis: '§ 41 SGB XII',
        reasons: 'Die Voraussetzungen liegen nicht vor.',
      },
      null,
    )
  ).decisionId
  administrator = await buildStaffUser(ctx.db, { role: 'administrator' })
  const holder = await buildMember(ctx.db, applicationId)
  cardId = (await buildCard(ctx.db, await cardKeyringFor(ctx.deps.config), applicationId, holder.id)).id
  approvalId = (await buildApproval(ctx.db, applicationId, cardId)).id
  memberId = (await buildMember(ctx.db, applicationId, { role: 'child', cardHolderMemberId: holder.id })).id
})
afterAll(async () => {
  await ctx.close()
})

const staffRoutes = () => routeInventory(ctx.app).filter((r) => r.path.startsWith('/sachbearbeitung'))

/** A concrete URL for a route pattern, with the ids of real records. */
function urlFor(path: string): string {
  const params: Record<string, string> = {
    id: applicationId,
    documentId,
    decisionId,
    cardId,
    approvalId,
    memberId,
  }
  return path.replace(/:(\w+)/g, (_m, name: string) => params[name] ?? randomUUID())
}

function signIn(user: TestStaffUser): Promise<TestClient> {
  return signInThroughPages(ctx.app, user)
}

async function applicationState() {
  return {
    status: (
      await ctx.db
        .selectFrom('application')
        .select('status')
        .where('id', '=', applicationId)
        .executeTakeFirst()
    )?.status,
    history: await ctx.db.selectFrom('application_status_change').selectAll().orderBy('id').execute(),
  }
}

describe('route policies: deny by default', () => {
  it('should find a policy as the first handler of every route of the app', () => {
    const offending = findRoutesWithoutPolicy(ctx.app)
    expect(offending, `routes without a policy as first handler:\n${offending.join('\n')}`).toEqual([])
  })

  it('should see the routes of every module in the inventory, so that the check above is not vacuous', () => {
    const routes = routeInventory(ctx.app).map((r) => `${r.method} ${r.path}`)
    expect(routes).toEqual(
      expect.arrayContaining([
        'GET /healthz',
        'GET /static/*',
        'GET /datenschutz',
        'POST /anmelden',
        'POST /abmelden',
        'GET /sachbearbeitung/antraege',
        'GET /sachbearbeitung/antraege/:id',
        'GET /sachbearbeitung/antraege/:id/dokumente/:documentId',
        'GET /sachbearbeitung/antraege/:id/bescheide/:decisionId',
        'GET /sachbearbeitung/antraege/:id/pruefakte/pdf',
        'GET /sachbearbeitung/antraege/:id/pruefakte/json',
        'POST /sachbearbeitung/antraege/:id/status',
        'POST /sachbearbeitung/antraege/:id/notizen',
        'POST /sachbearbeitung/antraege/:id/unterlagen',
        'POST /sachbearbeitung/antraege/:id/entscheidung',
        'POST /sachbearbeitung/antraege/:id/widerspruch',
        'POST /sachbearbeitung/faelle/zuweisen',
        'GET /sachbearbeitung/freigaben',
        'POST /sachbearbeitung/freigaben/:decisionId/freigeben',
        'POST /sachbearbeitung/freigaben/:decisionId/zurueckgeben',
        'POST /antrag/:form/starten',
        'POST /antrag/:form/nachweise',
        'POST /antrag/:form/:step',
      ]),
    )
  })

  it('should report routes without a policy, or with the policy not first, in an app built to fail the check', () => {
    const tiny = new Hono()
    tiny.use('*', async (_c, next) => next())
    tiny.get('/offen', (c) => c.text('ohne Regel'))
    tiny.get('/geschuetzt', publicAccess, (c) => c.text('mit Regel'))
    tiny.post(
      '/spaet',
      async (_c, next) => next(),
      publicAccess,
      (c) => c.text('Regel zu spät'),
    )
    const area = new Hono()
    area.get('/liste', (c) => c.text('ohne Regel'))
    area.get('/fall', staffAccess('caseworker'), (c) => c.text('mit Regel'))
    tiny.route('/bereich', area)
    // A mounted app with its own error handler gets wrapped handlers; the check must see through them.
    const wrapped = new Hono()
    wrapped.onError((_e, c) => c.text('Fehler', 500))
    wrapped.get('/eingepackt', publicAccess, (c) => c.text('mit Regel'))
    wrapped.get('/nackt', (c) => c.text('ohne Regel'))
    tiny.route('/w', wrapped)

    expect(findRoutesWithoutPolicy(tiny)).toEqual([
      'GET /offen (no policy)',
      'POST /spaet (policy is not the first handler)',
      'GET /bereich/liste (no policy)',
      'GET /w/nackt (no policy)',
    ])
  })

  it('should protect every staff route with a staff policy that leaves administrators out', () => {
    const routes = staffRoutes()
    expect(routes.length).toBeGreaterThanOrEqual(4)
    const wrong = routes.filter(
      (r) =>
        r.policy?.kind !== 'staff' || r.policy.roles.length === 0 || r.policy.roles.includes('administrator'),
    )
    expect(
      wrong.map((r) => `${r.method} ${r.path}: ${JSON.stringify(r.policy)}`),
      'staff routes need staff policies for case roles',
    ).toEqual([])
  })

  it('should redirect an anonymous GET of every staff page with 303 to the sign-in page that leads back', async () => {
    const anonymous = new TestClient(ctx.app)
    for (const route of staffRoutes().filter((r) => r.method === 'GET')) {
      const url = urlFor(route.path)
      const res = await anonymous.get(url)
      expect(res.status, url).toBe(303)
      expect(res.headers.get('location'), url).toBe(`/anmelden?weiter=${encodeURIComponent(url)}`)
      const login = await anonymous.get(res.headers.get('location') ?? '')
      expect(login.status).toBe(200)
      expect(await login.text()).toContain(`name="weiter" value="${url}"`)
    }
  })

  it('should answer 401 with a German page to an anonymous POST to every staff route and change nothing', async () => {
    const before = await applicationState()
    const anonymous = new TestClient(ctx.app)
    const posts = staffRoutes().filter((r) => r.method === 'POST')
    expect(posts.length).toBeGreaterThanOrEqual(1)
    for (const route of posts) {
      const res = await anonymous.post(urlFor(route.path), { status: 'in_review' })
      expect(res.status, route.path).toBe(401)
      expect(await res.text()).toContain('Bitte melden Sie sich an.')
    }
    expect(await applicationState()).toEqual(before)
  })

  it('should answer 403 to an administrator on every staff application route and record only the refusals', async () => {
    const before = await applicationState()
    const admin = await signIn(administrator)
    for (const route of staffRoutes()) {
      const url = urlFor(route.path)
      const res =
        route.method === 'POST' ? await admin.post(url, { status: 'in_review' }) : await admin.get(url)
      expect(res.status, `${route.method} ${url}`).toBe(403)
      const html = await res.text()
      expect(html).toContain('Sie haben keine Berechtigung für diese Seite.')
      expect(html).not.toContain('Mustermann')
    }
    expect(await applicationState()).toEqual(before)
    // Signing in is audited (auth.sign_in); reading or changing social data would be too, and is refused.
    // Each refusal is on record as denied (issue 3), naming the route, never a read of the case.
    const audit = await ctx.db
      .selectFrom('audit_event')
      .selectAll()
      .where('actor_id', '=', administrator.id)
      .where('action', 'not like', 'auth.%')
      .execute()
    expect(audit.filter((e) => e.action !== 'route.denied' || e.outcome !== 'denied')).toEqual([])
    expect(new Set(audit.map((e) => e.subject_id))).toEqual(new Set(staffRoutes().map((r) => r.path)))
  })

  it('should let a caseworker open the same staff pages with 200 (the URLs above are valid)', async () => {
    const client = await signIn(caseworker)
    for (const route of staffRoutes().filter((r) => r.method === 'GET')) {
      const res = await client.get(urlFor(route.path))
      expect(res.status, route.path).toBe(200)
    }
  })
})
