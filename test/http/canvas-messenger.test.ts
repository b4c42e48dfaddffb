import type { Express } from 'express'
import request from 'supertest'
import { beforeAll, describe, expect, it } from 'vitest'
import { canvasResponse, configureResults, liveContentResponse } from '../../canvas/schema.js'
import { CONFIGURE, MESSENGER } from '../../canvas/component-ids.js'
import type { AppContext } from '../../src/context.js'
import { encryptSheetUser } from '../../src/http/canvas/sheet-crypto.js'
import { createCampaign, getDefaultCampaign, updateCampaign } from '../../src/ledger/campaigns.js'
import { ensureWorkspace } from '../../src/ledger/workspaces.js'
import { blockReferrer } from '../../src/ledger/referrer-blocks.js'
import { attributeReferral } from '../../src/ledger/referrals.js'
import { TEST_CLIENT_SECRET, testApp } from '../support/app.js'
import { installedWorkspaceId } from '../support/db.js'
import { SYSTEM } from '../support/ledger.js'
import {
  type Contact,
  liveCanvas,
  messengerContext,
  messengerInitialize,
  messengerSubmit,
  newContact,
} from '../canvas/payloads.js'
import { byId, componentsOf, postSigned, tableValue, textOf } from '../canvas/request.js'

const PUBLIC_URL = 'https://referrals.example.test'

describe('Canvas Kit: Messenger', () => {
  let app: Express
  let ctx: AppContext
  beforeAll(async () => {
    ;({ app, ctx } = await testApp())
  })

  const referralsOf = (workspaceId: string) =>
    ctx.db.selectFrom('referrals').selectAll().where('workspace_id', '=', workspaceId).execute()

  async function live(workspaceId: string, contact: Contact, stored = {}, locale = 'en') {
    const res = await postSigned(
      app,
      '/canvas/messenger/live',
      liveCanvas(workspaceId, contact, stored, locale),
    )
    expect(res.status).toBe(200)
    liveContentResponse.parse(res.body)
    return res
  }

  async function invite(workspaceId: string, contact: Contact, email: string, name = '') {
    const res = await postSigned(
      app,
      '/canvas/messenger/submit',
      messengerSubmit(workspaceId, contact, MESSENGER.sendInvite, {
        [MESSENGER.friendEmail]: email,
        [MESSENGER.friendName]: name,
      }),
    )
    expect(res.status).toBe(200)
    canvasResponse.parse(res.body)
    return res
  }

  describe('happy', () => {
    it('initialize answers a live canvas at PUBLIC_URL carrying the configured options', async () => {
      const res = await postSigned(
        app,
        '/canvas/messenger/initialize',
        messengerInitialize(await installedWorkspaceId(ctx.db), { parts: ['link', 'invite'] }),
      )
      expect(res.status).toBe(200)
      const body = canvasResponse.parse(res.body)
      expect(body.canvas).toEqual({
        content_url: `${PUBLIC_URL}/canvas/messenger/live`,
        stored_data: { parts: ['link', 'invite'] },
      })
    })

    it('the live canvas shows that contact their own link, enrolling them on first sight', async () => {
      const workspaceId = await installedWorkspaceId(ctx.db)
      const contact = newContact('Ada Lovelace')
      const res = await live(workspaceId, contact)
      const link = tableValue(res.body, 'Your link')
      expect(link).toMatch(new RegExp(`^${PUBLIC_URL}/r/ada-[a-z0-9]{4}$`))
      expect(textOf(res.body)).toContain('0 joined · 0 converted')
      const participant = await ctx.db
        .selectFrom('participants')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('contact_id', '=', contact.id)
        .executeTakeFirstOrThrow()
      expect(participant.email).toBe(contact.email)
      // The same contact again: the same link, no second participant.
      const again = await live(workspaceId, contact)
      expect(tableValue(again.body, 'Your link')).toBe(link)
    })

    it('the compact card shares through the sheet and opens the invite form one tap away', async () => {
      const workspaceId = await installedWorkspaceId(ctx.db)
      const contact = newContact()
      const res = await live(workspaceId, contact)
      // The sheet's URL carries a seal of this workspace and contact (the sheet's POST is unsigned).
      expect(byId(res.body, MESSENGER.openSheet)?.action).toEqual({
        type: 'sheet',
        url: expect.stringMatching(
          new RegExp(`^${PUBLIC_URL}/canvas/messenger/sheet\\?seal=[0-9a-f]{64}$`),
        ),
      })
      expect(byId(res.body, MESSENGER.shareX)).toBeUndefined()
      expect(byId(res.body, MESSENGER.friendEmail)).toBeUndefined()
      expect(byId(res.body, MESSENGER.openInvite)?.action).toEqual({ type: 'submit' })
      const form = await postSigned(
        app,
        '/canvas/messenger/submit',
        messengerSubmit(workspaceId, contact, MESSENGER.openInvite, {}),
      )
      canvasResponse.parse(form.body)
      expect(byId(form.body, MESSENGER.friendEmail)).toBeTruthy()
      expect(byId(form.body, MESSENGER.sendInvite)?.action).toEqual({ type: 'submit' })
      const back = await postSigned(
        app,
        '/canvas/messenger/submit',
        messengerSubmit(workspaceId, contact, MESSENGER.backToCard, {}),
      )
      expect(byId(back.body, MESSENGER.openInvite)).toBeTruthy()
      expect(byId(back.body, MESSENGER.friendEmail)).toBeUndefined()
    })

    it('the full layout keeps url share buttons with the link prefilled and the form inline', async () => {
      const workspaceId = await installedWorkspaceId(ctx.db)
      await ensureWorkspace(ctx.db, { id: workspaceId })
      const campaign = await getDefaultCampaign(ctx.db, workspaceId)
      await updateCampaign(ctx.db, {
        workspaceId,
        campaignId: campaign.id,
        settings: { card: { layout: 'full' } },
        actor: SYSTEM,
      })
      const res = await live(workspaceId, newContact())
      const link = tableValue(res.body, 'Your link')!
      const urlOf = (id: string) => (byId(res.body, id)?.action as { url: string }).url
      expect(urlOf(MESSENGER.shareEmail)).toMatch(/^mailto:\?subject=/)
      for (const id of [MESSENGER.shareEmail, MESSENGER.shareX, MESSENGER.shareWhatsApp])
        expect(decodeURIComponent(urlOf(id))).toContain(link)
      expect(urlOf(MESSENGER.shareX)).toMatch(/^https:\/\/twitter\.com\/intent\/tweet\?/)
      expect(urlOf(MESSENGER.shareLinkedIn)).toBe(
        `https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(link)}`,
      )
      expect(urlOf(MESSENGER.shareWhatsApp)).toMatch(/^https:\/\/wa\.me\/\?text=/)
      expect(byId(res.body, MESSENGER.friendEmail)).toBeTruthy()
      expect(byId(res.body, MESSENGER.sendInvite)?.action).toEqual({ type: 'submit' })
    })

    it('only the configured parts are shown', async () => {
      const res = await live(await installedWorkspaceId(ctx.db), newContact(), {
        parts: ['link', 'invite'],
      })
      expect(byId(res.body, MESSENGER.openSheet)).toBeUndefined()
      expect(textOf(res.body)).not.toContain('joined')
      expect(byId(res.body, MESSENGER.openInvite)).toBeTruthy()
      const withQr = await live(await installedWorkspaceId(ctx.db), newContact('Quinn Qr'), {
        parts: ['qr'],
      })
      const image = componentsOf(withQr.body).find((c) => c.type === 'image')
      expect(String(image?.url)).toMatch(new RegExp(`^${PUBLIC_URL}/r/quinn-[a-z0-9]{4}/qr\\.png$`))
    })

    it('speaks the Messenger locale, falling back to English', async () => {
      const workspaceId = await installedWorkspaceId(ctx.db)
      const contact = newContact()
      const es = await live(workspaceId, contact, {}, 'es-MX')
      expect(textOf(es.body)).toContain('Invita a tus amigos')
      expect(tableValue(es.body, 'Tu enlace')).toBeTruthy()
      const de = await live(workspaceId, contact, {}, 'de')
      expect(textOf(de.body)).toContain('Freunde einladen')
      const unknown = await live(workspaceId, contact, {}, 'xx-YY')
      expect(textOf(unknown.body)).toContain('Invite friends, get rewards')
    })

    it('an invite records a pending referral and answers the saved state with event completed', async () => {
      const workspaceId = await installedWorkspaceId(ctx.db)
      const contact = newContact()
      const res = await invite(workspaceId, contact, 'Friend.One@Example.com', 'Friend One')
      expect(res.body.event).toEqual({ type: 'completed' })
      expect(byId(res.body, MESSENGER.friendEmail)).toMatchObject({
        save_state: 'saved',
        value: 'Friend.One@Example.com',
      })
      expect(textOf(res.body)).toContain(
        // Typed text is escaped for markdown (JSON doubles the backslash).
        'Invitation recorded for Friend\\\\.One@Example\\\\.com.',
      )
      expect(textOf((await live(workspaceId, contact)).body)).toContain('1 joined')
      const [referral, ...others] = await referralsOf(workspaceId)
      expect(others).toHaveLength(0)
      expect(referral).toMatchObject({ source: 'invite', status: 'pending' })
      const friend = await ctx.db
        .selectFrom('participants')
        .selectAll()
        .where('id', '=', referral!.friend_participant_id)
        .executeTakeFirstOrThrow()
      expect(friend).toMatchObject({
        email_normalized: 'friend.one@example.com',
        name: 'Friend One',
      })
      // "Invite another" brings back an empty form.
      const again = await postSigned(
        app,
        '/canvas/messenger/submit',
        messengerSubmit(workspaceId, contact, MESSENGER.inviteAnother, {}),
      )
      canvasResponse.parse(again.body)
      expect(byId(again.body, MESSENGER.friendEmail)).not.toHaveProperty('save_state')
      expect(again.body.event).toBeUndefined()
    })

    it('inviting the same friend three times makes exactly one referral, and each answer is a success', async () => {
      const workspaceId = await installedWorkspaceId(ctx.db)
      const contact = newContact()
      for (let i = 0; i < 3; i++) {
        const res = await invite(workspaceId, contact, 'same.friend@example.com')
        expect(res.body.event).toEqual({ type: 'completed' })
      }
      expect(await referralsOf(workspaceId)).toHaveLength(1)
      const referrer = await ctx.db
        .selectFrom('referrers')
        .select('referral_count')
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirstOrThrow()
      expect(referrer.referral_count).toBe(1)
    })

    it('reads the user as a v2 contact and by email alone', async () => {
      const workspaceId = await installedWorkspaceId(ctx.db)
      const contact = newContact()
      const body = messengerSubmit(workspaceId, contact, MESSENGER.sendInvite, {
        [MESSENGER.friendEmail]: 'via-email@example.com',
      })
      const res = await postSigned(app, '/canvas/messenger/submit', {
        ...body,
        user: { type: 'contact', role: 'lead', email: contact.email, name: contact.name },
      })
      canvasResponse.parse(res.body)
      expect(res.body.event).toEqual({ type: 'completed' })
      // The live canvas, by contact id and email, finds the same person: joined 1.
      const card = await live(workspaceId, contact)
      expect(textOf(card.body)).toContain('1 joined')
    })

    it('accepts old payloads naming the workspace app_id, and both colour spellings', async () => {
      const workspaceId = await installedWorkspaceId(ctx.db)
      const { workspace_id: _dropped, ...rest } = liveCanvas(workspaceId, newContact())
      const res = await postSigned(app, '/canvas/messenger/live', {
        ...rest,
        app_id: workspaceId,
        context: {
          locale: 'fr',
          messenger_action_color: '#000000',
          messenger_background_color: '#ffffff',
        },
      })
      liveContentResponse.parse(res.body)
      expect(textOf(res.body)).toContain('Invitez vos amis')
      const ws = await ctx.db
        .selectFrom('workspaces')
        .selectAll()
        .where('id', '=', workspaceId)
        .executeTakeFirst()
      expect(ws?.region).toBe('US')
    })

    it('configure offers the campaigns and the parts, then finishes with results', async () => {
      const workspaceId = await installedWorkspaceId(ctx.db)
      const first = await postSigned(app, '/canvas/messenger/configure', {
        workspace_id: workspaceId,
        admin: { type: 'admin', id: '7' },
        context: messengerContext(),
      })
      canvasResponse.parse(first.body)
      // One campaign: named, not a (2–10 option) dropdown.
      expect(byId(first.body, CONFIGURE.campaign)).toBeUndefined()
      expect(textOf(first.body)).toContain('Campaign: Refer a friend')
      expect(byId(first.body, CONFIGURE.parts)?.value).toEqual([
        'link',
        'counts',
        'rewards',
        'share',
        'invite',
      ])

      const spring = await createCampaign(ctx.db, { workspaceId, name: 'Spring', actor: SYSTEM })
      const second = await postSigned(app, '/canvas/messenger/configure', {
        workspace_id: workspaceId,
        admin: { type: 'admin', id: '7' },
        context: messengerContext(),
      })
      canvasResponse.parse(second.body)
      const dropdown = byId(second.body, CONFIGURE.campaign) as { options: { id: string }[] }
      expect(dropdown.options.map((o) => o.id)).toContain(spring.id)

      const saved = await postSigned(app, '/canvas/messenger/configure', {
        workspace_id: workspaceId,
        workspace_region: 'us',
        admin: { type: 'admin', id: '7' },
        context: messengerContext(),
        component_id: CONFIGURE.save,
        input_values: { [CONFIGURE.campaign]: spring.id, [CONFIGURE.parts]: ['invite', 'link'] },
        current_canvas: second.body.canvas,
      })
      expect(configureResults.parse(saved.body)).toEqual({
        results: { campaign_id: spring.id, parts: ['link', 'invite'] },
      })
      // The results come back as card_creation_options, then ride in stored_data to the live canvas.
      const init = await postSigned(
        app,
        '/canvas/messenger/initialize',
        messengerInitialize(workspaceId, saved.body.results),
      )
      const contact = newContact()
      await live(workspaceId, contact, init.body.canvas.stored_data)
      const referrer = await ctx.db
        .selectFrom('referrers')
        .innerJoin('participants', 'participants.id', 'referrers.participant_id')
        .select('referrers.campaign_id')
        .where('participants.contact_id', '=', contact.id)
        .executeTakeFirstOrThrow()
      expect(referrer.campaign_id).toBe(spring.id)
    })

    it('the sheet decrypts the user and answers a share page Intercom can frame', async () => {
      const workspaceId = await installedWorkspaceId(ctx.db)
      const contact = newContact()
      const card = await live(workspaceId, contact)
      const link = tableValue(card.body, 'Your link')!
      const intercomData = {
        workspace_id: workspaceId,
        workspace_region: 'us',
        component_id: MESSENGER.openSheet,
        input_values: {},
        current_canvas: { content: { components: [] }, stored_data: {} },
        context: messengerContext('pt-BR'),
        user: encryptSheetUser(
          { type: 'user', id: contact.id, email: contact.email },
          TEST_CLIENT_SECRET,
        ),
      }
      const sheetUrl = new URL(
        String((byId(card.body, MESSENGER.openSheet)?.action as { url?: string } | undefined)?.url),
      )
      const res = await request(app)
        .post(sheetUrl.pathname + sheetUrl.search)
        .type('form')
        .send({ intercom_data: JSON.stringify(intercomData) })
      expect(res.status).toBe(200)
      expect(res.headers['content-type']).toMatch(/text\/html/)
      expect(res.text).toContain(`value="${link}"`)
      expect(res.text).toContain('Copiar link')
      expect(res.text).toContain('https://js.intercomcdn.com/messenger-sheet-library.latest.js')
      expect(res.headers['x-frame-options']).toBeUndefined()
      const csp = String(res.headers['content-security-policy'])
      expect(csp).toMatch(/script-src[^;]*https:\/\/js\.intercomcdn\.com/)
      expect(csp).not.toMatch(/frame-ancestors/)
    })

    it('submit-sheet answers the card and completes the flow', async () => {
      const workspaceId = await installedWorkspaceId(ctx.db)
      const contact = newContact()
      const res = await postSigned(app, '/canvas/messenger/submit-sheet', {
        workspace_id: workspaceId,
        workspace_region: 'us',
        context: messengerContext(),
        current_canvas: { content: { components: [] }, stored_data: { parts: ['link'] } },
        sheet_values: { shared: true },
        user: { type: 'user', id: contact.id, email: contact.email },
      })
      const body = canvasResponse.parse(res.body)
      expect(body.event).toEqual({ type: 'completed' })
      expect(tableValue(res.body, 'Your link')).toMatch(/\/r\//)
      expect(textOf(res.body)).toContain('Thanks for sharing!')
    })
  })

  describe('errors', () => {
    it('an invalid friend email shows the form again with a readable error and records nothing', async () => {
      const workspaceId = await installedWorkspaceId(ctx.db)
      const res = await invite(workspaceId, newContact(), 'not-an-email')
      expect(res.body.event).toBeUndefined()
      expect(byId(res.body, MESSENGER.friendEmail)).toMatchObject({
        value: 'not-an-email',
        save_state: 'failed',
      })
      expect(componentsOf(res.body)).toContainEqual(
        expect.objectContaining({
          style: 'error',
          text: 'That does not look like an email address.',
        }),
      )
      expect(await referralsOf(workspaceId)).toHaveLength(0)
    })

    it('an empty email asks for one', async () => {
      const res = await invite(await installedWorkspaceId(ctx.db), newContact(), '   ')
      expect(textOf(res.body)).toContain("Enter your friend's email address.")
    })

    it('inviting your own email (even a +alias) is refused in the visitor’s language', async () => {
      const workspaceId = await installedWorkspaceId(ctx.db)
      const contact = newContact()
      const [local, domain] = contact.email.split('@')
      const res = await postSigned(
        app,
        '/canvas/messenger/submit',
        messengerSubmit(
          workspaceId,
          contact,
          MESSENGER.sendInvite,
          { [MESSENGER.friendEmail]: `${local}+me@${domain}` },
          {},
          'fr-FR',
        ),
      )
      canvasResponse.parse(res.body)
      expect(textOf(res.body)).toContain("C'est votre propre adresse")
      expect(await referralsOf(workspaceId)).toHaveLength(0)
    })

    it('inviting the person who referred you is refused as a loop', async () => {
      const workspaceId = await installedWorkspaceId(ctx.db)
      const contact = newContact()
      await live(workspaceId, contact)
      await attributeReferral(ctx.db, {
        workspaceId,
        referrer: { person: { email: 'mentor@example.com' } },
        friend: { contactId: contact.id, email: contact.email },
        source: 'api',
        actor: SYSTEM,
      })
      const res = await invite(workspaceId, contact, 'mentor@example.com')
      expect(textOf(res.body)).toContain('That person referred you, so you cannot refer them.')
      expect(await referralsOf(workspaceId)).toHaveLength(1)
    })

    it('a request without a workspace answers an error canvas with a reference, localized', async () => {
      const { workspace_id: _w, ...body } = liveCanvas('x', newContact(), {}, 'fr')
      const res = await postSigned(app, '/canvas/messenger/live', body)
      expect(res.status).toBe(200)
      liveContentResponse.parse(res.body)
      expect(textOf(res.body)).toMatch(/Une erreur s'est produite — référence [0-9a-f]{8}/)
      const submit = await postSigned(app, '/canvas/messenger/submit', { component_id: 'x' })
      expect(submit.status).toBe(200)
      canvasResponse.parse(submit.body)
      expect(textOf(submit.body)).toMatch(/Something went wrong — reference [0-9a-f]{8}/)
    })

    it('a contact with neither id nor email gets a readable notice, not an error', async () => {
      const res = await postSigned(app, '/canvas/messenger/live', {
        ...liveCanvas(await installedWorkspaceId(ctx.db), newContact()),
        contact: { type: 'contact', role: 'visitor' },
      })
      liveContentResponse.parse(res.body)
      expect(textOf(res.body)).toContain('We could not tell who you are')
    })

    it('a blocked referrer sees a readable notice; their link says the programme is unavailable', async () => {
      const workspaceId = await installedWorkspaceId(ctx.db)
      const contact = newContact('Bad Actor')
      const first = await live(workspaceId, contact)
      const link = tableValue(first.body, 'Your link')!
      const referrer = await ctx.db
        .selectFrom('referrers')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirstOrThrow()
      await blockReferrer(ctx.db, {
        workspaceId,
        referrerId: referrer.id,
        reason: 'Self-referrals',
        actor: { type: 'admin', id: 'agent-1' },
      })
      const card = await live(workspaceId, contact)
      expect(textOf(card.body)).toContain(
        'The referral programme is not available for your account',
      )
      expect(byId(card.body, MESSENGER.openSheet)).toBeUndefined()
      // An invite still records the friend (nothing is lost), held for review.
      const res = await invite(workspaceId, contact, 'held.friend@example.com')
      expect(textOf(res.body)).toContain('not available')
      const [referral] = await referralsOf(workspaceId)
      expect(referral?.review_reason).toContain('referrer blocked')
      const page = await request(app).get(new URL(link).pathname)
      expect(page.status).toBe(200)
      expect(page.text).toContain('This referral programme is not available')
    })

    it('malformed JSON is a 400', async () => {
      const res = await request(app)
        .post('/canvas/messenger/submit')
        .set('content-type', 'application/json')
        .send('{"workspace_id":')
      expect(res.status).toBe(400)
    })
  })

  describe('security', () => {
    it.each([
      '/canvas/messenger/configure',
      '/canvas/messenger/initialize',
      '/canvas/messenger/live',
      '/canvas/messenger/submit',
      '/canvas/messenger/submit-sheet',
    ])('%s refuses an unsigned or wrongly signed request with 401 and no canvas', async (path) => {
      const body = messengerSubmit(
        await installedWorkspaceId(ctx.db),
        newContact(),
        MESSENGER.sendInvite,
        {
          [MESSENGER.friendEmail]: 'x@example.com',
        },
      )
      const unsigned = await request(app).post(path).send(body)
      expect(unsigned.status).toBe(401)
      expect(unsigned.body.canvas).toBeUndefined()
      expect(unsigned.body.content).toBeUndefined()
      const wrong = await postSigned(app, path, body, 'another-secret')
      expect(wrong.status).toBe(401)
      expect(wrong.body.canvas).toBeUndefined()
    })

    it('a signed body changed in transit is refused', async () => {
      const body = liveCanvas(await installedWorkspaceId(ctx.db), newContact())
      const { raw, headers } = (await import('../support/intercom.js')).signedCanvas(body)
      const res = await request(app)
        .post('/canvas/messenger/live')
        .set(headers)
        .send(raw.replace('"en"', '"es"'))
      expect(res.status).toBe(401)
    })

    it('the sheet refuses a user not encrypted with the app secret', async () => {
      const data = {
        workspace_id: await installedWorkspaceId(ctx.db),
        user: encryptSheetUser({ id: 'contact_x' }, 'not-the-secret'),
      }
      const res = await request(app)
        .post('/canvas/messenger/sheet')
        .type('form')
        .send({ intercom_data: JSON.stringify(data) })
      expect(res.status).toBe(401)
      const garbage = await request(app)
        .post('/canvas/messenger/sheet')
        .type('form')
        .send({ intercom_data: '{not json' })
      expect(garbage.status).toBe(400)
    })
  })
})
