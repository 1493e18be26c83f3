// SPDX-License-Identifier: EUPL-1.2

/**
 * A notice after an action (success) or about the page's state (info), announced politely (`role="status"`).
 * Renders nothing without text, so pages can pass an optional notice straight through.
 */
export function Notice({ text, variant }: { text: string | undefined; variant?: 'success' | 'info' }) {
  if (!text) {
    return null
  }
  return (
    <div class={`kern-alert kern-alert--${variant ?? 'success'}`} role="status">
      <div class="kern-alert__body">
        <p class="kern-body">{text}</p>
      </div>
    </div>
  )
}
