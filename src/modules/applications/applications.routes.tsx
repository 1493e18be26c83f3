// SPDX-License-Identifier: EUPL-1.2
import { type Context, Hono } from 'hono'
import type { AppEnv } from '../../http/context.js'
import { COOKIE, clearAppCookie, readAppCookie, setAppCookie } from '../../http/cookies.js'
import { formText } from '../../http/form-input.js'
import { clientAddress, consumeRateLimit, type RateRule } from '../../http/rate-limit.js'
import { NotFoundError } from '../../shared/errors.js'
import { type MessageKey, t } from '../../shared/i18n.js'
import type { FieldErrors } from '../../views/components/form.js'
import { publicAccess } from '../auth/index.js'
import { attachRequestedDocument, listRequestsForCitizen } from '../cases/document-requests.service.js'
import { paymentCardService } from '../payment-card/index.js'
import * as service from './applications.service.js'
import type { ApplicationDraftRow, ApplicationRow } from './applications.table.js'
import { readStep, stepValues, summarizeStep } from './form/form.engine.js'
import type { FormAnswers, FormDef, StepAnswers } from './form/form.types.js'
import { FORMS, formByBenefitType, formBySlug } from './form/grundsicherung.form.js'
import { renderReceiptPdf } from './receipt.js'
import {
  DraftSavedPage,
  HomePage,
  ReceiptPage,
  ResumePage,
  ReviewPage,
  StatusLookupPage,
} from './views/CitizenPages.js'
import { DocumentsPage } from './views/DocumentsPage.js'
import { StepPage } from './views/StepPage.js'

/** 10 guesses per quarter hour per address: at 100 bits per code, guessing is hopeless. */
const RESUME_RULE: RateRule = { bucket: 'resume-code', limit: 10, windowSeconds: 900 }
const STATUS_RULE: RateRule = { bucket: 'status-lookup', limit: 10, windowSeconds: 900 }
const RECEIPT_COOKIE_SEPARATOR = '~'

/** Citizen routes: start page, application steps, uploads, submission, receipt and status. All public:
 * what a citizen can reach is bounded by the codes she holds (draft cookie, reference + access code). */
export function applicationsRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/', publicAccess, (c) => c.html(<HomePage forms={FORMS} csrfToken={c.get('csrfToken')} />))

  app.get('/antrag/fortsetzen', publicAccess, (c) =>
    c.html(<ResumePage values={{}} errors={{}} csrfToken={c.get('csrfToken')} />),
  )

  app.post('/antrag/fortsetzen', publicAccess, async (c) => {
    const { db } = c.get('deps')
    const code = ((await formText(c)).code ?? '').trim()
    const errors: FieldErrors = {}
    if (code === '') {
      errors.code = t('resume.required')
    } else {
      await consumeRateLimit(db, RESUME_RULE, clientAddress(c))
      const draft = await service.findDraft(db, code)
      const form = draft ? formByBenefitType(draft.benefit_type) : undefined
      if (draft && form) {
        setAppCookie(c, COOKIE.draft, code)
        return c.redirect(firstOpenStepHref(form, draft), 303)
      }
      errors.code = t('resume.invalid', { days: c.get('deps').config.draftRetentionDays })
    }
    return c.html(<ResumePage values={{ code }} errors={errors} csrfToken={c.get('csrfToken')} />, 422)
  })

  app.get('/antrag/gespeichert', publicAccess, async (c) => {
    const { draft, code } = await currentDraft(c)
    const form = formByBenefitType(draft.benefit_type)
    if (!form) {
      throw new NotFoundError('unknown form')
    }
    return c.html(
      <DraftSavedPage
        resumeCode={code}
        expiresAt={draft.expires_at}
        continueHref={firstOpenStepHref(form, draft)}
        incomplete={c.req.query('unvollstaendig') === '1'}
      />,
    )
  })

  app.get('/antrag/status', publicAccess, (c) =>
    c.html(<StatusLookupPage values={{}} errors={{}} csrfToken={c.get('csrfToken')} />),
  )

  app.post('/antrag/status', publicAccess, async (c) => {
    const { db } = c.get('deps')
    const input = await formText(c)
    const reference = (input.reference ?? '').trim()
    const accessCode = (input.accessCode ?? '').trim()
    const errors: FieldErrors = {}
    if (reference === '') {
      errors.reference = t('status.reference_required')
    }
    if (accessCode === '') {
      errors.accessCode = t('status.access_code_required')
    }
    if (Object.keys(errors).length === 0) {
      await consumeRateLimit(db, STATUS_RULE, clientAddress(c))
      const application = await service.findApplicationForCitizen(
        db,
        reference,
        accessCode,
        c.get('requestId'),
      )
      if (application) {
        setAppCookie(c, COOKIE.receipt, [application.reference, accessCode].join(RECEIPT_COOKIE_SEPARATOR))
        return renderStatus(c, application, accessCode)
      }
      errors.reference = t('status.not_found')
    }
    return c.html(
      <StatusLookupPage values={{ reference, accessCode }} errors={errors} csrfToken={c.get('csrfToken')} />,
      422,
    )
  })

  // The status page again, for the holder of the receipt cookie (after an upload, or a reload).
  app.get('/antrag/status/ansicht', publicAccess, async (c) => {
    const { application, accessCode } = await receiptApplication(c)
    const uploaded = c.req.query('hochgeladen')
    return renderStatus(c, application, accessCode, {
      notice: uploaded ? t('status.request_uploaded', { name: uploaded.slice(0, 200) }) : undefined,
    })
  })

  app.post('/antrag/unterlagen/:requestId', publicAccess, async (c) => {
    const { application, accessCode } = await receiptApplication(c)
    const { db, fileStore, config } = c.get('deps')
    const requestId = c.req.param('requestId')
    const file = (await c.req.parseBody()).file
    if (!(file instanceof File) || (file.size === 0 && file.name === '')) {
      return renderStatus(c, application, accessCode, {
        error: { requestId, message: t('status.request_file_required') },
      })
    }
    try {
      const { name } = await attachRequestedDocument(
        db,
        fileStore,
        application.id,
        requestId,
        { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) },
        config.uploadMaxBytes,
        c.get('requestId'),
      )
      return c.redirect(`/antrag/status/ansicht?hochgeladen=${encodeURIComponent(name)}`, 303)
    } catch (error) {
      if (error instanceof service.UploadRejectedError) {
        return renderStatus(c, application, accessCode, {
          error: { requestId, message: t(error.messageKey, error.params) },
        })
      }
      throw error
    }
  })

  app.get('/antrag/eingangsbestaetigung', publicAccess, async (c) => {
    const { application, accessCode } = await receiptApplication(c)
    return c.html(<ReceiptPage receipt={receiptView(application, accessCode)} mode="receipt" />)
  })

  app.get('/antrag/eingangsbestaetigung.pdf', publicAccess, async (c) => {
    const { application } = await receiptApplication(c)
    const form = formByBenefitType(application.benefit_type)
    if (!form) {
      throw new NotFoundError('unknown form')
    }
    const pdf = await renderReceiptPdf(form, application)
    return c.body(new Uint8Array(pdf), 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="Eingangsbestaetigung-${application.reference}.pdf"`,
      'Cache-Control': 'no-store',
    })
  })

  app.post('/antrag/:form/starten', publicAccess, async (c) => {
    const form = requireForm(c.req.param('form'))
    const { db, config } = c.get('deps')
    const { resumeCode } = await service.startDraft(db, form, config.draftRetentionDays)
    setAppCookie(c, COOKIE.draft, resumeCode)
    return c.redirect(`/antrag/${form.slug}/${form.steps[0]?.slug}`, 303)
  })

  app.get('/antrag/:form/nachweise', publicAccess, async (c) => {
    const form = requireForm(c.req.param('form'))
    const { draft } = await currentDraft(c)
    return renderDocuments(c, form, draft, {}, 200, c.req.query('hochgeladen'))
  })

  app.post('/antrag/:form/nachweise', publicAccess, async (c) => {
    const form = requireForm(c.req.param('form'))
    const { draft } = await currentDraft(c)
    const { db, fileStore, config } = c.get('deps')
    const body = await c.req.parseBody()
    const file = body.file
    if (!(file instanceof File) || (file.size === 0 && file.name === '')) {
      return renderDocuments(c, form, draft, { file: t('documents.required') }, 422)
    }
    try {
      const { name } = await service.addDraftDocument(
        db,
        fileStore,
        draft,
        { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) },
        config.uploadMaxBytes,
      )
      return c.redirect(`/antrag/${form.slug}/nachweise?hochgeladen=${encodeURIComponent(name)}`, 303)
    } catch (error) {
      if (error instanceof service.UploadRejectedError) {
        return renderDocuments(c, form, draft, { file: t(error.messageKey, error.params) }, 422)
      }
      throw error
    }
  })

  app.post('/antrag/:form/nachweise/entfernen', publicAccess, async (c) => {
    const form = requireForm(c.req.param('form'))
    const { draft } = await currentDraft(c)
    await service.removeDraftDocument(c.get('deps').db, draft, (await formText(c)).documentId ?? '')
    return c.redirect(`/antrag/${form.slug}/nachweise`, 303)
  })

  app.get('/antrag/:form/pruefen', publicAccess, async (c) => {
    const form = requireForm(c.req.param('form'))
    const { draft } = await currentDraft(c)
    return renderReview(c, form, draft, false)
  })

  app.post('/antrag/:form/absenden', publicAccess, async (c) => {
    const form = requireForm(c.req.param('form'))
    const { draft } = await currentDraft(c)
    const answers = draft.answers as FormAnswers
    if (service.incompleteSteps(form, answers).length > 0) {
      return renderReview(c, form, draft, true)
    }
    const receipt = await service.submitDraft(c.get('deps').db, form, draft.id, c.get('requestId'))
    // Committed: only now may the citizen see the receipt.
    clearAppCookie(c, COOKIE.draft)
    setAppCookie(c, COOKIE.receipt, [receipt.reference, receipt.accessCode].join(RECEIPT_COOKIE_SEPARATOR))
    return c.redirect('/antrag/eingangsbestaetigung', 303)
  })

  app.get('/antrag/:form/:step', publicAccess, async (c) => {
    const form = requireForm(c.req.param('form'))
    const step = requireStep(form, c.req.param('step'))
    const { draft } = await currentDraft(c)
    const { values, rowCount } = stepValues(step, (draft.answers as FormAnswers)[step.id])
    return c.html(
      <StepPage
        form={form}
        step={step}
        values={values}
        errors={{}}
        rowCount={rowCount}
        csrfToken={c.get('csrfToken')}
        backHref={previousHref(form, step.id)}
      />,
    )
  })

  app.post('/antrag/:form/:step', publicAccess, async (c) => {
    const form = requireForm(c.req.param('form'))
    const step = requireStep(form, c.req.param('step'))
    const { draft } = await currentDraft(c)
    const { db, config } = c.get('deps')
    const input = await formText(c)
    const action = input.action ?? 'continue'
    const list = step.list
    if (list && (action.startsWith('add:') || action.startsWith('remove:'))) {
      // Rearranging entries keeps what was typed and shows no errors yet (GOV.UK "add another").
      const edited = editList(input, list.name, action)
      const result = readStep(step, edited)
      // The page always shows at least one entry, so "add" must show one more than that, even when all are empty.
      const shown = Math.max(result.rowCount, 1)
      const rowCount = Math.min(action.startsWith('add:') ? shown + 1 : result.rowCount, list.max)
      return c.html(
        <StepPage
          form={form}
          step={step}
          values={result.values}
          errors={{}}
          rowCount={rowCount}
          csrfToken={c.get('csrfToken')}
          backHref={previousHref(form, step.id)}
        />,
      )
    }
    const result = readStep(step, input)
    const valid = Object.keys(result.errors).length === 0
    if (action === 'save') {
      // What fails the checks is not stored, but must not wipe what was saved for that field before.
      const previous = (draft.answers as FormAnswers)[step.id] ?? {}
      const answers = valid ? result.answers : { ...previous, ...result.answers }
      await service.saveDraftStep(db, draft, step.id, answers, valid, config.draftRetentionDays)
      return c.redirect(`/antrag/gespeichert${valid ? '' : '?unvollstaendig=1'}`, 303)
    }
    if (!valid) {
      return c.html(
        <StepPage
          form={form}
          step={step}
          values={result.values}
          errors={result.errors}
          rowCount={result.rowCount}
          csrfToken={c.get('csrfToken')}
          backHref={previousHref(form, step.id)}
        />,
        422,
      )
    }
    await service.saveDraftStep(db, draft, step.id, result.answers, true, config.draftRetentionDays)
    return c.redirect(nextHref(form, step.id), 303)
  })

  return app
}

// biome-ignore lint/suspicious/noExplicitAny: helpers serve routes with different path params
type Ctx = Context<AppEnv, any>

function requireForm(slug: string): FormDef {
  const form = formBySlug(slug)
  if (!form) {
    throw new NotFoundError(`no form ${slug}`)
  }
  return form
}

function requireStep(form: FormDef, slug: string) {
  const step = form.steps.find((s) => s.slug === slug)
  if (!step) {
    throw new NotFoundError(`no step ${slug}`)
  }
  return step
}

/** The draft whose resume code is in the cookie. */
async function currentDraft(c: Ctx): Promise<{ draft: ApplicationDraftRow; code: string }> {
  const code = readAppCookie(c, COOKIE.draft)
  const draft = code ? await service.findDraft(c.get('deps').db, code) : undefined
  if (!code || !draft) {
    throw new service.DraftMissingError('no draft for this browser')
  }
  return { draft, code }
}

async function receiptApplication(c: Ctx): Promise<{ application: ApplicationRow; accessCode: string }> {
  const [reference = '', accessCode = ''] = (readAppCookie(c, COOKIE.receipt) ?? '').split(
    RECEIPT_COOKIE_SEPARATOR,
  )
  const application = await service.findApplicationForCitizen(
    c.get('deps').db,
    reference,
    accessCode,
    c.get('requestId'),
  )
  if (!application) {
    throw new ReceiptGoneError('no receipt')
  }
  return { application, accessCode }
}

class ReceiptGoneError extends NotFoundError {
  override readonly messageKey: MessageKey = 'receipt.gone'
}

/** The status page with the documents the office asked for; 422 when an upload was refused. */
async function renderStatus(
  c: Ctx,
  application: ApplicationRow,
  accessCode: string,
  extra: { error?: { requestId: string; message: string }; notice?: string | undefined } = {},
) {
  const requests = await listRequestsForCitizen(c.get('deps').db, application.id)
  return c.html(
    <ReceiptPage
      receipt={receiptView(application, accessCode)}
      mode="status"
      cardLink={await paymentCardService.isCardHousehold(c.get('deps').db, application)}
      requests={{
        list: requests.map((r) => ({
          id: r.id,
          description: r.description,
          dueOn: r.due_on,
          fulfilled: r.fulfilled_at !== null,
          uploaded: Number(r.uploaded ?? 0),
        })),
        csrfToken: c.get('csrfToken'),
        ...extra,
      }}
    />,
    extra.error ? 422 : 200,
  )
}

function receiptView(application: ApplicationRow, accessCode: string) {
  const form = formByBenefitType(application.benefit_type)
  return {
    benefitTitle: form ? t(form.title) : application.benefit_type,
    reference: application.reference,
    submittedAt: application.submitted_at,
    accessCode,
    statusLabel: t(`application_status.${application.status}`),
    statusText: t(`application_status.${application.status}.citizen`),
    statusSince: application.status_changed_at,
  }
}

function firstOpenStepHref(form: FormDef, draft: ApplicationDraftRow): string {
  const open = form.steps.find((s) => !draft.completed_steps.includes(s.id))
  return open ? `/antrag/${form.slug}/${open.slug}` : `/antrag/${form.slug}/pruefen`
}

function nextHref(form: FormDef, stepId: string): string {
  const i = form.steps.findIndex((s) => s.id === stepId)
  const next = form.steps[i + 1]
  return next ? `/antrag/${form.slug}/${next.slug}` : `/antrag/${form.slug}/nachweise`
}

function previousHref(form: FormDef, stepId: string): string {
  const i = form.steps.findIndex((s) => s.id === stepId)
  const previous = form.steps[i - 1]
  return previous ? `/antrag/${form.slug}/${previous.slug}` : '/'
}

/** Applies "add" or "remove:<list>:<index>" to the raw input by renumbering the list's fields. */
function editList(input: Record<string, string>, listName: string, action: string): Record<string, string> {
  const [verb, name, indexText] = action.split(':')
  if (name !== listName || verb !== 'remove') {
    return input
  }
  const removed = Number(indexText)
  const out: Record<string, string> = {}
  const prefix = `${listName}.`
  for (const [key, value] of Object.entries(input)) {
    if (!key.startsWith(prefix)) {
      out[key] = value
      continue
    }
    const [indexPart, ...rest] = key.slice(prefix.length).split('.')
    const index = Number(indexPart)
    if (index === removed) {
      continue
    }
    out[`${prefix}${index > removed ? index - 1 : index}.${rest.join('.')}`] = value
  }
  return out
}

async function renderDocuments(
  c: Ctx,
  form: FormDef,
  draft: ApplicationDraftRow,
  errors: FieldErrors,
  status: 200 | 422,
  uploadedName?: string,
) {
  const { db, config } = c.get('deps')
  const documents = await service.listDraftDocuments(db, draft.id)
  return c.html(
    <DocumentsPage
      form={form}
      documents={documents.map((d) => ({ ...d, size: service.formatBytes(d.size_bytes) }))}
      errors={errors}
      notice={uploadedName ? t('documents.uploaded', { name: uploadedName }) : undefined}
      maxSize={service.formatBytes(config.uploadMaxBytes)}
      csrfToken={c.get('csrfToken')}
    />,
    status,
  )
}

async function renderReview(c: Ctx, form: FormDef, draft: ApplicationDraftRow, showErrors: boolean) {
  const answers = draft.answers as FormAnswers
  const documents = await service.listDraftDocuments(c.get('deps').db, draft.id)
  const errors: FieldErrors = {}
  if (showErrors) {
    for (const stepId of service.incompleteSteps(form, answers)) {
      const step = form.steps.find((s) => s.id === stepId)
      if (step) {
        errors[`section-${step.id}`] = t('review.incomplete', { step: t(step.title) })
      }
    }
  }
  return c.html(
    <ReviewPage
      form={form}
      sections={form.steps.map((s) => ({
        id: s.id,
        title: t(s.title),
        href: `/antrag/${form.slug}/${s.slug}`,
        rows: summarizeStep(s, answers[s.id] as StepAnswers | undefined),
      }))}
      documentCount={documents.length}
      errors={errors}
      csrfToken={c.get('csrfToken')}
    />,
    showErrors ? 422 : 200,
  )
}
