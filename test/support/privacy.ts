import { randomBytes } from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema.js'
import { lockContactSnapshot, saveContactSnapshot } from '../../src/ledger/contact-snapshots.js'
import { recordLinkClick } from '../../src/ledger/link-clicks.js'
import { attributeReferral, qualifyReferral, rejectReferral } from '../../src/ledger/referrals.js'
import { ensureReferrer, resolveCodeAnywhere } from '../../src/ledger/referrers.js'
import { issueReward } from '../../src/ledger/rewards.js'
import { acceptNotifications } from '../../src/ledger/webhook-notifications.js'
import { SYSTEM } from './ledger.js'
import { campaignWith } from './rewards.js'

/** A person the app knows in every way it can: referrer, referred friend, clicks, snapshot, webhook. */
export interface SeededPerson {
  readonly workspaceId: string
  readonly campaignId: string
  readonly participantId: string
  readonly referrerId: string
  readonly contactId: string
  readonly email: string
  readonly name: string
  readonly code: string
  readonly notificationId: string
  readonly friendContactId: string
}

export async function seedPerson(db: Kysely<Database>): Promise<SeededPerson> {
  const tag = randomBytes(4).toString('hex')
  const { workspaceId, campaign } = await campaignWith(db, {
    rewards: {
      rules: [{ id: 'cash', kind: 'fixed', recipient: 'both', amountMinor: 1500, currency: 'USD' }],
    },
  })
  const person = {
    contactId: `jane_${tag}`,
    email: `Jane.Okafor+${tag}@Example.com`,
    name: `Jane Okafor${tag}`,
  }
  const jane = await ensureReferrer(db, { workspaceId, person, source: 'api', actor: SYSTEM })
  const bob = await ensureReferrer(db, {
    workspaceId,
    person: { contactId: `bob_${tag}`, email: `bob.${tag}@example.org`, name: 'Bob Brown' },
    source: 'api',
    actor: SYSTEM,
  })
  // Jane was referred by Bob and converted: both get a reward.
  const byBob = await attributeReferral(db, {
    workspaceId,
    referrer: { referrerId: bob.referrer.id },
    friend: person,
    source: 'link',
    actor: SYSTEM,
  })
  await qualifyReferral(db, { workspaceId, referralId: byBob.referral.id, actor: SYSTEM })
  // Jane invited two friends: one converted, one was rejected with a note that names her.
  const friendContactId = `friend_${tag}`
  const invited = []
  for (const [at, friend] of [
    { contactId: friendContactId, email: `kai.${tag}@example.org`, name: 'Kai Lee' },
    { email: `mo.${tag}@example.org`, name: 'Mo Diaz' },
  ].entries()) {
    invited.push(
      await attributeReferral(db, {
        workspaceId,
        referrer: { referrerId: jane.referrer.id },
        friend,
        source: at === 0 ? 'invite' : 'link',
        actor: { type: 'contact', id: person.contactId },
      }),
    )
  }
  await qualifyReferral(db, { workspaceId, referralId: invited[0]!.referral.id, actor: SYSTEM })
  await rejectReferral(db, {
    workspaceId,
    referralId: invited[1]!.referral.id,
    actor: SYSTEM,
    reason: `Duplicate: ${person.name} <${person.email}> invited them twice`,
  })
  await db.transaction().execute((trx) =>
    issueReward(trx, {
      workspaceId,
      campaignId: campaign.id,
      participantId: jane.participant.id,
      recipientRole: 'referrer',
      kind: 'fixed',
      amountMinor: 500,
      currency: 'USD',
      description: `Goodwill credit for ${person.name}`,
      idempotencyKey: `manual:${tag}`,
      actor: { type: 'admin', id: 'agent-7' },
    }),
  )
  const resolved = await resolveCodeAnywhere(db, jane.referrer.code)
  for (let i = 0; i < 3; i++)
    await recordLinkClick(db, { resolved: resolved!, visitorHash: randomBytes(16).toString('hex') })
  await db.transaction().execute(async (trx) => {
    await lockContactSnapshot(trx, workspaceId, person.contactId)
    await saveContactSnapshot(trx, {
      workspaceId,
      contactId: person.contactId,
      notificationId: `notif_${tag}`,
      notifiedAt: new Date(),
      state: {
        role: 'user',
        email: person.email,
        name: person.name,
        customAttributes: { referral_code: jane.referrer.code },
        attributes: { phone: '+44 20 7946 0000' },
      },
    })
  })
  await acceptNotifications(db, [
    {
      workspaceId,
      notificationId: `notif_${tag}`,
      topic: 'contact.user.updated',
      notifiedAt: new Date(),
      payloadJson: JSON.stringify({
        data: { item: { id: person.contactId, email: person.email, name: person.name } },
      }),
    },
  ])
  const stored = await db
    .selectFrom('webhook_notifications')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('notification_id', '=', `notif_${tag}`)
    .executeTakeFirstOrThrow()
  await db
    .updateTable('webhook_notifications')
    .set({ status: 'processed', processed_at: new Date() })
    .where('id', '=', stored.id)
    .execute()
  return {
    workspaceId,
    campaignId: campaign.id,
    participantId: jane.participant.id,
    referrerId: jane.referrer.id,
    contactId: person.contactId,
    email: person.email,
    name: person.name,
    code: jane.referrer.code,
    notificationId: stored.id,
    friendContactId,
  }
}

export interface Hit {
  readonly table: string
  readonly column: string
  readonly needle: string
}

/**
 * Every text and JSON column of every table in the database (any schema but the catalogs),
 * searched for each needle case-insensitively: where personal data would still be.
 */
export async function scanDatabase(db: Kysely<Database>, needles: string[]): Promise<Hit[]> {
  const columns = await sql<{ table_schema: string; table_name: string; column_name: string }>`
    select c.table_schema, c.table_name, c.column_name
    from information_schema.columns c
    join information_schema.tables t
      on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema not in ('pg_catalog', 'information_schema')
      and t.table_type = 'BASE TABLE'
      and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')
    order by 1, 2, 3`.execute(db)
  const hits: Hit[] = []
  for (const column of columns.rows) {
    const table = sql.table(`${column.table_schema}.${column.table_name}`)
    const ref = sql.ref(column.column_name)
    for (const needle of needles) {
      const found = await sql<{ n: number }>`
        select count(*)::int as n from ${table} where strpos(lower(${ref}::text), lower(${needle})) > 0`.execute(
        db,
      )
      if ((found.rows[0]?.n ?? 0) > 0)
        hits.push({
          table: `${column.table_schema}.${column.table_name}`,
          column: column.column_name,
          needle,
        })
    }
  }
  return hits
}

/** What must not change when someone is erased: counters, referral states, reward amounts. */
export async function ledgerCounts(db: Kysely<Database>, workspaceId: string) {
  const referrers = await db
    .selectFrom('referrers')
    .select([
      'id',
      'referral_count',
      'pending_count',
      'converted_count',
      'rejected_count',
      'click_count',
    ])
    .where('workspace_id', '=', workspaceId)
    .orderBy('id')
    .execute()
  const referrals = await db
    .selectFrom('referrals')
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .where('workspace_id', '=', workspaceId)
    .groupBy('status')
    .orderBy('status')
    .execute()
  const rewards = await db
    .selectFrom('rewards')
    .select(['id', 'status', 'amount_minor', 'currency', 'participant_id'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('id')
    .execute()
  const clicks = await db
    .selectFrom('link_clicks')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow()
  const events = await db
    .selectFrom('events')
    .select(['id', 'type', 'subject_type', 'subject_id'])
    .where('workspace_id', '=', workspaceId)
    .where('type', '!=', 'participant.erased')
    .orderBy('id')
    .execute()
  return { referrers, referrals, rewards, clicks: clicks.n, events }
}
