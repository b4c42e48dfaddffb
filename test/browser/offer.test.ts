import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getDefaultCampaign, updateCampaign } from '../../src/ledger/campaigns.js'
import { ensureReferrer } from '../../src/ledger/referrers.js'
import { ensureWorkspace } from '../../src/ledger/workspaces.js'
import { browserSkipReason } from '../support/browser.js'
import { SYSTEM } from '../support/ledger.js'
import { type SignedInDashboard, signedInDashboard } from '../support/signed-in-dashboard.js'

// What customers and friends see, as the marketer sets it up: the preview built from the live
// screens, coupon codes pasted and uploaded, the friend's landing page, the referrer notices.
// Keyboard where a person would use it, 1366 and 390 px, axe with colour contrast in every state.

const WORKSPACE = 'wsoffer01'
const SHOTS = new URL('../../docs/', import.meta.url)
const PHONE = { width: 390, height: 844 }
const DESKTOP = { width: 1366, height: 900 }

describe.skipIf(browserSkipReason !== null)('the offer in Chromium', () => {
  let dash: SignedInDashboard
  let campaignId: string
  let code: string

  beforeAll(async () => {
    dash = await signedInDashboard()
    const { db } = dash.sut.ctx
    await ensureWorkspace(db, { id: WORKSPACE, name: 'Acme Analytics' })
    const campaign = await getDefaultCampaign(db, WORKSPACE)
    campaignId = campaign.id
    await updateCampaign(db, {
      workspaceId: WORKSPACE,
      campaignId,
      actor: SYSTEM,
      settings: {
        rewards: {
          rules: [
            { id: 'ref', recipient: 'referrer', kind: 'fixed', amountMinor: 2000, currency: 'USD' },
            {
              id: 'friend',
              recipient: 'friend',
              kind: 'coupon',
              couponSource: 'codes',
              couponPool: 'spring-20',
              percentOff: 20,
            },
          ],
        },
        landing: {
          brandName: 'Acme Analytics',
          colour: '#0b6e4f',
          signUpUrl: 'https://acme.example.test/signup',
        },
      },
    })
    const { referrer } = await ensureReferrer(db, {
      workspaceId: WORKSPACE,
      person: { contactId: 'contact_ada', email: 'ada@example.com', name: 'Ada Lovelace' },
      source: 'api',
      actor: SYSTEM,
    })
    code = referrer.code
  }, 120_000)

  afterAll(async () => {
    await dash?.close()
  })

  /** axe with WCAG A/AA (colour contrast included) and best practice: no serious or critical. */
  async function accessible(page: Page, state: string) {
    const result = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .analyze()
    const serious = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }))
    expect(serious, state).toEqual([])
    expect(result.passes.map((p) => p.id)).toContain('color-contrast')
  }

  async function noSidewaysScroll(page: Page) {
    const wider = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    )
    expect(wider).toBeLessThanOrEqual(0)
  }

  async function shot(page: Page, name: string, fullPage = true) {
    await page.screenshot({ path: new URL(`offer-${name}.png`, SHOTS).pathname, fullPage })
  }

  it('the preview shows the real card for the card size and QR code, with the offer', async () => {
    const page = await dash.browser.context.newPage()
    await page.setViewportSize(DESKTOP)
    await page.goto(`${dash.origin}/admin/w/${WORKSPACE}/campaigns/${campaignId}`)
    const card = page.getByTestId('preview-messenger')
    await expect.poll(() => card.textContent()).toContain('You get $20 · your friend gets 20% off')
    await expect.poll(() => card.textContent()).toContain('1 more friend to $20')
    await expect
      .poll(() => page.getByTestId('preview-share-text').textContent())
      .toContain('Sign up with my link and get 20% off')

    // "20% off for the friend" set up in the rule builder: a coupon created in Stripe for each
    // reward, its discount typed in; the offer on the preview follows before anything is saved.
    const source = page.locator('[id="f-rewards.rules.1.couponSource"]')
    await source.focus()
    await page.keyboard.press('ArrowDown')
    expect(await source.inputValue()).toBe('stripe')
    const discount = page.locator('[id="f-rewards.rules.1.percentOff"]')
    await discount.focus()
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.type('25')
    await expect.poll(() => card.textContent()).toContain('your friend gets 25% off')

    // Card size = Full and the QR code, chosen with the keyboard: the preview follows.
    await page.getByLabel('Card size').focus()
    await page.keyboard.press('ArrowDown')
    await expect.poll(() => card.locator('input').count()).toBeGreaterThan(0)
    await page.getByLabel('Show a QR code on the card').focus()
    await page.keyboard.press('Space')
    await expect.poll(() => card.locator('img').count()).toBe(1)
    await expect.poll(() => page.getByTestId('preview-invite').count()).toBe(0)
    await accessible(page, 'editor with the full card and QR preview')
    await page.getByLabel('Card size').scrollIntoViewIfNeeded()
    await shot(page, 'preview', false)

    await page.setViewportSize(PHONE)
    await noSidewaysScroll(page)
    await accessible(page, 'editor at 390 px')

    // The share sheet as the preview draws it (the live one is the same HTML: customer-preview
    // test), opened as a page of its own at phone width.
    const sheet = await page.evaluate(async (url) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-csrf-token':
            document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '',
        },
        body: JSON.stringify({ locale: 'en' }),
      })
      return ((await res.json()) as { sheet: string }).sheet
    }, `/api/v1/workspaces/${WORKSPACE}/campaigns/${campaignId}/preview`)
    const sheetPage = await dash.browser.context.newPage()
    await sheetPage.setViewportSize(PHONE)
    await sheetPage.setContent(sheet.replace(/<script[\s\S]*?<\/script>/g, ''))
    await sheetPage.getByText('You get $20 · your friend gets 20% off').waitFor()
    await noSidewaysScroll(sheetPage)
    await accessible(sheetPage, 'share sheet at 390 px')
    await shot(sheetPage, 'share-sheet')
    await sheetPage.close()
    await page.close()
  })

  it('coupon codes: errors beside the fields, then pasted and uploaded codes fill the pool', async () => {
    const page = await dash.browser.context.newPage()
    await page.setViewportSize(DESKTOP)
    await page.goto(`${dash.origin}/admin/w/${WORKSPACE}/campaigns/${campaignId}/coupons`)
    const pool = page.getByLabel('Pool name')
    await pool.fill('')
    await page.getByRole('button', { name: 'Add codes' }).focus()
    await page.keyboard.press('Enter')
    await expect
      .poll(() => page.locator('#coupon-pool-error').textContent())
      .toBe('Give the pool a name.')
    expect(await page.locator('#coupon-codes-error').textContent()).toBe(
      'Paste at least one code, or choose a CSV file.',
    )
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('coupon-pool')
    await accessible(page, 'coupon form with errors')

    await page.keyboard.type('spring-20')
    await page.keyboard.press('Tab')
    await page.keyboard.type('SPRING-AAA1\nSPRING-AAA2')
    await page.getByLabel('Or upload a CSV file').setInputFiles({
      name: 'codes.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('code,expires\n"SPRING-BBB1",2027-01-01\nSPRING-BBB2,\nSPRING-AAA1,\n'),
    })
    await page.getByRole('button', { name: 'Add codes' }).focus()
    await page.keyboard.press('Enter')
    await page.getByText('Added 4 codes to spring-20.').waitFor()
    const row = page.getByRole('row', { name: /spring-20/ })
    expect(await row.textContent()).toMatch(/spring-20\s*4\s*0\s*4/)
    await accessible(page, 'coupon page after the upload')
    await shot(page, 'coupons')

    await page.setViewportSize(PHONE)
    await noSidewaysScroll(page)
    await accessible(page, 'coupon page at 390 px')
    await page.close()
  })

  it('the friend’s landing page: who invited them, what they get, one call to action', async () => {
    const page = await dash.browser.context.newPage()
    await page.setViewportSize(PHONE)
    await page.goto(`${dash.origin}/r/${code}`)
    expect(new URL(page.url()).pathname).toBe(`/r/${code}/welcome`)
    await page.getByRole('heading', { name: 'Ada invited you' }).waitFor()
    await page.getByText('Sign up and get 20% off.').waitFor()
    expect(await page.getByText(code, { exact: true }).count()).toBe(1)
    await page.keyboard.press('Tab')
    const focused = await page.evaluate(() => (document.activeElement as HTMLAnchorElement).href)
    expect(focused).toBe(`https://acme.example.test/signup?ref=${code}`)
    await noSidewaysScroll(page)
    await accessible(page, 'landing page at 390 px')
    await shot(page, 'landing')
    await page.setViewportSize(DESKTOP)
    await accessible(page, 'landing page at 1366 px')
    await page.close()
  })

  it('referrer notices: each data event with its fields, a message to copy, and whether it fired', async () => {
    const page = await dash.browser.context.newPage()
    await dash.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: dash.origin,
    })
    await page.setViewportSize(DESKTOP)
    await page.goto(`${dash.origin}/admin/w/${WORKSPACE}/notices`)
    const joined = page.locator('[data-event="referral-friend-joined"]')
    expect(await joined.textContent()).toContain('friend_name')
    expect(await joined.textContent()).toContain('Not fired yet')
    await joined.getByRole('button', { name: 'Copy the message' }).focus()
    await page.keyboard.press('Enter')
    await joined.getByText('Copied.').waitFor()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('[friend_name]')
    expect(await page.locator('section.recipe').count()).toBe(6)
    await accessible(page, 'notices page after copying')
    await shot(page, 'notices')
    await page.setViewportSize(PHONE)
    await noSidewaysScroll(page)
    await accessible(page, 'notices page at 390 px')
    await page.close()
  })
})
