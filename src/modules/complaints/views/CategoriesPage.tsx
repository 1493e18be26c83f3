// SPDX-License-Identifier: EUPL-1.2
import type { StaffPrincipal } from '../../../http/context.js'
import { t } from '../../../shared/i18n.js'
import { BackLink } from '../../../views/components/back-link.js'
import { DataTable } from '../../../views/components/data-table.js'
import {
  Button,
  Checkbox,
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  type FieldValues,
  type Option,
  SelectField,
  TextField,
} from '../../../views/components/form.js'
import { Notice } from '../../../views/components/notice.js'
import { Layout } from '../../../views/layout.js'
import type { CategoryOverview } from '../categories.service.js'

export const CATEGORIES_PATH = '/verwaltung/beschwerden/kategorien'

interface Frame {
  staff: StaffPrincipal
  csrfToken: string
  errors?: FieldErrors | undefined
  values?: FieldValues | undefined
  notice?: string | undefined
}

function unitOptions(units: Array<{ id: string; name: string; short_code: string }>): Option[] {
  return units.map((u) => ({ value: u.id, label: `${u.short_code} ${u.name}` }))
}

/** The unit, position and label fields the add and the edit form share. */
function CommonFields(props: {
  values: FieldValues
  errors: FieldErrors
  units: Array<{ id: string; name: string; short_code: string }>
}) {
  return (
    <>
      <TextField
        name="label"
        label={t('complaints.categories.label')}
        hint={t('complaints.categories.label_hint')}
        values={props.values}
        errors={props.errors}
      />
      <SelectField
        name="unitId"
        label={t('complaints.categories.unit')}
        hint={t('complaints.categories.unit_hint')}
        values={props.values}
        errors={props.errors}
        options={unitOptions(props.units)}
      />
      <TextField
        name="position"
        label={t('complaints.categories.position')}
        hint={t('complaints.categories.position_hint')}
        values={props.values}
        errors={props.errors}
        inputmode="numeric"
        width={4}
        optional
      />
    </>
  )
}

/** All categories, their routing and use, and the form to add one. No personal data. */
export function CategoriesPage(
  props: Frame & {
    categories: CategoryOverview[]
    units: Array<{ id: string; name: string; short_code: string }>
  },
) {
  const title = t('complaints.categories.title')
  const errors = props.errors ?? {}
  const values = props.values ?? {}
  return (
    <Layout
      title={title}
      hasErrors={Object.keys(errors).length > 0}
      staff={{ displayName: props.staff.displayName, csrfToken: props.csrfToken }}
    >
      <ErrorSummary errors={errors} order={['code', 'label', 'unitId', 'position', 'category']} />
      <Notice text={props.notice} />
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">{t('complaints.categories.intro')}</p>
      <p class="kern-body">
        <a class="kern-link" href="/verwaltung/open311/dienste">
          {t('complaints.categories.to_services')}
        </a>
      </p>
      <DataTable
        caption={title}
        head={[
          t('complaints.categories.label'),
          t('complaints.categories.code'),
          t('complaints.categories.unit'),
          t('complaints.categories.col_state'),
          t('complaints.categories.col_used'),
        ]}
        rows={props.categories.map((c) => [
          <a
            class="kern-link"
            href={`${CATEGORIES_PATH}/${c.id}`}
            aria-label={t('complaints.categories.edit_label', { label: c.label })}
          >
            {c.label}
          </a>,
          <code>{c.code}</code>,
          c.unit_name ?? t('complaints.categories.fallback_unit'),
          c.active ? t('complaints.categories.active') : t('complaints.categories.inactive'),
          String(c.complaints),
        ])}
      />

      <h2 class="kern-heading-medium">{t('complaints.categories.add_title')}</h2>
      <form method="post" action={CATEGORIES_PATH} class="kern-stack" novalidate>
        <CsrfField token={props.csrfToken} />
        <TextField
          name="code"
          label={t('complaints.categories.code')}
          hint={t('complaints.categories.code_hint')}
          values={values}
          errors={errors}
          spellcheck={false}
        />
        <CommonFields values={values} errors={errors} units={props.units} />
        <Button>{t('complaints.categories.add_submit')}</Button>
      </form>
    </Layout>
  )
}

/** One category: rename, route, move, (de)activate; delete only when unused. */
export function CategoryEditPage(
  props: Frame & {
    category: CategoryOverview
    units: Array<{ id: string; name: string; short_code: string }>
  },
) {
  const c = props.category
  const title = t('complaints.categories.edit_title', { label: c.label })
  const errors = props.errors ?? {}
  const values = props.values ?? {
    label: c.label,
    unitId: c.unit_id ?? '',
    position: String(c.position),
    active: c.active ? 'ja' : '',
  }
  return (
    <Layout
      title={title}
      hasErrors={Object.keys(errors).length > 0}
      staff={{ displayName: props.staff.displayName, csrfToken: props.csrfToken }}
    >
      <BackLink href={CATEGORIES_PATH}>{t('complaints.categories.back')}</BackLink>
      <ErrorSummary errors={errors} order={['label', 'unitId', 'position', 'category']} />
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">
        {t('complaints.categories.code_fixed', { code: c.code })}{' '}
        <a class="kern-link" href={`/verwaltung/open311/dienste/${c.id}`}>
          {t('complaints.categories.to_service', { label: c.label })}
        </a>
      </p>
      <form method="post" action={`${CATEGORIES_PATH}/${c.id}`} class="kern-stack" novalidate>
        <CsrfField token={props.csrfToken} />
        <CommonFields values={values} errors={errors} units={props.units} />
        <Checkbox
          name="active"
          label={t('complaints.categories.active_label')}
          hint={t('complaints.categories.active_hint')}
          values={values}
          errors={errors}
        />
        <Button>{t('complaints.categories.save')}</Button>
      </form>

      <h2 class="kern-heading-medium">{t('complaints.categories.delete_title')}</h2>
      {c.complaints > 0 ? (
        <p class="kern-body">{t('complaints.categories.delete_in_use', { count: c.complaints })}</p>
      ) : (
        <form method="post" action={`${CATEGORIES_PATH}/${c.id}/loeschen`}>
          <CsrfField token={props.csrfToken} />
          <p class="kern-body">{t('complaints.categories.delete_hint')}</p>
          <Button variant="secondary">{t('complaints.categories.delete_submit')}</Button>
        </form>
      )}
    </Layout>
  )
}
