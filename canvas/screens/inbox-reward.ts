import { button, errorText, header, input, optionOf, singleSelect, submit } from '../components.js'
import { INBOX, REWARD_UNITS, type RewardUnit } from '../component-ids.js'
import { type MessageKey, translator } from '../i18n/index.js'
import type { Component } from '../schema.js'

export interface InboxRewardState {
  readonly locale: string | null | undefined
  readonly unit: RewardUnit
  readonly amount: string
  readonly description: string
  readonly error: MessageKey | null
}

/** The manual reward form; the route puts a nonce in stored_data so a double click issues once. */
export function inboxReward(state: InboxRewardState): Component[] {
  const t = translator(state.locale)
  const components: Component[] = [
    header(t('inbox.rewardTitle')),
    singleSelect(
      INBOX.rewardUnit,
      REWARD_UNITS.map((unit) => optionOf(unit, unit === 'points' ? t('reward.unitPoints') : unit)),
      { label: t('inbox.rewardUnit'), value: state.unit },
    ),
    input(INBOX.rewardAmount, {
      label: t('inbox.rewardAmount'),
      placeholder: '10.00',
      ...(state.amount ? { value: state.amount } : {}),
    }),
    input(INBOX.rewardDescription, {
      label: t('inbox.rewardDescription'),
      ...(state.description ? { value: state.description } : {}),
    }),
  ]
  if (state.error) components.push(errorText(t(state.error)))
  components.push(
    button(INBOX.saveReward, t('inbox.rewardIssue'), submit),
    button(INBOX.back, t('inbox.back'), submit, { style: 'link' }),
  )
  return components
}
