// SPDX-License-Identifier: EUPL-1.2
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

const RESULTS_DIR = path.resolve(import.meta.dirname, 'results')

/**
 * Writes one benchmark run as JSON under bench/results/ (`<benchmark>-<time>.json`) with the machine it ran
 * on, and says where. Every benchmark reports the same envelope, so runs can be compared over time.
 * @returns the file's path
 */
export async function writeBenchResult(
  benchmark: string,
  startedAt: Date,
  settings: Record<string, unknown>,
  results: unknown,
): Promise<string> {
  const file = path.join(RESULTS_DIR, `${benchmark}-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`)
  await fs.mkdir(RESULTS_DIR, { recursive: true })
  const report = {
    benchmark,
    at: startedAt.toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      loadAverage: os.loadavg(),
      node: process.version,
      platform: process.platform,
    },
    settings,
    results,
  }
  await fs.writeFile(file, `${JSON.stringify(report, null, 2)}\n`)
  process.stdout.write(
    `# results written to ${path.relative(path.dirname(path.dirname(RESULTS_DIR)), file)}\n`,
  )
  return file
}
