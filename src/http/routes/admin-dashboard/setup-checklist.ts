import type { SetupProgress } from '../../../ledger/admin/setup-progress.js'
import type { Campaign } from '../../../ledger/types.js'
import { type Html, html } from './html.js'
import { momentTime } from './moment.js'

export interface ChecklistItem {
  readonly key: string
  readonly title: string
  readonly done: boolean
  /** What happened (when done) or what to do next (when not). */
  readonly detail: Html | string
}

function when(date: Date | null): Html | string {
  return date ? momentTime(date, ' UTC') : ''
}

export interface ChecklistInput {
  readonly progress: SetupProgress
  readonly base: string
  readonly publicUrl: string
  readonly canInstall: boolean
  readonly defaultCampaign: Campaign | null
  readonly anyRewardRules: boolean
  /** null: not connected (or Intercom unavailable), so it cannot be checked. */
  readonly missingAttributes: readonly string[] | null
  readonly webhookPath: string
  readonly webhookTopics: readonly string[]
}

/** The steps from install to first reward, each with its state and the next thing to do. */
export function checklistItems(input: ChecklistInput): ChecklistItem[] {
  const p = input.progress
  const connected = p.status === 'active'
  const campaignLink = input.defaultCampaign
    ? `${input.base}/campaigns/${input.defaultCampaign.id}`
    : `${input.base}/campaigns`
  const q = input.defaultCampaign?.settings.qualification
  return [
    {
      key: 'connected',
      title: 'Workspace connected to Intercom',
      done: connected,
      detail: connected
        ? html`Connected
          ${p.tokenSource === 'private' ? 'with an access token' : 'through the app install'}${p.installedAt ? html` on ${when(p.installedAt)}` : ''}.`
        : input.canInstall
          ? html`Next: <a href="/intercom/install">install the app in your Intercom workspace</a>.`
          : 'Next: set INTERCOM_ACCESS_TOKEN and INTERCOM_WORKSPACE_ID (private app), or the OAuth client id and secret, and restart.',
    },
    {
      key: 'attributes',
      title: 'Referral attributes created in Intercom',
      done: input.missingAttributes !== null && input.missingAttributes.length === 0,
      detail:
        input.missingAttributes === null
          ? 'Checked once the workspace is connected.'
          : input.missingAttributes.length === 0
            ? 'Every attribute your campaigns write exists on contacts.'
            : html`Missing: ${input.missingAttributes.join(', ')}. Next: open a
                <a href="${campaignLink}">campaign</a> and save it; the app creates them.`,
    },
    {
      key: 'webhook',
      title: 'A webhook received',
      done: p.webhooks.count > 0,
      detail:
        p.webhooks.count > 0
          ? html`Last on ${when(p.webhooks.last)} (${p.webhooks.count} in all). Topics:
            ${topicList(p.webhooks.topics)}.`
          : html`Next: in the Intercom Developer Hub, set the webhook URL to
              <code>${input.publicUrl}${input.webhookPath}</code> and subscribe to
              ${topicList(input.webhookTopics)}.`,
    },
    {
      key: 'card',
      title: 'Messenger card added',
      done: p.firstCanvasAt !== null,
      detail: p.firstCanvasAt
        ? html`First shown on ${when(p.firstCanvasAt)}.`
        : 'Next: in Intercom, Messenger settings → Home → Add apps → Referrals, then publish.',
    },
    {
      key: 'referral',
      title: 'First referral',
      done: p.firstReferralAt !== null,
      detail: p.firstReferralAt
        ? html`On ${when(p.firstReferralAt)}.`
        : 'Next: open your Messenger as a user, copy your link from the card and sign up through it.',
    },
    {
      key: 'qualified',
      title: 'First qualified referral',
      done: p.firstQualifiedAt !== null,
      detail: p.firstQualifiedAt
        ? html`On ${when(p.firstQualifiedAt)}.`
        : q
          ? html`Next: a friend qualifies when <code>${q.attribute}</code> becomes
              ${q.values.join(' or ')}; change it in the <a href="${campaignLink}">campaign</a>.`
          : 'Next: set when a friend qualifies in a campaign.',
    },
    {
      key: 'reward',
      title: 'First reward',
      done: p.firstRewardAt !== null,
      detail: p.firstRewardAt
        ? html`On ${when(p.firstRewardAt)}.`
        : input.anyRewardRules
          ? 'Next: rewards are given when a friend qualifies.'
          : html`Next: <a href="${campaignLink}">add a reward rule</a> to your campaign.`,
    },
  ]
}

export function setupChecklist(items: readonly ChecklistItem[]): Html {
  const done = items.filter((i) => i.done).length
  return html`<section class="card checklist" aria-labelledby="setup-h" id="setup">
    <h2 id="setup-h">Set-up checklist</h2>
    <p class="progress-line">
      <progress max="${items.length}" value="${done}" aria-labelledby="setup-count"></progress>
      <span id="setup-count">${done} of ${items.length} steps done</span>
    </p>
    <ol class="steps">
      ${items.map(
        (item) =>
          html`<li class="step ${item.done ? 'done' : 'todo'}" data-step="${item.key}">
            <span class="mark" aria-hidden="true">${item.done ? '✓' : ''}</span>
            <div>
              <strong>${item.title}</strong>
              <span class="sr-only">${item.done ? ': done' : ': to do'}</span>
              <p class="help">${item.detail}</p>
            </div>
          </li>`,
      )}
    </ol>
  </section>`
}

/** Webhook topics as Intercom spells them, set apart as names to type exactly. */
function topicList(topics: readonly string[]): Html[] {
  return topics.map((topic, i) => html`${i > 0 ? ', ' : ''}<code>${topic}</code>`)
}
