import type { ShareChannel } from '../../db/tables/share-events.js'
import type { Db } from './db-types.js'

export type { ShareChannel }

/** Every channel, in the order the analytics page lists them. */
export const SHARE_CHANNELS: readonly ShareChannel[] = [
  'sheet',
  'copy',
  'email',
  'x',
  'linkedin',
  'whatsapp',
]

/**
 * Counts a referrer's use of a share channel: once per referrer, channel and UTC day (a repeat
 * that day inserts nothing), so a share URL opened over and over cannot inflate the figures.
 */
export async function recordShareEvent(
  db: Db,
  input: { workspaceId: string; campaignId: string; referrerId: string; channel: ShareChannel },
): Promise<void> {
  await db
    .insertInto('share_events')
    .values({
      workspace_id: input.workspaceId,
      campaign_id: input.campaignId,
      referrer_id: input.referrerId,
      channel: input.channel,
    })
    .onConflict((oc) => oc.columns(['referrer_id', 'channel', 'shared_on']).doNothing())
    .execute()
}
