// SPDX-License-Identifier: EUPL-1.2
/**
 * Writes a sample decision letter (Bescheid) and a sample case file (Prüfakte, PDF and JSON) from synthetic
 * data, so anyone can look at the layouts, and prints where they are.
 *
 *   npx tsx scripts/letters-sample.ts [output directory]     (default: a new temporary directory)
 *
 * The letterhead comes from the configuration (LETTERHEAD_* variables), as in the app.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { loadConfig } from '../src/config/config.js'
import { caseFileJson, renderCaseFilePdf, renderDecisionLetterPdf } from '../src/modules/letters/index.js'
import { sampleCaseFile, sampleDecisionLetter } from '../src/modules/letters/letters.sample.js'

const target = process.argv[2]
const dir = target ? path.resolve(target) : await mkdtemp(path.join(os.tmpdir(), 'lotse-letters-'))
await mkdir(dir, { recursive: true })

const letterhead = loadConfig().letterhead
const letter = await renderDecisionLetterPdf(sampleDecisionLetter({ letterhead }))
const bundle = sampleCaseFile()
// The letter doubles as an uploaded PDF document, so the case file shows an attachment.
bundle.documents = bundle.documents.map((document, index) =>
  index === 0 ? { ...document, content: letter } : document,
)

const files = {
  'bescheid.pdf': letter,
  'pruefakte.pdf': await renderCaseFilePdf(bundle),
  'pruefakte.json': caseFileJson(bundle),
}
for (const [name, content] of Object.entries(files)) {
  await writeFile(path.join(dir, name), content)
  console.log(path.join(dir, name))
}
