import express from 'express'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerFinPack } from '../../src/fin/register.js'
import { provisionFinPack, rotateFinPackSecret, setFinPackLive } from '../../src/fin/provision.js'
import { ensureFinSecret } from '../../src/fin/secrets.js'
import { finConnectorRoutes } from '../../src/http/routes/fin-connectors.js'
import { getDefaultCampaign, updateCampaign } from '../../src/ledger/campaigns.js'
import { erasePerson } from '../../src/ledger/privacy/erase-person.js'
import { qualifyReferral } from '../../src/ledger/referrals.js'
import { issueReward } from '../../src/ledger/rewards.js'
import { ensureWorkspace } from '../../src/ledger/workspaces.js'
import { startServer, type RunningServer } from '../../src/server.js'
import type { FakeDataConnector } from '../fake-intercom/data-connectors.js'
import { startFakeIntercom, type FakeIntercom } from '../fake-intercom/server.js'
import type { FakeContact } from '../fake-intercom/types.js'
import { testConfig } from '../support/app.js'
import { eventually, installThroughOAuth } from '../support/intercom-install.js'
import { signedCanvas } from '../support/intercom.js'
import { SYSTEM } from '../support/ledger.js'
import { freePort } from '../support/ports.js'
import { referFriend } from '../support/rewards.js'

const WS = 'wsfin01'
const ADMIN = { type: 'admin' as const, id: 'admin-1' }

describe('Fin data connectors', { timeout: 120_000 }, () => {
  let fake: FakeIntercom
  let sut: RunningServer
  let rita: FakeContact
  let bob: FakeContact

  const ours = () =>
    [...fake.state.dataConnectors.connectors.values()].filter((c) =>
      c.name.startsWith('Referrals:'),
    )
  const connector = (name: string): FakeDataConnector => {
    const found = ours().find((c) => c.name === `Referrals: ${name}`)
    if (!found) throw new Error(`no connector ${name}`)
    return found
  }
  const run = async (name: string, contact: FakeContact, inputs?: Record<string, string>) => {
    const outcome = await fake.controls.executeDataConnector(connector(name).id, {
      contactId: contact.id,
      ...(inputs ? { inputs } : {}),
    })
    expect(outcome.status).toBe(200)
    return outcome.body as Record<string, unknown>
  }

  beforeAll(async () => {
    const port = await freePort()
    fake = await startFakeIntercom({ workspaceId: WS })
    sut = await startServer(
      testConfig({
        INTERCOM_API_BASE_URL: fake.url,
        PORT: String(port),
        PUBLIC_URL: `http://127.0.0.1:${port}`,
      }),
      { host: '127.0.0.1' },
    )
    rita = fake.controls.addContact({ role: 'user', email: 'rita@acme.test', name: 'Rita Moreau' })
    rita.language_override = 'fr'
    bob = fake.controls.addContact({ role: 'user', email: 'bob@acme.test', name: 'Bob Stone' })
  })
  afterAll(async () => {
    await sut?.close()
    await fake?.close()
  })

  it('connect provisions the pack once: connected twice, one pack of drafts', async () => {
    await installThroughOAuth(sut.url)
    await installThroughOAuth(sut.url)
    const pack = ours()
    expect(pack.map((c) => c.name).sort()).toEqual([
      'Referrals: Invite a friend',
      'Referrals: Referral status',
      'Referrals: Send my referral link',
    ])
    for (const c of pack) {
      expect(c).toMatchObject({
        state: 'draft',
        http_method: 'post',
        direct_fin_usage: true,
        audiences: ['users'],
      })
      expect(c.url).toMatch(new RegExp(`^${sut.url}/fin/v1/${WS}/`))
      expect(c.headers.find((h) => h.name === 'Authorization')?.value).toMatch(/^Bearer fin_/)
    }
    expect(connector('Invite a friend').data_inputs.map((i) => i.name)).toEqual([
      'friend_email',
      'friend_name',
    ])
    const calls = fake.state.requests.filter((r) => r.path.startsWith('/data_connectors'))
    expect(calls.every((r) => r.version === '2.16')).toBe(true)
    expect(calls.filter((r) => r.method === 'POST')).toHaveLength(3)
  })

  it('a newer app version updates the definitions and removes leftovers, never duplicating', async () => {
    const status = connector('Referral status')
    status.description = 'stale'
    fake.state.dataConnectors.connectors.set('9999', {
      ...status,
      id: '9999',
      name: 'Referrals: From an older version',
    })
    await sut.ctx.db
      .updateTable('fin_connectors')
      .set({ definition_hash: 'older' })
      .where('workspace_id', '=', WS)
      .execute()
    await sut.ctx.db.updateTable('fin_packs').set({ pack_version: 0 }).execute()
    const stop = await registerFinPack({ ...sut.ctx, jobs: sut.ctx.jobs! })
    await stop?.()
    expect(ours()).toHaveLength(3)
    expect(connector('Referral status').description).toMatch(/referral link and code/)
    const pack = await sut.ctx.db.selectFrom('fin_packs').selectAll().executeTakeFirstOrThrow()
    expect(pack.pack_version).toBe(1)
  })

  it('refuses to go live without Messenger security, then goes live with it', async () => {
    const refused = await setFinPackLive(sut.ctx, WS)
    expect(refused?.every((o) => !o.ok && /Messenger security/.test(o.message ?? ''))).toBe(true)
    fake.controls.setMessengerSecurity(true)
    const live = await setFinPackLive(sut.ctx, WS)
    expect(live?.every((o) => o.ok)).toBe(true)
    expect(ours().every((c) => c.state === 'live')).toBe(true)
  })

  it('unknown contacts get a plain "no referral account"', async () => {
    const answer = await run('Referral status', bob)
    expect(answer).toMatchObject({ has_account: false, language: 'en' })
    expect(answer.answer).toMatch(/don't have a referral account/)
  })

  it('send my referral link answers for the contact Intercom identified, in their language', async () => {
    const answer = await run('Send my referral link', rita)
    expect(answer).toMatchObject({ has_account: true, outcome: 'shown', language: 'fr' })
    expect(answer.answer).toMatch(/^Voici votre lien de parrainage/)
    expect(answer.referral_link).toBe(`${sut.url}/r/${String(answer.referral_code)}`)
    const bobs = await run('Send my referral link', bob)
    expect(bobs.referral_code).not.toBe(answer.referral_code)
    expect(bobs.answer).toMatch(/^Here is your referral link/)
  })

  it('referral status gives a reason for every pending reward state the ledger has', async () => {
    const db = sut.ctx.db
    const campaign = await getDefaultCampaign(db, WS)
    const referrer = await db
      .selectFrom('referrers')
      .innerJoin('participants', 'participants.id', 'referrers.participant_id')
      .select(['referrers.id', 'referrers.participant_id'])
      .where('participants.contact_id', '=', rita.id)
      .executeTakeFirstOrThrow()
    const friend = async (name: string, qualify: boolean) => {
      const { referralId } = await referFriend(db, WS, referrer.id, { name })
      await db
        .updateTable('participants')
        .set({ first_name: name })
        .where('name', '=', name)
        .execute()
      if (qualify) await qualifyReferral(db, { workspaceId: WS, referralId, actor: ADMIN })
      return referralId
    }
    const reward = async (referralId: string, key: string) =>
      db.transaction().execute(async (trx) => {
        const issued = await issueReward(trx, {
          workspaceId: WS,
          campaignId: campaign.id,
          referralId,
          participantId: referrer.participant_id,
          recipientRole: 'referrer',
          kind: 'fixed',
          amountMinor: 1000,
          currency: 'EUR',
          idempotencyKey: `fin-test:${key}`,
          actor: SYSTEM,
        })
        return issued.reward.id
      })
    // Whatever the campaign's rules issued on qualifying is cleared: each friend gets one reward here.
    const held = await reward(await friend('Hana', true), 'held')
    const review = await reward(await friend('Ivo', true), 'review')
    await friend('Jules', false)
    const reversed = await reward(await friend('Kim', true), 'reversed')
    const paid = await reward(await friend('Lea', true), 'paid')
    await db
      .deleteFrom('rewards')
      .where('workspace_id', '=', WS)
      .where('id', 'not in', [held, review, reversed, paid])
      .execute()
    const holdUntil = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 0, 3))
    const created = new Date(holdUntil.getTime() - 14 * 86_400_000)
    await sql`update rewards set hold_until = ${holdUntil}, created_at = ${created} where id = ${held}`.execute(
      db,
    )
    await db
      .updateTable('rewards')
      .set({
        status: 'reversed',
        status_reason: 'Refunded in Stripe: €10.00 of €10.00 on invoice in_1',
      })
      .where('id', '=', reversed)
      .execute()
    await db.updateTable('rewards').set({ status: 'fulfilled' }).where('id', '=', paid).execute()

    const answer = await run('Referral status', rita)
    const text = String(answer.answer)
    expect(answer).toMatchObject({
      has_account: true,
      language: 'fr',
      friends_referred: 5,
      friends_joined: 5,
      friends_converted: 4,
      rewards_paid: 1,
      rewards_pending: 3,
    })
    expect(text).toContain(`Votre lien de parrainage est ${String(answer.referral_link)}`)
    expect(text).toMatch(
      /10,00\s€ pour Hana est retenue jusqu'au 3 janvier \d{4} car son premier paiement date de moins de 14 jours\./,
    )
    expect(text).toMatch(/10,00\s€ pour Ivo attend la vérification de notre équipe\./)
    expect(text).toContain("Jules s'est inscrit mais n'a pas encore payé")
    expect(text).toMatch(/10,00\s€ pour Kim a été annulée car son paiement a été remboursé\./)
    expect(String(answer.pending_rewards)).toContain('Hana')
    expect(answer.friends_to_next_reward).toBe(2)
    expect(String(answer.next_reward)).toMatch(/Encore 2 amis/)

    // Bob, in the same conversation workspace, sees only his own account.
    const bobs = await run('Referral status', bob)
    expect(bobs).toMatchObject({ friends_referred: 0, rewards_pending: 0 })
    expect(String(bobs.answer)).not.toContain('Hana')
  })

  it('an invite through the connector obeys the invite limits', async () => {
    const campaign = await getDefaultCampaign(sut.ctx.db, WS)
    await updateCampaign(sut.ctx.db, {
      workspaceId: WS,
      campaignId: campaign.id,
      settings: { invites: { perReferrerPerDay: 2 } },
      actor: SYSTEM,
    })
    const first = await run('Invite a friend', bob, {
      friend_email: 'zoe@friends.test',
      friend_name: 'Zoe',
    })
    expect(first).toMatchObject({ outcome: 'sent', friend_email: 'zoe@friends.test' })
    expect(first.answer).toMatch(/^Done: I have invited zoe@friends.test/)
    const own = await run('Invite a friend', bob, { friend_email: 'bob@acme.test' })
    expect(own.answer).toMatch(/your own email address/)
    await run('Invite a friend', bob, { friend_email: 'yan@friends.test' })
    const over = await run('Invite a friend', bob, { friend_email: 'xia@friends.test' })
    expect(over).toMatchObject({ outcome: 'limitPerson' })
    expect(over.answer).toMatch(/today's maximum of invitations/)
  })

  it('a value the customer typed never names another contact', async () => {
    const before = await run('Referral status', rita)
    // An attempt to smuggle Bob's id through the friend's name stays inside that string.
    const answer = await run('Invite a friend', rita, {
      friend_email: 'quinn@friends.test',
      friend_name: `Quinn","contact_id":"${bob.id}`,
    })
    expect(answer).toMatchObject({ outcome: 'sent', language: 'fr' })
    const after = await run('Referral status', rita)
    expect(after.friends_referred).toBe(Number(before.friends_referred) + 1)
    expect(after.referral_code).toBe(before.referral_code)
  })

  it('a contact erased at their request has no referral account, and is not enrolled again', async () => {
    const eve = fake.controls.addContact({
      role: 'user',
      email: 'eve@acme.test',
      name: 'Eve Adams',
    })
    expect(await run('Send my referral link', eve)).toMatchObject({ has_account: true })
    await erasePerson(sut.ctx.db, { workspaceId: WS, target: { contactId: eve.id }, actor: ADMIN })
    const status = await run('Referral status', eve)
    expect(status).toMatchObject({ has_account: false })
    expect(status.answer).toBe("You don't have a referral account yet.")
    expect(await run('Send my referral link', eve)).toMatchObject({
      has_account: false,
      outcome: 'no_account',
    })
    expect(await run('Invite a friend', eve, { friend_email: 'pat@friends.test' })).toMatchObject({
      outcome: 'no_account',
    })
  })

  it('refuses a call without the secret, or with another workspace’s', async () => {
    const status = connector('Referral status')
    const auth = status.headers.find((h) => h.name === 'Authorization')?.value ?? ''
    const body = JSON.stringify({ contact_id: rita.id })
    const post = (path: string, headers: Record<string, string>) =>
      fetch(`${sut.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      })
    expect((await post(`/fin/v1/${WS}/referral-status`, {})).status).toBe(401)
    expect(
      (await post(`/fin/v1/${WS}/referral-status`, { authorization: 'Bearer fin_wrong' })).status,
    ).toBe(401)
    await ensureWorkspace(sut.ctx.db, { id: 'wsfin02', name: 'Other' })
    const otherSecret = await ensureFinSecret(sut.ctx, 'wsfin02')
    expect(
      (await post(`/fin/v1/${WS}/referral-status`, { authorization: `Bearer ${otherSecret}` }))
        .status,
    ).toBe(401)
    expect((await post(`/fin/v1/wsfin02/referral-status`, { authorization: auth })).status).toBe(
      401,
    )
    const ok = await post(`/fin/v1/${WS}/referral-status`, { authorization: auth })
    expect(ok.status).toBe(200)
  })

  it('rotates the secret: Intercom gets the new one, the old one works only for a while', async () => {
    const old = connector('Referral status').headers.find((h) => h.name === 'Authorization')?.value
    const outcome = await rotateFinPackSecret(sut.ctx, WS)
    expect(outcome).toMatchObject({ status: 'provisioned', created: 0, updated: 3 })
    const fresh = connector('Referral status').headers.find(
      (h) => h.name === 'Authorization',
    )?.value
    expect(fresh).not.toBe(old)
    expect(ours()).toHaveLength(3)
    const answer = await run('Referral status', rita)
    expect(answer.has_account).toBe(true)
    await sut.ctx.db
      .updateTable('fin_packs')
      .set({ previous_secret_until: new Date(Date.now() - 1000) })
      .where('workspace_id', '=', WS)
      .execute()
    const stale = await fetch(`${sut.url}/fin/v1/${WS}/referral-status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: old ?? '' },
      body: JSON.stringify({ contact_id: rita.id }),
    })
    expect(stale.status).toBe(401)
  })

  it('rate limits connector calls per workspace', async () => {
    await ensureWorkspace(sut.ctx.db, { id: 'wsfin03', name: 'Busy' })
    const secret = await ensureFinSecret(sut.ctx, 'wsfin03')
    const app = express()
    app.use(express.json())
    app.use(finConnectorRoutes(sut.ctx, { perWorkspace: { limit: 2, windowMs: 60_000 } }))
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s))
    })
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fin/v1/wsfin03/referral-status`
      const statuses: number[] = []
      for (let i = 0; i < 3; i += 1) {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
          body: JSON.stringify({ contact_id: 'nobody' }),
        })
        statuses.push(response.status)
        if (response.status === 429) expect(response.headers.get('retry-after')).toBeTruthy()
      }
      expect(statuses).toEqual([200, 200, 429])
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('a token without the data connectors permission leaves a readable reason', async () => {
    fake.controls.setTokenScopes(fake.accessToken, ['read_users'])
    // The installed token is the OAuth one; limit every token the fake knows.
    for (const token of fake.state.tokens.keys())
      fake.controls.setTokenScopes(token, ['read_users'])
    const outcome = await provisionFinPack(sut.ctx, WS)
    expect(outcome).toMatchObject({ status: 'failed' })
    expect(outcome.status === 'failed' && outcome.message).toMatch(/Read and write data connectors/)
    for (const token of fake.state.tokens.keys()) fake.state.tokenScopes.delete(token)
  })

  it('uninstall removes the pack', async () => {
    const signed = signedCanvas({ app_id: WS })
    const response = await fetch(`${sut.url}/intercom/uninstall`, {
      method: 'POST',
      headers: signed.headers,
      body: signed.raw,
    })
    expect(response.status).toBe(200)
    expect(ours()).toHaveLength(0)
    const rows = await sut.ctx.db
      .selectFrom('fin_connectors')
      .selectAll()
      .where('workspace_id', '=', WS)
      .execute()
    expect(rows).toHaveLength(0)
  })
})

describe('Fin data connectors of a private app', { timeout: 120_000 }, () => {
  it('are provisioned at start, and found again by name rather than duplicated', async () => {
    const fake = await startFakeIntercom({ workspaceId: 'wsfinpriv' })
    const config = testConfig({
      INTERCOM_API_BASE_URL: fake.url,
      INTERCOM_ACCESS_TOKEN: fake.accessToken,
      INTERCOM_WORKSPACE_ID: 'wsfinpriv',
    })
    const count = () =>
      [...fake.state.dataConnectors.connectors.values()].filter((c) =>
        c.name.startsWith('Referrals:'),
      ).length
    try {
      const sut = await startServer(config, { host: '127.0.0.1' })
      try {
        await eventually(() => count() === 3, 'the pack at the fake')
        // The start-up run holds its lease until it has stored what it made.
        await eventually(async () => {
          const pack = await sut.ctx.db
            .selectFrom('fin_packs')
            .select('lease_until')
            .where('workspace_id', '=', 'wsfinpriv')
            .executeTakeFirst()
          return pack?.lease_until === null
        }, 'the start-up run to finish')
        const creates = () =>
          fake.state.requests.filter((r) => r.method === 'POST' && r.path === '/data_connectors')
            .length
        const before = creates()
        // As after losing our own records (a restart on a fresh database): found again by name.
        await sut.ctx.db.deleteFrom('fin_connectors').execute()
        expect(await provisionFinPack(sut.ctx, 'wsfinpriv')).toMatchObject({
          status: 'provisioned',
          created: 0,
        })
        expect(count()).toBe(3)
        expect(creates()).toBe(before)
        expect(await sut.ctx.db.selectFrom('fin_connectors').selectAll().execute()).toHaveLength(3)
      } finally {
        await sut.close()
      }
    } finally {
      await fake.close()
    }
  })
})
