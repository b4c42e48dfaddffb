import type { MessageKey } from '../../../canvas/i18n/index.js'
import type { Db } from '../../ledger/db-types.js'
import {
  InvalidEmailError,
  MissingIdentityError,
  ReferralLoopError,
  SelfReferralError,
  UnknownCodeError,
} from '../../ledger/errors.js'
import { attributeReferral } from '../../ledger/referrals.js'
import type { Actor, PersonInput } from '../../ledger/types.js'

/**
 * An agent's quick-add of who referred the contact: a referral code, or the referrer's email
 * (enrolled as a referrer if new). First attribution wins; a repeat says so instead of failing.
 */
export async function addReferredBy(
  db: Db,
  input: {
    workspaceId: string
    campaignId: string
    friend: PersonInput
    value: string
    actor: Actor
  },
): Promise<{ ok: true; created: boolean } | { ok: false; error: MessageKey }> {
  const value = input.value.trim()
  if (!value) return { ok: false, error: 'inbox.enterCodeOrEmail' }
  try {
    const result = await attributeReferral(db, {
      workspaceId: input.workspaceId,
      campaignId: input.campaignId,
      referrer: value.includes('@') ? { person: { email: value } } : { code: value },
      friend: input.friend,
      source: 'agent',
      actor: input.actor,
      emailPolicy: 'strict',
    })
    return { ok: true, created: result.created }
  } catch (error) {
    if (error instanceof InvalidEmailError || error instanceof MissingIdentityError)
      return { ok: false, error: 'inbox.invalidEmail' }
    if (error instanceof UnknownCodeError) return { ok: false, error: 'inbox.unknownCode' }
    if (error instanceof SelfReferralError) return { ok: false, error: 'inbox.selfReferral' }
    if (error instanceof ReferralLoopError) return { ok: false, error: 'inbox.loop' }
    throw error
  }
}
