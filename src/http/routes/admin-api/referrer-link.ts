import { z } from 'zod'
import { AppError } from '../../../errors.js'
import { LINK_RESEND_MINUTES, resendReferralLink } from '../../../ledger/link-resend.js'
import { actorOf } from './actor.js'
import type { AdminApi } from './api-route.js'
import type { LedgerResource } from './ledger-resource.js'
import { iso } from './schemas.js'

/** "in 3 minutes", "in 1 minute", "in a moment". */
function inMinutes(ms: number): string {
  const minutes = Math.ceil(ms / 60_000)
  if (minutes <= 0) return 'in a moment'
  return minutes === 1 ? 'in 1 minute' : `in ${minutes} minutes`
}

/** "less than a minute ago", "1 minute ago", "4 minutes ago". */
function ago(ms: number): string {
  const minutes = Math.floor(ms / 60_000)
  if (minutes <= 0) return 'less than a minute ago'
  return minutes === 1 ? '1 minute ago' : `${minutes} minutes ago`
}

/**
 * POST …/referrers/:referrerId/resend-link: the referrer gets their referral link again through
 * Intercom (the `referral-link-sent` data event, see docs/contracts.md), at most once in
 * LINK_RESEND_MINUTES per referrer.
 */
export function referrerLinkRoutes(api: AdminApi, referrers: LedgerResource<z.ZodType>): void {
  const { ctx } = api
  api.route(
    {
      method: 'post',
      path: `${referrers.one}/resend-link`,
      operationId: 'resendReferrerLink',
      summary: 'Send a referrer their referral link again through Intercom',
      tag: referrers.tag,
      params: referrers.oneParams,
      response: z.object({
        sentAt: iso,
        nextAllowedAt: iso.describe(`the link can be resent again from then (${LINK_RESEND_MINUTES} minutes later)`),
      }),
      conflict:
        'the referrer cannot be reached: blocked, not an Intercom contact, or the workspace is not connected to Intercom',
    },
    async ({ workspace, params, principal, res }) => {
      const outcome = await resendReferralLink(ctx.db, {
        workspaceId: workspace.id,
        referrerId: referrers.idOf(params),
        actor: actorOf(principal),
      })
      switch (outcome.kind) {
        case 'not-found':
          throw new AppError('not_found', 'That referrer was not found.')
        case 'blocked':
          throw new AppError('conflict', 'They are blocked from referring: their link was not sent.')
        case 'no-contact':
          throw new AppError(
            'conflict',
            'They are not a contact in Intercom yet, so their link cannot reach them.',
          )
        case 'not-connected':
          throw new AppError(
            'conflict',
            'This workspace is not connected to Intercom, so the link cannot be sent.',
          )
        case 'too-soon': {
          const wait = outcome.nextAt.getTime() - Date.now()
          res.setHeader('Retry-After', String(Math.max(1, Math.ceil(wait / 1000))))
          throw new AppError(
            'rate_limited',
            `Their link was sent ${ago(Date.now() - outcome.lastAt.getTime())}. It can be sent again ${inMinutes(wait)}.`,
          )
        }
        case 'sent':
          return {
            sentAt: outcome.at.toISOString(),
            nextAllowedAt: new Date(
              outcome.at.getTime() + LINK_RESEND_MINUTES * 60_000,
            ).toISOString(),
          }
      }
    },
  )
}
