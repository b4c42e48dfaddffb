// Small DOM helpers the dashboard's scripts share.

export function byId<T extends HTMLElement = HTMLElement>(id: string): T | null {
  return document.getElementById(id) as T | null
}

/** Says something in the page's polite status region (screen readers hear it). */
export function announce(text: string): void {
  const region = byId('action-status') ?? byId('form-status')
  if (region) region.textContent = text
}

/**
 * Announces `text` and moves the focus to the action status line, so a keyboard or screen-reader
 * user hears the outcome of what they pressed and carries on from there.
 */
export function announceAndFocus(text: string): void {
  announce(text)
  const status = byId('action-status')
  status?.setAttribute('tabindex', '-1')
  status?.focus()
}

/** The closest element matching `selector` from an event's target, if any. */
export function closestFrom<T extends Element>(event: Event, selector: string): T | null {
  const target = event.target
  return target instanceof Element ? (target.closest(selector) as T | null) : null
}
