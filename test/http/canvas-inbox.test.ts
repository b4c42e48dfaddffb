import type { Express } from 'express'
import request from 'supertest'
import { beforeAll, describe, expect, it } from 'vitest'
import { INBOX } from '../../canvas/component-ids.js'
import { canvasResponse, type CanvasResponse } from '../../canvas/schema.js'
import type { AppContext } from '../../src/context.js'
import { attributeReferral } from '../../src/ledger/referrals.js'
import { ensureWorkspace } from '../../src/ledger/workspaces.js'
import { testApp } from '../support/app.js'
import { installedWorkspaceId } from '../support/db.js'
import { SYSTEM } from '../support/ledger.js'
import { type Contact, inboxInitialize, inboxSubmit, newContact } from '../canvas/payloads.js'
import { estimatedHeight } from '../canvas/height.js'
import { byId, componentsOf, postSigned, tableValue, textOf } from '../canvas/request.js'

const PUBLIC_URL = 'https://referrals.example.test'

describe('Canvas Kit: Inbox', () => {
  let app: Express
  let ctx: AppContext
  beforeAll(async () => {
    ;({ app, ctx } = await testApp())
  })

  async function initialize(workspaceId: string, contact: Contact) {
    const res = await postSigned(
      app,
      '/canvas/inbox/initialize',
      inboxInitialize(workspaceId, contact),
    )
    expect(res.status).toBe(200)
    return Object.assign(res, { body: canvasResponse.parse(res.body) })
  }

  async function submit(
    workspaceId: string,
    contact: Contact,
    componentId: string,
    previous: CanvasResponse | null,
    inputs: Record<string, unknown> = {},
  ) {
    const stored =
      previous && 'stored_data' in previous.canvas ? (previous.canvas.stored_data ?? {}) : {}
    const res = await postSigned(
      app,
      '/canvas/inbox/submit',
      inboxSubmit(workspaceId, contact, componentId, stored, inputs),
    )
    expect(res.status).toBe(200)
    return canvasResponse.parse(res.body)
  }

  /** A referrer (the contact) with friends referred through the ledger. */
  async function withFriends(workspaceId: string, contact: Contact, emails: string[]) {
    await ensureWorkspace(ctx.db, { id: workspaceId })
    for (const email of emails)
      await attributeReferral(ctx.db, {
        workspaceId,
        referrer: { person: { contactId: contact.id, email: contact.email, name: contact.name } },
        friend: { email },
        source: 'api',
        actor: SYSTEM,
      })
  }

  const eventsOf = (workspaceId: string, type: string) =>
    ctx.db
      .selectFrom('events')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('type', '=', type)
      .execute()

  describe('happy', () => {
    it('initialize shows the contact’s link, code, counts, rewards and who referred them, compactly', async () => {
      const workspaceId = await installedWorkspaceId(ctx.db)
      const contact = newContact('Grace Hopper')
      const res = await initialize(workspaceId, contact)
      const code = tableValue(res.body, 'Code')!
      expect(code).toMatch(/^grace-[a-z0-9]{4}$/)
      expect(tableValue(res.body, 'Link')).toBe(`${PUBLIC_URL}/r/${code}`)
      expect(tableValue(res.body, 'Joined · converted · pending')).toBe('0 · 0 · 0')
      expect(tableValue(res.body, 'Rewards')).toBe('None yet')
      expect(tableValue(res.body, 'Referred by')).toBe('Nobody')
      expect(textOf(res.body)).toContain('Referrals · Grace Hopper')
      expect(estimatedHeight(componentsOf(res.body))).toBeLessThanOrEqual(400)
    })

    it('accepts the contact under the docs-table name `customer`', async () => {
      const res = await postSigned(
        app,
        '/canvas/inbox/initialize',
        inboxInitialize(await installedWorkspaceId(ctx.db), newContact('Alan Turing'), true),
      )
      canvasResponse.parse(res.body)
      expect(tableValue(res.body, 'Code')).toMatch(/^alan-/)
    })

    it('lists the latest referrals; an agent qualifies one, recorded with the admin as actor', async () => {
      const workspaceId = await installedWorkspaceId(ctx.db)
      const contact = newContact()
      await withFriends(workspaceId, contact, ['one@example.com', 'two@example.com'])
      const panel = await initialize(workspaceId, contact)
      expect(tableValue(panel.body, 'Joined · converted · pending')).toBe('2 · 0 · 2')
      expect(estimatedHeight(componentsOf(panel.body))).toBeLessThanOrEqual(400)

      const list = await submit(workspaceId, contact, INBOX.showReferrals, panel.body)
      const items = (componentsOf(list).find((c) => c.type === 'list')?.items ?? []) as {
        id: string
        title: string
      }[]
      expect(items.map((i) => i.title)).toEqual(['two@example.com', 'one@example.com'])
      const detail = await submit(workspaceId, contact, items[1]!.id, list)
      expect(tableValue(detail, 'Friend')).toBe('one@example.com')
      expect(tableValue(detail, 'Status')).toBe('pending')

      const qualified = await submit(workspaceId, contact, INBOX.qualify, detail)
      expect(tableValue(qualified, 'Status')).toBe('qualified')
      expect(textOf(qualified)).toContain('Referral qualified.')
      const [event, ...more] = await eventsOf(workspaceId, 'referral.qualified')
      expect(more).toHaveLength(0)
      expect(event).toMatchObject({ actor_type: 'admin', actor_id: '991' })
      const back = await submit(workspaceId, contact, INBOX.back, qualified)
      expect(tableValue(back, 'Joined · converted · pending')).toBe('2 · 1 · 1')
    })

    it('a rejection needs a reason, and is recorded with it and the admin', async () => {
      const workspaceId = await installedWorkspaceId(ctx.db)
      const friend = newContact('Friend Person')
      await withFriends(workspaceId, newContact('Referrer Person'), [friend.email])
      // The friend's own panel: "referred by" and a review of that referral.
      const panel = await initialize(workspaceId, friend)
      expect(tableValue(panel.body, 'Referred by')).toMatch(
        /^Referrer Person \(referrer-[a-z0-9]{4}\) · pending$/,
      )
      const detail = await submit(workspaceId, friend, INBOX.reviewReferredBy, panel.body)
      const missing = await submit(workspaceId, friend, INBOX.reject, detail, {
        [INBOX.rejectReason]: '  ',
      })
      expect(textOf(missing)).toContain('A rejection needs a reason.')
      expect(byId(missing, INBOX.rejectReason)).toMatchObject({ error: true })
      const rejected = await submit(workspaceId, friend, INBOX.reject, missing, {
        [INBOX.rejectReason]: 'Same household',
      })
      expect(tableValue(rejected, 'Status')).toBe('rejected')
      expect(tableValue(rejected, 'Reason')).toBe('Same household')
      const [event] = await eventsOf(workspaceId, 'referral.rejected')
      expect(event).toMatchObject({ actor_type: 'admin', actor_id: '991' })
      expect(event?.data).toMatchObject({ reason: 'Same household' })
    })

    it('quick-adds "referred by" from a code or an email, source agent, first one wins', async () => {
      const workspaceId = await installedWorkspaceId(ctx.db)
      const referrer = newContact('Mentor Person')
      const referrerPanel = await initialize(workspaceId, referrer)
      const code = tableValue(referrerPanel.body, 'Code')!

      const friend = newContact('New Customer')
      const panel = await initialize(workspaceId, friend)
      const form = await submit(workspaceId, friend, INBOX.addReferredBy, panel.body)
      expect(byId(form, INBOX.referredByInput)).toBeTruthy()
      const saved = await submit(workspaceId, friend, INBOX.saveReferredBy, form, {
        [INBOX.referredByInput]: code.toUpperCase(),
      })
      expect(textOf(saved)).toContain('Referral recorded.')
      expect(tableValue(saved, 'Referred by')).toBe(`Mentor Person (${code}) · pending`)
      const referrals = await ctx.db
        .selectFrom('referrals')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .execute()
      expect(referrals).toHaveLength(1)
      expect(referrals[0]).toMatchObject({ source: 'agent' })
      const [event] = await eventsOf(workspaceId, 'referral.created')
      expect(event).toMatchObject({ actor_type: 'admin', actor_id: '991' })

      const second = await submit(workspaceId, friend, INBOX.saveReferredBy, form, {
        [INBOX.referredByInput]: 'someone.else@example.com',
      })
      expect(textOf(second)).toContain('Already referred: the first referral stays.')
      expect(
        await ctx.db
          .selectFrom('referrals')
          .select('id')
          .where('workspace_id', '=', workspaceId)
          .execute(),
      ).toHaveLength(1)

      const byEmail = newContact('Another Customer')
      const viaEmail = await submit(workspaceId, byEmail, INBOX.saveReferredBy, form, {
        [INBOX.referredByInput]: referrer.email,
      })
      expect(tableValue(viaEmail, 'Referred by')).toBe(`Mentor Person (${code}) · pending`)
    })

    it('issues a manual reward once even when the form is submitted twice', async () => {
      const workspaceId = await installedWorkspaceId(ctx.db)
      const contact = newContact()
      const panel = await initialize(workspaceId, contact)
      const form = await submit(workspaceId, contact, INBOX.issueReward, panel.body)
      const nonce = 'stored_data' in form.canvas ? form.canvas.stored_data?.nonce : undefined
      expect(nonce).toEqual(expect.any(String))
      const values = {
        [INBOX.rewardUnit]: 'USD',
        [INBOX.rewardAmount]: '12.5',
        [INBOX.rewardDescription]: 'Thanks for the intro',
      }
      const first = await submit(workspaceId, contact, INBOX.saveReward, form, values)
      const second = await submit(workspaceId, contact, INBOX.saveReward, form, values)
      for (const res of [first, second]) {
        expect(textOf(res)).toContain('Reward issued.')
        expect(tableValue(res, 'Rewards')).toBe('$12.50')
      }
      const rewards = await ctx.db
        .selectFrom('rewards')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .execute()
      expect(rewards).toHaveLength(1)
      expect(rewards[0]).toMatchObject({
        kind: 'manual',
        amount_minor: 1250,
        currency: 'USD',
        description: 'Thanks for the intro',
        status: 'approved',
      })
      const [event, ...more] = await eventsOf(workspaceId, 'reward.issued')
      expect(more).toHaveLength(0)
      expect(event).toMatchObject({ actor_type: 'admin', actor_id: '991' })

      // A new form is a new nonce: points this time, added to the totals.
      const again = await submit(workspaceId, contact, INBOX.issueReward, first)
      const points = await submit(workspaceId, contact, INBOX.saveReward, again, {
        [INBOX.rewardUnit]: 'points',
        [INBOX.rewardAmount]: '50',
        [INBOX.rewardDescription]: 'Bonus',
      })
      expect(tableValue(points, 'Rewards')).toBe('$12.50 + 50 points')
    })
  })

  describe('errors', () => {
    it.each([
      ['0', 'Enter a positive amount'],
      ['ten', 'Enter a positive amount'],
      ['1.234', 'Enter a positive amount'],
    ])('refuses the reward amount %s with a readable error', async (amount, message) => {
      const workspaceId = await installedWorkspaceId(ctx.db)
      const contact = newContact()
      const form = await submit(workspaceId, contact, INBOX.issueReward, null)
      const res = await submit(workspaceId, contact, INBOX.saveReward, form, {
        [INBOX.rewardUnit]: 'EUR',
        [INBOX.rewardAmount]: amount,
        [INBOX.rewardDescription]: 'x',
      })
      expect(textOf(res)).toContain(message)
      expect(byId(res, INBOX.rewardAmount)).toMatchObject({ value: amount })
      expect(
        await ctx.db
          .selectFrom('rewards')
          .select('id')
          .where('workspace_id', '=', workspaceId)
          .execute(),
      ).toHaveLength(0)
    })

    it('an unknown code, a self-referral and a loop are explained on the form', async () => {
      const workspaceId = await installedWorkspaceId(ctx.db)
      const contact = newContact('Loop Start')
      const own = tableValue((await initialize(workspaceId, contact)).body, 'Code')!
      const unknown = await submit(workspaceId, contact, INBOX.saveReferredBy, null, {
        [INBOX.referredByInput]: 'nobody-zzzz',
      })
      expect(textOf(unknown)).toContain('No referrer has that code.')
      const self = await submit(workspaceId, contact, INBOX.saveReferredBy, null, {
        [INBOX.referredByInput]: own,
      })
      expect(textOf(self)).toContain('A person cannot refer themselves.')
      await withFriends(workspaceId, contact, ['loop.friend@example.com'])
      const friend = { ...newContact('Loop Friend'), email: 'loop.friend@example.com' }
      const friendCode = tableValue((await initialize(workspaceId, friend)).body, 'Code')!
      const loop = await submit(workspaceId, contact, INBOX.saveReferredBy, null, {
        [INBOX.referredByInput]: friendCode,
      })
      expect(textOf(loop)).toContain('That would make a referral loop.')
      const empty = await submit(workspaceId, contact, INBOX.saveReferredBy, null, {})
      expect(textOf(empty)).toContain('Enter a referral code or an email address.')
    })

    /** The canvas a previous answer left, by its stored_data alone. */
    const after = (stored: Record<string, unknown>) =>
      ({ canvas: { content: { components: [] }, stored_data: stored } }) as CanvasResponse

    it('a code the agent disabled no longer resolves; the new one does, and the panel shows it', async () => {
      const workspaceId = await installedWorkspaceId(ctx.db)
      const referrer = newContact('Leaky Link')
      const oldCode = tableValue((await initialize(workspaceId, referrer)).body, 'Code')!
      const renewed = await submit(
        workspaceId,
        referrer,
        INBOX.newCode,
        after({ screen: 'more' }),
        {
          [INBOX.disableOld]: [INBOX.disableOldYes],
        },
      )
      expect(textOf(renewed)).toContain('New code issued.')
      const newCode = tableValue(renewed, 'Code')!
      expect(newCode).not.toBe(oldCode)
      const friend = newContact('Late Friend')
      const refused = await submit(workspaceId, friend, INBOX.saveReferredBy, null, {
        [INBOX.referredByInput]: oldCode,
      })
      expect(textOf(refused)).toContain('No referrer has that code.')
      const accepted = await submit(workspaceId, friend, INBOX.saveReferredBy, null, {
        [INBOX.referredByInput]: newCode,
      })
      expect(textOf(accepted)).toContain('Referral recorded.')
    })

    it('voiding asks for a reason and refuses a reward of someone else', async () => {
      const workspaceId = await installedWorkspaceId(ctx.db)
      const contact = newContact('Void Check')
      await initialize(workspaceId, contact)
      const unknown = await submit(
        workspaceId,
        contact,
        INBOX.voidConfirm,
        after({ screen: 'void', reward_id: '00000000-0000-4000-8000-000000000000' }),
        { [INBOX.actionReason]: 'x' },
      )
      expect(textOf(unknown)).toContain('That reward can no longer be voided.')
      const empty = await submit(workspaceId, contact, INBOX.voidReward, after({ screen: 'more' }))
      expect(textOf(empty)).toContain('No rewards that can be voided.')
    })

    it('a conversation without an identifiable contact gets a notice', async () => {
      const res = await postSigned(app, '/canvas/inbox/initialize', {
        ...inboxInitialize(await installedWorkspaceId(ctx.db), newContact()),
        contact: { type: 'contact', role: 'visitor' },
      })
      canvasResponse.parse(res.body)
      expect(textOf(res.body)).toContain('no contact with an id or an email')
    })
  })

  describe('security', () => {
    it.each(['/canvas/inbox/initialize', '/canvas/inbox/submit'])(
      '%s refuses unsigned and wrongly signed requests with 401',
      async (path) => {
        const body = inboxInitialize(await installedWorkspaceId(ctx.db), newContact())
        const unsigned = await request(app).post(path).send(body)
        expect(unsigned.status).toBe(401)
        expect(unsigned.body.canvas).toBeUndefined()
        expect((await postSigned(app, path, body, 'wrong-secret')).status).toBe(401)
      },
    )

    it('cannot act on another workspace’s referral: an error canvas, and nothing changes', async () => {
      const theirs = await installedWorkspaceId(ctx.db)
      const theirContact = newContact()
      await withFriends(theirs, theirContact, ['victim@example.com'])
      const [referral] = await ctx.db
        .selectFrom('referrals')
        .selectAll()
        .where('workspace_id', '=', theirs)
        .execute()
      const mine = await installedWorkspaceId(ctx.db)
      const res = await postSigned(
        app,
        '/canvas/inbox/submit',
        inboxSubmit(mine, newContact(), INBOX.qualify, {
          screen: 'referral',
          referral_id: referral!.id,
        }),
      )
      expect(res.status).toBe(200)
      canvasResponse.parse(res.body)
      expect(textOf(res.body)).toMatch(/Something went wrong — reference [0-9a-f]{8}/)
      const after = await ctx.db
        .selectFrom('referrals')
        .select('status')
        .where('id', '=', referral!.id)
        .executeTakeFirstOrThrow()
      expect(after.status).toBe('pending')
    })
  })
})
