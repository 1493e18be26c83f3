// SPDX-License-Identifier: EUPL-1.2
/**
 * `npm run bench`: the submission bench, the inbox bench, then the report scale bench, one after the other
 * (they share the embedded server in .cache/bench-postgres). Options go to the submission bench, except those
 * spelled `--inbox-<name>` or `--report-<name>`, which go to the inbox or report bench as `--<name>`:
 *
 *   npm run bench -- --connections 32 --inbox-iterations 800 --inbox-explain
 *
 * Exits non-zero when either bench fails.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'

const here = import.meta.dirname
const submission: string[] = []
const inbox: string[] = []
const report: string[] = []
const args = process.argv.slice(2)
for (let i = 0; i < args.length; i++) {
  const arg = args[i] as string
  const prefix = arg.startsWith('--inbox-') ? '--inbox-' : arg.startsWith('--report-') ? '--report-' : null
  if (prefix) {
    const target = prefix === '--inbox-' ? inbox : report
    target.push(`--${arg.slice(prefix.length)}`)
    // A value follows unless the next word is another option (flags like --inbox-explain have none).
    const next = args[i + 1]
    if (next !== undefined && !next.startsWith('--')) {
      target.push(next)
      i++
    }
  } else {
    submission.push(arg)
  }
}
let failed = false
for (const [file, options] of [
  ['submission.bench.ts', submission],
  ['inbox.bench.ts', inbox],
  ['report-scale.bench.ts', report],
] as const) {
  const run = spawnSync(process.execPath, [...process.execArgv, path.join(here, file), ...options], {
    stdio: 'inherit',
  })
  failed ||= run.status !== 0
}
process.exitCode = failed ? 1 : 0
