import type { InviteState } from '../../../canvas/screens/messenger-card.js'
import type { Db } from '../../ledger/db-types.js'
import type { MessageKey } from '../../../canvas/i18n/index.js'
import { getCampaign } from '../../ledger/campaigns.js'
import { type InviteRefusal, inviteRefusal } from '../../ledger/invite-limits.js'
import {
  ErasedPersonError,
  InvalidEmailError,
  MissingIdentityError,
  ReferralLoopError,
  SelfReferralError,
} from '../../ledger/errors.js'
import { attributeReferral } from '../../ledger/referrals.js'
import type { PersonInput } from '../../ledger/types.js'

const REFUSAL_MESSAGES: Record<InviteRefusal, MessageKey> = {
  per_referrer: 'invite.limitPerson',
  per_workspace: 'invite.limitWorkspace',
  recently_invited: 'invite.recentlyInvited',
}

/**
 * The invite form's submit: a pending referral with source `invite`. The ledger's rules answer
 * as form errors; a friend already attributed (by this person or anyone) counts once and the
 * visitor still sees success, since there is nothing they could do differently.
 */
export async function sendInvite(
  db: Db,
  input: {
    workspaceId: string
    campaignId: string
    referrer: PersonInput
    email: string
    name: string
  },
): Promise<{ invite: InviteState; completed: boolean }> {
  const form = (error: InviteState & { kind: 'form' }) => ({ invite: error, completed: false })
  const typed = { kind: 'form' as const, email: input.email, name: input.name }
  if (!input.email) return form({ ...typed, error: 'invite.missingEmail' })
  const campaign = await getCampaign(db, input.workspaceId, input.campaignId)
  const refusal = await inviteRefusal(db, {
    workspaceId: input.workspaceId,
    settings: campaign.settings.invites,
    referrer: input.referrer,
    friendEmail: input.email,
  })
  if (refusal) return form({ ...typed, error: REFUSAL_MESSAGES[refusal] })
  try {
    await attributeReferral(db, {
      workspaceId: input.workspaceId,
      campaignId: input.campaignId,
      referrer: { person: input.referrer },
      friend: { email: input.email, name: input.name || null },
      source: 'invite',
      actor: { type: 'contact', id: input.referrer.contactId ?? null },
      emailPolicy: 'strict',
    })
  } catch (error) {
    if (error instanceof InvalidEmailError || error instanceof MissingIdentityError)
      return form({ ...typed, error: 'invite.invalidEmail' })
    if (error instanceof SelfReferralError) return form({ ...typed, error: 'invite.ownEmail' })
    if (error instanceof ReferralLoopError) return form({ ...typed, error: 'invite.loop' })
    if (error instanceof ErasedPersonError) return form({ ...typed, error: 'invite.notInvitable' })
    throw error
  }
  return { invite: { kind: 'sent', email: input.email }, completed: true }
}
