import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { AppContext } from '../../../context.js'
import { payoutConnections } from '../../../rewards/payouts/connections.js'
import { payoutChecklistItems } from './payouts-checklist.js'
import { wantedAttributes } from '../../../intercom/data-attributes.js'
import { workspaceCatalog } from '../../../intercom/workspace-catalog.js'
import { campaignAnalytics, lastDays } from '../../../ledger/admin/analytics.js'
import { workspaceTimeZone } from '../../../ledger/workspace-time-zone.js'
import { setupProgress } from '../../../ledger/admin/setup-progress.js'
import { listCampaigns } from '../../../ledger/campaigns.js'
import { type Html, html } from './html.js'
import { overviewBody } from './pages.js'
import { checklistItems, setupChecklist } from './setup-checklist.js'

// The webhook URL and topics an admin subscribes to, as app-manifest.json lists them.
const MANIFEST = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../../../app-manifest.json', import.meta.url)), 'utf8'),
) as { webhooks: { url: string; topics: string[] } }

/** The workspace overview: the set-up checklist, then the last 30 days' analytics. */
export async function overviewPage(
  ctx: AppContext,
  workspaceId: string,
  base: string,
): Promise<Html> {
  const [analytics, progress, campaigns, catalog] = await Promise.all([
    workspaceTimeZone(ctx.db, workspaceId).then((zone) =>
      campaignAnalytics(ctx.db, workspaceId, lastDays(30, new Date(), zone)),
    ),
    setupProgress(ctx.db, workspaceId),
    listCampaigns(ctx.db, workspaceId),
    workspaceCatalog(ctx, workspaceId),
  ])
  const present = new Set(
    catalog.kind === 'connected'
      ? catalog.catalog.attributes.filter((a) => a.custom).map((a) => a.name)
      : [],
  )
  const wanted = wantedAttributes(campaigns.map((c) => c.settings.attributes))
  const items = checklistItems({
    progress,
    base,
    publicUrl: ctx.config.publicUrl,
    canInstall: Boolean(ctx.config.intercom.clientId),
    defaultCampaign: campaigns.find((c) => c.isDefault) ?? null,
    anyRewardRules: campaigns.some((c) => c.settings.rewards.rules.length > 0),
    missingAttributes:
      catalog.kind === 'connected' ? [...wanted.keys()].filter((n) => !present.has(n)) : null,
    webhookPath: MANIFEST.webhooks.url,
    webhookTopics: MANIFEST.webhooks.topics,
  })
  items.push(...payoutChecklistItems(base, campaigns, await payoutConnections(ctx.db, workspaceId)))
  return html`${setupChecklist(items)}${overviewBody(analytics, base)}`
}
