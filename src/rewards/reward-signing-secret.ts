import { randomBytes } from 'node:crypto'
import type { Db } from '../ledger/db-types.js'

/**
 * The secret that signs this workspace's fulfilment webhooks, created on first use. The admin UI
 * shows it so the receiving system can verify `X-Referrals-Signature`. Kept in plain text on
 * purpose: it must be shown again, and it grants nothing inside this app.
 */
export async function rewardSigningSecret(db: Db, workspaceId: string): Promise<string> {
  await db
    .insertInto('reward_webhook_secrets')
    .values({ workspace_id: workspaceId, secret: `whsec_${randomBytes(24).toString('base64url')}` })
    .onConflict((oc) => oc.column('workspace_id').doNothing())
    .execute()
  const row = await db
    .selectFrom('reward_webhook_secrets')
    .select('secret')
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow()
  return row.secret
}

