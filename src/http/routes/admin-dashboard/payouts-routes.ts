import { type Response, Router } from 'express'
import { z } from 'zod'
import type { AppContext } from '../../../context.js'
import { listCampaigns } from '../../../ledger/campaigns.js'
import { saleValueToMinor } from '../../../rewards/reward-amounts.js'
import {
  connectionInput,
  connectPayoutProvider,
  disconnectPayoutProvider,
  payoutConnections,
  refreshBalance,
  refreshCatalog,
  setLowBalanceLine,
  storedCatalog,
} from '../../../rewards/payouts/connections.js'
import { resumeWaitingPayouts } from '../../../rewards/payouts/payout-resume.js'
import { payoutBudgets, setPayoutBudget } from '../../../rewards/payouts/payout-budget.js'
import { releasePayouts } from '../../../rewards/payouts/payout-decisions.js'
import { payoutEnqueuer, type EnqueuePayout } from '../../../rewards/payouts/payout-queue.js'
import type { PayoutStatus } from '../../../../db/tables/payouts.js'
import { type AdminPrincipal, principalOf, scopedWorkspace } from '../../admin-auth.js'
import { toAppError } from '../../error-handler.js'
import { sendProblem } from './page-problem.js'
import { page } from './layout.js'
import { payoutsBody, type PayoutsPageInput } from './payouts-page.js'

const picked = z.object({
  payoutId: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
})
const providerForm = z.object({ provider: z.enum(['tremendous', 'tango_card', 'paypal']) })
const thresholdForm = z.object({
  provider: z.enum(['tremendous', 'tango_card', 'paypal']),
  amount: z.string().trim().min(1, 'Enter an amount such as 100.00.').max(20),
})
const catalogQuery = z.object({ q: z.string().trim().max(100).catch('') })
const budgetForm = z.object({
  campaignId: z.string().trim().max(64).default(''),
  amount: z.string().trim().max(20).default(''),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'Use a three-letter currency code, e.g. USD.'),
})

/** GET and POST /admin/w/:workspaceId/payouts: providers, budgets, approvals and retries. */
export function payoutsRoutes(ctx: AppContext): Router {
  const router = Router()
  // The server always runs the queue; a context without one (HTTP-only tests) leaves the payout
  // requested, as the dashboard then shows it.
  const enqueue: EnqueuePayout = async (job, options) => {
    if (ctx.jobs) await payoutEnqueuer(ctx.jobs)(job, options)
    else ctx.logger.warn({ payoutId: job.payoutId }, 'payout requested without a job queue')
  }

  const list = (workspaceId: string, statuses: PayoutStatus[], limit: number, newest = true) =>
    ctx.db
      .selectFrom('payouts')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('status', 'in', statuses)
      .orderBy('updated_at', newest ? 'desc' : 'asc')
      .limit(limit)
      .execute()

  const show = async (
    res: Response,
    workspaceId: string,
    message: PayoutsPageInput['message'] = null,
    status = 200,
    search = '',
  ) => {
    const base = `/admin/w/${encodeURIComponent(workspaceId)}`
    const campaigns = await listCampaigns(ctx.db, workspaceId)
    const body = payoutsBody({
      base,
      tangoCatalog: await storedCatalog(ctx.db, workspaceId, 'tango_card'),
      requestedByProvider: Object.fromEntries(
        (
          await ctx.db
            .selectFrom('payouts')
            .select(['provider', (eb) => eb.fn.countAll<string>().as('n')])
            .where('workspace_id', '=', workspaceId)
            .where('status', '=', 'requested')
            .groupBy('provider')
            .execute()
        ).map((r) => [r.provider, Number(r.n)]),
      ),
      catalogSearch: search,
      connections: await payoutConnections(ctx.db, workspaceId),
      budgets: await payoutBudgets(ctx.db, workspaceId),
      campaigns: campaigns.map((c) => ({ id: c.id, name: c.name })),
      held: await list(workspaceId, ['awaiting_approval'], 200, false),
      failed: await list(workspaceId, ['failed'], 200),
      flagged: await list(workspaceId, ['flagged'], 50),
      recent: await ctx.db
        .selectFrom('payouts')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .orderBy('updated_at', 'desc')
        .limit(50)
        .execute(),
      message,
    })
    res.status(status).type('html').setHeader('Cache-Control', 'no-store')
    res.send(page({ title: 'Payouts', workspaceId, signedIn: true, current: 'payouts' }, body))
  }

  const gate = async (
    req: Parameters<Parameters<Router['get']>[1]>[0],
    res: Response,
  ): Promise<{ workspaceId: string; principal: AdminPrincipal } | null> => {
    const principal = principalOf(req, ctx.config)
    if (!principal) {
      res.redirect(303, '/admin')
      return null
    }
    const workspaceId = String(req.params.workspaceId)
    try {
      await scopedWorkspace(ctx.db, principal, workspaceId)
      return { workspaceId, principal }
    } catch (error) {
      sendProblem(res, error)
      return null
    }
  }
  const actorOf = (principal: AdminPrincipal) =>
    ({
      type: 'admin',
      id: principal.kind === 'session' ? principal.adminEmail : 'operator',
    }) as const
  const done = (res: Response, workspaceId: string, what: string) =>
    res.redirect(303, `/admin/w/${encodeURIComponent(workspaceId)}/payouts?done=${what}`)

  const DONE_WORDS: Record<string, string> = {
    connected: 'Connected. The details were checked with the provider.',
    approved: 'Approved: the chosen payouts are on their way.',
    retried: 'Retrying the chosen payouts now.',
    budget: 'Budget saved.',
    balance: 'Balance read again.',
    catalog: 'Catalog read again.',
    threshold: 'Warning line saved.',
    disconnected:
      'Disconnected. Its key is deleted; payouts not sent yet wait until you connect it again.',
    none: 'Choose at least one payout first.',
  }

  router.get('/admin/w/:workspaceId/payouts', async (req, res) => {
    const allowed = await gate(req, res)
    if (!allowed) return
    const word = typeof req.query.done === 'string' ? DONE_WORDS[req.query.done] : undefined
    const { q } = catalogQuery.parse(req.query)
    await show(res, allowed.workspaceId, word ? { kind: 'done', text: word } : null, 200, q)
  })

  router.post('/admin/w/:workspaceId/payouts/connect', async (req, res) => {
    const allowed = await gate(req, res)
    if (!allowed) return
    const parsed = connectionInput.safeParse(req.body)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      return show(
        res,
        allowed.workspaceId,
        { kind: 'error', text: issue?.message ?? 'Check the details.' },
        400,
      )
    }
    try {
      await connectPayoutProvider(ctx, allowed.workspaceId, parsed.data)
    } catch (error) {
      const known = toAppError(error)
      if (!known) throw error
      return show(res, allowed.workspaceId, { kind: 'error', text: known.message }, known.status)
    }
    // Payouts that waited while it was disconnected go out now.
    await resumeWaitingPayouts(ctx.db, enqueue, allowed.workspaceId, parsed.data.provider)
    done(res, allowed.workspaceId, 'connected')
  })

  router.post('/admin/w/:workspaceId/payouts/disconnect', async (req, res) => {
    const allowed = await gate(req, res)
    if (!allowed) return
    const parsed = providerForm.safeParse(req.body)
    if (!parsed.success)
      return show(res, allowed.workspaceId, { kind: 'error', text: 'Choose a provider.' }, 400)
    await disconnectPayoutProvider(ctx.db, allowed.workspaceId, parsed.data.provider)
    done(res, allowed.workspaceId, 'disconnected')
  })

  router.post('/admin/w/:workspaceId/payouts/threshold', async (req, res) => {
    const allowed = await gate(req, res)
    if (!allowed) return
    const parsed = thresholdForm.safeParse(req.body)
    if (!parsed.success) {
      const text = parsed.error.issues[0]?.message ?? 'Check the amount.'
      return show(res, allowed.workspaceId, { kind: 'error', text }, 400)
    }
    const connection = (await payoutConnections(ctx.db, allowed.workspaceId)).find(
      (c) => c.provider === parsed.data.provider,
    )
    if (!connection)
      return show(
        res,
        allowed.workspaceId,
        { kind: 'error', text: 'Connect the provider first.' },
        400,
      )
    const minor = saleValueToMinor(parsed.data.amount, connection.balance?.currency ?? 'USD')
    if (minor === null || minor > 1_000_000_000_00) {
      return show(
        res,
        allowed.workspaceId,
        { kind: 'error', text: 'Enter an amount such as 100.00.' },
        400,
      )
    }
    await setLowBalanceLine(ctx.db, allowed.workspaceId, parsed.data.provider, minor)
    done(res, allowed.workspaceId, 'threshold')
  })

  router.post('/admin/w/:workspaceId/payouts/catalog', async (req, res) => {
    const allowed = await gate(req, res)
    if (!allowed) return
    try {
      await refreshCatalog(ctx, allowed.workspaceId, 'tango_card')
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error)
      return show(
        res,
        allowed.workspaceId,
        { kind: 'error', text: `The catalog could not be read: ${text}` },
        502,
      )
    }
    done(res, allowed.workspaceId, 'catalog')
  })

  router.post('/admin/w/:workspaceId/payouts/refresh', async (req, res) => {
    const allowed = await gate(req, res)
    if (!allowed) return
    const parsed = providerForm.safeParse(req.body)
    if (!parsed.success)
      return show(res, allowed.workspaceId, { kind: 'error', text: 'Choose a provider.' }, 400)
    try {
      await refreshBalance(ctx, allowed.workspaceId, parsed.data.provider)
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error)
      return show(
        res,
        allowed.workspaceId,
        { kind: 'error', text: `The balance could not be read: ${text}` },
        502,
      )
    }
    done(res, allowed.workspaceId, 'balance')
  })

  for (const [path, from, word] of [
    ['approve', 'awaiting_approval', 'approved'],
    ['retry', 'failed', 'retried'],
  ] as const) {
    router.post(`/admin/w/:workspaceId/payouts/${path}`, async (req, res) => {
      const allowed = await gate(req, res)
      if (!allowed) return
      const { payoutId } = picked.parse(req.body ?? {})
      if (payoutId.length === 0) return done(res, allowed.workspaceId, 'none')
      await releasePayouts(ctx.db, enqueue, {
        workspaceId: allowed.workspaceId,
        payoutIds: payoutId.slice(0, 500),
        from,
        actor: actorOf(allowed.principal),
      })
      done(res, allowed.workspaceId, word)
    })
  }

  router.post('/admin/w/:workspaceId/payouts/budget', async (req, res) => {
    const allowed = await gate(req, res)
    if (!allowed) return
    const parsed = budgetForm.safeParse(req.body)
    if (!parsed.success) {
      const text = parsed.error.issues[0]?.message ?? 'Check the budget.'
      return show(res, allowed.workspaceId, { kind: 'error', text }, 400)
    }
    const { campaignId, amount, currency } = parsed.data
    if (
      campaignId &&
      !(await listCampaigns(ctx.db, allowed.workspaceId)).some((c) => c.id === campaignId)
    ) {
      return show(
        res,
        allowed.workspaceId,
        { kind: 'error', text: 'Choose one of your campaigns.' },
        400,
      )
    }
    const minor = amount === '' ? null : saleValueToMinor(amount, currency)
    if (amount !== '' && (minor === null || minor > 1_000_000_000_00)) {
      return show(
        res,
        allowed.workspaceId,
        { kind: 'error', text: 'Enter an amount such as 500.00.' },
        400,
      )
    }
    await setPayoutBudget(
      ctx.db,
      allowed.workspaceId,
      campaignId,
      minor === null ? null : { monthlyLimitMinor: minor, currency },
    )
    done(res, allowed.workspaceId, 'budget')
  })

  return router
}
