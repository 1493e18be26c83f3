// SPDX-License-Identifier: EUPL-1.2
import type { Child } from 'hono/jsx'

/**
 * A KERN table with a caption (visible or for screen readers only), column headers and rows; the first
 * cell of each row is its row header. Shared by the provider and accommodation pages.
 */
export function SimpleTable(props: {
  caption: string
  visibleCaption?: boolean
  head: string[]
  rows: Child[][]
}) {
  return (
    <div class="kern-table-responsive">
      <table class="kern-table kern-table--striped">
        <caption class={props.visibleCaption ? 'kern-title' : 'kern-sr-only'}>{props.caption}</caption>
        <thead class="kern-table__header">
          <tr>
            {props.head.map((h) => (
              <th scope="col" class="kern-table__header">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="kern-table__body">
          {props.rows.map((row) => (
            <tr>
              {row.map((cell, i) =>
                i === 0 ? (
                  <th scope="row" class="kern-table__cell">
                    {cell}
                  </th>
                ) : (
                  <td class="kern-table__cell">{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
