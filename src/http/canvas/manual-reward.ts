import { REWARD_UNITS, type RewardUnit } from '../../../canvas/component-ids.js'
import type { MessageKey } from '../../../canvas/i18n/index.js'
import type { Db } from '../../ledger/db-types.js'
import { issueReward } from '../../ledger/rewards.js'
import type { Actor } from '../../ledger/types.js'
import { minorUnitDigits } from '../../money/currencies.js'

export interface RewardForm {
  readonly unit: RewardUnit
  readonly amount: string
  readonly description: string
}

export type ParsedReward =
  | {
      readonly ok: true
      readonly amountMinor: number | null
      readonly currency: string | null
      readonly points: number | null
      readonly description: string
    }
  | { readonly ok: false; readonly error: MessageKey }

export function readUnit(value: string): RewardUnit {
  return (REWARD_UNITS as readonly string[]).includes(value) ? (value as RewardUnit) : 'USD'
}

/** Money as decimal text with at most the currency's ISO 4217 decimals, to integer minor units; points as a whole number. */
export function parseRewardForm(form: RewardForm): ParsedReward {
  const description = form.description.trim()
  const amount = form.amount.trim().replace(',', '.')
  if (form.unit === 'points') {
    if (!/^\d{1,9}$/.test(amount) || Number(amount) <= 0)
      return { ok: false, error: 'inbox.rewardInvalidAmount' }
    if (!description || description.length > 200)
      return { ok: false, error: 'inbox.rewardDescriptionRequired' }
    return { ok: true, amountMinor: null, currency: null, points: Number(amount), description }
  }
  const digits = minorUnitDigits(form.unit)
  const match = /^(\d{1,9})(?:\.(\d+))?$/.exec(amount)
  if (!match || (match[2] ?? '').length > digits)
    return { ok: false, error: 'inbox.rewardInvalidAmount' }
  const amountMinor = Number(match[1]) * 10 ** digits + Number((match[2] ?? '').padEnd(digits, '0'))
  if (amountMinor <= 0) return { ok: false, error: 'inbox.rewardInvalidAmount' }
  if (!description || description.length > 200)
    return { ok: false, error: 'inbox.rewardDescriptionRequired' }
  return { ok: true, amountMinor, currency: form.unit, points: null, description }
}

/**
 * Issues an agent's manual reward once per rendered form: the key includes the nonce the form
 * carried in stored_data, so a double click (two submits of the same canvas) issues one reward.
 */
export async function issueManualReward(
  db: Db,
  input: {
    workspaceId: string
    campaignId: string
    participantId: string
    nonce: string
    reward: Extract<ParsedReward, { ok: true }>
    actor: Actor
  },
): Promise<{ created: boolean }> {
  const { reward } = input
  return db.transaction().execute(async (trx) => {
    const issued = await issueReward(trx, {
      workspaceId: input.workspaceId,
      campaignId: input.campaignId,
      participantId: input.participantId,
      recipientRole: 'referrer',
      kind: 'manual',
      amountMinor: reward.amountMinor,
      currency: reward.currency,
      points: reward.points,
      description: reward.description,
      idempotencyKey: `manual:${input.participantId}:${input.nonce}`,
      initialStatus: 'approved',
      actor: input.actor,
    })
    return { created: issued.created }
  })
}
