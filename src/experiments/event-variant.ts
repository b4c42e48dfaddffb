import type { Trx } from '../ledger/db-types.js'

/**
 * A data event's metadata with the variant its person was shown (`experiment_variant`, and
 * `experiment` by name) while an experiment runs on their campaign, so an Intercom Series can
 * branch on it; unchanged for anyone outside an experiment.
 */
export async function withExperimentVariant(
  trx: Trx,
  workspaceId: string,
  participantId: string,
  metadata: Record<string, string | number>,
): Promise<Record<string, string | number>> {
  const row = await trx
    .selectFrom('experiment_assignments as a')
    .innerJoin('experiments as e', 'e.id', 'a.experiment_id')
    .innerJoin('referrers as r', 'r.id', 'a.referrer_id')
    .select(['a.variant', 'e.name'])
    .where('a.workspace_id', '=', workspaceId)
    .where('r.participant_id', '=', participantId)
    .where('e.status', '=', 'running')
    .orderBy('a.assigned_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row
    ? { ...metadata, experiment: row.name.slice(0, 255), experiment_variant: row.variant }
    : metadata
}
