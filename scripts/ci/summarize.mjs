#!/usr/bin/env node
// SPDX-License-Identifier: EUPL-1.2
/**
 * Sums up vitest JSON reports of several test runs ("suites") into one verdict for CI.
 *
 *   node scripts/ci/summarize.mjs [--exit NAME=CODE]... REPORT.json...
 *
 * Each REPORT.json is one suite, named after the file (`/tmp/x/embedded.json` -> `embedded`).
 * `--exit NAME=CODE` (repeatable, also `--exit=NAME=CODE`) is the exit code of that suite's test
 * command. It exists because a report alone cannot show a crash: a runner that dies after writing a
 * green report, or a global setup that fails, must not look green.
 *
 * Prints one line per suite, the failed tests under it, and as the very last line exactly
 *   CI: N passed, M failed
 * where M also counts, as 1 failure each:
 *   - a missing or unreadable report (and a suite given only via --exit, without a report);
 *   - a test file that failed without any failed test in it (import error, failing beforeAll);
 *   - a report in which no test ran at all (a broken include pattern must not look green);
 *   - a suite whose command exited non-zero although its report shows no failure ("suite crashed").
 * Skipped/todo tests are shown per suite but are neither passed nor failed.
 *
 * Exit code: 0 when M is 0, 1 when something failed, 2 on a usage error (no summary line then).
 * No dependencies on purpose: it runs even when `npm ci` produced a broken node_modules.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'

const USAGE = 'usage: node scripts/ci/summarize.mjs [--exit NAME=CODE]... REPORT.json...'
/** Failed tests listed per suite; the rest is in the report file and the test log. */
const MAX_LISTED_FAILURES = 30
const MAX_MESSAGE_CHARS = 200

class UsageError extends Error {}

/** @returns {{ reports: string[], exits: Map<string, number> }} */
function parseArgs(argv) {
  const reports = []
  const exits = new Map()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '-h' || arg === '--help') {
      console.log(USAGE)
      process.exit(0)
    }
    let exitSpec
    if (arg === '--exit') {
      exitSpec = argv[++i]
      if (exitSpec === undefined) throw new UsageError('--exit needs NAME=CODE')
    } else if (arg.startsWith('--exit=')) {
      exitSpec = arg.slice('--exit='.length)
    } else if (arg.startsWith('--')) {
      throw new UsageError(`unknown option ${arg}`)
    } else {
      reports.push(arg)
      continue
    }
    const match = /^([^=]+)=(-?\d+)$/.exec(exitSpec)
    if (!match) throw new UsageError(`--exit expects NAME=CODE, got "${exitSpec}"`)
    exits.set(match[1], Number(match[2]))
  }
  if (reports.length === 0 && exits.size === 0) throw new UsageError('no reports given')
  return { reports, exits }
}

const suiteName = (file) => path.basename(file).replace(/\.json$/i, '')

/** Human-readable meaning of a shell exit code (124 is what `timeout` returns). */
function describeExit(code) {
  if (code === 124) return 'exit 124: timed out'
  if (code > 128 && code < 160) return `exit ${code}: killed by signal ${code - 128}`
  return `exit ${code}`
}

/** First non-empty line of a failure message, shortened, without ANSI colours. */
function firstLine(message) {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts the ANSI colour codes we strip
  const clean = String(message ?? '').replace(/\u001b\[[0-9;]*m/g, '')
  const line =
    clean
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? ''
  return line.length > MAX_MESSAGE_CHARS ? `${line.slice(0, MAX_MESSAGE_CHARS - 1)}…` : line
}

const relative = (file) => {
  const rel = path.relative(process.cwd(), String(file ?? '?'))
  return rel.startsWith('..') ? String(file) : rel
}

/**
 * Reads one vitest JSON report.
 * @returns {{ ok: true, report: object } | { ok: false, reason: string }}
 */
function readReport(file) {
  let text
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    return { ok: false, reason: `report missing or unreadable: ${file} (${error.code ?? error.message})` }
  }
  let report
  try {
    report = JSON.parse(text)
  } catch (error) {
    return { ok: false, reason: `report is not valid JSON: ${file} (${error.message})` }
  }
  const looksLikeVitest =
    report !== null &&
    typeof report === 'object' &&
    (Array.isArray(report.testResults) || typeof report.numTotalTests === 'number')
  if (!looksLikeVitest) return { ok: false, reason: `not a vitest JSON report: ${file}` }
  return { ok: true, report }
}

/** Prefers vitest's top-level counters; falls back to counting assertionResults if one is absent. */
function countTests(report) {
  const assertions = (report.testResults ?? []).flatMap((f) => f.assertionResults ?? [])
  const byStatus = (...statuses) => assertions.filter((a) => statuses.includes(a.status)).length
  const pick = (key, fallback) => (Number.isInteger(report[key]) ? report[key] : fallback)
  const passed = pick('numPassedTests', byStatus('passed'))
  const failed = pick('numFailedTests', byStatus('failed'))
  const skipped =
    pick('numPendingTests', byStatus('skipped', 'pending', 'disabled')) +
    pick('numTodoTests', byStatus('todo'))
  const total = pick('numTotalTests', assertions.length)
  return { passed, failed, skipped, total }
}

function durationSeconds(report) {
  const ends = (report.testResults ?? []).map((f) => f.endTime).filter(Number.isFinite)
  if (!Number.isFinite(report.startTime) || ends.length === 0) return undefined
  return (Math.max(...ends) - report.startTime) / 1000
}

/**
 * Evaluates one suite.
 * @returns {{ name: string, passed: number, failed: number, lines: string[] }}
 */
function evaluateSuite(name, file, exitCode) {
  const lines = []
  const exitNote = exitCode === undefined ? '' : `, ${describeExit(exitCode)}`

  const read = file === undefined ? { ok: false, reason: 'no report given' } : readReport(file)
  if (!read.ok) {
    lines.push(`${name}: FAILED, ${read.reason}${exitNote} -> counted as 1 failed`)
    return { name, passed: 0, failed: 1, lines }
  }

  const { report } = read
  const counts = countTests(report)
  let failed = counts.failed
  const problems = []

  const files = Array.isArray(report.testResults) ? report.testResults : []
  const failedTests = []
  for (const testFile of files) {
    const assertions = testFile.assertionResults ?? []
    const failedHere = assertions.filter((a) => a.status === 'failed')
    for (const a of failedHere) {
      const title = [...(a.ancestorTitles ?? []), a.title].filter(Boolean).join(' > ')
      failedTests.push(
        `  FAIL ${relative(testFile.name)} > ${title}\n       ${firstLine(a.failureMessages?.[0])}`,
      )
    }
    // A file can fail as a whole (syntax/import error, failing beforeAll) with no failed test in it;
    // vitest then counts it only in numFailedTestSuites, which would otherwise go unnoticed here.
    if (testFile.status === 'failed' && failedHere.length === 0) {
      failed += 1
      problems.push(
        `  FAIL ${relative(testFile.name)} (file failed: ${firstLine(testFile.message) || 'no message'})`,
      )
    }
  }

  if (counts.total === 0 && failed === 0) {
    failed += 1
    problems.push('  FAIL no tests ran (counted as 1 failed)')
  }
  if (exitCode !== undefined && exitCode !== 0 && failed === 0) {
    failed += 1
    problems.push(
      `  FAIL suite crashed (${describeExit(exitCode)}) although its report shows no failed test (counted as 1 failed)`,
    )
  }

  const seconds = durationSeconds(report)
  const parts = [
    `${counts.passed} passed`,
    `${failed} failed`,
    `${counts.skipped} skipped`,
    `${files.length} files`,
    ...(seconds === undefined ? [] : [`${seconds.toFixed(1)}s`]),
  ]
  lines.push(`${name}: ${failed === 0 ? 'ok' : 'FAILED'}, ${parts.join(', ')}${exitNote}`)
  lines.push(...problems)
  lines.push(...failedTests.slice(0, MAX_LISTED_FAILURES))
  if (failedTests.length > MAX_LISTED_FAILURES) {
    lines.push(`  ... and ${failedTests.length - MAX_LISTED_FAILURES} more failed tests (see ${file})`)
  }
  return { name, passed: counts.passed, failed, lines }
}

function main() {
  let args
  try {
    args = parseArgs(process.argv.slice(2))
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    console.error(`summarize: ${error.message}\n${USAGE}`)
    process.exit(2)
  }

  // Suites in the order given: reports first, then names known only from --exit.
  const suites = new Map()
  for (const file of args.reports) {
    const name = suiteName(file)
    if (suites.has(name)) {
      console.error(`summarize: two reports are named "${name}"; suite names must be unique\n${USAGE}`)
      process.exit(2)
    }
    suites.set(name, file)
  }
  for (const name of args.exits.keys()) if (!suites.has(name)) suites.set(name, undefined)

  let passed = 0
  let failed = 0
  for (const [name, file] of suites) {
    let result
    try {
      result = evaluateSuite(name, file, args.exits.get(name))
    } catch (error) {
      // A report shaped in a way we did not foresee must still produce a (red) verdict.
      result = {
        passed: 0,
        failed: 1,
        lines: [`${name}: FAILED, could not evaluate report ${file}: ${error.message}`],
      }
    }
    for (const line of result.lines) console.log(line)
    passed += result.passed
    failed += result.failed
  }

  console.log(`CI: ${passed} passed, ${failed} failed`)
  process.exitCode = failed === 0 ? 0 : 1
}

main()
