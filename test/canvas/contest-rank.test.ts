import { describe, expect, it } from 'vitest'
import { CARD_PARTS } from '../../canvas/component-ids.js'
import { SUPPORTED_LOCALES, translator } from '../../canvas/i18n/index.js'
import { contestRankLine, OPEN_LEADERBOARD } from '../../canvas/screens/contest-rank.js'
import { inboxPanel } from '../../canvas/screens/inbox-panel.js'
import { messengerCard, type MessengerCardState } from '../../canvas/screens/messenger-card.js'
import { estimatedHeight } from './height.js'

const LOCALES = [...SUPPORTED_LOCALES, 'pt-BR', 'zz']

// The compact card's text column is about 336 px wide (the Messenger's 400 px less its padding);
// muted 14 px text averages about 7 px a character, so 48 characters is one line.
const ONE_LINE = 48

const card: MessengerCardState = {
  locale: 'en',
  headline: null,
  parts: [...CARD_PARTS],
  link: 'https://ref.test/r/jane-k7p2',
  code: 'jane-k7p2',
  joined: 4,
  converted: 2,
  offer: {
    capPerReferrer: null,
    rules: [
      {
        id: 'per-friend',
        recipient: 'both',
        kind: 'fixed',
        amountMinor: 2000,
        currency: 'USD',
        points: null,
        percent: null,
        milestone: null,
        cap: null,
        description: null,
      },
    ],
  },
  rewardsEarned: 1,
  sheetUrl: 'https://ref.test/canvas/messenger/sheet',
  invite: { kind: 'form' },
  qrUrl: 'https://ref.test/r/jane-k7p2/qr.png',
  contest: { rank: 3, gap: 2, sheetUrl: 'https://ref.test/canvas/messenger/leaderboard' },
}

describe('the contest line on the Messenger card', () => {
  it('says the rank and the gap to the place above, the lead, or how to get on the board', () => {
    const t = translator('en')
    expect(contestRankLine({ rank: 3, gap: 2, sheetUrl: null }, t)).toBe(
      'Contest: #3 · 2 more to pass #2',
    )
    expect(contestRankLine({ rank: 1, gap: null, sheetUrl: null }, t)).toBe(
      "Contest: you're #1. Keep it up!",
    )
    expect(contestRankLine({ rank: null, gap: null, sheetUrl: null }, t)).toBe(
      'Contest on: one friend gets you on the board',
    )
  })

  it.each(LOCALES)('is one line and keeps the compact card within 320 px (%s)', (locale) => {
    const t = translator(locale)
    for (const contest of [
      { rank: 9999, gap: 999, sheetUrl: null },
      { rank: 1, gap: null, sheetUrl: null },
      { rank: null, gap: null, sheetUrl: null },
    ])
      expect(contestRankLine(contest, t).length).toBeLessThanOrEqual(ONE_LINE)
    for (const notice of ['sheet.thanks' as const, null])
      expect(
        estimatedHeight(messengerCard({ ...card, locale, notice }) as Record<string, unknown>[]),
      ).toBeLessThanOrEqual(320)
    const fullest = messengerCard({ ...card, locale, notice: 'sheet.thanks' })
    const board = fullest.find((c) => 'id' in c && c.id === OPEN_LEADERBOARD)
    expect(board).toMatchObject({ action: { type: 'sheet', url: card.contest?.sheetUrl } })
  })

  it('is absent without a contest, and the QR code returns', () => {
    const plain = messengerCard({ ...card, contest: null })
    expect(JSON.stringify(plain)).not.toContain('Contest')
    expect(plain.some((c) => c.type === 'image')).toBe(true)
    expect(messengerCard(card).some((c) => c.type === 'image')).toBe(false)
  })
})

describe('the contest row on the Inbox panel', () => {
  const panel = {
    locale: 'en',
    name: 'Jane Doe',
    link: 'https://ref.test/r/jane-k7p2',
    code: 'jane-k7p2',
    joined: 12,
    converted: 5,
    pending: 6,
    rewards: { count: 3, money: [{ currency: 'EUR', amountMinor: 2550 }], points: 40 },
    referredBy: { name: 'Mentor Person', code: 'mentor-ab3d', status: 'qualified' as const },
    notice: 'inbox.rewardIssued' as const,
    contest: { name: 'December sprint', rank: 3, score: 5 },
  }

  it("shows the contact's rank", () => {
    expect(JSON.stringify(inboxPanel(panel))).toContain('December sprint: #3 (5)')
    expect(
      JSON.stringify(inboxPanel({ ...panel, contest: { ...panel.contest, rank: null } })),
    ).toContain('December sprint: not on the board yet')
  })

  it.each(LOCALES)('stays within the 400 px Inbox cap at its fullest (%s)', (locale) => {
    for (const blockedReason of [null, 'Self-referrals'])
      expect(
        estimatedHeight(
          inboxPanel({ ...panel, locale, blockedReason }) as Record<string, unknown>[],
        ),
      ).toBeLessThanOrEqual(400)
  })
})
