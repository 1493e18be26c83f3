// SPDX-License-Identifier: EUPL-1.2
import { t } from '../../../shared/i18n.js'
import { Button, CsrfField, type Option, SelectField } from '../../../views/components/form.js'

/** What the case page shows of a case waiting in a team queue (ADR 0029). */
export interface TeamQueueInfo {
  team: string
  /** Her posts in that team (held or covered): where she may take the case. */
  posts: Option[]
}

/** "Teameingang <team>" and, for a team member, the form that takes the case onto one of her posts. */
export function TeamQueuePanel(props: {
  applicationId: string
  csrfToken: string
  queue: TeamQueueInfo | undefined
  readOnly: boolean
}) {
  if (!props.queue) {
    return null
  }
  return (
    <section aria-labelledby="team-queue" class="kern-alert kern-alert--info">
      <div class="kern-alert__body">
        <h2 class="kern-heading-small" id="team-queue">
          {t('inbox.team_queue', { team: props.queue.team })}
        </h2>
        {!props.readOnly && props.queue.posts.length > 0 ? (
          <form method="post" action={`/sachbearbeitung/antraege/${props.applicationId}/uebernehmen`}>
            <CsrfField token={props.csrfToken} />
            <SelectField
              name="postId"
              label={t('inbox.team_queue_post')}
              options={props.queue.posts}
              values={{ postId: props.queue.posts[0]?.value ?? '' }}
              errors={{}}
            />
            <Button variant="secondary">{t('inbox.team_queue_take')}</Button>
          </form>
        ) : null}
      </div>
    </section>
  )
}
