import { describe, expect, it } from 'vitest'
import { DEFAULT_MAPPING, wantedAttributes } from '../../src/intercom/data-attributes.js'

describe('wantedAttributes', () => {
  it.each([
    ['the defaults', [DEFAULT_MAPPING], 7, 'referral_code', 'referral_code'],
    [
      'a renamed attribute',
      [{ ...DEFAULT_MAPPING, referral_count: 'friends_joined' }],
      7,
      'friends_joined',
      'referral_count',
    ],
    [
      'a switched-off attribute',
      [{ ...DEFAULT_MAPPING, referral_link: null }],
      6,
      'referral_code',
      'referral_code',
    ],
    [
      'two campaigns sharing names',
      [DEFAULT_MAPPING, { ...DEFAULT_MAPPING, referral_status: 'vip_status' }],
      8,
      'vip_status',
      'referral_status',
    ],
  ])('lists the names for %s', (_label, mappings, size, name, key) => {
    const sut = wantedAttributes(mappings)
    expect(sut.size).toBe(size)
    expect(sut.get(name)).toBe(key)
  })

  it('leaves out a switched-off attribute entirely', () => {
    const sut = wantedAttributes([{ ...DEFAULT_MAPPING, referral_link: null }])
    expect([...sut.values()]).not.toContain('referral_link')
  })
})
