// SPDX-License-Identifier: EUPL-1.2
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import {
  decodePDFRawStream,
  PDFArray,
  PDFBool,
  PDFDict,
  PDFDocument,
  PDFName,
  type PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFString,
} from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildStaffUser } from '../../../test/factories/applications.factory.js'
import { buildInterimPlan } from '../../../test/factories/organisation.factory.js'
import { pdftotext } from '../../../test/support/pdf-text.js'
import { freshTestContext, type TestContext } from '../../../test/support/test-app.js'
import { loadReportsDemo } from '../../demo/reports-demo.js'
import { createLogger } from '../../shared/logger.js'
import * as service from './reports.service.js'

const run = promisify(execFile)

let ctx: TestContext
let bytes: Uint8Array
let doc: PDFDocument

/** Runs `pdfinfo` (poppler-utils) with `args` on the report. */
async function pdfinfo(args: string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lotse-pdfinfo-'))
  try {
    const file = join(dir, 'report.pdf')
    await writeFile(file, bytes)
    const { stdout } = await run('pdfinfo', [...args, file], {
      encoding: 'utf8',
      maxBuffer: 32 * 1024 * 1024,
    })
    return stdout
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

function lookup<T>(value: unknown, type: { prototype: T }): T {
  const resolved = value instanceof PDFRef ? doc.context.lookup(value) : value
  expect(resolved).toBeInstanceOf(type as never)
  return resolved as T
}

/** The structure types below an element, depth first. */
function structTypes(element: PDFDict, out: string[] = []): string[] {
  out.push((element.get(PDFName.of('S')) as PDFName).decodeText())
  const kids = element.get(PDFName.of('K'))
  if (kids instanceof PDFArray) {
    for (const kid of kids.asArray()) {
      const child = kid instanceof PDFRef ? doc.context.lookup(kid) : kid
      if (child instanceof PDFDict && child.get(PDFName.of('Type'))?.toString() === '/StructElem') {
        structTypes(child, out)
      }
    }
  }
  return out
}

function figures(element: PDFDict, out: PDFDict[] = []): PDFDict[] {
  if ((element.get(PDFName.of('S')) as PDFName).decodeText() === 'Figure') {
    out.push(element)
  }
  const kids = element.get(PDFName.of('K'))
  if (kids instanceof PDFArray) {
    for (const kid of kids.asArray()) {
      const child = kid instanceof PDFRef ? doc.context.lookup(kid) : kid
      if (child instanceof PDFDict && child.get(PDFName.of('Type'))?.toString() === '/StructElem') {
        figures(child, out)
      }
    }
  }
  return out
}

beforeAll(async () => {
  ctx = await freshTestContext()
  await buildInterimPlan(ctx.db)
  await buildStaffUser(ctx.db, { role: 'division_head' })
  await loadReportsDemo(
    ctx.db,
    createLogger('silent'),
    { min: 150, max: 180 },
    new Date('2026-11-20T10:00:00Z'),
  )
  const [report] = await service.listReports(ctx.db)
  bytes = (await service.reportPdf(ctx.db, report?.id ?? '')).pdf
  doc = await PDFDocument.load(bytes)
})

afterAll(async () => {
  await ctx.close()
})

describe('tagged report PDF', () => {
  it('should be marked as tagged, in German, with a structure tree root', () => {
    const markInfo = lookup(doc.catalog.get(PDFName.of('MarkInfo')), PDFDict)
    expect(markInfo.get(PDFName.of('Marked'))).toBe(PDFBool.True)
    expect(lookup(doc.catalog.get(PDFName.of('Lang')), PDFString).decodeText()).toBe('de-DE')
    const root = lookup(doc.catalog.get(PDFName.of('StructTreeRoot')), PDFDict)
    expect(root.get(PDFName.of('Type'))?.toString()).toBe('/StructTreeRoot')
    const [documentRef] = lookup(root.get(PDFName.of('K')), PDFArray).asArray()
    const documentElement = lookup(documentRef, PDFDict)
    const types = structTypes(documentElement)
    expect(types[0]).toBe('Document')
    for (const type of ['H1', 'H2', 'P', 'Table', 'Caption', 'TR', 'TH', 'TD', 'Figure']) {
      expect(types, type).toContain(type)
    }
  })

  it('should give every chart figure an alternative text', () => {
    const root = lookup(doc.catalog.get(PDFName.of('StructTreeRoot')), PDFDict)
    const documentElement = lookup(lookup(root.get(PDFName.of('K')), PDFArray).get(0), PDFDict)
    const list = figures(documentElement)
    expect(list.length).toBeGreaterThan(2)
    for (const figure of list) {
      const alt = figure.get(PDFName.of('Alt'))
      expect(alt, 'Alt').toBeDefined()
      expect((alt as PDFString).decodeText().length).toBeGreaterThan(10)
    }
  })

  it('should link every marked-content id of each page back through the parent tree', () => {
    const root = lookup(doc.catalog.get(PDFName.of('StructTreeRoot')), PDFDict)
    const nums = lookup(lookup(root.get(PDFName.of('ParentTree')), PDFDict).get(PDFName.of('Nums')), PDFArray)
    const pages = doc.getPages()
    expect(nums.size()).toBe(pages.length * 2)
    pages.forEach((page, i) => {
      expect((page.node.get(PDFName.of('StructParents')) as PDFNumber).asNumber()).toBe(i)
      const contents = page.node.Contents()
      const streams =
        contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents]
      const text = streams
        .map((s) =>
          s instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(s).decode()).toString('latin1') : '',
        )
        .join('\n')
      const mcids = [...text.matchAll(/\/MCID (\d+)/g)].map((m) => Number(m[1]))
      const entry = lookup(nums.get(i * 2 + 1), PDFArray)
      expect(mcids).toEqual(Array.from({ length: entry.size() }, (_, k) => k))
      // Balanced: every BDC and BMC has its EMC.
      const opens = (text.match(/\bBDC\b/g)?.length ?? 0) + (text.match(/\bBMC\b/g)?.length ?? 0)
      expect(text.match(/\bEMC\b/g)?.length ?? 0).toBe(opens)
    })
  })

  it('should be read as tagged by poppler, with its text still extractable', async () => {
    expect(await pdfinfo([])).toMatch(/Tagged:\s+yes/)
    const structure = await pdfinfo(['-struct'])
    expect(structure).toContain('Document')
    expect(structure).toContain('Figure')
    expect(await pdftotext(bytes)).toContain('Aktuelle Situation im Bereich 2.500')
  })
})
