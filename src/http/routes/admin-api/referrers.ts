import { z } from 'zod'
import { searchReferrers } from '../../../ledger/admin/listings.js'
import type { AdminApi } from './api-route.js'
import { ledgerResourceRoutes } from './ledger-resource.js'
import { referrerLinkRoutes } from './referrer-link.js'
import { pageQuery, referrerSchema, uuid } from './schemas.js'
import { referrerView } from './views.js'

export function referrerRoutes(api: AdminApi): void {
  // GET /api/v1/workspaces/:workspaceId/referrers - search by email, code or name; newest first
  // GET /api/v1/workspaces/:workspaceId/referrers/:referrerId - one referrer with counters
  const referrers = ledgerResourceRoutes(api, {
    noun: 'referrer',
    schema: referrerSchema,
    listQuery: pageQuery.extend({
      q: z.string().trim().max(200).optional().describe('part of an email, code or name'),
      campaignId: uuid.optional(),
    }),
    listing: searchReferrers,
    view: referrerView,
    summaries: { list: 'Search referrers (cursor pagination)', show: 'Show a referrer' },
  })
  // POST /api/v1/workspaces/:workspaceId/referrers/:referrerId/resend-link - their link, again
  referrerLinkRoutes(api, referrers)
}
