import type { Config } from '../config.js'
import { AppError } from '../errors.js'
import type { CampaignSettings } from '../ledger/campaign-settings.js'
import { checkDestination, type DestinationPolicy, UnsafeDestinationError } from './destination.js'

/**
 * The campaign settings the server itself calls (not links a visitor's browser follows): each is
 * checked when saved, and again at send time after DNS.
 */
const CALLED_URLS: readonly [string, (settings: CampaignSettings) => string | null][] = [
  ['rewards.fulfilmentWebhookUrl', (settings) => settings.rewards.fulfilmentWebhookUrl],
]

/** Refuses settings whose server-called URLs point inside the network (400 naming the field). */
export async function refuseUnsafeSettingUrls(
  settings: CampaignSettings | undefined,
  policy: DestinationPolicy,
  previous?: CampaignSettings,
): Promise<void> {
  if (!settings) return
  for (const [path, read] of CALLED_URLS) {
    const url = read(settings)
    if (!url || (previous && read(previous) === url)) continue
    try {
      await checkDestination(url, policy)
    } catch (error) {
      if (!(error instanceof UnsafeDestinationError)) throw error
      throw new AppError('bad_request', `${path}: ${error.message}`, [
        { path: `settings.${path}`, message: error.message },
      ])
    }
  }
}

/** The operator's outbound policy (OUTBOUND_ALLOWED_PRIVATE_HOSTS) with the system resolver. */
export function outboundPolicy(
  config: Pick<Config, 'outboundAllowedPrivateHosts'>,
): DestinationPolicy {
  return { allowedPrivateHosts: config.outboundAllowedPrivateHosts }
}
