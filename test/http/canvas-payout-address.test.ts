import type { Express } from 'express'
import request from 'supertest'
import { beforeAll, describe, expect, it } from 'vitest'
import { MESSENGER } from '../../canvas/component-ids.js'
import { canvasResponse } from '../../canvas/schema.js'
import type { AppContext } from '../../src/context.js'
import { encryptSheetUser } from '../../src/http/canvas/sheet-crypto.js'
import { getDefaultCampaign, updateCampaign } from '../../src/ledger/campaigns.js'
import { ensureWorkspace } from '../../src/ledger/workspaces.js'
import { liveCanvas, messengerContext, newContact } from '../canvas/payloads.js'
import { byId, postSigned, textOf } from '../canvas/request.js'
import { TEST_CLIENT_SECRET, testApp } from '../support/app.js'
import { signedCanvas } from '../support/intercom.js'
import { newWorkspaceId } from '../support/db.js'
import { SYSTEM } from '../support/ledger.js'

/** The referrer confirms their PayPal address from the card: a sheet, answered through Intercom. */
describe('PayPal address from the Messenger card', () => {
  let app: Express
  let ctx: AppContext
  beforeAll(async () => {
    ;({ app, ctx } = await testApp())
  })

  async function paypalWorkspace() {
    const workspaceId = newWorkspaceId()
    await ensureWorkspace(ctx.db, { id: workspaceId })
    const campaign = await getDefaultCampaign(ctx.db, workspaceId)
    await updateCampaign(ctx.db, {
      workspaceId,
      campaignId: campaign.id,
      settings: {
        rewards: {
          rules: [
            {
              id: 'cash',
              kind: 'payout',
              amountMinor: 1500,
              currency: 'USD',
              payoutProvider: 'paypal',
            },
          ],
        },
      },
      actor: SYSTEM,
    })
    return workspaceId
  }

  /** The card; on a loaded machine the first view (which enrols) may answer "busy", as Intercom sees it. */
  async function liveCard(workspaceId: string, contact: ReturnType<typeof newContact>) {
    for (let attempt = 0; ; attempt++) {
      const card = await postSigned(app, '/canvas/messenger/live', liveCanvas(workspaceId, contact))
      if (!textOf(card.body).includes('very busy') || attempt >= 4) return card
    }
  }

  const submitSheet = (
    workspaceId: string,
    contact: ReturnType<typeof newContact>,
    address: string,
  ) =>
    postSigned(app, '/canvas/messenger/submit-sheet', {
      workspace_id: workspaceId,
      workspace_region: 'us',
      context: messengerContext(),
      current_canvas: { content: { components: [] }, stored_data: {} },
      sheet_values: { payoutAddress: address },
      user: { type: 'user', id: contact.id, email: contact.email },
    })

  const sheetPathOf = (button: Record<string, unknown>) =>
    new URL((button.action as { url: string }).url).pathname +
    new URL((button.action as { url: string }).url).search

  /** What the Messenger posts when the card's button opens the sheet: the user encrypted. */
  const openSheet = (path: string, workspaceId: string, contact: ReturnType<typeof newContact>) =>
    request(app)
      .post(path)
      .type('form')
      .send({
        intercom_data: JSON.stringify({
          workspace_id: workspaceId,
          workspace_region: 'us',
          component_id: MESSENGER.openPayoutAddress,
          input_values: {},
          current_canvas: { content: { components: [] }, stored_data: {} },
          context: messengerContext(),
          user: encryptSheetUser(
            { type: 'user', id: contact.id, email: contact.email },
            TEST_CLIENT_SECRET,
          ),
        }),
      })

  it('asks for the address on the card, opens the sheet, and a change is an event that pauses payouts', async () => {
    const workspaceId = await paypalWorkspace()
    const contact = newContact()
    const card = await liveCard(workspaceId, contact)
    const button = byId(card.body, MESSENGER.openPayoutAddress) as Record<string, unknown>
    expect(button).toMatchObject({
      label: 'Confirm your PayPal address',
      action: {
        type: 'sheet',
        url: expect.stringMatching(/\/canvas\/messenger\/sheet\/payout-address\?seal=[\w%-]+$/),
      },
    })

    const sheet = await openSheet(sheetPathOf(button), workspaceId, contact)
    expect(sheet.status).toBe(200)
    expect(sheet.text).toContain('PayPal e-mail address')
    expect(sheet.text).toContain('submitSheet({ payoutAddress')
    expect(sheet.headers['x-frame-options']).toBeUndefined()

    const bad = await submitSheet(workspaceId, contact, 'not an address')
    expect(textOf(bad.body)).toContain('That PayPal address is not a valid e-mail address.')

    const saved = await submitSheet(workspaceId, contact, 'Rita.Pay@Example.com')
    canvasResponse.parse(saved.body)
    expect(saved.body.event).toEqual({ type: 'completed' })
    expect(textOf(saved.body)).toContain('PayPal address saved.')
    expect((byId(saved.body, MESSENGER.openPayoutAddress) as { label: string }).label).toBe(
      'Change PayPal address',
    )
    await submitSheet(workspaceId, contact, 'someone.else@example.com')
    const stored = await ctx.db
      .selectFrom('payout_addresses')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow()
    expect(stored.email).toBe('someone.else@example.com')
    expect(stored.paused_until!.getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000)
    const events = await ctx.db
      .selectFrom('events')
      .select('type')
      .where('workspace_id', '=', workspaceId)
      .where('type', 'like', 'payout.address%')
      .execute()
    expect(events.map((e) => e.type).sort()).toEqual([
      'payout.address_changed',
      'payout.address_confirmed',
    ])
  })

  it('is sealed: only the person’s own card opens the sheet, and only a signed submit sets an address', async () => {
    const workspaceId = await paypalWorkspace()
    const rita = newContact()
    const mallory = newContact()
    const ritaButton = byId(
      (await liveCard(workspaceId, rita)).body,
      MESSENGER.openPayoutAddress,
    ) as Record<string, unknown>
    const malloryButton = byId(
      (await liveCard(workspaceId, mallory)).body,
      MESSENGER.openPayoutAddress,
    ) as Record<string, unknown>
    expect(sheetPathOf(ritaButton)).not.toBe(sheetPathOf(malloryButton))
    expect((await submitSheet(workspaceId, rita, 'rita.pay@example.com')).status).toBe(200)

    // Without a seal, with another person's seal, or a seal altered: refused, no address shown.
    for (const path of [
      '/canvas/messenger/sheet/payout-address',
      sheetPathOf(malloryButton),
      sheetPathOf(ritaButton).replace('seal=', 'seal=x'),
    ]) {
      const refused = await openSheet(path, workspaceId, rita)
      expect(refused.status).toBe(403)
      expect(refused.text).not.toContain('rita.pay@example.com')
    }
    const own = await openSheet(sheetPathOf(ritaButton), workspaceId, rita)
    expect(own.status).toBe(200)
    expect(own.text).toContain('rita.pay@example.com')

    // Setting Rita's address as Mallory: an unsigned submit, or a signed one altered in transit.
    const forged = {
      workspace_id: workspaceId,
      workspace_region: 'us',
      context: messengerContext(),
      current_canvas: { content: { components: [] }, stored_data: {} },
      sheet_values: { payoutAddress: 'mallory@example.com' },
      user: { type: 'user', id: rita.id, email: rita.email },
    }
    const unsigned = await request(app)
      .post('/canvas/messenger/submit-sheet')
      .set('content-type', 'application/json')
      .send(JSON.stringify(forged))
    expect(unsigned.status).toBe(401)
    const { raw, headers } = signedCanvas({
      ...forged,
      user: { type: 'user', id: mallory.id, email: mallory.email },
    })
    const tampered = await request(app)
      .post('/canvas/messenger/submit-sheet')
      .set(headers)
      .send(raw.replace(mallory.id, rita.id).replace(mallory.email, rita.email))
    expect(tampered.status).toBe(401)
    const wrongKey = await postSigned(
      app,
      '/canvas/messenger/submit-sheet',
      forged,
      'not-the-secret',
    )
    expect(wrongKey.status).toBe(401)
    const stored = await ctx.db
      .selectFrom('payout_addresses')
      .select('email')
      .where('workspace_id', '=', workspaceId)
      .execute()
    expect(stored.map((r) => r.email)).toEqual(['rita.pay@example.com'])
  })

  it('a campaign without PayPal cash shows no address button', async () => {
    const workspaceId = newWorkspaceId()
    const card = await postSigned(
      app,
      '/canvas/messenger/live',
      liveCanvas(workspaceId, newContact()),
    )
    expect(byId(card.body, MESSENGER.openPayoutAddress)).toBeUndefined()
  })
})
