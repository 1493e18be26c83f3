// SPDX-License-Identifier: EUPL-1.2
/**
 * A tagged PDF (ISO 32000-1 § 14.7–14.8) with pdf-lib's low-level API, which has no tagging of its own:
 * content drawn inside {@link PdfTagger.mark} is wrapped in a marked-content sequence (`/P <</MCID n>> BDC …
 * EMC`) and linked to a structure element; {@link PdfTagger.artifact} wraps layout-only content (page numbers,
 * rules, fills) as `/Artifact BMC … EMC`. {@link PdfTagger.finish} writes the structure tree (StructTreeRoot
 * with a Document element, the ParentTree number tree from each page's MCIDs back to their elements),
 * `/MarkInfo <</Marked true>>`, each page's `/StructParents` and `/Tabs /S`. The document language comes
 * from `doc.setLanguage`.
 * @module
 */
import {
  type PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFOperator,
  PDFOperatorNames,
  type PDFPage,
  type PDFRef,
} from 'pdf-lib'

/** The standard structure types this renderer uses. */
export type StructType = 'Document' | 'H1' | 'H2' | 'P' | 'Table' | 'TR' | 'TH' | 'TD' | 'Figure' | 'Caption'

/** A structure element being built. */
export interface StructElement {
  readonly type: StructType
  readonly ref: PDFRef
  readonly parent: StructElement | null
  readonly alt: string | undefined
  /** Child elements and marked-content references, in reading order. */
  readonly kids: Array<StructElement | { page: PDFPage; mcid: number }>
  /** The page of the element's first content (for /Pg). */
  page: PDFPage | null
}

export class PdfTagger {
  readonly root: StructElement
  private readonly mcids = new Map<PDFPage, StructElement[]>()

  constructor(readonly doc: PDFDocument) {
    this.root = this.newElement('Document', null)
  }

  private newElement(type: StructType, parent: StructElement | null, alt?: string): StructElement {
    const element: StructElement = {
      type,
      ref: this.doc.context.nextRef(),
      parent,
      alt,
      kids: [],
      page: null,
    }
    parent?.kids.push(element)
    return element
  }

  /** A new structure element below `parent` (the Document when omitted); `alt` for figures. */
  element(type: Exclude<StructType, 'Document'>, parent?: StructElement, alt?: string): StructElement {
    return this.newElement(type, parent ?? this.root, alt)
  }

  /** Runs `draw` (which draws on `page`) inside a marked-content sequence belonging to `element`. */
  mark(page: PDFPage, element: StructElement, draw: () => void): void {
    const list = this.mcids.get(page) ?? []
    this.mcids.set(page, list)
    const mcid = list.length
    list.push(element)
    element.kids.push({ page, mcid })
    element.page ??= page
    page.pushOperators(
      PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [
        PDFName.of(element.type),
        // An inline property list; pdf-lib's type leaves dictionaries out, its serialiser handles them.
        this.doc.context.obj({ MCID: mcid }) as unknown as PDFName,
      ]),
    )
    draw()
    page.pushOperators(PDFOperator.of(PDFOperatorNames.EndMarkedContent))
  }

  /** Runs `draw` as an artifact (layout only, skipped by assistive technology). */
  artifact(page: PDFPage, draw: () => void): void {
    page.pushOperators(PDFOperator.of(PDFOperatorNames.BeginMarkedContent, [PDFName.of('Artifact')]))
    draw()
    page.pushOperators(PDFOperator.of(PDFOperatorNames.EndMarkedContent))
  }

  /** Writes the structure tree and marks the document as tagged. Call once, after the last page is drawn. */
  finish(): void {
    const { context, catalog } = this.doc
    const rootRef = context.nextRef()
    const pages = this.doc.getPages()
    const write = (element: StructElement, parentRef: PDFRef) => {
      const kids = element.kids.map((kid) => {
        if ('mcid' in kid) {
          return context.obj({ Type: 'MCR', Pg: kid.page.ref, MCID: kid.mcid })
        }
        write(kid, element.ref)
        return kid.ref
      })
      const dict = context.obj({ Type: 'StructElem', S: element.type, P: parentRef, K: kids })
      const page = element.page ?? firstPage(element)
      if (page) {
        dict.set(PDFName.of('Pg'), page.ref)
      }
      if (element.alt) {
        dict.set(PDFName.of('Alt'), PDFHexString.fromText(element.alt))
      }
      context.assign(element.ref, dict)
    }
    write(this.root, rootRef)
    const nums: Array<PDFNumber | ReturnType<typeof context.obj>> = []
    pages.forEach((page, i) => {
      page.node.set(PDFName.of('StructParents'), PDFNumber.of(i))
      page.node.set(PDFName.of('Tabs'), PDFName.of('S'))
      nums.push(PDFNumber.of(i), context.obj((this.mcids.get(page) ?? []).map((e) => e.ref)))
    })
    context.assign(
      rootRef,
      context.obj({
        Type: 'StructTreeRoot',
        K: [this.root.ref],
        ParentTree: context.obj({ Nums: nums }),
        ParentTreeNextKey: pages.length,
      }),
    )
    catalog.set(PDFName.of('StructTreeRoot'), rootRef)
    catalog.set(PDFName.of('MarkInfo'), context.obj({ Marked: true }))
  }
}

function firstPage(element: StructElement): PDFPage | null {
  for (const kid of element.kids) {
    const page = 'mcid' in kid ? kid.page : (kid.page ?? firstPage(kid))
    if (page) {
      return page
    }
  }
  return null
}
