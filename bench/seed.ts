import { sql } from 'kysely'
import type { DatabaseHandle } from '../db/connect.js'
import { getDefaultCampaign } from '../src/ledger/campaigns.js'
import { ensureWorkspace } from '../src/ledger/workspaces.js'

export const BENCH_WORKSPACE = 'bench'

export interface SeedResult {
  readonly workspaceId: string
  readonly campaignId: string
  readonly referrers: number
  readonly friends: number
  readonly seconds: number
}

/**
 * Seeds one workspace with `friends` referred participants spread over `friends / perReferrer`
 * referrers, counters consistent with the rows, in set-based SQL (a 1M-row seed takes seconds).
 * Friends qualified one after another over the last day (80 ms apart), as a live programme's do,
 * so a contest over them ranks referrers who reached their score at different times.
 */
export async function seedBenchData(
  handle: DatabaseHandle,
  friends: number,
  perReferrer = 10,
): Promise<SeedResult> {
  const started = Date.now()
  const { db } = handle
  await ensureWorkspace(db, { id: BENCH_WORKSPACE, name: 'Benchmark' })
  const campaign = await getDefaultCampaign(db, BENCH_WORKSPACE)
  const existing = await db
    .selectFrom('referrals')
    .select(db.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', BENCH_WORKSPACE)
    .executeTakeFirstOrThrow()
  const referrers = Math.ceil(friends / perReferrer)
  if (Number(existing.n) >= friends)
    return { workspaceId: BENCH_WORKSPACE, campaignId: campaign.id, referrers, friends, seconds: 0 }

  const batch = 100_000
  await sql`
    insert into participants (workspace_id, contact_id, email, email_normalized, name, first_name)
    select ${BENCH_WORKSPACE}, 'bench_r_' || g, 'ref' || g || '@bench.test', 'ref' || g || '@bench.test', 'Ref ' || g, 'Ref'
      from generate_series(1, ${referrers}::int) g`.execute(db)
  await sql`
    insert into referrers (workspace_id, campaign_id, participant_id, source, referral_count, pending_count, converted_count, last_referral_at)
    select ${BENCH_WORKSPACE}, ${campaign.id}::uuid, p.id, 'import', ${perReferrer}::int, ${perReferrer - Math.floor(perReferrer / 2)}::int, ${Math.floor(perReferrer / 2)}::int, now()
      from participants p where p.workspace_id = ${BENCH_WORKSPACE} and p.contact_id like 'bench\\_r\\_%'`.execute(
    db,
  )
  await sql`
    insert into referral_codes (workspace_id, campaign_id, referrer_id, code, code_normalized, is_primary)
    select r.workspace_id, r.campaign_id, r.id, 'ref-' || substr(p.contact_id, 9), 'ref-' || substr(p.contact_id, 9), true
      from referrers r join participants p on p.id = r.participant_id where r.workspace_id = ${BENCH_WORKSPACE}`.execute(
    db,
  )
  for (let from = 1; from <= friends; from += batch) {
    const to = Math.min(friends, from + batch - 1)
    await sql`
      insert into participants (workspace_id, contact_id, email, email_normalized, name, first_name)
      select ${BENCH_WORKSPACE}, 'bench_f_' || g, 'friend' || g || '@bench.test', 'friend' || g || '@bench.test', 'Friend ' || g, 'Friend'
        from generate_series(${from}::int, ${to}::int) g`.execute(db)
    await sql`
      insert into referrals (workspace_id, campaign_id, referrer_id, referrer_participant_id, friend_participant_id, source, status, qualified_at)
      select ${BENCH_WORKSPACE}, r.campaign_id, r.id, r.participant_id, f.id, 'link',
             case when (g - 1) % ${perReferrer}::int < ${Math.floor(perReferrer / 2)}::int then 'qualified' else 'pending' end,
             case when (g - 1) % ${perReferrer}::int < ${Math.floor(perReferrer / 2)}::int then now() - g * interval '80 milliseconds' else null end
        from generate_series(${from}::int, ${to}::int) g
        join participants f on f.workspace_id = ${BENCH_WORKSPACE} and f.contact_id = 'bench_f_' || g
        join participants rp on rp.workspace_id = ${BENCH_WORKSPACE} and rp.contact_id = 'bench_r_' || ((g - 1) / ${perReferrer}::int + 1)
        join referrers r on r.participant_id = rp.id`.execute(db)
  }
  await sql`analyze`.execute(db)
  return {
    workspaceId: BENCH_WORKSPACE,
    campaignId: campaign.id,
    referrers,
    friends,
    seconds: (Date.now() - started) / 1000,
  }
}
