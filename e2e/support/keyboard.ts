// SPDX-License-Identifier: EUPL-1.2
import type { Locator, Page } from 'playwright-core'

/**
 * Keyboard-only interaction. Nothing here clicks: a control is focused (as Tab would) and operated with the
 * keys a keyboard user presses. Each helper checks the effect, so a control that ignores the key fails here.
 */

/** Replaces the field's text by typing, key by key. */
export async function typeInto(field: Locator, text: string): Promise<void> {
  await field.focus()
  await field.press('ControlOrMeta+a')
  await field.press('Delete')
  await field.page().keyboard.type(text)
  const value = await field.inputValue()
  if (value !== text) {
    throw new Error(`typed "${text}" but the field holds "${value}"`)
  }
}

/** Focus + Space on a radio button or checkbox; it must end up checked. */
export async function check(control: Locator): Promise<void> {
  await control.focus()
  await control.press('Space')
  if (!(await control.isChecked())) {
    throw new Error('Space did not check the control')
  }
}

/** Focus the select and type the start of the option's text (type-ahead), as on a closed native select. */
export async function chooseOption(select: Locator, optionText: string): Promise<void> {
  await select.focus()
  await select.page().keyboard.type(optionText)
  const chosen = await selectedOptionText(select)
  if (chosen !== optionText) {
    throw new Error(`typing "${optionText}" selected "${chosen}"`)
  }
}

export function selectedOptionText(select: Locator): Promise<string> {
  // biome-ignore lint/suspicious/noExplicitAny: a DOM element, outside the Node types
  return select.evaluate((el: any) => String(el.selectedOptions?.[0]?.textContent ?? '').trim())
}

/** Focus + Enter on a button or link that loads another page; resolves when that page has loaded. */
export async function activate(control: Locator): Promise<void> {
  const page = control.page()
  await Promise.all([page.waitForEvent('load'), control.press('Enter')])
}

/** Presses Tab and fails unless focus lands on `expected`. */
export async function tabTo(page: Page, expected: Locator): Promise<void> {
  await page.keyboard.press('Tab')
  if (!(await isFocused(expected))) {
    throw new Error(`Tab moved focus to ${await describeFocus(page)}, not to the expected control`)
  }
}

export function isFocused(locator: Locator): Promise<boolean> {
  // biome-ignore lint/suspicious/noExplicitAny: a DOM element, outside the Node types
  return locator.evaluate((el: any) => el === el.ownerDocument.activeElement)
}

/** The focused element as `tag#id "text"`, for failure messages. */
export function describeFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    // biome-ignore lint/suspicious/noExplicitAny: the page's document, outside the Node types
    const el = (globalThis as any).document.activeElement
    if (!el) {
      return 'nothing'
    }
    const text = String(el.textContent ?? '')
      .trim()
      .slice(0, 40)
    return `${String(el.tagName).toLowerCase()}${el.id ? `#${el.id}` : ''}${text ? ` "${text}"` : ''}`
  })
}

/** A control's or region's text as a person reads it: whitespace collapsed, trimmed. */
export async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim()
}
