// SPDX-License-Identifier: EUPL-1.2
import type { Child } from 'hono/jsx'
import type { StaffPrincipal } from '../../../http/context.js'
import { isMessageKey, t } from '../../../shared/i18n.js'
import { formatCents } from '../../../shared/money.js'
import { DescriptionList } from '../../../views/components/description-list.js'
import { Notice } from '../../../views/components/notice.js'
import { Layout, staffFrame } from '../../../views/layout.js'
import { formatInstant, formatPeriod } from '../../organisation/views/OrganisationPages.js'
import type { PriorityRules } from '../priority-rules.js'
import type { AllRules, RuleState } from '../rules.service.js'

export const RULES_BASE = '/verwaltung/regeln'

/** "Grundsicherung im Alter …" for a benefit type key; the key itself when the catalogue has no text. */
export function benefitLabel(benefitType: string | null): string {
  if (benefitType === null) {
    return t('rules.any_benefit')
  }
  const key = `benefit.${benefitType}`
  return isMessageKey(key) ? t(key) : benefitType
}

const STATE_LABEL: Record<RuleState, string> = {
  current: t('rules.state.current'),
  upcoming: t('rules.state.upcoming'),
  past: t('rules.state.past'),
}

export interface RulesPermissions {
  routing: boolean
  priority: boolean
  approval: boolean
}

function Table(props: { caption: string; cols: string[]; rows: Child[]; empty: string }) {
  if (props.rows.length === 0) {
    return <p class="kern-body">{props.empty}</p>
  }
  return (
    <div class="kern-table-responsive">
      <table class="kern-table kern-table--striped">
        <caption class="kern-sr-only">{props.caption}</caption>
        <thead class="kern-table__header">
          <tr>
            {props.cols.map((c) => (
              <th scope="col" class="kern-table__header">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="kern-table__body">{props.rows}</tbody>
      </table>
    </div>
  )
}

function PriorityDetails(props: { rules: PriorityRules }) {
  const kind = (k: { livelihood: boolean; statutory: boolean }) =>
    k.livelihood
      ? t('rules.priority.class_livelihood')
      : k.statutory
        ? t('rules.priority.class_statutory')
        : t('rules.priority.class_voluntary')
  return (
    <DescriptionList
      rows={[
        ...Object.entries(props.rules.benefitTypes).map(([type, k]) => ({
          label: benefitLabel(type),
          value: kind(k),
        })),
        { label: t('rules.priority.unknown_type'), value: kind(props.rules.unknownBenefitType) },
        {
          label: t('rules.priority.field.undecidedAfterMonths'),
          value: String(props.rules.undecidedAfterMonths),
        },
        {
          label: t('rules.priority.field.objectionAfterMonths'),
          value: String(props.rules.objectionAfterMonths),
        },
        {
          label: t('rules.priority.field.periodEndingWithinWeeks'),
          value: String(props.rules.periodEndingWithinWeeks),
        },
        { label: t('rules.priority.field.riskWithinDays'), value: String(props.rules.riskWithinDays) },
      ]}
    />
  )
}

/** The rule screen: routing, priority and four-eyes rules in force, upcoming and past (history kept). */
export function RulesOverviewPage(props: {
  staff: StaffPrincipal
  csrfToken: string
  rules: AllRules
  postLabel: (postId: string) => string
  /** A team's name for team targets and team rules. */
  unitLabel: (unitId: string) => string
  may: RulesPermissions
  saved: boolean
}) {
  const { rules, may } = props
  const endLink = (kind: string, id: string, state: RuleState, allowed: boolean) =>
    allowed && state !== 'past' ? (
      <a class="kern-link" href={`${RULES_BASE}/${kind}/${id}/beenden`}>
        {t('rules.end_link')}
      </a>
    ) : (
      ''
    )
  // A rule that has not started may be withdrawn (never applied); one in force can only be ended.
  const withdrawLink = (kind: string, id: string, state: RuleState, allowed: boolean) =>
    allowed && state === 'upcoming' ? (
      <>
        {' '}
        <a class="kern-link" href={`${RULES_BASE}/${kind}/${id}/zurueckziehen`}>
          {t('rules.withdraw_link')}
        </a>
      </>
    ) : (
      ''
    )
  const target = (r: AllRules['routing'][number]) =>
    `${r.targetPostId ? props.postLabel(r.targetPostId) : t('rules.routing.team_target', { team: props.unitLabel(r.targetUnitId ?? '') })}${
      r.withinUnitId ? ` (${t('rules.routing.within', { team: props.unitLabel(r.withinUnitId) })})` : ''
    }`
  const letters = (from: string | null, to: string | null) =>
    from === null && to === null ? t('rules.routing.all_letters') : `${from ?? 'A'} – ${to ?? 'Z'}`
  const shownPriority = rules.priority.filter((p) => p.state !== 'past')
  const pastPriority = rules.priority.filter((p) => p.state === 'past')
  return (
    <Layout title={t('rules.title')} staff={staffFrame(props.staff, props.csrfToken)}>
      <h1 class="kern-heading-large">{t('rules.title')}</h1>
      <Notice text={props.saved ? t('rules.saved') : undefined} variant="success" />
      <p class="kern-body">{t('rules.intro')}</p>

      <h2 class="kern-heading-medium" id="zustaendigkeit">
        {t('rules.routing.heading')}
      </h2>
      <p class="kern-body">{t('rules.routing.intro')}</p>
      {may.routing ? (
        <p class="kern-body">
          <a class="kern-link" href={`${RULES_BASE}/zustaendigkeit/neu`}>
            {t('rules.routing.new')}
          </a>
        </p>
      ) : null}
      <Table
        caption={t('rules.routing.heading')}
        empty={t('rules.routing.none')}
        cols={[
          t('rules.routing.col_position'),
          t('rules.col_benefit'),
          t('rules.routing.col_letters'),
          t('rules.routing.col_post'),
          t('rules.col_period'),
          t('rules.col_state'),
          t('rules.col_action'),
        ]}
        rows={rules.routing.map((r) => (
          <tr>
            <td class="kern-table__cell">{r.position}</td>
            <td class="kern-table__cell">{benefitLabel(r.benefitType)}</td>
            <td class="kern-table__cell">{letters(r.surnameFrom, r.surnameTo)}</td>
            <td class="kern-table__cell">{target(r)}</td>
            <td class="kern-table__cell">{formatPeriod(r)}</td>
            <td class="kern-table__cell">{STATE_LABEL[r.state]}</td>
            <td class="kern-table__cell">
              {endLink('zustaendigkeit', r.id, r.state, may.routing)}
              {withdrawLink('zustaendigkeit', r.id, r.state, may.routing)}
            </td>
          </tr>
        ))}
      />

      <h2 class="kern-heading-medium" id="prioritaet">
        {t('rules.priority.heading')}
      </h2>
      <p class="kern-body">{t('rules.priority.intro')}</p>
      {may.priority ? (
        <p class="kern-body">
          <a class="kern-link" href={`${RULES_BASE}/prioritaet/neu`}>
            {t('rules.priority.new')}
          </a>
        </p>
      ) : null}
      {shownPriority.map((p) => (
        <section aria-labelledby={`prio-${p.id}`}>
          <h3 class="kern-heading-small" id={`prio-${p.id}`}>
            {t('rules.priority.version', { from: formatInstant(p.validFrom), state: STATE_LABEL[p.state] })}
          </h3>
          <PriorityDetails rules={p.rules} />
          {p.state === 'upcoming' && may.priority ? (
            <p class="kern-body">
              <a class="kern-link" href={`${RULES_BASE}/prioritaet/${p.id}/zurueckziehen`}>
                {t('rules.withdraw_link')}
              </a>
            </p>
          ) : null}
        </section>
      ))}
      {pastPriority.length > 0 ? (
        <p class="kern-body">
          {t('rules.priority.past', {
            dates: pastPriority.map((p) => formatInstant(p.validFrom)).join(', '),
          })}
        </p>
      ) : null}

      <h2 class="kern-heading-medium" id="vier-augen">
        {t('rules.approval.heading')}
      </h2>
      <p class="kern-body">{t('rules.approval.intro')}</p>
      {may.approval ? (
        <p class="kern-body">
          <a class="kern-link" href={`${RULES_BASE}/vier-augen/neu`}>
            {t('rules.approval.new')}
          </a>
        </p>
      ) : null}
      <Table
        caption={t('rules.approval.heading')}
        empty={t('rules.approval.none')}
        cols={[
          t('rules.col_benefit'),
          t('rules.approval.col_threshold'),
          t('rules.approval.col_post'),
          t('rules.col_period'),
          t('rules.col_state'),
          t('rules.col_action'),
        ]}
        rows={rules.approval.map((r) => (
          <tr>
            <td class="kern-table__cell">{benefitLabel(r.benefitType)}</td>
            <td class="kern-table__cell">{formatCents(r.minMonthlyCents)}</td>
            <td class="kern-table__cell">
              {r.approvingPostId ? props.postLabel(r.approvingPostId) : t('rules.approval.unit_head')}
            </td>
            <td class="kern-table__cell">{formatPeriod(r)}</td>
            <td class="kern-table__cell">{STATE_LABEL[r.state]}</td>
            <td class="kern-table__cell">
              {endLink('vier-augen', r.id, r.state, may.approval)}
              {withdrawLink('vier-augen', r.id, r.state, may.approval)}
            </td>
          </tr>
        ))}
      />
    </Layout>
  )
}
