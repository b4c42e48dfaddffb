import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CampaignSettingsInput } from '../../src/ledger/campaign-settings.js'
import { getDefaultCampaign, updateCampaign } from '../../src/ledger/campaigns.js'
import { findParticipantByEmail } from '../../src/ledger/participants.js'
import { attributeReferral } from '../../src/ledger/referrals.js'
import { ensureReferrer } from '../../src/ledger/referrers.js'
import { startServer, type RunningServer } from '../../src/server.js'
import { startFakeIntercom, type FakeIntercom } from '../fake-intercom/server.js'
import { testConfig } from '../support/app.js'
import { eventually } from '../support/intercom-install.js'
import { SYSTEM } from '../support/ledger.js'

const PUBLIC_URL = 'https://referrals.example.test'
const WORKSPACE = 'wssynccontacts'
let fake: FakeIntercom
let sut: RunningServer

beforeAll(async () => {
  fake = await startFakeIntercom({ workspaceId: WORKSPACE, rateLimitPerMinute: 600_000 })
  for (const name of ['referrer_name', 'referral_campaign', 'lead_source', 'plan_status']) {
    fake.controls.defineAttribute(name, 'string')
  }
  sut = await startServer(
    testConfig({
      INTERCOM_API_BASE_URL: fake.url,
      INTERCOM_ACCESS_TOKEN: fake.accessToken,
      INTERCOM_WORKSPACE_ID: WORKSPACE,
    }),
    { host: '127.0.0.1' },
  )
  await eventually(() => fake.state.dataAttributes.has('referral_link'), 'contact attributes')
}, 120_000)

afterAll(async () => {
  await sut?.close()
  await fake?.close()
})

async function configure(
  intercom: CampaignSettingsInput['intercom'],
  extra: CampaignSettingsInput = {},
) {
  const campaign = await getDefaultCampaign(sut.ctx.db, WORKSPACE)
  await updateCampaign(sut.ctx.db, {
    workspaceId: WORKSPACE,
    campaignId: campaign.id,
    settings: {
      ...campaign.settings,
      ...extra,
      intercom: { ...campaign.settings.intercom, ...intercom },
    },
    actor: SYSTEM,
  })
}

/** The Intercom contact id the app stored on the person, once the job has run. */
async function linkedContact(email: string) {
  const contactId = await eventually(
    async () =>
      (await findParticipantByEmail(sut.ctx.db, WORKSPACE, email))?.contactId ?? undefined,
    `a contact id for ${email}`,
  )
  const contact = fake.state.contacts.get(contactId)
  if (!contact) throw new Error(`the fake has no contact ${contactId}`)
  return contact
}

function contactsWithEmail(email: string) {
  return [...fake.state.contacts.values()].filter((c) => c.email === email)
}

describe('sending people to Intercom', () => {
  it.each(['lead', 'user'] as const)(
    'creates a joining referrer as a %s with name, code, link and mapped fields',
    async (role) => {
      await configure({
        onReferrerJoin: role,
        referrerFields: { campaign: 'referral_campaign' },
        defaults: { lead_source: 'referral-program' },
      })
      const email = `joiner.${role}@acme.test`
      const { referrer } = await ensureReferrer(sut.ctx.db, {
        workspaceId: WORKSPACE,
        person: { email, name: `Jo ${role}` },
        source: 'link',
        actor: SYSTEM,
      })
      const contact = await linkedContact(email)
      expect(contact).toMatchObject({ role, email, name: `Jo ${role}` })
      expect(contact.custom_attributes).toMatchObject({
        referral_code: referrer.code,
        referral_link: `${PUBLIC_URL}/r/${referrer.code}`,
        referral_count: 0,
        referral_campaign: 'Refer a friend',
        lead_source: 'referral-program',
      })
    },
  )

  it('sends nobody when switched off, and never an imported referrer', async () => {
    await configure({ onReferrerJoin: 'none' })
    await ensureReferrer(sut.ctx.db, {
      workspaceId: WORKSPACE,
      person: { email: 'quiet@acme.test', name: 'Quiet' },
      source: 'link',
      actor: SYSTEM,
    })
    await configure({ onReferrerJoin: 'lead' })
    await ensureReferrer(sut.ctx.db, {
      workspaceId: WORKSPACE,
      person: { email: 'imported@acme.test', name: 'Imp' },
      source: 'imported',
      actor: SYSTEM,
    })
    // A later referrer is sent, so the queue has run past the two above.
    await ensureReferrer(sut.ctx.db, {
      workspaceId: WORKSPACE,
      person: { email: 'later@acme.test', name: 'Later' },
      source: 'link',
      actor: SYSTEM,
    })
    await linkedContact('later@acme.test')
    expect(contactsWithEmail('quiet@acme.test')).toHaveLength(0)
    expect(contactsWithEmail('imported@acme.test')).toHaveLength(0)
  })

  it('creates a referred friend with the qualification start value and the referrer on chosen attributes', async () => {
    await configure(
      {
        onReferrerJoin: 'none',
        onFriendReferred: 'user',
        friendFields: {
          referrerName: 'referrer_name',
          campaign: 'referral_campaign',
          source: 'lead_source',
        },
        defaults: {},
      },
      {
        qualification: {
          attribute: 'custom_attributes.plan_status',
          values: ['paid'],
          initialValue: 'trial',
        },
      },
    )
    const { referrer } = await ensureReferrer(sut.ctx.db, {
      workspaceId: WORKSPACE,
      person: {
        contactId: fake.controls.addContact({ role: 'user', email: 'ann@acme.test' }).id,
        email: 'ann@acme.test',
        name: 'Ann Smith',
      },
      source: 'api',
      actor: SYSTEM,
    })
    await attributeReferral(sut.ctx.db, {
      workspaceId: WORKSPACE,
      referrer: { code: referrer.code },
      friend: { email: 'bob@other.test', name: 'Bob Friend' },
      source: 'link',
      actor: SYSTEM,
    })
    const contact = await linkedContact('bob@other.test')
    expect(contact).toMatchObject({ role: 'user', name: 'Bob Friend' })
    expect(contact.custom_attributes).toMatchObject({
      plan_status: 'trial',
      referrer_name: 'Ann Smith',
      referral_campaign: 'Refer a friend',
      lead_source: 'link',
      referred_by_code: referrer.code,
      referral_status: 'pending',
    })
  })

  it.each([
    ['skip', 'Original Name'],
    ['update', 'Cara Friend'],
  ] as const)(
    'a friend who already exists (409) is linked, and with %s their fields are %s',
    async (policy, name) => {
      await configure({
        onFriendReferred: 'lead',
        duplicatePolicy: policy,
        friendFields: {},
        defaults: {},
      })
      const email = `cara.${policy}@other.test`
      const existing = fake.controls.addContact({ role: 'lead', email, name: 'Original Name' })
      const { referrer } = await ensureReferrer(sut.ctx.db, {
        workspaceId: WORKSPACE,
        person: { email: `dan.${policy}@acme.test`, name: 'Dan' },
        source: 'api',
        actor: SYSTEM,
      })
      await attributeReferral(sut.ctx.db, {
        workspaceId: WORKSPACE,
        referrer: { code: referrer.code },
        friend: { email, name: 'Cara Friend' },
        source: 'link',
        actor: SYSTEM,
      })
      const contact = await linkedContact(email)
      expect(contact.id).toBe(existing.id)
      expect(contactsWithEmail(email)).toHaveLength(1)
      expect(contact.name).toBe(name)
    },
  )
})
