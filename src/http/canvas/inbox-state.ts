import { z } from 'zod'
import type { MessageKey } from '../../../canvas/i18n/index.js'
import type { InboxPanelState } from '../../../canvas/screens/inbox-panel.js'
import type { InboxReferralState } from '../../../canvas/screens/inbox-referral.js'
import type { AppContext } from '../../context.js'
import type { Db } from '../../ledger/db-types.js'
import type { ReferrerView } from '../../ledger/referrer-view.js'
import { referralDetail } from '../../ledger/summaries.js'
import type { Actor, PersonInput } from '../../ledger/types.js'
import { referralLink } from './customer-screens.js'
import { displayName } from './people.js'
import { personView } from './person-view.js'
import { type ReferrerContest, referrerContest } from '../../contests/card-contest.js'

/** What the Inbox canvases carry between requests (never parsed out of component ids). */
export const inboxStoredSchema = z
  .looseObject({
    screen: z.string().nullish().catch(null),
    referral_id: z.string().nullish().catch(null),
    /** list item id → referral id, for the referrals screen. */
    items: z.record(z.string(), z.string()).nullish().catch(null),
    /** Minted when the reward form is rendered; part of the reward's idempotency key. */
    nonce: z.string().max(64).nullish().catch(null),
    /** The reward on the void screen. */
    reward_id: z.string().nullish().catch(null),
  })
  .catch({ screen: null, referral_id: null, items: null, nonce: null, reward_id: null })

export type InboxStored = z.infer<typeof inboxStoredSchema>

export interface InboxSubject extends ReferrerView {
  readonly contest?: ReferrerContest | null
  readonly workspaceId: string
  readonly person: PersonInput
  readonly actor: Actor
  readonly locale: string | null | undefined
  /** The card it was made from (the card cache keeps answers with it). */
  readonly view: ReferrerView
}

/** The conversation's contact as a referrer of the default campaign (enrolled on first sight). */
export async function inboxSubject(
  ctx: AppContext,
  input: Pick<InboxSubject, 'workspaceId' | 'person' | 'actor' | 'locale'>,
  read: { fresh?: boolean } = {},
): Promise<InboxSubject> {
  const view = await personView(ctx, {
    ...input,
    campaignId: null,
    source: 'inbox',
    fresh: read.fresh === true,
  })
  const contest = await referrerContest(ctx.db, ctx.contests, {
    workspaceId: input.workspaceId,
    campaignId: view.campaign.id,
    referrerId: view.referrer.id,
  })
  return { ...input, ...view, contest, view }
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10)
}

export function panelState(
  ctx: AppContext,
  subject: InboxSubject,
  notice: MessageKey | null,
): InboxPanelState {
  const { referrer, participant, referredBy: by } = subject
  return {
    locale: subject.locale,
    name: displayName(participant, participant.contactId ?? '—'),
    link: referralLink(ctx.config.publicUrl, referrer.code),
    code: referrer.code,
    joined: referrer.referralCount,
    converted: referrer.convertedCount,
    pending: referrer.pendingCount,
    rewards: subject.rewards,
    referredBy: by
      ? { name: displayName({ name: by.name, email: by.email }), code: by.code, status: by.status }
      : null,
    notice,
    blockedReason: referrer.blockedAt ? (referrer.blockedReason ?? '—') : null,
    contest: subject.contest && {
      name: subject.contest.contestName,
      rank: subject.contest.rank,
      score: subject.contest.score,
    },
    latestPayout: subject.latestPayout ?? null,
  }
}

/** The review screen's state for one referral of this workspace, or null if there is none. */
export async function referralState(
  db: Db,
  subject: InboxSubject,
  referralId: string,
  extra: { notice?: MessageKey | null; error?: MessageKey | null } = {},
): Promise<InboxReferralState | null> {
  const detail = await referralDetail(db, subject.workspaceId, referralId)
  if (!detail) return null
  return {
    locale: subject.locale,
    friend: displayName({ name: detail.friendName, email: detail.friendEmail }),
    referrer: displayName({ name: detail.referrerName, email: detail.referrerEmail }),
    status: detail.referral.status,
    source: detail.referral.source,
    date: isoDate(detail.referral.createdAt),
    reason: detail.referral.statusReason,
    notice: extra.notice ?? null,
    error: extra.error ?? null,
  }
}
