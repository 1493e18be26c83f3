// SPDX-License-Identifier: EUPL-1.2
/**
 * Statistical disclosure control for the public committee report (ADR 0022). Pure, and the only place that
 * decides what a published figure shows:
 * - a count of 1 or 2 is shown as "." (primary suppression; 0 names nobody and stays visible),
 * - in a table with published sums, every row and column (the sum included) holds either no suppressed entry
 *   or at least two, so that no suppressed value can be got back by subtracting the others from the sum
 *   (secondary suppression),
 * - a measure derived from fewer than three cases (mean, median, share, density, amount) is shown as ".",
 * - absence is shown only as a rate, and only for units with at least five staff; their present FTE too,
 *   because filled minus present FTE would give the absence back.
 * @module
 */

/** The sign of official statistics for a value kept secret (Zeichen für Geheimhaltung). */
export const SUPPRESSED = '.'
/** The sign for "no value" (nothing to measure). */
export const NO_VALUE = '–'
/** Counts below this are suppressed. */
export const MIN_COUNT = 3
/** Absence is shown only for units with at least this many staff. */
export const MIN_STAFF_FOR_ABSENCE = 5

/** One published entry: the value, and whether it is kept secret (then `value` must not be printed). */
export interface ProtectedCell {
  value: number
  suppressed: boolean
  /** Suppressed because it is a small count itself (else: to protect another cell). */
  primary: boolean
}

export interface ProtectedTable {
  /** Interior cells, rows × columns. */
  cells: ProtectedCell[][]
  /** Sum of each row (only when `rowTotals`). */
  rowTotals: ProtectedCell[] | null
  /** Sum of each column (only when `colTotals`). */
  colTotals: ProtectedCell[] | null
  /** Sum of everything (only with both). */
  grandTotal: ProtectedCell | null
}

/** True for a count that identifies too few people to publish. */
export function isSmallCount(value: number): boolean {
  return value > 0 && value < MIN_COUNT
}

function cell(value: number): ProtectedCell {
  const small = isSmallCount(value)
  return { value, suppressed: small, primary: small }
}

/**
 * Protects a table of non-negative integer counts and its sums.
 * @param counts rows × columns; every row must have the same length
 * @param options which sums are published with the table
 * @throws Error for a ragged table or a negative or fractional count (a programming error)
 * @example protectCountTable([[1, 5], [4, 6]], { rowTotals: true, colTotals: true })
 */
export function protectCountTable(
  counts: number[][],
  options: { rowTotals: boolean; colTotals: boolean },
): ProtectedTable {
  const columns = counts[0]?.length ?? 0
  for (const row of counts) {
    if (row.length !== columns) {
      throw new Error('protectCountTable: ragged table')
    }
    for (const v of row) {
      if (!Number.isInteger(v) || v < 0) {
        throw new Error(`protectCountTable: not a count: ${v}`)
      }
    }
  }
  const cells = counts.map((row) => row.map(cell))
  const rowTotals = options.rowTotals ? counts.map((row) => cell(row.reduce((a, b) => a + b, 0))) : null
  const colTotals = options.colTotals
    ? Array.from({ length: columns }, (_, c) => cell(counts.reduce((a, row) => a + (row[c] ?? 0), 0)))
    : null
  const grandTotal =
    options.rowTotals && options.colTotals ? cell(counts.flat().reduce((a, b) => a + b, 0)) : null

  // Every additive relation the table publishes: entries that sum to a total (the total is the last entry).
  const lines = relationsOf({ cells, rowTotals, colTotals, grandTotal })

  // Secondary suppression: while some relation has exactly one secret entry, hide one more entry of it:
  // the smallest positive interior value, else a zero, else the total. Then, while the sums still pin down
  // a secret entry (linear algebra over all relations at once, e.g. across a ring of rows and columns),
  // hide the smallest open entry of a relation through it. Ends: each round hides one more entry.
  for (;;) {
    const exposed = lines.find((line) => line.filter((e) => e.suppressed).length === 1)
    if (exposed) {
      hideOneMore(exposed, lines)
      continue
    }
    const pinned = determinedEntries(lines)[0]
    const line = pinned ? lines.find((l) => l.includes(pinned) && l.some((e) => !e.suppressed)) : undefined
    if (!line) {
      break
    }
    hideOneMore(line, lines)
  }
  return { cells, rowTotals, colTotals, grandTotal }
}

/**
 * Hides one more entry of `line`: an interior entry that also closes another relation with a single secret
 * entry if there is one (fewer hidden cells in all), else the smallest positive one, else a zero, else the
 * total.
 */
function hideOneMore(line: ProtectedCell[], lines: ProtectedCell[][]): void {
  const total = line[line.length - 1] as ProtectedCell
  const candidates = line.slice(0, -1).filter((e) => !e.suppressed)
  const closes = (e: ProtectedCell) =>
    lines.filter((l) => l !== line && l.includes(e) && l.filter((x) => x.suppressed).length === 1).length
  const ranked = [...candidates].sort(
    (a, b) => closes(b) - closes(a) || Number(b.value > 0) - Number(a.value > 0) || a.value - b.value,
  )
  const choice = ranked[0] ?? total
  choice.suppressed = true
}

/**
 * The secret entries whose value the published entries and sums determine: those whose unit vector lies in
 * the row space of the relations restricted to the secret entries (Gaussian elimination; coefficients are
 * 0 and ±1, so floating point is exact enough). Exported for the tests, which check it stays empty.
 * @param lines each relation: entries whose interior values sum to the last entry
 */
export function determinedEntries(lines: ProtectedCell[][]): ProtectedCell[] {
  const unknowns = [...new Set(lines.flat().filter((e) => e.suppressed))]
  const index = new Map(unknowns.map((e, i) => [e, i]))
  const rows: number[][] = lines.map((line) => {
    const row = new Array<number>(unknowns.length).fill(0)
    line.forEach((e, position) => {
      const i = index.get(e)
      if (i !== undefined) {
        row[i] = (row[i] ?? 0) + (position === line.length - 1 ? -1 : 1)
      }
    })
    return row
  })
  // Reduced row echelon form.
  const basis: Array<{ pivot: number; row: number[] }> = []
  for (const original of rows) {
    const row = reduce(original, basis)
    const pivot = row.findIndex((v) => Math.abs(v) > 1e-9)
    if (pivot < 0) {
      continue
    }
    const scale = row[pivot] as number
    const normal = row.map((v) => v / scale)
    for (const b of basis) {
      const factor = b.row[pivot] as number
      if (Math.abs(factor) > 1e-9) {
        b.row = b.row.map((v, i) => v - factor * (normal[i] as number))
      }
    }
    basis.push({ pivot, row: normal })
  }
  return unknowns.filter((_, i) => {
    const unit = new Array<number>(unknowns.length).fill(0)
    unit[i] = 1
    return reduce(unit, basis).every((v) => Math.abs(v) < 1e-9)
  })
}

function reduce(row: number[], basis: Array<{ pivot: number; row: number[] }>): number[] {
  let out = [...row]
  for (const b of basis) {
    const factor = out[b.pivot] as number
    if (Math.abs(factor) > 1e-9) {
      out = out.map((v, i) => v - factor * (b.row[i] as number))
    }
  }
  return out
}

/** The relations a protected table publishes (for the tests' recovery check). */
export function relationsOf(table: ProtectedTable): ProtectedCell[][] {
  const lines: ProtectedCell[][] = []
  const { cells, rowTotals, colTotals, grandTotal } = table
  const columns = cells[0]?.length ?? 0
  if (rowTotals) {
    cells.forEach((row, r) => {
      lines.push([...row, rowTotals[r] as ProtectedCell])
    })
    if (colTotals && grandTotal) {
      lines.push([...colTotals, grandTotal])
    }
  }
  if (colTotals) {
    for (let c = 0; c < columns; c++) {
      lines.push([...cells.map((row) => row[c] as ProtectedCell), colTotals[c] as ProtectedCell])
    }
    if (rowTotals && grandTotal) {
      lines.push([...rowTotals, grandTotal])
    }
  }
  return lines
}

/** A protected entry as printed: the number (German format), or ".". */
export function showCell(entry: ProtectedCell, format: (n: number) => string = formatInteger): string {
  return entry.suppressed ? SUPPRESSED : format(entry.value)
}

/** A single count published on its own (no sums): small counts become ".". */
export function showCount(value: number): string {
  return isSmallCount(value) ? SUPPRESSED : formatInteger(value)
}

/**
 * A measure derived from `basis` cases (a mean, a share, a density, an amount): "." when the basis is a
 * small count, "–" when there is nothing to measure.
 */
export function showMeasure(
  value: number | null,
  basis: number,
  format: (n: number) => string = formatDecimal,
): string {
  if (value === null || basis === 0) {
    return NO_VALUE
  }
  return isSmallCount(basis) ? SUPPRESSED : format(value)
}

/** What a public document may say about a unit's presence. */
export interface PresenceShown {
  /** Share of staff absent, e.g. "12,5 %"; "." under five staff. */
  absenceRate: string
  /** FTE actually present; "." under five staff (it would give the absence back). */
  ftePresent: string
}

/**
 * Presence figures of a unit for publication: never a count of absent people, only a rate, and only from
 * five staff up.
 */
export function showPresence(unit: {
  staff: number
  absentPeople: number
  ftePresent: number
}): PresenceShown {
  if (unit.staff < MIN_STAFF_FOR_ABSENCE) {
    return { absenceRate: SUPPRESSED, ftePresent: SUPPRESSED }
  }
  return {
    absenceRate: formatPercent(unit.absentPeople / unit.staff),
    ftePresent: formatDecimal(unit.ftePresent),
  }
}

/** The presence rate for the traffic light on a public chart; null (no light shown) under five staff. */
export function publicPresenceRate(unit: {
  staff: number
  fteFilled: number
  ftePresent: number
}): number | null {
  if (unit.staff < MIN_STAFF_FOR_ABSENCE || unit.fteFilled <= 0) {
    return null
  }
  return unit.ftePresent / unit.fteFilled
}

const integerFormat = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0 })
const decimalFormat = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
const percentFormat = new Intl.NumberFormat('de-DE', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
})
const euroFormat = new Intl.NumberFormat('de-DE', {
  style: 'currency',
  currency: 'EUR',
  maximumFractionDigits: 0,
})

/** 1.234 */
export function formatInteger(n: number): string {
  return integerFormat.format(n)
}

/** 1.234,5 */
export function formatDecimal(n: number): string {
  return decimalFormat.format(n)
}

/** 12,5 % */
export function formatPercent(share: number): string {
  return percentFormat.format(share)
}

/** 1.235 € from cents */
export function formatEuroFromCents(cents: number): string {
  return euroFormat.format(cents / 100)
}
