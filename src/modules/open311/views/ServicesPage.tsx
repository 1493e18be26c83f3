// SPDX-License-Identifier: EUPL-1.2
import type { StaffPrincipal } from '../../../http/context.js'
import { type MessageKey, t } from '../../../shared/i18n.js'
import { BackLink } from '../../../views/components/back-link.js'
import { DataTable } from '../../../views/components/data-table.js'
import {
  Button,
  Checkbox,
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  type FieldValues,
  RadioGroup,
  SelectField,
  TextArea,
  TextField,
} from '../../../views/components/form.js'
import { Notice } from '../../../views/components/notice.js'
import { Layout } from '../../../views/layout.js'
import type { Open311AttributeRow } from '../open311.table.js'
import { DATATYPES, SERVICE_TYPES, type ServiceSetting } from '../services.settings.js'

export const SERVICES_PATH = '/verwaltung/open311/dienste'

interface Frame {
  staff: StaffPrincipal
  csrfToken: string
  errors?: FieldErrors | undefined
  values?: FieldValues | undefined
  notice?: string | undefined
}

const typeLabel = (type: string) => t(`open311.settings.type_${type}` as MessageKey)
const datatypeLabel = (datatype: string) => t(`open311.settings.datatype_${datatype}` as MessageKey)

/** All services as published (one per complaint category). */
export function ServicesPage(props: Frame & { services: ServiceSetting[] }) {
  const title = t('open311.settings.title')
  return (
    <Layout title={title} staff={{ displayName: props.staff.displayName, csrfToken: props.csrfToken }}>
      <Notice text={props.notice} />
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">{t('open311.settings.intro')}</p>
      <p class="kern-body">
        <a class="kern-link" href="/verwaltung/beschwerden/kategorien">
          {t('open311.settings.to_categories')}
        </a>
      </p>
      <DataTable
        caption={title}
        head={[
          t('open311.settings.col_service'),
          t('open311.settings.col_code'),
          t('open311.settings.type'),
          t('open311.settings.group'),
          t('open311.settings.col_attributes'),
          t('open311.settings.col_published'),
        ]}
        rows={props.services.map((s) => [
          <a
            class="kern-link"
            href={`${SERVICES_PATH}/${s.id}`}
            aria-label={t('open311.settings.edit_label', { label: s.label })}
          >
            {s.label}
          </a>,
          <code>{s.code}</code>,
          typeLabel(s.type),
          s.groupName,
          String(s.attributes),
          s.active ? t('open311.settings.published') : t('open311.settings.not_published'),
        ])}
      />
    </Layout>
  )
}

/** The fields of an attribute definition (add form and edit form). */
function AttributeFields(props: { values: FieldValues; errors: FieldErrors }) {
  const { values, errors } = props
  return (
    <>
      <TextField
        name="code"
        label={t('open311.settings.attr_code')}
        hint={t('open311.settings.attr_code_hint')}
        values={values}
        errors={errors}
        spellcheck={false}
      />
      <TextField
        name="attrDescription"
        label={t('open311.settings.attr_description')}
        hint={t('open311.settings.attr_description_hint')}
        values={values}
        errors={errors}
      />
      <SelectField
        name="datatype"
        label={t('open311.settings.attr_datatype')}
        values={values}
        errors={errors}
        options={DATATYPES.map((d) => ({ value: d, label: datatypeLabel(d) }))}
      />
      <TextField
        name="order"
        label={t('open311.settings.attr_order')}
        hint={t('open311.settings.attr_order_hint')}
        values={values}
        errors={errors}
        inputmode="numeric"
        width={4}
      />
      <TextField
        name="datatypeDescription"
        label={t('open311.settings.attr_datatype_description')}
        hint={t('open311.settings.attr_datatype_description_hint')}
        values={values}
        errors={errors}
        optional
      />
      <TextArea
        name="values"
        label={t('open311.settings.attr_values')}
        hint={t('open311.settings.attr_values_hint')}
        values={values}
        errors={errors}
        rows={4}
        optional
      />
      <Checkbox name="required" label={t('open311.settings.attr_required')} values={values} errors={errors} />
      <Checkbox
        name="variable"
        label={t('open311.settings.attr_variable')}
        hint={t('open311.settings.attr_variable_hint')}
        values={values}
        errors={errors}
      />
    </>
  )
}

const SERVICE_ORDER = ['description', 'type', 'keywords', 'groupName']
const ATTRIBUTE_ORDER = ['code', 'attrDescription', 'datatype', 'order', 'datatypeDescription', 'values']

/** One service: its published settings, its attributes, and the form to add an attribute. */
export function ServicePage(
  props: Frame & {
    service: ServiceSetting
    attributes: Open311AttributeRow[]
    /** Which form the errors belong to. */
    form?: 'service' | 'attribute' | undefined
  },
) {
  const s = props.service
  const title = t('open311.settings.service_title', { label: s.label })
  const errors = props.errors ?? {}
  const serviceValues =
    props.form === 'service' && props.values
      ? props.values
      : {
          description: s.description,
          type: s.type,
          keywords: s.keywords,
          groupName: s.groupName,
          private: s.private ? 'ja' : '',
        }
  const attributeValues =
    props.form === 'attribute' && props.values
      ? props.values
      : {
          variable: 'ja',
          order: String(Math.max(0, ...props.attributes.map((a) => a.position)) + 1),
        }
  const serviceErrors = props.form === 'service' ? errors : {}
  const attributeErrors = props.form === 'attribute' ? errors : {}
  return (
    <Layout
      title={title}
      hasErrors={Object.keys(errors).length > 0}
      staff={{ displayName: props.staff.displayName, csrfToken: props.csrfToken }}
    >
      <BackLink href={SERVICES_PATH}>{t('open311.settings.back')}</BackLink>
      <ErrorSummary errors={errors} order={props.form === 'service' ? SERVICE_ORDER : ATTRIBUTE_ORDER} />
      <Notice text={props.notice} />
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">
        {t('open311.settings.service_code', { code: s.code })}{' '}
        {s.active ? t('open311.settings.published') : t('open311.settings.not_published_hint')}
      </p>

      <form method="post" action={`${SERVICES_PATH}/${s.id}`} class="kern-stack" novalidate>
        <CsrfField token={props.csrfToken} />
        <TextArea
          name="description"
          label={t('open311.settings.description')}
          hint={t('open311.settings.description_hint')}
          values={serviceValues}
          errors={serviceErrors}
          rows={3}
          optional
        />
        <RadioGroup
          name="type"
          label={t('open311.settings.type')}
          hint={t('open311.settings.type_hint')}
          values={serviceValues}
          errors={serviceErrors}
          options={SERVICE_TYPES.map((type) => ({ value: type, label: typeLabel(type) }))}
        />
        <TextField
          name="keywords"
          label={t('open311.settings.keywords')}
          hint={t('open311.settings.keywords_hint')}
          values={serviceValues}
          errors={serviceErrors}
          optional
        />
        <TextField
          name="groupName"
          label={t('open311.settings.group')}
          values={serviceValues}
          errors={serviceErrors}
          optional
        />
        <Checkbox
          name="private"
          label={t('open311.settings.private')}
          hint={t('open311.settings.private_hint')}
          values={serviceValues}
          errors={serviceErrors}
        />
        <Button>{t('open311.settings.save_service')}</Button>
      </form>

      <h2 class="kern-heading-medium">{t('open311.settings.attributes')}</h2>
      {props.attributes.length === 0 ? (
        <p class="kern-body">{t('open311.settings.no_attributes')}</p>
      ) : (
        <DataTable
          caption={t('open311.settings.attributes')}
          head={[
            t('open311.settings.attr_order'),
            t('open311.settings.attr_description'),
            t('open311.settings.attr_code'),
            t('open311.settings.attr_datatype'),
            t('open311.settings.col_required'),
          ]}
          rowHeader={false}
          rows={props.attributes.map((a) => [
            String(a.position),
            a.description,
            <a
              class="kern-link"
              href={`${SERVICES_PATH}/${s.id}/attribute/${a.id}`}
              aria-label={t('open311.settings.attr_edit_label', { code: a.code })}
            >
              <code>{a.code}</code>
            </a>,
            datatypeLabel(a.datatype),
            a.required ? t('open311.settings.yes') : t('open311.settings.no'),
          ])}
        />
      )}

      <h2 class="kern-heading-medium">{t('open311.settings.add_attribute')}</h2>
      <form method="post" action={`${SERVICES_PATH}/${s.id}/attribute`} class="kern-stack" novalidate>
        <CsrfField token={props.csrfToken} />
        <AttributeFields values={attributeValues} errors={attributeErrors} />
        <Button>{t('open311.settings.add_attribute_submit')}</Button>
      </form>
    </Layout>
  )
}

/** One attribute definition: change it or remove it. */
export function AttributePage(props: Frame & { service: ServiceSetting; attribute: Open311AttributeRow }) {
  const s = props.service
  const a = props.attribute
  const title = t('open311.settings.attribute_title', { code: a.code, label: s.label })
  const errors = props.errors ?? {}
  const values = props.values ?? {
    code: a.code,
    attrDescription: a.description,
    datatype: a.datatype,
    order: String(a.position),
    datatypeDescription: a.datatype_description,
    values: a.values.map((v) => `${v.key} = ${v.name}`).join('\n'),
    required: a.required ? 'ja' : '',
    variable: a.variable ? 'ja' : '',
  }
  const base = `${SERVICES_PATH}/${s.id}/attribute/${a.id}`
  return (
    <Layout
      title={title}
      hasErrors={Object.keys(errors).length > 0}
      staff={{ displayName: props.staff.displayName, csrfToken: props.csrfToken }}
    >
      <BackLink href={`${SERVICES_PATH}/${s.id}`}>
        {t('open311.settings.back_to_service', { label: s.label })}
      </BackLink>
      <ErrorSummary errors={errors} order={ATTRIBUTE_ORDER} />
      <h1 class="kern-heading-large">{title}</h1>
      <form method="post" action={base} class="kern-stack" novalidate>
        <CsrfField token={props.csrfToken} />
        <AttributeFields values={values} errors={errors} />
        <Button>{t('open311.settings.save_attribute')}</Button>
      </form>
      <h2 class="kern-heading-medium">{t('open311.settings.delete_attribute_title')}</h2>
      <form method="post" action={`${base}/loeschen`}>
        <CsrfField token={props.csrfToken} />
        <p class="kern-body">{t('open311.settings.delete_attribute_hint')}</p>
        <Button variant="secondary">{t('open311.settings.delete_attribute')}</Button>
      </form>
    </Layout>
  )
}
