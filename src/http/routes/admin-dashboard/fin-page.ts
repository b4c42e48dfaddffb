import { type Request, type Response, Router } from 'express'
import { z } from 'zod'
import type { AppContext } from '../../../context.js'
import type { FinCaller } from '../../../fin/caller.js'
import {
  dataConnectorsApiOf,
  type IntercomExecutionResult,
} from '../../../fin/data-connectors-api.js'
import { definitionOf, PACK, type ConnectorKey } from '../../../fin/pack.js'
import { finLanguage } from '../../../fin/phrases.js'
import {
  finPackInIntercom,
  type LiveOutcome,
  provisionFinPack,
  type ProvisionOutcome,
  rotateFinPackSecret,
  setFinPackLive,
} from '../../../fin/provision.js'
import { inviteFriend, sendReferralLink } from '../../fin/referral-actions.js'
import { referralStatus } from '../../fin/referral-status.js'
import { getIntercomApi } from '../../../intercom/connections.js'
import { type AdminPrincipal, principalOf, scopedWorkspace } from '../../admin-auth.js'
import { sendProblem } from './page-problem.js'
import { type Html, html } from './html.js'
import { page } from './layout.js'
import { minuteUtc } from './moment.js'

// The Fin page: our data connectors as Intercom holds them, setting them live, a test panel that
// runs each one for a contact and shows what Fin would receive, and Intercom's recent runs.
// Server-rendered forms only, no client code. See docs/fin.md.

const JWT_HELP = 'https://developers.intercom.com/installing-intercom/web/identity-verification'
const CONNECTORS_HELP =
  'https://www.intercom.com/help/en/articles/9916497-how-to-set-up-data-connectors-for-fin'

const testQuery = z.object({
  contact: z.string().trim().max(100).optional().catch(undefined),
  friend: z.string().trim().max(320).optional().catch(undefined),
})

const CONNECTOR_LABEL: Record<ConnectorKey, string> = {
  status: 'Referral status',
  send_link: 'Send my referral link',
  invite: 'Invite a friend',
}

interface Flash {
  readonly kind: 'done' | 'problem'
  readonly lines: readonly string[]
}

interface TestRun {
  readonly key: ConnectorKey
  readonly request: string
  readonly response: string | null
  readonly note: string | null
}

function when(value: string | null | undefined): string {
  if (!value) return '—'
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? value : `${minuteUtc(date)} UTC`
}

function stateWords(state: string | undefined): string {
  if (state === 'live') return 'Live: Fin uses it'
  if (state === 'draft') return 'Draft: not used by Fin yet'
  return 'Missing in Intercom'
}

function runWords(run: IntercomExecutionResult | undefined): string {
  if (!run) return 'Never run'
  const result = run.success
    ? 'answered'
    : `failed${run.error_message ? `: ${run.error_message}` : ''}`
  return `${when(run.created_at)}, ${result}`
}

function provisionWords(outcome: ProvisionOutcome): Flash {
  switch (outcome.status) {
    case 'provisioned':
      return {
        kind: 'done',
        lines: [
          `The connectors are up to date in Intercom (${outcome.created} created, ${outcome.updated} updated).`,
        ],
      }
    case 'busy':
      return {
        kind: 'problem',
        lines: ['Another update of the connectors is running. Try again in a minute.'],
      }
    case 'not_connected':
      return { kind: 'problem', lines: ['This workspace is not connected to Intercom.'] }
    case 'failed':
      return { kind: 'problem', lines: [outcome.message] }
  }
}

function liveWords(outcomes: LiveOutcome[] | null): Flash {
  if (!outcomes) return { kind: 'problem', lines: ['This workspace is not connected to Intercom.'] }
  const refused = outcomes.filter((o) => !o.ok)
  if (refused.length === 0)
    return { kind: 'done', lines: ['All three connectors are live: Fin can use them now.'] }
  // One reason for all (the usual case: the Messenger is not secured yet) is said once.
  const reasons = new Set(refused.map((o) => o.message ?? 'Intercom refused.'))
  if (reasons.size === 1 && refused.length === outcomes.length)
    return { kind: 'problem', lines: [`The connectors are not live. ${[...reasons][0] ?? ''}`] }
  return {
    kind: 'problem',
    lines: refused.map(
      (o) => `${CONNECTOR_LABEL[o.key]} is not live. ${o.message ?? 'Intercom refused.'}`,
    ),
  }
}

/** Runs each connector as Intercom would for this contact; the invite only with a friend's email. */
async function testRuns(
  ctx: AppContext,
  workspaceId: string,
  contactId: string,
  friendEmail: string,
): Promise<TestRun[]> {
  const api = await getIntercomApi(ctx, workspaceId)
  const contact = api ? await api.getContact(contactId).catch(() => null) : null
  const raw = (contact?.raw ?? {}) as Record<string, unknown>
  const language = finLanguage(
    typeof raw.language_override === 'string' ? raw.language_override : null,
    typeof raw.browser_language === 'string' ? raw.browser_language : null,
  )
  const caller: FinCaller = {
    contactId,
    email: contact?.email ?? null,
    name: contact?.name ?? null,
    language,
  }
  const runs: TestRun[] = []
  for (const entry of PACK) {
    const definition = definitionOf(entry, {
      publicUrl: ctx.config.publicUrl,
      workspaceId,
      secret: '(this workspace’s secret)',
    })
    const values: Record<string, string> = {
      'user.id': contactId,
      'user.email': caller.email ?? '',
      'user.name': caller.name ?? '',
      'user.language_override':
        typeof raw.language_override === 'string' ? raw.language_override : '',
      'user.browser_language': typeof raw.browser_language === 'string' ? raw.browser_language : '',
      friend_email: friendEmail,
      friend_name: '',
    }
    const body = definition.body.replace(/\{\{([\w.]+)\}\}/g, (_w, name: string) =>
      JSON.stringify(values[name] ?? '').slice(1, -1),
    )
    const request = `POST ${definition.url}\nAuthorization: Bearer (this workspace’s secret)\n\n${JSON.stringify(JSON.parse(body), null, 2)}`
    let answer: unknown = null
    let note: string | null = null
    if (entry.key === 'status') answer = await referralStatus(ctx, workspaceId, caller)
    else if (entry.key === 'send_link') answer = await sendReferralLink(ctx, workspaceId, caller)
    else if (friendEmail)
      answer = await inviteFriend(ctx, workspaceId, caller, { email: friendEmail, name: '' })
    else
      note =
        'Not run: it would record a real invitation. Give a friend’s email above to run it (the invitation then counts).'
    runs.push({
      key: entry.key,
      request,
      response: answer === null ? null : JSON.stringify(answer, null, 2),
      note,
    })
  }
  if (!contact)
    runs.unshift({
      key: 'status',
      request: '',
      response: null,
      note: api
        ? 'Intercom does not know this contact id: the answers below are for an unknown contact.'
        : 'This workspace is not connected to Intercom: the contact’s email, name and language are not known.',
    })
  return runs
}

async function finBody(
  ctx: AppContext,
  workspaceId: string,
  base: string,
  input: { flash?: Flash | null; contact?: string; friend?: string },
): Promise<Html> {
  const pack = await ctx.db
    .selectFrom('fin_packs')
    .select(['last_error', 'provisioned_at'])
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst()
  const held = await finPackInIntercom(ctx, workspaceId)
  const api = held.connected ? await dataConnectorsApiOf(ctx, workspaceId) : null
  const runsByConnector = new Map<string, IntercomExecutionResult[]>()
  if (api && held.connected) {
    for (const entry of held.connectors) {
      if (!entry.connector) continue
      runsByConnector.set(
        entry.connector.id,
        await api.executions(entry.connector.id, 10).catch(() => []),
      )
    }
  }
  const recent = held.connected
    ? held.connectors
        .flatMap((entry) =>
          (entry.connector ? (runsByConnector.get(entry.connector.id) ?? []) : []).map((run) => ({
            run,
            key: entry.key,
          })),
        )
        .sort((a, b) => String(b.run.created_at).localeCompare(String(a.run.created_at)))
        .slice(0, 10)
    : []
  const runs = input.contact
    ? await testRuns(ctx, workspaceId, input.contact, input.friend ?? '')
    : null
  // Recent referrers, offered as choices for the test panel (any contact id can be typed).
  const recentPeople = await ctx.db
    .selectFrom('referrers')
    .innerJoin('participants', 'participants.id', 'referrers.participant_id')
    .select(['participants.contact_id', 'participants.name', 'participants.email'])
    .where('referrers.workspace_id', '=', workspaceId)
    .where('participants.contact_id', 'is not', null)
    .orderBy('referrers.created_at', 'desc')
    .limit(10)
    .execute()
  const flash = input.flash
  const allLive =
    held.connected && held.connectors.every((entry) => entry.connector?.state === 'live')

  return html` ${
      flash
        ? html`<div
            class="${flash.kind === 'done' ? 'notice' : 'error-summary'}"
            role="${flash.kind === 'done' ? 'status' : 'alert'}"
          >
            ${flash.lines.map((line) => html`<p>${line}</p>`)}
          </div>`
        : ''
    }
    <p>
      Fin, Intercom's AI agent, answers your customers first in the Messenger. With these three data
      connectors it can answer "what's my referral link?", "how many friends joined?" and "when do I
      get my reward?" from your referral program, and invite a friend for a customer, always for the
      customer in the conversation and in their language.
      <a href="${CONNECTORS_HELP}">How Intercom runs data connectors</a>.
    </p>
    <section aria-labelledby="fin-connectors">
      <h2 id="fin-connectors">Connectors in Intercom</h2>
      ${
        !held.connected
          ? html`<p>This workspace is not connected to Intercom, so it has no connectors.</p>`
          : html`${held.error ? html`<p class="error-summary" role="alert">${held.error}</p>` : ''}
              ${pack?.last_error ? html`<p class="error-summary" role="alert">The last update failed: ${pack.last_error}</p>` : ''}
              <div class="table-scroll">
                <table>
                  <caption>
                    Our connectors as Intercom holds them
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Connector</th>
                      <th scope="col">State</th>
                      <th scope="col">Last run</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${held.connectors.map(
                      (entry) =>
                        html`<tr>
                          <th scope="row">${entry.name}</th>
                          <td>${stateWords(entry.connector?.state)}</td>
                          <td>
                            ${runWords(
                              entry.connector
                                ? runsByConnector.get(entry.connector.id)?.[0]
                                : undefined,
                            )}
                          </td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>
              <form method="post" action="${base}/fin/provision" class="actions">
                <button type="submit">Create or update the connectors</button>
              </form>`
      }
    </section>
    <section aria-labelledby="fin-live">
      <h2 id="fin-live">Set them live for Fin</h2>
      <p>
        Intercom lets Fin use a connector for logged-in users only when your Messenger identifies
        them securely:
        <a href="${JWT_HELP}">authenticate users in the Messenger with JSON web tokens (JWT)</a>, or
        turn on email verification. Without it, Intercom refuses to set the connectors live and this
        page says why.
      </p>
      ${
        held.connected
          ? allLive
            ? html`<p>All three connectors are live.</p>`
            : html`<form method="post" action="${base}/fin/live" class="actions">
                <button type="submit">Set the connectors live</button>
              </form>`
          : ''
      }
    </section>
    <section aria-labelledby="fin-test">
      <h2 id="fin-test">Test the connectors</h2>
      <p>
        Runs each connector for one contact exactly as Intercom would, and shows what Fin would
        receive. The invite runs only when you give a friend's email, and then really invites them.
      </p>
      <form method="get" action="${base}/fin" class="fin-test-form">
        <label for="fin-contact">Intercom contact ID</label>
        <input
          id="fin-contact"
          name="contact"
          required
          maxlength="100"
          value="${input.contact ?? ''}"
          autocomplete="off"
          list="fin-contacts"
          aria-describedby="fin-contact-hint"
        />
        <p id="fin-contact-hint" class="muted">
          Type a contact's ID from Intercom, or pick one of your latest referrers.
        </p>
        <datalist id="fin-contacts">
          ${recentPeople.map(
            (person) =>
              html`<option value="${person.contact_id ?? ''}">
                ${person.name ?? person.email ?? ''}
              </option>`,
          )}
        </datalist>
        <label for="fin-friend">Friend's email for the invite (optional)</label>
        <input
          id="fin-friend"
          name="friend"
          type="email"
          maxlength="320"
          value="${input.friend ?? ''}"
          autocomplete="off"
        />
        <button type="submit">Run the connectors</button>
      </form>
      ${
        runs
          ? html`<div role="region" aria-label="Test results" class="fin-results">
              ${runs.map(
                (run) =>
                  html`<article>
                    ${run.request ? html`<h3>${CONNECTOR_LABEL[run.key]}</h3>` : ''}
                    ${run.note ? html`<p class="notice">${run.note}</p>` : ''}
                    ${
                      run.request
                        ? html`<h4>Intercom sends</h4>
                            <pre tabindex="0" aria-label="${CONNECTOR_LABEL[run.key]}: request">
${run.request}</pre>`
                        : ''
                    }
                    ${
                      run.response
                        ? html`<h4>Fin receives</h4>
                            <pre tabindex="0" aria-label="${CONNECTOR_LABEL[run.key]}: answer">
${run.response}</pre>`
                        : ''
                    }
                  </article>`,
              )}
            </div>`
          : ''
      }
    </section>
    <section aria-labelledby="fin-runs">
      <h2 id="fin-runs">Recent runs in Intercom</h2>
      ${
        recent.length === 0
          ? html`<p>Intercom has not run these connectors yet.</p>`
          : html`<div class="table-scroll">
              <table>
                <caption>
                  The latest runs Intercom reports
                </caption>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Connector</th>
                    <th scope="col">Result</th>
                    <th scope="col">Time</th>
                  </tr>
                </thead>
                <tbody>
                  ${recent.map(
                    ({ run, key }) =>
                      html`<tr>
                        <td>${when(run.created_at)}</td>
                        <th scope="row">${CONNECTOR_LABEL[key]}</th>
                        <td>
                          ${run.success ? 'Answered' : `Failed${run.http_status ? ` (HTTP ${run.http_status})` : ''}${run.error_message ? `: ${run.error_message}` : ''}`}
                        </td>
                        <td>
                          ${run.execution_time_ms === null || run.execution_time_ms === undefined ? '—' : `${run.execution_time_ms} ms`}
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
    </section>
    <section aria-labelledby="fin-secret">
      <h2 id="fin-secret">Connector secret</h2>
      <p>
        Each connector sends a secret this app generated for your workspace; calls without it are
        refused. Rotate it if you think it leaked: Intercom receives the new one at once, and the
        old one stops working after ten minutes.
      </p>
      ${
        held.connected
          ? html`<form method="post" action="${base}/fin/rotate" class="actions">
              <button type="submit">Rotate the secret</button>
            </form>`
          : ''
      }
    </section>`
}

/** GET /admin/w/:workspaceId/fin and its three actions (POST …/provision, …/live, …/rotate). */
export function finPageRoutes(ctx: AppContext): Router {
  const router = Router()

  const allowed = async (req: Request, res: Response): Promise<string | null> => {
    const principal: AdminPrincipal | null = principalOf(req, ctx.config)
    if (!principal) {
      res.redirect(303, '/admin')
      return null
    }
    const workspaceId = String(req.params.workspaceId)
    try {
      await scopedWorkspace(ctx.db, principal, workspaceId)
      return workspaceId
    } catch (error) {
      sendProblem(res, error)
      return null
    }
  }

  const show = async (
    res: Response,
    workspaceId: string,
    input: { flash?: Flash | null; contact?: string; friend?: string },
  ) => {
    const base = `/admin/w/${encodeURIComponent(workspaceId)}`
    const body = await finBody(ctx, workspaceId, base, input)
    res.status(200).type('html').setHeader('Cache-Control', 'no-store')
    res.send(page({ title: 'Fin', workspaceId, signedIn: true, current: 'fin' }, body))
  }

  router.get('/admin/w/:workspaceId/fin', async (req, res) => {
    const workspaceId = await allowed(req, res)
    if (!workspaceId) return
    const query = testQuery.parse(req.query)
    await show(res, workspaceId, {
      ...(query.contact ? { contact: query.contact } : {}),
      ...(query.friend ? { friend: query.friend } : {}),
    })
  })

  router.post('/admin/w/:workspaceId/fin/provision', async (req, res) => {
    const workspaceId = await allowed(req, res)
    if (!workspaceId) return
    await show(res, workspaceId, {
      flash: provisionWords(await provisionFinPack(ctx, workspaceId)),
    })
  })

  router.post('/admin/w/:workspaceId/fin/live', async (req, res) => {
    const workspaceId = await allowed(req, res)
    if (!workspaceId) return
    await show(res, workspaceId, { flash: liveWords(await setFinPackLive(ctx, workspaceId)) })
  })

  router.post('/admin/w/:workspaceId/fin/rotate', async (req, res) => {
    const workspaceId = await allowed(req, res)
    if (!workspaceId) return
    const outcome = await rotateFinPackSecret(ctx, workspaceId)
    const flash =
      outcome.status === 'provisioned'
        ? { kind: 'done' as const, lines: ['A new secret is in place and Intercom has it.'] }
        : provisionWords(outcome)
    await show(res, workspaceId, { flash })
  })

  return router
}
