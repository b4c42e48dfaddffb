import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { attributesReady, createAttributeSetup } from '../../src/intercom/attribute-setup.js'
import { getIntercomApi } from '../../src/intercom/connections.js'
import { writeContact } from '../../src/intercom/writeback/write-contact.js'
import { getDefaultCampaign } from '../../src/ledger/campaigns.js'
import { ensureReferrer } from '../../src/ledger/referrers.js'
import { startServer, type RunningServer } from '../../src/server.js'
import { createContactFor } from '../../src/sync/create-contact.js'
import { startFakeIntercom, type FakeIntercom } from '../fake-intercom/server.js'
import { testConfig } from '../support/app.js'
import { eventually } from '../support/intercom-install.js'
import { SYSTEM } from '../support/ledger.js'

const WORKSPACE = 'wsattrs01'
const OURS = ['referral_code', 'referral_link', 'referral_count', 'referral_converted_count']
let fake: FakeIntercom
let sut: RunningServer

beforeAll(async () => {
  fake = await startFakeIntercom({ workspaceId: WORKSPACE })
  sut = await startServer(
    testConfig({
      INTERCOM_API_BASE_URL: fake.url,
      INTERCOM_ACCESS_TOKEN: fake.accessToken,
      INTERCOM_WORKSPACE_ID: WORKSPACE,
    }),
    { host: '127.0.0.1' },
  )
  await eventually(() => fake.state.dataAttributes.has('referral_code'), 'the start-up set-up')
}, 120_000)

afterAll(async () => {
  await sut?.close()
  await fake?.close()
})

/** As if the attributes were never created in this workspace (a fresh Intercom, a lost race). */
function forgetAttributes() {
  for (const name of [...fake.state.dataAttributes.keys()])
    if (fake.state.dataAttributes.get(name)?.custom) fake.state.dataAttributes.delete(name)
}

const contactRefusals = (from: number) =>
  fake.state.requests
    .slice(from)
    .filter((r) => r.path.startsWith('/contacts') && r.status === 400)

describe('attributes before values', { timeout: 120_000 }, () => {
  it('a writer of an instance that has not set up the attributes awaits the set-up: no contact write is refused', async () => {
    const email = 'ada@acme.test'
    const contact = fake.controls.addContact({ role: 'user', email, name: 'Ada' })
    const { referrer } = await ensureReferrer(sut.ctx.db, {
      workspaceId: WORKSPACE,
      person: { contactId: contact.id, email, name: 'Ada' },
      source: 'api',
      actor: SYSTEM,
    })
    await eventually(
      () => fake.state.contacts.get(contact.id)?.custom_attributes.referral_code === referrer.code,
      'the first write',
    )
    await sql`update referrers set referral_count = 3 where participant_id = ${referrer.participantId}`.execute(
      sut.ctx.db,
    )
    await sql`insert into pending_contact_writes (workspace_id, participant_id)
      values (${WORKSPACE}, ${referrer.participantId}) on conflict do nothing`.execute(sut.ctx.db)
    forgetAttributes()
    const from = fake.state.requests.length

    // A second instance: its own set-up, not yet run.
    const other = { ...sut.ctx, attributeSetup: createAttributeSetup() }
    const outcome = await writeContact(other, {
      workspaceId: WORKSPACE,
      participantId: referrer.participantId,
    })

    expect(outcome.kind).toBe('written')
    expect(contactRefusals(from)).toEqual([])
    expect(fake.state.contacts.get(contact.id)?.custom_attributes.referral_count).toBe(3)
  })

  it('a contact create refused for a missing attribute creates the attributes and is sent again, not dropped', async () => {
    await sql`update campaigns set settings = settings || '{"intercom":{"onReferrerJoin":"user"}}'::jsonb
      where workspace_id = ${WORKSPACE}`.execute(sut.ctx.db)
    const campaign = await getDefaultCampaign(sut.ctx.db, WORKSPACE)
    const email = 'grace@acme.test'
    const { referrer } = await ensureReferrer(sut.ctx.db, {
      workspaceId: WORKSPACE,
      person: { email, name: 'Grace' },
      source: 'api',
      actor: SYSTEM,
    })
    // The set-up of this instance already ran; Intercom lost the attributes since.
    await attributesReady(sut.ctx, WORKSPACE)
    forgetAttributes()
    const from = fake.state.requests.length

    const outcome = await createContactFor(
      {
        db: sut.ctx.db,
        publicUrl: sut.ctx.config.publicUrl,
        apiFor: (id) => getIntercomApi(sut.ctx, id),
        attributesReady: (id, options) => attributesReady(sut.ctx, id, options),
      },
      {
        workspaceId: WORKSPACE,
        campaignId: campaign.id,
        participantId: referrer.participantId,
        kind: 'referrer',
      },
    )

    // This call or the running worker (same deps) created it; either way the write was not dropped.
    expect(['created', 'updated', 'not-needed']).toContain(outcome.result)
    const created = await eventually(
      () => [...fake.state.contacts.values()].find((c) => c.email === email),
      'the contact created',
    )
    expect(contactRefusals(from).length).toBeGreaterThan(0)
    expect(created.custom_attributes.referral_code).toBe(referrer.code)
  })

  it('two set-ups racing on an empty workspace both succeed, and each attribute exists once', async () => {
    forgetAttributes()
    const first = { ...sut.ctx, attributeSetup: createAttributeSetup() }
    const second = { ...sut.ctx, attributeSetup: createAttributeSetup() }
    await Promise.all([attributesReady(first, WORKSPACE), attributesReady(second, WORKSPACE)])
    const names = [...fake.state.dataAttributes.values()].map((a) => a.name)
    for (const name of OURS) expect(names.filter((n) => n === name)).toHaveLength(1)
  })
})
