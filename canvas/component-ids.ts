// Every component id the app's canvases use. Ids name a control, never carry data: state that must
// survive a round trip travels in stored_data.

export const MESSENGER = {
  friendEmail: 'friend_email',
  friendName: 'friend_name',
  sendInvite: 'send_invite',
  inviteAnother: 'invite_another',
  shareEmail: 'share_email',
  shareX: 'share_x',
  shareLinkedIn: 'share_linkedin',
  shareWhatsApp: 'share_whatsapp',
  openSheet: 'open_share_sheet',
  openLink: 'open_link',
  openInvite: 'open_invite',
  backToCard: 'back_to_card',
  openPayoutAddress: 'open_payout_address',
} as const

export const CONFIGURE = {
  campaign: 'config_campaign',
  parts: 'config_parts',
  save: 'config_save',
} as const

export const INBOX = {
  showReferrals: 'inbox_referrals',
  referralItemPrefix: 'inbox_referral_',
  reviewReferredBy: 'inbox_review_referred_by',
  back: 'inbox_back',
  qualify: 'inbox_qualify',
  reject: 'inbox_reject',
  rejectReason: 'inbox_reject_reason',
  addReferredBy: 'inbox_add_referred_by',
  referredByInput: 'inbox_referred_by',
  saveReferredBy: 'inbox_save_referred_by',
  issueReward: 'inbox_issue_reward',
  rewardUnit: 'inbox_reward_unit',
  rewardAmount: 'inbox_reward_amount',
  rewardDescription: 'inbox_reward_description',
  saveReward: 'inbox_save_reward',
  erasePerson: 'inbox_erase_person',
  confirmErase: 'inbox_confirm_erase',
  more: 'inbox_more',
  actionReason: 'inbox_action_reason',
  block: 'inbox_block',
  unblock: 'inbox_unblock',
  newCode: 'inbox_new_code',
  disableOld: 'inbox_disable_old',
  disableOldYes: 'disable_old',
  voidReward: 'inbox_void_reward',
  voidItemPrefix: 'inbox_void_',
  voidConfirm: 'inbox_void_confirm',
} as const

/** The parts of the Messenger card an admin can switch on or off in the configure flow. */
export const CARD_PARTS = ['link', 'counts', 'rewards', 'share', 'invite', 'qr'] as const
export type CardPart = (typeof CARD_PARTS)[number]

/** Units a manual reward can be issued in from the Inbox. */
export const REWARD_UNITS = ['USD', 'EUR', 'GBP', 'points'] as const
export type RewardUnit = (typeof REWARD_UNITS)[number]
