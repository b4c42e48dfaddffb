import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startServer, type RunningServer } from '../../src/server.js'
import { testConfig } from '../support/app.js'
import { signedWebhook } from '../support/intercom.js'
import { ledgerCounts, scanDatabase, seedPerson } from '../support/privacy.js'
import { contactNotification } from './webhook-fixtures.js'

// The whole path: Intercom's signed contact.deleted, stored, run by the pg-boss worker.
let running: RunningServer

beforeAll(async () => {
  running = await startServer(testConfig(), { host: '127.0.0.1' })
})

afterAll(async () => {
  await running?.close()
})

async function deliver(body: unknown) {
  const { raw, headers } = signedWebhook(body)
  await request(running.url).post('/intercom/webhooks').set(headers).send(raw).expect(200)
}

async function settled(workspaceId: string) {
  await vi.waitFor(
    async () => {
      const open = await running.ctx.db
        .selectFrom('webhook_notifications')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('status', 'in', ['received', 'planned'])
        .execute()
      expect(open).toEqual([])
    },
    { timeout: 30_000, interval: 200 },
  )
}

describe('contact.deleted', { timeout: 150_000 }, () => {
  it('erases the person everywhere, jobs included; a later webhook does not bring them back', async () => {
    const { db } = running.ctx
    const jane = await seedPerson(db)
    const before = await ledgerCounts(db, jane.workspaceId)
    // A normal update first, so the job queue also holds work about her.
    await deliver(
      contactNotification({
        workspaceId: jane.workspaceId,
        topic: 'contact.user.updated',
        contact: { id: jane.contactId, role: 'user', email: jane.email, name: jane.name },
      }),
    )
    await settled(jane.workspaceId)

    await deliver(
      contactNotification({
        workspaceId: jane.workspaceId,
        topic: 'contact.deleted',
        contact: { id: jane.contactId, email: jane.email, name: jane.name },
      }),
    )
    await settled(jane.workspaceId)

    const needles = [jane.email, jane.name, jane.contactId, jane.code]
    await vi.waitFor(async () => expect(await scanDatabase(db, needles)).toEqual([]), {
      timeout: 20_000,
      interval: 500,
    })
    expect(await ledgerCounts(db, jane.workspaceId)).toEqual(before)
    const erasure = await db
      .selectFrom('events')
      .select(['actor_type', 'subject_id'])
      .where('workspace_id', '=', jane.workspaceId)
      .where('type', '=', 'participant.erased')
      .execute()
    expect(erasure).toEqual([{ actor_type: 'webhook', subject_id: jane.participantId }])
    await request(running.url).get(`/r/${jane.code}`).expect(410)

    // Intercom redelivers, and an old update arrives late: neither recreates her.
    await deliver(
      contactNotification({
        workspaceId: jane.workspaceId,
        topic: 'contact.user.updated',
        contact: {
          id: jane.contactId,
          role: 'user',
          email: jane.email,
          name: jane.name,
          custom_attributes: { referred_by_code: 'someone-else' },
        },
      }),
    )
    await settled(jane.workspaceId)
    await vi.waitFor(async () => expect(await scanDatabase(db, needles)).toEqual([]), {
      timeout: 20_000,
      interval: 500,
    })
    const people = await db
      .selectFrom('participants')
      .select('id')
      .where('workspace_id', '=', jane.workspaceId)
      .execute()
    expect(people).toHaveLength(before.referrers.length + 2)
  })
})
