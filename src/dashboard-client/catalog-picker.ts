// The Tango Card catalog in a payout rule: the search box narrows the list as the admin types;
// choosing a gift card fills the rule's catalog item, name and currency. The picker shows only for
// payout rules paid through Tango Card.

function rowOf(node: Element): HTMLElement | null {
  return node.closest<HTMLElement>('[data-rule]')
}

function field(row: HTMLElement, name: string): HTMLInputElement | HTMLSelectElement | null {
  return row.querySelector<HTMLInputElement | HTMLSelectElement>(`[name$=".${name}"]`)
}

function syncShown(row: HTMLElement): void {
  const picker = row.querySelector<HTMLElement>('[data-catalog-picker]')
  if (!picker) return
  picker.hidden = !(
    field(row, 'kind')?.value === 'payout' && field(row, 'payoutProvider')?.value === 'tango_card'
  )
}

function filter(search: HTMLInputElement): void {
  const row = rowOf(search)
  const pick = row?.querySelector<HTMLSelectElement>('[data-catalog-pick]')
  if (!row || !pick) return
  const words = search.value.toLowerCase().split(/\s+/).filter(Boolean)
  let shown = 0
  for (const option of pick.options) {
    const text = `${option.textContent ?? ''} ${option.value}`.toLowerCase()
    option.hidden = !words.every((w) => text.includes(w))
    if (!option.hidden) shown++
  }
  const count = row.querySelector('[data-catalog-count]')
  if (count) count.textContent = shown === 1 ? '1 gift card matches.' : `${shown} gift cards match.`
}

function choose(pick: HTMLSelectElement): void {
  const row = rowOf(pick)
  const option = pick.selectedOptions[0]
  if (!row || !option) return
  const set = (name: string, value: string) => {
    const control = field(row, name)
    if (!control || control.value === value) return
    control.value = value
    control.dispatchEvent(new Event('input', { bubbles: true }))
  }
  set('payoutProduct', option.value)
  set('payoutProductName', option.dataset.name ?? '')
  set('currency', option.dataset.currency ?? '')
}

export function initCatalogPicker(form: HTMLFormElement): void {
  const syncAll = () => {
    for (const row of form.querySelectorAll<HTMLElement>('[data-rules] [data-rule]')) syncShown(row)
  }
  syncAll()
  form.addEventListener('input', (event) => {
    const target = event.target
    if (target instanceof HTMLInputElement && target.hasAttribute('data-catalog-search'))
      filter(target)
  })
  form.addEventListener('change', (event) => {
    const target = event.target
    if (!(target instanceof HTMLSelectElement)) return
    if (target.hasAttribute('data-catalog-pick')) choose(target)
    const row = rowOf(target)
    if (row) syncShown(row)
  })
  // A rule added from the template starts as another kind; its picker follows its selects.
  form.addEventListener('click', (event) => {
    if (event.target instanceof Element && event.target.closest('[data-add-rule]')) syncAll()
  })
}
