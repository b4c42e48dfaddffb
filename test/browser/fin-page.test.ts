import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { provisionFinPack } from '../../src/fin/provision.js'
import { storeWorkspaceConnection } from '../../src/intercom/connections.js'
import { startFakeIntercom, type FakeIntercom } from '../fake-intercom/server.js'
import type { FakeContact } from '../fake-intercom/types.js'
import { browserSkipReason, type LaunchedBrowser } from '../support/browser.js'
import { signedInDashboard, type SignedInDashboard } from '../support/signed-in-dashboard.js'

const WS = 'wsfinpage1'

describe.skipIf(browserSkipReason !== null)('Fin page in Chromium', () => {
  let dashboard: SignedInDashboard
  let fake: FakeIntercom
  let origin: string
  let browser: LaunchedBrowser
  let page: Page
  let rita: FakeContact

  async function noSeriousViolations() {
    const result = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .analyze()
    const serious = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }))
    expect(serious).toEqual([])
    // Colour contrast was among what axe checked.
    expect(
      [...result.passes, ...result.incomplete, ...result.violations].some(
        (rule) => rule.id === 'color-contrast',
      ),
    ).toBe(true)
  }

  beforeAll(async () => {
    fake = await startFakeIntercom({ workspaceId: WS })
    dashboard = await signedInDashboard({ INTERCOM_API_BASE_URL: fake.url })
    ;({ origin, browser } = dashboard)
    const ctx = dashboard.sut.ctx
    await storeWorkspaceConnection(ctx, {
      workspaceId: WS,
      name: 'Acme',
      region: 'US',
      accessToken: fake.accessToken,
      source: 'oauth',
    })
    await provisionFinPack(ctx, WS)
    // Intercom calls the app where this test serves it.
    for (const connector of fake.state.dataConnectors.connectors.values())
      connector.url = connector.url.replace('http://127.0.0.1', origin)
    rita = fake.controls.addContact({ role: 'user', email: 'rita@acme.test', name: 'Rita Moreau' })
    page = await browser.context.newPage()
  })

  afterAll(async () => {
    await page?.close()
    await dashboard?.close()
    await fake?.close()
  })

  it('lists the connectors as Intercom holds them, and explains the prerequisite when going live is refused', async () => {
    await page.goto(`${origin}/admin/w/${WS}`)
    await page.getByRole('link', { name: 'Fin', exact: true }).click()
    await page.getByRole('heading', { name: 'Fin', exact: true }).waitFor()
    const table = page.getByRole('table', { name: 'Our connectors as Intercom holds them' })
    for (const name of ['Referral status', 'Send my referral link', 'Invite a friend']) {
      await expect
        .poll(() => table.getByRole('row', { name: new RegExp(name) }).textContent())
        .toMatch(/Draft: not used by Fin yet/)
    }
    await noSeriousViolations()
    await page.screenshot({ path: 'docs/fin-connectors.png', fullPage: true })

    // From the keyboard: Tab reaches the button, Enter submits it.
    const live = page.getByRole('button', { name: 'Set the connectors live' })
    await live.focus()
    await page.keyboard.press('Enter')
    const alert = page.getByRole('alert').filter({ hasText: 'not live' })
    await alert.waitFor()
    expect(await alert.textContent()).toMatch(/Messenger security is not enabled/)
    await noSeriousViolations()
    await page.screenshot({ path: 'docs/fin-live-refused.png', fullPage: true })
  })

  it('sets the connectors live once the Messenger is secured', async () => {
    fake.controls.setMessengerSecurity(true)
    await page.getByRole('button', { name: 'Set the connectors live' }).focus()
    await page.keyboard.press('Enter')
    await page.getByRole('status').filter({ hasText: 'All three connectors are live' }).waitFor()
    const table = page.getByRole('table', { name: 'Our connectors as Intercom holds them' })
    expect(await table.textContent()).not.toMatch(/Draft/)
    expect(
      [...fake.state.dataConnectors.connectors.values()].every((c) => c.state === 'live'),
    ).toBe(true)
    await noSeriousViolations()
  })

  it('runs each connector for a contact and shows exactly what Fin would receive; lists Intercom’s runs', async () => {
    const status = [...fake.state.dataConnectors.connectors.values()].find(
      (c) => c.name === 'Referrals: Send my referral link',
    )
    await fake.controls.executeDataConnector(status?.id ?? '', { contactId: rita.id })

    await page.getByLabel('Intercom contact ID').fill(rita.id)
    await page.getByLabel('Intercom contact ID').press('Enter')
    const results = page.getByRole('region', { name: 'Test results' })
    await results.waitFor()
    const answer = JSON.parse(
      (await page.getByLabel('Referral status: answer').textContent()) ?? '{}',
    ) as Record<string, unknown>
    expect(answer).toMatchObject({ has_account: true, language: 'en' })
    expect(String(answer.answer)).toMatch(/^Your referral link is /)
    expect(await page.getByLabel('Referral status: request').textContent()).toContain(
      `"contact_id": "${rita.id}"`,
    )
    expect(await results.textContent()).toMatch(/Not run: it would record a real invitation/)
    const runs = page.getByRole('table', { name: 'The latest runs Intercom reports' })
    expect(await runs.textContent()).toMatch(/Send my referral link\s*Answered/)
    await noSeriousViolations()
    await page.screenshot({ path: 'docs/fin-test-panel.png', fullPage: true })
  })

  it('fits a 390 px phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 })
    await page.reload()
    await page.getByRole('region', { name: 'Test results' }).waitFor()
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    )
    expect(overflow).toBeLessThanOrEqual(0)
    await noSeriousViolations()
    await page.screenshot({ path: 'docs/fin-phone.png', fullPage: true })
  })
})
