// SPDX-License-Identifier: EUPL-1.2
import type { Change } from 'diff'
import { t } from '../../../shared/i18n.js'

/**
 * One side of a word or line diff. Removed text is a <del>, added text an <ins> (struck through and
 * underlined by the browser), each with a hidden "entfernt:"/"hinzugefügt:" for screen readers: the change
 * never depends on colour alone.
 */
export function DiffText({ parts, side }: { parts: Change[]; side: 'old' | 'new' }) {
  return (
    <>
      {parts.map((p) => {
        if (p.added) {
          return side === 'new' ? (
            <ins>
              <span class="kern-sr-only">{t('standards.diff.added_sr')} </span>
              {p.value}
            </ins>
          ) : null
        }
        if (p.removed) {
          return side === 'old' ? (
            <del>
              <span class="kern-sr-only">{t('standards.diff.removed_sr')} </span>
              {p.value}
            </del>
          ) : null
        }
        return <span>{p.value}</span>
      })}
    </>
  )
}
