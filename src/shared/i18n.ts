// SPDX-License-Identifier: EUPL-1.2
import de from '../locales/de.json' with { type: 'json' }

export type MessageKey = keyof typeof de
export type MessageParams = Record<string, string | number>

const catalogue: Record<string, string> = de

/**
 * Looks a text up in the German catalogue and fills `{name}` placeholders.
 * An unknown key is a programming error and throws, so that a missing text never reaches a user unseen.
 * @example t('receipt.reference', { reference: 'GS-2026-0000001' })
 */
export function t(key: MessageKey, params?: MessageParams): string {
  const text = catalogue[key]
  if (text === undefined) {
    throw new Error(`Missing message: ${key}`)
  }
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m)) : text
}

/** True when `key` is in the catalogue; for keys computed at run time (e.g. from Zod issues). */
export function isMessageKey(key: string): key is MessageKey {
  return key in catalogue
}
