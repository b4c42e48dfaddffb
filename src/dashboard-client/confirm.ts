// Destructive actions ask first: any form or button with data-confirm opens a dialog that says
// what will happen; only "Yes" goes on. Keyboard: focus starts on "Cancel", Escape cancels.

let dialog: HTMLDialogElement | null = null

function confirmDialog(): HTMLDialogElement {
  if (dialog) return dialog
  dialog = document.createElement('dialog')
  dialog.className = 'confirm'
  dialog.setAttribute('aria-labelledby', 'confirm-text')
  const text = document.createElement('p')
  text.id = 'confirm-text'
  const form = document.createElement('form')
  form.method = 'dialog'
  const cancel = document.createElement('button')
  cancel.value = 'cancel'
  cancel.className = 'secondary'
  cancel.textContent = 'Cancel'
  const yes = document.createElement('button')
  yes.value = 'yes'
  yes.className = 'danger-solid'
  yes.dataset.confirmYes = ''
  form.append(cancel, ' ', yes)
  dialog.append(text, form)
  document.body.appendChild(dialog)
  return dialog
}

/** Asks `question`; resolves true on "yes". `yes` is the confirming button's words. */
export function ask(question: string, yes: string): Promise<boolean> {
  const box = confirmDialog()
  box.querySelector('#confirm-text')!.textContent = question
  box.querySelector<HTMLButtonElement>('[data-confirm-yes]')!.textContent = yes
  box.returnValue = ''
  box.showModal()
  box.querySelector<HTMLButtonElement>('button[value=cancel]')?.focus()
  return new Promise((resolve) => {
    box.addEventListener('close', () => resolve(box.returnValue === 'yes'), { once: true })
  })
}

/** Forms that destroy something (data-confirm) submit only once confirmed. */
export function initConfirmedForms(): void {
  document.addEventListener('submit', (event) => {
    const form = event.target
    if (!(form instanceof HTMLFormElement) || !form.dataset.confirm) return
    if (form.dataset.confirmed === 'yes') return
    event.preventDefault()
    const button = form.querySelector('button[type=submit], button:not([type])')
    void ask(form.dataset.confirm, button?.textContent?.trim() || 'Yes').then((yes) => {
      if (!yes) return
      form.dataset.confirmed = 'yes'
      form.requestSubmit()
    })
  })
}
