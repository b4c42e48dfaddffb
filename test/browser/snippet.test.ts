import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { updateCampaign } from '../../src/ledger/campaigns.js'
import { testApp } from '../support/app.js'
import { browserSkipReason, launchBrowser, type LaunchedBrowser } from '../support/browser.js'
import { newReferrer, newWorkspace, SYSTEM } from '../support/ledger.js'

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)
    })
  })
}

const APP_ID = 'testapp1'

describe.skipIf(browserSkipReason !== null)(
  'referral link → customer page with the snippet',
  () => {
    let appServer: Server
    let siteServer: Server
    let appUrl: string
    let siteUrl: string
    let browser: LaunchedBrowser

    beforeAll(async () => {
      const { app, ctx } = await testApp()
      appServer = createServer(app)
      appUrl = await listen(appServer)
      // The customer's site: a page that embeds the snippet the documented way.
      siteServer = createServer((req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
        res.end(`<!doctype html><html><head><title>Shop</title>
<script src="${appUrl}/snippet.js" data-app-id="${APP_ID}" data-param="ref"></script>
</head><body><h1>Welcome to the shop</h1><p>${req.url}</p></body></html>`)
      })
      siteUrl = await listen(siteServer)

      const { workspaceId, campaign } = await newWorkspace(ctx.db)
      await updateCampaign(ctx.db, {
        workspaceId,
        campaignId: campaign.id,
        settings: { destinationUrl: `${siteUrl}/landing` },
        actor: SYSTEM,
      })
      referrerCode = (await newReferrer(ctx.db, workspaceId, 'Jane Doe')).referrer.code
      browser = await launchBrowser()
    })

    let referrerCode: string

    afterAll(async () => {
      await browser?.close()
      await new Promise((resolve) => appServer?.close(resolve))
      await new Promise((resolve) => siteServer?.close(resolve))
    })

    it('lands with the code, keeps it in a cookie and hands it to the Messenger settings', async () => {
      const page = await browser.context.newPage()
      const widgetRequests: string[] = []
      const offMachine: string[] = []
      // Nothing leaves the machine: the Messenger loader is answered here, anything else refused.
      await page.route('**/*', async (route) => {
        const url = new URL(route.request().url())
        if (url.hostname === '127.0.0.1') return route.continue()
        if (url.hostname === 'widget.intercom.io') {
          widgetRequests.push(url.toString())
          return route.fulfill({
            contentType: 'application/javascript',
            body: 'window.__fakeWidgetLoaded = true',
          })
        }
        offMachine.push(url.toString())
        return route.abort()
      })

      const response = await page.goto(`${appUrl}/r/${referrerCode}`)
      expect(response?.status()).toBe(200)
      const redirect = await response?.request().redirectedFrom()?.response()
      expect(redirect?.status()).toBe(303)
      const landed = new URL(page.url())
      expect(`${landed.origin}${landed.pathname}`).toBe(`${siteUrl}/landing`)
      expect(landed.searchParams.get('ref')).toBe(referrerCode)

      await page.waitForFunction(
        () => (window as { __fakeWidgetLoaded?: boolean }).__fakeWidgetLoaded,
      )
      const settings = await page.evaluate(() => window.intercomSettings as Record<string, unknown>)
      expect(settings).toMatchObject({ app_id: APP_ID, referred_by_code: referrerCode })
      expect(widgetRequests).toEqual([`https://widget.intercom.io/widget/${APP_ID}`])
      expect(offMachine).toEqual([])

      const cookies = await browser.context.cookies(siteUrl)
      const cookie = cookies.find((c) => c.name === 'referral_code')
      expect(cookie).toMatchObject({ value: referrerCode, sameSite: 'Lax', path: '/' })
      const days = (cookie!.expires * 1000 - Date.now()) / 86_400_000
      expect(days).toBeGreaterThan(89)
      expect(days).toBeLessThanOrEqual(90)

      // A later visit without the parameter still carries the remembered code.
      await page.goto(`${siteUrl}/pricing`)
      await page.waitForFunction(
        () => (window as { __fakeWidgetLoaded?: boolean }).__fakeWidgetLoaded,
      )
      const later = await page.evaluate(() => window.intercomSettings as Record<string, unknown>)
      expect(later.referred_by_code).toBe(referrerCode)
      await page.close()
    })
  },
)
