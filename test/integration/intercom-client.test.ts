import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  IntercomApiError,
  IntercomConflictError,
  IntercomRateLimitedError,
  IntercomUnauthorizedError,
  type IntercomApi,
} from '../../src/intercom/api-types.js'
import { createIntercomApi } from '../../src/intercom/client.js'
import { IntercomRateLimiter } from '../../src/intercom/rate-limiter.js'
import { freshDatabase, newWorkspaceId } from '../support/db.js'
import { startFakeIntercom, type FakeIntercom } from '../fake-intercom/server.js'

let fake: FakeIntercom
let sut: IntercomApi
const database = await freshDatabase()

beforeAll(async () => {
  fake = await startFakeIntercom({ workspaceId: 'ws_client', workspaceName: 'Acme', region: 'EU' })
  fake.controls.defineAttribute('referral_code', 'string')
  fake.controls.defineAttribute('referral_count', 'integer')
  sut = createIntercomApi({ accessToken: fake.accessToken, region: 'EU', baseUrl: fake.url })
})
afterAll(() => fake.close())

describe('createIntercomApi', () => {
  describe('happy', () => {
    it('reads the workspace behind the token from /me', async () => {
      await expect(sut.me()).resolves.toEqual({
        workspaceId: 'ws_client',
        name: 'Acme',
        region: 'EU',
        adminEmail: 'admin@fake-intercom.test',
      })
      expect(fake.state.requests.at(-1)?.version).toBe('2.14')
    })

    it('creates a data attribute once and reports an existing one as exists', async () => {
      const input = { name: 'referral_link', model: 'contact', dataType: 'string' } as const
      await expect(sut.createDataAttribute(input)).resolves.toBe('created')
      await expect(sut.createDataAttribute(input)).resolves.toBe('exists')
      const attributes = await sut.listDataAttributes('contact')
      expect(attributes).toContainEqual({
        name: 'referral_link',
        dataType: 'string',
        custom: true,
        fullName: 'custom_attributes.referral_link',
        label: 'referral_link',
      })
      expect(fake.state.dataAttributes.get('referral_link')?.data_type).toBe('string')
    })

    it('creates, reads and updates a contact, merging custom attributes', async () => {
      const created = await sut.createContact({
        role: 'lead',
        email: 'friend@example.com',
        name: 'Friend',
        customAttributes: { referral_code: 'jane-k7p2' },
      })
      expect(created).toMatchObject({ role: 'lead', email: 'friend@example.com', name: 'Friend' })
      const updated = await sut.updateContact(created.id, {
        customAttributes: { referral_count: 3 },
      })
      expect(updated.customAttributes).toEqual({ referral_code: 'jane-k7p2', referral_count: 3 })
      const read = await sut.getContact(created.id)
      expect(read?.customAttributes).toEqual({ referral_code: 'jane-k7p2', referral_count: 3 })
      expect(fake.state.puts.filter((p) => p.contactId === created.id)).toHaveLength(1)
    })

    it('answers null for an unknown contact', async () => {
      await expect(sut.getContact('000000000000000000000000')).resolves.toBeNull()
    })

    it('pages through a search with the cursor, sorted as asked', async () => {
      fake.controls.seedContacts(7, { segments: ['Search A', 'Search B'] })
      const segment = [...fake.state.segments.values()].find((s) => s.name === 'Search A')
      const seen: string[] = []
      let cursor: string | null = null
      let pages = 0
      do {
        const page = await sut.searchContacts(
          { field: 'segment_id', operator: '=', value: segment?.id ?? '' },
          { perPage: 2, startingAfter: cursor, sort: { field: 'updated_at', order: 'ascending' } },
        )
        expect(page.totalCount).toBe(4)
        seen.push(...page.contacts.map((c) => c.id))
        cursor = page.nextCursor
        pages += 1
      } while (cursor)
      expect(pages).toBe(2)
      expect(new Set(seen).size).toBe(4)
      const members = [...fake.state.memberships].filter(([, s]) => s.has(segment?.id ?? ''))
      expect(seen.sort()).toEqual(members.map(([id]) => id).sort())
    })

    it('lists segments with their counts', async () => {
      const segments = await sut.listSegments()
      expect(segments.find((s) => s.name === 'Search B')?.count).toBe(3)
    })

    it('sends a data event on a contact', async () => {
      const contact = fake.controls.addContact({ role: 'user', email: 'evented@example.com' })
      await sut.createEvent({
        eventName: 'invited-friend',
        contactId: contact.id,
        createdAt: 1_790_000_000,
        metadata: { code: 'jane-k7p2' },
      })
      expect(fake.state.events).toContainEqual({
        event_name: 'invited-friend',
        created_at: 1_790_000_000,
        contact_id: contact.id,
        metadata: { code: 'jane-k7p2' },
      })
    })
  })

  describe('errors', () => {
    it('maps a duplicate contact to IntercomConflictError naming the existing id', async () => {
      const existing = fake.controls.addContact({ role: 'user', email: 'taken@example.com' })
      const error = await sut
        .createContact({ role: 'user', email: 'taken@example.com' })
        .catch((e) => e)
      expect(error).toBeInstanceOf(IntercomConflictError)
      expect((error as IntercomConflictError).existingContactId).toBe(existing.id)
    })

    it('maps 429 to IntercomRateLimitedError with the reset time', async () => {
      fake.controls.force429({ forMs: 30_000 })
      const error = await sut.listSegments().catch((e) => e)
      fake.controls.clearFailures()
      expect(error).toBeInstanceOf(IntercomRateLimitedError)
      expect((error as IntercomRateLimitedError).retryAt.getTime()).toBeGreaterThan(Date.now())
    })

    it('maps a revoked token to IntercomUnauthorizedError', async () => {
      const token = fake.controls.issueToken()
      const api = createIntercomApi({ accessToken: token, region: 'US', baseUrl: fake.url })
      await api.me()
      fake.controls.revokeToken(token)
      await expect(api.me()).rejects.toBeInstanceOf(IntercomUnauthorizedError)
    })

    it('maps 5xx and timeouts to retryable errors', async () => {
      fake.controls.force5xx(1, 503)
      const failed = await sut.listSegments().catch((e) => e)
      expect(failed).toMatchObject({ status: 503, retryable: true })
      fake.controls.forceTimeout(1)
      const impatient = createIntercomApi({
        accessToken: fake.accessToken,
        region: 'US',
        baseUrl: fake.url,
        timeoutInSeconds: 0.3,
      })
      const timedOut = await impatient.listSegments().catch((e) => e)
      expect(timedOut).toBeInstanceOf(IntercomApiError)
      expect(timedOut).toMatchObject({ status: null, retryable: true })
    })

    it('maps other 4xx to a final error carrying Intercom message', async () => {
      const contact = fake.controls.addContact({ role: 'user', email: 'strict@example.com' })
      const unknown = await sut
        .updateContact(contact.id, { customAttributes: { no_such_attribute: 'x' } })
        .catch((e) => e)
      expect(unknown).toMatchObject({ status: 400, retryable: false })
      expect((unknown as Error).message).toContain("'no_such_attribute' does not exist")
      const wrongType = await sut
        .updateContact(contact.id, { customAttributes: { referral_count: 'three' } })
        .catch((e) => e)
      expect(wrongType).toMatchObject({ status: 400, retryable: false })
      expect(fake.state.puts.filter((p) => p.contactId === contact.id)).toHaveLength(0)
    })
  })

  describe('rate limiter', () => {
    it('blocks the workspace after a 429 until Intercom resets', async () => {
      const workspaceId = newWorkspaceId()
      const limiter = new IntercomRateLimiter(database.db, { maxWaitMs: 0 })
      const api = createIntercomApi({
        accessToken: fake.accessToken,
        region: 'US',
        baseUrl: fake.url,
        workspaceId,
        limiter,
      })
      await api.listSegments()
      fake.controls.force429({ count: 1 })
      await expect(api.listSegments()).rejects.toBeInstanceOf(IntercomRateLimitedError)
      const callsBefore = fake.state.requests.length
      // The next call does not even reach Intercom: the limiter knows the workspace must wait.
      await expect(api.listSegments()).rejects.toBeInstanceOf(IntercomRateLimitedError)
      expect(fake.state.requests.length).toBe(callsBefore)
      expect((await limiter.headroom(workspaceId)).blockedUntil).not.toBeNull()
    })
  })
})
