import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startServer, type RunningServer } from '../../src/server.js'
import { testConfig } from '../support/app.js'
import { newReferrer, newWorkspace } from '../support/ledger.js'
import { contactNotification, newContactId } from './webhook-fixtures.js'
import { signedWebhook } from '../support/intercom.js'

// The full path: the running server stores the notification, the instance's processor drains the table.
let running: RunningServer

beforeAll(async () => {
  running = await startServer(testConfig(), { host: '127.0.0.1' })
})

afterAll(async () => {
  await running?.close()
})

describe('webhook worker', () => {
  it('processes a stored notification from the table it was stored in', async () => {
    const { db } = running.ctx
    const { workspaceId } = await newWorkspace(db)
    const { referrer } = await newReferrer(db, workspaceId)
    const { raw, headers } = signedWebhook(
      contactNotification({
        workspaceId,
        topic: 'contact.user.created',
        contact: {
          id: newContactId(),
          role: 'user',
          custom_attributes: { referred_by_code: referrer.code },
        },
      }),
    )
    await request(running.url).post('/intercom/webhooks').set(headers).send(raw).expect(200)

    await vi.waitFor(
      async () => {
        const stored = await db
          .selectFrom('webhook_notifications')
          .select('status')
          .where('workspace_id', '=', workspaceId)
          .executeTakeFirstOrThrow()
        expect(stored.status).toBe('processed')
      },
      { timeout: 20_000, interval: 200 },
    )
    const referrals = await db
      .selectFrom('referrals')
      .select(['status', 'referrer_id'])
      .where('workspace_id', '=', workspaceId)
      .execute()
    expect(referrals).toEqual([{ status: 'qualified', referrer_id: referrer.id }])
  })
})
