import { CAMPAIGN_TEMPLATE_IDS, CAMPAIGN_TEMPLATES } from '../../../ledger/campaign-templates.js'
import { type RewardRule } from '../../../ledger/campaign-settings.js'
import { minorUnitDigits } from '../../../ledger/reward-amounts.js'
import { type Campaign } from '../../../ledger/types.js'
import { type Html, html } from './html.js'

const WHO: Record<RewardRule['recipient'], string> = {
  referrer: 'The referrer gets',
  friend: 'The friend gets',
  both: 'Both get',
}

/** A reward rule in one sentence, e.g. "Both get 10.00 USD for each qualified referral". */
export function ruleSentence(rule: RewardRule): string {
  const who = rule.milestone !== null ? WHO.referrer : WHO[rule.recipient]
  const what =
    rule.kind === 'fixed'
      ? `${((rule.amountMinor ?? 0) / 10 ** minorUnitDigits(rule.currency ?? 'USD')).toFixed(minorUnitDigits(rule.currency ?? 'USD'))} ${rule.currency ?? ''}`.trim()
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

function row(base: string, api: string, c: Campaign): Html {
  const url = `${api}/${c.id}`
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
      <button
        type="button"
        class="small secondary"
        data-campaign-action="duplicate"
        data-url="${url}/duplicate"
      >
        Duplicate<span class="sr-only"> ${c.name}</span>
      </button>
      <button
        type="button"
        class="small secondary"
        data-campaign-action="rename"
        data-url="${url}"
        data-name="${c.name}"
        data-version="${c.version}"
      >
        Rename<span class="sr-only"> ${c.name}</span>
      </button>
      ${
        c.status === 'archived'
          ? html`<button
              type="button"
              class="small secondary"
              data-campaign-action="restore"
              data-url="${url}/restore"
              data-version="${c.version}"
            >
              Restore<span class="sr-only"> ${c.name}</span>
            </button>`
          : html`${
              c.isDefault
                ? ''
                : html`<button
                      type="button"
                      class="small secondary"
                      data-campaign-action="make-default"
                      data-url="${url}/make-default"
                    >
                      Make default<span class="sr-only"> ${c.name}</span>
                    </button>
                    <button
                      type="button"
                      class="small secondary"
                      data-campaign-action="archive"
                      data-url="${url}/archive"
                      data-version="${c.version}"
                    >
                      Archive<span class="sr-only"> ${c.name}</span>
                    </button>`
            }`
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
  return html`<table id="${id}">
    <caption>
      ${caption}
    </caption>
    <thead>
      <tr>
        <th scope="col">Campaign</th>
        <th scope="col">A friend qualifies when</th>
        <th scope="col">Rewards</th>
        <th scope="col">Actions</th>
      </tr>
    </thead>
    <tbody>
      ${campaigns.map((c) => row(base, api, c))}
    </tbody>
  </table>`
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
