import { describe, expect, test } from 'vitest'
import { normalizeEmail } from '../../src/ledger/emails.js'
import { closesLoop, selfReferralViolation } from '../../src/ledger/rules.js'

const person = (participantId: string, contactId: string | null, email: string | null) => ({
  participantId,
  contactId,
  email: email ? normalizeEmail(email) : null,
})

describe('selfReferralViolation', () => {
  test.each([
    [
      'same participant',
      person('p1', null, 'a@x.io'),
      person('p1', null, 'a@x.io'),
      'self_referral',
    ],
    ['same contact', person('p1', 'c1', null), person('p2', 'c1', null), 'self_referral'],
    [
      'same email, other case',
      person('p1', null, 'A@x.io'),
      person('p2', null, 'a@X.io'),
      'self_referral',
    ],
    [
      'plus alias of the same mailbox',
      person('p1', null, 'a@x.io'),
      person('p2', null, 'a+friend@x.io'),
      'self_referral',
    ],
    ['different people', person('p1', 'c1', 'a@x.io'), person('p2', 'c2', 'b@x.io'), null],
    ['no shared identity', person('p1', 'c1', null), person('p2', null, 'b@x.io'), null],
  ])('%s', (_label, referrer, friend, expected) => {
    expect(selfReferralViolation(referrer, friend)).toBe(expected)
  })
})

describe('closesLoop', () => {
  test.each([
    ['friend referred the referrer', 'a', ['a'], true],
    ['friend is further up the chain', 'a', ['b', 'a'], true],
    ['unrelated', 'c', ['a', 'b'], false],
    ['referrer has no ancestors', 'a', [], false],
  ])('%s', (_label, friend, ancestors, expected) => {
    expect(closesLoop(friend, ancestors)).toBe(expected)
  })
})
