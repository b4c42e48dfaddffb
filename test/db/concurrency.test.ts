import { beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db/connect.js'
import { attributeReferral } from '../../src/ledger/referrals.js'
import { ensureReferrer, getReferrer } from '../../src/ledger/referrers.js'
import { freshDatabase, testDatabaseKind } from '../support/db.js'
import { newReferrer, newWorkspace, SYSTEM } from '../support/ledger.js'

// On PostgreSQL these run truly in parallel over a pool; on PGlite they interleave on one session.
describe(`concurrency on ${testDatabaseKind()}`, () => {
  let handle: DatabaseHandle
  beforeAll(async () => {
    handle = await freshDatabase({ poolSize: 25 })
  })

  it('50 concurrent attributions of the same friend produce exactly one referral', async () => {
    const { workspaceId } = await newWorkspace(handle.db)
    const referrers = await Promise.all(
      Array.from({ length: 5 }, (_, i) => newReferrer(handle.db, workspaceId, `Ref${i}`)),
    )
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        attributeReferral(handle.db, {
          workspaceId,
          referrer: { code: referrers[i % 5]!.referrer.code },
          friend: { email: 'popular.friend@example.com' },
          source: 'link',
          actor: SYSTEM,
        }),
      ),
    )
    expect(results.filter((result) => result.created)).toHaveLength(1)
    const rows = await handle.db
      .selectFrom('referrals')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .execute()
    expect(rows).toHaveLength(1)
    const counts = await Promise.all(
      referrers.map(({ referrer }) => getReferrer(handle.db, workspaceId, referrer.id)),
    )
    expect(counts.reduce((sum, referrer) => sum + (referrer?.referralCount ?? 0), 0)).toBe(1)
    const friends = await handle.db
      .selectFrom('participants')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('email_normalized', '=', 'popular.friend@example.com')
      .execute()
    expect(friends).toHaveLength(1)
  })

  it('50 concurrent code creations for the same name produce 50 distinct codes', async () => {
    const { workspaceId } = await newWorkspace(handle.db)
    const enrolled = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        ensureReferrer(handle.db, {
          workspaceId,
          person: { email: `jane${i}@example.com`, name: 'Jane' },
          source: 'api',
          actor: SYSTEM,
        }),
      ),
    )
    const codes = new Set(enrolled.map(({ referrer }) => referrer.code.toLowerCase()))
    expect(codes.size).toBe(50)
    const rows = await handle.db
      .selectFrom('referral_codes')
      .select('code')
      .where('workspace_id', '=', workspaceId)
      .execute()
    expect(rows).toHaveLength(50)
  })

  it('the same person enrolled 20 times at once is one referrer with one code', async () => {
    const { workspaceId } = await newWorkspace(handle.db)
    const enrolled = await Promise.all(
      Array.from({ length: 20 }, () =>
        ensureReferrer(handle.db, {
          workspaceId,
          person: { contactId: 'c-same', email: 'same@example.com', name: 'Sam' },
          source: 'api',
          actor: SYSTEM,
        }),
      ),
    )
    expect(new Set(enrolled.map(({ referrer }) => referrer.id)).size).toBe(1)
    expect(enrolled.filter(({ created }) => created)).toHaveLength(1)
  })

  it('concurrent A→B and B→A leave exactly one of them standing', async () => {
    const { workspaceId } = await newWorkspace(handle.db)
    const a = await ensureReferrer(handle.db, {
      workspaceId,
      person: { email: 'a@example.com' },
      source: 'api',
      actor: SYSTEM,
    })
    const b = await ensureReferrer(handle.db, {
      workspaceId,
      person: { email: 'b@example.com' },
      source: 'api',
      actor: SYSTEM,
    })
    const settled = await Promise.allSettled([
      attributeReferral(handle.db, {
        workspaceId,
        referrer: { code: a.referrer.code },
        friend: { email: 'b@example.com' },
        source: 'invite',
        actor: SYSTEM,
      }),
      attributeReferral(handle.db, {
        workspaceId,
        referrer: { code: b.referrer.code },
        friend: { email: 'a@example.com' },
        source: 'invite',
        actor: SYSTEM,
      }),
    ])
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1)
    expect(
      await handle.db
        .selectFrom('referrals')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .execute(),
    ).toHaveLength(1)
  })
})
