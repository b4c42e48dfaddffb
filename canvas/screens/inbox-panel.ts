import { button, dataTable, header, muted, submit } from '../components.js'
import { INBOX } from '../component-ids.js'
import { type MessageKey, translator, type Translate } from '../i18n/index.js'
import type { Component } from '../schema.js'
import { escapeMarkdown } from '../markdown.js'
import { formatMoney } from '../../src/money/format.js'
import { inboxContestRows } from './contest-rank.js'
import { payoutLine, type PayoutLineState } from './payout-line.js'

export type ReferralStatus = 'pending' | 'qualified' | 'rejected'

export interface RewardTotalsState {
  readonly count: number
  readonly money: ReadonlyArray<{ readonly currency: string; readonly amountMinor: number }>
  readonly points: number
}

export interface InboxPanelState {
  readonly locale: string | null | undefined
  readonly name: string
  readonly link: string
  readonly code: string
  readonly joined: number
  readonly converted: number
  readonly pending: number
  readonly rewards: RewardTotalsState
  readonly referredBy: {
    readonly name: string
    readonly code: string
    readonly status: ReferralStatus
  } | null
  /** A one-line outcome of the last action (e.g. "Reward issued."). */
  readonly notice: MessageKey | null
  /** Why an agent blocked this referrer, when they did. */
  readonly blockedReason?: string | null
  /** A contest running on the campaign and this contact's place (a blocked referrer has none). */
  readonly contest?: {
    readonly name: string
    readonly rank: number | null
    readonly score: number
  } | null
  /** The last gift card or cash sent to them. */
  readonly latestPayout?: PayoutLineState | null
}

/** "$10.00 + ¥500 + 50 points", in the agent's locale. */
export function formatRewards(rewards: RewardTotalsState, t: Translate, locale: string): string {
  const parts = rewards.money.map(({ currency, amountMinor }) =>
    formatMoney(amountMinor, currency, locale),
  )
  if (rewards.points > 0) parts.push(t('reward.points', { points: rewards.points }))
  return parts.length > 0 ? parts.join(' + ') : t('inbox.none')
}

/**
 * The first Inbox canvas: compact (Intercom caps it at 400 px), a header, one data-table, three
 * buttons and a "More actions" link; details live on sub-screens.
 */
export function inboxPanel(state: InboxPanelState): Component[] {
  const t = translator(state.locale)
  const components: Component[] = [header(t('inbox.title', { name: escapeMarkdown(state.name) }))]
  if (state.notice) components.push(muted(t(state.notice)))
  if (state.blockedReason)
    components.push(muted(t('inbox.blockedLine', { reason: escapeMarkdown(state.blockedReason) })))
  const by = state.referredBy
  components.push(
    dataTable([
      [t('inbox.link'), state.link],
      [t('inbox.code'), state.code],
      [t('inbox.counts'), `${state.joined} · ${state.converted} · ${state.pending}`],
      [t('inbox.rewards'), formatRewards(state.rewards, t, safeLocale(state.locale))],
      ...(state.latestPayout
        ? [
            [
              t('inbox.lastPayout'),
              payoutLine(state.latestPayout, t, safeLocale(state.locale)),
            ] as [string, string],
          ]
        : []),
      [
        t('inbox.referredBy'),
        by
          ? t('inbox.referredByValue', {
              name: by.name,
              code: by.code,
              status: t(`status.${by.status}`),
            })
          : t('inbox.nobody'),
      ],
      ...inboxContestRows(state.blockedReason ? null : state.contest, t),
    ]),
    button(INBOX.showReferrals, t('inbox.showReferrals', { count: state.joined }), submit, {
      style: 'secondary',
    }),
    by
      ? button(INBOX.reviewReferredBy, t('inbox.review'), submit, { style: 'secondary' })
      : button(INBOX.addReferredBy, t('inbox.addReferredBy'), submit, { style: 'secondary' }),
    button(INBOX.issueReward, t('inbox.issueReward'), submit, { style: 'secondary' }),
    button(INBOX.more, t('inbox.more'), submit, { style: 'link' }),
  )
  return components
}

/** Intl accepts only well-formed tags; anything else formats as English. */
export function safeLocale(locale: string | null | undefined): string {
  try {
    return Intl.getCanonicalLocales(locale?.replace('_', '-') || 'en')[0] ?? 'en'
  } catch {
    return 'en'
  }
}
