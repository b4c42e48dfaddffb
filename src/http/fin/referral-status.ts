import type { AppContext } from '../../context.js'
import { isErasedPerson } from '../../ledger/privacy/identity-hash.js'
import { referrerViewOfContact, type ReferrerView } from '../../ledger/referrer-view.js'
import { referralLink } from '../canvas/messenger-card-state.js'
import { type Say, sayer } from '../../fin/phrases.js'
import type { FinCaller } from '../../fin/caller.js'
import { translator } from '../../../canvas/i18n/index.js'
import { payoutLine } from '../../../canvas/screens/payout-line.js'

const DAY_MS = 86_400_000

/** The flat answer Fin reads: `answer` is the sentence to say, the rest are facts it may use. */
interface ReferralStatusAnswer {
  readonly answer: string
  readonly has_account: boolean
  readonly language: string
  readonly referral_link?: string
  readonly referral_code?: string
  readonly friends_referred?: number
  readonly friends_joined?: number
  readonly friends_converted?: number
  readonly rewards_earned?: number
  readonly rewards_paid?: number
  readonly rewards_pending?: number
  /** One sentence per pending or reversed reward, with its reason and date in words. */
  readonly pending_rewards?: string
  readonly next_reward?: string
  readonly friends_to_next_reward?: number
  /** The last gift card or cash sent: what, where and when. */
  readonly last_payout?: string
}

interface RewardLine {
  status: string
  kind: string
  amount_minor: number | null
  currency: string | null
  points: number | null
  status_reason: string | null
  hold_until: Date | null
  created_at: Date
  friend_first_name: string | null
  friend_name: string | null
}

/**
 * What the contact Intercom identified has in the referral program. The card's own view (from
 * the card cache when it was read before) gives the link, code and counters; the reasons of
 * pending rewards are two bounded reads on indexes (this referrer's rewards and friends).
 */
export async function referralStatus(
  ctx: AppContext,
  workspaceId: string,
  caller: FinCaller,
): Promise<ReferralStatusAnswer> {
  const say = sayer(caller.language)
  const noAccount = (): ReferralStatusAnswer => ({
    answer: `${say('noAccount')} ${say('noAccountHint')}`,
    has_account: false,
    language: caller.language,
  })
  if (await isErasedPerson(ctx.db, workspaceId, { contactId: caller.contactId })) {
    return { answer: say('noAccount'), has_account: false, language: caller.language }
  }
  const view = await referrerViewOfContact(
    ctx.db,
    { workspaceId, campaignId: null, person: { contactId: caller.contactId } },
    ctx.referrerViews ?? null,
  )
  if (!view) return noAccount()
  const link = referralLink(ctx.config.publicUrl, view.referrer.code)
  if (view.referrer.blockedAt) {
    return {
      answer: say('paused'),
      has_account: true,
      language: caller.language,
      referral_code: view.referrer.code,
    }
  }
  const [joined, rewards, waiting] = await Promise.all([
    joinedCount(ctx, workspaceId, view),
    rewardLines(ctx, workspaceId, view),
    friendsNotPaid(ctx, workspaceId, view),
  ])
  const paid = rewards.filter((r) => r.status === 'fulfilled').length
  const open = rewards.filter((r) => r.status === 'pending' || r.status === 'approved')
  const reversed = rewards.filter((r) => r.status === 'reversed')
  const pendingCount = open.length + waiting.length
  const reasons = [
    ...open.map((r) => pendingReason(say, caller.language, r)),
    ...waiting.map((friend) => say('notPaid', { friend: capitalize(friend || say('aFriend')) })),
    ...reversed.slice(0, 3).map((r) => reversedReason(say, caller.language, r)),
  ]
  const goal = Math.max(1, view.campaign.settings.card.rewardGoal)
  const left = goal - (view.referrer.convertedCount % goal)
  const next = left === 1 ? say('nextOne') : say('nextMany', { left })
  const friends = (count: number) =>
    count === 1 ? say('friendsOne') : say('friendsMany', { count })
  const summary = say('status', {
    link,
    code: view.referrer.code,
    invited: friends(view.referrer.referralCount),
    joined,
    converted: view.referrer.convertedCount,
  })
  const totals =
    view.rewards.count === 0 && pendingCount === 0
      ? say('noRewards')
      : say('rewards', { earned: view.rewards.count, paid, pending: pendingCount })
  const lastPayout = view.latestPayout
    ? payoutLine(view.latestPayout, translator(caller.language), caller.language)
    : null
  return {
    answer: [summary, totals, ...reasons, ...(lastPayout ? [`${lastPayout}.`] : []), next].join(
      ' ',
    ),
    has_account: true,
    language: caller.language,
    referral_link: link,
    referral_code: view.referrer.code,
    friends_referred: view.referrer.referralCount,
    friends_joined: joined,
    friends_converted: view.referrer.convertedCount,
    rewards_earned: view.rewards.count,
    rewards_paid: paid,
    rewards_pending: pendingCount,
    pending_rewards: reasons.join(' '),
    next_reward: next,
    friends_to_next_reward: left,
    ...(lastPayout ? { last_payout: lastPayout } : {}),
  }
}

async function joinedCount(ctx: AppContext, workspaceId: string, view: ReferrerView) {
  const row = await ctx.db
    .selectFrom('referrals')
    .innerJoin('participants as friend', 'friend.id', 'referrals.friend_participant_id')
    .select((eb) => eb.fn.countAll<number>().as('joined'))
    .where('referrals.workspace_id', '=', workspaceId)
    .where('referrals.referrer_id', '=', view.referrer.id)
    .where('friend.contact_id', 'is not', null)
    .executeTakeFirst()
  return Number(row?.joined ?? 0)
}

/** The referrer's latest rewards in this campaign with the friend each was earned through. */
async function rewardLines(
  ctx: AppContext,
  workspaceId: string,
  view: ReferrerView,
): Promise<RewardLine[]> {
  return ctx.db
    .selectFrom('rewards')
    .leftJoin('referrals', 'referrals.id', 'rewards.referral_id')
    .leftJoin('participants as friend', 'friend.id', 'referrals.friend_participant_id')
    .select([
      'rewards.status',
      'rewards.kind',
      'rewards.amount_minor',
      'rewards.currency',
      'rewards.points',
      'rewards.status_reason',
      'rewards.hold_until',
      'rewards.created_at',
      'friend.first_name as friend_first_name',
      'friend.name as friend_name',
    ])
    .where('rewards.workspace_id', '=', workspaceId)
    .where('rewards.participant_id', '=', view.participant.id)
    .where('rewards.campaign_id', '=', view.campaign.id)
    .where('rewards.status', '!=', 'declined')
    .orderBy('rewards.created_at', 'desc')
    .limit(50)
    .execute()
}

/** Friends who signed up (are contacts) and whose referral waits for their first payment. */
async function friendsNotPaid(
  ctx: AppContext,
  workspaceId: string,
  view: ReferrerView,
): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('referrals')
    .innerJoin('participants as friend', 'friend.id', 'referrals.friend_participant_id')
    .select(['friend.first_name', 'friend.name'])
    .where('referrals.workspace_id', '=', workspaceId)
    .where('referrals.referrer_id', '=', view.referrer.id)
    .where('referrals.status', '=', 'pending')
    .where('friend.contact_id', 'is not', null)
    .orderBy('referrals.created_at', 'desc')
    .limit(5)
    .execute()
  return rows.map((row) => row.first_name ?? row.name ?? '')
}

function friendOf(say: Say, line: Pick<RewardLine, 'friend_first_name' | 'friend_name'>) {
  return line.friend_first_name ?? line.friend_name ?? say('aFriend')
}

function pendingReason(say: Say, language: string, line: RewardLine): string {
  const values = { reward: rewardWords(say, language, line), friend: friendOf(say, line) }
  if (line.status === 'approved') return say('approved', values)
  if (line.hold_until && line.hold_until.getTime() > Date.now()) {
    const days = Math.max(
      1,
      Math.round((line.hold_until.getTime() - line.created_at.getTime()) / DAY_MS),
    )
    return say('held', { ...values, date: dateInWords(language, line.hold_until), days })
  }
  return say('review', values)
}

function reversedReason(say: Say, language: string, line: RewardLine): string {
  const values = { reward: rewardWords(say, language, line), friend: friendOf(say, line) }
  const reason = line.status_reason ?? ''
  if (/dispute/i.test(reason)) return say('reversedDispute', values)
  if (/refund/i.test(reason)) return say('reversedRefund', values)
  return say('reversedOther', values)
}

/** "€10.00", "50 points", "A coupon": how the reward is named at the start of a sentence. */
function rewardWords(say: Say, language: string, line: RewardLine): string {
  if (line.amount_minor !== null && line.currency) {
    const format = new Intl.NumberFormat(locale(language), {
      style: 'currency',
      currency: line.currency,
    })
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2
    return format.format(line.amount_minor / 10 ** digits)
  }
  if (line.points !== null) return say('points', { points: line.points })
  if (line.kind === 'coupon') return say('aCoupon')
  return say('aReward')
}

/** "21 December" (this year) or "3 January 2027", in the contact's language. */
function dateInWords(language: string, date: Date, now = new Date()): string {
  return new Intl.DateTimeFormat(locale(language), {
    day: 'numeric',
    month: 'long',
    ...(date.getUTCFullYear() === now.getUTCFullYear() ? {} : { year: 'numeric' }),
    timeZone: 'UTC',
  }).format(date)
}

function locale(language: string): string {
  return language === 'en' ? 'en-GB' : language
}

function capitalize(text: string): string {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : text
}
