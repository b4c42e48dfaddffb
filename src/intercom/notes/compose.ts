import { escapeHtml } from '../../../canvas/escape-html.js'
import type { Trx } from '../../ledger/db-types.js'
import type { RecordedEvent } from '../../ledger/events.js'
import { formatMoney } from '../../money/format.js'
import { rewardAmount } from '../data-events/derive.js'
import { referralsWithPeople } from '../../ledger/primary-code-joins.js'

interface Person {
  readonly name: string | null
  readonly email: string | null
}

function who(person: Person | undefined): string {
  if (!person) return 'someone'
  const name = person.name?.trim()
  const email = person.email?.trim()
  if (name && email) return `${name} (${email})`
  return name || email || 'a contact without name or email'
}

/**
 * The internal note an agent's action leaves on the conversation they acted from: what was done,
 * to whom, and why. The note is posted in the agent's name, which says who. Null for ledger events
 * that are not an agent's decision (enrolment, automatic rewards).
 */
export async function noteFor(trx: Trx, event: RecordedEvent): Promise<string | null> {
  const data = event.data ?? {}
  const reason = typeof data.reason === 'string' && data.reason.trim() ? data.reason.trim() : null
  const lines: string[] = []
  switch (event.type) {
    case 'referral.qualified':
    case 'referral.rejected':
    case 'referral.created': {
      const referral = await referralPeople(trx, event.workspaceId, event.subject.id)
      if (!referral) return null
      if (event.type === 'referral.created') {
        if (data.source !== 'agent') return null
        lines.push(
          `Added “referred by”: ${who(referral.friend)} was referred by ${who(referral.referrer)} (code ${referral.code}).`,
        )
        if (typeof data.reviewReason === 'string' && data.reviewReason)
          lines.push(`Held for review: ${data.reviewReason}.`)
      } else {
        const verb = event.type === 'referral.qualified' ? 'qualified' : 'rejected'
        lines.push(
          `Referral ${verb}: ${who(referral.friend)}, referred by ${who(referral.referrer)}.`,
        )
      }
      break
    }
    case 'reward.issued':
    case 'reward.reversed': {
      const reward = await trx
        .selectFrom('rewards')
        .innerJoin('participants', 'participants.id', 'rewards.participant_id')
        .select([
          'rewards.kind',
          'rewards.amount_minor',
          'rewards.currency',
          'rewards.points',
          'rewards.coupon_code',
          'rewards.description',
          'participants.name',
          'participants.email',
        ])
        .where('rewards.workspace_id', '=', event.workspaceId)
        .where('rewards.id', '=', event.subject.id)
        .executeTakeFirst()
      if (!reward) return null
      if (event.type === 'reward.issued' && reward.kind !== 'manual') return null
      const { amount, currency } = rewardAmount(reward)
      const what =
        reward.amount_minor !== null && reward.currency
          ? formatMoney(reward.amount_minor, reward.currency)
          : [amount, currency].filter(Boolean).join(' ') || reward.kind
      const description = reward.description ? ` (${reward.description})` : ''
      lines.push(
        event.type === 'reward.issued'
          ? `Reward issued to ${who(reward)}: ${what}${description}.`
          : `Reward voided for ${who(reward)}: ${what}${description}.`,
      )
      break
    }
    case 'referrer.blocked':
    case 'referrer.unblocked':
    case 'referrer.code_changed': {
      const referrer = await trx
        .selectFrom('referrers')
        .innerJoin('participants', 'participants.id', 'referrers.participant_id')
        .select(['participants.name', 'participants.email'])
        .where('referrers.workspace_id', '=', event.workspaceId)
        .where('referrers.id', '=', event.subject.id)
        .executeTakeFirst()
      if (!referrer) return null
      if (event.type === 'referrer.blocked')
        lines.push(
          `Referrer blocked: ${who(referrer)}. Their new referrals wait for review and their link says the programme is unavailable.`,
        )
      else if (event.type === 'referrer.unblocked')
        lines.push(`Referrer unblocked: ${who(referrer)}.`)
      else {
        const disabled = Array.isArray(data.disabledCodes) ? data.disabledCodes.map(String) : []
        lines.push(
          `New referral code for ${who(referrer)}: ${String(data.code ?? '')}.` +
            (disabled.length > 0
              ? ` The old code ${disabled.join(', ')} no longer works.`
              : ' The old code keeps working.'),
        )
      }
      break
    }
    default:
      return null
  }
  if (reason) lines.push(`Reason: ${reason}`)
  return `<p><b>Referrals</b></p>${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('')}`
}

async function referralPeople(trx: Trx, workspaceId: string, referralId: string) {
  const row = await referralsWithPeople(trx, workspaceId)
    .select([
      'friend.name as friend_name',
      'friend.email as friend_email',
      'referrer.name as referrer_name',
      'referrer.email as referrer_email',
      'referral_codes.code',
    ])
    .where('referrals.id', '=', referralId)
    .executeTakeFirst()
  if (!row) return null
  return {
    friend: { name: row.friend_name, email: row.friend_email },
    referrer: { name: row.referrer_name, email: row.referrer_email },
    code: row.code,
  }
}
