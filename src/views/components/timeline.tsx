// SPDX-License-Identifier: EUPL-1.2
import { formatDateTime } from '../../shared/dates.js'

/** One dated line of a timeline; `by` (who did it) is shown in brackets after the text when known. */
export type TimelineItem = { at: Date; text: string; by?: string | null }

/** A titled section listing dated events in order (case file history, complaint timeline). */
export function TimelineSection(props: { heading: string; items: TimelineItem[] }) {
  return (
    <section aria-labelledby="sec-timeline">
      <h2 class="kern-heading-small" id="sec-timeline">
        {props.heading}
      </h2>
      <ol class="kern-list timeline">
        {props.items.map((e) => (
          <li>
            <time datetime={e.at.toISOString()}>{formatDateTime(e.at)}</time>: {e.text}
            {e.by ? ` (${e.by})` : ''}
          </li>
        ))}
      </ol>
    </section>
  )
}
