import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserSkipReason, type LaunchedBrowser } from '../support/browser.js'
import { scanDatabase, seedPerson, type SeededPerson } from '../support/privacy.js'
import { signedInDashboard, type SignedInDashboard } from '../support/signed-in-dashboard.js'

const SCREENSHOT = new URL('../../docs/privacy-page.png', import.meta.url).pathname

describe.skipIf(browserSkipReason !== null)('privacy page in Chromium', () => {
  let dashboard: SignedInDashboard
  let sut: SignedInDashboard['sut']
  let origin: string
  let browser: LaunchedBrowser
  let jane: SeededPerson

  beforeAll(async () => {
    dashboard = await signedInDashboard()
    ;({ sut, origin, browser } = dashboard)
    jane = await seedPerson(sut.ctx.db)
  })

  afterAll(async () => {
    await dashboard?.close()
  })

  it('finds a person, downloads their data and erases them, all from the keyboard', async () => {
    const page = await browser.context.newPage()
    await page.setViewportSize({ width: 1100, height: 1100 })
    await page.goto(`${origin}/admin/w/${jane.workspaceId}`)
    await page.getByRole('link', { name: 'Privacy' }).click()
    await page.waitForURL(/\/privacy$/)

    // Find her by email: type, Enter.
    await page.getByLabel('Email or Intercom contact id').focus()
    await page.keyboard.type(jane.email)
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: jane.name }).waitFor()
    expect(await page.locator('[data-fact="referralsMade"]').textContent()).toBe('2')
    expect(await page.locator('[data-fact="rewards"]').textContent()).toBe('3')
    expect(
      await page.getByRole('table', { name: 'What is kept, and for how long' }).textContent(),
    ).toContain('180 days')
    await page.screenshot({ path: SCREENSHOT, fullPage: true })

    // The download is the API's JSON export of her.
    const download = page.waitForEvent('download')
    await page.getByRole('link', { name: 'Download their data (JSON)' }).focus()
    await page.keyboard.press('Enter')
    const file = await download
    const chunks: Buffer[] = []
    for await (const chunk of (await file.createReadStream())!) chunks.push(chunk as Buffer)
    const exported = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    expect(exported.person).toMatchObject({ id: jane.participantId, email: jane.email })

    // Erasing needs the confirmation: without it, focus goes to the box and nothing happens.
    await page.getByLabel('Reason (kept with the erasure record, optional)').focus()
    await page.keyboard.type('Request #77')
    await page.getByRole('button', { name: 'Erase this person' }).focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('erase-confirm')
    await page.keyboard.press('Space')
    await page.getByRole('button', { name: 'Erase this person' }).focus()
    await page.keyboard.press('Enter')
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toContain('Erased. Their referrals and rewards still count')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('action-status')

    expect(await scanDatabase(sut.ctx.db, [jane.email, jane.name, jane.contactId])).toEqual([])
    const event = await sut.ctx.db
      .selectFrom('events')
      .select(['actor_type', 'data'])
      .where('workspace_id', '=', jane.workspaceId)
      .where('type', '=', 'participant.erased')
      .executeTakeFirstOrThrow()
    expect(event.data).toMatchObject({ reason: 'Request #77' })

    // Looking her up again says she was erased.
    await page.goto(
      `${origin}/admin/w/${jane.workspaceId}/privacy?q=${encodeURIComponent(jane.email)}`,
    )
    expect(await page.locator('#lookup-result').textContent()).toContain('was erased')
    await page.close()
  })
})
