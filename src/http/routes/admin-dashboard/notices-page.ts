import type { AppContext } from '../../../context.js'
import {
  type DataEventActivity,
  dataEventActivity,
} from '../../../intercom/data-events/activity.js'
import { DATA_EVENTS } from '../../../intercom/data-events/derive.js'
import { type Html, html } from './html.js'
import { momentTime } from './moment.js'
import type { PageHandler } from './page-handler.js'

interface Recipe {
  readonly event: string
  readonly title: string
  readonly who: string
  readonly when: string
  /** The event's fields: name and what it holds. */
  readonly fields: readonly (readonly [string, string])[]
  /** The message, with [field] where the event's data goes. */
  readonly message: string
}

// One recipe per data event the app sends (src/intercom/data-events/derive.ts owes them).
const RECIPES: readonly Recipe[] = [
  {
    event: DATA_EVENTS.friendJoined,
    title: 'A friend joined',
    who: 'The referrer',
    when: 'A friend signs up with their link or code (not while the referral waits for review).',
    fields: [
      ['friend_name', 'The friend’s name, or “A friend”'],
      ['referral_count', 'Friends the referrer has brought so far, this one included'],
      ['referral_link', 'The referrer’s link, to share again'],
    ],
    message:
      'Good news: [friend_name] just joined with your link. That makes [referral_count] friends so far. Keep sharing: [referral_link]',
  },
  {
    event: DATA_EVENTS.friendConverted,
    title: 'A friend qualified',
    who: 'The referrer',
    when: 'The friend qualifies: becomes a customer, or pays a first invoice when Stripe is connected.',
    fields: [
      ['friend_name', 'The friend’s name, or “A friend”'],
      ['referral_converted_count', 'Friends of this referrer who qualified so far'],
      ['referral_link', 'The referrer’s link'],
    ],
    message:
      'Thanks to you, [friend_name] is now a customer. That is [referral_converted_count] so far!',
  },
  {
    event: DATA_EVENTS.milestoneReached,
    title: 'A milestone reached',
    who: 'The referrer',
    when: 'A milestone reward rule pays out (for example at the 5th qualified friend).',
    fields: [
      ['milestone', 'The milestone reached, e.g. 5'],
      ['referral_converted_count', 'Friends of this referrer who qualified so far'],
    ],
    message: 'You did it: [milestone] friends have joined through you. Your bonus is on its way.',
  },
  {
    event: DATA_EVENTS.rewardIssued,
    title: 'A reward given',
    who: 'Whoever gets the reward: referrer or friend',
    when: 'A reward is approved (at once, or after review or the payment hold).',
    fields: [
      ['reward_type', 'fixed, points, coupon or commission'],
      ['amount', 'The amount in major units (“20.00”), the points, or the coupon code'],
      ['currency', 'USD, EUR…, “points”, or “coupon”'],
      ['description', 'The reward’s name from the rule, when it has one'],
      ['reward_id', 'The reward’s id in this app'],
    ],
    message: 'Thank you for spreading the word! Your reward: [amount] [currency].',
  },
  {
    event: DATA_EVENTS.rewardReversed,
    title: 'A reward taken back',
    who: 'Whoever had the reward',
    when: 'A reward is reversed, for example after the friend’s payment was refunded.',
    fields: [
      ['reward_type', 'fixed, points, coupon or commission'],
      ['amount', 'The amount, points or code that was reversed'],
      ['currency', 'USD, EUR…, “points”, or “coupon”'],
      ['reason', 'Why it was reversed'],
    ],
    message:
      'A referral reward of [amount] [currency] was reversed: [reason]. Questions? Just reply to this message.',
  },
  {
    event: DATA_EVENTS.linkSent,
    title: 'Their link, sent again',
    who: 'The referrer',
    when: 'A teammate presses “Resend link” on the referrer’s page (at most once every few minutes).',
    fields: [
      ['referral_link', 'The referrer’s link'],
      ['referral_code', 'The code in their link'],
    ],
    message: 'Here is your referral link again: [referral_link]. Share it with a friend!',
  },
]

function firedLine(activity: DataEventActivity | undefined): Html {
  if (!activity || activity.lastAt === null)
    return html`<p class="fired never">
      <span class="badge">Not fired yet</span> No contact has had this event.
    </p>`
  const failed =
    activity.failed > 0
      ? html` <strong>${activity.failed} could not be sent to Intercom.</strong>`
      : ''
  return html`<p class="fired ${activity.lastThirtyDays > 0 ? 'recent' : 'quiet'}">
    <span class="badge">${activity.lastThirtyDays > 0 ? 'Fired recently' : 'Quiet lately'}</span>
    ${activity.lastThirtyDays} in the last 30 days, ${activity.sent} of them sent to Intercom; last
    owed ${momentTime(activity.lastAt, ' UTC')}.${failed}
  </p>`
}

function recipeCard(recipe: Recipe, activity: DataEventActivity | undefined): Html {
  const id = `recipe-${recipe.event}`
  return html`<section class="card recipe" aria-labelledby="${id}-h" data-event="${recipe.event}">
    <h2 id="${id}-h">${recipe.title}</h2>
    <p>Event <code>${recipe.event}</code> · sent to: ${recipe.who}. ${recipe.when}</p>
    ${firedLine(activity)}
    <table>
      <caption>
        The event’s data
      </caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">What it holds</th>
        </tr>
      </thead>
      <tbody>
        ${recipe.fields.map(
          ([name, meaning]) =>
            html`<tr>
              <th scope="row"><code>${name}</code></th>
              <td>${meaning}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <div class="field">
      <label for="${id}-text">Message to start from</label>
      <textarea id="${id}-text" rows="3" readonly aria-describedby="${id}-help">
${recipe.message}</textarea>
      <p class="help" id="${id}-help">
        Replace each [field] with the event data of the same name from Intercom’s insert menu.
      </p>
    </div>
    <button type="button" class="secondary" data-copy-message="${id}-text">Copy the message</button>
    <span class="copy-status" role="status" aria-live="polite"></span>
  </section>`
}

/**
 * GET /admin/w/:workspaceId/notices: how referrers hear what happened. Each data event the app
 * sends, its fields, a message to start from, and whether it fired lately for this workspace.
 */
export function noticesPage(ctx: AppContext): PageHandler {
  return async ({ workspace }) => {
    const activity = await dataEventActivity(ctx.db, workspace.id)
    return {
      options: { title: 'Referrer notices', current: 'notices' },
      body: html`<p>
          The app does not message people itself: it records what happened on each person in
          Intercom as a data event, so you write the message in Intercom, in your voice, with your
          own rules.
        </p>
        <ol class="steps">
          <li>
            In Intercom, create a Series or a Workflow (or a Chat, Post or Email) and add an
            <strong>event rule</strong> with the event named below, sending it
            <strong>every time</strong> it happens.
          </li>
          <li>Paste the message, then insert the event’s data where the [brackets] are.</li>
          <li>
            Set it live. Only events after that moment trigger it (see
            <a
              href="https://www.intercom.com/help/en/articles/5180516-send-repeatable-messages-based-on-events-you-track-in-intercom"
              >Intercom’s guide to event-based messages</a
            >).
          </li>
        </ol>
        ${RECIPES.map((recipe) => recipeCard(recipe, activity.get(recipe.event)))}`,
    }
  }
}
