import { describe, expect, it } from 'vitest'
import { content } from '../../canvas/schema.js'
import { CARD_PARTS } from '../../canvas/component-ids.js'
import { errorScreen } from '../../canvas/screens/error.js'
import {
  formatRewards,
  inboxPanel,
  type InboxPanelState,
} from '../../canvas/screens/inbox-panel.js'
import { inboxReferral } from '../../canvas/screens/inbox-referral.js'
import { inboxReferrals } from '../../canvas/screens/inbox-referrals.js'
import { inboxReferredBy } from '../../canvas/screens/inbox-referred-by.js'
import { inboxReward } from '../../canvas/screens/inbox-reward.js'
import {
  inboxMoreActions,
  inboxVoidList,
  inboxVoidReward,
} from '../../canvas/screens/inbox-more-actions.js'
import {
  messengerCard,
  type MessengerCardState,
  messengerInvite,
} from '../../canvas/screens/messenger-card.js'
import { messengerConfigure } from '../../canvas/screens/messenger-configure.js'
import { escapeHtml } from '../../canvas/escape-html.js'
import { sharePage } from '../../canvas/sheets/share-page.js'
import { landingPage } from '../../canvas/sheets/landing-page.js'
import { SUPPORTED_LOCALES, translator } from '../../canvas/i18n/index.js'
import { estimatedHeight } from './height.js'
import type { OfferRule } from '../../canvas/offer.js'

const LOCALES = [...SUPPORTED_LOCALES, 'pt-BR', 'zz']

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
      rule({
        id: 'per-friend',
        recipient: 'both',
        kind: 'fixed',
        amountMinor: 2000,
        currency: 'USD',
      }),
      rule({
        id: 'five',
        kind: 'fixed',
        amountMinor: 5000,
        currency: 'USD',
        milestone: 5,
        description: 'a $50 bonus',
      }),
    ],
  },
  rewardsEarned: 1,
  sheetUrl: 'https://ref.test/canvas/messenger/sheet',
  invite: { kind: 'form' },
  qrUrl: 'https://ref.test/r/jane-k7p2/qr.png',
}

function rule(fields: Partial<OfferRule> & Pick<OfferRule, 'id' | 'kind'>): OfferRule {
  return {
    recipient: 'referrer',
    amountMinor: null,
    currency: null,
    points: null,
    percent: null,
    milestone: null,
    cap: null,
    description: null,
    ...fields,
  }
}

const panel: InboxPanelState = {
  locale: 'en',
  name: 'Jane Doe',
  link: 'https://ref.test/r/jane-k7p2',
  code: 'jane-k7p2',
  joined: 12,
  converted: 5,
  pending: 6,
  rewards: { count: 3, money: [{ currency: 'EUR', amountMinor: 2550 }], points: 40 },
  referredBy: { name: 'Mentor Person', code: 'mentor-ab3d', status: 'qualified' },
  notice: 'inbox.rewardIssued',
}

const valid = (components: unknown) => content.parse({ components })

describe('screens are valid canvases in every language', () => {
  it.each(LOCALES)('%s', (locale) => {
    valid(messengerCard({ ...card, locale }))
    valid(
      messengerCard({
        ...card,
        locale,
        invite: { kind: 'sent', email: 'a@b.co' },
        notice: 'sheet.thanks',
      }),
    )
    valid(
      messengerCard({
        ...card,
        locale,
        invite: { kind: 'form', email: 'bad', error: 'invite.invalidEmail' },
      }),
    )
    valid(messengerCard({ ...card, locale, layout: 'full' }))
    valid(messengerInvite({ locale, invite: { kind: 'form' } }))
    valid(messengerInvite({ locale, invite: { kind: 'sent', email: 'a@b.co' } }))
    valid(
      messengerInvite({
        locale,
        invite: { kind: 'form', email: 'x', error: 'invite.invalidEmail' },
      }),
    )
    valid(
      messengerConfigure({
        locale,
        campaigns: [{ id: 'c1', name: 'One' }],
        selectedCampaignId: 'c1',
        parts: ['link'],
      }),
    )
    valid(
      messengerConfigure({
        locale,
        campaigns: Array.from({ length: 12 }, (_, i) => ({ id: `c${i}`, name: `Campaign ${i}` })),
        selectedCampaignId: null,
        parts: [],
      }),
    )
    valid(inboxPanel({ ...panel, locale }))
    valid(inboxPanel({ ...panel, locale, referredBy: null, notice: null }))
    valid(inboxReferrals({ locale, items: [] }))
    valid(
      inboxReferrals({
        locale,
        items: [{ itemId: 'i1', friend: 'A', status: 'pending', date: '2026-11-23' }],
      }),
    )
    valid(
      inboxReferral({
        locale,
        friend: 'A',
        referrer: 'B',
        status: 'pending',
        source: 'invite',
        date: '2026-11-23',
        reason: null,
        notice: null,
        error: 'inbox.reasonRequired',
      }),
    )
    valid(
      inboxReferral({
        locale,
        friend: 'A',
        referrer: 'B',
        status: 'rejected',
        source: 'agent',
        date: '2026-11-23',
        reason: 'dup',
        notice: 'inbox.rejected',
        error: null,
      }),
    )
    valid(inboxReferredBy({ locale, value: 'x', error: 'inbox.unknownCode' }))
    valid(
      inboxReward({
        locale,
        unit: 'points',
        amount: '5',
        description: 'x',
        error: 'inbox.rewardInvalidAmount',
      }),
    )
    valid(errorScreen({ locale, reference: 'abc123' }))
    valid(
      inboxMoreActions({
        locale,
        name: 'Jane',
        code: 'jane-k7p2',
        blocked: false,
        notice: null,
        error: 'inbox.blockReasonRequired',
      }),
    )
    valid(
      inboxMoreActions({
        locale,
        name: 'Jane',
        code: 'jane-k7p2',
        blocked: true,
        notice: null,
        error: null,
      }),
    )
    valid(inboxVoidList({ locale, items: [] }))
    valid(inboxVoidList({ locale, items: [{ itemId: 'v1', title: '$10.00', subtitle: 'x' }] }))
    valid(inboxVoidReward({ locale, reward: '$10.00', status: 'approved', error: null }))
  })
})

const textsOf = (components: unknown[]) =>
  components.map((c) => (c as { text?: string }).text).filter(Boolean)

describe('messengerCard', () => {
  it('shows progress toward the next reward from the reward rules', () => {
    expect(JSON.stringify(messengerCard(card))).toContain(
      '4 joined · 2 converted · 1 more friend to $20',
    )
    const milestoneOnly = { ...card.offer, rules: card.offer.rules.filter((r) => r.milestone) }
    expect(JSON.stringify(messengerCard({ ...card, offer: milestoneOnly }))).toContain(
      '3 more friends to a $50 bonus',
    )
    // The milestone reached and nothing per friend: nothing more to earn, no progress segment.
    expect(textsOf(messengerCard({ ...card, converted: 5, offer: milestoneOnly }))).toContain(
      '4 joined · 5 converted',
    )
    expect(JSON.stringify(messengerCard({ ...card, layout: 'full' }))).toContain(
      '1 more friend to $20',
    )
  })

  it('says what each side gets, from the rules, in every language', () => {
    expect(textsOf(messengerCard(card))).toContain('You get $20 · your friend gets $20')
    expect(textsOf(messengerCard({ ...card, locale: 'de' }))).toContain(
      'Du erhältst 20\u00a0$ · dein Freund erhält 20\u00a0$',
    )
    const friendCoupon = {
      capPerReferrer: null,
      rules: [rule({ id: 'c', kind: 'coupon', recipient: 'friend', percentOff: 20 })],
    }
    expect(textsOf(messengerCard({ ...card, offer: friendCoupon }))).toContain(
      'Your friends get 20% off',
    )
    for (const locale of LOCALES) {
      const line = messengerCard({ ...card, locale })[1] as { text?: string }
      expect(line.text, locale).toMatch(/20/)
    }
  })

  // The compact card is the default: at its fullest (every part, QR included, a notice on top)
  // it stays within 320 px by the height model, in every language.
  it.each(LOCALES)('the compact card stays within 320 px at its fullest (%s)', (locale) => {
    const fullest = messengerCard({ ...card, locale, notice: 'sheet.thanks' })
    expect(estimatedHeight(fullest as Record<string, unknown>[])).toBeLessThanOrEqual(320)
    const types = fullest.map((c) => c.type)
    expect(types.filter((type) => type === 'button')).toHaveLength(2)
    expect(types).not.toContain('input')
  })

  it('the compact card opens sharing in the sheet and the invite form on a second canvas', () => {
    const components = messengerCard(card) as Array<Record<string, unknown>>
    const share = components.find((c) => c.id === 'open_share_sheet')
    expect(share?.action).toEqual({ type: 'sheet', url: card.sheetUrl })
    const invite = components.find((c) => c.id === 'open_invite')
    expect(invite?.action).toEqual({ type: 'submit' })
    expect(components.find((c) => c.type === 'image')).toMatchObject({ url: card.qrUrl })
    const form = messengerInvite({ locale: 'en', invite: { kind: 'form' } }) as Array<
      Record<string, unknown>
    >
    expect(form.map((c) => c.id)).toEqual(
      expect.arrayContaining(['friend_email', 'friend_name', 'send_invite', 'back_to_card']),
    )
  })

  it('an empty part list leaves only the headline and the offer', () => {
    expect(messengerCard({ ...card, parts: [] })).toEqual([
      { type: 'text', text: 'Invite friends, get rewards', style: 'header' },
      { type: 'text', text: 'You get $20 · your friend gets $20' },
    ])
  })

  it('uses the campaign headline when set', () => {
    expect(messengerCard({ ...card, headline: 'Give €10, get €10' })[0]).toMatchObject({
      text: 'Give €10, get €10',
    })
  })
})

describe('inboxPanel', () => {
  it.each(LOCALES)('stays within the 400 px Inbox cap at its fullest (%s)', (locale) => {
    expect(
      estimatedHeight(
        inboxPanel({ ...panel, locale, blockedReason: 'Self-referrals' }) as Record<
          string,
          unknown
        >[],
      ),
    ).toBeLessThanOrEqual(400)
  })

  it.each([
    [{ count: 0, money: [], points: 0 }, 'en', 'None yet'],
    [{ count: 1, money: [{ currency: 'USD', amountMinor: 1050 }], points: 0 }, 'en', '$10.50'],
    [
      { count: 2, money: [{ currency: 'EUR', amountMinor: 999 }], points: 5 },
      'en',
      '€9.99 + 5 points',
    ],
    [{ count: 1, money: [], points: 30 }, 'de', '30 Punkte'],
  ])('formats rewards %j in %s as %s', (rewards, locale, expected) => {
    expect(formatRewards(rewards, translator(locale), locale)).toBe(expected)
  })
})

describe('sharePage', () => {
  it('escapes everything it prints and carries the CSP nonce', () => {
    const html = sharePage({
      locale: 'en',
      link: 'https://ref.test/r/"><script>alert(1)</script>',
      code: '<b>x</b>',
      qrUrl: 'https://ref.test/r/x/qr.svg"><script>alert(2)</script>',
      nonce: 'n0nce',
      sheetLibraryUrl: 'https://js.intercomcdn.com/messenger-sheet-library.latest.js',
      accentColour: 'red;}</style><script>',
      offer: '<img src=x onerror=alert(3)>',
      message: 'Join <script>alert(4)</script>',
    })
    expect(html).not.toContain('<script>alert(1)</script>')
    expect(html).toContain(escapeHtml('"><script>alert(1)</script>'))
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;')
    expect(html).toContain('<script nonce="n0nce">')
    expect(html).not.toContain('red;}')
    expect(html).toContain('submitSheet')
  })
})

describe('landingPage', () => {
  it('escapes every typed value and keeps a pale brand colour readable', () => {
    const page = landingPage({
      locale: 'en',
      referrerFirstName: '<script>alert(1)</script>',
      code: 'ada"><img src=x>',
      friendReward: '20% off <b>now</b>',
      brand: {
        name: 'Acme & "Co" <Tools>',
        colour: '#ffff00',
        logoUrl: null,
      },
      signUpUrl: 'https://acme.example.test/signup?ref=a&x="><script>',
    })
    expect(page).not.toMatch(/<script|<img|<b>/)
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; invited you')
    expect(page).toContain('Acme &amp; &quot;Co&quot; &lt;Tools&gt;')
    // Yellow cannot carry white text: the button text turns dark instead.
    expect(page).toMatch(/background: #ffff00;\s*color: #111827/)
    expect(page).not.toContain('<a class="cta" href="https://acme.example.test/signup?ref=a&x="')
  })
})
