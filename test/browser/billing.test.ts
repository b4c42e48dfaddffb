import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { processWaitingStripeEvents } from '../../src/billing/process-stripe-event.js'
import { updateCampaign } from '../../src/ledger/campaigns.js'
import { attributeReferral } from '../../src/ledger/referrals.js'
import { invoicePaid } from '../fake-stripe/events.js'
import { startFakeStripe, type FakeStripe } from '../fake-stripe/server.js'
import { signedStripeEvent } from '../fake-stripe/signer.js'
import { browserSkipReason, type LaunchedBrowser } from '../support/browser.js'
import { newReferrer, newWorkspace, SYSTEM } from '../support/ledger.js'
import { signedInDashboard, type SignedInDashboard } from '../support/signed-in-dashboard.js'

const WEBHOOK_SECRET = 'whsec_browser_0123456789'

describe.skipIf(browserSkipReason !== null)('billing page in Chromium', () => {
  let dashboard: SignedInDashboard
  let sut: SignedInDashboard['sut']
  let stripe: FakeStripe
  let origin: string
  let browser: LaunchedBrowser
  let workspaceId: string

  beforeAll(async () => {
    stripe = await startFakeStripe()
    dashboard = await signedInDashboard({ STRIPE_API_BASE_URL: stripe.url })
    ;({ sut, origin, browser } = dashboard)
    const seeded = await newWorkspace(sut.ctx.db)
    workspaceId = seeded.workspaceId
    await updateCampaign(sut.ctx.db, {
      workspaceId,
      campaignId: seeded.campaign.id,
      settings: { billing: { commissionPercent: 20 } },
      actor: SYSTEM,
    })
  })

  afterAll(async () => {
    await dashboard?.close()
    await stripe?.close()
  })

  it('connects Stripe with the keyboard, showing a refused key next to its field first', async () => {
    const page = await browser.context.newPage()
    await page.goto(`${origin}/admin/w/${workspaceId}`)
    await page.getByRole('link', { name: 'Billing' }).click()
    await page.getByRole('heading', { name: 'Stripe connection' }).waitFor()
    expect(await page.locator('#stripe-state').textContent()).toMatch(/Not connected yet/)

    await page.getByLabel('Secret key').focus()
    await page.keyboard.type('sk_test_wrong_key_123456789')
    await page.keyboard.press('Tab')
    await page.keyboard.type(WEBHOOK_SECRET)
    await page.keyboard.press('Enter')
    const error = page.locator('#err-secretKey')
    await error.waitFor({ state: 'visible' })
    expect(await error.textContent()).toMatch(/Stripe refused this secret key/)
    expect(await page.getByLabel('Secret key').getAttribute('aria-invalid')).toBe('true')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-secretKey')

    await page.keyboard.press('Control+A')
    await page.keyboard.type(stripe.secretKey)
    await page.keyboard.press('Tab')
    await page.keyboard.press('Control+A')
    await page.keyboard.type(WEBHOOK_SECRET)
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await expect
      .poll(() => page.locator('#form-status').textContent())
      .toBe('Connected: Stripe accepted the key.')
    expect(await page.locator('#stripe-state').textContent()).toMatch(/Connected to Acme Payments/)
    expect(await page.getByLabel('Secret key').inputValue()).toBe('')
    await page.close()
  })

  it('lists unmatched payments and a referral’s billing history, reachable by keyboard', async () => {
    const { referrer } = await newReferrer(sut.ctx.db, workspaceId, 'Rita Hayes')
    const { referral } = await attributeReferral(sut.ctx.db, {
      workspaceId,
      referrer: { code: referrer.code },
      friend: { email: 'fay@friends.test', name: 'Fay' },
      source: 'api',
      actor: SYSTEM,
    })
    const friend = stripe.addCustomer({ email: 'fay@friends.test' })
    const stranger = stripe.addCustomer({ email: 'stranger@elsewhere.test' })
    for (const event of [
      invoicePaid({ customer: friend.id, email: 'fay@friends.test', amountPaid: 4900 }).event,
      invoicePaid({ customer: stranger.id, email: 'stranger@elsewhere.test', amountPaid: 1500 })
        .event,
    ]) {
      const { raw, headers } = signedStripeEvent(event, WEBHOOK_SECRET)
      const response = await request(sut.app)
        .post(`/billing/stripe/${workspaceId}/webhooks`)
        .set(headers)
        .send(raw)
      expect(response.status).toBe(200)
    }
    await processWaitingStripeEvents(sut.ctx, workspaceId)

    const page = await browser.context.newPage()
    await page.setViewportSize({ width: 1280, height: 1100 })
    await page.goto(`${origin}/admin/w/${workspaceId}/billing`)
    const unmatched = page.locator('#unmatched-events')
    expect(await unmatched.textContent()).toContain('stranger@elsewhere.test')
    expect(await unmatched.textContent()).toContain('$15.00')
    expect(await page.locator('#recent-events').textContent()).toContain('Qualified the referral')
    await page.screenshot({ path: 'docs/billing-dashboard.png', fullPage: true })

    const link = page.getByRole('link', { name: `Billing history of referral ${referral.id}` })
    await link.focus()
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'Billing history of one referral' }).waitFor()
    const history = await page.locator('#referral-events').textContent()
    expect(history).toContain('invoice.paid')
    expect(history).toMatch(/Commission USD 9.80 \(20 %\)/)

    // From the referrals list too: each friend's row leads to their payments.
    await page.goto(`${origin}/admin/w/${workspaceId}/referrals`)
    await page.getByRole('link', { name: 'Payments of Fay' }).focus()
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'Billing history of one referral' }).waitFor()
    expect(await page.locator('#referral-events').textContent()).toContain('invoice.paid')
    await page.close()
  })
})
