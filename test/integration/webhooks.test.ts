import type { Express } from 'express'
import request from 'supertest'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AppContext } from '../../src/context.js'
import { latestContactSnapshot } from '../../src/ledger/contact-snapshots.js'
import { updateCampaign } from '../../src/ledger/campaigns.js'
import { testApp } from '../support/app.js'
import { signedWebhook } from '../support/intercom.js'
import { newReferrer, newWorkspace, SYSTEM } from '../support/ledger.js'
import {
  contactNotification,
  deliver,
  newContactId,
  nextTimestamp,
  processWaiting,
} from './webhook-fixtures.js'

let app: Express
let ctx: AppContext

beforeAll(async () => {
  ;({ app, ctx } = await testApp())
})

async function referralsOf(workspaceId: string) {
  return ctx.db
    .selectFrom('referrals')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .execute()
}

async function eventsOf(workspaceId: string) {
  return ctx.db
    .selectFrom('events')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('id')
    .execute()
}

async function pendingWrites(workspaceId: string) {
  return ctx.db
    .selectFrom('pending_contact_writes')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('participant_id')
    .execute()
}

/** A workspace with a referrer, and a friend (a lead) attributed through `referred_by_code`. */
async function attributedFriend() {
  const { workspaceId, campaign } = await newWorkspace(ctx.db)
  const { referrer } = await newReferrer(ctx.db, workspaceId, 'Jane Doe')
  const friend = { id: newContactId(), email: 'sam@example.org', name: 'Sam Friend' }
  await deliver(
    app,
    contactNotification({
      workspaceId,
      topic: 'contact.lead.created',
      contact: { ...friend, role: 'lead', custom_attributes: { referred_by_code: referrer.code } },
    }),
  ).expect(200)
  await processWaiting(ctx, workspaceId)
  return { workspaceId, campaign, referrer, friend }
}

describe('POST /intercom/webhooks', () => {
  describe('security', () => {
    it('refuses an unsigned notification with 401 and stores nothing', async () => {
      const { workspaceId } = await newWorkspace(ctx.db)
      const body = contactNotification({
        workspaceId,
        topic: 'contact.user.updated',
        contact: { id: newContactId() },
      })
      const res = await request(app).post('/intercom/webhooks').send(body)
      expect(res.status).toBe(401)
      const stored = await ctx.db
        .selectFrom('webhook_notifications')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .execute()
      expect(stored).toHaveLength(0)
    })

    it('refuses a notification signed with another secret', async () => {
      const { workspaceId } = await newWorkspace(ctx.db)
      const body = contactNotification({
        workspaceId,
        topic: 'contact.user.updated',
        contact: { id: newContactId() },
      })
      const { raw, headers } = signedWebhook(body, 'not-the-client-secret')
      await request(app).post('/intercom/webhooks').set(headers).send(raw).expect(401)
    })

    it('answers 400 to a signed body that is not a notification', async () => {
      const res = await deliver(app, { hello: 'world' })
      expect(res.status).toBe(400)
      expect(res.body.error.message).toMatch(/Invalid notification/)
    })
  })

  describe('receiving', () => {
    it('answers HEAD with 200 (Intercom validates the URL that way)', async () => {
      await request(app).head('/intercom/webhooks').expect(200)
    })

    it('acknowledges ping and unknown topics without storing them', async () => {
      const { workspaceId } = await newWorkspace(ctx.db)
      const ping = {
        type: 'notification_event',
        id: 'notif_ping_1',
        app_id: workspaceId,
        topic: 'ping',
        created_at: nextTimestamp(),
        data: { type: 'notification_event_data', item: { type: 'ping', message: 'hello' } },
      }
      expect((await deliver(app, ping).expect(200)).body).toEqual({ received: true, ignored: true })
      await deliver(app, { ...ping, id: 'notif_tag_1', topic: 'contact.user.tag.created' }).expect(
        200,
      )
      const stored = await ctx.db
        .selectFrom('webhook_notifications')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .execute()
      expect(stored).toHaveLength(0)
    })

    it('creates an unknown workspace and stores its notification', async () => {
      const workspaceId = `ws_unknown_${newContactId().slice(0, 8)}`
      await deliver(
        app,
        contactNotification({ workspaceId, topic: 'contact.user.created', contact: { id: 'c1' } }),
      ).expect(200)
      const workspace = await ctx.db
        .selectFrom('workspaces')
        .select('id')
        .where('id', '=', workspaceId)
        .executeTakeFirst()
      expect(workspace?.id).toBe(workspaceId)
      const [result] = await processWaiting(ctx, workspaceId)
      expect(result?.status).toBe('processed')
    })
    it('leaves nothing behind when an instance dies: its claim lapses and another claims it', async () => {
      const { workspaceId } = await newWorkspace(ctx.db)
      const { referrer } = await newReferrer(ctx.db, workspaceId)
      await deliver(
        app,
        contactNotification({
          workspaceId,
          topic: 'contact.lead.created',
          contact: { id: newContactId(), custom_attributes: { referred_by_code: referrer.code } },
        }),
      ).expect(200)
      const { id } = await ctx.db
        .selectFrom('webhook_notifications')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirstOrThrow()
      const { claimNotifications } = await import('../../src/ledger/webhook-notifications.js')
      const { processNotification } = await import('../../src/webhooks/process-notification.js')
      // An instance claims it and dies before processing: while the lease runs nobody else may.
      const mine = (claimed: { id: string }[]) =>
        claimed.filter((notification) => notification.id === id).map((notification) => notification.id)
      expect(mine(await claimNotifications(ctx.db, 1000, 300))).toEqual([id])
      expect(mine(await claimNotifications(ctx.db, 1000, 300))).toEqual([])
      // The lease lapses (as if 300 s went by): the next claim takes it over and processes it.
      await ctx.db
        .updateTable('webhook_notifications')
        .set({ claimed_until: new Date(Date.now() - 1_000) })
        .where('id', '=', id)
        .execute()
      expect(mine(await claimNotifications(ctx.db, 1000, 300))).toEqual([id])
      await processNotification(ctx, id)
      const stored = await ctx.db
        .selectFrom('webhook_notifications')
        .select(['status', 'attempts'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
      expect(stored).toMatchObject({ status: 'processed', attempts: 2 })
      expect(await referralsOf(workspaceId)).toHaveLength(1)
      expect(mine(await claimNotifications(ctx.db, 1000, 0))).toEqual([])
    })
  })

  describe('attribution', () => {
    it('attributes a contact whose referred_by_code names a referrer', async () => {
      const { workspaceId, referrer, friend } = await attributedFriend()
      const referrals = await referralsOf(workspaceId)
      expect(referrals).toHaveLength(1)
      expect(referrals[0]).toMatchObject({
        referrer_id: referrer.id,
        status: 'pending',
        source: 'link',
      })
      const participant = await ctx.db
        .selectFrom('participants')
        .selectAll()
        .where('id', '=', referrals[0]!.friend_participant_id)
        .executeTakeFirstOrThrow()
      expect(participant).toMatchObject({ contact_id: friend.id, email_normalized: friend.email })
      const counts = await ctx.db
        .selectFrom('referrers')
        .select(['referral_count', 'pending_count'])
        .where('id', '=', referrer.id)
        .executeTakeFirstOrThrow()
      expect(counts).toEqual({ referral_count: 1, pending_count: 1 })
      const created = (await eventsOf(workspaceId)).find((e) => e.type === 'referral.created')
      expect(created?.actor_type).toBe('webhook')
    })

    it('reads the code from the attribute name the campaign configures', async () => {
      const { workspaceId, campaign } = await newWorkspace(ctx.db)
      await updateCampaign(ctx.db, {
        workspaceId,
        campaignId: campaign.id,
        settings: { attributes: { referred_by_code: 'invited_with' } },
        actor: SYSTEM,
      })
      const { referrer } = await newReferrer(ctx.db, workspaceId)
      await deliver(
        app,
        contactNotification({
          workspaceId,
          topic: 'contact.user.created',
          contact: {
            id: newContactId(),
            role: 'lead',
            custom_attributes: { referred_by_code: 'nobody-xxxx', invited_with: referrer.code },
          },
        }),
      ).expect(200)
      await processWaiting(ctx, workspaceId)
      const referrals = await referralsOf(workspaceId)
      expect(referrals.map((r) => r.referrer_id)).toEqual([referrer.id])
    })

    it('records an unknown code as the outcome and creates nothing', async () => {
      const { workspaceId } = await newWorkspace(ctx.db)
      await deliver(
        app,
        contactNotification({
          workspaceId,
          topic: 'contact.lead.created',
          contact: { id: newContactId(), custom_attributes: { referred_by_code: 'ghost-zzzz' } },
        }),
      ).expect(200)
      const [result] = await processWaiting(ctx, workspaceId)
      expect(result).toMatchObject({
        status: 'processed',
        attribution: [{ code: 'ghost-zzzz', result: 'unknown_code' }],
      })
      expect(await referralsOf(workspaceId)).toHaveLength(0)
    })

    it('links a contact whose email matches an invited friend, then qualifies them', async () => {
      const { workspaceId } = await newWorkspace(ctx.db)
      const { referrer } = await newReferrer(ctx.db, workspaceId)
      const { attributeReferral } = await import('../../src/ledger/referrals.js')
      await attributeReferral(ctx.db, {
        workspaceId,
        referrer: { referrerId: referrer.id },
        friend: { email: 'Invited.Friend@example.org', name: 'Ivy' },
        source: 'invite',
        actor: SYSTEM,
      })
      const contactId = newContactId()
      await deliver(
        app,
        contactNotification({
          workspaceId,
          topic: 'contact.user.created',
          contact: { id: contactId, role: 'user', email: 'invited.friend@example.org' },
        }),
      ).expect(200)
      const [result] = await processWaiting(ctx, workspaceId)
      expect(result).toMatchObject({ status: 'processed', linked: true })
      const participant = await ctx.db
        .selectFrom('participants')
        .select('contact_id')
        .where('workspace_id', '=', workspaceId)
        .where('email_normalized', '=', 'invited.friend@example.org')
        .executeTakeFirstOrThrow()
      expect(participant.contact_id).toBe(contactId)
      expect((await referralsOf(workspaceId))[0]?.status).toBe('qualified')
    })
    it('leaves an invited friend alone when their new contact carries the same code', async () => {
      const { workspaceId } = await newWorkspace(ctx.db)
      const { referrer } = await newReferrer(ctx.db, workspaceId)
      const { attributeReferral } = await import('../../src/ledger/referrals.js')
      await attributeReferral(ctx.db, {
        workspaceId,
        referrer: { referrerId: referrer.id },
        friend: { email: 'pat@example.org', name: 'Pat' },
        source: 'invite',
        actor: SYSTEM,
      })
      const before = (await eventsOf(workspaceId)).length
      // The app created Pat in Intercom with referred_by_code; the creation comes back.
      await deliver(
        app,
        contactNotification({
          workspaceId,
          topic: 'contact.lead.created',
          contact: {
            id: newContactId(),
            email: 'pat@example.org',
            custom_attributes: { referred_by_code: referrer.code },
          },
        }),
      ).expect(200)
      const [result] = await processWaiting(ctx, workspaceId)
      expect(result).toMatchObject({
        attribution: [{ result: 'already_attributed' }],
        linked: true,
      })
      const events = await eventsOf(workspaceId)
      expect(events.slice(before).map((e) => e.type)).toEqual(['participant.contact_linked'])
      expect(await referralsOf(workspaceId)).toHaveLength(1)
    })
  })

  describe('qualification', () => {
    it('qualifies on a change to a configured value, and not on other values', async () => {
      const { workspaceId, campaign, friend, referrer } = await attributedFriend()
      await updateCampaign(ctx.db, {
        workspaceId,
        campaignId: campaign.id,
        settings: {
          qualification: { attribute: 'custom_attributes.plan', values: ['Pro', 'business'] },
        },
        actor: SYSTEM,
      })
      await deliver(
        app,
        contactNotification({
          workspaceId,
          topic: 'contact.lead.updated',
          contact: { ...friend, role: 'user', custom_attributes: { plan: 'free' } },
        }),
      ).expect(200)
      await processWaiting(ctx, workspaceId)
      expect((await referralsOf(workspaceId))[0]?.status).toBe('pending')

      const upgrade = contactNotification({
        workspaceId,
        topic: 'contact.user.updated',
        contact: { ...friend, role: 'user', custom_attributes: { plan: 'pro' } },
      })
      await deliver(app, upgrade).expect(200)
      await processWaiting(ctx, workspaceId)
      const [referral] = await referralsOf(workspaceId)
      expect(referral?.status).toBe('qualified')
      const qualified = (await eventsOf(workspaceId)).filter((e) => e.type === 'referral.qualified')
      expect(qualified).toHaveLength(1)
      expect(qualified[0]).toMatchObject({ actor_type: 'webhook', actor_id: upgrade.id })
      const counts = await ctx.db
        .selectFrom('referrers')
        .select(['converted_count', 'pending_count'])
        .where('id', '=', referrer.id)
        .executeTakeFirstOrThrow()
      expect(counts).toEqual({ converted_count: 1, pending_count: 0 })
    })

    it('qualifies by default when the lead signs up', async () => {
      const { workspaceId, friend } = await attributedFriend()
      await deliver(
        app,
        contactNotification({
          workspaceId,
          topic: 'contact.lead.signed_up',
          contact: { ...friend, role: 'lead' },
        }),
      ).expect(200)
      await processWaiting(ctx, workspaceId)
      expect((await referralsOf(workspaceId))[0]?.status).toBe('qualified')
    })

    it('holds a referral under fraud review instead of qualifying it', async () => {
      const { workspaceId, campaign } = await newWorkspace(ctx.db)
      await updateCampaign(ctx.db, {
        workspaceId,
        campaignId: campaign.id,
        settings: { fraud: { blocklist: ['blocked.example'] } },
        actor: SYSTEM,
      })
      const { referrer } = await newReferrer(ctx.db, workspaceId)
      const friend = { id: newContactId(), email: 'kim@blocked.example', name: 'Kim' }
      await deliver(
        app,
        contactNotification({
          workspaceId,
          topic: 'contact.lead.created',
          contact: { ...friend, custom_attributes: { referred_by_code: referrer.code } },
        }),
      ).expect(200)
      await deliver(
        app,
        contactNotification({
          workspaceId,
          topic: 'contact.user.updated',
          contact: { ...friend, role: 'user' },
        }),
      ).expect(200)
      const results = await processWaiting(ctx, workspaceId)
      expect(results[1]).toMatchObject({ qualification: [{ result: 'held_for_review' }] })
      const [referral] = await referralsOf(workspaceId)
      expect(referral).toMatchObject({ status: 'pending' })
      expect(referral?.review_reason).toMatch(/blocklisted/)
    })

    it('ignores a delivery older than the state already processed', async () => {
      const { workspaceId, campaign, friend } = await attributedFriend()
      await updateCampaign(ctx.db, {
        workspaceId,
        campaignId: campaign.id,
        settings: { qualification: { attribute: 'custom_attributes.plan', values: ['pro'] } },
        actor: SYSTEM,
      })
      const older = nextTimestamp()
      const newer = nextTimestamp()
      // Intercom sent "pro" then "free"; the "free" one arrives first.
      await deliver(
        app,
        contactNotification({
          workspaceId,
          topic: 'contact.lead.updated',
          createdAt: newer,
          contact: { ...friend, custom_attributes: { plan: 'free' } },
        }),
      ).expect(200)
      await processWaiting(ctx, workspaceId)
      await deliver(
        app,
        contactNotification({
          workspaceId,
          topic: 'contact.lead.updated',
          createdAt: older,
          contact: { ...friend, custom_attributes: { plan: 'pro' } },
        }),
      ).expect(200)
      const [late] = await processWaiting(ctx, workspaceId)
      expect(late).toEqual({ status: 'skipped', reason: 'stale' })
      expect((await referralsOf(workspaceId))[0]?.status).toBe('pending')
      const snapshot = await latestContactSnapshot(ctx.db, workspaceId, friend.id)
      expect(snapshot?.customAttributes).toEqual({ plan: 'free' })
      expect(snapshot?.lastNotificationAt?.getTime()).toBe(newer * 1000)
    })
  })

  describe('loops and duplicates', () => {
    it("changes nothing when only the app's own attributes changed", async () => {
      const { workspaceId, friend, referrer } = await attributedFriend()
      const before = await eventsOf(workspaceId)
      const writesBefore = await pendingWrites(workspaceId)
      const referralsBefore = await referralsOf(workspaceId)
      // What Intercom reports after the app wrote its attributes onto the friend (a lead still).
      await deliver(
        app,
        contactNotification({
          workspaceId,
          topic: 'contact.lead.updated',
          contact: {
            ...friend,
            role: 'lead',
            custom_attributes: {
              referred_by_code: referrer.code,
              referral_status: 'pending',
              referral_code: 'sam-abcd',
              referral_count: 0,
            },
          },
        }),
      ).expect(200)
      const [result] = await processWaiting(ctx, workspaceId)
      expect(result).toMatchObject({
        status: 'processed',
        plan: { evaluate: false, codes: [] },
        attribution: [],
        qualification: [],
      })
      expect(await eventsOf(workspaceId)).toEqual(before)
      expect(await referralsOf(workspaceId)).toEqual(referralsBefore)
      // Nothing new to write back to Intercom, so the loop ends here.
      expect(await pendingWrites(workspaceId)).toEqual(writesBefore)
      const snapshot = await latestContactSnapshot(ctx.db, workspaceId, friend.id)
      expect(snapshot?.customAttributes.referral_status).toBe('pending')
    })

    it('turns the same notification delivered 3 times at once into one referral and one qualification', async () => {
      const { workspaceId } = await newWorkspace(ctx.db)
      const { referrer } = await newReferrer(ctx.db, workspaceId)
      const contact = { id: newContactId(), email: 'trio@example.org', name: 'Tri O' }
      const created = contactNotification({
        workspaceId,
        topic: 'contact.lead.created',
        contact: { ...contact, custom_attributes: { referred_by_code: referrer.code } },
      })
      const answers = await Promise.all([1, 2, 3].map(() => deliver(app, created)))
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200])
      expect(answers.filter((a) => a.body.duplicate === false)).toHaveLength(1)
      const [stored] = await ctx.db
        .selectFrom('webhook_notifications')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .execute()
      const { processNotification } = await import('../../src/webhooks/process-notification.js')
      await Promise.all([1, 2, 3].map(() => processNotification(ctx, stored!.id)))

      const signedUp = contactNotification({
        workspaceId,
        topic: 'contact.lead.signed_up',
        contact: { ...contact, role: 'user' },
      })
      await Promise.all([1, 2, 3].map(() => deliver(app, signedUp)))
      const pending = await ctx.db
        .selectFrom('webhook_notifications')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('notification_id', '=', signedUp.id)
        .execute()
      expect(pending).toHaveLength(1)
      await Promise.all([1, 2, 3].map(() => processNotification(ctx, pending[0]!.id)))

      const referrals = await referralsOf(workspaceId)
      expect(referrals).toHaveLength(1)
      expect(referrals[0]?.status).toBe('qualified')
      const events = await eventsOf(workspaceId)
      expect(events.filter((e) => e.type === 'referral.created')).toHaveLength(1)
      expect(events.filter((e) => e.type === 'referral.qualified')).toHaveLength(1)
      const counts = await ctx.db
        .selectFrom('referrers')
        .select(['referral_count', 'converted_count', 'pending_count'])
        .where('id', '=', referrer.id)
        .executeTakeFirstOrThrow()
      expect(counts).toEqual({ referral_count: 1, converted_count: 1, pending_count: 0 })
    })
  })

  describe('contact.merged', () => {
    it('re-points the friend known by the merged lead to the surviving user', async () => {
      const { workspaceId, friend } = await attributedFriend()
      const userId = newContactId()
      await deliver(
        app,
        contactNotification({
          workspaceId,
          topic: 'contact.merged',
          contact: { ...friend, id: userId, role: 'lead' },
          mergedFrom: friend.id,
        }),
      ).expect(200)
      const [result] = await processWaiting(ctx, workspaceId)
      expect(result).toMatchObject({
        status: 'processed',
        plan: { merge: { outcome: 'contact_repointed' } },
      })
      const [referral] = await referralsOf(workspaceId)
      const participant = await ctx.db
        .selectFrom('participants')
        .select('contact_id')
        .where('id', '=', referral!.friend_participant_id)
        .executeTakeFirstOrThrow()
      expect(participant.contact_id).toBe(userId)
      const merged = (await eventsOf(workspaceId)).filter(
        (e) => e.type === 'participant.contact_merged',
      )
      expect(merged).toHaveLength(1)
    })

    it("moves the lead's referral to the user when both are known", async () => {
      const { workspaceId, friend } = await attributedFriend()
      const userId = newContactId()
      const { ensureParticipant } = await import('../../src/ledger/participants.js')
      const user = await ensureParticipant(ctx.db, workspaceId, { contactId: userId, name: 'Sam' })
      await deliver(
        app,
        contactNotification({
          workspaceId,
          topic: 'contact.merged',
          contact: { id: userId, role: 'user', name: 'Sam' },
          mergedFrom: friend.id,
        }),
      ).expect(200)
      await processWaiting(ctx, workspaceId)
      const [referral] = await referralsOf(workspaceId)
      expect(referral?.friend_participant_id).toBe(user.participant.id)
      // The surviving user is a user: the default rule qualifies the moved referral.
      expect(referral?.status).toBe('qualified')
    })
  })
})
