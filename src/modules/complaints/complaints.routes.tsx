// SPDX-License-Identifier: EUPL-1.2

import { stringify } from 'csv-stringify/sync'
import { type Context, Hono } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import type { AppEnv, StaffPrincipal } from '../../http/context.js'
import { formText } from '../../http/form-input.js'
import { clientAddress, consumeRateLimit, type RateRule } from '../../http/rate-limit.js'
import { formatBytes } from '../../shared/bytes.js'
import { todayIso } from '../../shared/dates.js'
import { type MessageKey, t } from '../../shared/i18n.js'
import type { FieldErrors, FieldValues, Option } from '../../views/components/form.js'
import { TextPage } from '../../views/TextPage.js'
import { publicAccess, requireStaff, staffAccess } from '../auth/index.js'
import { sendDocument } from '../telework/index.js'
import {
  type ComplaintFieldErrors,
  ComplaintRejectedError,
  ComplaintStateError,
} from './complaints.errors.js'
import { COMPLAINT_ROLES, FORWARD_ROLES, REPORT_ROLES } from './complaints.policy.js'
import { buildComplaintReport, type ComplaintReport, parsePeriod } from './complaints.reports.js'
import * as service from './complaints.service.js'
import type { ComplaintStatus, RoutingDecision } from './complaints.table.js'
import { ComplaintFormPage, ComplaintReceivedPage, FeedbackPage } from './views/PublicPages.js'
import { ReportPage } from './views/ReportPage.js'
import {
  ComplaintDetailPage,
  ComplaintIntakePage,
  ComplaintListPage,
  channelLabel,
  type DetailView,
  routingText,
} from './views/StaffPages.js'

/** 10 complaints per quarter hour per address: enough for a family, too few for a flood. */
const SUBMIT_RULE: RateRule = { bucket: 'complaint-submit', limit: 10, windowSeconds: 900 }
const FEEDBACK_RULE: RateRule = { bucket: 'complaint-feedback', limit: 10, windowSeconds: 900 }
/** Carries the reference from the form's POST to the confirmation page (POST-redirect-GET), for an hour. */
const RECEIVED_COOKIE = 'lotse_complaint'
const PUBLIC_FIELDS = [
  'category',
  'description',
  'caseReference',
  'contactName',
  'contactEmail',
  'contactPhone',
  'contactAddress',
]

const complaintStaff = staffAccess(...COMPLAINT_ROLES)

/** German messages for the field errors of a refused complaint or step. */
export function germanErrors(errors: ComplaintFieldErrors): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([field, e]) => [field, t(e.key, e.params)]))
}

/** Text fields and files of a multipart form (files under `attachments`, one or several). */
async function readMultipart(c: Context<AppEnv>) {
  const body = await c.req.parseBody({ all: true })
  const values: Record<string, string> = {}
  const files: File[] = []
  for (const [name, value] of Object.entries(body)) {
    if (name === 'attachments') {
      for (const v of Array.isArray(value) ? value : [value]) {
        if (v instanceof File) {
          files.push(v)
        }
      }
    } else if (typeof value === 'string') {
      values[name] = value
    }
  }
  const uploads = await Promise.all(
    files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
  )
  return { values, uploads }
}

function pick(values: Record<string, string>, names: string[]): FieldValues {
  return Object.fromEntries(names.map((n) => [n, values[n]]))
}

async function categoryOptions(c: Context<AppEnv>): Promise<Option[]> {
  return (await service.listCategories(c.get('deps').db)).map((cat) => ({
    value: cat.code,
    label: cat.label,
  }))
}

function parseStatus(value: string | undefined): ComplaintStatus | undefined {
  return service.STATUSES.find((s) => s === value)
}

/** The "notice" after a redirect: one of the known action names, else nothing. */
function noticeFor(value: string | undefined): string | undefined {
  const known = ['acknowledged', 'forwarded', 'answered', 'root_cause', 'closed', 'created']
  return value && known.includes(value) ? t(`complaints.notice.${value}` as MessageKey) : undefined
}

function eventText(kind: string, details: Record<string, unknown>): string {
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '')
  switch (kind) {
    case 'received':
      return t('complaints.event.received', { channel: channelLabel(str(details.channel)) })
    case 'routed':
    case 'forwarded':
      return t(`complaints.event.${kind}`, { routing: routingText(details as unknown as RoutingDecision) })
    case 'root_cause':
      return t('complaints.event.root_cause', {
        cause: t(`complaints.root_cause.${str(details.rootCause)}` as MessageKey),
      })
    case 'answered':
      return t('complaints.event.answered', {
        channel: t(`complaints.reply_channel.${str(details.channel)}` as MessageKey),
      })
    case 'escalated':
    case 'ack_escalated':
      return t(`complaints.event.${kind}`, { lead: str(details.lead) })
    case 'feedback':
      return t('complaints.event.feedback', { rating: str(details.rating) })
    case 'acknowledged':
    case 'closed':
    case 'reminder':
    case 'ack_reminder':
    case 'mail_sent':
      return t(`complaints.event.${kind}`)
    default:
      return t('complaints.event.other')
  }
}

/** Loads a complaint for its page (audited by the service) and renders it, with form errors if any. */
async function renderDetail(
  c: Context<AppEnv>,
  staff: StaffPrincipal,
  id: string,
  form: { values?: FieldValues; errors?: FieldErrors; status?: 200 | 409 | 422 } = {},
) {
  const { db } = c.get('deps')
  const {
    complaint: row,
    category,
    attachments,
    events,
    caseMention,
  } = await service.getComplaintForStaff(db, staff, id, c.get('requestId'))
  const view: DetailView = {
    id: row.id,
    reference: row.reference,
    status: row.status,
    escalated: row.escalated || row.ack_escalated_at !== null,
    category: category.label,
    channel: row.channel,
    receivedAt: row.received_at,
    ackDueOn: row.ack_due_on,
    responseDueOn: row.response_due_on,
    routing: row.routing,
    caseMention,
    description: row.description,
    contact: {
      name: row.contact_name,
      email: row.contact_email,
      phone: row.contact_phone,
      address: row.contact_address,
    },
    attachments: attachments.map((a) => ({
      id: a.id,
      name: a.original_name,
      size: formatBytes(a.size_bytes),
      kind: a.kind,
    })),
    reply: row.reply_channel && row.reply_text ? { channel: row.reply_channel, text: row.reply_text } : null,
    rootCause: row.root_cause
      ? {
          label: t(`complaints.root_cause.${row.root_cause}` as MessageKey),
          note: row.root_cause_note,
          measure: row.measure,
        }
      : null,
    feedback: row.feedback_rating ? { rating: row.feedback_rating, comment: row.feedback_comment } : null,
    events: events.map((e) => ({ at: e.at, text: eventText(e.kind, e.details), actor: e.actor })),
  }
  const units = (await service.listUnits(db)).map((u) => ({
    value: u.id,
    label: `${u.short_code} ${u.name}`,
  }))
  return c.html(
    <ComplaintDetailPage
      staff={staff}
      csrfToken={c.get('csrfToken')}
      complaint={view}
      units={units}
      rootCauses={service.ROOT_CAUSES.map((r) => ({
        value: r,
        label: t(`complaints.root_cause.${r}` as MessageKey),
      }))}
      mayForward={FORWARD_ROLES.includes(staff.role)}
      values={
        form.values ?? {
          rootCause: row.root_cause ?? '',
          rootCauseNote: row.root_cause_note ?? '',
          measure: row.measure ?? '',
        }
      }
      errors={form.errors ?? {}}
      notice={noticeFor(c.req.query('erledigt'))}
    />,
    form.status ?? 200,
  )
}

/**
 * Runs a workflow step from a detail-page form; refused input and impossible steps show the page again
 * with the reason (422 / 409), success redirects back with a notice.
 */
async function step(
  c: Context<AppEnv>,
  action: string,
  run: (staff: StaffPrincipal, input: Record<string, string>) => Promise<unknown>,
) {
  const staff = requireStaff(c)
  const id = c.req.param('id') ?? ''
  const input = await formText(c)
  try {
    await run(staff, input)
  } catch (error) {
    if (error instanceof ComplaintRejectedError) {
      return renderDetail(c, staff, id, {
        values: input,
        errors: germanErrors(error.fieldErrors),
        status: 422,
      })
    }
    if (error instanceof ComplaintStateError) {
      return renderDetail(c, staff, id, {
        values: input,
        errors: { action: t(error.messageKey) },
        status: 409,
      })
    }
    throw error
  }
  return c.redirect(`/beschwerden/${id}?erledigt=${action}`, 303)
}

const CSV_TABLES = ['kennzahlen', 'kategorien', 'einheiten', 'ursachen'] as const

/** One report table as rows for CSV (semicolon-separated, as German spreadsheets expect). */
function csvRows(report: ComplaintReport, table: (typeof CSV_TABLES)[number]): string[][] {
  const months = report.months
  const decimal = (n: number | null) =>
    n === null ? '' : String(Math.round(n * 1000) / 1000).replace('.', ',')
  switch (table) {
    case 'kennzahlen': {
      const f = report.figures
      return [
        [t('complaints.report.col_figure'), t('complaints.report.col_value')],
        [t('complaints.report.received'), String(f.received)],
        [t('complaints.report.answered'), String(f.answered)],
        [t('complaints.report.answered_in_time'), String(f.answeredInTime)],
        [t('complaints.report.share_in_time'), decimal(f.shareInTime)],
        [t('complaints.report.median_ack'), decimal(f.medianDaysToAck)],
        [t('complaints.report.median_answer'), decimal(f.medianDaysToAnswer)],
      ]
    }
    case 'kategorien':
    case 'einheiten': {
      const rows = table === 'kategorien' ? report.byCategory : report.byUnit
      return [
        [t('complaints.report.col_label'), ...months, t('complaints.report.total')],
        ...rows.map((r) => [r.label, ...months.map((m) => String(r.counts[m] ?? 0)), String(r.total)]),
      ]
    }
    case 'ursachen':
      return [
        [t('complaints.detail.root_cause_label'), t('complaints.report.count')],
        ...report.rootCauses.map((r) => [
          t(`complaints.root_cause.${r.rootCause}` as MessageKey),
          String(r.count),
        ]),
      ]
  }
}

/** Public complaint form and feedback, and the staff pages under /beschwerden. */
export function complaintsRoutes() {
  const app = new Hono<AppEnv>()

  // --- Citizens --------------------------------------------------------------------------------------------

  app.get('/beschwerde', publicAccess, async (c) =>
    c.html(
      <ComplaintFormPage
        csrfToken={c.get('csrfToken')}
        categories={await categoryOptions(c)}
        values={{}}
        errors={{}}
        maxFileSize={formatBytes(c.get('deps').config.uploadMaxBytes)}
      />,
    ),
  )

  app.post('/beschwerde', publicAccess, async (c) => {
    const deps = c.get('deps')
    const { values, uploads } = await readMultipart(c)
    await consumeRateLimit(deps.db, SUBMIT_RULE, clientAddress(c))
    try {
      const { reference } = await service.createComplaint(
        deps,
        {
          channel: 'web',
          categoryCode: values.category ?? '',
          description: values.description ?? '',
          caseReference: values.caseReference,
          contactName: values.contactName,
          contactEmail: values.contactEmail,
          contactPhone: values.contactPhone,
          contactAddress: values.contactAddress,
          attachments: uploads,
        },
        { type: 'citizen', id: null },
        c.get('requestId'),
      )
      const contact = [values.contactEmail, values.contactPhone, values.contactAddress].some(
        (v) => (v ?? '').trim() !== '',
      )
      setCookie(c, RECEIVED_COOKIE, `${reference}~${contact ? '1' : '0'}`, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: deps.config.secureCookies,
        path: '/beschwerde',
        maxAge: 3600,
      })
      return c.redirect('/beschwerde/eingegangen', 303)
    } catch (error) {
      if (error instanceof ComplaintRejectedError) {
        return c.html(
          <ComplaintFormPage
            csrfToken={c.get('csrfToken')}
            categories={await categoryOptions(c)}
            values={pick(values, PUBLIC_FIELDS)}
            errors={germanErrors(error.fieldErrors)}
            maxFileSize={formatBytes(deps.config.uploadMaxBytes)}
          />,
          422,
        )
      }
      throw error
    }
  })

  app.get('/beschwerde/eingegangen', publicAccess, (c) => {
    const [reference = '', contact = '0'] = (getCookie(c, RECEIVED_COOKIE) ?? '').split('~')
    if (!/^BS-\d{4}-\d{6,}$/.test(reference)) {
      return c.html(
        <TextPage title={t('complaints.received.title')} text={t('complaints.received.gone')} linkHome />,
        404,
      )
    }
    return c.html(
      <ComplaintReceivedPage
        reference={reference}
        ackDays={c.get('deps').config.complaints.ackWorkingDays}
        withContact={contact === '1'}
      />,
    )
  })

  app.get('/beschwerde/rueckmeldung/:token', publicAccess, async (c) => {
    const token = c.req.param('token')
    const target = await service.findFeedbackTarget(c.get('deps').db, token)
    if (!target) {
      return c.html(
        <TextPage title={t('complaints.feedback.title')} text={t('complaints.feedback.gone')} linkHome />,
        404,
      )
    }
    return c.html(
      <FeedbackPage
        csrfToken={c.get('csrfToken')}
        token={token}
        reference={target.reference}
        values={{}}
        errors={{}}
      />,
    )
  })

  app.post('/beschwerde/rueckmeldung/:token', publicAccess, async (c) => {
    const { db } = c.get('deps')
    const token = c.req.param('token')
    await consumeRateLimit(db, FEEDBACK_RULE, clientAddress(c))
    const input = await formText(c)
    const target = await service.findFeedbackTarget(db, token)
    if (!target) {
      return c.html(
        <TextPage title={t('complaints.feedback.title')} text={t('complaints.feedback.gone')} linkHome />,
        404,
      )
    }
    try {
      await service.submitFeedback(
        db,
        token,
        { rating: input.rating ?? '', comment: input.comment ?? '' },
        c.get('requestId'),
      )
    } catch (error) {
      if (error instanceof ComplaintRejectedError) {
        return c.html(
          <FeedbackPage
            csrfToken={c.get('csrfToken')}
            token={token}
            reference={target.reference}
            values={pick(input, ['rating', 'comment'])}
            errors={germanErrors(error.fieldErrors)}
          />,
          422,
        )
      }
      throw error
    }
    return c.html(
      <TextPage
        title={t('complaints.feedback.thanks_title')}
        text={t('complaints.feedback.thanks')}
        linkHome
      />,
    )
  })

  // --- Staff -------------------------------------------------------------------------------------------------

  app.get('/beschwerden', complaintStaff, async (c) => {
    const staff = requireStaff(c)
    const { db } = c.get('deps')
    const categories = await service.listCategories(db)
    const units = await service.listUnits(db)
    const q = (name: string) => c.req.query(name) ?? ''
    const categoryId = categories.find((cat) => cat.id === q('kategorie'))?.id
    const unitId = units.find((u) => u.id === q('einheit'))?.id
    const status = parseStatus(q('status'))
    const overdue = q('ueberfaellig') === 'ja'
    const page = Math.min(Math.max(Number.parseInt(q('seite') || '1', 10) || 1, 1), 100_000)
    const result = await service.listComplaintsForStaff(
      db,
      staff,
      { status, categoryId, unitId, overdue, page },
      c.get('requestId'),
    )
    const today = todayIso()
    return c.html(
      <ComplaintListPage
        staff={staff}
        csrfToken={c.get('csrfToken')}
        items={result.items.map((i) => ({
          id: i.id,
          reference: i.reference,
          status: i.status,
          escalated: i.escalated,
          overdue:
            (i.status === 'received' && i.ack_due_on < today) ||
            (['received', 'acknowledged', 'in_progress'].includes(i.status) && i.response_due_on < today),
          receivedAt: i.received_at,
          category: i.category,
          unit: i.unit,
          responseDueOn: i.response_due_on,
        }))}
        total={result.total}
        page={page}
        pages={result.pages}
        filter={{
          status: status ?? '',
          kategorie: categoryId ?? '',
          einheit: unitId ?? '',
          ueberfaellig: overdue ? 'ja' : '',
        }}
        categories={categories.map((cat) => ({ value: cat.id, label: cat.label }))}
        units={units.map((u) => ({ value: u.id, label: `${u.short_code} ${u.name}` }))}
        statuses={service.STATUSES.map((s) => ({ value: s, label: t(`complaints.status.${s}`) }))}
        notice={
          c.req.query('erfasst')
            ? t('complaints.list.recorded', { reference: q('erfasst').slice(0, 20) })
            : undefined
        }
        mayReport={REPORT_ROLES.includes(staff.role)}
      />,
    )
  })

  const reporters = staffAccess(...REPORT_ROLES)

  app.get('/beschwerden/auswertung', reporters, async (c) => {
    const staff = requireStaff(c)
    const period = parsePeriod(c.req.query('von'), c.req.query('bis'))
    const report = await buildComplaintReport(c.get('deps').db, staff, period, c.get('requestId'))
    return c.html(<ReportPage staff={staff} csrfToken={c.get('csrfToken')} report={report} />)
  })

  app.get('/beschwerden/auswertung.csv', reporters, async (c) => {
    const staff = requireStaff(c)
    const table = CSV_TABLES.find((name) => name === c.req.query('tabelle')) ?? 'kennzahlen'
    const period = parsePeriod(c.req.query('von'), c.req.query('bis'))
    const report = await buildComplaintReport(c.get('deps').db, staff, period, c.get('requestId'))
    // The byte order mark lets spreadsheet programs read the umlauts as UTF-8.
    const body = `\ufeff${stringify(csvRows(report, table), { delimiter: ';', record_delimiter: '\r\n' })}`
    return c.body(body, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="beschwerden-${table}-${period.from}-${period.to}.csv"`,
      'Cache-Control': 'no-store',
    })
  })

  const intakeChannels = (): Option[] =>
    service.STAFF_CHANNELS.map((ch) => ({ value: ch, label: channelLabel(ch) }))
  const intakeCategories = async (c: Context<AppEnv>): Promise<Option[]> => categoryOptions(c)

  app.get('/beschwerden/neu', complaintStaff, async (c) =>
    c.html(
      <ComplaintIntakePage
        staff={requireStaff(c)}
        csrfToken={c.get('csrfToken')}
        categories={await intakeCategories(c)}
        channels={intakeChannels()}
        values={{}}
        errors={{}}
        maxFileSize={formatBytes(c.get('deps').config.uploadMaxBytes)}
      />,
    ),
  )

  app.post('/beschwerden/neu', complaintStaff, async (c) => {
    const staff = requireStaff(c)
    const deps = c.get('deps')
    const { values, uploads } = await readMultipart(c)
    try {
      const created = await service.createComplaint(
        deps,
        {
          channel: values.channel ?? '',
          categoryCode: values.category ?? '',
          description: values.description ?? '',
          caseReference: values.caseReference,
          contactName: values.contactName,
          contactEmail: values.contactEmail,
          contactPhone: values.contactPhone,
          contactAddress: values.contactAddress,
          attachments: uploads,
        },
        staff,
        c.get('requestId'),
        { channels: service.STAFF_CHANNELS },
      )
      // Whoever entered it may not be responsible for it: then the list says it was recorded.
      return (await service.isVisibleTo(deps.db, staff, created.id))
        ? c.redirect(`/beschwerden/${created.id}?erledigt=created`, 303)
        : c.redirect(`/beschwerden?erfasst=${encodeURIComponent(created.reference)}`, 303)
    } catch (error) {
      if (error instanceof ComplaintRejectedError) {
        const errors = error.fieldErrors
        return c.html(
          <ComplaintIntakePage
            staff={staff}
            csrfToken={c.get('csrfToken')}
            categories={await intakeCategories(c)}
            channels={intakeChannels()}
            values={pick(values, ['channel', ...PUBLIC_FIELDS])}
            errors={germanErrors(errors)}
            maxFileSize={formatBytes(deps.config.uploadMaxBytes)}
          />,
          422,
        )
      }
      throw error
    }
  })

  app.get('/beschwerden/:id{[0-9a-fA-F-]{36}}', complaintStaff, (c) =>
    renderDetail(c, requireStaff(c), c.req.param('id')),
  )

  app.get('/beschwerden/:id{[0-9a-fA-F-]{36}}/anlagen/:attachmentId', complaintStaff, async (c) => {
    const { db, fileStore } = c.get('deps')
    const file = await service.getAttachmentForStaff(
      db,
      fileStore,
      requireStaff(c),
      c.req.param('id'),
      c.req.param('attachmentId'),
      c.get('requestId'),
    )
    return sendDocument(c, { bytes: file.bytes, mediaType: file.media_type, fileName: file.original_name })
  })

  app.post('/beschwerden/:id{[0-9a-fA-F-]{36}}/bestaetigen', complaintStaff, (c) =>
    step(c, 'acknowledged', (staff) =>
      service.acknowledgeComplaint(c.get('deps').db, staff, c.req.param('id'), c.get('requestId')),
    ),
  )

  app.post('/beschwerden/:id{[0-9a-fA-F-]{36}}/weiterleiten', staffAccess(...FORWARD_ROLES), (c) =>
    step(c, 'forwarded', (staff, input) =>
      service.forwardComplaint(
        c.get('deps').db,
        staff,
        c.req.param('id'),
        input.unitId ?? '',
        c.get('requestId'),
      ),
    ),
  )

  app.post('/beschwerden/:id{[0-9a-fA-F-]{36}}/antworten', complaintStaff, (c) =>
    step(c, 'answered', (staff, input) =>
      service.replyToComplaint(
        c.get('deps'),
        staff,
        c.req.param('id'),
        { channel: input.replyChannel ?? '', text: input.replyText ?? '' },
        c.get('requestId'),
      ),
    ),
  )

  app.post('/beschwerden/:id{[0-9a-fA-F-]{36}}/ursache', complaintStaff, (c) =>
    step(c, 'root_cause', (staff, input) =>
      service.recordRootCause(
        c.get('deps').db,
        staff,
        c.req.param('id'),
        { rootCause: input.rootCause ?? '', note: input.rootCauseNote ?? '', measure: input.measure ?? '' },
        c.get('requestId'),
      ),
    ),
  )

  app.post('/beschwerden/:id{[0-9a-fA-F-]{36}}/abschliessen', complaintStaff, (c) =>
    step(c, 'closed', (staff) =>
      service.closeComplaint(
        c.get('deps').db,
        c.get('deps').config,
        staff,
        c.req.param('id'),
        c.get('requestId'),
      ),
    ),
  )

  return app
}
