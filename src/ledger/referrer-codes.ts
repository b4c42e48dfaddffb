import { sql } from 'kysely'
import { getCampaign, isUuid } from './campaigns.js'
import { markContactsChanged } from './contact-changes.js'
import type { Db } from './db-types.js'
import { NotFoundError } from './errors.js'
import { recordEvent } from './events.js'
import { claimGeneratedCode, demotePrimaryCode } from './referrers.js'
import type { Actor } from './types.js'

/**
 * An agent gives a referrer a fresh code (a link shared too widely, a code that reads badly). The
 * old codes keep resolving to the same referrer, so links already out there still count, unless
 * the agent also disables them: then they lead nowhere.
 */
export async function issueNewCode(
  db: Db,
  input: {
    workspaceId: string
    referrerId: string
    disableOld: boolean
    reason?: string | null
    actor: Actor
  },
): Promise<{ code: string; disabledCodes: string[] }> {
  if (!isUuid(input.referrerId)) throw new NotFoundError('That referrer')
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('referrers')
      .innerJoin('participants', 'participants.id', 'referrers.participant_id')
      .select([
        'referrers.id',
        'referrers.campaign_id',
        'referrers.participant_id',
        'participants.first_name',
        'participants.name',
        'participants.email',
      ])
      .where('referrers.workspace_id', '=', input.workspaceId)
      .where('referrers.id', '=', input.referrerId)
      .forUpdate()
      .executeTakeFirst()
    if (!row) throw new NotFoundError('That referrer')
    const campaign = await getCampaign(trx, input.workspaceId, row.campaign_id)
    await demotePrimaryCode(trx, row.id)
    const code = await claimGeneratedCode(trx, {
      workspaceId: input.workspaceId,
      campaignId: row.campaign_id,
      referrerId: row.id,
      name: row.first_name ?? row.name ?? row.email,
      style: campaign.settings.codeStyle,
    })
    let disabledCodes: string[] = []
    if (input.disableOld) {
      const disabled = await trx
        .updateTable('referral_codes')
        .set({ disabled_at: sql<Date>`now()` })
        .where('referrer_id', '=', row.id)
        .where('is_primary', '=', false)
        .where('disabled_at', 'is', null)
        .returning('code')
        .execute()
      disabledCodes = disabled.map((d) => d.code)
    }
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      type: 'referrer.code_changed',
      subject: { type: 'referrer', id: row.id },
      actor: input.actor,
      data: { code, disabledCodes, reason: input.reason?.trim() || null },
    })
    await markContactsChanged(trx, input.workspaceId, [row.participant_id])
    return { code, disabledCodes }
  })
}
