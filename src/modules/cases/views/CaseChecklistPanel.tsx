// SPDX-License-Identifier: EUPL-1.2
import { formatDateTime, formatIsoDate } from '../../../shared/dates.js'
import { t } from '../../../shared/i18n.js'
import { CsrfField } from '../../../views/components/form.js'
import type { ItemView, StepView } from '../checklist.domain.js'
import type { CaseChecklist } from '../checklist.service.js'

interface PanelProps {
  checklist: CaseChecklist | null | undefined
  /** The case page's path, e.g. `/sachbearbeitung/antraege/<id>`. */
  base: string
  csrfToken: string
  readOnly: boolean
}

function ItemState({ item }: { item: ItemView }) {
  if (item.state === 'done') {
    return (
      <p class="kern-body kern-body--muted">
        {t('checklist.item_done_by', { by: item.by ?? '', at: item.at ? formatDateTime(item.at) : '' })}
      </p>
    )
  }
  if (item.state === 'waived') {
    return (
      <p class="kern-body kern-body--muted">
        {t('checklist.item_waived_by', {
          by: item.by ?? '',
          at: item.at ? formatDateTime(item.at) : '',
          reason: item.reason ?? '',
        })}
      </p>
    )
  }
  return <p class="kern-body kern-body--muted">{t('checklist.item_open')}</p>
}

function ItemForms({ item, action, csrfToken }: { item: ItemView; action: string; csrfToken: string }) {
  const hidden = (
    <>
      <CsrfField token={csrfToken} />
      <input type="hidden" name="schritt" value={item.stepKey} />
      <input type="hidden" name="punkt" value={String(item.index)} />
    </>
  )
  if (item.state !== 'open') {
    return (
      <form method="post" action={action}>
        {hidden}
        <button type="submit" class="kern-btn kern-btn--tertiary" name="aktion" value="oeffnen">
          <span class="kern-label">
            {t('checklist.reopen')}
            <span class="kern-sr-only">: {item.text}</span>
          </span>
        </button>
      </form>
    )
  }
  const reasonId = `checkliste-${item.stepKey}-${item.index}-begruendung`
  return (
    <div class="kern-stack">
      <form method="post" action={action}>
        {hidden}
        <button type="submit" class="kern-btn kern-btn--secondary" name="aktion" value="erledigt">
          <span class="kern-label">
            {t('checklist.mark_done')}
            <span class="kern-sr-only">: {item.text}</span>
          </span>
        </button>
      </form>
      <details>
        <summary class="kern-body">
          {t('checklist.waive')}
          <span class="kern-sr-only">: {item.text}</span>
        </summary>
        <form method="post" action={action}>
          {hidden}
          <div class="kern-form-input">
            <label class="kern-label" for={reasonId}>
              {t('checklist.waive_reason', { item: item.text })}
            </label>
            <textarea
              class="kern-form-input__input"
              id={reasonId}
              name="begruendung"
              rows={2}
              maxlength={1000}
            />
          </div>
          <button type="submit" class="kern-btn kern-btn--secondary" name="aktion" value="verzichten">
            <span class="kern-label">{t('checklist.waive_submit')}</span>
          </button>
        </form>
      </details>
    </div>
  )
}

function Step({
  step,
  action,
  csrfToken,
  canWork,
}: {
  step: StepView
  action: string
  csrfToken: string
  canWork: boolean
}) {
  const state = step.complete
    ? t('checklist.step_complete')
    : step.overdue
      ? t('checklist.step_overdue')
      : t('checklist.step_open')
  return (
    <li class="kern-stack">
      <h3 class="kern-heading-small">{step.title}</h3>
      <p class="kern-body">
        {t('checklist.step_due', { date: formatIsoDate(step.dueOn) })} — <strong>{state}</strong>
      </p>
      {step.description ? <p class="kern-body">{step.description}</p> : null}
      <ul class="kern-list">
        {step.items.map((item) => (
          <li>
            <p class="kern-body">
              {item.text}
              {item.mandatory ? ` (${t('checklist.mandatory')})` : ''}
              {item.evidenceRequired ? ` (${t('checklist.evidence_required')})` : ''}
            </p>
            <ItemState item={item} />
            {canWork ? <ItemForms item={item} action={action} csrfToken={csrfToken} /> : null}
          </li>
        ))}
      </ul>
    </li>
  )
}

/**
 * The checklist of the process standard the case follows: steps with due dates, items to tick or waive,
 * what still blocks the decision, and the explicit adoption of a newer version. Renders nothing when the
 * case's benefit type has no standard.
 */
export function CaseChecklistPanel(props: PanelProps) {
  const c = props.checklist
  if (!c) {
    return null
  }
  const canWork = c.open && !props.readOnly
  const action = `${props.base}/checkliste/punkt`
  return (
    <section aria-labelledby="sec-checklist" class="kern-stack" id="checkliste">
      <h2 class="kern-heading-small" id="sec-checklist">
        {c.version === null
          ? t('checklist.heading_none', { title: c.standardTitle })
          : t('checklist.heading', { title: c.standardTitle, version: c.version })}
      </h2>
      {c.version === null ? (
        <p class="kern-body">{t('checklist.none_at_start')}</p>
      ) : (
        <p class="kern-body">
          {c.adoptedAt
            ? t('checklist.adopted_at', { at: formatDateTime(c.adoptedAt) })
            : t('checklist.pinned_at_start', { at: c.startedAt ? formatDateTime(c.startedAt) : '' })}
        </p>
      )}
      {c.open && c.openMandatory.length > 0 ? (
        <div class="kern-alert kern-alert--warning">
          <div class="kern-alert__body">
            <p class="kern-body">{t('checklist.blocking', { count: c.openMandatory.length })}</p>
          </div>
        </div>
      ) : null}
      {c.newerVersion && canWork ? (
        <form method="post" action={`${props.base}/checkliste/version`} class="kern-stack">
          <CsrfField token={props.csrfToken} />
          <p class="kern-body">
            {c.version === null
              ? t('checklist.adoptable_first', {
                  version: c.newerVersion.version,
                  date: formatIsoDate(c.newerVersion.validFrom),
                })
              : t('checklist.adoptable', {
                  version: c.newerVersion.version,
                  date: formatIsoDate(c.newerVersion.validFrom),
                  current: c.version,
                })}
          </p>
          <button type="submit" class="kern-btn kern-btn--secondary">
            <span class="kern-label">{t('checklist.adopt', { version: c.newerVersion.version })}</span>
          </button>
        </form>
      ) : null}
      {c.steps.length > 0 ? (
        <ol class="kern-list">
          {c.steps.map((step) => (
            <Step step={step} action={action} csrfToken={props.csrfToken} canWork={canWork} />
          ))}
        </ol>
      ) : null}
    </section>
  )
}
