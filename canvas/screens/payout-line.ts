import type { Translate } from '../i18n/index.js'

/** The last gift card or cash sent to a referrer, as the card and the Inbox panel get it. */
export interface PayoutLineState {
  readonly amountMinor: number
  readonly currency: string
  readonly productName: string | null
  readonly provider: 'tremendous' | 'tango_card' | 'paypal'
  readonly delivery: 'email' | 'link'
  /** Already masked: j…@example.com. */
  readonly to: string | null
  readonly at: string
}

/** "$20 Amazon gift card e-mailed to j…@example.com on 3 Dec", in the reader's language. */
export function payoutLine(payout: PayoutLineState, t: Translate, requested: string): string {
  let locale = 'en'
  try {
    locale = Intl.getCanonicalLocales(requested)[0] ?? 'en'
  } catch {
    // A tag Intl does not know: English formats, the words stay in the reader's language.
  }
  const digits = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: payout.currency,
  }).resolvedOptions().maximumFractionDigits
  const major = payout.amountMinor / 10 ** (digits ?? 2)
  const amount = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: payout.currency,
    // $20, not $20.00; $12.50 stays exact.
    ...(Number.isInteger(major) ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}),
  }).format(major)
  const what = payout.productName ? `${amount} ${payout.productName}` : amount
  const date = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(new Date(payout.at))
  const to = payout.to ?? '…'
  if (payout.provider === 'paypal') return t('payout.paypal', { what, to, date })
  if (payout.delivery === 'link') return t('payout.link', { what, date })
  return t('payout.emailed', { what, to, date })
}
