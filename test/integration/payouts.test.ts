import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppContext } from '../../src/context.js'
import { getDefaultCampaign, updateCampaign } from '../../src/ledger/campaigns.js'
import { onLedgerEvent } from '../../src/ledger/events.js'
import { onRewardApproved } from '../../src/rewards/reward-approval.js'
import { installRewardIssuing } from '../../src/rewards/reward-issuing.js'
import { decideReward } from '../../src/ledger/rewards.js'
import { attributeReferral, qualifyReferral } from '../../src/ledger/referrals.js'
import { createLogger } from '../../src/logger.js'
import { messengerCardState } from '../../src/http/canvas/messenger-card-state.js'
import { messengerCard } from '../../canvas/screens/messenger-card.js'
import { inboxPanel } from '../../canvas/screens/inbox-panel.js'
import {
  connectPayoutProvider,
  disconnectPayoutProvider,
  payoutConnections,
  setLowBalanceLine,
  storedCatalog,
} from '../../src/rewards/payouts/connections.js'
import { dueConnections, refreshConnection } from '../../src/rewards/payouts/balance-worker.js'
import { resumeWaitingPayouts } from '../../src/rewards/payouts/payout-resume.js'
import { ruleRow } from '../../src/http/routes/admin-dashboard/campaign-editor/reward-rules.js'
import {
  catalogValueText,
  searchCatalog,
} from '../../src/http/routes/admin-dashboard/payouts-page.js'
import { payoutChecklistItems } from '../../src/http/routes/admin-dashboard/payouts-checklist.js'
import { setPayoutBudget } from '../../src/rewards/payouts/payout-budget.js'
import { onRewardVoided, releasePayouts } from '../../src/rewards/payouts/payout-decisions.js'
import { confirmPayoutAddress } from '../../src/rewards/payouts/payout-addresses.js'
import type { EnqueuePayout, PayoutJob } from '../../src/rewards/payouts/payout-queue.js'
import { PAYOUT_ACTOR, requestPayoutIn } from '../../src/rewards/payouts/payout-requests.js'
import { owedEvents } from '../../src/intercom/data-events/derive.js'
import { referralStatus } from '../../src/http/fin/referral-status.js'
import { erasePerson } from '../../src/ledger/privacy/erase-person.js'
import { tremendousProvider } from '../../src/rewards/payouts/tremendous.js'
import { cancelSentPayout, sendPayout } from '../../src/rewards/payouts/send-payout.js'
import { startFakePayPal, type FakePayPal } from '../fake-payouts/paypal.js'
import {
  startFakeTangoCard,
  TANGO_AMAZON_UTID,
  TANGO_STARBUCKS_UTID,
  type FakeTangoCard,
} from '../fake-payouts/tango-card.js'
import { startFakeTremendous, type FakeTremendous } from '../fake-payouts/tremendous.js'
import { testConfig } from '../support/app.js'
import { anotherInstance, freshDatabase } from '../support/db.js'
import { newReferrer, newWorkspace, SYSTEM } from '../support/ledger.js'

let tremendous: FakeTremendous
let tango: FakeTangoCard
let paypal: FakePayPal
let ctx: AppContext
let twin: AppContext
const queued: PayoutJob[] = []
const enqueue: EnqueuePayout = async (job) => {
  queued.push(job)
}
const stops: Array<() => void> = []

beforeAll(async () => {
  ;[tremendous, tango, paypal] = await Promise.all([
    startFakeTremendous(),
    startFakeTangoCard(),
    startFakePayPal(),
  ])
  const config = testConfig({
    TREMENDOUS_API_BASE_URL: tremendous.url,
    TANGO_CARD_API_BASE_URL: tango.url,
    PAYPAL_API_BASE_URL: paypal.url,
  })
  const database = await freshDatabase()
  const logger = createLogger('silent')
  ctx = { config, database, db: database.db, logger, jobs: null }
  // A second app instance: its own handle on the same PostgreSQL, or on PGlite (one process's
  // alone) a second context racing on the same database.
  const other = await anotherInstance(database)
  twin = other ? { ...ctx, database: other, db: other.db } : { ...ctx }
  // As each instance's composition root would: issuing, payout requests and cancellations.
  for (const db of new Set([ctx.db, twin.db])) {
    stops.push(installRewardIssuing(db))
    stops.push(
      onRewardApproved(db, (trx, reward) => requestPayoutIn(trx, enqueue, reward).then(() => {})),
    )
    stops.push(onLedgerEvent(db, (trx, event) => onRewardVoided(trx, enqueue, event)))
  }
})
afterAll(async () => {
  for (const stop of stops) stop()
  await Promise.all([tremendous?.close(), tango?.close(), paypal?.close()])
})

type Rule = Record<string, unknown>

/** A workspace whose default campaign pays `rule`; returns a way to qualify a new referral. */
async function programme(rule: Rule, connect: 'tremendous' | 'tango_card' | 'paypal') {
  const { workspaceId } = await newWorkspace(ctx.db)
  const campaign = await getDefaultCampaign(ctx.db, workspaceId)
  await updateCampaign(ctx.db, {
    workspaceId,
    campaignId: campaign.id,
    settings: {
      rewards: {
        rules: [{ id: 'gift', kind: 'payout', amountMinor: 2000, currency: 'USD', ...rule }],
      },
    },
    actor: SYSTEM,
  })
  const input =
    connect === 'tremendous'
      ? { provider: connect, environment: 'sandbox' as const, apiKey: tremendous.apiKey }
      : connect === 'tango_card'
        ? {
            provider: connect,
            environment: 'sandbox' as const,
            platformName: tango.platformName,
            platformKey: tango.platformKey,
            customerIdentifier: tango.customerIdentifier,
            accountIdentifier: tango.accountIdentifier,
          }
        : {
            provider: connect,
            environment: 'sandbox' as const,
            clientId: paypal.clientId,
            clientSecret: paypal.clientSecret,
          }
  await connectPayoutProvider(ctx, workspaceId, {
    campaignId: '',
    fundingSourceId: '',
    ...input,
  } as Parameters<typeof connectPayoutProvider>[2])
  const qualifyOne = async (
    email = `rita.${Math.random().toString(36).slice(2, 7)}@example.com`,
  ) => {
    const enrolled = await newReferrer(ctx.db, workspaceId, 'Rita Referrer', email)
    const { referrer } = enrolled
    const { referral } = await attributeReferral(ctx.db, {
      workspaceId,
      referrer: { referrerId: referrer.id },
      friend: { email: `fred.${Math.random().toString(36).slice(2, 7)}@other.test`, name: 'Fred' },
      source: 'api',
      actor: SYSTEM,
    })
    await qualifyReferral(ctx.db, { workspaceId, referralId: referral.id, actor: SYSTEM })
    const payout = await ctx.db
      .selectFrom('payouts')
      .innerJoin('rewards', 'rewards.id', 'payouts.reward_id')
      .selectAll('payouts')
      .where('payouts.workspace_id', '=', workspaceId)
      .where('rewards.referral_id', '=', referral.id)
      .where('payouts.participant_id', '=', referrer.participantId)
      .executeTakeFirstOrThrow()
    return {
      referrer,
      participant: enrolled.participant,
      referral,
      payout,
      job: { workspaceId, payoutId: payout.id },
    }
  }
  return { workspaceId, campaignId: campaign.id, qualifyOne }
}

async function payoutRow(payoutId: string) {
  return ctx.db
    .selectFrom('payouts')
    .selectAll()
    .where('id', '=', payoutId)
    .executeTakeFirstOrThrow()
}

async function eventsOf(workspaceId: string, rewardId: string) {
  const rows = await ctx.db
    .selectFrom('events')
    .select('type')
    .where('workspace_id', '=', workspaceId)
    .where('subject_id', '=', rewardId)
    .orderBy('id')
    .execute()
  return rows.map((r) => r.type)
}

describe('payouts', () => {
  it('connects each provider with a real call and refuses a wrong key', async () => {
    const { workspaceId } = await newWorkspace(ctx.db)
    await expect(
      connectPayoutProvider(ctx, workspaceId, {
        provider: 'tremendous',
        environment: 'sandbox',
        apiKey: 'TEST_wrong',
        campaignId: '',
        fundingSourceId: '',
      }),
    ).rejects.toThrow(/did not accept/)
    const view = await connectPayoutProvider(ctx, workspaceId, {
      provider: 'paypal',
      environment: 'live',
      clientId: paypal.clientId,
      clientSecret: paypal.clientSecret,
    })
    expect(view).toMatchObject({
      environment: 'live',
      balance: { minor: expect.any(Number), currency: 'USD' },
    })
    const stored = await ctx.db
      .selectFrom('payout_connections')
      .select('secret_ciphertext')
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow()
    expect(stored.secret_ciphertext).not.toContain(paypal.clientSecret)
    expect((await payoutConnections(ctx.db, workspaceId)).map((c) => c.provider)).toEqual([
      'paypal',
    ])
  })

  it('pays a qualified referral once under three redeliveries, a crash and two instances', async () => {
    const { workspaceId, qualifyOne } = await programme(
      {
        payoutProvider: 'tremendous',
        payoutProduct: 'OKMHM2X2OHYV',
        payoutProductName: 'Amazon gift card',
      },
      'tremendous',
    )
    const before = tremendous.created.length
    const { payout, job } = await qualifyOne()
    expect(payout).toMatchObject({ status: 'requested', amount_minor: 2000, currency: 'USD' })
    expect(queued).toContainEqual(job)

    // A crash between the provider's answer and our record: the order exists, our row says requested.
    const provider = tremendousProvider(
      { apiKey: tremendous.apiKey, campaignId: null, fundingSourceId: 'balance' },
      'sandbox',
      tremendous.url,
    )
    await provider.place({
      rewardId: payout.reward_id,
      amount: { minor: 2000, currency: 'USD' },
      recipient: { email: payout.recipient_email ?? '', name: null },
      product: 'OKMHM2X2OHYV',
      delivery: 'email',
      note: 'x',
    })
    expect((await payoutRow(payout.id)).status).toBe('requested')

    // The job redelivered three times, two of them by two instances at once.
    const outcomes = await Promise.all([sendPayout(ctx, job), sendPayout(twin, job)])
    outcomes.push(await sendPayout(ctx, job))
    expect(outcomes.filter((o) => o.kind === 'sent')).toHaveLength(1)
    expect(tremendous.created.length - before).toBe(1)
    expect(tremendous.created.at(-1)?.externalId).toBe(payout.reward_id)

    const row = await payoutRow(payout.id)
    expect(row).toMatchObject({ status: 'sent', provider_order_id: tremendous.created.at(-1)?.id })
    const events = await eventsOf(workspaceId, payout.reward_id)
    expect(events.filter((t) => t === 'payout.sent')).toHaveLength(1)
    expect(events).toEqual(
      expect.arrayContaining(['payout.requested', 'payout.sent', 'reward.fulfilled']),
    )
  })

  it('the card, the Inbox panel and Fin say what was sent, where and when', async () => {
    const { qualifyOne } = await programme(
      {
        payoutProvider: 'tremendous',
        payoutProduct: 'OKMHM2X2OHYV',
        payoutProductName: 'Amazon gift card',
      },
      'tremendous',
    )
    const { participant, job } = await qualifyOne('jane.doe@example.com')
    await sendPayout(ctx, job)
    const state = await messengerCardState(ctx, {
      workspaceId: job.workspaceId,
      options: { campaignId: null, parts: null },
      person: { contactId: participant.contactId },
      locale: 'en',
      invite: { kind: 'form' },
      fresh: true,
    })
    const today = new Intl.DateTimeFormat('en', {
      day: 'numeric',
      month: 'short',
      timeZone: 'UTC',
    }).format(new Date())
    const line = `$20 Amazon gift card e-mailed to j…@example.com on ${today}`
    expect(JSON.stringify(messengerCard(state))).toContain(line)
    const panel = inboxPanel({
      locale: 'en',
      name: 'Jane',
      link: state.link,
      code: state.code,
      joined: 1,
      converted: 1,
      pending: 0,
      rewards: { count: 1, money: [], points: 0 },
      referredBy: null,
      notice: null,
      latestPayout: state.latestPayout ?? null,
    })
    expect(JSON.stringify(panel)).toContain(line)
    const fin = await referralStatus(ctx, job.workspaceId, {
      contactId: participant.contactId ?? '',
      email: null,
      name: null,
      language: 'en',
    })
    expect(fin.last_payout).toBe(line)
    expect(fin.answer).toContain(line)
    const sent = await ctx.db
      .selectFrom('events')
      .selectAll()
      .where('workspace_id', '=', job.workspaceId)
      .where('type', '=', 'payout.sent')
      .executeTakeFirstOrThrow()
    const owed = await ctx.db.transaction().execute((trx) =>
      owedEvents(trx, ctx.config.publicUrl, {
        id: String(sent.id),
        createdAt: new Date(sent.created_at),
        workspaceId: sent.workspace_id,
        type: sent.type,
        subject: { type: sent.subject_type, id: sent.subject_id },
        actor: PAYOUT_ACTOR,
        data: (typeof sent.data === 'string' ? JSON.parse(sent.data) : sent.data) as Record<
          string,
          unknown
        >,
      }),
    )
    expect(owed).toHaveLength(1)
    expect(owed[0]).toMatchObject({
      eventName: 'referral-reward-paid',
      participantId: participant.id,
    })
    expect(owed[0]?.metadata).toMatchObject({
      amount: '20.00',
      currency: 'USD',
      provider: 'tremendous',
      description: line,
    })
  })

  it('pays a Tango Card item and a PayPal payout once each, replays included', async () => {
    const tangoProgramme = await programme(
      {
        payoutProvider: 'tango_card',
        payoutProduct: TANGO_AMAZON_UTID,
        payoutProductName: 'Amazon gift card',
      },
      'tango_card',
    )
    const t = await tangoProgramme.qualifyOne()
    const tangoBefore = tango.created.length
    expect(await sendPayout(ctx, t.job)).toMatchObject({ kind: 'delivered' })
    await ctx.db
      .updateTable('payouts')
      .set({ status: 'requested' })
      .where('id', '=', t.payout.id)
      .execute()
    // Even a payout our side forgot was sent is not paid twice: the externalRefID replays.
    expect(await sendPayout(ctx, t.job)).toMatchObject({ kind: 'delivered' })
    expect(tango.created.length - tangoBefore).toBe(1)

    const paypalProgramme = await programme({ payoutProvider: 'paypal' }, 'paypal')
    const p = await paypalProgramme.qualifyOne('pat@example.com')
    expect(p.payout.status).toBe('awaiting_address')
    await confirmPayoutAddress(ctx.db, enqueue, {
      workspaceId: paypalProgramme.workspaceId,
      participantId: p.payout.participant_id,
      email: 'pat.paypal@example.com',
      actor: { type: 'contact' },
    })
    const before = paypal.created.length
    expect(await sendPayout(ctx, p.job)).toMatchObject({ kind: 'delivered' })
    await ctx.db
      .updateTable('payouts')
      .set({ status: 'requested' })
      .where('id', '=', p.payout.id)
      .execute()
    expect(await sendPayout(twin, p.job)).toMatchObject({ kind: 'delivered' })
    expect(paypal.created.length - before).toBe(1)
    expect(paypal.created.at(-1)?.senderBatchId).toBe(p.payout.reward_id)
  })

  it('waits on insufficient funds and a rate limit, retries, and loses nothing', async () => {
    const { qualifyOne } = await programme(
      { payoutProvider: 'tango_card', payoutProduct: TANGO_AMAZON_UTID },
      'tango_card',
    )
    const { payout, job } = await qualifyOne()
    tango.balance = 5
    await expect(sendPayout(ctx, job)).rejects.toThrow(/Insufficient funds/)
    expect(await payoutRow(payout.id)).toMatchObject({
      status: 'requested',
      last_error: expect.stringMatching(/Insufficient/),
    })
    tango.rateLimitNext(1)
    await expect(sendPayout(ctx, job)).rejects.toThrow(/slow down/)
    tango.balance = 500
    expect(await sendPayout(ctx, job)).toMatchObject({ kind: 'delivered' })
    expect(await payoutRow(payout.id)).toMatchObject({
      status: 'delivered',
      attempts: 3,
      last_error: null,
    })
  })

  it('fails an invalid recipient at once with the reason, and retries it from the dashboard', async () => {
    const { workspaceId, qualifyOne } = await programme(
      { payoutProvider: 'tremendous', payoutProduct: 'OKMHM2X2OHYV' },
      'tremendous',
    )
    const { payout, job } = await qualifyOne('nobody@invalid.test')
    expect(await sendPayout(ctx, job)).toMatchObject({
      kind: 'failed',
      reason: 'Recipient email is invalid',
    })
    expect(await payoutRow(payout.id)).toMatchObject({
      status: 'failed',
      failure_reason: 'Recipient email is invalid',
    })
    await ctx.db
      .updateTable('payouts')
      .set({ recipient_email: 'fixed@example.com' })
      .where('id', '=', payout.id)
      .execute()
    expect(
      await releasePayouts(ctx.db, enqueue, {
        workspaceId,
        payoutIds: [payout.id],
        from: 'failed',
        actor: { type: 'admin', id: 'a1' },
      }),
    ).toBe(1)
    expect(await sendPayout(ctx, job)).toMatchObject({ kind: 'sent' })
  })

  it('cancels on a reversal before delivery: locally before sending, at PayPal while unclaimed', async () => {
    const { workspaceId, qualifyOne } = await programme({ payoutProvider: 'paypal' }, 'paypal')
    const waiting = await qualifyOne()
    await decideReward(ctx.db, {
      workspaceId,
      rewardId: waiting.payout.reward_id,
      to: 'reversed',
      reason: 'refund',
      actor: SYSTEM,
    })
    expect((await payoutRow(waiting.payout.id)).status).toBe('cancelled')
    expect(await sendPayout(ctx, waiting.job)).toMatchObject({
      kind: 'skipped',
      status: 'cancelled',
    })

    paypal.unclaimed = true
    const sent = await qualifyOne()
    await confirmPayoutAddress(ctx.db, enqueue, {
      workspaceId,
      participantId: sent.payout.participant_id,
      email: 'someone.new@example.com',
      actor: { type: 'contact' },
    })
    expect(await sendPayout(ctx, sent.job)).toMatchObject({ kind: 'sent' })
    await decideReward(ctx.db, {
      workspaceId,
      rewardId: sent.payout.reward_id,
      to: 'reversed',
      reason: 'refund',
      actor: SYSTEM,
    })
    expect(queued).toContainEqual({ ...sent.job, cancel: true })
    expect(await cancelSentPayout(ctx, sent.job)).toBe('cancelled')
    expect(await eventsOf(workspaceId, sent.payout.reward_id)).toContain('payout.cancelled')
    paypal.unclaimed = false
  })

  it('flags a reversal the provider cannot cancel (a Tremendous card on its way) for the admin', async () => {
    const { workspaceId, qualifyOne } = await programme(
      { payoutProvider: 'tremendous', payoutProduct: 'OKMHM2X2OHYV' },
      'tremendous',
    )
    const { payout, job } = await qualifyOne()
    await sendPayout(ctx, job)
    await decideReward(ctx.db, {
      workspaceId,
      rewardId: payout.reward_id,
      to: 'reversed',
      reason: 'refund',
      actor: SYSTEM,
    })
    expect(await cancelSentPayout(ctx, job)).toBe('flagged')
    expect(await payoutRow(payout.id)).toMatchObject({
      status: 'flagged',
      failure_reason: expect.stringMatching(/cannot cancel/),
    })
  })

  it('holds payouts past the monthly budget for approval, then approves them in bulk', async () => {
    const { workspaceId, campaignId, qualifyOne } = await programme(
      { payoutProvider: 'tremendous', payoutProduct: 'OKMHM2X2OHYV' },
      'tremendous',
    )
    await setPayoutBudget(ctx.db, workspaceId, campaignId, {
      monthlyLimitMinor: 3000,
      currency: 'USD',
    })
    const first = await qualifyOne()
    const second = await qualifyOne()
    const third = await qualifyOne()
    expect(first.payout.status).toBe('requested')
    expect(second.payout).toMatchObject({
      status: 'awaiting_approval',
      over_budget: true,
      last_error: 'campaign monthly budget reached',
    })
    expect(third.payout.status).toBe('awaiting_approval')
    const approved = await releasePayouts(ctx.db, enqueue, {
      workspaceId,
      payoutIds: [second.payout.id, third.payout.id],
      from: 'awaiting_approval',
      actor: { type: 'admin', id: 'admin-1' },
    })
    expect(approved).toBe(2)
    expect(await sendPayout(ctx, second.job)).toMatchObject({ kind: 'sent' })
    expect(await payoutRow(third.payout.id)).toMatchObject({
      status: 'requested',
      approved_by: 'admin-1',
    })
  })

  it('a changed PayPal address is an event and pauses payouts for 24 hours', async () => {
    const { workspaceId, qualifyOne } = await programme({ payoutProvider: 'paypal' }, 'paypal')
    const { payout, job } = await qualifyOne()
    const who = {
      workspaceId,
      participantId: payout.participant_id,
      actor: { type: 'contact' as const },
    }
    const first = await confirmPayoutAddress(ctx.db, enqueue, { ...who, email: 'one@example.com' })
    expect(first.pausedUntil).toBeNull()
    const changed = await confirmPayoutAddress(ctx.db, enqueue, {
      ...who,
      email: 'two@example.com',
    })
    expect(changed.pausedUntil!.getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000)
    expect(await sendPayout(ctx, job)).toMatchObject({ kind: 'not-yet' })
    const types = (
      await ctx.db
        .selectFrom('events')
        .select('type')
        .where('subject_id', '=', payout.participant_id)
        .execute()
    ).map((r) => r.type)
    expect(types).toEqual(
      expect.arrayContaining(['payout.address_confirmed', 'payout.address_changed']),
    )

    // Erasing the person takes their PayPal address with them, wherever it was written.
    await erasePerson(ctx.db, {
      workspaceId,
      target: { participantId: payout.participant_id },
      actor: { type: 'admin' },
    })
    const addresses = await ctx.db
      .selectFrom('payout_addresses')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .execute()
    expect(addresses).toEqual([])
    expect((await payoutRow(payout.id)).recipient_email).not.toBe('two@example.com')
  })
})

describe('payout connections: catalog, disconnect, balance', () => {
  it('keeps the Tango Card catalog as read (brands, value ranges, currencies; inactive left out) and offers it in the rule editor', async () => {
    const { workspaceId } = await programme(
      { payoutProvider: 'tango_card', payoutProduct: TANGO_AMAZON_UTID },
      'tango_card',
    )
    const items = await storedCatalog(ctx.db, workspaceId, 'tango_card')
    expect(items).toEqual([
      {
        id: TANGO_AMAZON_UTID,
        name: 'Amazon.com Gift Card',
        currency: 'USD',
        brand: 'Amazon.com',
        value: { kind: 'range', minMinor: 100, maxMinor: 200000 },
      },
      {
        id: TANGO_STARBUCKS_UTID,
        name: 'Starbucks eGift $10',
        currency: 'USD',
        brand: 'Starbucks',
        value: { kind: 'fixed', minor: 1000 },
      },
      expect.objectContaining({ brand: 'Zalando', currency: 'EUR' }),
    ])
    expect(searchCatalog(items!, 'star').map((i) => i.id)).toEqual([TANGO_STARBUCKS_UTID])
    expect(catalogValueText(items![0]!)).toBe('$1.00 to $2,000.00')
    const row = String(
      ruleRow(
        '0',
        {
          id: 'gift',
          kind: 'payout',
          payoutProvider: 'tango_card',
          payoutProduct: TANGO_AMAZON_UTID,
        } as Parameters<typeof ruleRow>[1],
        { catalog: null, pools: [], payoutCatalog: items },
      ),
    )
    expect(row).toContain('data-catalog-search')
    expect(row).toMatch(/<option\s+value="U561593"[^>]*selected/)
    expect(row).toContain('Starbucks: Starbucks eGift $10, $10.00')
    // A rule paid through Tremendous does not show Tango Card's picker.
    const other = String(
      ruleRow(
        '1',
        { id: 'x', kind: 'payout', payoutProvider: 'tremendous' } as Parameters<typeof ruleRow>[1],
        { catalog: null, pools: [], payoutCatalog: items },
      ),
    )
    expect(other).toMatch(/data-catalog-picker\s+hidden/)
  })

  it('a disconnected provider: the key is gone, a pending payout waits saying why, and reconnecting sends it once', async () => {
    const { workspaceId, qualifyOne } = await programme(
      { payoutProvider: 'tango_card', payoutProduct: TANGO_AMAZON_UTID },
      'tango_card',
    )
    expect(await disconnectPayoutProvider(ctx.db, workspaceId, 'tango_card')).toBe(true)
    expect(await payoutConnections(ctx.db, workspaceId)).toEqual([])
    const { job, payout } = await qualifyOne()
    const before = tango.created.length
    expect(await sendPayout(ctx, job)).toMatchObject({ kind: 'waiting' })
    const waiting = await payoutRow(payout.id)
    expect(waiting.status).toBe('requested')
    expect(waiting.last_error).toMatch(/Tango Card is not connected/)
    expect(tango.created.length).toBe(before)

    await connectPayoutProvider(ctx, workspaceId, {
      provider: 'tango_card',
      environment: 'sandbox',
      platformName: tango.platformName,
      platformKey: tango.platformKey,
      customerIdentifier: tango.customerIdentifier,
      accountIdentifier: tango.accountIdentifier,
    })
    const resumed: PayoutJob[] = []
    expect(
      await resumeWaitingPayouts(
        ctx.db,
        async (j) => {
          resumed.push(j)
        },
        workspaceId,
        'tango_card',
      ),
    ).toBe(1)
    expect(resumed).toEqual([job])
    expect(await sendPayout(ctx, resumed[0]!)).toMatchObject({ kind: 'delivered' })
    expect(tango.created.length - before).toBe(1)
    expect(tango.created.at(-1)?.externalRefID).toBe(payout.reward_id)
  })

  it('reads due balances on schedule, one job per connection, and warns under the edited line', async () => {
    const { workspaceId } = await programme(
      { payoutProvider: 'tango_card', payoutProduct: TANGO_AMAZON_UTID },
      'tango_card',
    )
    const fresh = await dueConnections(ctx, 10_000)
    expect(fresh.some((c) => c.workspaceId === workspaceId)).toBe(false)
    await ctx.db
      .updateTable('payout_connections')
      .set({ balance_checked_at: new Date(Date.now() - 2 * 3600_000) })
      .where('workspace_id', '=', workspaceId)
      .execute()
    const due = await dueConnections(ctx, 10_000)
    expect(due.filter((c) => c.workspaceId === workspaceId)).toEqual([
      { workspaceId, provider: 'tango_card' },
    ])
    const balance = tango.balance
    tango.balance = 42
    try {
      await refreshConnection(ctx, { workspaceId, provider: 'tango_card' })
    } finally {
      tango.balance = balance
    }
    let [view] = await payoutConnections(ctx.db, workspaceId)
    expect(view?.balance).toEqual({ minor: 4200, currency: 'USD' })
    expect(view?.lowBalance).toBe(true)
    expect(await setLowBalanceLine(ctx.db, workspaceId, 'tango_card', 2000)).toBe(true)
    ;[view] = await payoutConnections(ctx.db, workspaceId)
    expect(view?.lowBalance).toBe(false)
    await setLowBalanceLine(ctx.db, workspaceId, 'tango_card', 5000)
    ;[view] = await payoutConnections(ctx.db, workspaceId)
    const [item] = payoutChecklistItems('/admin/w/x', [], [view!])
    expect(item?.done).toBe(false)
    expect(String(item?.detail)).toMatch(/Low balance at\s+Tango Card\s+\(\$42\.00\)/)
    // A provider that refuses is logged and left for the next tick, never thrown.
    await disconnectPayoutProvider(ctx.db, workspaceId, 'tango_card')
    await expect(
      refreshConnection(ctx, { workspaceId, provider: 'tango_card' }),
    ).resolves.toBeUndefined()
  })
})
