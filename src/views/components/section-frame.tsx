// SPDX-License-Identifier: EUPL-1.2
import type { Child } from 'hono/jsx'
import type { StaffPrincipal } from '../../http/context.js'
import { Layout, staffFrame } from '../layout.js'

/** A link of an area's own navigation (e.g. "Berichte", "Organisationsuntersuchung"). */
export interface SectionLink {
  href: string
  label: string
}

/** A staff page of an area with several pages: the layout plus the area's own navigation above the content. */
export function SectionFrame(props: {
  title: string
  hasErrors?: boolean | undefined
  staff: StaffPrincipal
  csrfToken: string
  navLabel: string
  links: readonly SectionLink[]
  children?: Child
}) {
  return (
    <Layout title={props.title} hasErrors={props.hasErrors} staff={staffFrame(props.staff, props.csrfToken)}>
      <nav aria-label={props.navLabel} class="sub-nav">
        <ul class="kern-list kern-list--horizontal">
          {props.links.map((link) => (
            <li>
              <a class="kern-link" href={link.href}>
                {link.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {props.children}
    </Layout>
  )
}
