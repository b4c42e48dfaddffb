import { afterEach, describe, expect, it } from 'vitest'
import { listDeadLetters } from '../../src/intercom/writeback/dead-letters.js'
import { ensureReferrer } from '../../src/ledger/referrers.js'
import { startServer, type RunningServer } from '../../src/server.js'
import { startFakeIntercom, type FakeIntercom } from '../fake-intercom/server.js'
import { testConfig } from '../support/app.js'
import { eventually, installThroughOAuth } from '../support/intercom-install.js'
import { SYSTEM } from '../support/ledger.js'

let running: { fake: FakeIntercom; sut: RunningServer } | null = null

afterEach(async () => {
  await running?.sut.close()
  await running?.fake.close()
  running = null
})

describe('contact write-back', { timeout: 180_000 }, () => {
  it('creates attributes that went missing in Intercom and writes, instead of dead-lettering', async () => {
    const workspaceId = 'wsmissing1'
    const fake = await startFakeIntercom({ workspaceId })
    const sut = await startServer(testConfig({ INTERCOM_API_BASE_URL: fake.url }), {
      host: '127.0.0.1',
    })
    running = { fake, sut }
    const outcome = await installThroughOAuth(sut.url)
    expect(outcome.location.searchParams.get('install_success')).toBe('true')
    // As if the write raced attribute creation: Intercom does not know the attributes yet.
    fake.state.dataAttributes.delete('referral_code')
    fake.state.dataAttributes.delete('referral_link')

    const contact = fake.controls.addContact({ role: 'user', email: 'mia@acme.test', name: 'Mia' })
    const { referrer } = await ensureReferrer(sut.ctx.db, {
      workspaceId,
      person: { contactId: contact.id, email: 'mia@acme.test', name: 'Mia' },
      source: 'api',
      actor: SYSTEM,
    })

    const written = await eventually(
      () =>
        fake.state.contacts.get(contact.id)?.custom_attributes?.referral_code === referrer.code &&
        fake.state.contacts.get(contact.id),
      'the referral code on the contact',
    )
    expect(written.custom_attributes?.referral_link).toBe(
      `https://referrals.example.test/r/${referrer.code}`,
    )
    expect(fake.state.dataAttributes.has('referral_code')).toBe(true)
    expect(await listDeadLetters(sut.ctx.db, workspaceId)).toEqual([])
  })
})
