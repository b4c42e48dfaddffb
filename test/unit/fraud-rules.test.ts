import { describe, expect, test } from 'vitest'
import { normalizeEmail } from '../../src/ledger/emails.js'
import { blocklistMatch } from '../../src/ledger/fraud/blocklist.js'
import { isDisposableDomain } from '../../src/ledger/fraud/disposable-domains.js'
import { selfReferralSignal } from '../../src/ledger/fraud/self-referral-signals.js'

describe('fraud rules', () => {
  test.each([
    ['mailinator.com', true],
    ['MAILINATOR.COM', true],
    ['inbox.mailinator.com', true],
    ['guerrillamail.com', true],
    ['yopmail.fr', true],
    ['gmail.com', false],
    ['example.com', false],
    ['notmailinator.co', false],
  ])('disposable domain %s → %s', (domain, expected) => {
    expect(isDisposableDomain(domain)).toBe(expected)
  })

  test.each([
    ['exact address', ['bad@example.com'], 'bad@example.com', 'bad@example.com'],
    ['+alias of a blocked address', ['bad@example.com'], 'bad+x@example.com', 'bad@example.com'],
    ['domain', ['spam.test'], 'anyone@spam.test', 'spam.test'],
    ['@domain form', ['@spam.test'], 'anyone@spam.test', '@spam.test'],
    ['subdomain', ['spam.test'], 'anyone@mx.spam.test', 'spam.test'],
    ['case-insensitive entry', ['Spam.Test'], 'anyone@spam.test', 'Spam.Test'],
    ['look-alike domain', ['spam.test'], 'anyone@notspam.test', null],
    ['other address', ['bad@example.com'], 'good@example.com', null],
    ['empty list', [], 'bad@example.com', null],
  ])('blocklist: %s', (_label, list, email, expected) => {
    expect(blocklistMatch(list, normalizeEmail(email))).toBe(expected)
  })

  const party = (email: string, name: string | null = null) => ({
    email: normalizeEmail(email),
    name,
  })
  test.each([
    [
      'same mailbox name elsewhere',
      party('jane.doe@gmail.com'),
      party('janedoe@yahoo.com'),
      'another domain',
    ],
    ['Gmail dots', party('jane.doe@gmail.com'), party('janedoe@googlemail.com'), 'Gmail'],
    [
      'same name, same domain',
      party('jd@acme.test', 'Jane Doe'),
      party('j.doe@acme.test', 'jane  doe'),
      'same name',
    ],
    ['generic mailbox', party('info@acme.test'), party('info@other.test'), null],
    ['short mailbox', party('jo@acme.test'), party('jo@other.test'), null],
    [
      'different people',
      party('jane@acme.test', 'Jane Doe'),
      party('fred@acme.test', 'Fred Roe'),
      null,
    ],
  ])('self-referral signal: %s', (_label, referrer, friend, expected) => {
    const signal = selfReferralSignal(referrer, friend)
    if (expected === null) expect(signal).toBeNull()
    else expect(signal).toContain(expected)
  })
})
