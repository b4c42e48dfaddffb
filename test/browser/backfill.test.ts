import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scheduleBackfill } from '../../src/sync/backfill.js'
import { ADMIN_KEY } from '../support/admin.js'
import { testApp } from '../support/app.js'
import { browserSkipReason, launchBrowser, type LaunchedBrowser } from '../support/browser.js'
import { newWorkspace } from '../support/ledger.js'

describe.skipIf(browserSkipReason !== null)('Existing users (backfill) page in Chromium', () => {
  let sut: Awaited<ReturnType<typeof testApp>>
  let server: Server
  let origin: string
  let browser: LaunchedBrowser

  beforeAll(async () => {
    sut = await testApp({ PUBLIC_URL: 'http://127.0.0.1' })
    server = await new Promise<Server>((resolve) => {
      const listening = sut.app.listen(0, '127.0.0.1', () => resolve(listening))
    })
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    browser = await launchBrowser()
    const signIn = await browser.context.newPage()
    await signIn.goto(`${origin}/admin`)
    await signIn.getByLabel('Admin API key').fill(ADMIN_KEY)
    await signIn.getByRole('button', { name: 'Sign in' }).click()
    await signIn.waitForURL(`${origin}/admin`)
    await signIn.close()
  })

  afterAll(async () => {
    await browser?.close()
    await new Promise((resolve) => server?.close(resolve))
  })

  it('shows the planned import and switches it off from the keyboard', async () => {
    const { workspaceId } = await newWorkspace(sut.ctx.db)
    await scheduleBackfill(sut.ctx, workspaceId)
    const page = await browser.context.newPage()
    await page.goto(`${origin}/admin/w/${workspaceId}`)
    await page.getByRole('link', { name: 'Existing users' }).click()
    await page.getByRole('heading', { name: 'Existing users' }).waitFor()
    await page.getByRole('button', { name: 'Start the import now' }).waitFor()
    await page.screenshot({ path: 'docs/backfill.png', fullPage: true })

    const off = page.getByRole('button', { name: "Don't import existing users" })
    await off.focus()
    await page.keyboard.press('Enter')
    await page.getByText('The import of existing users was switched off by an operator').waitFor()
    expect(await page.getByRole('button').filter({ hasText: 'Start the import now' }).count()).toBe(
      0,
    )
  })
})
