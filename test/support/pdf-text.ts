// SPDX-License-Identifier: EUPL-1.2
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/**
 * Runs `pdftotext` (poppler-utils) on PDF bytes; fails (never skips) with an install hint when it is missing,
 * because a second, independent program reading our PDFs is the point of these checks.
 * @param args extra arguments, e.g. ['-bbox'] for word boxes
 */
export async function pdftotext(bytes: Uint8Array, args: string[] = []): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lotse-pdf-'))
  try {
    const file = join(dir, 'document.pdf')
    await writeFile(file, bytes)
    const { stdout } = await run('pdftotext', [...args, '-enc', 'UTF-8', file, '-'], {
      encoding: 'utf8',
      maxBuffer: 32 * 1024 * 1024,
    })
    return stdout
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('pdftotext not found: install poppler-utils (apt-get install -y poppler-utils)')
    }
    throw error
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** The text of each page. */
export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  return (await pdftotext(bytes)).split('\f').slice(0, -1)
}
