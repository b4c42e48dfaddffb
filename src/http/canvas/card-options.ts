import { z } from 'zod'
import { CARD_PARTS, type CardPart } from '../../../canvas/component-ids.js'
import { getCampaign, getDefaultCampaign } from '../../ledger/campaigns.js'
import type { Db } from '../../ledger/db-types.js'
import { NotFoundError } from '../../ledger/errors.js'
import type { Campaign } from '../../ledger/types.js'

/**
 * What the admin chose in the configure flow. It comes back as card_creation_options on
 * initialize and then rides along in stored_data; parts may arrive as an array or a comma list.
 */
export const cardOptionsSchema = z
  .looseObject({
    campaign_id: z.string().nullish().catch(null),
    parts: z
      .union([z.array(z.string()), z.string().transform((value) => value.split(','))])
      .nullish()
      .catch(null),
  })
  .catch({ campaign_id: null, parts: null })

export interface CardOptions {
  readonly campaignId: string | null
  /** null: follow the campaign's own card settings. */
  readonly parts: CardPart[] | null
}

export function readCardOptions(value: unknown): CardOptions {
  const parsed = cardOptionsSchema.parse(value ?? {})
  const parts = parsed.parts
    ? CARD_PARTS.filter((part) => parsed.parts?.map((p) => p.trim()).includes(part))
    : null
  return { campaignId: parsed.campaign_id || null, parts }
}

export function storedCardOptions(options: CardOptions): Record<string, unknown> {
  return {
    ...(options.campaignId ? { campaign_id: options.campaignId } : {}),
    ...(options.parts ? { parts: options.parts } : {}),
  }
}

/** The configured campaign, or the default one when it was deleted since the card was inserted. */
export async function campaignFor(
  db: Db,
  workspaceId: string,
  campaignId: string | null,
): Promise<Campaign> {
  try {
    return await getCampaign(db, workspaceId, campaignId)
  } catch (error) {
    if (error instanceof NotFoundError && campaignId) return getDefaultCampaign(db, workspaceId)
    throw error
  }
}

/** The parts the campaign's own settings switch on, when the card was not configured. */
export function partsOf(campaign: Campaign, options: CardOptions): CardPart[] {
  if (options.parts) return options.parts
  const card = campaign.settings.card
  const flags: Record<CardPart, boolean> = {
    link: card.showLink,
    counts: card.showCounts,
    rewards: card.showRewards,
    share: card.showShare,
    invite: card.showInvite,
    qr: card.showQr,
  }
  return CARD_PARTS.filter((part) => flags[part])
}
