// SPDX-License-Identifier: EUPL-1.2
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export interface PdfFont {
  name: string
  type: string
  embedded: boolean
  subset: boolean
}

/**
 * The fonts of a PDF as `pdffonts` (poppler-utils) lists them; fails with an install hint when it is missing.
 */
export async function pdffonts(bytes: Uint8Array): Promise<PdfFont[]> {
  const dir = await mkdtemp(join(tmpdir(), 'lotse-pdf-'))
  try {
    const file = join(dir, 'document.pdf')
    await writeFile(file, bytes)
    const { stdout } = await run('pdffonts', [file], { encoding: 'utf8' })
    // Columns: name, type (may contain spaces), encoding, emb, sub, uni, object ID.
    return stdout
      .split('\n')
      .slice(2)
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const match = /^(\S+)\s+(.+?)\s{2,}(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(line)
        if (!match) {
          throw new Error(`unexpected pdffonts line: ${line}`)
        }
        return {
          name: match[1] ?? '',
          type: match[2] ?? '',
          embedded: match[4] === 'yes',
          subset: match[5] === 'yes',
        }
      })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('pdffonts not found: install poppler-utils (apt-get install -y poppler-utils)')
    }
    throw error
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
