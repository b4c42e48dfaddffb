import { describe, expect, it } from 'vitest'
import { parseCampaignSettings } from '../../src/ledger/campaign-settings.js'
import { changedContactFields, onlyOwnAttributesChanged } from '../../src/ledger/contact-diff.js'
import type { ContactState } from '../../src/ledger/contact-snapshots.js'
import { attributeTexts, evaluateQualification } from '../../src/ledger/qualification.js'

function contact(overrides: Partial<ContactState> = {}): ContactState {
  return {
    role: 'lead',
    email: null,
    name: null,
    customAttributes: {},
    attributes: {},
    ...overrides,
  }
}

function rule(attribute?: string, values?: string[]) {
  return parseCampaignSettings({ qualification: { attribute, values } }).qualification
}

describe('evaluateQualification', () => {
  it.each([
    ['default rule, a lead', rule(), contact(), 'contact.lead.updated', false],
    ['default rule, a user', rule(), contact({ role: 'user' }), 'contact.user.updated', true],
    ['default rule, lead signed up', rule(), contact(), 'contact.lead.signed_up', true],
    [
      'custom text, converted value (case and spaces ignored)',
      rule('custom_attributes.plan', ['Pro', 'business']),
      contact({ customAttributes: { plan: '  PRO ' } }),
      'contact.user.updated',
      true,
    ],
    [
      'custom text, another value',
      rule('custom_attributes.plan', ['pro']),
      contact({ customAttributes: { plan: 'free' } }),
      'contact.user.updated',
      false,
    ],
    [
      'custom attribute missing',
      rule('custom_attributes.plan', ['pro']),
      contact(),
      'contact.user.updated',
      false,
    ],
    [
      'custom list, one element converted',
      rule('custom_attributes.products', ['checkout']),
      contact({ customAttributes: { products: ['search', 'Checkout'] } }),
      'contact.user.updated',
      true,
    ],
    [
      'custom boolean',
      rule('custom_attributes.paid', ['true']),
      contact({ customAttributes: { paid: true } }),
      'contact.user.updated',
      true,
    ],
    [
      'custom number',
      rule('custom_attributes.seats', ['5']),
      contact({ customAttributes: { seats: 5 } }),
      'contact.user.updated',
      true,
    ],
    [
      'signed-up topic does not satisfy a custom rule',
      rule('custom_attributes.plan', ['pro']),
      contact({ role: 'user' }),
      'contact.lead.signed_up',
      false,
    ],
    [
      'standard dotted field',
      rule('location.country', ['France']),
      contact({ attributes: { location: { country: 'France' } } }),
      'contact.user.updated',
      true,
    ],
    [
      'standard Intercom list object (tags)',
      rule('tags', ['vip']),
      contact({ attributes: { tags: { type: 'list', data: [{ type: 'tag', name: 'VIP' }] } } }),
      'contact.user.updated',
      true,
    ],
  ])('%s', (_label, sutRule, state, topic, expected) => {
    expect(evaluateQualification(sutRule, state, topic).qualifies).toBe(expected)
  })

  it('names the matching value as its reason', () => {
    const verdict = evaluateQualification(
      rule('custom_attributes.plan', ['pro']),
      contact({ customAttributes: { plan: 'pro' } }),
      'contact.user.updated',
    )
    expect(verdict.reason).toBe('custom_attributes.plan = pro')
  })
})

describe('attributeTexts', () => {
  it.each([
    [null, []],
    ['', []],
    [' Gold ', ['gold']],
    [0, ['0']],
    [
      ['a', ['B']],
      ['a', 'b'],
    ],
    [{ type: 'list', data: [{ id: '7' }] }, ['7']],
  ])('%j → %j', (value, expected) => {
    expect(attributeTexts(value)).toEqual(expected)
  })
})

describe('changedContactFields', () => {
  it('lists changed standard fields and custom attributes, ignoring key order', () => {
    const before = contact({ customAttributes: { a: { x: 1, y: 2 }, gone: 1 } })
    const after = contact({ role: 'user', customAttributes: { a: { y: 2, x: 1 }, added: 'z' } })
    expect(changedContactFields(before, after).sort()).toEqual([
      'custom_attributes.added',
      'custom_attributes.gone',
      'role',
    ])
  })

  it('compares the standard fields a rule reads, and only those', () => {
    const before = contact({ attributes: { plan_tier: 1, last_seen_at: 1 } })
    const after = contact({ attributes: { plan_tier: 2, last_seen_at: 2 } })
    expect(changedContactFields(before, after)).toEqual([])
    expect(changedContactFields(before, after, ['plan_tier'])).toEqual(['plan_tier'])
  })
})

describe('onlyOwnAttributesChanged', () => {
  const own = new Set(['referral_status', 'referral_count'])
  it.each([
    [['custom_attributes.referral_status'], true],
    [['custom_attributes.referral_status', 'custom_attributes.referral_count'], true],
    [['custom_attributes.referral_status', 'role'], false],
    [['custom_attributes.plan'], false],
    [[], true],
  ])('%j → %s', (changed, expected) => {
    expect(onlyOwnAttributesChanged(changed, own)).toBe(expected)
  })
})
