// SPDX-License-Identifier: EUPL-1.2
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { advisoriesOf, evaluateAudit, isAuditError } from '../../scripts/ci/npm-audit.mjs'

const run = promisify(execFile)

/** A trimmed `npm audit --omit=dev --json` report (npm 11, auditReportVersion 2) with two advisories. */
const REPORT = {
  auditReportVersion: 2,
  vulnerabilities: {
    'left-pad-ng': {
      name: 'left-pad-ng',
      severity: 'high',
      isDirect: false,
      via: [
        {
          source: 1100001,
          name: 'left-pad-ng',
          dependency: 'left-pad-ng',
          title: 'Prototype pollution in left-pad-ng',
          url: 'https://github.com/advisories/GHSA-aaaa-bbbb-cccc',
          severity: 'high',
          range: '<2.0.1',
        },
      ],
      effects: ['wrapper-lib'],
      range: '<2.0.1',
      nodes: ['node_modules/left-pad-ng'],
      fixAvailable: true,
    },
    'wrapper-lib': {
      name: 'wrapper-lib',
      severity: 'high',
      via: ['left-pad-ng'],
      effects: [],
      range: '*',
      nodes: ['node_modules/wrapper-lib'],
      fixAvailable: false,
    },
    'yaml-ish': {
      name: 'yaml-ish',
      severity: 'moderate',
      via: [
        {
          source: 1100002,
          name: 'yaml-ish',
          title: 'ReDoS in yaml-ish',
          url: 'https://github.com/advisories/GHSA-dddd-eeee-ffff',
          severity: 'moderate',
          range: '<1.4.0',
        },
      ],
      effects: [],
      range: '<1.4.0',
      nodes: ['node_modules/yaml-ish'],
      fixAvailable: true,
    },
  },
  metadata: { vulnerabilities: { info: 0, low: 0, moderate: 1, high: 2, critical: 0, total: 3 } },
}

const ENTRY = {
  id: 'GHSA-dddd-eeee-ffff',
  package: 'yaml-ish',
  reason: 'Only parses our own trusted configuration files, never input from users.',
  expires: '2027-01-31',
}

describe('npm audit allow-list', () => {
  it('should list each advisory once, not the packages that only depend on it', () => {
    expect(advisoriesOf(REPORT).map((a) => `${a.id} ${a.package}`)).toEqual([
      'GHSA-aaaa-bbbb-cccc left-pad-ng',
      'GHSA-dddd-eeee-ffff yaml-ish',
    ])
  })

  it('should fail on an advisory that is not on the list and pass the allowed one', () => {
    const result = evaluateAudit(REPORT, { allow: [ENTRY] }, '2026-11-26')
    expect(result.ok).toBe(false)
    expect(result.failing.map((a) => a.id)).toEqual(['GHSA-aaaa-bbbb-cccc'])
    expect(result.allowed.map((a) => [a.id, a.expires])).toEqual([['GHSA-dddd-eeee-ffff', '2027-01-31']])
  })

  it('should pass when every advisory is allowed, up to and including the expiry day', () => {
    const all = { allow: [ENTRY, { ...ENTRY, id: 'GHSA-aaaa-bbbb-cccc', package: 'left-pad-ng' }] }
    expect(evaluateAudit(REPORT, all, '2027-01-31').ok).toBe(true)
    const next = evaluateAudit(REPORT, all, '2027-02-01')
    expect(next.ok).toBe(false)
    expect(next.expired.map((a) => a.id)).toEqual(['GHSA-aaaa-bbbb-cccc', 'GHSA-dddd-eeee-ffff'])
  })

  it('should not let an entry for another package allow the advisory', () => {
    const result = evaluateAudit(REPORT, { allow: [{ ...ENTRY, package: 'other' }] }, '2026-11-26')
    expect(result.failing.map((a) => a.id)).toContain('GHSA-dddd-eeee-ffff')
    expect(result.unused).toEqual(['GHSA-dddd-eeee-ffff'])
  })

  it('should refuse entries without a reason or an expiry date', () => {
    const result = evaluateAudit(
      { auditReportVersion: 2, vulnerabilities: {} },
      { allow: [{ id: 'GHSA-dddd-eeee-ffff', reason: '', expires: 'bald' }] },
      '2026-11-26',
    )
    expect(result.ok).toBe(false)
    expect(result.problems).toEqual([
      'allow[0] (GHSA-dddd-eeee-ffff): "reason" is missing or too short',
      'allow[0] (GHSA-dddd-eeee-ffff): "expires" must be a date YYYY-MM-DD',
    ])
  })

  it('should tell an endpoint error from a report', () => {
    expect(isAuditError({ message: '405 Method Not Allowed', error: { summary: '' } })).toBe(true)
    expect(isAuditError(undefined)).toBe(true)
    expect(isAuditError(REPORT)).toBe(false)
  })
})

describe('npm-audit.mjs as CI runs it', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'lotse-npm-audit-'))
    await writeFile(path.join(dir, 'report.json'), JSON.stringify(REPORT))
    await writeFile(path.join(dir, 'error.json'), JSON.stringify({ message: '405', error: { summary: '' } }))
    await writeFile(path.join(dir, 'allow.json'), JSON.stringify({ allow: [ENTRY] }))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })
  const script = path.resolve('scripts/ci/npm-audit.mjs')
  const exec = (args: string[], env: Record<string, string> = {}) =>
    run('node', [script, ...args], { env: { ...process.env, ...env } }).then(
      (r) => ({ code: 0, out: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
    )

  it('should exit 1 and name the advisory that is not allowed', async () => {
    const r = await exec([
      '--report',
      path.join(dir, 'report.json'),
      '--allowlist',
      path.join(dir, 'allow.json'),
    ])
    expect(r.code).toBe(1)
    expect(r.out).toContain('NOT ALLOWED: GHSA-aaaa-bbbb-cccc in left-pad-ng [high]')
  })

  it('should warn and pass when the endpoint gives no report, and fail in strict mode', async () => {
    const args = ['--report', path.join(dir, 'error.json'), '--allowlist', path.join(dir, 'allow.json')]
    const lenient = await exec(args)
    expect(lenient.code).toBe(0)
    expect(lenient.out).toContain('WARNING: the audit endpoint gave no report')
    expect((await exec(args, { LOTSE_NPM_AUDIT_STRICT: '1' })).code).toBe(1)
  })
})
