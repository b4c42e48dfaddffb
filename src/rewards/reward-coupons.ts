import { sql } from 'kysely'
import { z } from 'zod'
import { getCampaign } from '../ledger/campaigns.js'
import type { Db, Trx } from '../ledger/db-types.js'

const poolName = z.string().trim().min(1).max(64)
const uploadSchema = z.object({
  workspaceId: z.string().min(1),
  campaignId: z.string().min(1),
  pool: poolName,
  codes: z.array(z.string().trim().min(1).max(200)).min(1).max(50_000),
})

export type UploadCouponsInput = z.input<typeof uploadSchema>

export interface PoolStatus {
  readonly pool: string
  readonly total: number
  readonly available: number
  readonly drawn: number
}

const CHUNK = 1000

/**
 * Adds codes to a campaign's pool. Codes are kept as typed (coupon codes can be case-sensitive);
 * repeats within the upload and codes already in the pool are skipped, so re-uploading a file is safe.
 */
export async function uploadCoupons(
  db: Db,
  input: UploadCouponsInput,
): Promise<{ added: number; skipped: number; status: PoolStatus }> {
  const parsed = uploadSchema.parse(input)
  const campaign = await getCampaign(db, parsed.workspaceId, parsed.campaignId)
  const unique = [...new Set(parsed.codes)]
  let added = 0
  await db.transaction().execute(async (trx) => {
    for (let at = 0; at < unique.length; at += CHUNK) {
      const rows = await trx
        .insertInto('coupon_codes')
        .values(
          unique.slice(at, at + CHUNK).map((code) => ({
            workspace_id: parsed.workspaceId,
            campaign_id: campaign.id,
            pool: parsed.pool,
            code,
          })),
        )
        .onConflict((oc) => oc.columns(['workspace_id', 'campaign_id', 'pool', 'code']).doNothing())
        .returning('id')
        .execute()
      added += rows.length
    }
  })
  const status = await poolStatus(db, {
    workspaceId: parsed.workspaceId,
    campaignId: campaign.id,
    pool: parsed.pool,
  })
  return { added, skipped: parsed.codes.length - added, status }
}

export async function poolStatus(
  db: Db,
  input: { workspaceId: string; campaignId: string; pool: string },
): Promise<PoolStatus> {
  const pool = poolName.parse(input.pool)
  const campaign = await getCampaign(db, input.workspaceId, input.campaignId)
  const row = await db
    .selectFrom('coupon_codes')
    .select([
      sql<number>`count(*)::int`.as('total'),
      sql<number>`count(*) filter (where reward_id is null)::int`.as('available'),
    ])
    .where('workspace_id', '=', input.workspaceId)
    .where('campaign_id', '=', campaign.id)
    .where('pool', '=', pool)
    .executeTakeFirstOrThrow()
  return { pool, total: row.total, available: row.available, drawn: row.total - row.available }
}

/**
 * Takes one free code for a reward, inside the issuing transaction. SKIP LOCKED lets concurrent
 * issuers each take a different code instead of queueing on the same row; the unique reward_id
 * column makes handing one code out twice impossible even if this query were wrong.
 */
export async function drawCoupon(
  trx: Trx,
  input: { workspaceId: string; campaignId: string; pool: string; rewardId: string },
): Promise<string | null> {
  const free = await trx
    .selectFrom('coupon_codes')
    .select(['id', 'code'])
    .where('workspace_id', '=', input.workspaceId)
    .where('campaign_id', '=', input.campaignId)
    .where('pool', '=', input.pool)
    .where('reward_id', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst()
  if (!free) return null
  await trx
    .updateTable('coupon_codes')
    .set({ reward_id: input.rewardId, drawn_at: sql<Date>`now()` })
    .where('id', '=', free.id)
    .execute()
  await trx
    .updateTable('rewards')
    .set({ coupon_code: free.code, updated_at: sql<Date>`now()` })
    .where('id', '=', input.rewardId)
    .execute()
  return free.code
}

/** Every pool of a campaign with its counts, for the admin UI. */
export async function listCouponPools(
  db: Db,
  input: { workspaceId: string; campaignId?: string | null },
): Promise<PoolStatus[]> {
  const campaign = await getCampaign(db, input.workspaceId, input.campaignId)
  const rows = await db
    .selectFrom('coupon_codes')
    .select([
      'pool',
      sql<number>`count(*)::int`.as('total'),
      sql<number>`count(*) filter (where reward_id is null)::int`.as('available'),
    ])
    .where('workspace_id', '=', input.workspaceId)
    .where('campaign_id', '=', campaign.id)
    .groupBy('pool')
    .orderBy('pool')
    .execute()
  return rows.map((row) => ({
    pool: row.pool,
    total: row.total,
    available: row.available,
    drawn: row.total - row.available,
  }))
}
