// SPDX-License-Identifier: EUPL-1.2
import { t } from '../../../shared/i18n.js'
import { BackLink } from '../../../views/components/back-link.js'
import {
  Button,
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  FileField,
} from '../../../views/components/form.js'
import { Notice } from '../../../views/components/notice.js'
import { Layout } from '../../../views/layout.js'
import type { FormDef } from '../form/form.types.js'

export interface DocumentItem {
  id: string
  original_name: string
  media_type: string
  size: string
}

const TYPE_LABEL: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
}

/** Upload evidence for a draft; each upload is a separate POST so nothing depends on JavaScript. */
export function DocumentsPage(props: {
  form: FormDef
  documents: DocumentItem[]
  errors: FieldErrors
  notice?: string | undefined
  maxSize: string
  csrfToken: string
}) {
  const { form } = props
  const hasErrors = Object.keys(props.errors).length > 0
  const lastStep = form.steps[form.steps.length - 1]
  return (
    <Layout title={t('step.documents.title')} hasErrors={hasErrors}>
      <BackLink href={`/antrag/${form.slug}/${lastStep?.slug ?? ''}`}>{t('layout.back')}</BackLink>
      <ErrorSummary errors={props.errors} />
      <Notice text={props.notice} />
      <hgroup class="kern-hgroup">
        <p class="kern-preline">
          {t(form.title)} · {t('form.step_of', { n: form.steps.length + 1, total: form.steps.length + 2 })}
        </p>
        <h1 class="kern-heading-large">{t('step.documents.title')}</h1>
      </hgroup>
      <p class="kern-body">{t('step.documents.intro', { max: props.maxSize })}</p>
      <form
        method="post"
        action={`/antrag/${form.slug}/nachweise`}
        enctype="multipart/form-data"
        class="kern-stack"
      >
        <CsrfField token={props.csrfToken} />
        <FileField name="file" label={t('documents.file')} errors={props.errors} />
        <Button variant="secondary">{t('documents.upload')}</Button>
      </form>
      <h2 class="kern-heading-medium">{t('documents.uploaded_title')}</h2>
      {props.documents.length === 0 ? (
        <p class="kern-body">{t('documents.none')}</p>
      ) : (
        <div class="kern-table-responsive">
          <table class="kern-table">
            <thead class="kern-table__header">
              <tr>
                <th scope="col" class="kern-table__header">
                  {t('documents.table_name')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('documents.table_type')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('documents.table_size')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('documents.table_action')}
                </th>
              </tr>
            </thead>
            <tbody class="kern-table__body">
              {props.documents.map((d) => (
                <tr>
                  <td class="kern-table__cell">{d.original_name}</td>
                  <td class="kern-table__cell">{TYPE_LABEL[d.media_type] ?? d.media_type}</td>
                  <td class="kern-table__cell">{d.size}</td>
                  <td class="kern-table__cell">
                    <form method="post" action={`/antrag/${form.slug}/nachweise/entfernen`}>
                      <CsrfField token={props.csrfToken} />
                      <input type="hidden" name="documentId" value={d.id} />
                      <button type="submit" class="kern-btn kern-btn--tertiary">
                        <span class="kern-label">
                          {t('documents.remove_named', { name: d.original_name })}
                        </span>
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <a class="kern-btn kern-btn--primary" href={`/antrag/${form.slug}/pruefen`}>
          <span class="kern-label">{t('documents.continue')}</span>
        </a>
      </p>
    </Layout>
  )
}
