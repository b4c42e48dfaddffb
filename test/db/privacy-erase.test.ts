import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db/connect.js'
import { ErasedPersonError } from '../../src/ledger/errors.js'
import { ensureParticipant } from '../../src/ledger/participants.js'
import { erasePerson } from '../../src/ledger/privacy/erase-person.js'
import { exportPerson } from '../../src/ledger/privacy/export-person.js'
import { isErasedCode } from '../../src/ledger/privacy/identity-hash.js'
import { resolveCodeAnywhere } from '../../src/ledger/referrers.js'
import { installRewardIssuing } from '../../src/rewards/reward-issuing.js'
import { createContactFor } from '../../src/sync/create-contact.js'
import { importPeople } from '../../src/sync/import-contacts.js'
import { getCampaign } from '../../src/ledger/campaigns.js'
import { freshDatabase, testDatabaseKind } from '../support/db.js'
import { ledgerCounts, scanDatabase, seedPerson } from '../support/privacy.js'

const OPERATOR = { type: 'operator', id: null } as const

describe(`erasing a person on ${testDatabaseKind()}`, () => {
  let handle: DatabaseHandle
  beforeAll(async () => {
    handle = await freshDatabase()
    installRewardIssuing(handle.db)
  })

  it('leaves no email, name or contact id in any table, with counts, amounts and events intact', async () => {
    const { db } = handle
    const jane = await seedPerson(db)
    const needles = [jane.email, jane.name, jane.contactId, jane.code]
    expect((await scanDatabase(db, needles)).length).toBeGreaterThan(5)
    const before = await ledgerCounts(db, jane.workspaceId)

    const result = await erasePerson(db, {
      workspaceId: jane.workspaceId,
      target: { contactId: jane.contactId },
      actor: OPERATOR,
      reason: 'Subject asked',
    })
    expect(result).toMatchObject({ status: 'erased', participantId: jane.participantId })

    expect(await scanDatabase(db, needles)).toEqual([])
    expect(await ledgerCounts(db, jane.workspaceId)).toEqual(before)
    const erased = await db
      .selectFrom('events')
      .selectAll()
      .where('workspace_id', '=', jane.workspaceId)
      .where('type', '=', 'participant.erased')
      .execute()
    expect(erased).toHaveLength(1)
    expect(erased[0]).toMatchObject({
      subject_type: 'participant',
      subject_id: jane.participantId,
      actor_type: 'operator',
    })
    // The tombstone row keeps the counts' references, and nothing that names her.
    const row = await db
      .selectFrom('participants')
      .selectAll()
      .where('id', '=', jane.participantId)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ contact_id: null, email: null, name: null, first_name: null })
    expect(row.erased_at).toBeInstanceOf(Date)
    // Click rows stay (the counter counts them) but lose their visitor hashes.
    const hashes = await db
      .selectFrom('link_clicks')
      .select('visitor_hash')
      .where('referrer_id', '=', jane.referrerId)
      .execute()
    expect(hashes).toEqual([{ visitor_hash: null }, { visitor_hash: null }, { visitor_hash: null }])
    // Her code no longer resolves, and is recognised as erased (the link answers 410).
    expect(await resolveCodeAnywhere(db, jane.code)).toBeNull()
    expect(await isErasedCode(db, jane.code)).toBe(true)
  })

  it('leaves a namesake and a look-alike address alone', async () => {
    const { db } = handle
    const jane = await seedPerson(db)
    const lookAlikes = [`mary.${jane.email}`, `${jane.email}.au`]
    const others = []
    for (const email of lookAlikes) {
      const { participant } = await ensureParticipant(db, jane.workspaceId, {
        email,
        name: jane.name,
      })
      others.push(participant)
    }
    await erasePerson(db, {
      workspaceId: jane.workspaceId,
      target: { contactId: jane.contactId },
      actor: OPERATOR,
    })
    const after = await db
      .selectFrom('participants')
      .select(['email', 'name'])
      .where(
        'id',
        'in',
        others.map((other) => other.id),
      )
      .orderBy('email')
      .execute()
    expect(after).toEqual(
      lookAlikes
        .map((email) => ({ email, name: jane.name }))
        .sort((a, b) => (a.email < b.email ? -1 : 1)),
    )
    expect(await scanDatabase(db, [jane.contactId, jane.code])).toEqual([])
  })

  it('is idempotent: a second erasure by any identifier changes nothing', async () => {
    const { db } = handle
    const jane = await seedPerson(db)
    const first = await erasePerson(db, {
      workspaceId: jane.workspaceId,
      target: { email: jane.email },
      actor: OPERATOR,
    })
    expect(first.status).toBe('erased')
    const events = await db
      .selectFrom('events')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('workspace_id', '=', jane.workspaceId)
      .executeTakeFirstOrThrow()
    for (const target of [
      { email: jane.email },
      { contactId: jane.contactId },
      { participantId: jane.participantId },
    ]) {
      const again = await erasePerson(db, {
        workspaceId: jane.workspaceId,
        target,
        actor: OPERATOR,
      })
      expect(again.status).toBe('already_erased')
    }
    const after = await db
      .selectFrom('events')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('workspace_id', '=', jane.workspaceId)
      .executeTakeFirstOrThrow()
    expect(after.n).toBe(events.n)
  })

  it('does not let a sync, an invite or a webhook bring the person back', async () => {
    const { db } = handle
    const jane = await seedPerson(db)
    await erasePerson(db, {
      workspaceId: jane.workspaceId,
      target: { contactId: jane.contactId },
      actor: OPERATOR,
    })
    await expect(
      ensureParticipant(db, jane.workspaceId, { email: jane.email.toUpperCase() }),
    ).rejects.toBeInstanceOf(ErasedPersonError)
    await expect(
      ensureParticipant(db, jane.workspaceId, { contactId: jane.contactId }),
    ).rejects.toBeInstanceOf(ErasedPersonError)
    const campaign = await getCampaign(db, jane.workspaceId, jane.campaignId)
    const page = await db.transaction().execute((trx) =>
      importPeople(trx, {
        campaign,
        people: [
          { contactId: jane.contactId, email: jane.email, name: jane.name },
          {
            contactId: `newcomer_${jane.participantId}`,
            email: 'newcomer@example.net',
            name: 'New Comer',
          },
        ],
        actor: SYSTEM_IMPORT,
      }),
    )
    expect(page).toEqual({ imported: 1, existing: 0 })
    // A queued contact creation for her (as the friend Bob referred) has nobody left to create.
    const referral = await db
      .selectFrom('referrals')
      .select('id')
      .where('friend_participant_id', '=', jane.participantId)
      .executeTakeFirstOrThrow()
    const creation = await createContactFor(
      {
        db,
        publicUrl: 'https://referrals.example.test',
        apiFor: async () => {
          throw new Error('Intercom must not be called for an erased person')
        },
      },
      {
        workspaceId: jane.workspaceId,
        campaignId: jane.campaignId,
        participantId: jane.participantId,
        kind: 'friend',
        referralId: referral.id,
      },
    )
    expect(creation).toEqual({ result: 'not-needed', reason: 'no email' })
    expect(await scanDatabase(db, [jane.email, jane.contactId])).toEqual([])
  })

  it('keeps the events table append-only outside an erasure', async () => {
    const { db } = handle
    const jane = await seedPerson(db)
    await expect(
      sql`update events set data = '{}'::jsonb where workspace_id = ${jane.workspaceId}`.execute(
        db,
      ),
    ).rejects.toThrow(/append-only/)
    await expect(
      sql`delete from events where workspace_id = ${jane.workspaceId}`.execute(db),
    ).rejects.toThrow(/append-only/)
    // Even with the erasure setting, another workspace's history and the event's shape stay put.
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`select set_config('referrals.erasure_workspace', 'someone-else', true)`.execute(
          trx,
        )
        await sql`update events set data = '{}'::jsonb where workspace_id = ${jane.workspaceId}`.execute(
          trx,
        )
      }),
    ).rejects.toThrow(/append-only/)
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`select set_config('referrals.erasure_workspace', ${jane.workspaceId}, true)`.execute(
          trx,
        )
        await sql`update events set type = 'forged' where workspace_id = ${jane.workspaceId}`.execute(
          trx,
        )
      }),
    ).rejects.toThrow(/append-only/)
  })

  it('exports every row the workspace holds about the person as one JSON document', async () => {
    const { db } = handle
    const jane = await seedPerson(db)
    const exported = await exportPerson(db, {
      workspaceId: jane.workspaceId,
      target: { contactId: jane.contactId },
    })
    expect(exported).not.toBeNull()
    const document = JSON.parse(JSON.stringify(exported))
    const ids = (rows: { id: unknown }[]) => rows.map((row) => String(row.id)).sort()
    const where = async <T extends { id: unknown }>(rows: Promise<T[]>) => ids(await rows)

    expect(document.person).toMatchObject({
      id: jane.participantId,
      email: jane.email,
      name: jane.name,
    })
    expect(ids(document.referrers)).toEqual(
      await where(
        db
          .selectFrom('referrers')
          .select('id')
          .where('participant_id', '=', jane.participantId)
          .execute(),
      ),
    )
    expect(document.referralCodes.map((c: { code: string }) => c.code)).toEqual([jane.code])
    expect(document.linkClicks).toHaveLength(3)
    expect(ids(document.referralsMade)).toEqual(
      await where(
        db
          .selectFrom('referrals')
          .select('id')
          .where('referrer_participant_id', '=', jane.participantId)
          .execute(),
      ),
    )
    expect(ids(document.referralsReceived)).toEqual(
      await where(
        db
          .selectFrom('referrals')
          .select('id')
          .where('friend_participant_id', '=', jane.participantId)
          .execute(),
      ),
    )
    expect(ids(document.rewards)).toEqual(
      await where(
        db
          .selectFrom('rewards')
          .select('id')
          .where('participant_id', '=', jane.participantId)
          .execute(),
      ),
    )
    expect(document.rewards).toHaveLength(3)
    expect(document.contactSnapshots).toHaveLength(1)
    expect(ids(document.webhookNotifications)).toEqual([jane.notificationId])
    // Every event about her, her referrals and rewards, and every one she caused.
    const subjects = [
      jane.participantId,
      jane.referrerId,
      ...ids(document.referralsMade),
      ...ids(document.referralsReceived),
      ...ids(document.rewards),
    ]
    const events = await db
      .selectFrom('events')
      .select('id')
      .where('workspace_id', '=', jane.workspaceId)
      .where((eb) => eb.or([eb('subject_id', 'in', subjects), eb('actor_id', '=', jane.contactId)]))
      .execute()
    expect(ids(document.events)).toEqual(ids(events))
    // Other people appear by ledger id only.
    expect(JSON.stringify(document)).not.toContain('Kai Lee')
  })
})

const SYSTEM_IMPORT = { type: 'import', id: null } as const
