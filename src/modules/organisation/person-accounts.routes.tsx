// SPDX-License-Identifier: EUPL-1.2
/**
 * Person ↔ sign-in account (/verwaltung/organisation/personen): administrators link a person of the
 * organisation to a staff account and unlink it. No social data on these pages.
 * @module
 */
import { type Context, Hono } from 'hono'
import type { AppEnv } from '../../http/context.js'
import { formText } from '../../http/form-input.js'
import { NotFoundError } from '../../shared/errors.js'
import { t } from '../../shared/i18n.js'
import { isUuid } from '../../shared/ids.js'
import type { FieldErrors } from '../../views/components/form.js'
import { requireStaff, staffAccess } from '../auth/index.js'
import * as accounts from './person-accounts.service.js'
import { OrgFormPage } from './views/OrganisationPages.js'
import { PEOPLE, PersonAccountsPage } from './views/PersonAccountsPage.js'

const administrators = staffAccess('administrator')

function actorOf(c: Context<AppEnv>): accounts.AccountActor {
  return { id: requireStaff(c).id, requestId: c.get('requestId') ?? null }
}

function personIdOf(c: Context<AppEnv>): string {
  const id = c.req.param('id') ?? ''
  if (!isUuid(id)) {
    throw new NotFoundError(`person ${id}`)
  }
  return id
}

async function linkForm(
  c: Context<AppEnv>,
  personId: string,
  values: Record<string, string>,
  errors: FieldErrors,
) {
  const db = c.get('deps').db
  const [person, free] = await Promise.all([accounts.findPerson(db, personId), accounts.unlinkedAccounts(db)])
  return c.html(
    <OrgFormPage
      staff={requireStaff(c)}
      csrfToken={c.get('csrfToken')}
      title={t('person_accounts.link_title', { name: person.display_name })}
      intro={t('person_accounts.link_intro')}
      action={`${PEOPLE}/${personId}/konto`}
      back={PEOPLE}
      fields={[
        {
          kind: 'select',
          name: 'staffUserId',
          label: t('person_accounts.field.account'),
          hint: t('person_accounts.field.account_hint'),
          options: [
            { value: '', label: t('person_accounts.choose') },
            ...free.map((a) => ({ value: a.id, label: `${a.display_name} (${a.username})` })),
          ],
        },
      ]}
      values={values}
      errors={errors}
      submit={t('person_accounts.link_submit')}
    />,
    Object.keys(errors).length > 0 ? 422 : 200,
  )
}

export function personAccountsRoutes() {
  const app = new Hono<AppEnv>()

  app.get(PEOPLE, administrators, async (c) =>
    c.html(
      <PersonAccountsPage
        staff={requireStaff(c)}
        csrfToken={c.get('csrfToken')}
        people={await accounts.listPeopleWithAccounts(c.get('deps').db)}
        saved={c.req.query('gespeichert') === '1'}
      />,
    ),
  )

  app.get(`${PEOPLE}/:id/konto`, administrators, (c) => linkForm(c, personIdOf(c), {}, {}))

  app.post(`${PEOPLE}/:id/konto`, administrators, async (c) => {
    const personId = personIdOf(c)
    const values = await formText(c)
    const staffUserId = values.staffUserId ?? ''
    if (!isUuid(staffUserId)) {
      return linkForm(c, personId, values, { staffUserId: t('person_accounts.error.choose') })
    }
    try {
      await accounts.linkAccount(c.get('deps').db, actorOf(c), personId, staffUserId)
    } catch (error) {
      if (error instanceof accounts.PersonAccountRefusedError) {
        return linkForm(c, personId, values, { staffUserId: t(error.messageKey, error.messageParams) })
      }
      throw error
    }
    return c.redirect(`${PEOPLE}?gespeichert=1`, 303)
  })

  app.post(`${PEOPLE}/:id/konto-loesen`, administrators, async (c) => {
    const personId = personIdOf(c)
    await formText(c)
    await accounts.unlinkAccount(c.get('deps').db, actorOf(c), personId)
    return c.redirect(`${PEOPLE}?gespeichert=1`, 303)
  })

  return app
}
