import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../src/server.js'
import { testApp, testConfig } from '../support/app.js'
import { browserSkipReason, launchBrowser, type LaunchedBrowser } from '../support/browser.js'

describe('playground', () => {
  describe.skipIf(browserSkipReason !== null)('in Chromium, against the real server', () => {
    let server: RunningServer
    let browser: LaunchedBrowser
    beforeAll(async () => {
      server = await startServer(testConfig({ PORT: '0', PLAYGROUND: 'on' }), { jobs: false, host: '127.0.0.1' })
      browser = await launchBrowser()
    })
    afterAll(async () => {
      await browser?.close()
      await server?.close()
    })

    it('shows a referral link, invites a friend, and the Inbox panel then counts 1 joined', async () => {
      const page = await browser.context.newPage()
      const problems: string[] = []
      page.on('pageerror', (error) => problems.push(error.message))
      await page.goto(`${server.url}/playground`)

      const messenger = page.getByTestId('messenger')
      const inbox = page.getByTestId('inbox')
      const link = messenger.locator('td', { hasText: '/r/ada-' })
      await link.waitFor()
      expect(await link.textContent()).toMatch(
        /^https:\/\/referrals\.example\.test\/r\/ada-[a-z0-9]{4}$/,
      )
      await inbox.locator('td', { hasText: '0 · 0 · 0' }).waitFor()

      // The compact card, a few lines; the README shows this screenshot.
      await messenger.getByText('0 joined · 0 converted').waitFor()
      await messenger.screenshot({ path: 'docs/messenger-card.png' })

      // "Invite a friend" opens the form on a second canvas, by keyboard as a person would.
      await messenger.locator('button[data-component-id="open_invite"]').focus()
      await page.keyboard.press('Enter')
      await messenger.locator('input[name="friend_email"]').fill('best.friend@example.com')
      await messenger.locator('input[name="friend_name"]').fill('Best Friend')
      await messenger.locator('button[data-component-id="send_invite"]').click()

      await messenger.getByText('Invitation recorded for best.friend@example.com.').waitFor()
      expect(await messenger.locator('input[name="friend_email"]').isDisabled()).toBe(true)
      await messenger.getByText('✓ saved').waitFor()
      await inbox.locator('td', { hasText: '1 · 0 · 1' }).waitFor()
      expect(await page.locator('#messenger-status').textContent()).toBe('event: completed')
      await messenger.locator('button[data-component-id="back_to_card"]').click()
      await messenger.getByText('1 joined · 0 converted').waitFor()

      // The agent side is clickable too: the referrals list names the friend.
      await inbox.locator('button[data-component-id="inbox_referrals"]').click()
      await inbox.locator('li', { hasText: 'Best Friend' }).waitFor()
      expect(problems).toEqual([])
    })
  })

  it('is not served in production: GET /playground answers 404', async () => {
    const { app } = await testApp({ NODE_ENV: 'production' })
    expect((await request(app).get('/playground')).status).toBe(404)
    expect((await request(app).post('/playground/api/messenger/live').send({})).status).toBe(404)
  })

  it('is served outside production when no Intercom credentials are configured', async () => {
    const { app } = await testApp({ INTERCOM_CLIENT_SECRET: undefined })
    const page = await request(app).get('/playground')
    expect(page.status).toBe(200)
    expect(page.text).toContain('/playground/assets/playground.js')
    // Its script and the dashboard's renderer are bundled TypeScript, served with an ETag.
    const script = await request(app).get('/playground/assets/playground.js')
    expect(script.status).toBe(200)
    expect(script.type).toBe('application/javascript')
    const again = await request(app)
      .get('/playground/assets/playground.js')
      .set('if-none-match', script.headers.etag ?? '')
    expect(again.status).toBe(304)
    const renderer = await request(app).get('/admin/assets/canvas-render.js')
    expect(renderer.status).toBe(200)
    expect(renderer.text).toContain('CanvasRender')
  })
})
