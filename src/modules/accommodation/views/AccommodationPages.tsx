// SPDX-License-Identifier: EUPL-1.2
import { formatIsoDate } from '../../../shared/dates.js'
import { t } from '../../../shared/i18n.js'
import { BackLink } from '../../../views/components/back-link.js'
import { DataTable } from '../../../views/components/data-table.js'
import { DescriptionList } from '../../../views/components/description-list.js'
import {
  Button,
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  type FieldValues,
  SelectField,
  TextArea,
  TextField,
} from '../../../views/components/form.js'
import { Notice } from '../../../views/components/notice.js'
import { Layout, type StaffFrame } from '../../../views/layout.js'
import { kindLabel } from '../../providers/views/ProviderPages.js'
import type { getSite, listSites } from '../accommodation.service.js'
import { formatRate, type MonthOccupancy } from '../occupancy.js'
import { OccupancyChart } from './OccupancyChart.js'

export function SitesPage(props: {
  staff: StaffFrame
  day: string
  sites: Awaited<ReturnType<typeof listSites>>
  series: MonthOccupancy[]
  mayEdit: boolean
}) {
  const title = t('accommodation.list.title')
  return (
    <Layout title={title} staff={props.staff}>
      <h1 class="kern-heading-large">{title}</h1>
      {props.mayEdit ? (
        <p>
          <a class="kern-link" href="/unterkuenfte/neu">
            {t('accommodation.list.new')}
          </a>
        </p>
      ) : null}
      {props.sites.length === 0 ? (
        <p class="kern-body">{t('accommodation.list.none')}</p>
      ) : (
        <DataTable
          caption={t('accommodation.list.caption', { day: formatIsoDate(props.day) })}
          visibleCaption
          head={[
            t('accommodation.field.name'),
            t('accommodation.field.capacity'),
            t('accommodation.field.places'),
            t('accommodation.field.occupied'),
            t('accommodation.field.rate'),
          ]}
          rows={props.sites.map((s) => [
            <a class="kern-link" href={`/unterkuenfte/${s.id}`}>
              {s.name}
            </a>,
            String(s.capacity),
            String(s.places),
            String(s.occupied),
            formatRate(s.rate),
          ])}
        />
      )}
      <h2 class="kern-heading-medium">{t('accommodation.chart.all_title')}</h2>
      <OccupancyChart id="belegung-gesamt" title={t('accommodation.chart.all_title')} series={props.series} />
      <p>
        <a class="kern-link" href="/traeger">
          {t('accommodation.link.providers')}
        </a>
      </p>
    </Layout>
  )
}

export function SiteFormPage(props: {
  staff: StaffFrame
  csrfToken: string
  values: FieldValues
  errors: FieldErrors
  /** Editing an existing site: name and address only (its capacity is changed as a dated version). */
  edit?: { id: string; name: string }
}) {
  const f = { values: props.values, errors: props.errors }
  const title = props.edit
    ? t('accommodation.edit.title', { name: props.edit.name })
    : t('accommodation.new.title')
  return (
    <Layout title={title} staff={props.staff} hasErrors={Object.keys(props.errors).length > 0}>
      <BackLink href={props.edit ? `/unterkuenfte/${props.edit.id}` : '/unterkuenfte'}>
        {props.edit ? t('accommodation.back.site') : t('accommodation.back.list')}
      </BackLink>
      <ErrorSummary errors={props.errors} order={['name', 'address', 'capacity']} />
      <h1 class="kern-heading-large">{title}</h1>
      <form
        method="post"
        action={props.edit ? `/unterkuenfte/${props.edit.id}/bearbeiten` : '/unterkuenfte/neu'}
        novalidate
      >
        <CsrfField token={props.csrfToken} />
        <TextField name="name" label={t('accommodation.field.name')} {...f} />
        <TextArea name="address" label={t('accommodation.field.address')} rows={3} {...f} />
        {props.edit ? null : (
          <TextField
            name="capacity"
            label={t('accommodation.field.capacity')}
            hint={t('accommodation.hint.capacity')}
            inputmode="numeric"
            width={2}
            {...f}
          />
        )}
        <Button>{props.edit ? t('accommodation.edit.submit') : t('accommodation.new.submit')}</Button>
      </form>
    </Layout>
  )
}

/** The capacity versions of a site, and for editors the form to record a new one (ADR 0031). */
function CapacitySection(props: {
  siteId: string
  capacities: Array<{ valid_from: string; capacity: number }>
  mayEdit: boolean
  csrfToken: string
  f: { values: FieldValues; errors: FieldErrors }
}) {
  return (
    <>
      <h2 class="kern-heading-medium">{t('accommodation.capacity.title')}</h2>
      <p class="kern-body">{t('accommodation.capacity.first_note')}</p>
      <DataTable
        caption={t('accommodation.capacity.title')}
        head={[t('accommodation.capacity.col_from'), t('accommodation.capacity.col_capacity')]}
        rowHeader={false}
        rows={props.capacities.map((v) => [formatIsoDate(v.valid_from), String(v.capacity)])}
      />
      {props.mayEdit ? (
        <form method="post" action={`/unterkuenfte/${props.siteId}/kapazitaet`} class="kern-stack" novalidate>
          <h3 class="kern-heading-small">{t('accommodation.capacity.change')}</h3>
          <CsrfField token={props.csrfToken} />
          <TextField
            name="newCapacity"
            label={t('accommodation.field.new_capacity')}
            hint={t('accommodation.hint.new_capacity')}
            inputmode="numeric"
            width={4}
            {...props.f}
          />
          <TextField
            name="validFrom"
            label={t('accommodation.field.valid_from')}
            hint={t('accommodation.hint.valid_from')}
            {...props.f}
          />
          <Button>{t('accommodation.capacity.submit')}</Button>
        </form>
      ) : null}
    </>
  )
}

export function SitePage(props: {
  staff: StaffFrame
  csrfToken: string
  day: string
  data: Awaited<ReturnType<typeof getSite>>
  mayEdit: boolean
  mayMove: boolean
  /** Whether the contract pages of the provider register open for this role (else the references are text). */
  mayOpenContracts: boolean
  notice?: string | undefined
  values?: FieldValues
  errors?: FieldErrors
}) {
  const { site, places, contracts, series } = props.data
  const errors = props.errors ?? {}
  const values = props.values ?? {}
  const f = { values, errors }
  const freePlaces = places.filter((p) => p.state === 'free')
  const hidden = places.filter((p) => p.state === 'hidden').length
  return (
    <Layout title={site.name} staff={props.staff} hasErrors={Object.keys(errors).length > 0}>
      <BackLink href="/unterkuenfte">{t('accommodation.back.list')}</BackLink>
      <ErrorSummary
        errors={errors}
        order={['newCapacity', 'validFrom', 'placeId', 'reference', 'movedIn', 'movedOut', 'label']}
      />
      <Notice text={props.notice} />
      <h1 class="kern-heading-large">{site.name}</h1>
      <DescriptionList
        rows={[
          { label: t('accommodation.field.address'), value: site.address },
          { label: t('accommodation.field.capacity'), value: String(site.capacity) },
          { label: t('accommodation.field.places'), value: String(places.length) },
          {
            label: t('accommodation.field.occupied_at', { day: formatIsoDate(props.day) }),
            value: `${props.data.occupied} (${formatRate(props.data.rate)})`,
          },
        ]}
      />
      {props.mayEdit ? (
        <p class="kern-body">
          <a class="kern-link" href={`/unterkuenfte/${site.id}/bearbeiten`}>
            {t('accommodation.edit.link')}
          </a>
        </p>
      ) : null}
      <CapacitySection
        siteId={site.id}
        capacities={props.data.capacities}
        mayEdit={props.mayEdit}
        csrfToken={props.csrfToken}
        f={f}
      />
      <h2 class="kern-heading-medium">{t('accommodation.places.title')}</h2>
      {hidden > 0 ? <p class="kern-body">{t('accommodation.places.hidden', { count: hidden })}</p> : null}
      {places.length === 0 ? (
        <p class="kern-body">{t('accommodation.places.none')}</p>
      ) : (
        <DataTable
          caption={t('accommodation.places.title')}
          head={[
            t('accommodation.field.place'),
            t('accommodation.places.col_state'),
            t('accommodation.places.col_since'),
          ]}
          rows={places.map((p) => [
            p.label,
            p.state === 'free' ? (
              t('accommodation.places.free')
            ) : p.state === 'hidden' ? (
              t('accommodation.places.taken')
            ) : (
              <>
                {p.name} (
                <a class="kern-link" href={`/sachbearbeitung/antraege/${p.applicationId}`}>
                  {p.reference}
                </a>
                )
              </>
            ),
            p.state === 'visible' ? formatIsoDate(p.movedIn) : '–',
          ])}
        />
      )}
      {props.mayMove
        ? places
            .filter((p) => p.state === 'visible')
            .map((p) =>
              p.state === 'visible' ? (
                <form method="post" action={`/unterkuenfte/${site.id}/auszug`} novalidate>
                  <CsrfField token={props.csrfToken} />
                  <input type="hidden" name="stayId" value={p.stayId} />
                  <TextField
                    name={`movedOut-${p.stayId}`}
                    label={t('accommodation.move_out.label', { place: p.label, reference: p.reference })}
                    hint={t('accommodation.hint.move_out')}
                    width={4}
                    {...f}
                  />
                  <Button variant="secondary">{t('accommodation.move_out.submit')}</Button>
                </form>
              ) : null,
            )
        : null}
      {props.mayMove && freePlaces.length > 0 ? (
        <form method="post" action={`/unterkuenfte/${site.id}/einzug`} novalidate>
          <h2 class="kern-heading-medium">{t('accommodation.move_in.title')}</h2>
          <CsrfField token={props.csrfToken} />
          <SelectField
            name="placeId"
            label={t('accommodation.field.place')}
            options={places.map((p) => ({ value: p.id, label: p.label }))}
            {...f}
          />
          <TextField
            name="reference"
            label={t('accommodation.field.reference')}
            hint={t('accommodation.hint.reference')}
            width={4}
            {...f}
          />
          <TextField
            name="movedIn"
            label={t('accommodation.field.moved_in')}
            hint={t('accommodation.hint.date')}
            width={4}
            {...f}
          />
          <TextField
            name="movedOut"
            label={t('accommodation.field.moved_out')}
            hint={t('accommodation.hint.moved_out')}
            optional
            width={4}
            {...f}
          />
          <Button>{t('accommodation.move_in.submit')}</Button>
        </form>
      ) : null}
      {props.mayEdit ? (
        <form method="post" action={`/unterkuenfte/${site.id}/plaetze`} novalidate>
          <h2 class="kern-heading-medium">{t('accommodation.places.add')}</h2>
          <CsrfField token={props.csrfToken} />
          <TextField
            name="label"
            label={t('accommodation.field.place_label')}
            hint={t('accommodation.hint.place_label')}
            width={4}
            {...f}
          />
          <Button variant="secondary">{t('accommodation.places.add_submit')}</Button>
        </form>
      ) : null}
      <h2 class="kern-heading-medium">{t('accommodation.chart.site_title')}</h2>
      <OccupancyChart id="belegung-unterkunft" title={t('accommodation.chart.site_title')} series={series} />
      <h2 class="kern-heading-medium">{t('accommodation.contracts.title')}</h2>
      {contracts.length === 0 ? (
        <p class="kern-body">{t('accommodation.contracts.none')}</p>
      ) : (
        <DataTable
          caption={t('accommodation.contracts.title')}
          head={[
            t('accommodation.contracts.col_kind'),
            t('accommodation.contracts.col_provider'),
            t('accommodation.contracts.col_tender'),
            t('accommodation.contracts.col_award'),
            t('accommodation.contracts.col_term'),
          ]}
          rows={contracts.map((c) => [
            props.mayOpenContracts ? (
              <a class="kern-link" href={`/traeger/vertraege/${c.id}`}>
                {kindLabel(c.kind)} {c.reference}
              </a>
            ) : (
              `${kindLabel(c.kind)} ${c.reference}`
            ),
            c.provider_name,
            c.tender_on ? formatIsoDate(c.tender_on) : '–',
            c.awarded_on ? formatIsoDate(c.awarded_on) : '–',
            `${formatIsoDate(c.valid_from)} – ${c.valid_to ? formatIsoDate(c.valid_to) : t('providers.open_ended')}`,
          ])}
        />
      )}
    </Layout>
  )
}
