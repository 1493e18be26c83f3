// SPDX-License-Identifier: EUPL-1.2
import type { StaffPrincipal } from '../../../http/context.js'
import { formatIsoDate } from '../../../shared/dates.js'
import { t } from '../../../shared/i18n.js'
import { BackLink } from '../../../views/components/back-link.js'
import { DescriptionList } from '../../../views/components/description-list.js'
import { CsrfField } from '../../../views/components/form.js'
import { Layout } from '../../../views/layout.js'
import { PERIODS } from '../onboarding.domain.js'
import type { OnboardingReport, Plan, PlanTask } from '../onboarding.service.js'

interface PageBase {
  staff: StaffPrincipal
  csrfToken: string
}

function TaskStatus({ task }: { task: PlanTask }) {
  const text = task.confirmedAt
    ? t('onboarding.task_confirmed', { by: task.confirmedBy ?? '' })
    : task.doneAt
      ? t('onboarding.task_done')
      : task.overdue
        ? t('onboarding.task_overdue')
        : t('onboarding.task_open')
  return <strong>{text}</strong>
}

function TaskLinks({ task }: { task: PlanTask }) {
  return (
    <>
      {task.knowledgeSlug ? (
        <a class="kern-link" href={`/wissen/eintrag/${task.knowledgeSlug}`}>
          {t('onboarding.read_knowledge')}
          <span class="kern-sr-only">: {task.title}</span>
        </a>
      ) : null}{' '}
      {task.standardKey ? (
        <a class="kern-link" href={`/standards/${task.standardKey}`}>
          {t('onboarding.read_standard')}
          <span class="kern-sr-only">: {task.title}</span>
        </a>
      ) : null}
    </>
  )
}

function TaskItem({
  task,
  csrfToken,
  action,
}: {
  task: PlanTask
  csrfToken: string
  action: { path: string; label: string } | null
}) {
  return (
    <li class="kern-stack">
      <p class="kern-body">
        {task.title} — {t('onboarding.due', { date: formatIsoDate(task.dueOn) })} — <TaskStatus task={task} />
      </p>
      <p class="kern-body">
        <TaskLinks task={task} />
      </p>
      {action ? (
        <form method="post" action={action.path}>
          <CsrfField token={csrfToken} />
          <button type="submit" class="kern-btn kern-btn--secondary">
            <span class="kern-label">
              {action.label}
              <span class="kern-sr-only">: {task.title}</span>
            </span>
          </button>
        </form>
      ) : null}
    </li>
  )
}

function OwnPlan({ plan, csrfToken }: { plan: Plan; csrfToken: string }) {
  const now = plan.tasks.filter((k) => k.doneAt === null && (k.period === plan.currentPeriod || k.overdue))
  const doneAction = (k: PlanTask) =>
    k.doneAt === null
      ? { path: `/einarbeitung/aufgaben/${k.id}/erledigt`, label: t('onboarding.mark_done') }
      : null
  return (
    <section aria-labelledby={`plan-${plan.id}`} class="kern-stack">
      <h2 class="kern-heading-medium" id={`plan-${plan.id}`}>
        {plan.title}
      </h2>
      <p class="kern-body">
        {t('onboarding.plan_meta', {
          post: plan.post,
          start: formatIsoDate(plan.startedOn),
          solo: formatIsoDate(plan.soloOn),
        })}
      </p>
      {plan.mentorPost ? <p class="kern-body">{t('onboarding.mentor', { post: plan.mentorPost })}</p> : null}
      <h3 class="kern-heading-small">
        {t('onboarding.this_week', { period: t(`onboarding.period.${plan.currentPeriod}`) })}
      </h3>
      {now.length === 0 ? (
        <p class="kern-body">{t('onboarding.nothing_now')}</p>
      ) : (
        <ul class="kern-list">
          {now.map((k) => (
            <TaskItem task={k} csrfToken={csrfToken} action={doneAction(k)} />
          ))}
        </ul>
      )}
      <h3 class="kern-heading-small">{t('onboarding.whole_plan')}</h3>
      {PERIODS.map(({ period }) => {
        const tasks = plan.tasks.filter((k) => k.period === period)
        return tasks.length === 0 ? null : (
          <>
            <h4 class="kern-heading-small">{t(`onboarding.period.${period}`)}</h4>
            <ul class="kern-list">
              {tasks.map((k) => (
                <li>
                  {k.title} — {t('onboarding.due', { date: formatIsoDate(k.dueOn) })} —{' '}
                  <TaskStatus task={k} />
                </li>
              ))}
            </ul>
          </>
        )
      })}
    </section>
  )
}

function SupervisedPlan({ plan, csrfToken }: { plan: Plan; csrfToken: string }) {
  return (
    <section aria-labelledby={`begleitung-${plan.id}`} class="kern-stack">
      <h3 class="kern-heading-small" id={`begleitung-${plan.id}`}>
        {t('onboarding.supervised_heading', { person: plan.person, post: plan.post })}
      </h3>
      <p class="kern-body">
        {t(`onboarding.state.${plan.state}`)} —{' '}
        {t('onboarding.progress', { done: plan.done, total: plan.tasks.length })}
      </p>
      <ul class="kern-list">
        {plan.tasks.map((k) => (
          <TaskItem
            task={k}
            csrfToken={csrfToken}
            action={
              k.confirmedAt === null
                ? { path: `/einarbeitung/aufgaben/${k.id}/bestaetigen`, label: t('onboarding.confirm') }
                : null
            }
          />
        ))}
      </ul>
    </section>
  )
}

/** The newcomer's plan ("what to do this week") and the plans she accompanies as mentor or lead. */
export function OnboardingPage(props: PageBase & { own: Plan[]; supervised: Plan[]; canReport: boolean }) {
  return (
    <Layout
      title={t('onboarding.title')}
      staff={{ displayName: props.staff.displayName, csrfToken: props.csrfToken }}
    >
      <h1 class="kern-heading-large">{t('onboarding.title')}</h1>
      {props.canReport ? (
        <p class="kern-body">
          <a class="kern-link" href="/einarbeitung/bericht">
            {t('onboarding.report_link')}
          </a>
        </p>
      ) : null}
      {props.own.length === 0 ? <p class="kern-body">{t('onboarding.no_plan')}</p> : null}
      {props.own.map((p) => (
        <OwnPlan plan={p} csrfToken={props.csrfToken} />
      ))}
      {props.supervised.length > 0 ? (
        <section aria-labelledby="sec-supervised" class="kern-stack">
          <h2 class="kern-heading-medium" id="sec-supervised">
            {t('onboarding.supervised')}
          </h2>
          {props.supervised.map((p) => (
            <SupervisedPlan plan={p} csrfToken={props.csrfToken} />
          ))}
        </section>
      ) : null}
    </Layout>
  )
}

/** Across the units the lead leads: how many plans started, are on track, overdue, completed. */
export function OnboardingReportPage(props: PageBase & { report: OnboardingReport }) {
  const r = props.report
  return (
    <Layout
      title={t('onboarding.report_title')}
      staff={{ displayName: props.staff.displayName, csrfToken: props.csrfToken }}
    >
      <BackLink href="/einarbeitung">{t('onboarding.back')}</BackLink>
      <h1 class="kern-heading-large">{t('onboarding.report_title')}</h1>
      <DescriptionList
        rows={[
          { label: t('onboarding.report_started'), value: r.started },
          { label: t('onboarding.report_on_track'), value: r.onTrack },
          { label: t('onboarding.report_overdue'), value: r.overdue },
          { label: t('onboarding.report_completed'), value: r.completed },
        ]}
      />
      {r.plans.length === 0 ? (
        <p class="kern-body">{t('onboarding.report_none')}</p>
      ) : (
        <table class="kern-table">
          <caption class="kern-title">{t('onboarding.report_caption')}</caption>
          <thead class="kern-table__head">
            <tr class="kern-table__row">
              <th scope="col" class="kern-table__header">
                {t('onboarding.col_person')}
              </th>
              <th scope="col" class="kern-table__header">
                {t('onboarding.col_post')}
              </th>
              <th scope="col" class="kern-table__header">
                {t('onboarding.col_start')}
              </th>
              <th scope="col" class="kern-table__header">
                {t('onboarding.col_state')}
              </th>
              <th scope="col" class="kern-table__header">
                {t('onboarding.col_progress')}
              </th>
              <th scope="col" class="kern-table__header">
                {t('onboarding.col_solo')}
              </th>
            </tr>
          </thead>
          <tbody class="kern-table__body">
            {r.plans.map((p) => (
              <tr class="kern-table__row">
                <td class="kern-table__cell">{p.person}</td>
                <td class="kern-table__cell">{p.post}</td>
                <td class="kern-table__cell">{formatIsoDate(p.startedOn)}</td>
                <td class="kern-table__cell">{t(`onboarding.state.${p.state}`)}</td>
                <td class="kern-table__cell">{`${p.progressPercent} %`}</td>
                <td class="kern-table__cell">{t('onboarding.days', { days: p.daysUntilSolo })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  )
}
