import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureReferrer } from '../../src/ledger/referrers.js'
import { erasePerson } from '../../src/ledger/privacy/erase-person.js'
import { startServer, type RunningServer } from '../../src/server.js'
import { startFakeIntercom, type FakeIntercom } from '../fake-intercom/server.js'
import { testConfig } from '../support/app.js'
import { eventually, installThroughOAuth } from '../support/intercom-install.js'
import { SYSTEM } from '../support/ledger.js'

const WORKSPACE = 'wserase01'
let fake: FakeIntercom
let sut: RunningServer

beforeAll(async () => {
  fake = await startFakeIntercom({ workspaceId: WORKSPACE })
  sut = await startServer(testConfig({ INTERCOM_API_BASE_URL: fake.url }), { host: '127.0.0.1' })
  const outcome = await installThroughOAuth(sut.url)
  expect(outcome.location.searchParams.get('install_success')).toBe('true')
}, 120_000)

afterAll(async () => {
  await sut?.close()
  await fake?.close()
})

describe('erasure reaches Intercom', { timeout: 120_000 }, () => {
  it("clears our attributes on the erased person's contact through the write-back, touching nothing else", async () => {
    const email = 'erin@acme.test'
    const contact = fake.controls.addContact({ role: 'user', email, name: 'Erin Vale' })
    const { referrer } = await ensureReferrer(sut.ctx.db, {
      workspaceId: WORKSPACE,
      person: { contactId: contact.id, email, name: 'Erin Vale' },
      source: 'api',
      actor: SYSTEM,
    })
    await eventually(
      () => fake.state.contacts.get(contact.id)?.custom_attributes.referral_code === referrer.code,
      'the referral code written to the contact',
    )
    const putsBefore = fake.state.puts.length

    const result = await erasePerson(sut.ctx.db, {
      workspaceId: WORKSPACE,
      target: { email },
      actor: SYSTEM,
    })
    expect(result.status).toBe('erased')

    await eventually(
      () => fake.state.contacts.get(contact.id)?.custom_attributes.referral_code === null,
      'the referral code cleared on the contact',
    )
    const stored = fake.state.contacts.get(contact.id)
    expect(stored?.custom_attributes).toMatchObject({
      referral_code: null,
      referral_link: null,
      referral_count: null,
      referral_converted_count: null,
    })
    // Only our custom attributes were sent: the contact's own fields are as they were.
    expect(stored).toMatchObject({ email, name: 'Erin Vale', role: 'user' })
    const clearing = fake.state.puts.slice(putsBefore).filter((p) => p.contactId === contact.id)
    expect(clearing.length).toBeGreaterThan(0)
    for (const put of clearing) expect(Object.keys(put.body)).toEqual(['custom_attributes'])

    // Once written, the contact id kept for that write is gone from the outbox too.
    await eventually(async () => {
      const left = await sut.ctx.db
        .selectFrom('pending_contact_writes')
        .select('erased_contact_id')
        .where('workspace_id', '=', WORKSPACE)
        .execute()
      return left.length === 0
    }, 'the pending write settled')
  })
})
