import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { storeWorkspaceConnection } from '../../src/intercom/connections.js'
import { createCampaign, updateCampaign } from '../../src/ledger/campaigns.js'
import { createDemoWorkspace } from '../../src/ledger/demo-workspace.js'
import { qualifyReferral } from '../../src/ledger/referrals.js'
import { startFakeIntercom, type FakeIntercom } from '../fake-intercom/server.js'
import { ADMIN_KEY, pendingReward, referrerWithFriends } from '../support/admin.js'
import { analyzeAxe } from '../support/axe-results-page.js'
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
  let localWorkspace: string

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
    localWorkspace = local.workspaceId
    // A second campaign, which (unlike the default one) can be archived: its dialog is a state.
    await createCampaign(sut.ctx.db, {
      workspaceId: connected.workspaceId,
      name: 'Summer push',
      settings: {},
      actor: SYSTEM,
    })
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
    const signedOut = await analyzeAxe(new AxeBuilder({ page: signIn }))
    expect(serious(signedOut)).toEqual([])
    await signIn.getByLabel('Admin API key').fill(ADMIN_KEY)
    await signIn.getByRole('button', { name: 'Sign in' }).click()
    await signIn.getByRole('link', { name: connected.workspaceId }).waitFor()
    pages = await dashboardPages(signIn, origin, [connected.workspaceId, local.workspaceId])
    // A demo workspace's overview, with its banner.
    const demo = await createDemoWorkspace(sut.ctx.db)
    pages.push(`${origin}/admin/w/${demo.id}`)
    await signIn.close()
  })

  afterAll(async () => {
    await browser?.close()
    await new Promise((resolve) => server?.close(resolve))
    await fake?.close()
  })

  type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>

  /**
   * Serious and critical violations, and text axe could not judge because it is the very colour
   * of its background (axe files that under "incomplete", which is how red-on-red buttons passed).
   */
  function serious(result: Pick<AxeResults, 'violations' | 'incomplete'>) {
    const sameColour = result.incomplete
      .filter((v) => v.id === 'color-contrast')
      .map((v) => ({
        ...v,
        nodes: v.nodes.filter((n) =>
          n.any.some(
            (check) => (check.data as { messageKey?: string })?.messageKey === 'equalRatio',
          ),
        ),
      }))
      .filter((v) => v.nodes.length > 0)
    return [
      ...result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
      ...sameColour,
    ].map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }))
  }

  /** How much wider than the viewport the page is (0 when nothing scrolls sideways). */
  function overflow(page: Page) {
    return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  }

  const WIDTHS = [
    { width: 1366, height: 900 },
    { width: 390, height: 844 },
  ] as const

  interface PageVisit {
    readonly url: string
    readonly width: number
    readonly axePasses: number
    readonly seriousViolations: ReturnType<typeof serious>
    /** The text boxes (id or name) whose content or placeholder is JSON. */
    readonly jsonTextBoxes: (string | null)[]
    /** Pixels the page is wider than the viewport. */
    readonly overflow: number
  }

  /** Opens what a person would open to see everything: every <details>. */
  async function openEverything(page: Page) {
    await page.evaluate(() => {
      for (const details of document.querySelectorAll('details')) details.open = true
    })
  }

  /**
   * Every rule at full width; on a phone the rules whose outcome depends on the layout (the rest
   * read the same markup twice, and took most of this file's time).
   */
  async function axe(page: Page, width: number) {
    // Every rule still runs; passing rules are reported with one node each instead of every
    // node they passed on (only their count is read).
    const builder = new AxeBuilder({ page }).options({ resultTypes: ['violations', 'incomplete'] })
    return analyzeAxe(
      width < 1000
        ? builder.withRules(['color-contrast', 'scrollable-region-focusable', 'meta-viewport'])
        : builder.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']),
    )
  }

  /**
   * What a page's scripts draw after it loads, before axe may look: the campaign preview (its
   * status line says how the drawing went) and the sync runs (the "Loading…" row replaced).
   * Waiting for these elements, not for an idle network, which costs half a second per page.
   */
  async function firstDraw(page: Page) {
    await page.waitForFunction(() => {
      const preview = document.getElementById('preview-status')
      if (preview && !preview.textContent) return false
      const runs = document.querySelector('#sync-runs tbody')
      return !runs?.textContent?.includes('Loading…')
    })
  }

  /**
   * Each page loaded once, for every check: after its scripts have drawn what they draw
   * (preview, sync runs) and its sections are open, axe-core runs, the width is measured, then
   * the text boxes are read, at full width and then (without a reload) at phone width. States a
   * visit does not show by itself (errors, a confirmation dialog) are opened on the pages that
   * have them and checked at both widths the same way.
   */
  let visiting: Promise<PageVisit[]> | undefined
  const visitEveryPage = () => (visiting ??= visitPages())

  async function visitPages(): Promise<PageVisit[]> {
    const page = await browser.context.newPage()
    const [wide, phone] = WIDTHS
    const visits: PageVisit[] = []
    // On a phone, one workspace's pages (the other's are the same pages with other data).
    async function atBothWidths(url: string, label: string) {
      visits.push(await visit(page, label, wide.width))
      if (url.includes(localWorkspace)) return
      await page.setViewportSize(phone)
      visits.push(await visit(page, label, phone.width))
      await page.setViewportSize(wide)
    }
    await page.setViewportSize(wide)
    for (const url of pages) {
      await page.goto(url)
      await firstDraw(page)
      await openEverything(page)
      await atBothWidths(url, url)
      // A campaign's set-up with every error shown (one workspace's: the same markup twice).
      if (/\/campaigns\/[0-9a-f-]{36}$/.test(url) && !url.includes(localWorkspace)) {
        await page.getByLabel('Campaign name').fill('')
        const amount = page.locator('[id="f-rewards.rules.0.amountMinor"]')
        if ((await amount.count()) > 0) await amount.fill('ten')
        await page.getByRole('button', { name: /^Save/ }).click()
        await page.locator('#form-errors').waitFor()
        await atBothWidths(url, `${url} (errors shown)`)
      }
      // The confirmation before archiving.
      if (url.endsWith('/campaigns')) {
        const archive = page.getByRole('button', { name: /^Archive/ }).first()
        if ((await archive.count()) > 0) {
          await archive.click()
          await page.getByRole('dialog').waitFor()
          await atBothWidths(url, `${url} (archive dialog)`)
          await page.keyboard.press('Escape')
        }
      }
    }
    await page.close()
    return visits
  }

  async function visit(page: Page, url: string, width: number): Promise<PageVisit> {
    const result = await axe(page, width)
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
    return {
      url,
      width,
      axePasses: result.passes.length,
      seriousViolations: serious(result),
      jsonTextBoxes,
      overflow: await overflow(page),
    }
  }

  // The crawl visits every nav page of two workspaces at two widths: on a loaded machine it is slow.
  it('finds no serious or critical axe-core violation on any page, at 1366 and 390 wide', async () => {
    expect(pages.length).toBeGreaterThanOrEqual(12)
    const found: Record<string, unknown> = {}
    const visits = await visitEveryPage()
    // Both widths, and the states opened on purpose (errors, the archive dialog).
    expect(visits.filter((v) => v.url.includes('(errors shown)')).length).toBeGreaterThanOrEqual(2)
    expect(visits.filter((v) => v.url.includes('(archive dialog)')).length).toBe(2)
    for (const visit of visits) {
      // axe really looked: a page of this dashboard passes dozens of rules (a few on a phone).
      expect(visit.axePasses, visit.url).toBeGreaterThan(visit.width < 1000 ? 0 : 10)
      if (visit.seriousViolations.length > 0)
        found[`${visit.url} @${visit.width}`] = visit.seriousViolations
    }
    expect(found).toEqual({})
    // This test pays for visiting every page at two widths (the next ones reuse the visits): on
    // a loaded machine that is a few minutes.
  }, 300_000)

  it('has no page wider than the viewport at 390 px (nothing scrolls sideways)', async () => {
    const wide: Record<string, number> = {}
    for (const visit of await visitEveryPage())
      if (visit.width === 390 && visit.overflow > 0) wide[visit.url] = visit.overflow
    expect(wide).toEqual({})
  })

  it('has no text box on any page whose expected content is JSON', async () => {
    for (const visit of await visitEveryPage()) expect(visit.jsonTextBoxes, visit.url).toEqual([])
  })
})
