import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_KEY } from '../support/admin.js'
import { testApp } from '../support/app.js'
import { browserSkipReason, launchBrowser, type LaunchedBrowser } from '../support/browser.js'
import { expectAccessibleAtBothWidths } from '../support/both-widths.js'

const SHOTS = new URL('../../docs/', import.meta.url)

/**
 * A marketer's first visit on a fresh server, with the keyboard only: sign in with the key the
 * page explains, the welcome, the demo workspace, a campaign walked through its set-up steps to
 * going live, and the demo removed again. Axe (colour contrast on) checks each new state at 1366
 * and 390 wide, and nothing may scroll sideways on the phone.
 */
describe.skipIf(browserSkipReason !== null)('the first run, keyboard only', () => {
  let sut: Awaited<ReturnType<typeof testApp>>
  let server: Server
  let origin: string
  let browser: LaunchedBrowser
  let page: Page

  beforeAll(async () => {
    // No OAuth app: the welcome gives the private-app steps.
    sut = await testApp({
      PUBLIC_URL: 'http://127.0.0.1',
      INTERCOM_CLIENT_ID: undefined,
      INTERCOM_CLIENT_SECRET: undefined,
    })
    server = await new Promise<Server>((resolve) => {
      const listening = sut.app.listen(0, '127.0.0.1', () => resolve(listening))
    })
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    browser = await launchBrowser()
    browser.context.setDefaultTimeout(15_000)
    page = await browser.context.newPage()
  })

  afterAll(async () => {
    await browser?.close()
    await new Promise((resolve) => server?.close(resolve))
  })

  /** Axe and the sideways-scroll check on what the page shows now, at both widths. */
  async function shot(name: string, fullPage = false) {
    await page.screenshot({ path: new URL(`dashboard-${name}.png`, SHOTS).pathname, fullPage })
  }

  async function press(...keys: string[]) {
    for (const key of keys) await page.keyboard.press(key)
  }

  const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '')

  it('signs in with the key the page explains, and is welcomed with two ways forward', async () => {
    await page.setViewportSize({ width: 1366, height: 900 })
    await page.goto(`${origin}/admin`)
    expect(await page.locator('#key-help code').textContent()).toBe('ADMIN_API_KEY')
    await page.getByLabel('Admin API key').focus()
    await page.keyboard.type(ADMIN_KEY)
    await press('Enter')
    await page.getByRole('heading', { name: 'Welcome' }).waitFor()
    expect(await page.getByRole('heading', { name: 'Connect Intercom' }).count()).toBe(1)
    expect(await page.locator('main').textContent()).toContain('Developer Hub')
    await shot('welcome')
    await expectAccessibleAtBothWidths(page, 'the welcome')
  })

  it('opens a demo workspace, marked as such, with referrers, referrals and rewards', async () => {
    await page.getByRole('button', { name: 'Explore with demo data' }).focus()
    await press('Enter')
    await page.waitForURL(/\/admin\/w\/demo-/)
    expect(await page.locator('.demo-banner').textContent()).toContain('Demo workspace.')
    await shot('demo-overview')
    await expectAccessibleAtBothWidths(page, 'the demo overview')
    await page.getByRole('link', { name: 'Referrals', exact: true }).focus()
    await press('Enter')
    await page.getByRole('table', { name: /Referrals/ }).waitFor()
    // It opens on the demo's referral the app held for review, with the reason; All lists everyone.
    expect(await page.locator('#referrals').textContent()).toContain('Held for review: The friend')
    await page.getByRole('link', { name: /^All/ }).focus()
    await press('Enter')
    await page.waitForURL(/status=(&|$)/)
    expect(await page.locator('#referrals').textContent()).toContain('Grace Hopper')
    await page.getByRole('link', { name: 'Reward review', exact: true }).focus()
    await press('Enter')
    await page.waitForURL(/\/rewards/)
    expect(await page.locator('#rewards tbody tr').count()).toBeGreaterThan(0)
  })

  it('walks a campaign through its set-up steps and takes it live', async () => {
    await page.setViewportSize({ width: 1366, height: 900 })
    await page.getByRole('link', { name: 'Campaigns', exact: true }).focus()
    await press('Enter')
    await page.getByRole('link', { name: 'Edit Summer promotion' }).focus()
    await press('Enter')
    await page.getByRole('navigation', { name: 'Set-up steps' }).waitFor()
    const steps = await page
      .getByRole('navigation', { name: 'Set-up steps' })
      .getByRole('link')
      .allTextContents()
    expect(steps.map((s) => s.replace(/^\s*\d+\s*/, '').trim())).toEqual([
      'The offer',
      'Rewards',
      'Who qualifies',
      'The card',
      'Friend’s landing page',
      'Go live',
    ])
    // Step 1, the offer: the campaign's name.
    await page.getByLabel('Campaign name').focus()
    await press('Control+A')
    await page.keyboard.type('Summer promotion 2026')
    // Each step is one link away; its heading says where the marketer is.
    for (const [link, heading] of [
      ['Rewards', 'Step 2 of 6'],
      ['Who qualifies', 'Step 3 of 6'],
      ['The card', 'Step 4 of 6'],
    ] as const) {
      await page.getByRole('link', { name: link, exact: false }).first().focus()
      await press('Enter')
      expect(await page.locator(`${new URL(page.url()).hash} .step-of`).textContent()).toBe(heading)
    }
    // Each step with its preview: the screens the step changes are marked beside it, and the
    // link at the step's end takes the focus there (below the form on a phone).
    const marked = () =>
      page
        .locator('.preview-part.is-current')
        .evaluateAll((parts) => parts.map((p) => (p as HTMLElement).dataset.part))
    await expect.poll(marked).toEqual(['messenger', 'invite', 'share-text', 'sheet'])
    await page
      .locator('#step-card')
      .getByRole('link', { name: 'Show this step in the preview' })
      .focus()
    await press('Enter')
    expect(await focusedId()).toBe('preview-part-messenger')
    // The card step: its headline, followed by the preview beside every step.
    await page.getByLabel('Headline').focus()
    await press('Control+A')
    await page.keyboard.type('Give $15, get $15')
    await expect
      .poll(() => page.getByTestId('preview-messenger').textContent())
      .toContain('Give $15, get $15')
    await shot('campaign-steps')
    await expectAccessibleAtBothWidths(page, 'the campaign set-up')

    // The friend's landing page step marks its own screen.
    await page
      .getByRole('link', { name: /Friend’s landing page/ })
      .first()
      .focus()
    await press('Enter')
    await expect.poll(marked).toEqual(['landing'])

    await page.getByRole('link', { name: /Go live/ }).focus()
    await press('Enter')
    const save = page.getByRole('button', { name: 'Save and go live' })
    await save.focus()
    await press('Enter')
    await expect
      .poll(() => page.locator('#form-status').textContent())
      .toBe('Saved. The campaign is live.')
    const stored = await sut.ctx.db
      .selectFrom('campaigns')
      .select(['status', 'name'])
      .where('name', '=', 'Summer promotion 2026')
      .executeTakeFirstOrThrow()
    expect(stored.status).toBe('active')
  })

  it('shows a mistake of every kind at once, in plain words, and nothing scrolls sideways', async () => {
    await page.getByLabel('Campaign name').focus()
    await press('Control+A', 'Backspace')
    await page.locator('[id="f-rewards.rules.0.amountMinor"]').fill('lots')
    await page.getByLabel('Where a referral link leads').fill('my site')
    await page.getByRole('button', { name: 'Save changes' }).focus()
    await press('Enter')
    await page.locator('#form-errors li').first().waitFor()
    const errors = await page.locator('#form-errors li').allTextContents()
    expect(errors, errors.join(' | ')).toHaveLength(3)
    expect(errors.join(' ')).not.toMatch(/expected|Too small|Invalid/)
    expect(await focusedId()).toBe('f-name')
    await shot('campaign-errors-one-round')
    await expectAccessibleAtBothWidths(page, 'the campaign with its errors')
  })

  it('removes the demo workspace in one click, after asking', async () => {
    await page.setViewportSize({ width: 1366, height: 900 })
    await page.goto(`${origin}/admin`)
    await page.getByRole('button', { name: 'Remove demo data' }).focus()
    await press('Enter')
    const dialog = page.getByRole('dialog')
    await dialog.waitFor()
    await expectAccessibleAtBothWidths(page, 'the removal dialog')
    await page.setViewportSize({ width: 1366, height: 900 })
    await press('Tab', 'Enter') // from Cancel to "Remove demo data"
    await page.getByRole('heading', { name: 'Welcome' }).waitFor()
    const left = await sut.ctx.db.selectFrom('workspaces').select('id').execute()
    expect(left).toEqual([])
  })
})
