// SPDX-License-Identifier: EUPL-1.2
import type { Child } from 'hono/jsx'

/** Label/value rows as a KERN description list. */
export function Facts(props: { rows: Array<{ label: string; value: Child }> }) {
  return (
    <dl class="kern-description-list">
      {props.rows.map((row) => (
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{row.label}</dt>
          <dd class="kern-description-list-item__value">{row.value}</dd>
        </div>
      ))}
    </dl>
  )
}

/** Text typed by a person, paragraph by paragraph (no markup is ever interpreted). */
export function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n+/)
        .filter((p) => p.trim() !== '')
        .map((p) => (
          <p class="kern-body">{p}</p>
        ))}
    </>
  )
}

/** A success notice after an action. */
