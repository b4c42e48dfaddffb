import { randomUUID } from 'node:crypto'
import type { Express } from 'express'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import type { DatabaseHandle } from '../../db/connect.js'
import { createApp } from '../../src/app.js'
import type { AppContext } from '../../src/context.js'
import { runningContests } from '../../src/contests/running-contests.js'
import { experimentInput } from '../../src/experiments/experiment-settings.js'
import { createExperiment, variantOf } from '../../src/experiments/experiments.js'
import { runningExperiments } from '../../src/experiments/running-experiments.js'
import { updateCampaign } from '../../src/ledger/campaigns.js'
import { qualifyReferral } from '../../src/ledger/referrals.js'
import type { ReferrerViewCache } from '../../src/ledger/referrer-view-cache.js'
import { startReferrerViewCache } from '../../src/ledger/referrer-view-listener.js'
import { createLogger } from '../../src/logger.js'
import { installRewardIssuing } from '../../src/rewards/reward-issuing.js'
import { inboxInitialize, liveCanvas, newContact, type Contact } from '../canvas/payloads.js'
import { postSigned, tableValue, textOf } from '../canvas/request.js'
import { testConfig } from '../support/app.js'
import { anotherInstance, freshDatabase, testDatabaseKind } from '../support/db.js'
import { SYSTEM } from '../support/ledger.js'
import { ADMIN, campaignWith, referFriend, rewardRows, WEBHOOK } from '../support/rewards.js'

const LIVE = '/canvas/messenger/live'
const INBOX = '/canvas/inbox/initialize'
const DAY = 86_400_000

// Every datum a card's kept answer shows, changed by another instance (on PostgreSQL: its own pool
// and its own LISTEN; on PGlite the same process), is on the viewer's next card view.
describe(`answers kept with cached cards, changed ${testDatabaseKind() === 'postgres' ? 'through another instance' : 'in the same process'} (${testDatabaseKind()})`, () => {
  let writer: DatabaseHandle
  let ctx: AppContext
  let cache: ReferrerViewCache
  let app: Express

  beforeAll(async () => {
    const first = await freshDatabase()
    installRewardIssuing(first.db)
    const viewerHandle = (await anotherInstance(first)) ?? first
    if (viewerHandle !== first) installRewardIssuing(viewerHandle.db)
    writer = first
    const logger = createLogger('silent')
    const started = await startReferrerViewCache(viewerHandle, logger)
    cache = started.cache
    await vi.waitFor(() => expect(cache.listening).toBe(true))
    // As src/server.ts composes them.
    ctx = {
      config: testConfig(),
      database: viewerHandle,
      db: viewerHandle.db,
      logger,
      jobs: null,
      referrerViews: cache,
      contests: runningContests(viewerHandle.db, Date.now, cache),
      experiments: runningExperiments(viewerHandle.db, Date.now, cache),
    }
    app = createApp(ctx)
    return () => started.stop()
  })

  /** A view; a loaded machine's embedded database may answer "busy" once, as Intercom sees it. */
  async function view(path: string, body: unknown) {
    for (let attempt = 0; ; attempt++) {
      const res = await postSigned(app, path, body)
      expect(res.status).toBe(200)
      if (!textOf(res.body).includes('very busy') || attempt >= 4) return res
    }
  }

  /** Views until the answer is kept, and proves the next view is answered from it. */
  async function kept(path: string, body: unknown) {
    await view(path, body) // enrols on first sight
    const first = await view(path, body) // reads the card, keeps the answer
    const hits = cache.hits
    const again = await view(path, body)
    expect(again.text).toBe(first.text)
    expect(cache.hits, 'answered from the kept answer').toBe(hits + 1)
    return first
  }

  /** Makes the change on the writer, then waits until the viewer heard everything committed. */
  async function changed(change: () => Promise<unknown>) {
    const before = cache.heard
    await change()
    const marker = `marker:${randomUUID()}`
    await writer.executeSql(`select pg_notify('referrer_views', $1)`, [marker])
    await vi.waitFor(() => expect(cache.lastHeard).toBe(marker), { timeout: 5_000, interval: 10 })
    expect(cache.heard, 'the change notified').toBeGreaterThan(before + 1)
  }

  async function referrerOf(workspaceId: string, contact: Contact) {
    return writer.db
      .selectFrom('referrers as r')
      .innerJoin('participants as p', 'p.id', 'r.participant_id')
      .select(['r.id', 'r.participant_id'])
      .where('p.workspace_id', '=', workspaceId)
      .where('p.contact_id', '=', contact.id)
      .executeTakeFirstOrThrow()
  }

  async function qualifiedFriends(workspaceId: string, referrerId: string, count: number) {
    for (let i = 0; i < count; i++) {
      const { referralId } = await referFriend(writer.db, workspaceId, referrerId)
      await qualifyReferral(writer.db, { workspaceId, referralId, actor: WEBHOOK })
    }
  }

  const reward = {
    rules: [
      {
        id: 'usd',
        kind: 'fixed' as const,
        recipient: 'referrer' as const,
        amountMinor: 500,
        currency: 'usd',
      },
    ],
  }

  it("the referrer's counts and rewards", async () => {
    const { workspaceId } = await campaignWith(writer.db, {
      card: { layout: 'full' },
      rewards: reward,
    })
    const contact = newContact('Cora Counts')
    const body = liveCanvas(workspaceId, contact)
    expect(tableValue((await kept(LIVE, body)).body, 'Friends joined')).toBe('0')
    const referrer = await referrerOf(workspaceId, contact)
    let referralId = ''
    await changed(async () => {
      ;({ referralId } = await referFriend(writer.db, workspaceId, referrer.id))
    })
    expect(tableValue((await kept(LIVE, body)).body, 'Friends joined')).toBe('1')
    await changed(() => qualifyReferral(writer.db, { workspaceId, referralId, actor: WEBHOOK }))
    expect(tableValue((await view(LIVE, body)).body, 'Rewards earned')).toBe('1')
  })

  it('the campaign’s settings, and the viewer’s language', async () => {
    const { workspaceId, campaign } = await campaignWith(writer.db, {})
    const contact = newContact('Sid Settings')
    const english = await kept(LIVE, liveCanvas(workspaceId, contact))
    expect(textOf(english.body)).toContain('Invite friends, get rewards')
    const french = await view(LIVE, liveCanvas(workspaceId, contact, {}, 'fr'))
    expect(textOf(french.body)).toContain('Invitez vos amis')
    await changed(() =>
      updateCampaign(writer.db, {
        workspaceId,
        campaignId: campaign.id,
        settings: { card: { headline: 'Give 10, get 10' } },
        actor: SYSTEM,
      }),
    )
    expect(textOf((await view(LIVE, liveCanvas(workspaceId, contact))).body)).toContain(
      'Give 10, get 10',
    )
  })

  it('a running contest’s standing, moved by another referrer, on the card and the Inbox panel', async () => {
    const { workspaceId, campaign } = await campaignWith(writer.db, {})
    const contact = newContact('Rita Rank')
    const live = liveCanvas(workspaceId, contact)
    const panel = inboxInitialize(workspaceId, contact)
    expect(textOf((await kept(LIVE, live)).body)).not.toContain('Contest')
    await kept(INBOX, panel)
    await changed(() =>
      sql`insert into contests (workspace_id, campaign_id, name, starts_at, ends_at, time_zone)
                values (${workspaceId}, ${campaign.id}, 'Sprint', ${new Date(Date.now() - DAY)},
                        ${new Date(Date.now() + DAY)}, 'UTC')`.execute(writer.db),
    )
    expect(textOf((await kept(LIVE, live)).body)).toContain('Contest on')
    const rita = await referrerOf(workspaceId, contact)
    await changed(() => qualifiedFriends(workspaceId, rita.id, 1))
    expect(textOf((await kept(LIVE, live)).body)).toContain("Contest: you're #1")
    expect(textOf((await kept(INBOX, panel)).body)).toContain('Sprint: #1')
    // Another referrer passes her: none of her own rows changed.
    const other = newContact('Otto Other')
    await view(LIVE, liveCanvas(workspaceId, other))
    const otto = await referrerOf(workspaceId, other)
    await changed(() => qualifiedFriends(workspaceId, otto.id, 2))
    expect(textOf((await view(LIVE, live)).body)).toContain('Contest: #2 · 2 more to pass #1')
    expect(textOf((await view(INBOX, panel)).body)).toContain('Sprint: #2')
  })

  it('a contest starting and ending on the clock, with no change in the database', async () => {
    const { workspaceId, campaign } = await campaignWith(writer.db, {})
    const contact = newContact('Tim Clock')
    const live = liveCanvas(workspaceId, contact)
    const startsAt = new Date(Date.now() + 1_500)
    await changed(() =>
      sql`insert into contests (workspace_id, campaign_id, name, starts_at, ends_at, time_zone)
                values (${workspaceId}, ${campaign.id}, 'Flash', ${startsAt},
                        ${new Date(startsAt.getTime() + 1_500)}, 'UTC')`.execute(writer.db),
    )
    expect(textOf((await kept(LIVE, live)).body)).not.toContain('Contest')
    await vi.waitFor(
      async () => expect(textOf((await view(LIVE, live)).body)).toContain('Contest on'),
      { timeout: 6_000, interval: 100 },
    )
    await vi.waitFor(
      async () => expect(textOf((await view(LIVE, live)).body)).not.toContain('Contest'),
      { timeout: 6_000, interval: 100 },
    )
  })

  it('an experiment’s variant, from its start to its end', async () => {
    const { workspaceId, campaign } = await campaignWith(writer.db, {
      card: { headline: 'The usual offer' },
    })
    const contact = newContact('Vera Variant')
    const live = liveCanvas(workspaceId, contact)
    expect(textOf((await kept(LIVE, live)).body)).toContain('The usual offer')
    const vera = await referrerOf(workspaceId, contact)
    let headline = ''
    await changed(async () => {
      const experiment = await createExperiment(
        writer.db,
        workspaceId,
        experimentInput.parse({
          name: 'Headline test',
          campaignId: campaign.id,
          variants: [
            { key: 'A', name: 'A', headline: 'Headline of A' },
            { key: 'B', name: 'B', headline: 'Headline of B' },
          ],
        }),
        ADMIN,
      )
      headline = variantOf(experiment, vera.id).headline!
    })
    expect(textOf((await kept(LIVE, live)).body)).toContain(headline)
    await changed(() =>
      sql`update experiments set status = 'stopped', stopped_at = now()
             where campaign_id = ${campaign.id}`.execute(writer.db),
    )
    expect(textOf((await view(LIVE, live)).body)).toContain('The usual offer')
  })

  it('the PayPal address and the latest payout sent', async () => {
    const { workspaceId } = await campaignWith(writer.db, {
      rewards: {
        rules: [
          ...reward.rules,
          {
            id: 'cash',
            kind: 'payout',
            amountMinor: 1500,
            currency: 'USD',
            payoutProvider: 'paypal',
          },
        ],
      },
    })
    const contact = newContact('Pia Paypal')
    const live = liveCanvas(workspaceId, contact)
    expect(textOf((await kept(LIVE, live)).body)).toContain('Confirm your PayPal address')
    const pia = await referrerOf(workspaceId, contact)
    await changed(() =>
      sql`insert into payout_addresses (workspace_id, participant_id, email, confirmed_at)
                values (${workspaceId}, ${pia.participant_id}, 'pia@example.com', now())`.execute(
        writer.db,
      ),
    )
    const confirmed = textOf((await kept(LIVE, live)).body)
    expect(confirmed).toContain('Change PayPal address')
    expect(confirmed).not.toContain('sent by PayPal')
    await qualifiedFriends(workspaceId, pia.id, 1)
    const fixed = (await rewardRows(writer.db, workspaceId)).find((r) => r.amount_minor === 500)!
    await kept(LIVE, live)
    await changed(() =>
      sql`insert into payouts (workspace_id, reward_id, campaign_id, participant_id, provider,
                                     status, amount_minor, currency, recipient_email, sent_at)
                values (${workspaceId}, ${fixed.id}, ${fixed.campaign_id}, ${pia.participant_id},
                        'paypal', 'sent', 2000, 'USD', 'pia@example.com', now())`.execute(
        writer.db,
      ),
    )
    expect(textOf((await view(LIVE, live)).body)).toContain('sent by PayPal to p…@example.com')
  })
})
