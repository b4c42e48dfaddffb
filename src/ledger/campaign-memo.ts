import type { CampaignSettings } from './campaign-settings.js'
import type { Campaign } from './types.js'

const CAMPAIGNS_LIMIT = 256
const PARSED_SETTINGS_LIMIT = 256

/**
 * One instance's memory of the campaigns behind its cached cards (owned by its ReferrerViewCache):
 * every card of a campaign shares one frozen campaign object, and a campaign's settings are parsed
 * once per stored text (a changed campaign is a new text; nothing stale). Both emptied when full.
 */
export class CampaignMemo {
  readonly #campaigns = new Map<string, Campaign>()
  readonly #settings = new Map<string, CampaignSettings>()

  campaign(id: string): Campaign | undefined {
    return this.#campaigns.get(id)
  }

  rememberCampaign(campaign: Campaign): void {
    if (this.#campaigns.size >= CAMPAIGNS_LIMIT) this.#campaigns.clear()
    this.#campaigns.set(campaign.id, campaign)
  }

  settings(text: string): CampaignSettings | undefined {
    return this.#settings.get(text)
  }

  rememberSettings(text: string, settings: CampaignSettings): void {
    if (this.#settings.size >= PARSED_SETTINGS_LIMIT) this.#settings.clear()
    this.#settings.set(text, settings)
  }
}
