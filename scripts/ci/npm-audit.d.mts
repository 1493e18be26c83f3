// SPDX-License-Identifier: EUPL-1.2
/** Types of scripts/ci/npm-audit.mjs for its unit test. */
export interface Advisory {
  id: string
  package: string
  severity: string
  title?: string
  url?: string
}
export interface AllowEntry {
  id: string
  package?: string
  reason: string
  expires: string
}
export function advisoriesOf(report: unknown): Advisory[]
export function allowlistProblems(allowlist: unknown): string[]
export function evaluateAudit(
  report: unknown,
  allowlist: unknown,
  today: string,
): {
  allowed: Array<Advisory & { reason: string; expires: string }>
  failing: Advisory[]
  expired: Array<Advisory & { expires: string }>
  unused: string[]
  problems: string[]
  ok: boolean
}
export function isAuditError(parsed: unknown): boolean
