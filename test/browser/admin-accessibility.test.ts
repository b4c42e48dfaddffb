import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { storeWorkspaceConnection } from '../../src/intercom/connections.js'
import { updateCampaign } from '../../src/ledger/campaigns.js'
import { qualifyReferral } from '../../src/ledger/referrals.js'
import { startFakeIntercom, type FakeIntercom } from '../fake-intercom/server.js'
import { ADMIN_KEY, pendingReward, referrerWithFriends } from '../support/admin.js'
import { testApp } from '../support/app.js'
import { browserSkipReason, launchBrowser, type LaunchedBrowser } from '../support/browser.js'
import { newWorkspace, SYSTEM } from '../support/ledger.js'

/** Every page an admin can reach: the navigation's, each campaign's, and the signed-out ones. */
async function dashboardPages(page: Page, origin: string, workspaceIds: string[]) {
  const urls = new Set<string>()
  for (const workspaceId of workspaceIds) {
    await page.goto(`${origin}/admin/w/${workspaceId}`)
    const nav = await page
      .locator('nav[aria-label="Sections"] a')
      .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href))
    expect(nav.length).toBeGreaterThan(4)
    for (const url of nav) urls.add(url)
    await page.goto(`${origin}/admin/w/${workspaceId}/campaigns`)
    const campaigns = await page
      .locator('main a[href*="/campaigns/"]')
      .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href))
    expect(campaigns.length).toBeGreaterThan(0)
    for (const url of campaigns) urls.add(url)
  }
  urls.add(`${origin}/admin`)
  return [...urls]
}

describe.skipIf(browserSkipReason !== null)('every dashboard page in Chromium', () => {
  let fake: FakeIntercom
  let sut: Awaited<ReturnType<typeof testApp>>
  let server: Server
  let origin: string
  let browser: LaunchedBrowser
  let pages: string[]

  beforeAll(async () => {
    fake = await startFakeIntercom({ workspaceId: 'wsaxe01' })
    fake.controls.defineAttribute('plan', 'options', 'contact', ['free', 'pro'])
    fake.controls.addSegment('Customers')
    sut = await testApp({ PUBLIC_URL: 'http://127.0.0.1', INTERCOM_API_BASE_URL: fake.url })
    // One workspace connected to the fake Intercom (pickers), one local one (free text), both
    // with referrals, rewards waiting for review and every kind of map row filled in.
    const connected = await newWorkspace(sut.ctx.db)
    await storeWorkspaceConnection(sut.ctx, {
      workspaceId: connected.workspaceId,
      name: 'Connected',
      region: 'US',
      accessToken: fake.accessToken,
      source: 'private',
    })
    const local = await newWorkspace(sut.ctx.db)
    for (const { workspaceId, campaign } of [connected, local]) {
      const { referrer, referrals } = await referrerWithFriends(sut.ctx.db, workspaceId, 2, 'Ada')
      await qualifyReferral(sut.ctx.db, {
        workspaceId,
        referralId: referrals[0]!.id,
        actor: SYSTEM,
      })
      await pendingReward(sut.ctx.db, {
        workspaceId,
        campaignId: campaign.id,
        participantId: referrer.participantId,
        referralId: referrals[0]!.id,
      })
      await updateCampaign(sut.ctx.db, {
        workspaceId,
        campaignId: campaign.id,
        actor: SYSTEM,
        settings: {
          rewards: {
            rules: [
              { id: 'a', kind: 'fixed', amountMinor: 500, currency: 'USD' },
              { id: 'b', kind: 'commission', percent: 5, currency: 'USD', saleAttribute: 'x' },
            ],
          },
          intercom: {
            referrerFields: { code: 'my_code' },
            friendFields: { status: 'friend_status' },
            defaults: { 'custom_attributes.source': 'referral' },
          },
        },
      })
    }
    server = await new Promise<Server>((resolve) => {
      const listening = sut.app.listen(0, '127.0.0.1', () => resolve(listening))
    })
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    browser = await launchBrowser()
    const signIn = await browser.context.newPage()
    await signIn.goto(`${origin}/admin`)
    // Axe checks the sign-in page as a signed-out visitor sees it.
    const signedOut = await new AxeBuilder({ page: signIn }).analyze()
    expect(serious(signedOut.violations)).toEqual([])
    await signIn.getByLabel('Admin API key').fill(ADMIN_KEY)
    await signIn.getByRole('button', { name: 'Sign in' }).click()
    await signIn.getByRole('link', { name: connected.workspaceId }).waitFor()
    pages = await dashboardPages(signIn, origin, [connected.workspaceId, local.workspaceId])
    await signIn.close()
  })

  afterAll(async () => {
    await browser?.close()
    await new Promise((resolve) => server?.close(resolve))
    await fake?.close()
  })

  function serious(violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']) {
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }))
  }

  interface PageVisit {
    readonly url: string
    readonly axePasses: number
    readonly seriousViolations: ReturnType<typeof serious>
    /** The text boxes (id or name) whose content or placeholder is JSON. */
    readonly jsonTextBoxes: (string | null)[]
  }

  /**
   * Each page visited once, for both checks: after its scripts have drawn what they draw
   * (preview, sync runs), axe-core runs, then the text boxes are read. Waiting for the network to
   * settle twice per page was a third of this file's time.
   */
  let visiting: Promise<PageVisit[]> | undefined
  const visitEveryPage = () => (visiting ??= visitPages())

  async function visitPages(): Promise<PageVisit[]> {
    const page = await browser.context.newPage()
    const visits: PageVisit[] = []
    for (const url of pages) {
      await page.goto(url)
      await page.waitForLoadState('networkidle')
      const result = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
        .analyze()
      const jsonTextBoxes = await page.evaluate(() =>
        Array.from(document.querySelectorAll('textarea, input:not([type=hidden])'))
          .map((el) => el as HTMLInputElement | HTMLTextAreaElement)
          .filter((el) => {
            const text = (el.value || el.placeholder || '').trim()
            if (el.dataset.kind === 'json') return true
            if (!/^[[{]/.test(text)) return false
            try {
              JSON.parse(text)
              return true
            } catch {
              return /^[[{]/.test(text)
            }
          })
          .map((el) => el.id || el.getAttribute('name')),
      )
      visits.push({
        url,
        axePasses: result.passes.length,
        seriousViolations: serious(result.violations),
        jsonTextBoxes,
      })
    }
    await page.close()
    return visits
  }

  // The crawl visits every nav page of two workspaces: on a loaded machine it outlasts 60 s.
  it('finds no serious or critical axe-core violation on any page', async () => {
    expect(pages.length).toBeGreaterThanOrEqual(12)
    const found: Record<string, unknown> = {}
    for (const visit of await visitEveryPage()) {
      // axe really looked: a page of this dashboard passes dozens of rules.
      expect(visit.axePasses, visit.url).toBeGreaterThan(10)
      if (visit.seriousViolations.length > 0) found[visit.url] = visit.seriousViolations
    }
    expect(found).toEqual({})
    // This test pays for visiting every page (the next one reuses the visits): on a loaded
    // machine that is more than a minute.
  }, 180_000)

  it('has no text box on any page whose expected content is JSON', async () => {
    for (const visit of await visitEveryPage()) expect(visit.jsonTextBoxes, visit.url).toEqual([])
  })
})
