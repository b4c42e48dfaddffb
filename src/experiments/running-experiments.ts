import { type CardChanges, experimentsTag } from '../ledger/card-changes.js'
import type { Db } from '../ledger/db-types.js'
import type { ExperimentVariant } from './experiment-settings.js'
import { type Experiment, recordAssignment, runningExperimentOf, variantOf } from './experiments.js'

const FRESH_MS = 5_000
const REMEMBERED = 100_000

export interface RunningExperiments {
  /**
   * The variant a referrer's card shows while an experiment runs on the campaign (null: none
   * runs), recording their assignment on their first view. The variant is computed, so a card
   * from the card cache costs no database round trip once this instance has recorded the referrer.
   */
  variantFor(input: {
    workspaceId: string
    campaignId: string
    referrerId: string
  }): Promise<ExperimentVariant | null>
  /**
   * True when this memory follows the card cache's changes, so an answer showing a variant may
   * be kept until the campaign's experiments change.
   */
  readonly followsChanges: boolean
}

/**
 * Created per app (src/server.ts): a memory of running experiments per campaign, kept until a
 * notification says the campaign's experiments changed when `changes` (the card cache) listens,
 * else for a few seconds.
 */
export function runningExperiments(
  db: Db,
  now: () => number = Date.now,
  changes: CardChanges | null = null,
): RunningExperiments {
  const known = new Map<string, { experiment: Experiment | null; readAt: number; token: number }>()
  const recorded = new Set<string>()
  const experimentOf = async (workspaceId: string, campaignId: string) => {
    const key = `${workspaceId}\u0000${campaignId}`
    const hit = known.get(key)
    if (
      hit &&
      (changes?.listening
        ? !changes.changedSince(experimentsTag(campaignId), hit.token)
        : now() - hit.readAt < FRESH_MS)
    )
      return hit.experiment
    const token = changes?.begin() ?? 0
    const experiment = await runningExperimentOf(db, workspaceId, campaignId)
    if (known.size >= 10_000) known.clear()
    known.set(key, { experiment, readAt: now(), token })
    return experiment
  }
  return {
    followsChanges: changes !== null,
    async variantFor({ workspaceId, campaignId, referrerId }) {
      const experiment = await experimentOf(workspaceId, campaignId)
      if (!experiment) return null
      const key = `${experiment.id}\u0000${referrerId}`
      if (recorded.has(key)) return variantOf(experiment, referrerId)
      const kept = await recordAssignment(db, experiment, referrerId)
      if (recorded.size >= REMEMBERED) recorded.clear()
      recorded.add(key)
      return experiment.variants.find((v) => v.key === kept) ?? variantOf(experiment, referrerId)
    },
  }
}
