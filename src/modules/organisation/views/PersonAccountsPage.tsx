// SPDX-License-Identifier: EUPL-1.2
import type { StaffPrincipal } from '../../../http/context.js'
import { t } from '../../../shared/i18n.js'
import { BackLink } from '../../../views/components/back-link.js'
import { Button, CsrfField } from '../../../views/components/form.js'
import { Notice } from '../../../views/components/notice.js'
import { Layout, staffFrame } from '../../../views/layout.js'
import type { PersonWithAccount } from '../person-accounts.service.js'
import { BASE } from './OrganisationPages.js'

export const PEOPLE = `${BASE}/personen`

/** People of the organisation and the sign-in account linked to each (administrators). */
export function PersonAccountsPage(props: {
  staff: StaffPrincipal
  csrfToken: string
  people: PersonWithAccount[]
  saved: boolean
}) {
  return (
    <Layout title={t('person_accounts.title')} staff={staffFrame(props.staff, props.csrfToken)}>
      <BackLink href={BASE}>{t('person_accounts.back')}</BackLink>
      <h1 class="kern-heading-large">{t('person_accounts.title')}</h1>
      <Notice text={props.saved ? t('person_accounts.saved') : undefined} variant="success" />
      <p class="kern-body">{t('person_accounts.intro')}</p>
      {props.people.length === 0 ? (
        <p class="kern-body">{t('person_accounts.none')}</p>
      ) : (
        <div class="kern-table-responsive">
          <table class="kern-table kern-table--striped">
            <caption class="kern-sr-only">{t('person_accounts.title')}</caption>
            <thead class="kern-table__header">
              <tr>
                <th scope="col" class="kern-table__header">
                  {t('person_accounts.col_person')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('person_accounts.col_account')}
                </th>
                <th scope="col" class="kern-table__header">
                  {t('person_accounts.col_action')}
                </th>
              </tr>
            </thead>
            <tbody class="kern-table__body">
              {props.people.map((p) => (
                <tr>
                  <th scope="row" class="kern-table__cell">
                    {p.displayName}
                  </th>
                  <td class="kern-table__cell">
                    {p.account
                      ? `${p.account.displayName} (${p.account.username})${p.account.disabled ? ` – ${t('person_accounts.disabled')}` : ''}`
                      : t('person_accounts.no_account')}
                  </td>
                  <td class="kern-table__cell">
                    {p.account ? (
                      <form method="post" action={`${PEOPLE}/${p.personId}/konto-loesen`}>
                        <CsrfField token={props.csrfToken} />
                        <Button variant="secondary">
                          {t('person_accounts.unlink')}
                          <span class="kern-sr-only"> {p.displayName}</span>
                        </Button>
                      </form>
                    ) : (
                      <a class="kern-link" href={`${PEOPLE}/${p.personId}/konto`}>
                        {t('person_accounts.link')}
                        <span class="kern-sr-only"> {p.displayName}</span>
                      </a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  )
}
