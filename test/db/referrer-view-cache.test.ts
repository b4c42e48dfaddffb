import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import type { Express } from 'express'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import type { DatabaseHandle } from '../../db/connect.js'
import { createApp } from '../../src/app.js'
import type { AppContext } from '../../src/context.js'
import { updateCampaign } from '../../src/ledger/campaigns.js'
import { qualifyReferral } from '../../src/ledger/referrals.js'
import type { ReferrerViewCache } from '../../src/ledger/referrer-view-cache.js'
import { startReferrerViewCache } from '../../src/ledger/referrer-view-listener.js'
import { referrerViewOfContact } from '../../src/ledger/referrer-view.js'
import { installRewardIssuing } from '../../src/rewards/reward-issuing.js'
import { decideReward } from '../../src/ledger/rewards.js'
import { createLogger } from '../../src/logger.js'
import { liveCanvas, newContact } from '../canvas/payloads.js'
import { postSigned, tableValue } from '../canvas/request.js'
import { testConfig } from '../support/app.js'
import { anotherInstance, freshDatabase, testDatabaseKind } from '../support/db.js'
import { newReferrer, SYSTEM } from '../support/ledger.js'
import { campaignWith, referFriend, rewardRows, WEBHOOK } from '../support/rewards.js'

/** Polls (bounded) until `check` holds: waits on an event, not on a duration. */
async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  await vi.waitFor(
    async () => {
      if (!(await check())) throw new Error(`never happened: ${what}`)
    },
    { timeout: 5_000, interval: 10 },
  )
}

/**
 * Makes the change, then waits until the cache has heard every notification committed so far: a
 * marker notified after the change arrives after it (PostgreSQL delivers in commit order; PGlite
 * at once). Fails if the change itself notified nothing.
 */
async function heardAfter(
  cache: ReferrerViewCache,
  change: () => Promise<unknown>,
  through: DatabaseHandle,
) {
  const before = cache.heard
  await change()
  await settled(cache, through)
  expect(cache.heard, 'the change notified').toBeGreaterThan(before + 1)
}

async function settled(cache: ReferrerViewCache, through: DatabaseHandle) {
  const marker = `marker:${randomUUID()}`
  await through.executeSql(`select pg_notify('referrer_views', $1)`, [marker])
  await until(() => cache.lastHeard === marker, 'every notification was heard')
}

describe(`card cache on ${testDatabaseKind()}`, () => {
  let handle: DatabaseHandle
  let cache: ReferrerViewCache
  beforeAll(async () => {
    handle = await freshDatabase()
    installRewardIssuing(handle.db)
    const started = await startReferrerViewCache(handle, createLogger('silent'))
    cache = started.cache
    await until(() => cache.listening, 'listening')
    return () => started.stop()
  })

  const heard = (change: () => Promise<unknown>) => heardAfter(cache, change, handle)

  async function card(workspaceId: string, contactId: string) {
    return referrerViewOfContact(
      handle.db,
      { workspaceId, campaignId: null, person: { contactId } },
      cache,
    )
  }

  it('serves a card again from memory, and reads it again once any of its rows changed', async () => {
    const { workspaceId, campaign } = await campaignWith(handle.db, {
      rewards: {
        rules: [
          { id: 'usd', kind: 'fixed', recipient: 'referrer', amountMinor: 500, currency: 'usd' },
        ],
      },
    })
    const { referrer, participant } = await newReferrer(handle.db, workspaceId, 'Ria Cache')
    const contactId = participant.contactId!
    const friend = await referFriend(handle.db, workspaceId, referrer.id)
    await settled(cache, handle)

    expect((await card(workspaceId, contactId))!.referrer.referralCount).toBe(1)
    const hits = cache.hits
    expect((await card(workspaceId, contactId))!.referrer.referralCount).toBe(1)
    expect(cache.hits).toBe(hits + 1)

    // referrals, referrers and rewards rows (a qualification issues the reward in its transaction)
    await heard(() =>
      qualifyReferral(handle.db, { workspaceId, referralId: friend.referralId, actor: WEBHOOK }),
    )
    const qualified = await card(workspaceId, contactId)
    expect(qualified!.referrer.convertedCount).toBe(1)
    expect(qualified!.rewards.money).toEqual([{ currency: 'USD', amountMinor: 500 }])

    // a reward reversed (written by code that knows nothing of the cache)
    await card(workspaceId, contactId)
    const [reward] = await rewardRows(handle.db, workspaceId)
    await heard(() =>
      decideReward(handle.db, {
        workspaceId,
        rewardId: reward!.id,
        to: 'reversed',
        reason: 'refund',
        actor: SYSTEM,
      }),
    )
    expect((await card(workspaceId, contactId))!.rewards.count).toBe(0)

    // a participant renamed by plain SQL (an erasure, another engineer's code)
    await heard(() =>
      sql`update participants set name = 'Ria Renamed' where id = ${participant.id}`.execute(
        handle.db,
      ),
    )
    expect((await card(workspaceId, contactId))!.participant.name).toBe('Ria Renamed')

    // the campaign changed: every card of the workspace goes
    await heard(() =>
      updateCampaign(handle.db, {
        workspaceId,
        campaignId: campaign.id,
        settings: { card: { headline: 'Give 10, get 10' } },
        actor: SYSTEM,
      }),
    )
    expect((await card(workspaceId, contactId))!.campaign.settings.card.headline).toBe(
      'Give 10, get 10',
    )
  })

  it('a friend’s card shows who referred them, and drops when that referrer’s code changes', async () => {
    const { workspaceId } = await campaignWith(handle.db, {})
    const { referrer } = await newReferrer(handle.db, workspaceId, 'Rex Code')
    const friend = await referFriend(handle.db, workspaceId, referrer.id)
    await newReferrerFor(workspaceId, friend.contactId)
    expect((await card(workspaceId, friend.contactId))!.referredBy!.code).toBe(referrer.code)
    await heard(() =>
      sql`update referral_codes set code = 'rex-new' where referrer_id = ${referrer.id} and is_primary`.execute(
        handle.db,
      ),
    )
    expect((await card(workspaceId, friend.contactId))!.referredBy!.code).toBe('rex-new')
  })

  it('a statement changing many cards sends one workspace-wide notification', async () => {
    const { workspaceId } = await campaignWith(handle.db, {})
    const contacts: string[] = []
    for (let i = 0; i < 3; i++)
      contacts.push((await newReferrer(handle.db, workspaceId, `Bulk ${i}`)).participant.contactId!)
    await sql`
      insert into participants (workspace_id, contact_id, name)
      select ${workspaceId}, 'bulk_' || g, 'Bulk' from generate_series(1, 250) g`.execute(handle.db)
    for (const contactId of contacts) await card(workspaceId, contactId)
    const payloads: string[] = []
    let listening = false
    const stop = await handle.listen('referrer_views', {
      onPayload: (payload) => payloads.push(payload),
      onListening: () => (listening = true),
      onLost: () => {},
    })
    await until(() => listening, 'the second listener listens')
    try {
      await heard(() =>
        sql`update participants set first_name = 'B' where workspace_id = ${workspaceId}`.execute(
          handle.db,
        ),
      )
      await until(() => payloads.some((p) => p.startsWith('marker:')), 'the listener heard it')
      expect(payloads.filter((p) => !p.startsWith('marker:'))).toEqual([`w:${workspaceId}`])
      const misses = cache.misses
      for (const contactId of contacts) await card(workspaceId, contactId)
      expect(cache.misses).toBe(misses + contacts.length)
    } finally {
      await stop()
    }
  })

  async function newReferrerFor(workspaceId: string, contactId: string) {
    const { ensureReferrer } = await import('../../src/ledger/referrers.js')
    await ensureReferrer(handle.db, {
      workspaceId,
      person: { contactId },
      source: 'api',
      actor: SYSTEM,
    })
  }
})

describe.runIf(testDatabaseKind() === 'postgres')('card cache across instances', () => {
  type Instance = { handle: DatabaseHandle; ctx: AppContext; app: Express }
  let a: Instance
  let b: Instance
  const stops: Array<() => Promise<void>> = []

  async function instance(handle: DatabaseHandle): Promise<Instance> {
    const logger = createLogger('silent')
    const { cache, stop } = await startReferrerViewCache(handle, logger)
    stops.push(stop)
    await until(() => cache.listening, 'listening')
    const ctx: AppContext = {
      config: testConfig(),
      database: handle,
      db: handle.db,
      logger,
      jobs: null,
      referrerViews: cache,
    }
    return { handle, ctx, app: createApp(ctx) }
  }

  beforeAll(async () => {
    const first = await freshDatabase()
    const second = (await anotherInstance(first))!
    installRewardIssuing(first.db)
    installRewardIssuing(second.db)
    a = await instance(first)
    b = await instance(second)
    return async () => {
      for (const stop of stops) await stop()
    }
  })

  it('a change committed through instance A is on instance B’s next card view', async () => {
    // The full card shows the count as a table row ("Friends joined"), which the test reads.
    const { workspaceId } = await campaignWith(a.handle.db, { card: { layout: 'full' } })
    const contact = newContact('Bea Twin')
    const live = async (app: Express) => {
      const res = await postSigned(app, '/canvas/messenger/live', liveCanvas(workspaceId, contact))
      expect(res.status).toBe(200)
      return tableValue(res.body, 'Friends joined')
    }
    expect(await live(b.app)).toBe('0') // enrols the contact
    await settled(b.ctx.referrerViews!, a.handle)
    expect(await live(b.app)).toBe('0')
    const hits = b.ctx.referrerViews!.hits
    expect(await live(b.app)).toBe('0')
    expect(b.ctx.referrerViews!.hits).toBe(hits + 1)

    const view = await referrerViewOfContact(a.handle.db, {
      workspaceId,
      campaignId: null,
      person: { contactId: contact.id },
    })
    await heardAfter(
      b.ctx.referrerViews!,
      () => referFriend(a.handle.db, workspaceId, view!.referrer.id),
      a.handle,
    )
    expect(await live(b.app)).toBe('1')
  })

  it('empties the cache and reads the database while the notification connection is down', async () => {
    const cache = b.ctx.referrerViews!
    const { workspaceId } = await campaignWith(a.handle.db, {})
    const { referrer, participant } = await newReferrer(a.handle.db, workspaceId, 'Dee Drop')
    await settled(cache, a.handle)
    const read = () =>
      referrerViewOfContact(
        b.handle.db,
        { workspaceId, campaignId: null, person: { contactId: participant.contactId! } },
        cache,
      )
    await read()
    expect(cache.size).toBeGreaterThan(0)
    const drops = cache.suspensions
    // PostgreSQL ends every LISTEN session of this database (the query's own is not one)
    const ended = await b.handle.executeSql(
      `select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and query ilike 'listen %' and pid <> pg_backend_pid()`,
    )
    expect(ended.rows.length).toBeGreaterThan(0)
    await until(() => cache.suspensions > drops, 'the drop was noticed')
    // emptied at once (and nothing is kept until it listens again)
    expect(cache.size).toBe(0)
    // a change made while nobody may be listening is on the next card view
    await referFriend(a.handle.db, workspaceId, referrer.id)
    expect((await read())!.referrer.referralCount).toBe(1)
    await until(() => cache.listening, 'listening again')
    await settled(cache, a.handle)
    expect((await read())!.referrer.referralCount).toBe(1)
    expect(cache.size).toBe(1)
  })
})
