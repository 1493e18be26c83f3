#!/usr/bin/env node
// SPDX-License-Identifier: EUPL-1.2
// `npm test`: the whole suite (unit, integration on a real PostgreSQL, browser tests in Chromium).
// LOTSE_TEST_REPORT=<file> additionally writes vitest's JSON report there (used by .ci/run for its summary).
// Extra arguments go to vitest, e.g. `npm test -- src/shared`.
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'

const require = createRequire(import.meta.url)
const vitest = path.join(path.dirname(require.resolve('vitest/package.json')), 'vitest.mjs')
const args = ['run', ...process.argv.slice(2)]
const report = process.env.LOTSE_TEST_REPORT
if (report) {
  args.push('--reporter=default', '--reporter=json', `--outputFile.json=${report}`)
}
const child = spawn(process.execPath, [vitest, ...args], { stdio: 'inherit' })
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
