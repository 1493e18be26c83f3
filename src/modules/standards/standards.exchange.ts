// SPDX-License-Identifier: EUPL-1.2
/**
 * The exchange format for process standards (docs/standards.md, docs/standards.schema.json): parsing JSON or
 * YAML with positions, validation against the JSON Schema, and German errors naming line and column.
 * JSON is YAML 1.2, so one parser (`yaml` with a LineCounter) gives positions for both.
 * @module
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import { type Document, isMap, isNode, isPair, isScalar, LineCounter, parseDocument, stringify } from 'yaml'
import schema from '../../../docs/standards.schema.json' with { type: 'json' }
import { t } from '../../shared/i18n.js'
import type { StandardStep } from './standards.domain.js'

export const EXCHANGE_FORMAT = 'lotse-standards/1'

/** One standard as it travels between offices. */
export interface ExchangedStandard {
  key: string
  title: string
  description?: string
  version?: number
  validFrom?: string
  changeNote?: string
  steps: StandardStep[]
}

export interface ExchangeFile {
  format: typeof EXCHANGE_FORMAT
  notice?: string
  standards: ExchangedStandard[]
}

/** A problem in an imported text, with its 1-based position. */
export interface ExchangeError {
  line: number
  column: number
  /** German, complete sentence without the position. */
  message: string
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: ExchangeError[] }

const ajv = new Ajv({ allErrors: true, strict: true })
ajv.addSchema(schema)

function compiled<T>(ref: string): ValidateFunction<T> {
  const fn = ajv.getSchema<T>(ref)
  if (!fn) {
    throw new Error(`standards schema: ${ref} did not compile`)
  }
  return fn
}
const validateFile = compiled<ExchangeFile>(schema.$id)
const validateSteps = compiled<StandardStep[]>(`${schema.$id}#/definitions/steps`)

const TYPE_NAMES: Record<string, string> = {
  string: 'Text',
  integer: 'ganze Zahl',
  number: 'Zahl',
  boolean: 'true oder false',
  array: 'Liste',
  object: 'Abschnitt mit Feldern',
}

/** `/standards/0/steps/2` → ['standards', 0, 'steps', 2]. */
function pointerPath(pointer: string): Array<string | number> {
  if (pointer === '') {
    return []
  }
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s))
}

/** `standards[0].steps[2].items` for a message; the root is "Datei". */
function readablePath(path: Array<string | number>): string {
  if (path.length === 0) {
    return t('standards.exchange.root')
  }
  return path.map((p, i) => (typeof p === 'number' ? `[${p + 1}]` : i === 0 ? p : `.${p}`)).join('')
}

function fieldName(path: Array<string | number>): string {
  const last = path[path.length - 1]
  return typeof last === 'string' ? last : readablePath(path)
}

function offsetOf(doc: Document, path: Array<string | number>, key?: string): number {
  const node = path.length === 0 ? doc.contents : doc.getIn(path, true)
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key)
    if (pair && isNode(pair.key) && pair.key.range) {
      return pair.key.range[0]
    }
  }
  if (isNode(node) && node.range) {
    return node.range[0]
  }
  return 0
}

function messageFor(error: ErrorObject, path: Array<string | number>): string {
  const where = readablePath(path)
  const params = error.params as Record<string, unknown>
  switch (error.keyword) {
    case 'required':
      return t('standards.exchange.required', { field: String(params.missingProperty), where })
    case 'additionalProperties':
      return t('standards.exchange.unknown_field', { field: String(params.additionalProperty), where })
    case 'type':
      return t('standards.exchange.type', {
        field: where,
        type: TYPE_NAMES[String(params.type)] ?? String(params.type),
      })
    case 'const':
      return t('standards.exchange.format', { format: EXCHANGE_FORMAT })
    case 'minItems':
      return t('standards.exchange.min_items', { field: where, limit: Number(params.limit) })
    case 'maxItems':
      return t('standards.exchange.max_items', { field: where, limit: Number(params.limit) })
    case 'minLength':
      return t('standards.exchange.empty', { field: where })
    case 'maxLength':
      return t('standards.exchange.too_long', { field: where, limit: Number(params.limit) })
    case 'minimum':
    case 'maximum':
      return t('standards.exchange.range', { field: where })
    case 'pattern': {
      const name = fieldName(path)
      if (name === 'url') {
        return t('standards.exchange.pattern_url', { field: where })
      }
      if (name === 'paragraph') {
        return t('standards.exchange.pattern_paragraph', { field: where })
      }
      if (name === 'validFrom') {
        return t('standards.exchange.pattern_date', { field: where })
      }
      return t('standards.exchange.pattern_key', { field: where })
    }
    default:
      return t('standards.exchange.invalid', { field: where })
  }
}

function position(lineCounter: LineCounter, offset: number): { line: number; column: number } {
  const pos = lineCounter.linePos(offset)
  return { line: pos.line, column: pos.col }
}

function schemaErrors(
  doc: Document,
  lineCounter: LineCounter,
  errors: ErrorObject[],
  base: Array<string | number>,
) {
  const out: ExchangeError[] = []
  for (const error of errors) {
    const path = [...base, ...pointerPath(error.instancePath)]
    const params = error.params as Record<string, unknown>
    const key = error.keyword === 'additionalProperties' ? String(params.additionalProperty) : undefined
    const message = messageFor(error, path)
    const at = position(lineCounter, offsetOf(doc, path, key))
    if (!out.some((e) => e.line === at.line && e.column === at.column && e.message === message)) {
      out.push({ ...at, message })
    }
  }
  return out
}

function duplicateKeyErrors(
  doc: Document,
  lineCounter: LineCounter,
  lists: Array<{ path: Array<string | number>; keys: string[] }>,
): ExchangeError[] {
  const out: ExchangeError[] = []
  for (const list of lists) {
    const seen = new Set<string>()
    list.keys.forEach((key, index) => {
      if (seen.has(key)) {
        const path = [...list.path, index, 'key']
        out.push({
          ...position(lineCounter, offsetOf(doc, path)),
          message: t('standards.exchange.duplicate_key', { key, where: readablePath(list.path) }),
        })
      }
      seen.add(key)
    })
  }
  return out
}

function parse(text: string): { doc: Document; lineCounter: LineCounter; errors: ExchangeError[] } {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, schema: 'core' })
  const errors = doc.errors.map((e) => ({
    ...position(lineCounter, e.pos[0]),
    message: t('standards.exchange.syntax', { detail: syntaxDetail(e.code) }),
  }))
  if (errors.length === 0 && (doc.contents === null || text.trim() === '')) {
    errors.push({ line: 1, column: 1, message: t('standards.exchange.empty_file') })
  }
  return { doc, lineCounter, errors }
}

function syntaxDetail(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return t('standards.exchange.syntax_duplicate')
    case 'BAD_INDENT':
    case 'TAB_AS_INDENT':
      return t('standards.exchange.syntax_indent')
    case 'MISSING_CHAR':
    case 'UNEXPECTED_TOKEN':
    case 'BLOCK_IN_FLOW':
      return t('standards.exchange.syntax_token')
    case 'MULTIPLE_DOCS':
      return t('standards.exchange.syntax_multiple')
    default:
      return t('standards.exchange.syntax_other')
  }
}

/**
 * Parses and validates an exchange file (JSON or YAML).
 * @returns the file, or every error found with line and column (syntax errors stop before validation)
 */
export function parseExchangeFile(text: string): ParseResult<ExchangeFile> {
  const { doc, lineCounter, errors } = parse(text)
  if (errors.length > 0) {
    return { ok: false, errors }
  }
  const value: unknown = doc.toJS()
  if (!validateFile(value)) {
    return { ok: false, errors: schemaErrors(doc, lineCounter, validateFile.errors ?? [], []) }
  }
  const duplicates = duplicateKeyErrors(doc, lineCounter, [
    { path: ['standards'], keys: value.standards.map((s) => s.key) },
    ...value.standards.map((s, i) => ({
      path: ['standards', i, 'steps'],
      keys: s.steps.map((st) => st.key),
    })),
  ])
  if (duplicates.length > 0) {
    return { ok: false, errors: duplicates }
  }
  return { ok: true, value }
}

/**
 * Parses and validates the steps of one version as edited on the page: a YAML (or JSON) list of steps.
 */
export function parseStepsText(text: string): ParseResult<StandardStep[]> {
  const { doc, lineCounter, errors } = parse(text)
  if (errors.length > 0) {
    return { ok: false, errors }
  }
  const value: unknown = doc.toJS()
  if (!validateSteps(value)) {
    return { ok: false, errors: schemaErrors(doc, lineCounter, validateSteps.errors ?? [], []) }
  }
  const duplicates = duplicateKeyErrors(doc, lineCounter, [{ path: [], keys: value.map((s) => s.key) }])
  if (duplicates.length > 0) {
    return { ok: false, errors: duplicates }
  }
  return { ok: true, value }
}

/** The steps as YAML, for the edit page. */
export function stepsToYaml(steps: readonly StandardStep[]): string {
  return stringify(steps, { lineWidth: 0 })
}

/** An exchange file as JSON (2-space indent) or YAML. */
export function serializeExchangeFile(file: ExchangeFile, as: 'json' | 'yaml'): string {
  return as === 'json' ? `${JSON.stringify(file, null, 2)}\n` : stringify(file, { lineWidth: 0 })
}

/** `Zeile 3, Spalte 5: …` */
export function formatExchangeError(error: ExchangeError): string {
  return t('standards.exchange.at', { line: error.line, column: error.column, message: error.message })
}
