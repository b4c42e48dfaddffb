import type { Translate } from './i18n/index.js'

/**
 * What a campaign's reward rules promise, in words a customer reads on the card, the share sheet,
 * the share text and the friend's landing page. Pure: the rules arrive as plain values (the
 * campaign settings' reward rules satisfy OfferRule structurally), so canvas/ stays free of src/.
 */
export interface OfferRule {
  readonly id: string
  readonly recipient: 'referrer' | 'friend' | 'both'
  readonly kind: 'fixed' | 'points' | 'coupon' | 'commission' | 'payout'
  /** A gift card's name, for a payout rule (e.g. Amazon gift card). */
  readonly payoutProductName?: string | null
  readonly amountMinor: number | null
  readonly currency: string | null
  readonly points: number | null
  readonly percent: number | null
  readonly milestone: number | null
  readonly cap: number | null
  readonly description: string | null
  /** A coupon's discount, when the campaign says what it is (Stripe coupons always do). */
  readonly percentOff?: number | null
}

export interface OfferRules {
  readonly rules: readonly OfferRule[]
  readonly capPerReferrer: number | null
}

interface Offer {
  /** What the referrer gets for each friend who qualifies (empty: nothing per friend). */
  readonly referrer: string | null
  /** What the friend gets for joining (empty: nothing). */
  readonly friend: string | null
}

/** Digits after the decimal point of a currency, from ISO 4217 as Intl knows it (JPY 0, KWD 3). */
function minorDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    )
  } catch {
    return 2
  }
}

/** 2000 USD → "$20" (whole amounts without decimals), in the reader's language. */
function formatAmount(amountMinor: number, currency: string, locale: string): string {
  const digits = minorDigits(currency)
  const major = amountMinor / 10 ** digits
  const whole = Number.isInteger(major)
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: whole ? 0 : digits,
      maximumFractionDigits: digits,
    }).format(major)
  } catch {
    return `${currency} ${major.toFixed(digits)}`
  }
}

function localeTag(locale: string | null | undefined): string {
  const tag = (locale ?? 'en').replace('_', '-')
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? 'en'
  } catch {
    return 'en'
  }
}

/** One rule's reward in words: the marketer's own name for it first, else worked out from it. */
function rewardWords(
  rule: OfferRule,
  t: Translate,
  locale: string | null | undefined,
): string {
  if (rule.description) return rule.description
  switch (rule.kind) {
    case 'fixed':
      return rule.amountMinor !== null && rule.currency
        ? formatAmount(rule.amountMinor, rule.currency, localeTag(locale))
        : t('offer.aReward')
    case 'points':
      return rule.points !== null ? t('reward.points', { points: rule.points }) : t('offer.aReward')
    case 'commission':
      return rule.percent !== null
        ? t('offer.commission', { percent: rule.percent })
        : t('offer.aReward')
    case 'payout': {
      if (rule.amountMinor === null || !rule.currency) return t('offer.aReward')
      const amount = formatAmount(rule.amountMinor, rule.currency, localeTag(locale))
      return rule.payoutProductName ? `${amount} ${rule.payoutProductName}` : amount
    }
    case 'coupon':
      return rule.percentOff
        ? t('offer.percentOff', { percent: rule.percentOff })
        : t('offer.coupon')
  }
}

const perFriend = (rule: OfferRule) => rule.milestone === null

function gets(rule: OfferRule, role: 'referrer' | 'friend'): boolean {
  return rule.recipient === role || rule.recipient === 'both'
}

/** "$20 + 50 points": every per-friend reward one side gets, joined. */
function join(words: string[]): string | null {
  const unique = [...new Set(words)]
  return unique.length > 0 ? unique.join(' + ') : null
}

/** What each side gets per qualified friend, from the campaign's reward rules. */
export function offerOf(rules: OfferRules, t: Translate, locale: string | null | undefined): Offer {
  const perReferral = rules.rules.filter(perFriend)
  return {
    referrer: join(
      perReferral.filter((r) => gets(r, 'referrer')).map((r) => rewardWords(r, t, locale)),
    ),
    friend: join(
      perReferral.filter((r) => gets(r, 'friend')).map((r) => rewardWords(r, t, locale)),
    ),
  }
}

/** "You get $20 · your friend gets 20% off", or null when the rules promise nothing. */
export function offerLine(offer: Offer, t: Translate): string | null {
  if (offer.referrer && offer.friend)
    return t('offer.both', { reward: offer.referrer, friendReward: offer.friend })
  if (offer.referrer) return t('offer.referrer', { reward: offer.referrer })
  if (offer.friend) return t('offer.friend', { friendReward: offer.friend })
  return null
}

interface NextReward {
  /** Qualified friends still needed (1: the next friend earns it). */
  readonly left: number
  readonly reward: string
}

/**
 * The referrer's next reward and how far it is, from the rules: a per-friend reward is one friend
 * away until its cap is used up; a milestone at N is N − converted away until it is reached. The
 * nearest wins; rewards due at the same friend are named together. Null: nothing more to earn.
 */
export function nextReward(
  rules: OfferRules,
  progress: { converted: number; rewardsEarned: number },
  t: Translate,
  locale: string | null | undefined,
): NextReward | null {
  if (rules.capPerReferrer !== null && progress.rewardsEarned >= rules.capPerReferrer) return null
  const due: { left: number; words: string }[] = []
  for (const rule of rules.rules) {
    if (!gets(rule, 'referrer')) continue
    if (rule.milestone === null) {
      if (rule.cap !== null && progress.converted >= rule.cap) continue
      due.push({ left: 1, words: rewardWords(rule, t, locale) })
    } else if (rule.milestone > progress.converted) {
      due.push({ left: rule.milestone - progress.converted, words: rewardWords(rule, t, locale) })
    }
  }
  if (due.length === 0) return null
  const left = Math.min(...due.map((d) => d.left))
  return { left, reward: join(due.filter((d) => d.left === left).map((d) => d.words)) ?? '' }
}

/** "1 more friend to $20", "3 more friends to a $50 bonus". */
export function nextRewardLine(next: NextReward, t: Translate): string {
  return t(next.left === 1 ? 'offer.nextOne' : 'offer.nextMany', {
    left: next.left,
    reward: next.reward,
  })
}

/**
 * The message a referrer shares: the campaign's own for this language when it has one (with
 * {link} replaced, or the link appended when the marketer left it out), else the catalog's, which
 * names the friend's reward when there is one.
 */
export function shareMessage(input: {
  custom: string | null | undefined
  link: string
  offer: Offer
  t: Translate
}): string {
  const custom = input.custom?.trim()
  if (custom)
    return custom.includes('{link}')
      ? custom.split('{link}').join(input.link)
      : `${custom} ${input.link}`
  return input.offer.friend
    ? input.t('share.messageOffer', { link: input.link, friendReward: input.offer.friend })
    : input.t('share.message', { link: input.link })
}
