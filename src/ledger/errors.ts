/** Errors the ledger raises when a rule refuses an operation; each message is safe to show. */
export class LedgerError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export class InvalidEmailError extends LedgerError {
  override readonly name = 'InvalidEmailError'
  constructor(readonly input: string) {
    super('invalid_email', 'That does not look like an email address.')
  }
}

export class SelfReferralError extends LedgerError {
  override readonly name = 'SelfReferralError'
  constructor() {
    super('self_referral', 'A person cannot refer themselves.')
  }
}

export class ReferralLoopError extends LedgerError {
  override readonly name = 'ReferralLoopError'
  constructor() {
    super(
      'referral_loop',
      'That person already referred this referrer; referrals cannot go in a circle.',
    )
  }
}

export class UnknownCodeError extends LedgerError {
  override readonly name = 'UnknownCodeError'
  constructor(readonly referralCode: string) {
    super('unknown_code', `No referrer has the code "${referralCode}".`)
  }
}

export class InvalidCodeError extends LedgerError {
  override readonly name = 'InvalidCodeError'
  constructor(reason: string) {
    super('invalid_code', reason)
  }
}

export class CodeTakenError extends LedgerError {
  override readonly name = 'CodeTakenError'
  constructor(readonly referralCode: string) {
    super('code_taken', `The code "${referralCode}" is already taken.`)
  }
}

export class NotFoundError extends LedgerError {
  override readonly name = 'NotFoundError'
  constructor(what: string) {
    super('not_found', `${what} was not found.`)
  }
}

export class InvalidTransitionError extends LedgerError {
  override readonly name = 'InvalidTransitionError'
  constructor(message: string) {
    super('invalid_transition', message)
  }
}

export class MissingIdentityError extends LedgerError {
  override readonly name = 'MissingIdentityError'
  constructor() {
    super('missing_identity', 'A person needs an Intercom contact id or an email address.')
  }
}

export class ErasedPersonError extends LedgerError {
  override readonly name = 'ErasedPersonError'
  constructor() {
    super(
      'erased_person',
      'This person asked to be forgotten; the referral program no longer holds or accepts their data.',
    )
  }
}

/** Someone else saved the campaign since this edit began (optimistic concurrency). */
export class StaleCampaignError extends LedgerError {
  override readonly name = 'StaleCampaignError'
  constructor(readonly currentVersion: number) {
    super(
      'stale_campaign',
      'This campaign was changed by someone else since you opened it. Reload to see their changes, then make yours again.',
    )
  }
}
