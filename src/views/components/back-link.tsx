// SPDX-License-Identifier: EUPL-1.2
import type { Child } from 'hono/jsx'

/** The "back" link at the top of a page, to the page the person came from. */
export function BackLink(props: { href: string; children: Child }) {
  return (
    <a class="kern-link back-link" href={props.href}>
      {props.children}
    </a>
  )
}
