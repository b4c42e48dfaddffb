// The billing page's Stripe connection form: the key checked with Stripe, errors beside fields.
import { api } from './api.js'
import { byId } from './dom.js'
import { clearErrors, showErrors } from './field-errors.js'

interface Connected {
  accountName?: string | null
  accountId?: string | null
  keyHint: string
}

export function initStripeForm(form: HTMLFormElement): void {
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    clearErrors(form)
    const status = byId('form-status')
    const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value
    const body = { secretKey: field('secretKey'), webhookSecret: field('webhookSecret') }
    if (status) status.textContent = 'Checking the key with Stripe…'
    const result = await api<Connected>('PUT', form.dataset.api ?? '', body)
    if (result.ok && result.data) {
      form.reset()
      const who = result.data.accountName || result.data.accountId || 'Stripe'
      const state = byId('stripe-state')
      if (state)
        state.textContent = `Connected to ${who} (key ${result.data.keyHint}). Stripe accepted the key.`
      if (status) status.textContent = 'Connected: Stripe accepted the key.'
      return
    }
    if (status) status.textContent = ''
    const fields = result.error.fields ?? []
    showErrors(form, fields.length ? fields : [{ path: '(form)', message: result.error.message }])
  })
}
