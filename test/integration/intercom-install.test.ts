import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { attributeReferral } from '../../src/ledger/referrals.js'
import { ensureReferrer } from '../../src/ledger/referrers.js'
import { startServer, type RunningServer } from '../../src/server.js'
import { startFakeIntercom, type FakeIntercom } from '../fake-intercom/server.js'
import { testConfig } from '../support/app.js'
import {
  approveAtIntercom,
  authorizeRedirect,
  eventually,
  finishCallback,
  installThroughOAuth,
} from '../support/intercom-install.js'
import { SYSTEM } from '../support/ledger.js'

const ATTRIBUTES = [
  'referral_code',
  'referral_link',
  'referral_count',
  'referral_converted_count',
  'referral_last_at',
  'referred_by_code',
  'referral_status',
]

async function startPair(workspaceId: string): Promise<{ fake: FakeIntercom; sut: RunningServer }> {
  const fake = await startFakeIntercom({ workspaceId, adminEmail: 'owner@acme.test' })
  const sut = await startServer(testConfig({ INTERCOM_API_BASE_URL: fake.url }), {
    host: '127.0.0.1',
  })
  return { fake, sut }
}

function appStoreResult(location: URL) {
  expect(`${location.origin}${location.pathname}`).toBe(
    'https://app.intercom.com/appstore/redirect',
  )
  return {
    success: location.searchParams.get('install_success'),
    message: location.searchParams.get('error_message'),
  }
}

describe('Intercom install', { timeout: 120_000 }, () => {
  describe('happy', () => {
    let fake: FakeIntercom
    let sut: RunningServer
    beforeAll(async () => ({ fake, sut } = await startPair('wsinstall01')))
    afterAll(async () => {
      await sut.close()
      await fake.close()
    })

    it('sends the install URL to the authorize page with client id, redirect URI and a signed state', async () => {
      const authorize = await authorizeRedirect(sut.url)
      expect(`${authorize.origin}${authorize.pathname}`).toBe(`${fake.url}/oauth`)
      expect(authorize.searchParams.get('client_id')).toBe('test-client-id')
      expect(authorize.searchParams.get('redirect_uri')).toBe(
        'https://referrals.example.test/intercom/oauth/callback',
      )
      expect(authorize.searchParams.get('state')?.split('.')).toHaveLength(3)
    })

    it('installs through the whole dance: token exchange, /me, attributes, encrypted token, App Store redirect', async () => {
      const outcome = await installThroughOAuth(sut.url)
      expect(appStoreResult(outcome.location)).toEqual({ success: 'true', message: null })

      const paths = fake.state.requests.map((r) => `${r.method} ${r.path}`)
      expect(paths).toEqual(
        expect.arrayContaining([
          'GET /oauth',
          'POST /auth/eagle/token',
          'GET /me',
          'POST /data_attributes',
        ]),
      )
      for (const name of ATTRIBUTES) {
        expect(fake.state.dataAttributes.get(name)).toMatchObject({
          custom: true,
          model: 'contact',
        })
      }
      expect(fake.state.dataAttributes.get('referral_count')?.data_type).toBe('integer')
      expect(fake.state.dataAttributes.get('referral_last_at')?.data_type).toBe('date')

      const row = await sut.ctx.db
        .selectFrom('workspaces')
        .selectAll()
        .where('id', '=', 'wsinstall01')
        .executeTakeFirstOrThrow()
      expect(row).toMatchObject({ status: 'active', token_source: 'oauth', region: 'US' })
      // The token the fake issued is nowhere in the database in readable form.
      const issued = [...fake.state.tokens.keys()].filter((t) => t !== fake.accessToken)
      expect(issued.length).toBeGreaterThan(0)
      const dump = await sql<{
        dump: string
      }>`select (select json_agg(w) from workspaces w)::text as dump`.execute(sut.ctx.db)
      for (const token of issued) expect(dump.rows[0]?.dump).not.toContain(token)
      expect(row.access_token_ciphertext).toBeTruthy()
    })

    it("writes a referrer's attributes to Intercom after a referral", async () => {
      await installThroughOAuth(sut.url)
      const contact = fake.controls.addContact({
        role: 'user',
        email: 'jane@acme.test',
        name: 'Jane Doe',
      })
      const { referrer } = await ensureReferrer(sut.ctx.db, {
        workspaceId: 'wsinstall01',
        person: { contactId: contact.id, email: 'jane@acme.test', name: 'Jane Doe' },
        source: 'api',
        actor: SYSTEM,
      })
      await attributeReferral(sut.ctx.db, {
        workspaceId: 'wsinstall01',
        referrer: { code: referrer.code },
        friend: { email: 'friend@other.test', name: 'Friend' },
        source: 'api',
        actor: SYSTEM,
      })
      const written = await eventually(() => {
        const attributes = fake.state.contacts.get(contact.id)?.custom_attributes
        return attributes?.referral_count === 1 ? attributes : undefined
      }, 'the referral count at the fake')
      expect(written).toMatchObject({
        referral_code: referrer.code,
        referral_link: `https://referrals.example.test/r/${referrer.code}`,
        referral_count: 1,
        referral_converted_count: 0,
      })
      expect(written.referral_last_at).toEqual(expect.any(Number))
    })

    it('signs an admin in through OAuth (purpose admin) with a session cookie, storing nothing new', async () => {
      await installThroughOAuth(sut.url)
      const before = fake.state.requests.filter((r) => r.path === '/data_attributes').length
      const outcome = await installThroughOAuth(sut.url, 'admin')
      expect(outcome.location.pathname).toBe('/admin')
      expect(outcome.setCookie).toMatch(/^referrals_admin=.+HttpOnly/i)
      expect(fake.state.requests.filter((r) => r.path === '/data_attributes').length).toBe(before)
    })
  })

  describe('errors', () => {
    let fake: FakeIntercom
    let sut: RunningServer
    // No test in this block ever succeeds, so nothing may be stored for the fake's workspace.
    beforeAll(async () => ({ fake, sut } = await startPair('wsrefused01')))
    afterAll(async () => {
      await sut.close()
      await fake.close()
    })

    async function nothingStored() {
      const row = await sut.ctx.db
        .selectFrom('workspaces')
        .select(['status', 'access_token_ciphertext'])
        .where('id', '=', 'wsrefused01')
        .executeTakeFirst()
      expect(row?.access_token_ciphertext ?? null).toBeNull()
      expect(fake.state.dataAttributes.has('referral_code')).toBe(false)
    }

    it('refuses an invalid state', async () => {
      const callback = await approveAtIntercom(await authorizeRedirect(sut.url))
      callback.searchParams.set('state', `${callback.searchParams.get('state')}x`)
      const { location } = await finishCallback(sut.url, callback)
      const result = appStoreResult(location)
      expect(result.success).toBe('false')
      expect(result.message).toMatch(/could not be verified/)
      await nothingStored()
    })

    it('refuses a missing state', async () => {
      const callback = await approveAtIntercom(await authorizeRedirect(sut.url))
      callback.searchParams.delete('state')
      const result = appStoreResult((await finishCallback(sut.url, callback)).location)
      expect(result).toMatchObject({ success: 'false', message: expect.stringMatching(/state/) })
      await nothingStored()
    })

    it('refuses a replayed state, even with a fresh code', async () => {
      const authorize = await authorizeRedirect(sut.url)
      const callback = await approveAtIntercom(authorize)
      callback.searchParams.set('code', 'not-a-code')
      await finishCallback(sut.url, callback)
      const again = await approveAtIntercom(authorize)
      const result = appStoreResult((await finishCallback(sut.url, again)).location)
      expect(result).toMatchObject({
        success: 'false',
        message: expect.stringMatching(/already used/),
      })
      expect(fake.state.requests.filter((r) => r.path === '/auth/eagle/token')).toHaveLength(1)
      await nothingStored()
    })

    it('refuses a state older than 10 minutes', async () => {
      const callback = await approveAtIntercom(await authorizeRedirect(sut.url))
      vi.useFakeTimers({ now: Date.now() + 11 * 60_000, toFake: ['Date'] })
      try {
        const result = appStoreResult((await finishCallback(sut.url, callback)).location)
        expect(result).toMatchObject({
          success: 'false',
          message: expect.stringMatching(/expired/),
        })
      } finally {
        vi.useRealTimers()
      }
      await nothingStored()
    })

    it('refuses a bad code with a readable message', async () => {
      const callback = await approveAtIntercom(await authorizeRedirect(sut.url))
      callback.searchParams.set('code', 'bm90LWEtY29kZQ==')
      const result = appStoreResult((await finishCallback(sut.url, callback)).location)
      expect(result).toMatchObject({
        success: 'false',
        message: expect.stringMatching(/did not accept the authorization code/),
      })
      await nothingStored()
    })

    it('refuses when the teammate denied access at Intercom', async () => {
      const callback = await approveAtIntercom(await authorizeRedirect(sut.url))
      callback.searchParams.delete('code')
      callback.searchParams.set('error', 'access_denied')
      const result = appStoreResult((await finishCallback(sut.url, callback)).location)
      expect(result).toMatchObject({
        success: 'false',
        message: expect.stringMatching(/access_denied/),
      })
      await nothingStored()
    })

    it('reports an Intercom failure during the install and stores nothing', async () => {
      const callback = await approveAtIntercom(await authorizeRedirect(sut.url))
      // The token exchange works; /me (the next call) fails on Intercom's side every time.
      fake.controls.force5xx(20, 503)
      try {
        const result = appStoreResult((await finishCallback(sut.url, callback)).location)
        expect(result).toMatchObject({
          success: 'false',
          message: expect.stringMatching(/Intercom/),
        })
      } finally {
        fake.controls.clearFailures()
      }
      await nothingStored()
    })

    it('answers the install URL with 503 and a message when OAuth is not configured', async () => {
      const bare = await startServer(
        testConfig({ INTERCOM_CLIENT_ID: '', INTERCOM_API_BASE_URL: fake.url }),
        { host: '127.0.0.1', jobs: false },
      )
      try {
        const response = await fetch(`${bare.url}/intercom/install`, { redirect: 'manual' })
        expect(response.status).toBe(503)
        expect(await response.json()).toMatchObject({
          error: { message: expect.stringMatching(/INTERCOM_CLIENT_ID/) },
        })
      } finally {
        await bare.close()
      }
    })
  })
})
