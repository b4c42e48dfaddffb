// The live preview beside the campaign editor: the settings as typed, drawn as the canvases the
// server renders for them (the playground's renderer, loaded as its own script).
import { api } from './api.js'
import { byId } from './dom.js'
import { collect } from './settings-form.js'
import { PREVIEW_DRAWN } from './step-preview.js'

interface CanvasRenderer {
  render(target: HTMLElement, components: unknown): void
}

declare global {
  interface Window {
    CanvasRender?: CanvasRenderer
  }
}

/** Starts the preview; returns what to call when the form changed (debounced). */
export function initPreview(form: HTMLFormElement): () => void {
  // The customer screens (card, invite form, share text, sheet, landing page) arrive as one
  // server-drawn fragment: the same screens the live routes answer. The Inbox panel is drawn here.
  const customer = byId('preview-customer')
  const inbox = byId('preview-inbox')
  const status = byId('preview-status')
  const locale = byId<HTMLSelectElement>('preview-locale')
  const renderer = window.CanvasRender
  if (!inbox || !status || !locale || !renderer) return () => {}
  let timer: ReturnType<typeof setTimeout> | undefined
  let sequence = 0
  async function refresh() {
    const { body, local } = collect(form)
    if (local.length) {
      status!.textContent = 'Preview waits until every field can be read.'
      return
    }
    const mine = ++sequence
    const draft = { settings: body.settings, locale: locale!.value }
    const [result, panel] = await Promise.all([
      api<{ inbox: unknown }>('POST', form.dataset.preview ?? '', draft),
      customer ? api<{ html: string }>('POST', customer.dataset.panel ?? '', draft) : null,
    ])
    if (mine !== sequence) return
    if (!result.ok || !result.data || (panel && (!panel.ok || !panel.data))) {
      status!.textContent = 'Preview paused: some settings are not valid yet.'
      return
    }
    // The server drew this fragment from its own screens, escaping what people typed.
    if (customer && panel?.data) {
      customer.innerHTML = panel.data.html
      document.dispatchEvent(new Event(PREVIEW_DRAWN))
    }
    renderer!.render(inbox!, result.data.inbox)
    for (const control of document.querySelectorAll(
      '.preview .surface button, .preview .surface input, .preview .surface select, .preview .surface textarea',
    )) {
      ;(control as HTMLElement).tabIndex = -1
      control.setAttribute('aria-disabled', 'true')
    }
    status!.textContent = 'Preview updated.'
  }
  const soon = () => {
    clearTimeout(timer)
    timer = setTimeout(refresh, 250)
  }
  form.addEventListener('input', soon)
  form.addEventListener('change', soon)
  locale.addEventListener('change', () => void refresh())
  void refresh()
  return soon
}
