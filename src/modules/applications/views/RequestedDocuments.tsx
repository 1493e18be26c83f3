// SPDX-License-Identifier: EUPL-1.2
import { formatIsoDate } from '../../../shared/dates.js'
import { t } from '../../../shared/i18n.js'
import { Button, CsrfField, FileField } from '../../../views/components/form.js'

export interface RequestedDocument {
  id: string
  description: string
  dueOn: string
  fulfilled: boolean
  uploaded: number
}

/**
 * The documents the office asked for, on the citizen's status page, each with its own upload form (no
 * JavaScript needed). A rejected file shows its error at the form it came from.
 */
export function RequestedDocuments(props: {
  requests: RequestedDocument[]
  csrfToken: string
  error?: { requestId: string; message: string } | undefined
}) {
  if (props.requests.length === 0) {
    return null
  }
  return (
    <section aria-labelledby="requested-documents" class="kern-stack">
      <h2 class="kern-heading-medium" id="requested-documents">
        {t('status.requests_title')}
      </h2>
      {props.requests.map((r) => {
        const error = props.error?.requestId === r.id ? props.error.message : undefined
        return (
          <form
            method="post"
            action={`/antrag/unterlagen/${r.id}`}
            enctype="multipart/form-data"
            class="kern-stack requested-document"
          >
            <CsrfField token={props.csrfToken} />
            <p class="kern-body">
              <strong>{r.description}</strong>
              <br />
              {r.fulfilled
                ? t('status.request_received', { count: r.uploaded })
                : t('status.request_due', { date: formatIsoDate(r.dueOn) })}
            </p>
            <FileField
              name="file"
              id={`f-request-${r.id}`}
              label={r.fulfilled ? t('status.request_more') : t('status.request_file')}
              errors={error ? { file: error } : {}}
            />
            <Button variant="secondary">{t('status.request_upload')}</Button>
          </form>
        )
      })}
    </section>
  )
}
