// SPDX-License-Identifier: EUPL-1.2
import { t } from '../../shared/i18n.js'
import type { FieldErrors } from '../../views/components/form.js'

function hasControl(text: string, multiline: boolean): boolean {
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0
    const control = code < 32 || (code >= 127 && code < 160)
    if (control && !(multiline && (ch === '\n' || ch === '\r' || ch === '\t'))) {
      return true
    }
  }
  return false
}

/**
 * A required text field of the accommodation forms: trimmed, `min`..`max` characters, no control characters
 * (line breaks only when `multiline`). Writes a German error into `errors[name]` and returns null when refused.
 */
export function parseText(
  raw: string | undefined,
  min: number,
  max: number,
  errors: FieldErrors,
  name: string,
  multiline = false,
): string | null {
  const text = (raw ?? '').trim()
  if (text === '') {
    errors[name] = t('accommodation.error.required')
    return null
  }
  if (hasControl(text, multiline)) {
    errors[name] = t('accommodation.error.invalid_characters')
    return null
  }
  if (text.length < min || text.length > max) {
    errors[name] = t('accommodation.error.length', { min, max })
    return null
  }
  return text
}
