import type { Express } from 'express'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AppContext } from '../../src/context.js'
import { updateCampaign } from '../../src/ledger/campaigns.js'
import { testApp } from '../support/app.js'
import { newReferrer, newWorkspace, SYSTEM } from '../support/ledger.js'
import { contactNotification, deliver, newContactId, processWaiting } from './webhook-fixtures.js'

// Rewards as Intercom drives them: signed webhooks attribute friends, then convert them.
let app: Express
let ctx: AppContext

beforeAll(async () => {
  ;({ app, ctx } = await testApp())
})

async function rewardsOf(workspaceId: string) {
  return ctx.db
    .selectFrom('rewards')
    .select([
      'kind',
      'amount_minor',
      'currency',
      'points',
      'recipient_role',
      'referral_id',
      'status',
    ])
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .execute()
}

/** A workspace whose friends qualify on plan=pro, with the given reward rules. */
async function programme(rules: unknown[]) {
  const { workspaceId, campaign } = await newWorkspace(ctx.db)
  await updateCampaign(ctx.db, {
    workspaceId,
    campaignId: campaign.id,
    settings: {
      qualification: { attribute: 'custom_attributes.plan', values: ['pro'] },
      rewards: { rules: rules as never },
    },
    actor: SYSTEM,
  })
  const { referrer } = await newReferrer(ctx.db, workspaceId, 'Rita')
  return { workspaceId, referrer }
}

/** Intercom creates the friend with the referrer's code, later the friend buys `plan` at `sale`. */
async function friendWhoBuys(workspaceId: string, code: string, sale: number) {
  const friend = { id: newContactId(), email: `f-${newContactId()}@example.org`, name: 'Fay' }
  await deliver(
    app,
    contactNotification({
      workspaceId,
      topic: 'contact.lead.created',
      contact: { ...friend, custom_attributes: { referred_by_code: code } },
    }),
  ).expect(200)
  await processWaiting(ctx, workspaceId)
  const purchase = contactNotification({
    workspaceId,
    topic: 'contact.user.updated',
    contact: {
      ...friend,
      role: 'user',
      custom_attributes: { referred_by_code: code, plan: 'pro', sale_value: sale },
    },
  })
  return purchase
}

describe('rewards driven by Intercom webhooks', () => {
  it('issues a commission computed from the sale-value attribute when the friend converts', async () => {
    const { workspaceId, referrer } = await programme([
      {
        id: 'ten-percent',
        kind: 'commission',
        percent: 10,
        currency: 'USD',
        saleAttribute: 'custom_attributes.sale_value',
      },
    ])
    const purchase = await friendWhoBuys(workspaceId, referrer.code, 129.99)
    await deliver(app, purchase).expect(200)
    await processWaiting(ctx, workspaceId)
    // 10 % of 129.99 = 12.999, rounded half-up to the cent.
    expect(await rewardsOf(workspaceId)).toEqual([
      expect.objectContaining({
        kind: 'commission',
        amount_minor: 1300,
        currency: 'USD',
        recipient_role: 'referrer',
      }),
    ])
  })

  it('issues a milestone reward once, at the second qualified referral', async () => {
    const { workspaceId, referrer } = await programme([
      { id: 'second-friend', kind: 'points', points: 500, milestone: 2 },
    ])
    const first = await friendWhoBuys(workspaceId, referrer.code, 10)
    await deliver(app, first).expect(200)
    await processWaiting(ctx, workspaceId)
    expect(await rewardsOf(workspaceId)).toEqual([])
    const second = await friendWhoBuys(workspaceId, referrer.code, 10)
    await deliver(app, second).expect(200)
    await processWaiting(ctx, workspaceId)
    const third = await friendWhoBuys(workspaceId, referrer.code, 10)
    await deliver(app, third).expect(200)
    await processWaiting(ctx, workspaceId)
    expect(await rewardsOf(workspaceId)).toEqual([
      expect.objectContaining({ kind: 'points', points: 500, recipient_role: 'referrer' }),
    ])
  })

  it('issues nothing twice when the same conversion is delivered three times at once', async () => {
    const { workspaceId, referrer } = await programme([
      { id: 'fixed', kind: 'fixed', amountMinor: 2500, currency: 'EUR', recipient: 'both' },
    ])
    const purchase = await friendWhoBuys(workspaceId, referrer.code, 50)
    const responses = await Promise.all([
      deliver(app, purchase),
      deliver(app, purchase),
      deliver(app, purchase),
    ])
    expect(responses.map((res) => res.status)).toEqual([200, 200, 200])
    await Promise.all([
      processWaiting(ctx, workspaceId),
      processWaiting(ctx, workspaceId),
      processWaiting(ctx, workspaceId),
    ])
    const rewards = await rewardsOf(workspaceId)
    expect(rewards.map((reward) => reward.recipient_role).sort()).toEqual(['friend', 'referrer'])
    expect(
      rewards.every((reward) => reward.amount_minor === 2500 && reward.currency === 'EUR'),
    ).toBe(true)
  })
})
