import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDemoWorkspace } from '../../src/ledger/demo-workspace.js'
import { browserSkipReason } from '../support/browser.js'
import { signedInDashboard, type SignedInDashboard } from '../support/signed-in-dashboard.js'
import { expectAccessibleAtBothWidths } from '../support/both-widths.js'

const SHOTS = new URL('../../docs/', import.meta.url)

/**
 * The analytics page as a marketer uses it, keyboard only: a preset range, a custom one, one
 * campaign, a range that cannot be read; axe (colour contrast on) and the sideways-scroll check in
 * each state at 1366 and 390 wide; the phone chart's day labels never touch.
 */
describe.skipIf(browserSkipReason !== null)('the analytics page in Chromium', () => {
  let dashboard: SignedInDashboard
  let page: Page
  let base: string

  beforeAll(async () => {
    dashboard = await signedInDashboard()
    const db = dashboard.sut.ctx.db
    // The demo workspace (two campaigns, clicks, shares, referrals over two weeks), with Stripe
    // connected and paid invoices of referred friends in two currencies.
    const workspace = await createDemoWorkspace(db)
    await db
      .insertInto('stripe_connections')
      .values({
        workspace_id: workspace.id,
        secret_key_ciphertext: 'unused',
        webhook_secret_ciphertext: 'unused',
        key_hint: 'sk_test_…4242',
        account_id: null,
        account_name: 'Demo',
        livemode: false,
        verified_at: new Date(),
      })
      .execute()
    const referrals = await db
      .selectFrom('referrals')
      .select('id')
      .where('workspace_id', '=', workspace.id)
      .where('status', '=', 'qualified')
      .execute()
    const paid: [string, number][] = [
      ['USD', 4900],
      ['USD', 4900],
      ['EUR', 3900],
    ]
    for (const [i, [currency, minor]] of paid.entries())
      await db
        .insertInto('billing_invoices')
        .values({
          workspace_id: workspace.id,
          invoice_id: `in_demo_${i}`,
          referral_id: referrals[i % referrals.length]!.id,
          currency,
          paid_minor: minor,
          net_minor: minor,
          paid_at: new Date(Date.now() - i * 86_400_000),
          customer_id: null,
          charge_id: null,
          payment_intent_id: null,
          commission_reward_id: null,
          commission_minor: null,
        })
        .execute()
    base = `${dashboard.origin}/admin/w/${workspace.id}`
    page = await dashboard.browser.context.newPage()
    page.setDefaultTimeout(15_000)
  })

  afterAll(async () => {
    await dashboard?.close()
  })

  async function press(...keys: string[]) {
    for (const key of keys) await page.keyboard.press(key)
  }

  /** Tab from the top of the page until `name`'s control has the focus. */
  async function tabTo(selector: string) {
    const target = page.locator(selector)
    for (let i = 0; i < 60; i++) {
      if (await target.evaluate((el) => el === document.activeElement)) return
      await press('Tab')
    }
    throw new Error(`${selector} never got the focus`)
  }

  const funnel = () =>
    page
      .locator('#funnel li')
      .evaluateAll((items) =>
        items.map((li) => [
          (li as HTMLElement).dataset.step,
          Number(li.querySelector('.funnel-count')?.textContent),
        ]),
      )

  it('opens from the navigation on the last 30 days: funnel, campaigns, revenue, channels', async () => {
    await page.setViewportSize({ width: 1366, height: 900 })
    await page.goto(base)
    await tabTo('nav[aria-label="Sections"] a[href$="/analytics"]')
    await press('Enter')
    await page.getByRole('heading', { name: 'Analytics', level: 1 }).waitFor()
    expect(await page.locator('.presets a[aria-current="page"]').textContent()).toBe('Last 30 days')
    const steps = await funnel()
    expect(steps.map(([step]) => step)).toEqual(['linkViews', 'clicks', 'joined', 'converted'])
    for (const [, count] of steps) expect(count).toBeGreaterThan(0)
    expect(await page.locator('.funnel-rate').count()).toBe(3)
    // Both campaigns, one row each; revenue per currency, never one sum.
    expect(await page.locator('#campaign-split tbody tr').count()).toBe(2)
    const revenue = await page
      .locator('#revenue tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => [...row.children].map((cell) => cell.textContent?.trim()).join(' | ')),
      )
    expect(revenue).toEqual(['EUR | 1 | €39.00 | €0.00', 'USD | 2 | $98.00 | $0.00'])
    const channels = await page.locator('#channels tbody tr').allTextContents()
    expect(channels.find((r) => r.includes('Opened the share sheet'))).toMatch(/4\s*$/)
    await page.screenshot({ path: new URL('analytics.png', SHOTS).pathname, fullPage: true })
    await expectAccessibleAtBothWidths(page, 'analytics, last 30 days')
  })

  it('draws the chart across its card on a phone, with day labels that do not touch', async () => {
    await page.setViewportSize({ width: 390, height: 844 })
    const chart = page.locator('svg.chart-narrow')
    expect(await chart.isVisible()).toBe(true)
    expect(await page.locator('svg.chart-wide').isVisible()).toBe(false)
    const [box, card] = await Promise.all([
      chart.boundingBox(),
      page.locator('section[aria-labelledby="time-h"]').boundingBox(),
    ])
    expect(box!.width / card!.width).toBeGreaterThan(0.85)
    const labels = await chart.locator('text.day').evaluateAll((texts) =>
      texts.map((t) => {
        const r = t.getBoundingClientRect()
        return { left: r.left, right: r.right, height: r.height }
      }),
    )
    expect(labels.length).toBeGreaterThanOrEqual(2)
    for (let i = 1; i < labels.length; i++)
      expect(labels[i]!.left, 'labels overlap').toBeGreaterThan(labels[i - 1]!.right)
    // Readable: the scaled text is at least 10 px high.
    for (const label of labels) expect(label.height).toBeGreaterThanOrEqual(10)
    await page.screenshot({ path: new URL('analytics-phone.png', SHOTS).pathname, fullPage: true })
  })

  it('switches to 7 days, then one campaign over a custom range, with the keyboard', async () => {
    await page.setViewportSize({ width: 1366, height: 900 })
    await tabTo('.presets a[href*="days=7"]')
    await press('Enter')
    await page.waitForURL(/days=7/)
    expect(await page.locator('#range-shown').textContent()).toContain('(7 days, UTC)')

    const today = new Date()
    const first = new Date(today.getTime() - 13 * 86_400_000)
    // A date field takes its parts in the browser's locale order (month/day/year in en-US).
    const order = await page.evaluate(() =>
      new Intl.DateTimeFormat().formatToParts(new Date()).map((p) => p.type),
    )
    const typed = (d: Date) => {
      const parts: Record<string, string> = {
        month: String(d.getUTCMonth() + 1).padStart(2, '0'),
        day: String(d.getUTCDate()).padStart(2, '0'),
        year: String(d.getUTCFullYear()),
      }
      return order.map((type) => parts[type] ?? '').join('')
    }
    await tabTo('#range-from')
    await page.keyboard.type(typed(first))
    await tabTo('#range-campaign')
    // The demo's first campaign is the live one: pick it.
    await press('ArrowDown')
    await tabTo('.range-form button[type="submit"]')
    await press('Enter')
    await page.waitForURL(/campaign=/)
    const shown = await page.locator('#range-shown').textContent()
    expect(shown).toContain(first.toISOString().slice(0, 10))
    expect(shown).toContain('(14 days, UTC)')
    expect(await page.locator('#campaign-split tbody tr').count()).toBe(1)
    expect(shown).not.toContain('Every campaign')
    await expectAccessibleAtBothWidths(page, 'analytics, one campaign, custom range')
  })

  it('says so beside the range when the last day comes before the first', async () => {
    await page.goto(`${base}/analytics?from=2026-12-01&to=2026-11-01`)
    expect(await page.getByRole('alert').textContent()).toBe('The last day comes before the first.')
    await expectAccessibleAtBothWidths(page, 'analytics with a range that cannot be read')
  })
})
