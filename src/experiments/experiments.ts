import { sql } from 'kysely'
import type { ExperimentRow } from '../../db/tables/contests.js'
import type { CampaignSettingsInput } from '../ledger/campaign-settings.js'
import { getCampaign, isUuid, updateCampaign } from '../ledger/campaigns.js'
import { toCampaign } from '../ledger/mappers.js'
import type { Db, Trx } from '../ledger/db-types.js'
import { InvalidTransitionError, NotFoundError } from '../ledger/errors.js'
import { recordEvent } from '../ledger/events.js'
import type { Actor, Campaign } from '../ledger/types.js'
import { variantIndex } from './assignment.js'
import {
  type ExperimentInput,
  type ExperimentVariant,
  experimentVariants,
  variantChangesCampaign,
  variantRewardRules,
  variantSettings,
} from './experiment-settings.js'

export interface Experiment {
  readonly id: string
  readonly workspaceId: string
  readonly campaignId: string
  readonly name: string
  readonly variants: readonly ExperimentVariant[]
  readonly status: 'running' | 'stopped'
  readonly promotedVariant: string | null
  readonly startedAt: Date
  readonly stoppedAt: Date | null
}

function toExperiment(row: ExperimentRow): Experiment {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    campaignId: row.campaign_id,
    name: row.name,
    variants: experimentVariants.parse(row.variants),
    status: row.status,
    promotedVariant: row.promoted_variant,
    startedAt: new Date(row.started_at),
    stoppedAt: row.stopped_at ? new Date(row.stopped_at) : null,
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** One experiment runs per campaign at a time (a unique index says so). */
export async function createExperiment(
  db: Db,
  workspaceId: string,
  input: ExperimentInput,
  actor: Actor,
): Promise<Experiment> {
  return db.transaction().execute(async (trx) => {
    await getCampaign(trx, workspaceId, input.campaignId)
    const running = await trx
      .selectFrom('experiments')
      .select('name')
      .where('campaign_id', '=', input.campaignId)
      .where('status', '=', 'running')
      .executeTakeFirst()
    if (running)
      throw new InvalidTransitionError(
        `"${running.name}" is already running on this campaign: stop it before starting another.`,
      )
    const row = await trx
      .insertInto('experiments')
      .values({
        workspace_id: workspaceId,
        campaign_id: input.campaignId,
        name: input.name,
        variants: JSON.stringify(input.variants),
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordEvent(trx, {
      workspaceId,
      type: 'experiment.started',
      subject: { type: 'experiment', id: row.id },
      actor,
      data: { name: input.name, variants: input.variants.map((v) => v.key) },
    })
    return toExperiment(row)
  })
}

export async function getExperiment(
  db: Db,
  workspaceId: string,
  experimentId: string,
): Promise<Experiment> {
  if (!UUID.test(experimentId)) throw new NotFoundError('That experiment')
  const row = await db
    .selectFrom('experiments')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', experimentId)
    .executeTakeFirst()
  if (!row) throw new NotFoundError('That experiment')
  return toExperiment(row)
}

export async function listExperiments(db: Db, workspaceId: string): Promise<Experiment[]> {
  const rows = await db
    .selectFrom('experiments')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute()
  return rows.map(toExperiment)
}

export async function runningExperimentOf(
  db: Db,
  workspaceId: string,
  campaignId: string,
): Promise<Experiment | null> {
  const row = await db
    .selectFrom('experiments')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('campaign_id', '=', campaignId)
    .where('status', '=', 'running')
    .executeTakeFirst()
  return row ? toExperiment(row) : null
}

/** The variant a referrer sees: computed, never drawn, so it is the same everywhere and always. */
export function variantOf(experiment: Experiment, referrerId: string): ExperimentVariant {
  const index = variantIndex(
    experiment.workspaceId,
    experiment.id,
    referrerId,
    experiment.variants.length,
  )
  return experiment.variants[index]!
}

/**
 * Records that a referrer saw their variant (the first card view), once: the row keeps the variant
 * they were shown, and the ledger says so (`experiment.assigned`). Returns the variant they keep.
 */
export async function recordAssignment(
  db: Db,
  experiment: Experiment,
  referrerId: string,
): Promise<string> {
  const variant = variantOf(experiment, referrerId).key
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('experiment_assignments')
      .values({
        experiment_id: experiment.id,
        workspace_id: experiment.workspaceId,
        referrer_id: referrerId,
        variant,
      })
      .onConflict((oc) => oc.columns(['experiment_id', 'referrer_id']).doNothing())
      .returning('variant')
      .executeTakeFirst()
    if (!inserted) {
      const kept = await trx
        .selectFrom('experiment_assignments')
        .select('variant')
        .where('experiment_id', '=', experiment.id)
        .where('referrer_id', '=', referrerId)
        .executeTakeFirstOrThrow()
      return kept.variant
    }
    await recordEvent(trx, {
      workspaceId: experiment.workspaceId,
      type: 'experiment.assigned',
      subject: { type: 'referrer', id: referrerId },
      actor: { type: 'system' },
      data: { experimentId: experiment.id, variant },
    })
    return variant
  })
}

/** A referrer who finished sharing from the sheet (the variant's "shares"), first time only. */
export async function recordShare(db: Db, workspaceId: string, referrerId: string): Promise<void> {
  await db
    .updateTable('experiment_assignments')
    .set({ shared_at: sql<Date>`now()` })
    .where('workspace_id', '=', workspaceId)
    .where('referrer_id', '=', referrerId)
    .where('shared_at', 'is', null)
    .where('experiment_id', 'in', (eb) =>
      eb.selectFrom('experiments').select('id').where('status', '=', 'running'),
    )
    .execute()
}

/**
 * The variant a referrer was shown and keeps, while an experiment runs on their campaign; null
 * when none runs or they have not seen their card yet (they are then shown nothing of one). Reads,
 * never assigns: for pages others open, such as a friend's landing page.
 */
export async function keptVariantOf(
  db: Db,
  referrer: { id: string; campaignId: string },
): Promise<ExperimentVariant | null> {
  const row = await db
    .selectFrom('experiment_assignments as a')
    .innerJoin('experiments as e', 'e.id', 'a.experiment_id')
    .select(['e.variants', 'a.variant'])
    .where('a.referrer_id', '=', referrer.id)
    .where('e.campaign_id', '=', referrer.campaignId)
    .where('e.status', '=', 'running')
    .executeTakeFirst()
  if (!row) return null
  return experimentVariants.parse(row.variants).find((v) => v.key === row.variant) ?? null
}

/**
 * What a qualified referral earns, in one statement, inside the qualifying transaction: its
 * campaign, and while the campaign runs an experiment, the reward rules of its referrer's variant
 * (friends get the offer of the variant that invited them); null: the campaign's own.
 */
export async function campaignOfferFor(
  trx: Trx,
  referral: { workspaceId: string; campaignId: string; referrerId: string },
): Promise<{ campaign: Campaign; variantRules: ReturnType<typeof variantRewardRules> }> {
  if (!isUuid(referral.campaignId)) throw new NotFoundError('That campaign')
  const row = await trx
    .selectFrom('campaigns as c')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('experiment_assignments as a')
          .innerJoin('experiments as e', 'e.id', 'a.experiment_id')
          .select(['e.campaign_id', 'e.variants', 'a.variant'])
          .where('a.referrer_id', '=', referral.referrerId)
          .where('e.status', '=', 'running')
          .as('x'),
      (join) => join.onRef('x.campaign_id', '=', 'c.id'),
    )
    .selectAll('c')
    .select(['x.variants as experiment_variants', 'x.variant as experiment_variant'])
    .where('c.workspace_id', '=', referral.workspaceId)
    .where('c.id', '=', referral.campaignId)
    .executeTakeFirst()
  if (!row) throw new NotFoundError('That campaign')
  const { experiment_variants: variants, experiment_variant: assigned, ...campaign } = row
  const variant =
    variants === null
      ? undefined
      : experimentVariants.parse(variants).find((v) => v.key === assigned)
  return {
    campaign: toCampaign(campaign),
    variantRules: variant ? variantRewardRules(variant) : null,
  }
}

/**
 * Stops an experiment and promotes one variant: its headline, share messages and offer become the
 * campaign's, for everyone from now on. Rewards already issued (to anyone, in any variant) are left as they are.
 */
export async function stopExperiment(
  db: Db,
  workspaceId: string,
  experimentId: string,
  promote: string,
  actor: Actor,
): Promise<Experiment> {
  const experiment = await getExperiment(db, workspaceId, experimentId)
  if (experiment.status !== 'running')
    throw new InvalidTransitionError('This experiment has already stopped.')
  const winner = experiment.variants.find((v) => v.key === promote)
  if (!winner) throw new NotFoundError('That variant')
  if (variantChangesCampaign(winner)) {
    const campaign = await getCampaign(db, workspaceId, experiment.campaignId)
    await updateCampaign(db, {
      workspaceId,
      campaignId: campaign.id,
      settings: variantSettings(campaign.settings, winner) as CampaignSettingsInput,
      actor,
    })
  }
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('experiments')
      .set({ status: 'stopped', promoted_variant: promote, stopped_at: sql<Date>`now()` })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', experimentId)
      .where('status', '=', 'running')
      .returningAll()
      .executeTakeFirst()
    if (!row) throw new InvalidTransitionError('This experiment has already stopped.')
    await recordEvent(trx, {
      workspaceId,
      type: 'experiment.stopped',
      subject: { type: 'experiment', id: experimentId },
      actor,
      data: { promoted: promote, name: winner.name },
    })
    return toExperiment(row)
  })
}
