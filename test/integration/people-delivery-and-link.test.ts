import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { storeWorkspaceConnection } from '../../src/intercom/connections.js'
import { getDefaultCampaign, updateCampaign } from '../../src/ledger/campaigns.js'
import { attributeReferral, qualifyReferral } from '../../src/ledger/referrals.js'
import { ensureReferrer } from '../../src/ledger/referrers.js'
import { FULFILMENT_QUEUE, FULFILMENT_QUEUE_OPTIONS } from '../../src/rewards/fulfilment-queue.js'
import { startServer, type RunningServer } from '../../src/server.js'
import { startFakeIntercom, type FakeIntercom } from '../fake-intercom/server.js'
import { BEARER, sessionCookie } from '../support/admin.js'
import { testConfig } from '../support/app.js'
import { SYSTEM } from '../support/ledger.js'
import { type RewardReceiver, startRewardReceiver } from '../support/reward-receiver.js'

function waitFor<T>(probe: () => Promise<T | undefined | false>, what: string): Promise<T> {
  return vi.waitFor(
    async () => {
      const value = await probe()
      if (value === undefined || value === false) throw new Error(`gave up waiting for ${what}`)
      return value
    },
    { timeout: 30_000, interval: 100 },
  )
}

describe('a failed reward delivery, retried; a referrer’s link, resent', () => {
  let fake: FakeIntercom
  let sut: RunningServer
  let receiver: RewardReceiver
  const workspaceId = 'wspeople01'
  let contactId: string
  let referrerId: string
  const api = (path: string, method: 'GET' | 'POST' | 'PUT' = 'POST', body?: unknown) =>
    fetch(`${sut.url}/api/v1/workspaces/${workspaceId}${path}`, {
      method,
      headers: { ...BEARER, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })

  beforeAll(async () => {
    fake = await startFakeIntercom({ workspaceId })
    receiver = await startRewardReceiver(1)
    sut = await startServer(
      testConfig({ INTERCOM_API_BASE_URL: fake.url, OUTBOUND_ALLOWED_PRIVATE_HOSTS: '127.0.0.1' }),
      { host: '127.0.0.1' },
    )
    // One attempt and the queue gives up: the failure waits for a person, as after ten in production.
    await sut.ctx.jobs?.updateQueue(FULFILMENT_QUEUE, {
      ...FULFILMENT_QUEUE_OPTIONS,
      name: FULFILMENT_QUEUE,
      retryLimit: 0,
    })
    await storeWorkspaceConnection(sut.ctx, {
      workspaceId,
      name: 'People Co',
      region: 'US',
      accessToken: fake.accessToken,
      source: 'private',
    })
    const db = sut.ctx.db
    const campaign = await getDefaultCampaign(db, workspaceId)
    await updateCampaign(db, {
      workspaceId,
      campaignId: campaign.id,
      settings: {
        rewards: {
          fulfilmentWebhookUrl: receiver.url,
          rules: [{ id: 'cash', kind: 'fixed', amountMinor: 2000, currency: 'USD' }],
        },
      },
      actor: SYSTEM,
    })
    const contact = fake.controls.addContact({
      role: 'user',
      email: 'rosa@acme.test',
      name: 'Rosa Referrer',
    })
    contactId = contact.id
    const { referrer } = await ensureReferrer(db, {
      workspaceId,
      person: { contactId, email: 'rosa@acme.test', name: 'Rosa Referrer' },
      source: 'api',
      actor: SYSTEM,
    })
    referrerId = referrer.id
  })
  afterAll(async () => {
    await sut?.close()
    await receiver?.close()
    await fake?.close()
  })

  it('shows the failure with its reason, and two retries at once deliver once', async () => {
    const db = sut.ctx.db
    const { referral } = await attributeReferral(db, {
      workspaceId,
      referrer: { referrerId },
      friend: { contactId: 'friend-1', email: 'fay@other.test', name: 'Fay Friend' },
      source: 'api',
      actor: SYSTEM,
    })
    await qualifyReferral(db, { workspaceId, referralId: referral.id, actor: { type: 'webhook' } })
    const reward = await waitFor(
      () =>
        db
          .selectFrom('rewards')
          .selectAll()
          .where('workspace_id', '=', workspaceId)
          .where('delivery_status', '=', 'failed')
          .executeTakeFirst(),
      'the delivery to fail',
    )
    // The queue has let go of it (no attempt running or waiting).
    await waitFor(async () => {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from pgboss.job
         where name = ${FULFILMENT_QUEUE} and singleton_key = ${reward.id}
           and state in ('created', 'retry', 'active')`.execute(db)
      return rows[0]?.n === 0
    }, 'the queue to give up')

    const listed = await (await api('/rewards?status=approved', 'GET')).json()
    expect(listed.items[0]).toMatchObject({
      id: reward.id,
      status: 'approved',
      delivery: {
        status: 'failed',
        failure: 'fulfilment webhook answered 500',
        attempts: 1,
        gaveUp: true,
      },
    })

    const answers = await Promise.all([
      api(`/rewards/${reward.id}/retry-delivery`),
      api(`/rewards/${reward.id}/retry-delivery`),
    ])
    expect(answers.map((a) => a.status)).toEqual([200, 200])
    const outcomes = (await Promise.all(answers.map((a) => a.json()))).map(
      (b: { outcome: string }) => b.outcome,
    )
    expect(outcomes.sort()).toEqual(['already_requested', 'requested'])

    await waitFor(
      () =>
        db
          .selectFrom('rewards')
          .select('status')
          .where('id', '=', reward.id)
          .where('status', '=', 'fulfilled')
          .executeTakeFirst(),
      'the retried delivery',
    )
    // Nothing else queued for it: the receiver saw the failed attempt and one delivery.
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pgboss.job
       where name = ${FULFILMENT_QUEUE} and singleton_key = ${reward.id}
         and state in ('created', 'retry', 'active')`.execute(db)
    expect(rows[0]?.n).toBe(0)
    expect(receiver.received.map((r) => r.answered)).toEqual([500, 200])
    const after = await db
      .selectFrom('rewards')
      .select(['delivery_status', 'delivery_failure'])
      .where('id', '=', reward.id)
      .executeTakeFirstOrThrow()
    expect(after).toEqual({ delivery_status: null, delivery_failure: null })

    // Given: a third retry has nothing to do, and says so.
    const late = await api(`/rewards/${reward.id}/retry-delivery`)
    expect(late.status).toBe(409)
    expect((await late.json()).error.message).toMatch(/nothing to retry/)
    const history = await db
      .selectFrom('events')
      .select('type')
      .where('workspace_id', '=', workspaceId)
      .where('subject_id', '=', reward.id)
      .orderBy('id')
      .execute()
    expect(history.map((e) => e.type)).toEqual([
      'reward.issued',
      'reward.fulfilment_failed',
      'reward.delivery_retried',
      'reward.fulfilled',
      'reward.delivered',
    ])
    // Another workspace's caller cannot reach it.
    const elsewhere = await fetch(
      `${sut.url}/api/v1/workspaces/wsother99/rewards/${reward.id}/retry-delivery`,
      { method: 'POST', headers: BEARER },
    )
    expect(elsewhere.status).toBe(404)
  })

  it('sends the referrer their link through Intercom, once in five minutes', async () => {
    const first = await api(`/referrers/${referrerId}/resend-link`)
    expect(first.status).toBe(200)
    const again = await api(`/referrers/${referrerId}/resend-link`)
    expect(again.status).toBe(429)
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(200)
    expect((await again.json()).error.message).toMatch(/can be sent again in 5 minutes/)

    const code = await sut.ctx.db
      .selectFrom('referral_codes')
      .select('code')
      .where('referrer_id', '=', referrerId)
      .where('is_primary', '=', true)
      .executeTakeFirstOrThrow()
    const sent = await waitFor(async () => {
      const found = fake.state.events.filter((e) => e.event_name === 'referral-link-sent')
      return found.length > 0 ? found : undefined
    }, 'the link event in Intercom')
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({
      contact_id: contactId,
      metadata: {
        referral_link: `${sut.ctx.config.publicUrl}/r/${code.code}`,
        referral_code: code.code,
      },
    })
    const timeline = await sut.ctx.db
      .selectFrom('events')
      .select(['type', 'actor_type'])
      .where('subject_id', '=', referrerId)
      .where('type', '=', 'referrer.link_resent')
      .execute()
    expect(timeline).toEqual([{ type: 'referrer.link_resent', actor_type: 'operator' }])
  })
  it('counts analytics days in the workspace’s time zone once one is set', async () => {
    const db = sut.ctx.db
    const code = await db
      .selectFrom('referral_codes')
      .innerJoin('referrers', 'referrers.id', 'referral_codes.referrer_id')
      .select(['referral_codes.id', 'referrers.campaign_id'])
      .where('referral_codes.referrer_id', '=', referrerId)
      .executeTakeFirstOrThrow()
    // 03:30 UTC on 10 March is still the evening of 9 March in New York.
    await db
      .insertInto('link_clicks')
      .values({
        workspace_id: workspaceId,
        campaign_id: code.campaign_id,
        code_id: code.id,
        referrer_id: referrerId,
        clicked_at: new Date('2026-03-10T03:30:00Z'),
      })
      .execute()
    const perDay = async () => {
      const body = await (await api('/analytics?from=2026-03-09&to=2026-03-10', 'GET')).json()
      return {
        from: body.from,
        to: body.to,
        timeZone: body.timeZone,
        days: body.series.map((p: { day: string; clicks: number }) => [p.day, p.clicks]),
      }
    }
    expect(await perDay()).toEqual({
      from: '2026-03-09T00:00:00.000Z',
      to: '2026-03-11T00:00:00.000Z',
      timeZone: 'UTC',
      days: [
        ['2026-03-09', 0],
        ['2026-03-10', 1],
      ],
    })
    const refused = await api('/time-zone', 'PUT', { timeZone: 'Mars/Olympus' })
    expect(refused.status).toBe(400)
    const set = await api('/time-zone', 'PUT', { timeZone: 'America/New_York' })
    expect(await set.json()).toEqual({ timeZone: 'America/New_York', changed: true })
    expect(await perDay()).toEqual({
      from: '2026-03-09T04:00:00.000Z',
      to: '2026-03-11T04:00:00.000Z',
      timeZone: 'America/New_York',
      days: [
        ['2026-03-09', 1],
        ['2026-03-10', 0],
      ],
    })
  })
  it('takes a retry, a resend or a time zone from the dashboard only with its CSRF token', async () => {
    const session = sessionCookie(sut.ctx.config, workspaceId)
    const reward = await sut.ctx.db
      .selectFrom('rewards')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow()
    const post = (
      path: string,
      headers: Record<string, string>,
      body = '{}',
      type = 'application/json',
    ) =>
      fetch(`${sut.url}${path}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': type },
        body,
        redirect: 'manual',
      })
    const retry = `/api/v1/workspaces/${workspaceId}/rewards/${reward.id}/retry-delivery`
    expect((await post(retry, { Cookie: session.Cookie })).status).toBe(403)
    // With the page's token it reaches the retry, which has nothing to do: the reward was given.
    expect((await post(retry, session)).status).toBe(409)
    const resend = `/api/v1/workspaces/${workspaceId}/referrers/${referrerId}/resend-link`
    expect((await post(resend, { Cookie: session.Cookie })).status).toBe(403)
    const zone = `/admin/w/${workspaceId}/settings/time-zone`
    const form = 'timeZone=Europe%2FBerlin'
    const refused = await post(
      zone,
      { Cookie: session.Cookie },
      form,
      'application/x-www-form-urlencoded',
    )
    expect(refused.status).toBe(403)
    const saved = await post(
      zone,
      { Cookie: session.Cookie },
      `${form}&_csrf=${encodeURIComponent(session['X-CSRF-Token'])}`,
      'application/x-www-form-urlencoded',
    )
    expect(saved.status).toBe(303)
    expect(saved.headers.get('location')).toContain('zone=saved')
    expect(
      (
        await sut.ctx.db
          .selectFrom('workspaces')
          .select('time_zone')
          .where('id', '=', workspaceId)
          .executeTakeFirstOrThrow()
      ).time_zone,
    ).toBe('Europe/Berlin')
  })
})
