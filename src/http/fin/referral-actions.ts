import type { AppContext } from '../../context.js'
import { sendInvite } from '../canvas/invite.js'
import { referralLink } from '../canvas/messenger-card-state.js'
import { personView } from '../canvas/person-view.js'
import { ErasedPersonError } from '../../ledger/errors.js'
import type { ReferrerView } from '../../ledger/referrer-view.js'
import type { FinCaller } from '../../fin/caller.js'
import { type FinPhraseKey, sayer } from '../../fin/phrases.js'

interface FinActionAnswer {
  readonly answer: string
  readonly has_account: boolean
  readonly language: string
  /** What happened: `sent`, `shown`, or why nothing was done. */
  readonly outcome: string
  readonly referral_link?: string
  readonly referral_code?: string
  readonly friend_email?: string
}

// The card's invite form answers with these message keys; Fin says the same thing in words.
const INVITE_ERRORS: Record<string, FinPhraseKey> = {
  'invite.missingEmail': 'inviteMissingEmail',
  'invite.invalidEmail': 'inviteInvalidEmail',
  'invite.ownEmail': 'inviteOwnEmail',
  'invite.loop': 'inviteLoop',
  'invite.limitPerson': 'inviteLimitPerson',
  'invite.limitWorkspace': 'inviteLimitWorkspace',
  'invite.recentlyInvited': 'inviteRecently',
  'invite.notInvitable': 'inviteNotInvitable',
}

/**
 * The contact's card as the Messenger would show it: enrolled on first sight like the card, in the
 * default campaign. Someone erased is not enrolled again (null).
 */
async function viewOf(
  ctx: AppContext,
  workspaceId: string,
  caller: FinCaller,
  fresh = false,
): Promise<ReferrerView | null> {
  try {
    return await personView(ctx, {
      workspaceId,
      campaignId: null,
      person: { contactId: caller.contactId, email: caller.email, name: caller.name },
      source: 'messenger',
      actor: { type: 'contact', id: caller.contactId },
      fresh,
    })
  } catch (error) {
    if (error instanceof ErasedPersonError) return null
    throw error
  }
}

/** "Send my referral link": the link and code, enrolling the contact as the card would. */
export async function sendReferralLink(
  ctx: AppContext,
  workspaceId: string,
  caller: FinCaller,
): Promise<FinActionAnswer> {
  const say = sayer(caller.language)
  const language = caller.language
  const view = await viewOf(ctx, workspaceId, caller)
  if (!view)
    return { answer: say('noAccount'), has_account: false, language, outcome: 'no_account' }
  if (view.referrer.blockedAt) {
    return { answer: say('paused'), has_account: true, language, outcome: 'paused' }
  }
  const link = referralLink(ctx.config.publicUrl, view.referrer.code)
  return {
    answer: say('link', { link }),
    has_account: true,
    language,
    outcome: 'shown',
    referral_link: link,
    referral_code: view.referrer.code,
  }
}

/**
 * "Invite a friend": exactly the card's invite (its limits, fraud and self-referral checks, the
 * same pending referral), for the contact Intercom identified; the friend's email and name are the
 * only values the customer typed, and they only ever name the friend.
 */
export async function inviteFriend(
  ctx: AppContext,
  workspaceId: string,
  caller: FinCaller,
  friend: { email: string; name: string },
): Promise<FinActionAnswer> {
  const say = sayer(caller.language)
  const language = caller.language
  const view = await viewOf(ctx, workspaceId, caller)
  if (!view)
    return { answer: say('noAccount'), has_account: false, language, outcome: 'no_account' }
  if (view.referrer.blockedAt) {
    return { answer: say('invitePaused'), has_account: true, language, outcome: 'paused' }
  }
  const { invite } = await sendInvite(ctx.db, {
    workspaceId,
    campaignId: view.campaign.id,
    referrer: { contactId: caller.contactId, email: caller.email, name: caller.name },
    email: friend.email,
    name: friend.name,
  })
  const email = friend.email
  if (invite.kind === 'sent') {
    return {
      answer: say('inviteSent', { email }),
      has_account: true,
      language,
      outcome: 'sent',
      friend_email: email,
    }
  }
  const key = invite.kind === 'form' && invite.error ? INVITE_ERRORS[invite.error] : undefined
  return {
    answer: say(key ?? 'inviteNotInvitable', { email }),
    has_account: true,
    language,
    outcome:
      invite.kind === 'form' && invite.error ? invite.error.replace('invite.', '') : 'refused',
    friend_email: email,
  }
}
