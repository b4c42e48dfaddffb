import { CAMPAIGN_TEMPLATE_IDS, CAMPAIGN_TEMPLATES } from '../../../ledger/campaign-templates.js'
import type { RewardRule } from '../../../ledger/campaign-settings.js'
import { formatMoney } from '../../../money/format.js'
import type { Campaign } from '../../../ledger/types.js'
import { type Html, html } from './html.js'
import { listTable } from './list-table.js'

const WHO: Record<RewardRule['recipient'], string> = {
  referrer: 'The referrer gets',
  friend: 'The friend gets',
  both: 'Both get',
}

/** A reward rule in one sentence, e.g. "Both get $10.00 for each qualified referral". */
export function ruleSentence(rule: RewardRule): string {
  const who = rule.milestone !== null ? WHO.referrer : WHO[rule.recipient]
  const what =
    rule.kind === 'fixed'
      ? rule.currency
        ? formatMoney(rule.amountMinor ?? 0, rule.currency)
        : String(rule.amountMinor ?? 0)
      : rule.kind === 'points'
        ? `${rule.points ?? 0} points`
        : rule.kind === 'coupon'
          ? `a coupon from “${rule.couponPool ?? '?'}”`
          : `${rule.percent ?? 0}% of the sale`
  const when =
    rule.milestone !== null
      ? `once, at qualified referral ${rule.milestone}`
      : 'for each qualified referral'
  return `${who} ${what} ${when}${rule.cap !== null ? ` (at most ${rule.cap})` : ''}`
}

function statusBadge(c: Campaign): Html {
  return html`<span class="badge ${c.status}">${c.status}</span
    >${c.isDefault ? html` <span class="badge default">default</span>` : ''}`
}

/**
 * The lifecycle actions the dashboard's script posts: the path appended to the campaign's API URL, and whether
 * the version the page shows goes along, so a click on a stale page is refused.
 */
const ACTIONS = {
  duplicate: { label: 'Duplicate', path: '/duplicate', version: false },
  rename: { label: 'Rename', path: '', version: true },
  restore: { label: 'Restore', path: '/restore', version: true },
  'make-default': { label: 'Make default', path: '/make-default', version: false },
  archive: { label: 'Archive', path: '/archive', version: true },
} as const

type CampaignAction = keyof typeof ACTIONS

/** What can be done to a campaign in its state: the default campaign is never archived. */
function actionsOf(c: Campaign): CampaignAction[] {
  if (c.status === 'archived') return ['duplicate', 'rename', 'restore']
  return c.isDefault ? ['duplicate', 'rename'] : ['duplicate', 'rename', 'make-default', 'archive']
}

function actionButton(api: string, c: Campaign, action: CampaignAction): Html {
  const { label, path, version } = ACTIONS[action]
  return html`<button
    type="button"
    class="small secondary"
    data-campaign-action="${action}"
    data-url="${api}/${c.id}${path}"
    ${action === 'rename' ? html`data-name="${c.name}"` : ''}
    ${version ? html`data-version="${c.version}"` : ''}
    ${
      action === 'archive'
        ? html`data-confirm="Archive “${c.name}”? Its card stops showing to customers; you can
          restore it later." data-confirm-yes="Archive"`
        : ''
    }
  >
    ${label}<span class="sr-only"> ${c.name}</span>
  </button>`
}

function row(base: string, api: string, c: Campaign): Html {
  return html`<tr data-campaign="${c.id}">
    <th scope="row">
      <a href="${base}/campaigns/${c.id}" data-campaign-name>${c.name}</a> ${statusBadge(c)}
    </th>
    <td>
      <code>${c.settings.qualification.attribute}</code> is
      ${c.settings.qualification.values.join(' or ')}
    </td>
    <td>
      ${
        c.settings.rewards.rules.length === 0
          ? html`<span class="muted">No rewards</span>`
          : html`<ul class="plain">
              ${c.settings.rewards.rules.map((r) => html`<li>${ruleSentence(r)}</li>`)}
            </ul>`
      }
    </td>
    <td class="actions">
      <a class="button small" href="${base}/campaigns/${c.id}"
        >Edit<span class="sr-only"> ${c.name}</span></a
      >
      ${
        // A space after each button, as between words: the buttons sit apart and wrap apart.
        actionsOf(c).map((a) => html`${actionButton(api, c, a)} `)
      }
    </td>
  </tr>`
}

function table(
  base: string,
  api: string,
  caption: string,
  campaigns: Campaign[],
  id: string,
): Html {
  return listTable({
    id,
    caption,
    columns: ['Campaign', 'A friend qualifies when', 'Rewards', 'Actions'],
    items: campaigns,
    row: (c) => row(base, api, c),
  })
}

/** The campaigns, their lifecycle actions, and a new campaign from a starting point. */
export function campaignsPage(base: string, workspaceId: string, campaigns: Campaign[]): Html {
  const api = `/api/v1/workspaces/${encodeURIComponent(workspaceId)}/campaigns`
  const live = campaigns.filter((c) => c.status !== 'archived')
  const archived = campaigns.filter((c) => c.status === 'archived')
  return html`<div id="action-status" role="status" aria-live="polite"></div>
    <section class="card" aria-labelledby="live-h">
      <h2 id="live-h">Your campaigns</h2>
      ${table(base, api, 'Active and paused campaigns', live, 'campaigns')}
    </section>
    ${
      archived.length > 0
        ? html`<section class="card" aria-labelledby="archived-h">
            <h2 id="archived-h">Archived</h2>
            <p class="section-help">
              Archived campaigns are hidden from the Messenger card set-up; their referral links
              keep working.
            </p>
            ${table(base, api, 'Archived campaigns', archived, 'archived-campaigns')}
          </section>`
        : ''
    }
    <section class="card" aria-labelledby="new-h">
      <h2 id="new-h">New campaign</h2>
      <form id="new-campaign" data-api="${api}" data-base="${base}/campaigns" novalidate>
        <div class="field">
          <label for="new-name">Name</label>
          <input id="new-name" name="name" aria-describedby="help-new-name err-new-name" />
          <p class="help" id="help-new-name">Only admins see it, e.g. “Spring referral push”.</p>
          <p class="field-error" id="err-new-name" hidden></p>
        </div>
        <fieldset class="starting-points">
          <legend>Start from</legend>
          <div class="choices">
            ${[...CAMPAIGN_TEMPLATE_IDS, 'blank' as const].map((id, i) => {
              const t =
                id === 'blank'
                  ? {
                      title: 'A blank campaign',
                      description: 'No rewards yet: the defaults, to set up yourself.',
                    }
                  : CAMPAIGN_TEMPLATES[id]
              return html`<div class="choice">
                <input
                  type="radio"
                  name="template"
                  id="tpl-${id}"
                  value="${id}"
                  aria-describedby="tpl-${id}-help"
                  ${i === 0 ? html`checked` : ''}
                />
                <label for="tpl-${id}"><strong>${t.title}</strong></label>
                <p class="help" id="tpl-${id}-help">${t.description}</p>
              </div>`
            })}
          </div>
        </fieldset>
        <button type="submit" class="primary">Create campaign</button>
        <span id="new-status" role="status" aria-live="polite"></span>
      </form>
    </section>`
}
