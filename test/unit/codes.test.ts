import { describe, expect, it, test } from 'vitest'
import {
  CODE_ALPHABET,
  codeNamePart,
  generateCode,
  looksLikeCode,
  normalizeCode,
  validateVanityCode,
} from '../../src/ledger/codes.js'
import { InvalidCodeError } from '../../src/ledger/errors.js'

describe('codes', () => {
  test.each([
    ['Jane Doe', 'jane'],
    ['  José  María', 'jose'],
    ['Ángela', 'angela'],
    ["O'Brien", 'obrien'],
    ['', 'friend'],
    [null, 'friend'],
    ['李', 'friend'],
    ['Bartholomew-Alexander', 'bartholomewa'],
  ])('name part of %j is %s', (name, part) => {
    expect(codeNamePart(name)).toBe(part)
  })

  it('draws memorable codes: first name, a dash, 4 unambiguous characters', () => {
    const sut = generateCode('Jane', 'name')
    expect(sut).toMatch(new RegExp(`^jane-[${CODE_ALPHABET}]{4}$`))
    expect(sut.slice(5)).not.toMatch(/[01ilo]/)
  })

  it('draws random codes of 8 characters', () => {
    expect(generateCode('Jane', 'random')).toMatch(new RegExp(`^[${CODE_ALPHABET}]{8}$`))
  })

  it('uses the random source it is given', () => {
    expect(generateCode('Jane', 'name', () => 0)).toBe('jane-2222')
  })

  it('matches case-insensitively', () => {
    expect(normalizeCode(' Jane-K7P2 ')).toBe('jane-k7p2')
  })

  test.each(['ab', 'a', '-abc', 'abc-', 'a b c', 'admin', 'x'.repeat(33), 'héllo'])(
    'refuses vanity code %j',
    (code) => {
      expect(() => validateVanityCode(code)).toThrow(InvalidCodeError)
    },
  )

  test.each(['jane', 'JaneRocks', 'summer-2026'])('accepts vanity code %j', (code) => {
    expect(validateVanityCode(code)).toBe(code)
  })

  test.each([
    ['jane-k7p2', true],
    ['../etc', false],
    ['x', false],
    ["jane'; drop", false],
  ])('looksLikeCode(%j) is %s', (text, expected) => {
    expect(looksLikeCode(text)).toBe(expected)
  })
})
