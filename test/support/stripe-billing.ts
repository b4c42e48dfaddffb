import request from 'supertest'
import { afterAll, beforeAll, expect } from 'vitest'
import type { CampaignSettingsInput } from '../../src/ledger/campaign-settings.js'
import { createCampaign } from '../../src/ledger/campaigns.js'
import { attributeReferral } from '../../src/ledger/referrals.js'
import { ensureReferrer } from '../../src/ledger/referrers.js'
import { startServer, type RunningServer } from '../../src/server.js'
import { startFakeIntercom, type FakeIntercom } from '../fake-intercom/server.js'
import { startFakeStripe, type FakeStripe } from '../fake-stripe/server.js'
import { signedStripeEvent } from '../fake-stripe/signer.js'
import { testConfig } from './app.js'
import { eventually, installThroughOAuth } from './intercom-install.js'
import { SYSTEM } from './ledger.js'

// The Stripe billing tests' world: from a signed Stripe webhook through jobs to the ledger and back
// out to Intercom, against a fake Intercom (installed through OAuth) and a fake Stripe, both real
// HTTP servers on loopback.
export const WORKSPACE = 'wsbilling1'
export const WEBHOOK_SECRET = 'whsec_test_0123456789abcdef'
export const ADMIN = { authorization: 'Bearer test-admin-key-0123456789' }
export const DAY = 86_400_000

/** The running app and its fakes, set by useBillingWorld() before the file's first test. */
export const world = {} as { intercom: FakeIntercom; stripe: FakeStripe; sut: RunningServer }
let people = 0

/** One app, fake Intercom (installed through OAuth) and fake Stripe (connected) per test file. */
export function useBillingWorld(): void {
  beforeAll(async () => {
    const intercom = (world.intercom = await startFakeIntercom({ workspaceId: WORKSPACE }))
    const stripe = (world.stripe = await startFakeStripe())
    const sut = (world.sut = await startServer(
      testConfig({ INTERCOM_API_BASE_URL: intercom.url, STRIPE_API_BASE_URL: stripe.url }),
      { host: '127.0.0.1' },
    ))
    const installed = await installThroughOAuth(sut.url)
    expect(installed.location.searchParams.get('install_success')).toBe('true')
    const connected = await request(sut.url)
      .put(`/api/v1/workspaces/${WORKSPACE}/billing/stripe`)
      .set(ADMIN)
      .send({ secretKey: stripe.secretKey, webhookSecret: WEBHOOK_SECRET })
    expect(connected.status).toBe(200)
  }, 120_000)

  afterAll(async () => {
    await world.sut?.close()
    await world.intercom?.close()
    await world.stripe?.close()
  })
}

export function send(event: unknown, secret = WEBHOOK_SECRET) {
  const { raw, headers } = signedStripeEvent(event, secret)
  return request(world.sut.url)
    .post(`/billing/stripe/${WORKSPACE}/webhooks`)
    .set(headers)
    .send(raw)
}

/** Delivers events one after another and waits until the jobs processed each of them. */
export async function deliver(...events: { id: string }[]) {
  for (const event of events) {
    const response = await send(event)
    expect(response.status).toBe(200)
    await processed(event.id)
  }
}

export async function processed(eventId: string) {
  return eventually(async () => {
    const row = await world.sut.ctx.db
      .selectFrom('stripe_events')
      .select(['status', 'outcome'])
      .where('workspace_id', '=', WORKSPACE)
      .where('event_id', '=', eventId)
      .executeTakeFirst()
    return row && row.status !== 'received' ? row : undefined
  }, `event ${eventId} processed`)
}

/** A campaign of the test's own, a referrer in Intercom, and a referred friend with a Stripe customer. */
export async function referredFriend(
  billing: CampaignSettingsInput['billing'],
  rewards?: CampaignSettingsInput['rewards'],
) {
  const n = ++people
  const campaign = await createCampaign(world.sut.ctx.db, {
    workspaceId: WORKSPACE,
    name: `Billing ${n}`,
    settings: { billing, ...(rewards ? { rewards } : {}) },
    actor: SYSTEM,
  })
  const referrerEmail = `rita${n}@acme.test`
  const referrerContact = world.intercom.controls.addContact({
    role: 'user',
    email: referrerEmail,
    name: `Rita ${n}`,
  })
  const { referrer } = await ensureReferrer(world.sut.ctx.db, {
    workspaceId: WORKSPACE,
    campaignId: campaign.id,
    person: { contactId: referrerContact.id, email: referrerEmail, name: `Rita ${n}` },
    source: 'api',
    actor: SYSTEM,
  })
  const email = `fay${n}@friends.test`
  const friendContact = world.intercom.controls.addContact({
    role: 'lead',
    email,
    name: `Fay ${n}`,
  })
  const { referral } = await attributeReferral(world.sut.ctx.db, {
    workspaceId: WORKSPACE,
    campaignId: campaign.id,
    referrer: { code: referrer.code },
    friend: { contactId: friendContact.id, email, name: `Fay ${n}` },
    source: 'api',
    actor: SYSTEM,
  })
  const customer = world.stripe.addCustomer({ email, name: `Fay ${n}` })
  return {
    campaign,
    referrer,
    referrerContact,
    friendContact,
    referral,
    customer,
    email,
    referrerEmail,
  }
}

export async function referralStatus(referralId: string) {
  const row = await world.sut.ctx.db
    .selectFrom('referrals')
    .select('status')
    .where('id', '=', referralId)
    .executeTakeFirstOrThrow()
  return row.status
}

export async function commissions(referralId: string) {
  return world.sut.ctx.db
    .selectFrom('rewards')
    .select(['id', 'kind', 'amount_minor', 'currency', 'status', 'status_reason', 'hold_until'])
    .where('referral_id', '=', referralId)
    .where('kind', '=', 'commission')
    .orderBy('created_at')
    .execute()
}

export async function eventsOf(rewardId: string) {
  return world.sut.ctx.db
    .selectFrom('events')
    .select(['type', 'data'])
    .where('subject_type', '=', 'reward')
    .where('subject_id', '=', rewardId)
    .orderBy('id')
    .execute()
}

export const afterHold = () => new Date(Date.now() + 15 * DAY)
