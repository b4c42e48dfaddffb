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
}

/** Created per app (src/server.ts): a few seconds' memory of running experiments per campaign. */
export function runningExperiments(db: Db, now: () => number = Date.now): RunningExperiments {
  const known = new Map<string, { experiment: Experiment | null; readAt: number }>()
  const recorded = new Set<string>()
  const experimentOf = async (workspaceId: string, campaignId: string) => {
    const key = `${workspaceId}\u0000${campaignId}`
    const hit = known.get(key)
    if (hit && now() - hit.readAt < FRESH_MS) return hit.experiment
    const experiment = await runningExperimentOf(db, workspaceId, campaignId)
    if (known.size >= 10_000) known.clear()
    known.set(key, { experiment, readAt: now() })
    return experiment
  }
  return {
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
