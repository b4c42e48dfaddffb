import request from 'supertest'
import { afterEach, describe, expect, it } from 'vitest'
import { syncDataAttributes } from '../../src/intercom/data-attributes.js'
import { listDeadLetters, retryDeadLetter } from '../../src/intercom/writeback/dead-letters.js'
import { getDefaultCampaign, updateCampaign } from '../../src/ledger/campaigns.js'
import { attributeReferral, qualifyReferral } from '../../src/ledger/referrals.js'
import { ensureReferrer, resolveCode } from '../../src/ledger/referrers.js'
import { startServer, type RunningServer } from '../../src/server.js'
import { startFakeIntercom, type FakeIntercom } from '../fake-intercom/server.js'
import { testApp, testConfig } from '../support/app.js'
import { signedCanvas } from '../support/intercom.js'
import { eventually, installThroughOAuth } from '../support/intercom-install.js'
import { SYSTEM } from '../support/ledger.js'

const PUBLIC_URL = 'https://referrals.example.test'
let running: { fake: FakeIntercom; sut: RunningServer } | null = null

afterEach(async () => {
  await running?.sut.close()
  await running?.fake.close()
  running = null
})

/** A fake Intercom of this test's own, the app pointed at it, and the app installed through OAuth. */
async function installed(workspaceId: string) {
  const fake = await startFakeIntercom({ workspaceId })
  const sut = await startServer(testConfig({ INTERCOM_API_BASE_URL: fake.url }), {
    host: '127.0.0.1',
  })
  running = { fake, sut }
  const outcome = await installThroughOAuth(sut.url)
  expect(outcome.location.searchParams.get('install_success')).toBe('true')
  return { fake, sut, db: sut.ctx.db }
}

/** The token the app holds: the last one the fake issued through the OAuth exchange. */
function appToken(fake: FakeIntercom): string {
  return [...fake.state.tokens.keys()].at(-1) ?? ''
}

async function referrerWithContact(
  fake: FakeIntercom,
  sut: RunningServer,
  workspaceId: string,
  name: string,
) {
  const email = `${name.toLowerCase()}@acme.test`
  const contact = fake.controls.addContact({ role: 'user', email, name })
  const { referrer } = await ensureReferrer(sut.ctx.db, {
    workspaceId,
    person: { contactId: contact.id, email, name },
    source: 'api',
    actor: SYSTEM,
  })
  return { contact, referrer }
}

async function pendingWrites(sut: RunningServer, workspaceId: string): Promise<number> {
  const rows = await sut.ctx.db
    .selectFrom('pending_contact_writes')
    .select('participant_id')
    .where('workspace_id', '=', workspaceId)
    .execute()
  return rows.length
}

// Each test starts its own app and fake; a loaded machine makes that slow, so bounds are generous.
describe('contact write-back', { timeout: 180_000 }, () => {
  describe('happy', () => {
    it("delivers every contact's latest values after Intercom answered 429 for a while, losing none", async () => {
      const workspaceId = 'wsburst01'
      const { fake, sut } = await installed(workspaceId)
      // The next calls, not the next seconds: on a busy machine the first write may come later.
      fake.controls.force429({ count: 6 })

      const expected = new Map<string, Record<string, unknown>>()
      for (let i = 0; i < 4; i++) {
        const { contact, referrer } = await referrerWithContact(fake, sut, workspaceId, `Ref${i}`)
        let converted = 0
        for (let f = 0; f <= i; f++) {
          const friendEmail = `friend${i}-${f}@other.test`
          const friendContact = fake.controls.addContact({ role: 'lead', email: friendEmail })
          const { referral } = await attributeReferral(sut.ctx.db, {
            workspaceId,
            referrer: { code: referrer.code },
            friend: { contactId: friendContact.id, email: friendEmail, name: `Friend ${f}` },
            source: 'api',
            actor: SYSTEM,
          })
          const qualify = f % 2 === 0
          if (qualify) {
            await qualifyReferral(sut.ctx.db, {
              workspaceId,
              referralId: referral.id,
              actor: SYSTEM,
            })
            converted++
          }
          expected.set(friendContact.id, {
            referred_by_code: referrer.code,
            referral_status: qualify ? 'qualified' : 'pending',
          })
        }
        expected.set(contact.id, {
          referral_code: referrer.code,
          referral_link: `${PUBLIC_URL}/r/${referrer.code}`,
          referral_count: i + 1,
          referral_converted_count: converted,
        })
      }

      for (const [contactId, values] of expected) {
        await eventually(() => {
          const attributes = fake.state.contacts.get(contactId)?.custom_attributes ?? {}
          return Object.entries(values).every(([k, v]) => attributes[k] === v)
        }, `the latest attributes of ${contactId}`)
        // The last PUT carried the latest values: a stale write never lands after a fresh one.
        const last = fake.state.puts.filter((p) => p.contactId === contactId).at(-1)
        expect(last?.body.custom_attributes).toMatchObject(values)
      }
      expect(fake.state.requests.some((r) => r.status === 429)).toBe(true)
      await eventually(
        async () => (await pendingWrites(sut, workspaceId)) === 0,
        'no pending writes',
      )
    })

    it('retries 5xx answers until the write arrives', async () => {
      const workspaceId = 'wsretry01'
      const { fake, sut } = await installed(workspaceId)
      fake.controls.force5xx(3, 502)
      const { contact, referrer } = await referrerWithContact(fake, sut, workspaceId, 'Jane')
      await eventually(
        () =>
          fake.state.contacts.get(contact.id)?.custom_attributes.referral_code === referrer.code,
        'the referral code after 5xx answers',
        90_000,
      )
      expect(fake.state.requests.filter((r) => r.status === 502).length).toBeGreaterThan(0)
    })
  })

  describe('errors', () => {
    it('puts a write Intercom refuses (4xx) on the dead-letter list, and sends it again on retry', async () => {
      const workspaceId = 'wsdead01'
      const { fake, sut } = await installed(workspaceId)
      const campaign = await getDefaultCampaign(sut.ctx.db, workspaceId)
      // A renamed attribute Intercom has archived: the fake refuses it with a 400 that creating
      // attributes cannot cure (a missing one is created and the write retried instead).
      fake.controls.defineAttribute('my_referral_code', 'string')
      const archived = fake.state.dataAttributes.get('my_referral_code')!
      fake.state.dataAttributes.set('my_referral_code', { ...archived, archived: true })
      await updateCampaign(sut.ctx.db, {
        workspaceId,
        campaignId: campaign.id,
        settings: {
          ...campaign.settings,
          attributes: { ...campaign.settings.attributes, referral_code: 'my_referral_code' },
        },
        actor: SYSTEM,
      })
      const { contact, referrer } = await referrerWithContact(fake, sut, workspaceId, 'Dora')
      const [letter] = await eventually(async () => {
        const letters = await listDeadLetters(sut.ctx.db, workspaceId)
        return letters.length > 0 ? letters : undefined
      }, 'a dead letter')
      expect(letter).toMatchObject({
        contactId: contact.id,
        statusCode: 400,
        reason: expect.stringMatching(/my_referral_code/),
      })
      expect(await pendingWrites(sut, workspaceId)).toBe(0)

      fake.state.dataAttributes.set('my_referral_code', { ...archived, archived: false })
      await syncDataAttributes(sut.ctx, workspaceId)
      expect(fake.state.dataAttributes.has('my_referral_code')).toBe(true)
      expect(await retryDeadLetter(sut.ctx, workspaceId, letter!.id)).toBe(true)
      await eventually(
        () =>
          fake.state.contacts.get(contact.id)?.custom_attributes.my_referral_code === referrer.code,
        'the renamed attribute after the retry',
      )
      await eventually(
        async () => (await listDeadLetters(sut.ctx.db, workspaceId)).length === 0,
        'the dead letter settled',
      )
      expect(await retryDeadLetter(sut.ctx, 'another-workspace', letter!.id)).toBe(false)
    })

    it('marks the workspace disconnected on a 401 and stops retrying', async () => {
      const workspaceId = 'wsrevoked01'
      const { fake, sut } = await installed(workspaceId)
      fake.controls.revokeToken(appToken(fake))
      await referrerWithContact(fake, sut, workspaceId, 'Rex')
      const row = await eventually(async () => {
        const found = await sut.ctx.db
          .selectFrom('workspaces')
          .select(['status', 'status_reason', 'access_token_ciphertext'])
          .where('id', '=', workspaceId)
          .executeTakeFirstOrThrow()
        return found.status === 'disconnected' ? found : undefined
      }, 'the workspace disconnected')
      expect(row.access_token_ciphertext).toBeNull()
      expect(row.status_reason).toBeTruthy()
      // Nothing is queued to try again; the change waits, pending, for a re-install.
      const live = await sut.ctx.database.executeSql(
        `select id from pgboss.job where name = 'contact-writeback' and state in ('created', 'retry')`,
      )
      expect(live.rows).toHaveLength(0)
      expect(await pendingWrites(sut, workspaceId)).toBe(1)
    })

    it('creates attributes that went missing in Intercom and writes, instead of dead-lettering', async () => {
      const workspaceId = 'wsmissing1'
      const { fake, sut } = await installed(workspaceId)
      // As if the write raced attribute creation: Intercom does not know the attributes yet.
      fake.state.dataAttributes.delete('referral_code')
      fake.state.dataAttributes.delete('referral_link')

      const contact = fake.controls.addContact({
        role: 'user',
        email: 'mia@acme.test',
        name: 'Mia',
      })
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
      expect(written.custom_attributes?.referral_link).toBe(`${PUBLIC_URL}/r/${referrer.code}`)
      expect(fake.state.dataAttributes.has('referral_code')).toBe(true)
      expect(await listDeadLetters(sut.ctx.db, workspaceId)).toEqual([])
    })
  })

  describe('uninstall', () => {
    it('deletes the token, keeps the ledger, and a re-install writes what changed meanwhile', async () => {
      const workspaceId = 'wsuninstall01'
      const { fake, sut } = await installed(workspaceId)
      const { contact, referrer } = await referrerWithContact(fake, sut, workspaceId, 'Uma')
      await eventually(
        () =>
          fake.state.contacts.get(contact.id)?.custom_attributes.referral_code === referrer.code,
        'the first write',
      )

      const { raw, headers } = signedCanvas({ app_id: workspaceId })
      const refused = await fetch(`${sut.url}/intercom/uninstall`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: raw,
      })
      expect(refused.status).toBe(401)
      const response = await fetch(`${sut.url}/intercom/uninstall`, {
        method: 'POST',
        headers,
        body: raw,
      })
      expect(response.status).toBe(200)
      const row = await sut.ctx.db
        .selectFrom('workspaces')
        .select(['status', 'access_token_ciphertext'])
        .where('id', '=', workspaceId)
        .executeTakeFirstOrThrow()
      expect(row).toEqual({ status: 'uninstalled', access_token_ciphertext: null })

      const putsBefore = fake.state.puts.length
      await attributeReferral(sut.ctx.db, {
        workspaceId,
        referrer: { code: referrer.code },
        friend: { email: 'late@other.test' },
        source: 'api',
        actor: SYSTEM,
      })
      expect(await pendingWrites(sut, workspaceId)).toBeGreaterThan(0)
      expect(fake.state.puts.length).toBe(putsBefore)

      await installThroughOAuth(sut.url)
      expect((await resolveCode(sut.ctx.db, workspaceId, referrer.code))?.referrer.id).toBe(
        referrer.id,
      )
      await eventually(
        () => fake.state.contacts.get(contact.id)?.custom_attributes.referral_count === 1,
        'the change made while uninstalled',
      )
    })

    it('refuses an uninstall without app_id (400), and an unsigned one (401)', async () => {
      const { app } = await testApp()
      const { raw, headers } = signedCanvas({})
      const missing = await request(app).post('/intercom/uninstall').set(headers).send(raw)
      expect(missing.status).toBe(400)
      const unsigned = await request(app)
        .post('/intercom/uninstall')
        .set('content-type', 'application/json')
        .send(JSON.stringify({ app_id: 'wsuninstall02' }))
      expect(unsigned.status).toBe(401)
    })
  })
})
