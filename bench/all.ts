// SPDX-License-Identifier: EUPL-1.2
/**
 * `npm run bench`: the submission, inbox, payment run and report scale benches, one after the other (they share
 * the embedded server in .cache/bench-postgres). Options go to the submission bench, except those spelled
 * `--inbox-<name>`, `--payments-<name>` or `--report-<name>`, which go to that bench as `--<name>`:
 *
 *   npm run bench -- --connections 32 --inbox-iterations 800 --inbox-explain
 *
 * Exits non-zero when any bench fails.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'

const here = import.meta.dirname
const benches: { file: string; prefix: string | null; options: string[] }[] = [
  { file: 'submission.bench.ts', prefix: null, options: [] },
  { file: 'inbox.bench.ts', prefix: '--inbox-', options: [] },
  { file: 'payment-run.bench.ts', prefix: '--payments-', options: [] },
  { file: 'report-scale.bench.ts', prefix: '--report-', options: [] },
]
const submission = benches[0] as (typeof benches)[number]
const args = process.argv.slice(2)
for (let i = 0; i < args.length; i++) {
  const arg = args[i] as string
  const target = benches.find((bench) => bench.prefix !== null && arg.startsWith(bench.prefix))
  if (target?.prefix) {
    target.options.push(`--${arg.slice(target.prefix.length)}`)
    // A value follows unless the next word is another option (flags like --inbox-explain have none).
    const next = args[i + 1]
    if (next !== undefined && !next.startsWith('--')) {
      target.options.push(next)
      i++
    }
  } else {
    submission.options.push(arg)
  }
}
let failed = false
for (const { file, options } of benches) {
  const run = spawnSync(process.execPath, [...process.execArgv, path.join(here, file), ...options], {
    stdio: 'inherit',
  })
  failed ||= run.status !== 0
}
process.exitCode = failed ? 1 : 0
