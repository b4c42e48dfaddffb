import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { storeWorkspaceConnection } from '../../src/intercom/connections.js'
import type { CampaignSettings } from '../../src/ledger/campaign-settings.js'
import { startFakeIntercom, type FakeIntercom } from '../fake-intercom/server.js'
import { ADMIN_KEY } from '../support/admin.js'
import { testApp } from '../support/app.js'
import { browserSkipReason, launchBrowser, type LaunchedBrowser } from '../support/browser.js'

const WORKSPACE = 'wsdash01'
const SHOTS = new URL('../../docs/', import.meta.url)

describe.skipIf(browserSkipReason !== null)('campaign editor in Chromium', () => {
  let fake: FakeIntercom
  let sut: Awaited<ReturnType<typeof testApp>>
  let server: Server
  let origin: string
  let browser: LaunchedBrowser
  let campaignId: string

  async function stored(): Promise<{ settings: CampaignSettings; version: number; name: string }> {
    const row = await sut.ctx.db
      .selectFrom('campaigns')
      .select(['settings', 'version', 'name'])
      .where('id', '=', campaignId)
      .executeTakeFirstOrThrow()
    return row as { settings: CampaignSettings; version: number; name: string }
  }

  /** A README screenshot: the whole page, its top, or scrolled to `at` (as an admin sees it). */
  async function shot(page: Page, name: string, at?: string) {
    await page.evaluate(() => window.scrollTo(0, 0))
    if (at && at !== 'top') {
      await page.locator(at).evaluate((el) => el.scrollIntoView({ block: 'start' }))
      await page.evaluate(() => window.scrollBy(0, -80))
    }
    await page.screenshot({
      path: new URL(`dashboard-${name}.png`, SHOTS).pathname,
      fullPage: !at,
    })
  }

  beforeAll(async () => {
    fake = await startFakeIntercom({ workspaceId: WORKSPACE, workspaceName: 'Acme' })
    fake.controls.defineAttribute('plan', 'options', 'contact', ['free', 'pro', 'team'])
    fake.controls.defineAttribute('sale_value', 'float')
    fake.controls.addSegment('Customers')
    fake.controls.addSegment('Trial users')
    sut = await testApp({ PUBLIC_URL: 'http://127.0.0.1', INTERCOM_API_BASE_URL: fake.url })
    await storeWorkspaceConnection(sut.ctx, {
      workspaceId: WORKSPACE,
      name: 'Acme',
      region: 'US',
      accessToken: fake.accessToken,
      source: 'private',
    })
    server = await new Promise<Server>((resolve) => {
      const listening = sut.app.listen(0, '127.0.0.1', () => resolve(listening))
    })
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    browser = await launchBrowser()
    await browser.context.setDefaultTimeout(15_000)
  })

  afterAll(async () => {
    await browser?.close()
    await new Promise((resolve) => server?.close(resolve))
    await fake?.close()
  })

  it('signs in and creates a campaign from a starting point with the keyboard only', async () => {
    const page = await browser.context.newPage()
    await page.setViewportSize({ width: 1360, height: 900 })
    await page.goto(`${origin}/admin`)
    await page.getByLabel('Admin API key').focus()
    await page.keyboard.type(ADMIN_KEY)
    await page.keyboard.press('Enter')
    await page.getByRole('link', { name: WORKSPACE }).waitFor()

    await page.goto(`${origin}/admin/w/${WORKSPACE}/campaigns`)
    await page.getByLabel('Name', { exact: true }).focus()
    await page.keyboard.type('Spring referral push')
    // Tab to the starting points; arrows move between radios as in any native radio group.
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tpl-both-sides')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowUp')
    expect(await page.getByLabel('Give both sides a reward').isChecked()).toBe(true)
    await shot(page, 'campaigns')
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/)
    campaignId = page.url().split('/').at(-1)!
    const row = await stored()
    expect(row.name).toBe('Spring referral push')
    expect(row.settings.rewards.rules).toMatchObject([
      { recipient: 'both', kind: 'fixed', amountMinor: 1000, currency: 'USD' },
    ])
    await page.close()
  })

  it('adds two reward rules, picks the qualification attribute, previews, saves and reloads', async () => {
    const page = await browser.context.newPage()
    await page.setViewportSize({ width: 1360, height: 900 })
    await page.goto(`${origin}/admin/w/${WORKSPACE}/campaigns/${campaignId}`)
    const messenger = page.getByTestId('preview-messenger')
    const inbox = page.getByTestId('preview-inbox')
    await expect.poll(() => messenger.textContent()).toContain('Invite friends, get rewards')

    // The preview follows the headline as it is typed, before anything is saved.
    await page.getByLabel('Headline').fill('Give $10, get $10')
    await expect.poll(() => messenger.textContent()).toContain('Give $10, get $10')

    // Rule 2, keyboard only: the add button, then the new row's controls.
    await page.getByRole('button', { name: '+ Add a reward rule' }).focus()
    await page.keyboard.press('Enter')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(
      'f-rewards.rules.1.recipient',
    )
    await page.keyboard.press('Tab')
    await page.keyboard.press('ArrowDown') // A fixed amount → Points
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-rewards.rules.1.points')
    await page.keyboard.type('250')
    await page.locator('[id="f-rewards.rules.1.description"]').fill('250 bonus points')

    // Rule 3: a milestone at the 2nd qualified friend, a coupon-free fixed amount in euros.
    await page.getByRole('button', { name: '+ Add a reward rule' }).click()
    await page.locator('[id="f-rewards.rules.2.amountMinor"]').fill('5.50')
    await page.locator('[id="f-rewards.rules.2.currency"]').fill('EUR')
    await page.locator('[id="f-rewards.rules.2.when"]').selectOption('nth')
    await page.locator('[id="f-rewards.rules.2.milestone"]').fill('2')
    await expect.poll(() => inbox.textContent()).toMatch(/500 points/)
    await expect.poll(() => inbox.textContent()).toMatch(/€5\.50/)

    // The qualification attribute comes from the workspace's attributes; a list one offers its values.
    const attribute = page.getByLabel('Attribute that qualifies a friend')
    expect(await attribute.evaluate((el) => el.tagName)).toBe('SELECT')
    await attribute.selectOption('custom_attributes.plan')
    await page.getByRole('checkbox', { name: 'pro', exact: true }).check()
    await page.getByRole('checkbox', { name: 'team', exact: true }).check()

    await page.locator('[id="f-rewards.rules.2.milestone"]').focus()
    await shot(page, 'reward-rules', '[id="f-rewards.rules"]')
    await shot(page, 'campaign-editor', 'top')
    // Operator settings are not in the campaign's steps.
    expect(await page.locator('#s-intercom, #s-import, #s-attributes').count()).toBe(0)

    await page.getByRole('button', { name: 'Save changes' }).focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('#form-status').textContent()).toBe('Saved.')

    // They are on the Settings page, for the same campaign, saved through the same form code.
    await page.getByRole('link', { name: 'Settings', exact: true }).click()
    await page.getByLabel('Settings of the campaign').selectOption({ label: 'Spring referral push' })
    await page.getByRole('button', { name: 'Show' }).click()
    await page.waitForURL(/settings\?campaign=/)
    // The import segment picks from the workspace's segments.
    const segment = page.getByLabel('Segment', { exact: true })
    await segment.selectOption({ label: 'Customers (0 people)' })
    await page.getByLabel('Who to import').selectOption('segment')
    await page.getByRole('button', { name: '+ Add a field for referrers' }).click()
    await page.locator('[id="f-intercom.referrerFields.0.key"]').selectOption('code')
    await page.locator('[id="f-intercom.referrerFields.0.value"]').selectOption('plan')
    await shot(page, 'field-rows', '#s-intercom')
    await page.getByRole('button', { name: 'Save changes' }).click()
    await expect.poll(() => page.locator('#form-status').textContent()).toBe('Saved.')

    const saved = await stored()
    expect(saved.settings.card.headline).toBe('Give $10, get $10')
    expect(saved.settings.qualification).toMatchObject({
      attribute: 'custom_attributes.plan',
      values: ['pro', 'team'],
    })
    expect(saved.settings.rewards.rules).toMatchObject([
      { kind: 'fixed', recipient: 'both', amountMinor: 1000, currency: 'USD', milestone: null },
      { kind: 'points', points: 250, recipient: 'referrer', description: '250 bonus points' },
      { kind: 'fixed', amountMinor: 550, currency: 'EUR', milestone: 2, recipient: 'referrer' },
    ])
    expect(saved.settings.intercom.referrerFields).toEqual({ code: 'plan' })
    const segmentId = [...fake.state.segments.values()].find((s) => s.name === 'Customers')?.id
    expect(saved.settings.import).toMatchObject({ source: 'segment', segmentId })

    await page.goto(`${origin}/admin/w/${WORKSPACE}/campaigns/${campaignId}`)
    expect(await page.getByLabel('Headline').inputValue()).toBe('Give $10, get $10')
    expect(await page.getByLabel('Attribute that qualifies a friend').inputValue()).toBe(
      'custom_attributes.plan',
    )
    expect(await page.getByRole('checkbox', { name: 'pro', exact: true }).isChecked()).toBe(true)
    expect(await page.getByRole('checkbox', { name: 'free', exact: true }).isChecked()).toBe(false)
    expect(await page.locator('[data-rule]').count()).toBe(3)
    expect(await page.locator('[id="f-rewards.rules.1.points"]').inputValue()).toBe('250')
    expect(await page.locator('[id="f-rewards.rules.2.amountMinor"]').inputValue()).toBe('5.50')
    expect(await page.locator('[id="f-rewards.rules.2.milestone"]').inputValue()).toBe('2')
    await page.goto(`${origin}/admin/w/${WORKSPACE}/settings?campaign=${campaignId}`)
    expect(await page.getByLabel('Segment', { exact: true }).inputValue()).toBe(segmentId)
    await page.close()
  })

  it('shows every error in one round, beside its field, in words, and saves nothing', async () => {
    const page = await browser.context.newPage()
    await page.setViewportSize({ width: 1360, height: 900 })
    await page.goto(`${origin}/admin/w/${WORKSPACE}/campaigns/${campaignId}`)
    const before = await stored()

    await page.getByLabel('Where a referral link leads').fill('not a web address')
    await page.getByLabel('Most referrals per referrer per hour').fill('0')
    await page.locator('[id="f-rewards.rules.0.currency"]').fill('US')
    // One the form cannot even read, with three the shared schema refuses: all shown at once.
    await page.locator('[id="f-rewards.rules.0.amountMinor"]').fill('ten')
    await page.getByRole('button', { name: 'Save changes' }).click()

    const expected: [string, RegExp][] = [
      ['rewards.rules.0.amountMinor', /^Enter an amount like 10 or 10\.50\.$/],
      ['destinationUrl', /full web address/],
      ['fraud.maxReferralsPerHour', /1 or more/],
      ['rewards.rules.0.currency', /Choose a currency from the list/],
    ]
    for (const [path, words] of expected) {
      const error = page.locator(`[id="err-${path}"]`)
      await error.waitFor({ state: 'visible' })
      expect(await error.textContent()).toMatch(words)
      expect(await page.locator(`[id="f-${path}"]`).getAttribute('aria-invalid')).toBe('true')
      // The error sits right under its own control, not in a list far away.
      const control = await page.locator(`[id="f-${path}"]`).boundingBox()
      const message = await error.boundingBox()
      expect(message!.y - (control!.y + control!.height)).toBeLessThan(12)
    }
    expect(await page.locator('#form-errors li').count()).toBe(4)
    // No validator's words anywhere ("Too small: expected …", "Invalid input").
    expect(await page.locator('#form-errors').textContent()).not.toMatch(/expected|Invalid input/)
    // Focus goes to the first field with a problem, in the order of the page.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-destinationUrl')
    await shot(page, 'campaign-errors', '#form-errors')
    expect(await stored()).toEqual(before)
    await page.close()
  })

  it('tells the second of two admins editing at once that the campaign changed', async () => {
    const first = await browser.context.newPage()
    const second = await browser.context.newPage()
    const url = `${origin}/admin/w/${WORKSPACE}/campaigns/${campaignId}`
    await first.goto(url)
    await second.goto(url)
    await first.getByLabel('Campaign name').fill('Spring push (first admin)')
    await first.getByRole('button', { name: 'Save changes' }).click()
    await expect.poll(() => first.locator('#form-status').textContent()).toBe('Saved.')
    await second.getByLabel('Campaign name').fill('Spring push (second admin)')
    await second.getByRole('button', { name: 'Save changes' }).click()
    await expect
      .poll(() => second.locator('#form-errors').textContent())
      .toMatch(/changed by someone else/)
    expect((await stored()).name).toBe('Spring push (first admin)')
    await first.close()
    await second.close()
  })

  it('duplicates, archives, restores, renames and makes default from the list', async () => {
    const page = await browser.context.newPage()
    await page.goto(`${origin}/admin/w/${WORKSPACE}/campaigns`)
    await page.getByRole('button', { name: 'Duplicate Spring push (first admin)' }).click()
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/)
    expect(await page.getByLabel('Campaign name').inputValue()).toBe(
      'Copy of Spring push (first admin)',
    )
    await page.goto(`${origin}/admin/w/${WORKSPACE}/campaigns`)
    // Archiving asks first: Cancel (where focus starts) keeps it, the dialog's Archive goes on.
    const archive = page.getByRole('button', { name: 'Archive Copy of Spring push (first admin)' })
    await archive.click()
    const dialog = page.getByRole('dialog', { name: /Archive “Copy of Spring push/ })
    await dialog.waitFor()
    await page.keyboard.press('Enter')
    await dialog.waitFor({ state: 'hidden' })
    expect(await page.locator('#archived-campaigns').count()).toBe(0)
    await archive.click()
    await dialog.getByRole('button', { name: 'Archive' }).click()
    await page.locator('#archived-campaigns').waitFor()
    expect(await page.locator('#archived-campaigns').textContent()).toContain('Copy of Spring')
    await page.getByRole('button', { name: 'Restore Copy of Spring push (first admin)' }).click()
    await page.locator('#archived-campaigns').waitFor({ state: 'detached' })

    // Rename with the keyboard, then make it the default.
    await page.getByRole('button', { name: 'Rename Copy of Spring push (first admin)' }).focus()
    await page.keyboard.press('Enter')
    await page.keyboard.press('Control+A')
    await page.keyboard.type('Autumn push')
    await page.keyboard.press('Enter') // Enter in the name box saves it
    await page.getByRole('link', { name: 'Autumn push', exact: true }).waitFor()
    await page.getByRole('button', { name: 'Make default Autumn push' }).click()
    await page.getByRole('button', { name: 'Archive Refer a friend' }).waitFor()
    const defaults = await sut.ctx.db
      .selectFrom('campaigns')
      .select('name')
      .where('workspace_id', '=', WORKSPACE)
      .where('is_default', '=', true)
      .execute()
    expect(defaults).toEqual([{ name: 'Autumn push' }])
    await page.close()
  })

  it('shows the set-up checklist on the overview', async () => {
    const page = await browser.context.newPage()
    await page.setViewportSize({ width: 1360, height: 900 })
    await page.goto(`${origin}/admin/w/${WORKSPACE}`)
    const connected = page.locator('[data-step="connected"]')
    expect(await connected.getAttribute('class')).toContain('done')
    const webhook = page.locator('[data-step="webhook"]')
    expect(await webhook.getAttribute('class')).toContain('todo')
    expect(await webhook.textContent()).toContain('/intercom/webhooks')
    await shot(page, 'overview')
    await page.close()
  })
})
