import type { Db } from './db-types.js'
import { getDefaultCampaign } from './campaigns.js'
import type { ResolvedCode } from './referrers.js'

/**
 * Counts one click on a referral link: the click row and both counters in one transaction. A
 * visitor's repeat click on the same code the same day (same daily visitor hash) counts nothing:
 * one statement that inserts no row, and no counter is touched. Answers whether it counted.
 */
export async function recordLinkClick(
  db: Db,
  input: { resolved: ResolvedCode; visitorHash: string | null },
): Promise<boolean> {
  const { referrer, codeId } = input.resolved
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('link_clicks')
      .values({
        workspace_id: referrer.workspaceId,
        campaign_id: referrer.campaignId,
        code_id: codeId,
        referrer_id: referrer.id,
        visitor_hash: input.visitorHash,
      })
      .onConflict((oc) =>
        oc.columns(['code_id', 'visitor_hash']).where('visitor_hash', 'is not', null).doNothing(),
      )
      .returning('id')
      .executeTakeFirst()
    if (!inserted) return false
    await trx
      .updateTable('referrers')
      .set((eb) => ({ click_count: eb('click_count', '+', 1) }))
      .where('workspace_id', '=', referrer.workspaceId)
      .where('id', '=', referrer.id)
      .execute()
    await trx
      .updateTable('referral_codes')
      .set((eb) => ({ click_count: eb('click_count', '+', 1) }))
      .where('workspace_id', '=', referrer.workspaceId)
      .where('id', '=', codeId)
      .execute()
    return true
  })
}

/**
 * Where an unknown code goes. A link names no workspace, so only a deployment serving exactly one
 * workspace (the usual self-hosted case) knows whose fallback URL applies.
 */
export async function fallbackUrlForUnknownCode(db: Db): Promise<string | null> {
  const workspaces = await db.selectFrom('workspaces').select('id').limit(2).execute()
  const only = workspaces.length === 1 ? workspaces[0] : undefined
  if (!only) return null
  try {
    return (await getDefaultCampaign(db, only.id)).settings.fallbackUrl
  } catch {
    return null
  }
}
