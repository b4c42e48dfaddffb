import type { Express } from 'express'
import { sql } from 'kysely'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectDatabase, type DatabaseHandle } from '../../db/connect.js'
import { migrateToLatest } from '../../db/migrate.js'
import { createApp } from '../../src/app.js'
import type { AppContext } from '../../src/context.js'
import { installRewardIssuing } from '../../src/rewards/reward-issuing.js'
import { LedgerListeners } from '../../src/ledger/listeners.js'
import { createLogger } from '../../src/logger.js'
import { liveCanvas, newContact } from '../canvas/payloads.js'
import { postSigned, textOf } from '../canvas/request.js'
import { contactNotification, newContactId } from '../integration/webhook-fixtures.js'
import { testConfig } from '../support/app.js'
import { pgliteTemplate } from '../support/pglite-template.js'
import { signedWebhook } from '../support/intercom.js'
import { newReferrer, newWorkspace } from '../support/ledger.js'

/**
 * The embedded database is one session. When it is saturated, Intercom's requests are answered at
 * once (a webhook 503 with Retry-After, a canvas that says so) instead of waiting behind it; what
 * was stored stays stored. Saturation is made, not timed: the test holds the session itself.
 */
describe('PGlite saturated', () => {
  let handle: DatabaseHandle
  let app: Express
  let workspaceId: string

  beforeAll(async () => {
    // From the migrated template the global setup dumped (an initdb and every migration otherwise).
    const snapshot = pgliteTemplate()
    handle = await connectDatabase(
      { kind: 'pglite', dataDir: 'memory://', ...(snapshot ? { snapshot } : {}) },
      { sessionQueueLimit: 2, plugins: [new LedgerListeners()] },
    )
    if (!snapshot) await migrateToLatest(handle.db)
    installRewardIssuing(handle.db)
    const ctx: AppContext = {
      // The production default (db/session-admission.ts), not the tests' longer wait.
      config: testConfig({ PGLITE_REQUEST_WAIT_MS: undefined }),
      database: handle,
      db: handle.db,
      logger: createLogger('silent'),
      jobs: null,
    }
    app = createApp(ctx)
    ;({ workspaceId } = await newWorkspace(handle.db))
  })
  afterAll(() => handle.close())

  /** Holds the one session (an open transaction) until the returned function is called. */
  async function holdSession(): Promise<() => Promise<void>> {
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    let held!: () => void
    const holding = new Promise<void>((resolve) => (held = resolve))
    const transaction = handle.db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx)
      held()
      await gate
    })
    await holding
    return async () => {
      release()
      await transaction
    }
  }

  const webhook = (contactId: string, id: string) =>
    signedWebhook(
      contactNotification({
        workspaceId,
        topic: 'contact.user.created',
        contact: { id: contactId, role: 'user' },
        id,
      }),
    )

  const stored = async () =>
    (
      await handle.db
        .selectFrom('webhook_notifications')
        .select('notification_id')
        .where('workspace_id', '=', workspaceId)
        .orderBy('notification_id')
        .execute()
    ).map((row) => row.notification_id)

  it('sheds at once when the session’s queue is full: 503 + Retry-After, and an error canvas', async () => {
    const before = webhook(newContactId(), 'notif_shed_1')
    await request(app).post('/intercom/webhooks').set(before.headers).send(before.raw).expect(200)
    const { participant } = await newReferrer(handle.db, workspaceId, 'Sara Shed')

    const release = await holdSession()
    // Background work (a job processor) queues and waits; two of them fill the queue.
    const background = [sql`select 1`.execute(handle.db), sql`select 2`.execute(handle.db)]
    const shed = webhook(newContactId(), 'notif_shed_2')
    const ack = await request(app).post('/intercom/webhooks').set(shed.headers).send(shed.raw)
    expect(ack.status).toBe(503)
    expect(ack.headers['retry-after']).toBe('1')
    expect(ack.body.error.code).toBe('busy')

    const contact = { ...newContact('Sara Shed'), id: participant.contactId! }
    const card = await postSigned(app, '/canvas/messenger/live', liveCanvas(workspaceId, contact))
    expect(card.status).toBe(200)
    expect(textOf(card.body)).toContain('We are very busy right now')
    const inbox = await postSigned(app, '/canvas/inbox/initialize', {
      workspace_id: workspaceId,
      context: { locale: 'fr' },
      contact,
      admin: { type: 'admin', id: '1' },
    })
    expect(inbox.status).toBe(200)
    expect(textOf(inbox.body)).toContain('très sollicité')

    // Both were answered while the session was still held; now it is let go.
    await release()
    await Promise.all(background)
    expect(await stored()).toEqual(['notif_shed_1'])
    // Intercom's redelivery is stored; the card answers again.
    await request(app).post('/intercom/webhooks').set(shed.headers).send(shed.raw).expect(200)
    expect(await stored()).toEqual(['notif_shed_1', 'notif_shed_2'])
    const again = await postSigned(app, '/canvas/messenger/live', liveCanvas(workspaceId, contact))
    expect(textOf(again.body)).toContain('0 joined · 0 converted')
  })

  it('gives up waiting for a held session within a second, never hangs', async () => {
    const release = await holdSession()
    try {
      const shed = webhook(newContactId(), 'notif_shed_3')
      const ack = await request(app).post('/intercom/webhooks').set(shed.headers).send(shed.raw)
      expect(ack.status).toBe(503)
      expect(ack.headers['retry-after']).toBe('1')
    } finally {
      await release()
    }
    expect(await stored()).not.toContain('notif_shed_3')
  })
})
