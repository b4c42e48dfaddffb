import { afterEach, describe, expect, it } from 'vitest'
import { contestInput } from '../../src/contests/contest-settings.js'
import { createContest } from '../../src/contests/contests.js'
import { instantToLocalTime } from '../../src/contests/time-zone.js'
import { experimentInput } from '../../src/experiments/experiment-settings.js'
import { createExperiment, recordAssignment } from '../../src/experiments/experiments.js'
import { getDefaultCampaign, updateCampaign } from '../../src/ledger/campaigns.js'
import { decideReward } from '../../src/ledger/rewards.js'
import { ensureReferrer } from '../../src/ledger/referrers.js'
import { startServer, type RunningServer } from '../../src/server.js'
import { startFakeIntercom, type FakeIntercom } from '../fake-intercom/server.js'
import { testConfig } from '../support/app.js'
import { signedWebhook } from '../support/intercom.js'
import { eventually, installThroughOAuth } from '../support/intercom-install.js'
import { SYSTEM } from '../support/ledger.js'
import { contactNotification } from './webhook-fixtures.js'

const PUBLIC_URL = 'https://referrals.example.test'
let running: { fake: FakeIntercom; sut: RunningServer } | null = null

afterEach(async () => {
  await running?.sut.close()
  await running?.fake.close()
  running = null
})

async function installed(workspaceId: string) {
  const fake = await startFakeIntercom({ workspaceId })
  const sut = await startServer(
    testConfig({ INTERCOM_API_BASE_URL: fake.url, INTERCOM_BACKFILL: 'off' }),
    { host: '127.0.0.1' },
  )
  running = { fake, sut }
  const outcome = await installThroughOAuth(sut.url)
  expect(outcome.location.searchParams.get('install_success')).toBe('true')
  const campaign = await getDefaultCampaign(sut.ctx.db, workspaceId)
  await updateCampaign(sut.ctx.db, {
    workspaceId,
    campaignId: campaign.id,
    settings: {
      fraud: { maxReferralsPerHour: 10_000 },
      rewards: {
        rules: [
          { id: 'cash', kind: 'fixed', amountMinor: 2500, currency: 'USD' },
          { id: 'first', kind: 'points', points: 100, milestone: 1 },
        ],
      },
    },
    actor: SYSTEM,
  })
  return { fake, sut }
}

/** Intercom's delivery of one notification, repeated: the same id, signed, posted `times` times. */
async function deliverTimes(sut: RunningServer, notification: unknown, times: number) {
  const { raw, headers } = signedWebhook(notification)
  for (let i = 0; i < times; i++) {
    const response = await fetch(`${sut.url}/intercom/webhooks`, {
      method: 'POST',
      headers,
      body: raw,
    })
    expect(response.status).toBe(200)
  }
}

function eventsNamed(fake: FakeIntercom, name: string, contactId: string) {
  return fake.state.events.filter((e) => e.event_name === name && e.contact_id === contactId)
}

async function referrerAndFriend(fake: FakeIntercom, sut: RunningServer, workspaceId: string) {
  const rita = fake.controls.addContact({
    role: 'user',
    email: 'rita@acme.test',
    name: 'Rita Referrer',
  })
  const { referrer } = await ensureReferrer(sut.ctx.db, {
    workspaceId,
    person: { contactId: rita.id, email: 'rita@acme.test', name: 'Rita Referrer' },
    source: 'api',
    actor: SYSTEM,
  })
  const fred = fake.controls.addContact({
    role: 'lead',
    email: 'fred@other.test',
    name: 'Fred Friend',
    custom_attributes: { referred_by_code: referrer.code },
  })
  return { rita, referrer, fred }
}

describe('data events', { timeout: 180_000 }, () => {
  it('sends each event once, with its metadata, after three redeliveries of each webhook', async () => {
    const workspaceId = 'wsevents01'
    const { fake, sut } = await installed(workspaceId)
    const { rita, referrer, fred } = await referrerAndFriend(fake, sut, workspaceId)
    const link = `${PUBLIC_URL}/r/${referrer.code}`

    const created = contactNotification({
      workspaceId,
      topic: 'contact.lead.created',
      contact: { ...fred, role: 'lead' },
    })
    await deliverTimes(sut, created, 3)
    const joined = await eventually(
      () => eventsNamed(fake, 'referral-friend-joined', rita.id)[0],
      'referral-friend-joined',
    )
    expect(joined.metadata).toEqual({
      friend_name: 'Fred Friend',
      referral_count: 1,
      referral_link: link,
    })
    // The attributes were written before the event, so a message firing on it sees the new count.
    const ritaCalls = fake.state.requests.filter(
      (r) => r.path === `/contacts/${rita.id}` || r.path === '/events',
    )
    const firstEvent = ritaCalls.findIndex((r) => r.path === '/events' && r.status === 202)
    const countWritten = ritaCalls.findIndex(
      (r) =>
        r.method === 'PUT' &&
        r.status === 200 &&
        (r.body as { custom_attributes?: Record<string, unknown> }).custom_attributes
          ?.referral_count === 1,
    )
    expect(countWritten).toBeGreaterThanOrEqual(0)
    expect(countWritten).toBeLessThan(firstEvent)

    // The friend becomes a user: qualified, a cash reward and a first-referral milestone.
    const converted = contactNotification({
      workspaceId,
      topic: 'contact.lead.signed_up',
      contact: { ...fred, role: 'user', custom_attributes: { referred_by_code: referrer.code } },
    })
    await deliverTimes(sut, converted, 3)
    await eventually(
      () =>
        eventsNamed(fake, 'referral-reward-issued', rita.id).length === 2 &&
        eventsNamed(fake, 'referral-milestone-reached', rita.id).length === 1 &&
        eventsNamed(fake, 'referral-friend-converted', rita.id).length === 1,
      'the conversion events',
    )
    expect(eventsNamed(fake, 'referral-friend-converted', rita.id)[0]?.metadata).toEqual({
      friend_name: 'Fred Friend',
      referral_converted_count: 1,
      referral_link: link,
    })
    expect(eventsNamed(fake, 'referral-milestone-reached', rita.id)[0]?.metadata).toEqual({
      milestone: 1,
      referral_converted_count: 1,
    })
    const rewardOf = (kind: string) =>
      sut.ctx.db
        .selectFrom('rewards')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('kind', '=', kind)
        .executeTakeFirstOrThrow()
    const cash = await rewardOf('fixed')
    const points = await rewardOf('points')
    const issued = eventsNamed(fake, 'referral-reward-issued', rita.id).map((e) => e.metadata)
    expect(issued).toEqual(
      expect.arrayContaining([
        { reward_type: 'fixed', amount: '25.00', currency: 'USD', reward_id: cash.id },
        { reward_type: 'points', amount: '100', currency: 'points', reward_id: points.id },
      ]),
    )

    // The reward is reversed (a refund elsewhere only records the ledger change).
    await decideReward(sut.ctx.db, {
      workspaceId,
      rewardId: cash.id,
      to: 'reversed',
      reason: 'Refunded',
      actor: SYSTEM,
    })
    const reversed = await eventually(
      () => eventsNamed(fake, 'referral-reward-reversed', rita.id)[0],
      'referral-reward-reversed',
    )
    expect(reversed.metadata).toEqual({
      reward_type: 'fixed',
      amount: '25.00',
      currency: 'USD',
      reward_id: cash.id,
      reason: 'Refunded',
    })

    // Every event exactly once: the fake keeps duplicates of a created_at out, so count the posts.
    await new Promise((resolve) => setTimeout(resolve, 1500))
    const posted = fake.state.requests.filter((r) => r.path === '/events' && r.status === 202)
    expect(posted).toHaveLength(6)
    const outbox = await sut.ctx.db
      .selectFrom('intercom_event_outbox')
      .select(['event_name', 'status'])
      .where('workspace_id', '=', workspaceId)
      .execute()
    expect(outbox).toHaveLength(6)
    expect(outbox.every((row) => row.status === 'sent')).toBe(true)
  })

  it("owes one rank-changed event, with the referrer's variant, after three redeliveries", async () => {
    const workspaceId = 'wsevents03'
    const { fake, sut } = await installed(workspaceId)
    const { db } = sut.ctx
    const campaign = await getDefaultCampaign(db, workspaceId)
    const day = 86_400_000
    await createContest(
      db,
      workspaceId,
      contestInput.parse({
        name: 'Spring sprint',
        campaignId: campaign.id,
        startsAt: instantToLocalTime(new Date(Date.now() - day), 'Asia/Tokyo'),
        endsAt: instantToLocalTime(new Date(Date.now() + day), 'Asia/Tokyo'),
        timeZone: 'Asia/Tokyo',
        topN: 3,
        topPrize: { kind: 'points', points: 500 },
      }),
      SYSTEM,
    )
    const experiment = await createExperiment(
      db,
      workspaceId,
      experimentInput.parse({
        name: 'Words',
        campaignId: campaign.id,
        variants: [
          { key: 'A', name: 'Current' },
          { key: 'B', name: 'Warmer', shareMessage: { en: 'Come along: {link}' } },
        ],
      }),
      SYSTEM,
    )
    const { rita, referrer, fred } = await referrerAndFriend(fake, sut, workspaceId)
    const variant = await recordAssignment(db, experiment, referrer.id)

    await deliverTimes(
      sut,
      contactNotification({
        workspaceId,
        topic: 'contact.lead.created',
        contact: { ...fred, role: 'lead' },
      }),
      3,
    )
    await deliverTimes(
      sut,
      contactNotification({
        workspaceId,
        topic: 'contact.lead.signed_up',
        contact: { ...fred, role: 'user', custom_attributes: { referred_by_code: referrer.code } },
      }),
      3,
    )
    const moved = await eventually(
      () => eventsNamed(fake, 'referral-contest-rank-changed', rita.id)[0],
      'referral-contest-rank-changed',
    )
    expect(moved.metadata).toEqual({
      contest_name: 'Spring sprint',
      rank: 1,
      previous_rank: 0,
      score: 1,
      prize_places: 3,
      experiment: 'Words',
      experiment_variant: variant,
    })
    // Owed once: one row in the event outbox (the ledger gate held under redelivery), sent once.
    const owed = await eventually(async () => {
      const rows = await db
        .selectFrom('intercom_event_outbox')
        .select('status')
        .where('workspace_id', '=', workspaceId)
        .where('event_name', '=', 'referral-contest-rank-changed')
        .execute()
      return rows.every((row) => row.status === 'sent') && rows
    }, 'the rank-changed event marked sent')
    expect(owed).toEqual([{ status: 'sent' }])
    const posted = fake.state.requests.filter(
      (r) =>
        r.path === '/events' &&
        r.status === 202 &&
        (r.body as { event_name?: string }).event_name === 'referral-contest-rank-changed',
    )
    expect(posted).toHaveLength(1)
  })

  it('delays but loses no event through a storm of 429s', async () => {
    const workspaceId = 'wsevents02'
    const { fake, sut } = await installed(workspaceId)
    const { rita, referrer, fred } = await referrerAndFriend(fake, sut, workspaceId)
    fake.controls.force429({ forMs: 5_000 })
    await deliverTimes(
      sut,
      contactNotification({ workspaceId, topic: 'contact.lead.created', contact: { ...fred } }),
      3,
    )
    const friends = ['Ann', 'Ben', 'Cy']
    for (const name of friends) {
      const friend = fake.controls.addContact({
        role: 'lead',
        email: `${name.toLowerCase()}@other.test`,
        name: `${name} Friend`,
        custom_attributes: { referred_by_code: referrer.code },
      })
      await deliverTimes(
        sut,
        contactNotification({ workspaceId, topic: 'contact.lead.created', contact: { ...friend } }),
        3,
      )
    }
    const joined = await eventually(() => {
      const events = eventsNamed(fake, 'referral-friend-joined', rita.id)
      return events.length === 4 ? events : undefined
    }, 'four friend-joined events')
    expect(joined.map((e) => e.metadata.referral_count).sort()).toEqual([1, 2, 3, 4])
    expect(new Set(joined.map((e) => e.metadata.friend_name))).toEqual(
      new Set(['Fred Friend', 'Ann Friend', 'Ben Friend', 'Cy Friend']),
    )
    expect(fake.state.requests.some((r) => r.status === 429)).toBe(true)
  })
})
