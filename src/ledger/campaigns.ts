import { sql } from 'kysely'
import type { CampaignRowUpdate } from '../../db/tables/campaigns.js'
import {
  type CampaignSettings,
  type CampaignSettingsInput,
  campaignSettingsInputSchema,
  parseCampaignSettings,
} from './campaign-settings.js'
import type { Db, Trx } from './db-types.js'
import { InvalidTransitionError, NotFoundError, StaleCampaignError } from './errors.js'
import { recordEvent } from './events.js'
import { toCampaign } from './mappers.js'
import type { Actor, Campaign } from './types.js'

export async function getDefaultCampaign(db: Db, workspaceId: string): Promise<Campaign> {
  const row = await db
    .selectFrom('campaigns')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('is_default', '=', true)
    .executeTakeFirst()
  if (!row) throw new NotFoundError('The default campaign')
  return toCampaign(row)
}

/** A campaign of this workspace, or its default one when no id is given. */
export async function getCampaign(
  db: Db,
  workspaceId: string,
  campaignId?: string | null,
): Promise<Campaign> {
  if (!campaignId) return getDefaultCampaign(db, workspaceId)
  if (!isUuid(campaignId)) throw new NotFoundError('That campaign')
  const row = await db
    .selectFrom('campaigns')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', campaignId)
    .executeTakeFirst()
  if (!row) throw new NotFoundError('That campaign')
  return toCampaign(row)
}

export async function listCampaigns(db: Db, workspaceId: string): Promise<Campaign[]> {
  const rows = await db
    .selectFrom('campaigns')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  return rows.map(toCampaign)
}

export async function createCampaign(
  db: Db,
  input: { workspaceId: string; name: string; settings?: CampaignSettingsInput; actor: Actor },
): Promise<Campaign> {
  const settings = campaignSettingsInputSchema.parse(input.settings ?? {})
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('campaigns')
      .values({
        workspace_id: input.workspaceId,
        name: input.name,
        settings: JSON.stringify(settings),
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      type: 'campaign.created',
      subject: { type: 'campaign', id: row.id },
      actor: input.actor,
      data: { name: input.name },
    })
    return toCampaign(row)
  })
}

/** A copy of a campaign's settings under a new name; it starts active and not the default. */
export async function duplicateCampaign(
  db: Db,
  input: { workspaceId: string; campaignId: string; name?: string; actor: Actor },
): Promise<Campaign> {
  const source = await getCampaign(db, input.workspaceId, input.campaignId)
  return createCampaign(db, {
    workspaceId: input.workspaceId,
    name: input.name ?? `Copy of ${source.name}`.slice(0, 120),
    settings: source.settings,
    actor: input.actor,
  })
}

/**
 * Replaces a campaign's name, status or settings (validated as a whole) and records what changed.
 * With `expectedVersion`, a campaign saved by someone else meanwhile is refused, not overwritten.
 */
export async function updateCampaign(
  db: Db,
  input: {
    workspaceId: string
    campaignId: string
    name?: string
    status?: Campaign['status']
    settings?: CampaignSettingsInput
    expectedVersion?: number
    actor: Actor
  },
): Promise<Campaign> {
  return db.transaction().execute(async (trx) => {
    const current = await lockCampaign(trx, input.workspaceId, input.campaignId)
    if (input.expectedVersion !== undefined && input.expectedVersion !== current.version)
      throw new StaleCampaignError(current.version)
    if (input.status === 'archived' && current.isDefault)
      throw new InvalidTransitionError(
        'The default campaign cannot be archived: make another campaign the default first.',
      )
    const settings: CampaignSettings =
      input.settings === undefined
        ? current.settings
        : campaignSettingsInputSchema.parse(input.settings)
    return updateCampaignRow(
      trx,
      input,
      {
        name: input.name ?? current.name,
        status: input.status ?? current.status,
        settings: JSON.stringify(settings),
      },
      {
        name: input.name,
        status: input.status,
        settingsChanged: input.settings !== undefined,
      },
    )
  })
}

/**
 * Makes a campaign the workspace's default (the one a card or an Inbox panel uses when none is
 * chosen). An archived campaign is restored first so the default is always live.
 */
export async function makeDefaultCampaign(
  db: Db,
  input: { workspaceId: string; campaignId: string; actor: Actor },
): Promise<Campaign> {
  return db.transaction().execute(async (trx) => {
    const current = await lockCampaign(trx, input.workspaceId, input.campaignId)
    if (current.isDefault) return current
    // The partial unique index allows one default per workspace: clear the old one first.
    await trx
      .updateTable('campaigns')
      .set({ is_default: false, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
      .where('workspace_id', '=', input.workspaceId)
      .where('is_default', '=', true)
      .execute()
    return updateCampaignRow(
      trx,
      input,
      { is_default: true, status: current.status === 'archived' ? 'active' : current.status },
      { isDefault: true },
    )
  })
}

/**
 * Writes a change to a locked campaign as every campaign change is written: the version goes up
 * (so stale editors are refused) and a `campaign.updated` ledger event carries the new version.
 */
async function updateCampaignRow(
  trx: Trx,
  input: { workspaceId: string; campaignId: string; actor: Actor },
  changes: Pick<CampaignRowUpdate, 'name' | 'status' | 'settings' | 'is_default'>,
  data: Record<string, unknown>,
): Promise<Campaign> {
  const row = await trx
    .updateTable('campaigns')
    .set({ ...changes, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where('workspace_id', '=', input.workspaceId)
    .where('id', '=', input.campaignId)
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordEvent(trx, {
    workspaceId: input.workspaceId,
    type: 'campaign.updated',
    subject: { type: 'campaign', id: input.campaignId },
    actor: input.actor,
    data: { ...data, version: row.version },
  })
  return toCampaign(row)
}

async function lockCampaign(trx: Trx, workspaceId: string, campaignId: string): Promise<Campaign> {
  if (!isUuid(campaignId)) throw new NotFoundError('That campaign')
  const row = await trx
    .selectFrom('campaigns')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', campaignId)
    .forUpdate()
    .executeTakeFirst()
  if (!row) throw new NotFoundError('That campaign')
  return { ...toCampaign(row), settings: parseCampaignSettings(row.settings) }
}

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Ids from outside are checked before they reach a uuid column, so a bad one is a 404, not a 500. */
export function isUuid(value: string): boolean {
  return UUID_SHAPE.test(value)
}
