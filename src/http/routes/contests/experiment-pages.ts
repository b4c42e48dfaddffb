import { Router } from 'express'
import type { AppContext } from '../../../context.js'
import {
  experimentInput,
  SHARE_LANGUAGES,
  type ShareLanguage,
  variantShareMessages,
} from '../../../experiments/experiment-settings.js'
import {
  createExperiment,
  type Experiment,
  getExperiment,
  listExperiments,
  stopExperiment,
} from '../../../experiments/experiments.js'
import { experimentStats } from '../../../experiments/stats.js'
import { listCampaigns } from '../../../ledger/campaigns.js'
import { minorUnitDigits } from '../../../money/currencies.js'
import type { Campaign } from '../../../ledger/types.js'
import { type Html, html } from '../admin-dashboard/html.js'
import { headedRow, listTable } from '../admin-dashboard/list-table.js'
import { pageWorkspace, sendPage, sendProblem } from './admin-access.js'

const KEYS = ['A', 'B', 'C'] as const
const FIELDS = [
  'name',
  'headline',
  ...SHARE_LANGUAGES.map((language) => `shareMessage_${language}` as const),
  'referrerAmount',
  'friendAmount',
] as const

const LANGUAGE_NAMES: Record<ShareLanguage, string> = {
  en: 'English',
  es: 'Spanish',
  fr: 'French',
  de: 'German',
  pt: 'Portuguese',
}

type Form = Record<string, string>

function formOf(body: unknown): Form {
  const raw = (body ?? {}) as Record<string, unknown>
  const form: Form = {}
  for (const key of [
    'name',
    'campaignId',
    'currency',
    ...KEYS.flatMap((k) => FIELDS.map((f) => `${k}_${f}`)),
  ])
    // A NUL can never be stored in PostgreSQL text: dropped here rather than refused there. The
    // cut leaves room past every limit, so a text too long is said to be, not silently shortened.
    form[key] =
      typeof raw[key] === 'string'
        ? (raw[key] as string).replaceAll('\u0000', '').slice(0, 1000)
        : ''
  return form
}

function minorOf(text: string, currency: string): number | null {
  const trimmed = text.trim().replace(',', '.')
  if (!trimmed) return null
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return Number.NaN
  const code = /^[A-Za-z]{3}$/.test(currency.trim()) ? currency.trim().toUpperCase() : 'USD'
  return Math.round(Number(trimmed) * 10 ** minorUnitDigits(code))
}

function parseForm(form: Form) {
  const currency = form.currency?.trim() || 'USD'
  const variants = KEYS.filter(
    (k, i) => i < 2 || FIELDS.some((f) => (form[`${k}_${f}`] ?? '').trim() !== ''),
  ).map((key) => {
    const money = (field: string) => {
      const amount = minorOf(form[`${key}_${field}`] ?? '', currency)
      return amount === null ? null : { amountMinor: amount, currency }
    }
    return {
      key,
      name: form[`${key}_name`] ?? '',
      headline: form[`${key}_headline`]?.trim() || null,
      shareMessage: Object.fromEntries(
        SHARE_LANGUAGES.map((language) => [
          language,
          form[`${key}_shareMessage_${language}`]?.trim() || null,
        ]),
      ),
      referrerReward: money('referrerAmount'),
      friendReward: money('friendAmount'),
    }
  })
  const parsed = experimentInput.safeParse({
    name: form.name,
    campaignId: form.campaignId,
    variants,
  })
  if (parsed.success) return { ok: true as const, input: parsed.data }
  const errors: Record<string, string> = {}
  for (const issue of parsed.error.issues) {
    const [head, index, field, sub] = issue.path.map(String)
    let id = head ?? 'name'
    if (head === 'variants' && index !== undefined) {
      const key = KEYS[Number(index)] ?? 'A'
      const name =
        field === 'referrerReward'
          ? 'referrerAmount'
          : field === 'friendReward'
            ? 'friendAmount'
            : (field ?? 'name')
      id =
        sub === 'currency'
          ? 'currency'
          : field === 'shareMessage' && sub
            ? `${key}_shareMessage_${sub}`
            : `${key}_${name}`
    }
    const message = /expected|Invalid input|received/i.test(issue.message)
      ? id.endsWith('Amount')
        ? 'Enter an amount, e.g. 20 or 19.99, or leave it empty.'
        : 'Check this value.'
      : issue.message
    errors[id] ??= message
  }
  return { ok: false as const, errors }
}

function input(
  id: string,
  label: string,
  form: Form,
  errors: Record<string, string>,
  help?: string,
): Html {
  const error = errors[id]
  const describedBy = [help ? `${id}-help` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ')
  return html`<div class="field">
    <label for="${id}">${label}</label>
    <input
      id="${id}"
      name="${id}"
      value="${form[id] ?? ''}"
      ${describedBy ? html`aria-describedby="${describedBy}"` : ''}
      ${error ? html`aria-invalid="true"` : ''}
    />
    ${help ? html`<p class="help" id="${id}-help">${help}</p>` : ''}
    ${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : ''}
  </div>`
}

function textArea(
  id: string,
  label: string,
  form: Form,
  errors: Record<string, string>,
  help?: string,
): Html {
  const error = errors[id]
  const describedBy = [help ? `${id}-help` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ')
  return html`<div class="field">
    <label for="${id}">${label}</label>
    <textarea
      id="${id}"
      name="${id}"
      rows="2"
      ${describedBy ? html`aria-describedby="${describedBy}"` : ''}
      ${error ? html`aria-invalid="true"` : ''}
    >
${form[id] ?? ''}</textarea>
    ${help ? html`<p class="help" id="${id}-help">${help}</p>` : ''}
    ${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : ''}
  </div>`
}

/**
 * A variant's share message: English on view, the other languages one tap away (open when one
 * of them is filled in or needs a change, so an error is never hidden).
 */
function shareMessageFields(key: string, form: Form, errors: Record<string, string>): Html {
  const id = (language: ShareLanguage) => `${key}_shareMessage_${language}`
  const others = SHARE_LANGUAGES.filter((language) => language !== 'en')
  const open = others.some(
    (language) => (form[id(language)] ?? '').trim() !== '' || errors[id(language)],
  )
  return html`${textArea(
      id('en'),
      'Share message (English)',
      form,
      errors,
      'What a shared link says. Write {link} where the link goes, or it is added at the end.',
    )}
    <details ${open ? html`open` : ''}>
      <summary>Share message in other languages</summary>
      ${others.map((language) =>
        textArea(id(language), `Share message (${LANGUAGE_NAMES[language]})`, form, errors),
      )}
    </details>`
}

/** Which variant (and language) a field of the summary is about: "Variant C, French: ". */
function whereOf(id: string): string {
  const [key, field, language] = id.split('_')
  if (!key || !field || !(KEYS as readonly string[]).includes(key)) return ''
  const name = LANGUAGE_NAMES[language as ShareLanguage]
  return `Variant ${key}${field === 'shareMessage' && name ? `, ${name} share message` : ''}: `
}

function formBody(
  base: string,
  campaigns: readonly Campaign[],
  form: Form,
  errors: Record<string, string>,
): Html {
  const problems = Object.entries(errors)
  return html`${
      problems.length > 0
        ? html`<div class="error-summary" role="alert">
            <p>
              <strong
                >The experiment was not started:
                ${problems.length === 1 ? 'one field needs' : `${problems.length} fields need`} a
                change.</strong
              >
            </p>
            <ul>
              ${problems.map(
                ([id, message]) => html`<li><a href="#${id}">${whereOf(id)}${message}</a></li>`,
              )}
            </ul>
          </div>`
        : ''
    }
    <form method="post" action="${base}/experiments" class="settings" novalidate>
      ${input('name', 'Experiment name', form, errors)}
      <div class="field">
        <label for="campaignId">Campaign</label>
        <select id="campaignId" name="campaignId">
          ${campaigns.map(
            (c) =>
              html`<option
                value="${c.id}"
                ${form.campaignId === c.id || (!form.campaignId && c.isDefault) ? html`selected` : ''}
              >
                ${c.name}
              </option>`,
          )}
        </select>
      </div>
      ${input('currency', 'Currency of the offers', form, errors, 'Three letters, e.g. USD or EUR.')}
      <p class="help">
        Each referrer sees one variant, always the same, and the friends they bring get that
        variant's headline, share message and offer. Leave a field empty to keep the campaign's own
        there. A third variant is optional.
      </p>
      ${KEYS.map(
        (key, i) =>
          html`<fieldset>
            <legend>
              Variant ${key}${i === 0 ? ' (the control)' : i === 2 ? ' (optional)' : ''}
            </legend>
            ${input(`${key}_name`, 'Name', form, errors)}
            ${input(`${key}_headline`, 'Card headline', form, errors)}
            ${shareMessageFields(key, form, errors)}
            ${input(`${key}_referrerAmount`, "Referrer's reward (amount)", form, errors)}
            ${input(`${key}_friendAmount`, "Friend's reward (amount)", form, errors)}
          </fieldset>`,
      )}
      <p><button type="submit">Start the experiment</button></p>
    </form>`
}

function money(list: ReadonlyArray<{ currency: string; amountMinor: number }> | null): string {
  if (!list || list.length === 0) return '—'
  return list
    .map((m) =>
      new Intl.NumberFormat('en', { style: 'currency', currency: m.currency }).format(
        m.amountMinor / 10 ** minorUnitDigits(m.currency),
      ),
    )
    .join(' + ')
}

function offerWords(variant: Experiment['variants'][number]): string {
  const parts: string[] = []
  if (variant.headline) parts.push(`headline "${variant.headline}"`)
  const messages = variantShareMessages(variant)
  const languages = Object.keys(messages) as ShareLanguage[]
  if (languages.length > 0)
    parts.push(
      `share message "${messages[languages[0]!]}"${languages.length > 1 ? ` (in ${languages.map((l) => LANGUAGE_NAMES[l]).join(', ')})` : languages[0] === 'en' ? '' : ` (in ${LANGUAGE_NAMES[languages[0]!]})`}`,
    )
  const amount = (m: { amountMinor: number; currency: string } | null) => (m ? money([m]) : null)
  if (variant.referrerReward) parts.push(`referrer gets ${amount(variant.referrerReward)}`)
  if (variant.friendReward) parts.push(`friend gets ${amount(variant.friendReward)}`)
  return parts.length > 0 ? parts.join('; ') : "the campaign's own card and offer"
}

/** A/B experiments of the offer and the card's copy, under /admin/w/:id/experiments. */
export function experimentPageRoutes(ctx: AppContext): Router {
  const router = Router()
  const options = (workspaceId: string, title: string) =>
    ({ title, workspaceId, signedIn: true, current: 'experiments' }) as const

  router.get('/admin/w/:workspaceId/experiments', async (req, res) => {
    const scope = await pageWorkspace(ctx, req, res)
    if (!scope) return
    const experiments = await listExperiments(ctx.db, scope.workspace.id)
    sendPage(
      res,
      200,
      options(scope.workspace.id, 'Experiments'),
      html`<p>
          An experiment shows referrers two or more versions of the offer or the card's words (its
          headline and share message) and measures which one brings more friends who convert.
        </p>
        <p><a class="button" href="${scope.base}/experiments/new">New experiment</a></p>
        ${listTable({
          caption: 'Experiments, latest first',
          columns: ['Experiment', 'Variants', 'Status'],
          items: experiments,
          empty: 'No experiment yet.',
          row: (e) =>
            headedRow(html`<a href="${scope.base}/experiments/${e.id}">${e.name}</a>`, [
              e.variants.map((v) => v.name).join(', '),
              e.status === 'running'
                ? 'Running'
                : `Stopped; ${e.variants.find((v) => v.key === e.promotedVariant)?.name ?? e.promotedVariant} promoted`,
            ]),
        })}`,
    )
  })

  const campaignsOf = async (workspaceId: string) =>
    (await listCampaigns(ctx.db, workspaceId)).filter((c) => c.status !== 'archived')

  router.get('/admin/w/:workspaceId/experiments/new', async (req, res) => {
    const scope = await pageWorkspace(ctx, req, res)
    if (!scope) return
    const form = formOf({ currency: 'USD', A_name: 'Current offer', B_name: 'Challenger' })
    sendPage(
      res,
      200,
      options(scope.workspace.id, 'New experiment'),
      formBody(scope.base, await campaignsOf(scope.workspace.id), form, {}),
    )
  })

  router.post('/admin/w/:workspaceId/experiments', async (req, res) => {
    const scope = await pageWorkspace(ctx, req, res)
    if (!scope) return
    const form = formOf(req.body)
    const parsed = parseForm(form)
    if (!parsed.ok) {
      sendPage(
        res,
        400,
        options(scope.workspace.id, 'New experiment'),
        formBody(scope.base, await campaignsOf(scope.workspace.id), form, parsed.errors),
      )
      return
    }
    try {
      const experiment = await createExperiment(ctx.db, scope.workspace.id, parsed.input, {
        type: 'admin',
        id: scope.admin,
      })
      res.redirect(303, `${scope.base}/experiments/${experiment.id}`)
    } catch (error) {
      sendProblem(res, error)
    }
  })

  router.get('/admin/w/:workspaceId/experiments/:experimentId', async (req, res) => {
    const scope = await pageWorkspace(ctx, req, res)
    if (!scope) return
    try {
      const experiment = await getExperiment(
        ctx.db,
        scope.workspace.id,
        String(req.params.experimentId),
      )
      const stats = await experimentStats(ctx.db, experiment)
      const running = experiment.status === 'running'
      sendPage(
        res,
        200,
        options(scope.workspace.id, experiment.name),
        html`<dl class="facts">
            <dt>Status</dt>
            <dd>
              ${running ? 'Running' : `Stopped; ${experiment.variants.find((v) => v.key === experiment.promotedVariant)?.name ?? ''} promoted to the campaign`}
            </dd>
            ${experiment.variants.map(
              (v) =>
                html`<dt>${v.name}</dt>
                  <dd>${offerWords(v)}</dd>`,
            )}
          </dl>
          <div
            class="table-scroll"
            role="region"
            aria-label="Results per variant"
            tabindex="0"
            style="overflow-x: auto"
          >
            ${listTable({
              caption: 'Results per variant',
              columns: [
                'Variant',
                'Card views',
                'Shares',
                'Clicks',
                'Friends joined',
                'Converted',
                'Cost per conversion',
              ],
              items: stats,
              row: (s) =>
                headedRow(s.name, [
                  s.cardViews,
                  s.shares,
                  s.clicks,
                  s.joined,
                  s.converted,
                  money(s.costPerConversionMinor),
                ]),
            })}
          </div>
          <h2>What the numbers say</h2>
          <ul>
            ${stats.filter((s) => s.readout).map((s) => html`<li>${s.readout!.words}</li>`)}
          </ul>
          <p class="help">
            Card views count referrers shown the variant; shares, those who opened the share sheet;
            converted is out of friends who joined. Confidence is from a two-proportion z-test.
          </p>
          ${
            running
              ? html`<h2>Stop the experiment</h2>
                  <p>
                    The variant you promote becomes the campaign's headline, share message and offer
                    for everyone. Rewards already earned stay as they are.
                  </p>
                  <form
                    method="post"
                    action="${scope.base}/experiments/${experiment.id}/stop"
                    class="actions"
                  >
                    ${experiment.variants.map(
                      (v) =>
                        html`<button type="submit" name="promote" value="${v.key}">
                          Stop and promote ${v.name}
                        </button>`,
                    )}
                  </form>`
              : ''
          }`,
      )
    } catch (error) {
      sendProblem(res, error)
    }
  })

  router.post('/admin/w/:workspaceId/experiments/:experimentId/stop', async (req, res) => {
    const scope = await pageWorkspace(ctx, req, res)
    if (!scope) return
    const promote = typeof req.body?.promote === 'string' ? req.body.promote.slice(0, 2) : ''
    try {
      await stopExperiment(ctx.db, scope.workspace.id, String(req.params.experimentId), promote, {
        type: 'admin',
        id: scope.admin,
      })
      res.redirect(303, `${scope.base}/experiments/${String(req.params.experimentId)}`)
    } catch (error) {
      sendProblem(res, error)
    }
  })

  return router
}
