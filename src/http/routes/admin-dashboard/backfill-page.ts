import { type Response, Router } from 'express'
import { z } from 'zod'
import type { AppContext } from '../../../context.js'
import { type Backfill, decideBackfill, getBackfill } from '../../../sync/backfill.js'
import { type AdminPrincipal, principalOf, scopedWorkspace } from '../../admin-auth.js'
import { sendProblem } from './page-problem.js'
import { type Html, html } from './html.js'
import { minuteUtc } from './moment.js'
import { page } from './layout.js'

const decisionForm = z.object({ decision: z.enum(['off', 'now']) })

function when(date: Date): string {
  return `${minuteUtc(date)} UTC`
}

/** What the admin sees: the plan, the choice while it is still a plan, then the import's progress. */
export function backfillBody(base: string, backfill: Backfill | null, enabled: boolean): Html {
  if (!backfill)
    return html`<p>
      ${
        enabled
          ? 'No import of existing users is planned for this workspace: it was connected before this feature, or is not connected yet. You can start an import from Sync runs.'
          : 'Importing existing users on install is switched off for this server (INTERCOM_BACKFILL=off). You can start an import from Sync runs.'
      }
    </p>`
  if (backfill.status === 'off')
    return html`<p>
      The import of existing users was switched
      off${backfill.changedBy ? ` by ${backfill.changedBy}` : ''}. People get their code and link
      when they first appear. You can still start an import from
      <a href="${base}/sync">Sync runs</a>.
    </p>`
  if (backfill.status === 'scheduled')
    return html`<p>
        When the app was installed, it planned to give every existing user of this workspace a
        referral code and link, and to write them to their Intercom contact. It starts at
        <strong>${when(backfill.startsAt)}</strong> and uses only the Intercom capacity that live
        work leaves, so referrers' cards and "friend joined" messages never wait for it.
      </p>
      <form method="post" action="${base}/backfill" class="actions">
        <button type="submit" name="decision" value="off">Don't import existing users</button>
        <button type="submit" name="decision" value="now">Start the import now</button>
      </form>`
  const run = backfill.run
  const progress = run?.progress
  const percent = progress?.percent ?? null
  return html`<p>
      Existing users are being given codes and links${run?.status === 'succeeded' ? ': done' : ''}.
    </p>
    <dl class="facts" role="status" aria-live="polite">
      <dt>Status</dt>
      <dd>${run ? run.status : 'starting'}</dd>
      <dt>Contacts read</dt>
      <dd>${String(progress?.done ?? 0)}${progress?.total ? ` of ${progress.total}` : ''}</dd>
      <dt>New referrers</dt>
      <dd>${String(run?.imported ?? 0)}</dd>
    </dl>
    ${
      percent === null
        ? ''
        : html`<progress max="100" value="${String(percent)}" aria-label="Import progress">
            ${String(percent)}%
          </progress>`
    }
    <p><a href="${base}/sync">Live progress in Sync runs</a></p>`
}

/** GET and POST /admin/w/:workspaceId/backfill: the install backfill's plan and progress. */
export function backfillRoutes(ctx: AppContext): Router {
  const router = Router()

  const show = async (res: Response, workspaceId: string, status = 200) => {
    const base = `/admin/w/${encodeURIComponent(workspaceId)}`
    const backfill = await getBackfill(ctx.db, workspaceId)
    res.status(status).type('html').setHeader('Cache-Control', 'no-store')
    res.send(
      page(
        { title: 'Existing users', workspaceId, signedIn: true, current: 'backfill' },
        backfillBody(base, backfill, ctx.config.intercom.backfill),
      ),
    )
  }

  // Another workspace's page looks exactly like one that does not exist (as every dashboard page).
  const allowed = async (res: Response, principal: AdminPrincipal, workspaceId: string) => {
    try {
      await scopedWorkspace(ctx.db, principal, workspaceId)
      return true
    } catch (error) {
      sendProblem(res, error)
      return false
    }
  }

  router.get('/admin/w/:workspaceId/backfill', async (req, res) => {
    const principal = principalOf(req, ctx.config)
    if (!principal) return res.redirect(303, '/admin')
    const workspaceId = String(req.params.workspaceId)
    if (!(await allowed(res, principal, workspaceId))) return
    await show(res, workspaceId)
  })

  router.post('/admin/w/:workspaceId/backfill', async (req, res) => {
    const principal = principalOf(req, ctx.config)
    if (!principal) return res.redirect(303, '/admin')
    const workspaceId = String(req.params.workspaceId)
    if (!(await allowed(res, principal, workspaceId))) return
    const parsed = decisionForm.safeParse(req.body)
    if (!parsed.success) return show(res, workspaceId, 400)
    const admin = principal.kind === 'session' ? principal.adminEmail : 'an operator'
    await decideBackfill(ctx, workspaceId, parsed.data.decision, admin)
    res.redirect(303, `/admin/w/${encodeURIComponent(workspaceId)}/backfill`)
  })

  return router
}
