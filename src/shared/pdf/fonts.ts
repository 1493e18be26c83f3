// SPDX-License-Identifier: EUPL-1.2
/**
 * The fonts of every PDF Lotse writes: DejaVu Sans from the npm package `dejavu-fonts-ttf`, embedded as
 * subsets. DejaVu covers umlauts, ß, € and typographic punctuation; the PDF standard fonts only know
 * WinAnsi, and WOFF2 files crash pdf-lib.
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import fontkit from '@pdf-lib/fontkit'
import type { PDFDocument, PDFFont } from 'pdf-lib'

/** The TTF files that can be embedded, by role. */
const FONT_FILES = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  mono: 'DejaVuSansMono.ttf',
} as const

export type FontRole = keyof typeof FONT_FILES

const cache = new Map<FontRole, Promise<Uint8Array>>()

/**
 * Reads one DejaVu TTF once per process.
 * @example const bytes = await loadFontFile('regular')
 */
export function loadFontFile(role: FontRole): Promise<Uint8Array> {
  let bytes = cache.get(role)
  if (bytes === undefined) {
    // Resolve through the package so the path does not depend on the working directory.
    const require = createRequire(import.meta.url)
    bytes = readFile(require.resolve(`dejavu-fonts-ttf/ttf/${FONT_FILES[role]}`)).then(
      (buffer) => buffer,
      (error: unknown) => {
        // Do not cache a failure: a later call may succeed (e.g. after a transient I/O error).
        cache.delete(role)
        throw error
      },
    )
    cache.set(role, bytes)
  }
  return bytes
}

/**
 * Registers fontkit on `doc` and embeds the requested fonts as subsets (only the glyphs used are
 * written), in the order given, so that output stays deterministic.
 * @returns the embedded fonts by role
 * @example const { regular, bold } = await embedFonts(doc, ['regular', 'bold'])
 */
export async function embedFonts<R extends FontRole>(
  doc: PDFDocument,
  roles: readonly R[],
): Promise<Record<R, PDFFont>> {
  doc.registerFontkit(fontkit)
  const files = await Promise.all(roles.map((role) => loadFontFile(role)))
  const fonts: Partial<Record<R, PDFFont>> = {}
  for (const [index, role] of roles.entries()) {
    const file = files[index]
    if (file === undefined) {
      throw new Error(`font ${role} not loaded`)
    }
    fonts[role] = await doc.embedFont(file, { subset: true })
  }
  return fonts as Record<R, PDFFont>
}
