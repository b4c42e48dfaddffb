import type { AppContext } from '../context.js'
import {
  ATTRIBUTE_KEYS,
  ATTRIBUTE_TYPES,
  type AttributeKey,
  type CampaignSettings,
  parseCampaignSettings,
} from '../ledger/campaign-settings.js'
import { listCampaigns } from '../ledger/campaigns.js'
import type { IntercomApi } from './api-types.js'
import { getIntercomApi } from './connections.js'

const DESCRIPTIONS: Record<AttributeKey, string> = {
  referral_code: "The contact's referral code",
  referral_link: "The contact's referral link",
  referral_count: 'Friends who signed up through this contact',
  referral_converted_count: 'Friends referred by this contact who qualified',
  referral_last_at: 'When this contact last referred a friend',
  referred_by_code: 'The referral code this contact signed up with',
  referral_status: 'Referral status of this contact as a friend: pending, qualified or rejected',
}

/** The default names, for a workspace whose campaigns do not exist yet (first install). */
export const DEFAULT_MAPPING = parseCampaignSettings({}).attributes

export interface AttributeSyncResult {
  readonly created: string[]
  readonly existing: string[]
}

/** The contact attributes a set of campaign mappings needs: name → key (switched-off ones left out). */
export function wantedAttributes(
  mappings: readonly CampaignSettings['attributes'][],
): Map<string, AttributeKey> {
  const wanted = new Map<string, AttributeKey>()
  for (const mapping of mappings) {
    for (const key of ATTRIBUTE_KEYS) {
      const name = mapping[key]
      if (name && !wanted.has(name)) wanted.set(name, key)
    }
  }
  return wanted
}

/** Creates the attributes Intercom does not have yet; one that exists already counts as success. */
export async function createMissingAttributes(
  api: IntercomApi,
  mappings: readonly CampaignSettings['attributes'][],
): Promise<AttributeSyncResult> {
  const wanted = wantedAttributes(mappings)
  const present = new Set((await api.listDataAttributes('contact')).map((a) => a.name))
  const result: AttributeSyncResult = { created: [], existing: [] }
  for (const [name, key] of wanted) {
    if (present.has(name)) {
      result.existing.push(name)
      continue
    }
    const outcome = await api.createDataAttribute({
      name,
      model: 'contact',
      dataType: ATTRIBUTE_TYPES[key],
      description: DESCRIPTIONS[key],
    })
    ;(outcome === 'created' ? result.created : result.existing).push(name)
  }
  return result
}

/**
 * Creates the missing contact attributes of every campaign of a connected workspace, under each
 * campaign's configured names. Call after install and after a campaign's attribute mapping changes.
 * Returns null when the workspace has no Intercom connection.
 */
export async function syncDataAttributes(
  ctx: AppContext,
  workspaceId: string,
): Promise<AttributeSyncResult | null> {
  const api = await getIntercomApi(ctx, workspaceId)
  if (!api) return null
  const campaigns = await listCampaigns(ctx.db, workspaceId)
  const mappings = campaigns.map((campaign) => campaign.settings.attributes)
  return createMissingAttributes(api, mappings.length > 0 ? mappings : [DEFAULT_MAPPING])
}
