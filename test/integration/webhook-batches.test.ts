import type { Express } from 'express'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import type { AppContext } from '../../src/context.js'
import { DRAIN, drainNotifications, lanesByContact } from '../../src/webhooks/notification-worker.js'
import { updateCampaign } from '../../src/ledger/campaigns.js'
import { latestContactSnapshot } from '../../src/ledger/contact-snapshots.js'
import type { Db } from '../../src/ledger/db-types.js'
import { testApp } from '../support/app.js'
import { newReferrer, newWorkspace, SYSTEM } from '../support/ledger.js'
import { contactNotification, deliver, newContactId } from './webhook-fixtures.js'

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
      { db, logger: ctx.logger },
      { ...DRAIN.pglite, lanes: 2, together: 4, busyShare: 1, idleMs: 20 },
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
