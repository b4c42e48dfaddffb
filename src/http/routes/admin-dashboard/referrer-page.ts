import { z } from 'zod'
import type { AppContext } from '../../../context.js'
import { NotFoundError } from '../../../ledger/errors.js'
import { LINK_RESEND_MINUTES } from '../../../ledger/link-resend.js'
import {
  type ReferrerProfile,
  referrerProfile,
  type TimelineEvent,
} from '../../../ledger/admin/referrer-profile.js'
import { type Html, html } from './html.js'
import { headedRow, listTable } from './list-table.js'
import { momentTime as when } from './moment.js'
import {
  amountCell,
  REFERRAL_ACTIONS,
  REWARD_ACTIONS,
  referralStatusCell,
  rewardKindWords,
  SOURCE_WORDS,
  statusBadge,
} from './pages.js'
import { eraseForm } from './privacy-page.js'
import type { PageHandler } from './page-handler.js'
import { payoutCell } from './payout-state.js'
import { deliveryCell, deliveryFailureWords, retryDeliveryButton } from './delivery-state.js'
import { rowActions } from './row-actions.js'

/** What each ledger event is called on a referrer's timeline. */
const EVENT_WORDS: Record<string, string> = {
  'referrer.enrolled': 'Joined the program',
  'referrer.code_changed': 'Got a new referral code',
  'referrer.blocked': 'Blocked from referring',
  'referrer.unblocked': 'Allowed to refer again',
  'referrer.link_resent': 'Their link was sent to them again',
  'participant.contact_linked': 'Linked to their Intercom contact',
  'participant.contact_merged': 'Merged with another Intercom contact',
  'participant.erased': 'Erased on request',
  'referral.created': 'A friend joined through them',
  'referral.held_for_review': 'A friend was held for review',
  'referral.qualified': 'A friend qualified',
  'referral.rejected': 'A friend was rejected',
  'referral.attribution_ignored': 'A friend had already been referred by someone else',
  'reward.issued': 'A reward was earned',
  'reward.not_issued': 'A reward was not given',
  'reward.approved': 'A reward was approved',
  'reward.declined': 'A reward was declined',
  'reward.delivered': 'A reward was given',
  'reward.fulfilled': 'A reward was marked given',
  'reward.fulfilment_failed': 'Giving a reward failed',
  'reward.delivery_retried': 'Giving a reward was tried again',
  'reward.hold_ended': 'A reward’s waiting period ended',
  'reward.reversed': 'A reward was taken back',
  'reward.reduced': 'A reward was reduced after a refund',
  'reward.offset': 'A reward was offset against a refund',
  'reward.adjustment_recorded': 'A reward was adjusted',
  'reward.clawback_not_possible': 'A reward could not be taken back',
  'payout.approved': 'A payout was approved',
  'payout.waiting': 'A payout is waiting',
  'payout.requested': 'A payout was requested',
  'payout.sent': 'A payout was sent',
  'payout.delivered': 'A payout was delivered',
  'payout.failed': 'A payout failed',
  'payout.flagged': 'A payout needs a look',
  'payout.cancelled': 'A payout was cancelled',
  'payout.retried': 'A payout was retried',
  'payout.address_changed': 'Their PayPal address changed',
  'payout.address_confirmed': 'Their PayPal address was confirmed',
}

/** An event's words; an event this table does not know yet reads as "Something happened". */
export function eventWords(type: string): string {
  return EVENT_WORDS[type] ?? 'Something happened'
}

const ACTOR_WORDS: Record<string, string> = {
  admin: 'a teammate',
  operator: 'a teammate',
  agent: 'a teammate',
  system: 'the app',
  webhook: 'your systems',
  referrer: 'them',
  participant: 'them',
}

/** Events that say something went wrong: drawn in red, with what went wrong. */
const FAILURES = new Set(['reward.fulfilment_failed', 'payout.failed', 'payout.flagged'])

function timelineItem(e: TimelineEvent): Html {
  const by = ACTOR_WORDS[e.actorType]
  return html`<li ${FAILURES.has(e.type) ? html`class="failure-reason"` : ''}>
    ${when(e.at)} · ${eventWords(e.type)}${by ? html` <small>(by ${by})</small>` : ''}
    ${
      e.reason
        ? html`<br /><small
              >${e.type === 'reward.fulfilment_failed' ? deliveryFailureWords(e.reason) : e.reason}</small
            >`
        : ''
    }
  </li>`
}

function body(base: string, publicUrl: string, p: ReferrerProfile): Html {
  const r = p.referrer
  const api = `/api/v1/workspaces/${encodeURIComponent(r.workspaceId)}`
  const link = `${publicUrl}/r/${encodeURIComponent(r.code)}`
  return html`<p class="crumbs"><a href="${base}/referrers">All referrers</a></p>
    <div id="action-status" role="status" aria-live="polite" tabindex="-1"></div>
    <div id="person">
      <section aria-labelledby="about-h">
        <h2 id="about-h">About</h2>
        <dl class="facts">
          <div>
            <dt>Email</dt>
            <dd>${r.email ?? '—'}</dd>
          </div>
          <div>
            <dt>Campaign</dt>
            <dd>${p.campaignName}</dd>
          </div>
          <div>
            <dt>Joined</dt>
            <dd>${when(r.createdAt)}</dd>
          </div>
          <div>
            <dt>Friends</dt>
            <dd data-fact="referrals">
              ${r.referralCount} (${r.pendingCount} pending, ${r.convertedCount} qualified,
              ${r.rejectedCount} rejected)
            </dd>
          </div>
          <div>
            <dt>Link clicks</dt>
            <dd>${r.clickCount}</dd>
          </div>
          ${
            r.blockedAt
              ? html`<div>
                  <dt>Blocked</dt>
                  <dd class="failure-reason">${r.blockedReason ?? 'Blocked from referring'}</dd>
                </div>`
              : ''
          }
        </dl>
      </section>
      <section aria-labelledby="link-h">
        <h2 id="link-h">Their link and codes</h2>
        <p class="share-link">
          <label for="referral-link">Referral link</label>
          <input id="referral-link" value="${link}" readonly />
          <button type="button" class="secondary" data-copy="referral-link">Copy link</button>
        </p>
        <p class="resend-link">
          <button
            type="button"
            class="secondary"
            data-resend-link="${api}/referrers/${encodeURIComponent(r.id)}/resend-link"
            aria-describedby="resend-help"
          >
            Resend link
          </button>
          <small id="resend-help"
            >Sends them their link again through Intercom, as the event
            <code>referral-link-sent</code>: a message you set up on it (see
            <a href="${base}/notices">Referrer notices</a>) reaches them. Once every
            ${LINK_RESEND_MINUTES} minutes at most.</small
          >
        </p>
        ${listTable({
          id: 'codes',
          caption: 'Codes, the one they share first',
          columns: ['Code', 'Kind', 'Clicks', 'Created'],
          items: p.codes,
          row: (c) =>
            headedRow(html`<code>${c.code}</code>`, [
              c.disabled
                ? 'Retired'
                : c.primary
                  ? 'Shared now'
                  : c.vanity
                    ? 'Chosen name'
                    : 'Earlier code',
              c.clicks,
              when(c.createdAt),
            ]),
        })}
      </section>
      <section aria-labelledby="friends-h">
        <h2 id="friends-h">Friends</h2>
        ${listTable({
          id: 'friends',
          caption: p.moreFriends
            ? `The ${p.friends.length} newest friends they referred`
            : 'Friends they referred, newest first',
          columns: ['Friend', 'Source', 'Status', 'Joined', 'Actions'],
          items: p.friends,
          whenEmpty: html`<p>No friend has joined through them yet.</p>`,
          row: (f) =>
            html`<tr data-id="${f.id}">
              <th scope="row">
                ${f.friendName ?? f.friendEmail ?? '—'}${f.friendName && f.friendEmail ? html`<br /><small>${f.friendEmail}</small>` : ''}
              </th>
              <td>${SOURCE_WORDS[f.source] ?? 'Other'}</td>
              ${referralStatusCell(f)}
              <td>${when(f.createdAt)}</td>
              <td class="actions">
                ${rowActions(REFERRAL_ACTIONS, f.status, `${api}/referrals/${f.id}`)}
              </td>
            </tr>`,
        })}
      </section>
      <section aria-labelledby="rewards-h">
        <h2 id="rewards-h">Rewards</h2>
        ${listTable({
          id: 'profile-rewards',
          caption: 'Rewards they earned, newest first',
          columns: ['Reward', 'Amount or code', 'Status', 'Payout', 'Earned', 'Actions'],
          items: p.rewards,
          whenEmpty: html`<p>No reward yet.</p>`,
          row: (w) =>
            html`<tr data-id="${w.id}">
              <th scope="row">${w.description ?? rewardKindWords(w.kind)}</th>
              <td>${amountCell(w)}</td>
              <td class="status">
                ${w.delivery ? deliveryCell(w.delivery) : statusBadge(w.status)}
                ${w.statusReason ? html`<br /><small>${w.statusReason}</small>` : ''}
              </td>
              <td>${payoutCell(base, w)}</td>
              <td>${when(w.createdAt)}</td>
              <td class="actions">
                ${
                  w.delivery?.status === 'failed'
                    ? retryDeliveryButton(
                        `${api}/rewards/${w.id}`,
                        w.description ?? rewardKindWords(w.kind),
                      )
                    : ''
                }${rowActions(REWARD_ACTIONS, w.status, `${api}/rewards/${w.id}`)}
              </td>
            </tr>`,
        })}
      </section>
      <section aria-labelledby="timeline-h">
        <h2 id="timeline-h">Timeline</h2>
        ${
          p.timeline.length === 0
            ? html`<p>Nothing has happened yet.</p>`
            : html`<ol class="timeline" reversed>
                ${p.timeline.map(timelineItem)}
              </ol>`
        }
      </section>
      <section aria-labelledby="data-h">
        <h2 id="data-h">Their data</h2>
        <p>
          <a
            class="button secondary"
            href="${api}/privacy/export?participantId=${r.participantId}"
            download="person-${r.participantId}.json"
            >Download their data (JSON)</a
          >
        </p>
        ${eraseForm(r.workspaceId, r.participantId)}
      </section>
    </div>`
}

/** GET /admin/w/:workspaceId/referrers/:referrerId - one referrer: link, friends, rewards, history. */
export function referrerPage(ctx: AppContext): PageHandler {
  return async ({ workspace, req, base }) => {
    const id = z.uuid().safeParse(req.params.referrerId)
    if (!id.success) throw new NotFoundError('That referrer')
    const profile = await referrerProfile(ctx.db, workspace.id, id.data)
    const r = profile.referrer
    return {
      options: { title: r.name ?? r.email ?? `Referrer ${r.code}`, current: 'referrers' },
      body: body(base, ctx.config.publicUrl, profile),
    }
  }
}
