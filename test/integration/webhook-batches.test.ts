import type { Express } from 'express'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import type { AppContext } from '../../src/context.js'
import {
  DRAIN,
  drainNotifications,
  lanesByContact,
} from '../../src/webhooks/notification-worker.js'
import { updateCampaign } from '../../src/ledger/campaigns.js'
import { latestContactSnapshot } from '../../src/ledger/contact-snapshots.js'
import type { Db } from '../../src/ledger/db-types.js'
import { testApp } from '../support/app.js'
import { newReferrer, newWorkspace, SYSTEM } from '../support/ledger.js'
import { processNotificationsTogether } from '../../src/webhooks/process-together.js'
import { unprocessedNotificationIds } from '../../src/ledger/webhook-notifications.js'
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

describe('lanesByContact', () => {
  it("keeps each contact's notifications on one lane, in the order claimed, and spreads contacts", () => {
    const claimed = [
      { id: 'a1', contactKey: 'w\u0000a' },
      { id: 'b1', contactKey: 'w\u0000b' },
      { id: 'a2', contactKey: 'w\u0000a' },
      { id: 'c1', contactKey: 'w\u0000c' },
      { id: 'x', contactKey: null },
      { id: 'a3', contactKey: 'w\u0000a' },
    ]
    const lanes = lanesByContact(claimed, 2)
    expect(lanes).toHaveLength(2)
    expect(lanes.flat().sort()).toEqual(['a1', 'a2', 'a3', 'b1', 'c1', 'x'])
    const laneOfA = lanes.find((lane) => lane.includes('a1'))!
    expect(laneOfA.filter((id) => id.startsWith('a'))).toEqual(['a1', 'a2', 'a3'])
    expect(lanesByContact(claimed, 1)).toEqual([['a1', 'a2', 'a3', 'b1', 'c1', 'x']])
  })
})

describe('webhook processing in shared transactions', () => {
  /** Drains until the workspace has nothing waiting, then stops the processor. */
  async function drain(workspaceId: string, db: Db = ctx.db) {
    const stop = drainNotifications(
      { db, database: ctx.database, logger: ctx.logger },
      { ...DRAIN.pglite, lanes: 2, together: 4, idleMs: 20 },
    )
    try {
      await vi.waitFor(
        async () => {
          const waiting = await ctx.db
            .selectFrom('webhook_notifications')
            .select('id')
            .where('workspace_id', '=', workspaceId)
            .where('status', 'in', ['received', 'planned'])
            .execute()
          expect(waiting).toEqual([])
        },
        { timeout: 20_000, interval: 50 },
      )
    } finally {
      await stop()
    }
  }

  /** Three friends, each: created with the referrer's code, then "free", then "pro" (qualifies). */
  async function burst() {
    const { workspaceId, campaign } = await newWorkspace(ctx.db)
    await updateCampaign(ctx.db, {
      workspaceId,
      campaignId: campaign.id,
      settings: { qualification: { attribute: 'custom_attributes.plan', values: ['pro'] } },
      actor: SYSTEM,
    })
    const { referrer } = await newReferrer(ctx.db, workspaceId, 'Jane Doe')
    const friends = [1, 2, 3].map((n) => ({ id: newContactId(), email: `f${n}@example.org` }))
    for (const step of ['created', 'free', 'pro'] as const)
      for (const friend of friends)
        await deliver(
          app,
          contactNotification({
            workspaceId,
            topic: step === 'created' ? 'contact.lead.created' : 'contact.lead.updated',
            contact: {
              ...friend,
              custom_attributes:
                step === 'created' ? { referred_by_code: referrer.code } : { plan: step },
            },
          }),
        ).expect(200)
    // One that is not about a contact, settled in the run like the others.
    await deliver(app, {
      type: 'notification_event',
      id: `notif_${newContactId()}`,
      app_id: workspaceId,
      topic: 'contact.lead.updated',
      created_at: 1_790_000_000,
      data: { item: { type: 'conversation', id: '1' } },
    }).expect(200)
    return { workspaceId, referrer, friends }
  }

  async function expectProcessedInOrder(
    workspaceId: string,
    friends: ReadonlyArray<{ id: string }>,
  ) {
    const referrals = await ctx.db
      .selectFrom('referrals')
      .select(['status'])
      .where('workspace_id', '=', workspaceId)
      .execute()
    expect(referrals.map((r) => r.status)).toEqual(['qualified', 'qualified', 'qualified'])
    for (const friend of friends) {
      const snapshot = await latestContactSnapshot(ctx.db, workspaceId, friend.id)
      expect(snapshot?.customAttributes).toEqual({ plan: 'pro' })
    }
    const statuses = await ctx.db
      .selectFrom('webhook_notifications')
      .select('status')
      .where('workspace_id', '=', workspaceId)
      .execute()
    expect(statuses).toHaveLength(10)
    expect(statuses.every((s) => s.status === 'processed' || s.status === 'skipped')).toBe(true)
  }

  it("settles a burst as one-by-one processing would: each contact's notifications in order, codes attributed", async () => {
    const { workspaceId, friends } = await burst()
    await drain(workspaceId)
    await expectProcessedInOrder(workspaceId, friends)
  })

  it('when a shared transaction fails, processes each of its notifications alone', async () => {
    const { workspaceId, friends } = await burst()
    let failures = 0
    // The first shared transaction fails at its commit: nothing of it may be kept.
    const failingOnce = new Proxy(ctx.db, {
      get(target, property, receiver) {
        if (property === 'transaction' && failures === 0) {
          failures++
          return () => ({
            execute: async (work: (trx: unknown) => Promise<unknown>) =>
              target.transaction().execute(async (trx) => {
                await work(trx)
                throw new Error('commit failed')
              }),
          })
        }
        const value = Reflect.get(target, property, receiver) as unknown
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value
      },
    })
    await drain(workspaceId, failingOnce)
    expect(failures).toBe(1)
    await expectProcessedInOrder(workspaceId, friends)
  })
})

describe('a run of notifications settled together', () => {
  /** A friend referred by a new referrer (their code processed alone), pending on the `plan` rule. */
  async function pendingFriend() {
    const { workspaceId, campaign } = await newWorkspace(ctx.db)
    await updateCampaign(ctx.db, {
      workspaceId,
      campaignId: campaign.id,
      settings: { qualification: { attribute: 'custom_attributes.plan', values: ['pro'] } },
      actor: SYSTEM,
    })
    const { referrer } = await newReferrer(ctx.db, workspaceId, 'Jane Doe')
    const friend = { id: newContactId(), email: `${newContactId()}@example.org` }
    await deliver(
      app,
      contactNotification({
        workspaceId,
        topic: 'contact.lead.created',
        contact: { ...friend, custom_attributes: { referred_by_code: referrer.code } },
      }),
    ).expect(200)
    await processWaiting(ctx, workspaceId)
    return { workspaceId, friend, referrerCode: referrer.code }
  }

  /** Intercom's view of the friend on a plan, at a given time (seconds). */
  function planNotification(
    workspaceId: string,
    friend: { id: string; email: string },
    plan: string,
    createdAt: number,
    referrerCode: string,
  ) {
    return contactNotification({
      workspaceId,
      topic: 'contact.lead.updated',
      createdAt,
      contact: { ...friend, custom_attributes: { referred_by_code: referrerCode, plan } },
    })
  }

  async function statusesOf(ids: readonly string[]) {
    const rows = await ctx.db
      .selectFrom('webhook_notifications')
      .select(['id', 'status', 'outcome'])
      .where('id', 'in', [...ids])
      .execute()
    return ids.map((id) => rows.find((row) => row.id === id)!)
  }

  async function qualifiedEvents(workspaceId: string) {
    const rows = await ctx.db
      .selectFrom('events')
      .select('subject_id')
      .where('workspace_id', '=', workspaceId)
      .where('type', '=', 'referral.qualified')
      .execute()
    return rows.length
  }

  it("applies one contact's notifications in the order claimed, each after the state the one before left, and qualifies once", async () => {
    const { workspaceId, friend, referrerCode } = await pendingFriend()
    const t = nextTimestamp() + 100
    // free, then pro (qualifies), then pro again (nothing left to qualify), then a late delivery
    // of an older state (stale: the run already holds a newer one).
    for (const [plan, at] of [
      ['free', t],
      ['pro', t + 10],
      ['pro', t + 20],
      ['free', t + 5],
    ] as const)
      await deliver(app, planNotification(workspaceId, friend, plan, at, referrerCode)).expect(200)
    const ids = await unprocessedNotificationIds(ctx.db, workspaceId)
    expect(ids).toHaveLength(4)

    const result = await processNotificationsTogether(ctx, ids)
    expect(result).toEqual({ settled: 4, continueWith: null, endedEarly: false })

    const [free, pro, proAgain, late] = await statusesOf(ids)
    expect(free?.status).toBe('processed')
    expect(free?.outcome).toMatchObject({ qualification: [{ result: 'not_yet' }] })
    expect(pro?.outcome).toMatchObject({ qualification: [{ result: 'qualified' }] })
    expect(proAgain?.outcome).toMatchObject({ qualification: [] })
    expect(late).toMatchObject({ status: 'skipped', outcome: { reason: 'stale' } })
    expect(await qualifiedEvents(workspaceId)).toBe(1)
    const snapshot = await latestContactSnapshot(ctx.db, workspaceId, friend.id)
    expect(snapshot?.customAttributes).toMatchObject({ plan: 'pro' })
    expect(snapshot?.lastNotificationAt?.getTime()).toBe((t + 20) * 1000)

    // Settled is settled: the same run again changes nothing.
    expect(await processNotificationsTogether(ctx, ids)).toEqual({
      settled: 4,
      continueWith: null,
      endedEarly: false,
    })
    expect(await qualifiedEvents(workspaceId)).toBe(1)
  })

  /** A pending friend's two notifications, stored and waiting: on the free plan, then on pro (qualifies). */
  async function freeThenPro() {
    const { workspaceId, friend, referrerCode } = await pendingFriend()
    const t = nextTimestamp() + 100
    await deliver(app, planNotification(workspaceId, friend, 'free', t, referrerCode)).expect(200)
    await deliver(app, planNotification(workspaceId, friend, 'pro', t + 10, referrerCode)).expect(
      200,
    )
    return { workspaceId, friend, ids: await unprocessedNotificationIds(ctx.db, workspaceId) }
  }

  it('ends a run early when asked, committing what it settled and leaving the rest waiting', async () => {
    const { workspaceId, ids } = await freeThenPro()
    const result = await processNotificationsTogether(ctx, ids, () => true)
    expect(result).toEqual({ settled: 1, continueWith: null, endedEarly: true })
    expect((await statusesOf(ids)).map((row) => row?.status)).toEqual(['processed', 'received'])
    expect(await qualifiedEvents(workspaceId)).toBe(0)
    // The next run picks up after it, with the state the first one left.
    expect(await processNotificationsTogether(ctx, ids.slice(1))).toMatchObject({ settled: 1 })
    expect(await qualifiedEvents(workspaceId)).toBe(1)
  })

  it('keeps nothing of a run whose transaction fails midway, and settles it whole when tried again', async () => {
    const { workspaceId, friend, ids } = await freeThenPro()
    const before = await latestContactSnapshot(ctx.db, workspaceId, friend.id)

    // The process dies after the run's last statement, before its commit.
    const crashing = new Proxy(ctx.db, {
      get(target, property, receiver) {
        if (property === 'transaction')
          return () => ({
            execute: async (work: (trx: unknown) => Promise<unknown>) =>
              target.transaction().execute(async (trx) => {
                await work(trx)
                throw new Error('connection lost')
              }),
          })
        const value = Reflect.get(target, property, receiver) as unknown
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value
      },
    })
    await expect(
      processNotificationsTogether({ db: crashing, logger: ctx.logger }, ids),
    ).rejects.toThrow('connection lost')
    expect((await statusesOf(ids)).map((row) => row?.status)).toEqual(['received', 'received'])
    expect(await latestContactSnapshot(ctx.db, workspaceId, friend.id)).toEqual(before)
    expect(await qualifiedEvents(workspaceId)).toBe(0)

    expect(await processNotificationsTogether(ctx, ids)).toEqual({
      settled: 2,
      continueWith: null,
      endedEarly: false,
    })
    expect((await statusesOf(ids)).map((row) => row?.status)).toEqual(['processed', 'processed'])
    expect(await qualifiedEvents(workspaceId)).toBe(1)
  })
})
