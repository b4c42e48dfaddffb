import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db/connect.js'
import { startJobQueue, type JobQueue } from '../../src/jobs/queue.js'
import { purgeExpired } from '../../src/ledger/privacy/retention.js'
import { recordLinkClick } from '../../src/ledger/link-clicks.js'
import { resolveCodeAnywhere } from '../../src/ledger/referrers.js'
import { createLogger } from '../../src/logger.js'
import { freshDatabase, testDatabaseKind } from '../support/db.js'
import { newReferrer, newWorkspace } from '../support/ledger.js'

const PERIODS = {
  linkClicksDays: 180,
  contactSnapshotsDays: 90,
  webhookNotificationsDays: 30,
  finishedJobsDays: 7,
}

describe(`retention on ${testDatabaseKind()}`, () => {
  let handle: DatabaseHandle
  let jobs: JobQueue
  beforeAll(async () => {
    handle = await freshDatabase()
    jobs = await startJobQueue(handle, createLogger('silent'), { supervise: false })
  })
  afterAll(async () => {
    await jobs?.stop({ graceful: false, wait: true })
  })

  it('deletes only what is older than its period, in small batches, keeping the counters', async () => {
    const { db } = handle
    const { workspaceId } = await newWorkspace(db)
    const { referrer } = await newReferrer(db, workspaceId)
    const resolved = (await resolveCodeAnywhere(db, referrer.code))!
    for (let i = 0; i < 7; i++) await recordLinkClick(db, { resolved, visitorHash: `v${i}` })
    // 5 clicks from last year, 2 from yesterday; the boundary is 180 days.
    await sql`update link_clicks set clicked_at = now() - interval '400 days'
      where id in (select id from link_clicks where referrer_id = ${referrer.id} order by id limit 5)`.execute(
      db,
    )
    await sql`update link_clicks set clicked_at = now() - interval '1 day'
      where referrer_id = ${referrer.id} and clicked_at > now() - interval '1 hour'`.execute(db)

    for (const [contact, age] of [
      ['old-1', '100 days'],
      ['old-2', '91 days'],
      ['fresh', '89 days'],
    ] as const) {
      await sql`insert into contact_snapshots (workspace_id, contact_id, email, updated_at)
        values (${workspaceId}, ${contact}, ${`${contact}@example.com`}, now() - ${age}::interval)`.execute(
        db,
      )
    }
    for (const [id, status, age] of [
      ['n-old-done', 'processed', '31 days'],
      ['n-old-skipped', 'skipped', '60 days'],
      ['n-old-waiting', 'received', '60 days'],
      ['n-new-done', 'processed', '29 days'],
    ] as const) {
      await sql`insert into webhook_notifications
          (workspace_id, notification_id, topic, notified_at, payload, status, received_at)
        values (${workspaceId}, ${id}, 'contact.user.updated', now(), '{}'::jsonb, ${status},
          now() - ${age}::interval)`.execute(db)
    }
    await jobs.createQueue('retention-test')
    const ids: string[] = []
    for (let i = 0; i < 3; i++) ids.push((await jobs.send('retention-test', { i }))!)
    const fetched = await jobs.fetch('retention-test', { batchSize: 3 })
    await jobs.complete(
      'retention-test',
      fetched.map((job) => job.id),
    )
    await sql`update pgboss.job set completed_on = now() - interval '8 days'
      where name = 'retention-test' and id = any(${ids.slice(0, 2)}::uuid[])`.execute(db)
    const waiting = await jobs.send('retention-test', { waiting: true })
    await sql`update pgboss.job set created_on = now() - interval '30 days' where id = ${waiting}`.execute(
      db,
    )

    const outcome = await purgeExpired(db, PERIODS, { batch: 2 })
    expect(outcome).toMatchObject({
      linkClicks: 5,
      contactSnapshots: 2,
      webhookNotifications: 2,
      finishedJobs: 2,
    })

    const clicks = await db
      .selectFrom('link_clicks')
      .select('visitor_hash')
      .where('referrer_id', '=', referrer.id)
      .orderBy('id')
      .execute()
    expect(clicks.map((c) => c.visitor_hash)).toEqual(['v5', 'v6'])
    const counters = await db
      .selectFrom('referrers')
      .select('click_count')
      .where('id', '=', referrer.id)
      .executeTakeFirstOrThrow()
    expect(counters.click_count).toBe(7)
    const snapshots = await db
      .selectFrom('contact_snapshots')
      .select('contact_id')
      .where('workspace_id', '=', workspaceId)
      .execute()
    expect(snapshots).toEqual([{ contact_id: 'fresh' }])
    const notifications = await db
      .selectFrom('webhook_notifications')
      .select('notification_id')
      .where('workspace_id', '=', workspaceId)
      .orderBy('notification_id')
      .execute()
    expect(notifications.map((n) => n.notification_id)).toEqual(['n-new-done', 'n-old-waiting'])
    const left = await sql<{ id: string; state: string }>`
      select id, state from pgboss.job where name = 'retention-test' order by created_on`.execute(
      db,
    )
    expect(left.rows.map((row) => row.id).sort()).toEqual([ids[2], waiting].sort())

    // A second run finds nothing more.
    expect(await purgeExpired(db, PERIODS, { batch: 2 })).toMatchObject({
      linkClicks: 0,
      contactSnapshots: 0,
      webhookNotifications: 0,
      finishedJobs: 0,
    })
  })
})
