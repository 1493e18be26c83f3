// SPDX-License-Identifier: EUPL-1.2
import { type Context, Hono } from 'hono'
import { publicAccess, requireStaff, staffAccess } from '../../http/access.js'
import type { AppEnv } from '../../http/context.js'
import { COOKIE, readAppCookie } from '../../http/cookies.js'
import { formText } from '../../http/form-input.js'
import { parseGermanDate, todayIso } from '../../shared/dates.js'
import { NotFoundError } from '../../shared/errors.js'
import { t } from '../../shared/i18n.js'
import { parseEuroToCents } from '../../shared/money.js'
import type { FieldErrors } from '../../views/components/form.js'
import { applicationsService } from '../applications/index.js'
import { cardKeyringFor } from './card-iban.js'
import { parseRemap } from './child-mapping.js'
import { checkIban, parseRequest } from './payment-card.domain.js'
import { CardRefusedError } from './payment-card.errors.js'
import * as service from './payment-card.service.js'
import type { CardStatus, MemberRole } from './payment-card.table.js'
import { CitizenCardPage } from './views/CitizenCardPages.js'
import { RemapPage } from './views/RemapPage.js'
import {
  ApprovalPage,
  CardCasePage,
  type CardForm,
  IbanPage,
  RegisterPage,
  ReplaceCardPage,
  ReportPage,
  StaffRequestPage,
  WorkListPage,
} from './views/StaffPages.js'

type Ctx = Context<AppEnv>

/** Read the card section of a case: whoever may read the case (auditors read-only). */
const readers = staffAccess('caseworker', 'team_lead', 'department_head', 'division_head', 'auditor')
/** Change cards and decide requests: whoever works cases. */
const workers = staffAccess('caseworker', 'team_lead', 'department_head', 'division_head')
/** Open the full card IBAN: only those who compare it with the vendor portal. */
const ibanReaders = staffAccess('caseworker', 'team_lead')
/** The aggregate report: leads. */
const leads = staffAccess('team_lead', 'department_head', 'division_head')

const CASE = '/sachbearbeitung/antraege/:id/bezahlkarte'
const STATUS_TARGETS: Record<string, CardStatus> = { active: 'active', blocked: 'blocked', closed: 'closed' }
const FILTERS: readonly CardStatus[] = ['ordered', 'active', 'blocked', 'replaced', 'closed']
const REPORT_DAYS = 90
/** Same separator as the receipt cookie of the applications module: `reference~accessCode`. */
const RECEIPT_SEPARATOR = '~'

function caseHref(id: string): string {
  return `/sachbearbeitung/antraege/${encodeURIComponent(id)}/bezahlkarte`
}

function canChange(c: Ctx): boolean {
  return requireStaff(c).role !== 'auditor'
}

async function renderCase(
  c: Ctx,
  id: string,
  extra: {
    form?: { name: CardForm; errors: FieldErrors; values: Record<string, string> }
    notice?: string
  } = {},
) {
  const staff = requireStaff(c)
  const { db, config } = c.get('deps')
  const section = await service.getCardSection(db, staff, id, c.get('requestId'))
  return c.html(
    <CardCasePage
      staff={staff}
      csrfToken={c.get('csrfToken')}
      section={section}
      canChange={canChange(c)}
      canSeeIban={staff.role === 'caseworker' || staff.role === 'team_lead'}
      defaultCashLimitCents={config.paymentCard.cashLimitCents}
      form={extra.form}
      notice={extra.notice}
    />,
    extra.form ? 422 : 200,
  )
}

const NOTICES = {
  member: 'payment_card.notice.member_added',
  card: 'payment_card.notice.card_ordered',
  status: 'payment_card.notice.status_changed',
  replaced: 'payment_card.notice.card_replaced',
  decided: 'payment_card.notice.decided',
  portal: 'payment_card.notice.portal_entered',
  requested: 'payment_card.notice.requested',
  remapped: 'payment_card.notice.remapped',
} as const

function noticeOf(c: Ctx): string | undefined {
  const key = c.req.query('hinweis') ?? ''
  return key in NOTICES ? t(NOTICES[key as keyof typeof NOTICES]) : undefined
}

/** Reads the member form. */
function parseMember(form: Record<string, string>) {
  const errors: FieldErrors = {}
  const givenName = (form.vorname ?? '').trim()
  const surname = (form.nachname ?? '').trim()
  if (givenName === '') {
    errors.vorname = t('payment_card.given_name_required')
  } else if (givenName.length > 200) {
    errors.vorname = t('payment_card.too_long', { max: 200 })
  }
  if (surname === '') {
    errors.nachname = t('payment_card.surname_required')
  } else if (surname.length > 200) {
    errors.nachname = t('payment_card.too_long', { max: 200 })
  }
  const birthText = (form.geburtsdatum ?? '').trim()
  const birthDate = birthText === '' ? null : parseGermanDate(birthText)
  if (birthText !== '' && !birthDate) {
    errors.geburtsdatum = t('payment_card.birth_date_format')
  }
  const role: MemberRole | null = form.rolle === 'adult' || form.rolle === 'child' ? form.rolle : null
  if (!role) {
    errors.rolle = t('payment_card.role_required')
  }
  const holder = (form.karte_von ?? '').trim()
  if (role === 'child' && holder === '') {
    errors.karte_von = t('payment_card.card_of_required')
  }
  return {
    errors,
    value: { givenName, surname, birthDate, role: role ?? 'adult', cardHolderMemberId: holder || null },
  }
}

/** Payment card: register, card screens of a case, approvals (staff) and the cardholder's requests (citizen). */
export function paymentCardRoutes() {
  const app = new Hono<AppEnv>()

  app.get(CASE, readers, async (c) => renderCase(c, c.req.param('id'), { notice: noticeOf(c) ?? '' }))

  app.post(`${CASE}/mitglieder`, workers, async (c) => {
    const id = c.req.param('id')
    const form = await formText(c)
    const { errors, value } = parseMember(form)
    if (Object.keys(errors).length > 0) {
      return renderCase(c, id, { form: { name: 'member', errors, values: form } })
    }
    await service.addMember(c.get('deps').db, requireStaff(c), id, value, c.get('requestId'))
    return c.redirect(`${caseHref(id)}?hinweis=member`, 303)
  })

  app.post(`${CASE}/karten`, workers, async (c) => {
    const id = c.req.param('id')
    const form = await formText(c)
    const errors: FieldErrors = {}
    if ((form.mitglied ?? '') === '') {
      errors.mitglied = t('payment_card.member_required')
    }
    const iban = checkIban(form.iban)
    if ('error' in iban) {
      errors.iban = iban.error
    }
    const cash = parseEuroToCents(form.bargeld ?? '')
    if (cash === null || cash > 1_000_000) {
      errors.bargeld = t('payment_card.cash_limit_format')
    }
    if (Object.keys(errors).length > 0 || 'error' in iban || cash === null) {
      return renderCase(c, id, { form: { name: 'card', errors, values: form } })
    }
    const { db, config } = c.get('deps')
    await service.orderCard(
      db,
      await cardKeyringFor(config),
      requireStaff(c),
      id,
      { memberId: form.mitglied ?? '', iban: iban.iban, cashLimitCents: cash },
      c.get('requestId'),
    )
    return c.redirect(`${caseHref(id)}?hinweis=card`, 303)
  })

  app.post(`${CASE}/karten/:cardId/status`, workers, async (c) => {
    const id = c.req.param('id')
    const form = await formText(c)
    const to = STATUS_TARGETS[form.ziel ?? '']
    if (!to) {
      throw new CardRefusedError('invalid_transition')
    }
    await service.changeCardStatus(
      c.get('deps').db,
      requireStaff(c),
      id,
      c.req.param('cardId'),
      to,
      c.get('requestId'),
    )
    return c.redirect(`${caseHref(id)}?hinweis=status`, 303)
  })

  // Re-map a child onto another adult's card from a date (ADR 0030); the same roles as the household form.
  const remapPage = async (c: Ctx, errors: FieldErrors, values: Record<string, string>) => {
    const view = await service.getChildMapping(
      c.get('deps').db,
      requireStaff(c),
      c.req.param('id') ?? '',
      c.req.param('memberId') ?? '',
      c.get('requestId'),
    )
    const holder = values.karte_von ?? view.currentHolderId ?? ''
    return c.html(
      <RemapPage
        staff={requireStaff(c)}
        csrfToken={c.get('csrfToken')}
        view={view}
        canChange={canChange(c)}
        errors={errors}
        values={{ ...values, karte_von: holder }}
      />,
      Object.keys(errors).length > 0 ? 422 : 200,
    )
  }

  app.get(`${CASE}/mitglieder/:memberId/karte`, workers, async (c) => remapPage(c, {}, {}))

  app.post(`${CASE}/mitglieder/:memberId/karte`, workers, async (c) => {
    const id = c.req.param('id')
    const form = await formText(c)
    const parsed = parseRemap(form, todayIso())
    if (!parsed.ok) {
      return remapPage(c, parsed.errors, form)
    }
    await service.remapChild(
      c.get('deps').db,
      requireStaff(c),
      id,
      c.req.param('memberId'),
      parsed.value,
      c.get('requestId'),
    )
    return c.redirect(`${caseHref(id)}?hinweis=remapped`, 303)
  })

  const replacePage = async (c: Ctx, errors: FieldErrors, values: Record<string, string>) => {
    const id = c.req.param('id') ?? ''
    const cardId = c.req.param('cardId') ?? ''
    const section = await service.getCardSection(c.get('deps').db, requireStaff(c), id, c.get('requestId'))
    const card = section.cards.find((k) => k.id === cardId && k.nextStatuses.includes('replaced'))
    if (!card) {
      throw new NotFoundError('no replaceable card')
    }
    return c.html(
      <ReplaceCardPage
        staff={requireStaff(c)}
        csrfToken={c.get('csrfToken')}
        applicationId={id}
        card={{ id: card.id, holderName: card.holderName, last4: card.maskedIban.slice(-5).replace(' ', '') }}
        errors={errors}
        values={values}
      />,
      Object.keys(errors).length > 0 ? 422 : 200,
    )
  }

  app.get(`${CASE}/karten/:cardId/ersetzen`, workers, async (c) => replacePage(c, {}, {}))

  app.post(`${CASE}/karten/:cardId/ersetzen`, workers, async (c) => {
    const id = c.req.param('id')
    const form = await formText(c)
    const iban = checkIban(form.iban)
    if ('error' in iban) {
      return replacePage(c, { iban: iban.error }, form)
    }
    const { db, config } = c.get('deps')
    await service.replaceCard(
      db,
      await cardKeyringFor(config),
      requireStaff(c),
      id,
      c.req.param('cardId'),
      iban.iban,
      c.get('requestId'),
    )
    return c.redirect(`${caseHref(id)}?hinweis=replaced`, 303)
  })

  app.get(`${CASE}/karten/:cardId/iban`, ibanReaders, async (c) => {
    const id = c.req.param('id')
    const { db, config } = c.get('deps')
    const shown = await service.revealCardIban(
      db,
      await cardKeyringFor(config),
      requireStaff(c),
      id,
      c.req.param('cardId'),
      c.get('requestId'),
    )
    c.header('Cache-Control', 'no-store')
    return c.html(
      <IbanPage
        staff={requireStaff(c)}
        csrfToken={c.get('csrfToken')}
        applicationId={id}
        holderName={shown.holderName}
        iban={shown.iban}
      />,
    )
  })

  const staffRequestPage = async (
    c: Ctx,
    form?: { name: 'transfer' | 'travel'; errors: FieldErrors; values: Record<string, string> },
  ) => {
    const id = c.req.param('id') ?? ''
    const section = await service.getCardSection(c.get('deps').db, requireStaff(c), id, c.get('requestId'))
    return c.html(
      <StaffRequestPage
        staff={requireStaff(c)}
        csrfToken={c.get('csrfToken')}
        applicationId={id}
        reference={section.reference}
        form={form}
      />,
      form ? 422 : 200,
    )
  }

  app.get(`${CASE}/freigaben/neu`, workers, async (c) => staffRequestPage(c))

  for (const [segment, kind] of [
    ['ueberweisung', 'transfer'],
    ['reise', 'travel'],
  ] as const) {
    app.post(`${CASE}/freigaben/${segment}`, workers, async (c) => {
      const id = c.req.param('id')
      const form = await formText(c)
      const { db, config } = c.get('deps')
      const parsed = parseRequest(kind, form, todayIso())
      if (!parsed.ok) {
        return staffRequestPage(c, { name: kind, errors: parsed.errors, values: form })
      }
      await service.requestApprovalAsStaff(db, config, requireStaff(c), id, parsed.value, c.get('requestId'))
      return c.redirect(`${caseHref(id)}?hinweis=requested`, 303)
    })
  }

  const approvalPage = async (
    c: Ctx,
    extra: { form?: { name: 'decide' | 'portal'; errors: FieldErrors; values: Record<string, string> } } = {},
  ) => {
    const id = c.req.param('id') ?? ''
    const approvalId = c.req.param('approvalId') ?? ''
    const section = await service.getCardSection(c.get('deps').db, requireStaff(c), id, c.get('requestId'))
    const approval = section.approvals.find((a) => a.id === approvalId)
    if (!approval) {
      throw new NotFoundError('no such approval')
    }
    return c.html(
      <ApprovalPage
        staff={requireStaff(c)}
        csrfToken={c.get('csrfToken')}
        applicationId={id}
        reference={section.reference}
        approval={approval}
        canChange={canChange(c)}
        form={extra.form}
        notice={noticeOf(c)}
      />,
      extra.form ? 422 : 200,
    )
  }

  app.get(`${CASE}/freigaben/:approvalId`, readers, async (c) => approvalPage(c))

  app.post(`${CASE}/freigaben/:approvalId/entscheidung`, workers, async (c) => {
    const id = c.req.param('id')
    const approvalId = c.req.param('approvalId')
    const form = await formText(c)
    const errors: FieldErrors = {}
    const outcome = form.ergebnis === 'approved' || form.ergebnis === 'refused' ? form.ergebnis : null
    const reason = (form.begruendung ?? '').trim()
    if (!outcome) {
      errors.ergebnis = t('payment_card.outcome_required')
    }
    if (outcome === 'refused' && reason === '') {
      errors.begruendung = t('payment_card.refusal_reason_required')
    } else if (reason.length > 2000) {
      errors.begruendung = t('payment_card.too_long', { max: 2000 })
    }
    if (!outcome || Object.keys(errors).length > 0) {
      return approvalPage(c, { form: { name: 'decide', errors, values: form } })
    }
    await service.decideApproval(
      c.get('deps').db,
      requireStaff(c),
      id,
      approvalId,
      { outcome, reason: reason === '' ? null : reason },
      c.get('requestId'),
    )
    return c.redirect(`${caseHref(id)}/freigaben/${approvalId}?hinweis=decided`, 303)
  })

  app.post(`${CASE}/freigaben/:approvalId/portal`, workers, async (c) => {
    const id = c.req.param('id')
    const approvalId = c.req.param('approvalId')
    const form = await formText(c)
    if (form.eingetragen !== 'ja') {
      return approvalPage(c, {
        form: {
          name: 'portal',
          errors: { eingetragen: t('payment_card.portal_checkbox_required') },
          values: form,
        },
      })
    }
    await service.markEnteredInPortal(c.get('deps').db, requireStaff(c), id, approvalId, c.get('requestId'))
    return c.redirect(`${caseHref(id)}/freigaben/${approvalId}?hinweis=portal`, 303)
  })

  app.get('/bezahlkarte', readers, async (c) => {
    const requested = c.req.query('status') ?? ''
    const status = FILTERS.find((s) => s === requested)
    const rows = await service.listRegister(c.get('deps').db, requireStaff(c), { status }, c.get('requestId'))
    return c.html(
      <RegisterPage staff={requireStaff(c)} csrfToken={c.get('csrfToken')} rows={rows} status={status} />,
    )
  })

  app.get('/bezahlkarte/freigaben', workers, async (c) => {
    const staff = requireStaff(c)
    const items = await service.listWork(c.get('deps').db, staff, c.get('requestId'))
    return c.html(
      <WorkListPage
        staff={staff}
        csrfToken={c.get('csrfToken')}
        items={items}
        showReportLink={staff.role !== 'caseworker'}
      />,
    )
  })

  app.get('/bezahlkarte/auswertung', leads, async (c) => {
    const now = new Date()
    const report = await service.approvalReport(c.get('deps').db, {
      from: new Date(now.getTime() - REPORT_DAYS * 86_400_000),
      to: now,
    })
    return c.html(
      <ReportPage
        staff={requireStaff(c)}
        csrfToken={c.get('csrfToken')}
        report={report}
        days={REPORT_DAYS}
      />,
    )
  })

  // Citizen side: the holder of the status-page cookie (reference + access code) sees and makes requests.
  const citizenPage = async (
    c: Ctx,
    application: { id: string; benefit_type: string },
    extra: {
      form?: { name: 'transfer' | 'travel'; errors: FieldErrors; values: Record<string, string> }
      notice?: string
    } = {},
  ) => {
    const { db, config } = c.get('deps')
    const view = await service.citizenCardView(db, application, c.get('requestId'))
    return c.html(
      <CitizenCardPage
        view={view}
        csrfToken={c.get('csrfToken')}
        workingDays={config.paymentCard.approvalWorkingDays}
        form={extra.form}
        notice={extra.notice}
      />,
      extra.form ? 422 : 200,
    )
  }

  app.get('/antrag/bezahlkarte', publicAccess, async (c) => {
    const application = await citizenApplication(c)
    return citizenPage(c, application, {
      notice: c.req.query('gespeichert') === '1' ? t('payment_card.notice.requested') : '',
    })
  })

  // One path with the kind in a hidden field: `/antrag/:form/:step` of the application forms owns two segments.
  app.post('/antrag/bezahlkarte', publicAccess, async (c) => {
    const application = await citizenApplication(c)
    const form = await formText(c)
    const kind = form.art === 'reise' ? 'travel' : 'transfer'
    const parsed = parseRequest(kind, form, todayIso())
    if (!parsed.ok) {
      return citizenPage(c, application, { form: { name: kind, errors: parsed.errors, values: form } })
    }
    const { db, config } = c.get('deps')
    await service.requestApprovalAsCitizen(db, config, application.id, parsed.value, c.get('requestId'))
    return c.redirect('/antrag/bezahlkarte?gespeichert=1', 303)
  })

  return app
}

/** The receipt cookie's application (as the status page); the same "gone" answer when it is missing or wrong. */
async function citizenApplication(c: Ctx) {
  const [reference = '', accessCode = ''] = (readAppCookie(c, COOKIE.receipt) ?? '').split(RECEIPT_SEPARATOR)
  const application = await applicationsService.findApplicationForCitizen(
    c.get('deps').db,
    reference,
    accessCode,
    c.get('requestId'),
  )
  if (!application) {
    throw new CitizenCardGoneError('no receipt')
  }
  return application
}

class CitizenCardGoneError extends NotFoundError {
  override readonly messageKey = 'receipt.gone' as const
}
