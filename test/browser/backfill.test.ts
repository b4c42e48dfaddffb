import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scheduleBackfill } from '../../src/sync/backfill.js'
import { browserSkipReason, type LaunchedBrowser } from '../support/browser.js'
import { newWorkspace } from '../support/ledger.js'
import { signedInDashboard, type SignedInDashboard } from '../support/signed-in-dashboard.js'

describe.skipIf(browserSkipReason !== null)('Existing users (backfill) page in Chromium', () => {
  let dashboard: SignedInDashboard
  let sut: SignedInDashboard['sut']
  let origin: string
  let browser: LaunchedBrowser

  beforeAll(async () => {
    dashboard = await signedInDashboard()
    ;({ sut, origin, browser } = dashboard)
  })

  afterAll(async () => {
    await dashboard?.close()
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
