import { type NextFunction, type Request, type Response, Router } from 'express'
import { rateLimit } from 'express-rate-limit'
import { z } from 'zod'
import type { AppContext } from '../../context.js'
import { callerOf, finRequestBody } from '../../fin/caller.js'
import { FIN_API_PATH } from '../../fin/pack.js'
import { inviteFriend, sendReferralLink } from '../fin/referral-actions.js'
import { referralStatus } from '../fin/referral-status.js'
import { isFinSecret } from '../../fin/secrets.js'
import { sayer } from '../../fin/phrases.js'
import { parse } from '../parse.js'
import { perIpLimit, type RateLimitSettings } from '../rate-limit.js'
import { PostgresRateLimitStore } from '../rate-limit-store.js'

/** Per workspace: Fin answering many conversations at once stays well inside it. */
const FIN_CONNECTOR_LIMIT: RateLimitSettings = { limit: 600, windowMs: 60_000 }
/** Per IP, refused calls only: guessing a workspace's secret gets nowhere fast. */
const FIN_REFUSED_LIMIT: RateLimitSettings = { limit: 30, windowMs: 60_000, failuresOnly: true }

const workspaceParam = z.object({ workspaceId: z.string().min(1).max(100) })

/**
 * The endpoints our Fin data connectors call (see docs/fin.md): POST only, JSON in and out, for
 * the contact Intercom put in the body from the conversation. Each workspace's connectors carry
 * its own secret as a bearer token; a wrong, missing or other workspace's secret is a 401.
 */
export function finConnectorRoutes(
  ctx: AppContext,
  limits: { perWorkspace?: RateLimitSettings; refusedPerIp?: RateLimitSettings } = {},
): Router {
  const router = Router()
  const perWorkspace = limits.perWorkspace ?? FIN_CONNECTOR_LIMIT
  const workspaceLimit = rateLimit({
    store: new PostgresRateLimitStore(ctx.db, 'fin connectors'),
    passOnStoreError: true,
    windowMs: perWorkspace.windowMs,
    limit: perWorkspace.limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => `workspace:${String(req.params.workspaceId)}`,
    handler: (_req, res) => {
      res.status(429).json({
        error: {
          code: 'rate_limited',
          message: `Too many connector calls for this workspace; try again in ${res.getHeader('Retry-After') ?? 60} seconds.`,
        },
      })
    },
  })

  const authenticated = async (req: Request, res: Response, next: NextFunction) => {
    const { workspaceId } = parse(workspaceParam, req.params, 'path')
    const presented = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1] ?? ''
    if (!presented || !(await isFinSecret(ctx, workspaceId, presented))) {
      res.status(401).json({
        error: {
          code: 'unauthorized',
          message: 'This connector call does not carry the secret of this workspace.',
        },
      })
      return
    }
    res.locals.workspaceId = workspaceId
    next()
  }

  const guarded = [
    perIpLimit(ctx.db, 'fin connector refusals', limits.refusedPerIp ?? FIN_REFUSED_LIMIT),
    authenticated,
    workspaceLimit,
  ]

  // Who the call is for: the contact Intercom identified, or a plain "no referral account".
  const callerOrNoAccount = (req: Request, res: Response) => {
    const body = parse(finRequestBody, req.body ?? {}, 'connector request')
    const caller = callerOf(body)
    if (!caller) {
      const say = sayer('en')
      res.json({ answer: say('noAccount'), has_account: false, language: 'en' })
      return null
    }
    return { body, caller, workspaceId: String(res.locals.workspaceId) }
  }

  // POST /fin/v1/{workspace}/referral-status — link, counts, rewards and why each one waits
  router.post(`${FIN_API_PATH}/:workspaceId/referral-status`, ...guarded, async (req, res) => {
    const call = callerOrNoAccount(req, res)
    if (!call) return
    res.json(await referralStatus(ctx, call.workspaceId, call.caller))
  })

  // POST /fin/v1/{workspace}/send-link — the contact's link (enrolling them like the card)
  router.post(`${FIN_API_PATH}/:workspaceId/send-link`, ...guarded, async (req, res) => {
    const call = callerOrNoAccount(req, res)
    if (!call) return
    res.json(await sendReferralLink(ctx, call.workspaceId, call.caller))
  })

  // POST /fin/v1/{workspace}/invite — the card's invite, with the friend Fin asked for
  router.post(`${FIN_API_PATH}/:workspaceId/invite`, ...guarded, async (req, res) => {
    const call = callerOrNoAccount(req, res)
    if (!call) return
    res.json(
      await inviteFriend(ctx, call.workspaceId, call.caller, {
        email: call.body.friend_email,
        name: call.body.friend_name,
      }),
    )
  })

  return router
}
