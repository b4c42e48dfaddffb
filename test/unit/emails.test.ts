import { describe, expect, it, test } from 'vitest'
import { normalizeEmail } from '../../src/ledger/emails.js'
import { InvalidEmailError } from '../../src/ledger/errors.js'

describe('normalizeEmail', () => {
  test.each([
    ['Jane@Example.com', 'jane@example.com', 'jane@example.com', false],
    ['  jane@example.com\t', 'jane@example.com', 'jane@example.com', false],
    ['Jane+Promo@Example.COM', 'jane+promo@example.com', 'jane@example.com', true],
    ['a.b-c_d@sub.example.co.uk', 'a.b-c_d@sub.example.co.uk', 'a.b-c_d@sub.example.co.uk', false],
  ])('%s → %s (base %s, plus %s)', (raw, normalized, base, plusAddressed) => {
    expect(normalizeEmail(raw)).toEqual({ normalized, base, plusAddressed })
  })

  test.each([
    '',
    'jane',
    'jane@',
    '@example.com',
    'jane@example',
    'ja ne@example.com',
    'jane@@example.com',
    '.jane@example.com',
    'jane..x@example.com',
    'jane@-example.com',
  ])('refuses %j', (raw) => {
    expect(() => normalizeEmail(raw)).toThrow(InvalidEmailError)
  })

  it('keeps plus-addressing in the normalized form but flags it', () => {
    const sut = normalizeEmail('bob+1@x.io')
    expect(sut.normalized).toBe('bob+1@x.io')
    expect(sut.plusAddressed).toBe(true)
  })
})
