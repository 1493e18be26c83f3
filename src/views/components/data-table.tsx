// SPDX-License-Identifier: EUPL-1.2
import type { Child } from 'hono/jsx'

/**
 * A KERN table: a caption (visible, or for screen readers only), column headers and rows. By default the
 * first cell of each row is its row header, so a screen reader announces which record a cell belongs to;
 * `rowHeader={false}` keeps every cell a data cell where the first column does not name the row.
 * Rows are striped (KERN stripes only rows marked `kern-table__row`); `striped={false}` keeps them plain.
 */
export function DataTable(props: {
  caption: string
  visibleCaption?: boolean
  head: string[]
  rows: Child[][]
  rowHeader?: boolean
  striped?: boolean
}) {
  const rowHeader = props.rowHeader ?? true
  const striped = props.striped ?? true
  return (
    <div class="kern-table-responsive">
      <table class={striped ? 'kern-table kern-table--striped' : 'kern-table'}>
        <caption class={props.visibleCaption ? 'kern-title' : 'kern-sr-only'}>{props.caption}</caption>
        <thead class="kern-table__header">
          <tr class="kern-table__row">
            {props.head.map((h) => (
              <th scope="col" class="kern-table__header">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="kern-table__body">
          {props.rows.map((row) => (
            <tr class="kern-table__row">
              {row.map((cell, i) =>
                rowHeader && i === 0 ? (
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
