import { describe, expect, it } from 'vitest'
import { translator } from '../../canvas/i18n/index.js'
import { formatRewards } from '../../canvas/screens/inbox-panel.js'
import { rewardAmount } from '../../src/intercom/data-events/derive.js'
import { ruleSentence } from '../../src/http/routes/admin-dashboard/campaigns-page.js'
import { rewardsBody } from '../../src/http/routes/admin-dashboard/pages.js'
import { parseCampaignSettings } from '../../src/ledger/campaign-settings.js'
import type { Reward } from '../../src/ledger/rewards.js'

// A ¥500 reward is stored as 500 (JPY has no minor unit) and must read ¥500 wherever it shows.
const yen: Reward = {
  id: 'rw_1',
  workspaceId: 'ws_1',
  campaignId: 'c_1',
  referralId: null,
  participantId: 'p_1',
  recipientRole: 'referrer',
  kind: 'fixed',
  amountMinor: 500,
  currency: 'JPY',
  points: null,
  couponCode: null,
  description: 'Thank you',
  status: 'approved',
  statusReason: null,
  createdAt: new Date('2026-01-01T00:00:00Z'),
  approvedAt: null,
  fulfilledAt: null,
  declinedAt: null,
  reversedAt: null,
  holdUntil: null,
}

describe('a ¥500 reward', () => {
  it('reads ¥500 in the dashboard’s rewards table', () => {
    const page = {
      items: [{ ...yen, recipientEmail: 'r@x.test', recipientName: 'Rita' }],
      nextCursor: null,
    }
    const body = String(rewardsBody('/admin', 'ws_1', '', page))
    expect(body).toContain('¥500')
    expect(body).not.toMatch(/¥5(\.00)?</)
  })

  it('reads ¥500 in the Inbox panel, in the agent’s locale', () => {
    const totals = { count: 1, money: [{ currency: 'JPY', amountMinor: 500 }], points: 0 }
    expect(formatRewards(totals, translator('en'), 'en')).toBe('¥500')
    expect(formatRewards(totals, translator('ja'), 'ja')).toBe('￥500')
  })

  it('is "500" JPY in data events and notes (major units)', () => {
    const row = { amount_minor: 500, currency: 'JPY', points: null, coupon_code: null }
    expect(rewardAmount(row)).toEqual({ amount: '500', currency: 'JPY' })
    expect(rewardAmount({ ...row, amount_minor: 1250, currency: 'KWD' })).toEqual({
      amount: '1.250',
      currency: 'KWD',
    })
  })

  it('reads ¥500 in a campaign’s rule sentence', () => {
    const settings = parseCampaignSettings({
      rewards: {
        rules: [{ id: 'r1', kind: 'fixed', amountMinor: 500, currency: 'jpy', recipient: 'both' }],
      },
    })
    const rule = settings.rewards.rules[0]!
    expect(rule.currency).toBe('JPY')
    expect(ruleSentence(rule)).toContain('¥500')
  })
})
