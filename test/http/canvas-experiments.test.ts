import type { Express } from 'express'
import request from 'supertest'
import { beforeAll, describe, expect, it } from 'vitest'
import { MESSENGER } from '../../canvas/component-ids.js'
import type { AppContext } from '../../src/context.js'
import { experimentInput } from '../../src/experiments/experiment-settings.js'
import { createExperiment, type Experiment, variantOf } from '../../src/experiments/experiments.js'
import { experimentStats } from '../../src/experiments/stats.js'
import { sheetSeal } from '../../src/http/canvas-signer.js'
import { encryptSheetUser } from '../../src/http/canvas/sheet-crypto.js'
import { getDefaultCampaign, updateCampaign } from '../../src/ledger/campaigns.js'
import { ensureReferrer } from '../../src/ledger/referrers.js'
import { ensureWorkspace } from '../../src/ledger/workspaces.js'
import { TEST_CLIENT_SECRET, testApp } from '../support/app.js'
import { newWorkspaceId } from '../support/db.js'
import { SYSTEM } from '../support/ledger.js'
import { type Contact, liveCanvas, messengerContext, newContact } from '../canvas/payloads.js'
import { byId, postSigned, tableValue, textOf } from '../canvas/request.js'

describe("experiments of the copy: the referrer's variant decides the card's words", () => {
  let app: Express
  let ctx: AppContext
  let experiment: Experiment
  const workspaceId = newWorkspaceId()
  const inVariant = new Map<string, Contact>()

  beforeAll(async () => {
    ;({ app, ctx } = await testApp())
    await ensureWorkspace(ctx.db, { id: workspaceId })
    const campaign = await getDefaultCampaign(ctx.db, workspaceId)
    // The full layout puts the share buttons, and so the share text, on the card itself.
    await updateCampaign(ctx.db, {
      workspaceId,
      campaignId: campaign.id,
      settings: {
        card: {
          layout: 'full',
          headline: 'Invite your friends',
          shareMessage: { en: 'Campaign words {link}', de: 'Kampagnenworte {link}' },
        },
      },
      actor: SYSTEM,
    })
    experiment = await createExperiment(
      ctx.db,
      workspaceId,
      experimentInput.parse({
        name: 'Words test',
        campaignId: campaign.id,
        variants: [
          { key: 'A', name: 'Current words' },
          {
            key: 'B',
            name: 'Warmer words',
            headline: 'Share the love',
            // German left to the campaign; Spanish set without {link}: the link is appended.
            shareMessage: { en: 'Variant words {link} today', es: 'Palabras nuevas' },
            friendReward: { amountMinor: 2000, currency: 'usd' },
          },
        ],
      }),
      SYSTEM,
    )
    const fresh = await getDefaultCampaign(ctx.db, workspaceId)
    // One contact in each variant (the hash of the referrer decides; enrol until both are there).
    while (inVariant.size < 2) {
      const contact = newContact(`Person${inVariant.size} Test`)
      const { referrer } = await ensureReferrer(ctx.db, {
        workspaceId,
        campaign: fresh,
        person: { contactId: contact.id, email: contact.email, name: contact.name },
        source: 'api',
        actor: SYSTEM,
      })
      const key = variantOf(experiment, referrer.id).key
      if (!inVariant.has(key)) inVariant.set(key, contact)
    }
  })

  const card = async (contact: Contact, locale: string) => {
    const res = await postSigned(
      app,
      '/canvas/messenger/live',
      liveCanvas(workspaceId, contact, {}, locale),
    )
    expect(res.status).toBe(200)
    return res
  }
  // A share button passes through the link's own /share/<channel>?to=<the service's URL>.
  const sharedText = (url: string) => {
    const to = new URL(url).searchParams.get('to')
    return to ? new URL(to).searchParams.get('text') : null
  }
  const shareTextOn = (body: unknown) =>
    sharedText((byId(body, MESSENGER.shareWhatsApp)?.action as { url: string }).url)
  const sharedTextsIn = (page: string) =>
    [...page.matchAll(/href="([^"]+)"/g)].flatMap(([, href]) => {
      try {
        return [sharedText(href!.replaceAll('&amp;', '&'))]
      } catch {
        return []
      }
    })

  it("shows variant B's headline and share message, per language, and A the campaign's", async () => {
    const b = inVariant.get('B')!
    const en = await card(b, 'en')
    const link = tableValue(en.body, 'Your link')!
    expect(textOf(en.body)).toContain('Share the love')
    expect(textOf(en.body)).not.toContain('Invite your friends')
    expect(shareTextOn(en.body)).toBe(`Variant words ${link} today`)
    expect(shareTextOn((await card(b, 'es')).body)).toBe(`Palabras nuevas ${link}`)
    // A language the variant leaves alone keeps the campaign's message there.
    expect(shareTextOn((await card(b, 'de')).body)).toBe(`Kampagnenworte ${link}`)

    const a = await card(inVariant.get('A')!, 'en')
    expect(textOf(a.body)).toContain('Invite your friends')
    expect(shareTextOn(a.body)).toBe(`Campaign words ${tableValue(a.body, 'Your link')!}`)
  })

  function openSheet(contact: Contact, locale: string) {
    const seal = sheetSeal(ctx.config, workspaceId, contact.id)
    return request(app)
      .post(`/canvas/messenger/sheet?seal=${encodeURIComponent(seal)}`)
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
  }

  it("the share sheet carries the variant's message; views and shares count per variant", async () => {
    const b = inVariant.get('B')!
    const link = tableValue((await card(b, 'en')).body, 'Your link')!
    // Opened twice: one referrer who shared.
    for (let i = 0; i < 2; i++) {
      const res = await openSheet(b, 'en')
      expect(res.status).toBe(200)
      expect(sharedTextsIn(res.text)).toContain(`Variant words ${link} today`)
    }
    const stats = await experimentStats(ctx.db, experiment)
    // Each card was viewed several times: one referrer shown each variant, one of them shared.
    expect(stats.map((s) => [s.key, s.cardViews, s.shares])).toEqual([
      ['A', 1, 0],
      ['B', 1, 1],
    ])
  })

  it("a friend's landing page offers what their referrer's variant offers", async () => {
    const welcome = async (contact: Contact) => {
      const link = tableValue((await card(contact, 'en')).body, 'Your link')!
      const res = await request(app).get(`${new URL(link).pathname}/welcome`)
      expect(res.status).toBe(200)
      return res.text
    }
    expect(await welcome(inVariant.get('B')!)).toContain('Sign up and get $20.')
    expect(await welcome(inVariant.get('A')!)).not.toContain('get $20')
  })
})
