// "Copy link" buttons (data-copy names the field whose value they copy); the outcome is said in
// the page's status region, and the field is selected when the clipboard is refused.
import { announce, byId, closestFrom } from './dom.js'

export function initCopyButtons(): void {
  document.addEventListener('click', (event) => {
    const button = closestFrom<HTMLButtonElement>(event, 'button[data-copy]')
    if (!button) return
    const field = byId<HTMLInputElement>(button.dataset.copy ?? '')
    if (!field) return
    const selectInstead = () => {
      field.focus()
      field.select()
      announce('The link is selected: press Ctrl+C (or ⌘C) to copy it.')
    }
    if (!navigator.clipboard) {
      selectInstead()
      return
    }
    navigator.clipboard.writeText(field.value).then(() => announce('Link copied.'), selectInstead)
  })
}
