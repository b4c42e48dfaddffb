// Each set-up step with its preview: the screens the step being edited changes are marked in the
// preview beside the form, and the link at the end of a step takes the focus to them (on a phone
// the preview is below the form, so this is how a step reaches its preview).
import { byId } from './dom.js'

/** The event the preview sends on its panel after drawing it anew. */
export const PREVIEW_DRAWN = 'preview:drawn'

function titleOf(step: HTMLElement): string {
  const heading = step.querySelector('.step-title')?.cloneNode(true) as HTMLElement | undefined
  heading?.querySelector('.step-of')?.remove()
  return heading?.textContent?.trim() ?? ''
}

export function initStepPreview(form: HTMLFormElement): void {
  const steps = [...form.querySelectorAll<HTMLElement>('.setup-step[data-preview-parts]')]
  if (steps.length === 0) return
  const note = byId('preview-step')
  let current: HTMLElement | null = null

  function mark() {
    const parts = new Set((current?.dataset.previewParts ?? '').split(' ').filter(Boolean))
    for (const part of document.querySelectorAll<HTMLElement>('.preview-part'))
      part.classList.toggle('is-current', parts.has(part.dataset.part ?? ''))
    if (note) note.textContent = current ? `Marked below: what “${titleOf(current)}” changes.` : ''
  }
  function select(step: HTMLElement | null) {
    if (!step || step === current) return
    current = step
    mark()
  }
  function fromHash() {
    const id = decodeURIComponent(location.hash.slice(1))
    select(steps.find((s) => s.id === id) ?? null)
  }

  form.addEventListener('focusin', (event) => {
    select((event.target as Element).closest<HTMLElement>('.setup-step'))
  })
  form.addEventListener('click', (event) => {
    const link = (event.target as Element).closest<HTMLAnchorElement>('a[data-step-preview]')
    if (!link) return
    event.preventDefault()
    select(link.closest<HTMLElement>('.setup-step'))
    const target = document.getElementById(link.hash.slice(1))
    target?.scrollIntoView({ block: 'start' })
    target?.focus({ preventScroll: true })
  })
  window.addEventListener('hashchange', fromHash)
  document.addEventListener(PREVIEW_DRAWN, mark)
  fromHash()
  if (!current) select(steps[0] ?? null)
}
