import type { Express } from 'express'
import request from 'supertest'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { MESSENGER } from '../../canvas/component-ids.js'
import { translator } from '../../canvas/i18n/index.js'
import type { AppContext } from '../../src/context.js'
import type { CampaignSettingsInput } from '../../src/ledger/campaign-settings.js'
import { getDefaultCampaign, updateCampaign } from '../../src/ledger/campaigns.js'
import { sheetSeal } from '../../src/http/canvas-signer.js'
import { encryptSheetUser } from '../../src/http/canvas/sheet-crypto.js'
import { settingsPreview } from '../../src/http/canvas/settings-preview.js'
import { ensureWorkspace } from '../../src/ledger/workspaces.js'
import { ensureReferrer } from '../../src/ledger/referrers.js'
import { personOf } from '../../src/http/canvas/people.js'
import { TEST_CLIENT_SECRET, testApp } from '../support/app.js'
import { newWorkspaceId } from '../support/db.js'
import { SYSTEM } from '../support/ledger.js'
import {
  type Contact,
  liveCanvas,
  messengerContext,
  messengerSubmit,
  newContact,
} from '../canvas/payloads.js'
import { postSigned } from '../canvas/request.js'

// The dashboard's preview is the product: for the same campaign settings and the same referrer,
// it is the very JSON (and HTML) the live routes answer, for every card setting.

const PUBLIC_URL = 'https://referrals.example.test'
const COLOUR = messengerContext().messenger_action_colour

const RULES: CampaignSettingsInput['rewards'] = {
  rules: [
    { id: 'both', recipient: 'both', kind: 'fixed', amountMinor: 2000, currency: 'USD' },
    {
      id: 'friend-off',
      recipient: 'friend',
      kind: 'coupon',
      couponSource: 'stripe',
      percentOff: 20,
    },
    { id: 'bonus', kind: 'points', points: 500, milestone: 3 },
  ],
}

/** Every card setting on its own, and the combinations that change the card's shape. */
const CASES: [string, CampaignSettingsInput][] = [
  ['defaults, no rules', {}],
  ['compact with rules', { rewards: RULES }],
  ['full with rules', { rewards: RULES, card: { layout: 'full' } }],
  ['compact with QR', { rewards: RULES, card: { showQr: true } }],
  ['full with QR', { rewards: RULES, card: { layout: 'full', showQr: true } }],
  ['own headline', { card: { headline: 'Give 20%, get $20' } }],
  ['no link', { rewards: RULES, card: { showLink: false } }],
  ['no counts', { rewards: RULES, card: { showCounts: false } }],
  ['no rewards part', { rewards: RULES, card: { showRewards: false } }],
  ['no share', { rewards: RULES, card: { showShare: false } }],
  ['no invite', { rewards: RULES, card: { showInvite: false } }],
  ['full without share', { rewards: RULES, card: { layout: 'full', showShare: false } }],
  [
    'own share message',
    {
      rewards: RULES,
      card: { layout: 'full', shareMessage: { en: 'Try Acme with me: {link}', de: 'Probier es' } },
    },
  ],
  [
    'landing page branding',
    {
      rewards: RULES,
      landing: {
        brandName: 'Acme <Tools>',
        colour: '#0b6e4f',
        logoUrl: 'https://cdn.example.test/logo.png',
        signUpUrl: 'https://acme.example.test/signup',
      },
    },
  ],
]

describe('the dashboard preview equals what customers get', () => {
  let app: Express
  let ctx: AppContext
  beforeAll(async () => {
    ;({ app, ctx } = await testApp())
  })

  async function configured(settings: CampaignSettingsInput) {
    const workspaceId = newWorkspaceId()
    await ensureWorkspace(ctx.db, { id: workspaceId, name: 'Acme Workspace' })
    const campaign = await getDefaultCampaign(ctx.db, workspaceId)
    const updated = await updateCampaign(ctx.db, {
      workspaceId,
      campaignId: campaign.id,
      settings,
      actor: SYSTEM,
    })
    return { workspaceId, settings: updated.settings }
  }

  async function liveCard(workspaceId: string, contact: Contact, locale: string) {
    // A shared machine can shed the very first request ("We are very busy"): that is the busy
    // notice working, not the card; ask again until the card itself answers.
    return vi.waitFor(async () => {
      const res = await postSigned(
        app,
        '/canvas/messenger/live',
        liveCanvas(workspaceId, contact, {}, locale),
      )
      expect(res.status).toBe(200)
      expect(JSON.stringify(res.body)).not.toContain(translator(locale)('error.busy'))
      return res.body.content.components as unknown[]
    }, 10_000)
  }

  async function referrerOf(workspaceId: string, contact: Contact) {
    const campaign = await getDefaultCampaign(ctx.db, workspaceId)
    const { referrer, participant } = await ensureReferrer(
      ctx.db,
      {
        workspaceId,
        campaign,
        person: personOf(contact)!,
        source: 'messenger',
        actor: SYSTEM,
      },
      { emailPolicy: 'lenient' },
    )
    return { code: referrer.code, first_name: participant.firstName }
  }

  it.each(CASES)('%s: card, invite form, sheet and landing page', async (_name, input) => {
    const { workspaceId, settings } = await configured(input)
    const contact = newContact('Ada Lovelace')
    for (const locale of ['en', 'de']) {
      const card = await liveCard(workspaceId, contact, locale)
      const referrer = await referrerOf(workspaceId, contact)
      const preview = settingsPreview(settings, {
        publicUrl: PUBLIC_URL,
        locale,
        workspaceName: 'Acme Workspace',
        messengerColour: COLOUR,
        subject: {
          code: referrer.code,
          joined: 0,
          converted: 0,
          rewardsEarned: 0,
          firstName: referrer.first_name,
        },
      })
      // The live card's sheet URL carries a seal of this person (the preview has no person); the
      // seal aside, the two are the same.
      const seal = sheetSeal(ctx.config, workspaceId, contact.id)
      expect(preview.messenger).toEqual(
        JSON.parse(JSON.stringify(card).replaceAll(`?seal=${seal}`, '')),
      )

      // The invite form: its own canvas on the compact card (the full card has it inline).
      if (settings.card.layout === 'compact' && settings.card.showInvite) {
        const opened = await postSigned(
          app,
          '/canvas/messenger/submit',
          messengerSubmit(workspaceId, contact, MESSENGER.openInvite, {}, {}, locale),
        )
        expect(preview.invite).toEqual(opened.body.canvas.content.components)
      }

      const sheet = await request(app)
        .post(`/canvas/messenger/sheet?seal=${seal}`)
        .type('form')
        .send({
          intercom_data: JSON.stringify({
            workspace_id: workspaceId,
            workspace_region: 'us',
            component_id: MESSENGER.openSheet,
            input_values: {},
            current_canvas: { content: { components: [] }, stored_data: {} },
            context: messengerContext(locale),
            user: encryptSheetUser(
              { type: 'user', id: contact.id, email: contact.email },
              TEST_CLIENT_SECRET,
            ),
          }),
        })
      expect(sheet.status).toBe(200)
      // The live page carries the response's CSP nonce on its script; the preview runs no script.
      expect(sheet.text.replace(/ nonce="[^"]*"/g, '')).toBe(preview.sheet)

      const landing = await request(app)
        .get(`/r/${encodeURIComponent(referrer.code)}/welcome`)
        .set('Accept-Language', locale)
      expect(landing.status).toBe(200)
      expect(landing.text).toBe(preview.landing)
    }
  })

  it('the preview follows the card size and the QR code (the card it shows is the real one)', async () => {
    const { settings } = await configured({
      rewards: RULES,
      card: { layout: 'full', showQr: true },
    })
    const preview = settingsPreview(settings, { publicUrl: PUBLIC_URL, locale: 'en' })
    const types = preview.messenger.map((c) => c.type)
    expect(types).toContain('image')
    expect(types).toContain('input')
    expect(JSON.stringify(preview.messenger)).toContain(
      'You get $20 · your friend gets $20 + 20% off',
    )
    expect(preview.shareText).toBe(
      `Sign up with my link and get $20 + 20% off: ${PUBLIC_URL}/r/ada-k7p2`,
    )
  })
})
