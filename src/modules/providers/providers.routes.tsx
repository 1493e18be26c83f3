// SPDX-License-Identifier: EUPL-1.2
import { type Context, Hono } from 'hono'
import type { AppEnv } from '../../http/context.js'
import { formText } from '../../http/form-input.js'
import { todayIso } from '../../shared/dates.js'
import { type MessageKey, t } from '../../shared/i18n.js'
import { centsToInput } from '../../shared/money.js'
import type { FieldErrors, FieldValues } from '../../views/components/form.js'
import { staffFrame } from '../../views/layout.js'
import { requireStaff, staffAccess } from '../auth/index.js'
import { sendDocument } from '../telework/index.js'
import { updateProvider } from './provider-edit.service.js'
import { mayEditProviders, PROVIDER_EDIT_ROLES, PROVIDER_READ_ROLES } from './providers.policy.js'
import * as service from './providers.service.js'
import {
  ContractFormPage,
  ContractHistoryPage,
  ContractPage,
  ProviderFormPage,
  ProviderPage,
  ProvidersOverviewPage,
} from './views/ProviderPages.js'

const read = staffAccess(...PROVIDER_READ_ROLES)
const edit = staffAccess(...PROVIDER_EDIT_ROLES)
const UUID = '{[0-9a-fA-F-]{36}}'
const NOTICES = [
  'provider_created',
  'contract_created',
  'payment_booked',
  'document_added',
  'renegotiated',
  'reminders_changed',
  'provider_updated',
]

function noticeOf(c: Context<AppEnv>): string | undefined {
  const value = c.req.query('erledigt')
  return value && NOTICES.includes(value) ? t(`providers.notice.${value}` as MessageKey) : undefined
}

function frame(c: Context<AppEnv>) {
  return staffFrame(requireStaff(c), c.get('csrfToken'))
}

async function renderContract(
  c: Context<AppEnv>,
  id: string,
  form: {
    paymentValues?: FieldValues
    paymentErrors?: FieldErrors
    fileErrors?: FieldErrors
    reminderValues?: FieldValues
    reminderErrors?: FieldErrors
  } = {},
  status: 200 | 422 = 200,
) {
  const staff = requireStaff(c)
  const data = await service.getContract(c.get('deps').db, id, todayIso())
  return c.html(
    <ContractPage
      staff={frame(c)}
      csrfToken={c.get('csrfToken')}
      data={data}
      mayEdit={mayEditProviders(staff.role)}
      notice={noticeOf(c)}
      {...form}
    />,
    status,
  )
}

async function renderContractForm(
  c: Context<AppEnv>,
  providerId: string,
  predecessorId: string | null,
  values: FieldValues,
  errors: FieldErrors,
  status: 200 | 422,
) {
  const { db } = c.get('deps')
  const { provider } = await service.getProvider(db, providerId)
  const predecessor = predecessorId
    ? (await service.getContract(db, predecessorId, todayIso())).contract
    : null
  const sites = (await service.siteOptions(db)).map((s) => ({ value: s.id, label: s.name }))
  return c.html(
    <ContractFormPage
      staff={frame(c)}
      csrfToken={c.get('csrfToken')}
      provider={provider}
      action={
        predecessor
          ? `/traeger/vertraege/${predecessor.id}/neuverhandeln`
          : `/traeger/${provider.id}/vertraege/neu`
      }
      predecessor={predecessor ? { reference: predecessor.reference, kind: predecessor.kind } : null}
      sites={sites}
      values={values}
      errors={errors}
    />,
    status,
  )
}

/** Staff screens of the provider register under /traeger (ADR 0025). */
export function providersRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/traeger', read, async (c) => {
    const staff = requireStaff(c)
    const { db } = c.get('deps')
    return c.html(
      <ProvidersOverviewPage
        staff={frame(c)}
        providers={await service.listProviders(db)}
        due={await service.dueSoon(db, todayIso())}
        mayEdit={mayEditProviders(staff.role)}
        reminderMailTo={c.get('deps').config.providerReminderMailTo}
      />,
    )
  })

  app.get('/traeger/neu', edit, (c) =>
    c.html(<ProviderFormPage staff={frame(c)} csrfToken={c.get('csrfToken')} values={{}} errors={{}} />),
  )

  app.post('/traeger/neu', edit, async (c) => {
    const values = await formText(c)
    const result = await service.createProvider(c.get('deps').db, requireStaff(c), values, c.get('requestId'))
    if (!result.ok) {
      return c.html(
        <ProviderFormPage
          staff={frame(c)}
          csrfToken={c.get('csrfToken')}
          values={values}
          errors={result.errors}
        />,
        422,
      )
    }
    return c.redirect(`/traeger/${result.id}?erledigt=provider_created`, 303)
  })

  app.get(`/traeger/:id${UUID}`, read, async (c) => {
    const staff = requireStaff(c)
    const data = await service.getProvider(c.get('deps').db, c.req.param('id'))
    return c.html(
      <ProviderPage
        staff={frame(c)}
        data={data}
        mayEdit={mayEditProviders(staff.role)}
        notice={noticeOf(c)}
      />,
    )
  })

  app.get(`/traeger/:id${UUID}/bearbeiten`, edit, async (c) => {
    const { provider } = await service.getProvider(c.get('deps').db, c.req.param('id'))
    return c.html(
      <ProviderFormPage
        staff={frame(c)}
        csrfToken={c.get('csrfToken')}
        edit={{ id: provider.id, name: provider.name }}
        values={{
          name: provider.name,
          legalForm: provider.legal_form ?? '',
          address: provider.address,
          contactRole: provider.contact_role ?? '',
          contactEmail: provider.contact_email ?? '',
        }}
        errors={{}}
      />,
    )
  })

  app.post(`/traeger/:id${UUID}/bearbeiten`, edit, async (c) => {
    const values = await formText(c)
    const { db } = c.get('deps')
    const { provider } = await service.getProvider(db, c.req.param('id'))
    const result = await updateProvider(db, requireStaff(c), provider.id, values, c.get('requestId'))
    if (!result.ok) {
      return c.html(
        <ProviderFormPage
          staff={frame(c)}
          csrfToken={c.get('csrfToken')}
          edit={{ id: provider.id, name: provider.name }}
          values={values}
          errors={result.errors}
        />,
        422,
      )
    }
    return c.redirect(`/traeger/${provider.id}?erledigt=provider_updated`, 303)
  })

  app.get(`/traeger/:id${UUID}/vertraege/neu`, edit, (c) =>
    renderContractForm(c, c.req.param('id'), null, { noticeMonths: '3', reminderLeadDays: '60' }, {}, 200),
  )

  app.post(`/traeger/:id${UUID}/vertraege/neu`, edit, async (c) => {
    const values = await formText(c)
    const providerId = c.req.param('id')
    const result = await service.createContract(
      c.get('deps').db,
      requireStaff(c),
      providerId,
      values,
      c.get('requestId'),
    )
    if (!result.ok) {
      return renderContractForm(c, providerId, null, values, result.errors, 422)
    }
    return c.redirect(`/traeger/vertraege/${result.id}?erledigt=contract_created`, 303)
  })

  app.get(`/traeger/vertraege/:id${UUID}`, read, (c) => renderContract(c, c.req.param('id')))

  app.get(`/traeger/vertraege/:id${UUID}/verlauf`, read, async (c) => {
    const { provider, chain } = await service.contractHistory(c.get('deps').db, c.req.param('id'))
    return c.html(<ContractHistoryPage staff={frame(c)} provider={provider} chain={chain} />)
  })

  app.get(`/traeger/vertraege/:id${UUID}/neuverhandeln`, edit, async (c) => {
    const { contract } = await service.getContract(c.get('deps').db, c.req.param('id'), todayIso())
    return renderContractForm(
      c,
      contract.provider_id,
      contract.id,
      {
        title: contract.title,
        noticeMonths: String(contract.notice_months),
        reminderLeadDays: String(contract.reminder_lead_days),
        annualBudget: contract.annual_budget_cents === null ? '' : centsToInput(contract.annual_budget_cents),
      },
      {},
      200,
    )
  })

  app.post(`/traeger/vertraege/:id${UUID}/neuverhandeln`, edit, async (c) => {
    const values = await formText(c)
    const { db } = c.get('deps')
    const { contract } = await service.getContract(db, c.req.param('id'), todayIso())
    const result = await service.createContract(
      db,
      requireStaff(c),
      contract.provider_id,
      values,
      c.get('requestId'),
      contract.id,
    )
    if (!result.ok) {
      return renderContractForm(c, contract.provider_id, contract.id, values, result.errors, 422)
    }
    return c.redirect(`/traeger/vertraege/${result.id}?erledigt=renegotiated`, 303)
  })

  app.post(`/traeger/vertraege/:id${UUID}/zahlungen`, edit, async (c) => {
    const values = await formText(c)
    const id = c.req.param('id')
    const result = await service.bookPayment(
      c.get('deps').db,
      requireStaff(c),
      id,
      values,
      c.get('requestId'),
    )
    if (!result.ok) {
      return renderContract(c, id, { paymentValues: values, paymentErrors: result.errors }, 422)
    }
    return c.redirect(`/traeger/vertraege/${id}?erledigt=payment_booked`, 303)
  })

  app.post(`/traeger/vertraege/:id${UUID}/erinnerung`, edit, async (c) => {
    const values = await formText(c)
    const id = c.req.param('id')
    const result = await service.updateReminders(
      c.get('deps').db,
      requireStaff(c),
      id,
      values,
      c.get('requestId'),
    )
    if (!result.ok) {
      return renderContract(c, id, { reminderValues: values, reminderErrors: result.errors }, 422)
    }
    return c.redirect(`/traeger/vertraege/${id}?erledigt=reminders_changed`, 303)
  })

  app.post(`/traeger/vertraege/:id${UUID}/dokumente`, edit, async (c) => {
    const id = c.req.param('id')
    const body = await c.req.parseBody({ all: true })
    const file = body.file
    const upload =
      file instanceof File ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : null
    const { db, fileStore, config } = c.get('deps')
    const result = await service.addDocument(
      { db, fileStore, maxBytes: config.uploadMaxBytes },
      requireStaff(c),
      id,
      upload,
      c.get('requestId'),
    )
    if (!result.ok) {
      return renderContract(c, id, { fileErrors: result.errors }, 422)
    }
    return c.redirect(`/traeger/vertraege/${id}?erledigt=document_added`, 303)
  })

  app.get(`/traeger/vertraege/:id${UUID}/dokumente/:documentId${UUID}`, read, async (c) => {
    const { db, fileStore } = c.get('deps')
    const doc = await service.getDocument(
      { db, fileStore },
      requireStaff(c),
      c.req.param('id'),
      c.req.param('documentId'),
      c.get('requestId'),
    )
    return sendDocument(c, { bytes: doc.bytes, mediaType: doc.media_type, fileName: doc.original_name })
  })

  return app
}
