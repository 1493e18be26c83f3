// SPDX-License-Identifier: EUPL-1.2
import type { Child } from 'hono/jsx'

/** One label/value row; `null`/`false` rows are left out, so optional rows can be written inline. */
export type DescriptionRow = { label: string; value: Child } | null | false | undefined

/** Label/value rows as a KERN description list (`dl` with `dt`/`dd` pairs). */
export function DescriptionList(props: { rows: DescriptionRow[] }) {
  return (
    <dl class="kern-description-list">
      {props.rows
        .filter((row) => !!row)
        .map((row) => (
          <div class="kern-description-list-item">
            <dt class="kern-description-list-item__key">{row.label}</dt>
            <dd class="kern-description-list-item__value">{row.value}</dd>
          </div>
        ))}
    </dl>
  )
}
