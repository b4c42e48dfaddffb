import { describe, expect, it } from 'vitest'
import { parseCampaignSettings } from '../../../src/ledger/campaign-settings.js'
import {
  contactInput,
  defaultFriendFields,
  defaultReferrerFields,
  qualificationStart,
} from '../../../src/sync/outbound-contact.js'

const settings = parseCampaignSettings({})
const referrer = {
  name: 'Jane Doe',
  code: 'jane-k7p2',
  link: 'https://app.test/r/jane-k7p2',
  referralCount: 3,
  convertedCount: 1,
  lastReferralAt: new Date('2026-11-20T00:00:00Z'),
  campaign: 'Refer a friend',
  source: 'link',
}

describe('contactInput', () => {
  it('sends a referrer with name, code, link, people referred and last referral time by default', () => {
    const sut = contactInput({
      role: 'lead',
      email: 'jane@example.com',
      facts: referrer,
      fields: defaultReferrerFields(settings.attributes),
      defaults: {},
    })
    expect(sut).toEqual({
      role: 'lead',
      email: 'jane@example.com',
      name: 'Jane Doe',
      customAttributes: {
        referral_code: 'jane-k7p2',
        referral_link: 'https://app.test/r/jane-k7p2',
        referral_count: 3,
        referral_converted_count: 1,
        referral_last_at: Math.floor(Date.parse('2026-11-20T00:00:00Z') / 1000),
      },
    })
  })

  it('applies defaults first, then mapped fields, then extras; email always from the person', () => {
    const sut = contactInput({
      role: 'user',
      email: 'friend@example.com',
      facts: {
        name: null,
        referrerName: 'Jane Doe',
        referrerEmail: 'jane@example.com',
        referrerCode: 'jane-k7p2',
        campaign: 'Spring',
        source: 'invite',
      },
      fields: {
        referrerName: 'referrer_name',
        referrerEmail: 'email',
        referrerCode: 'custom_attributes.referred_by_code',
        campaign: 'campaign',
        source: 'lead_source',
        name: 'name',
      },
      defaults: { plan: 'trial', campaign: 'overridden', vip: false },
      extra: { 'custom_attributes.plan_status': 'signed_up' },
    })
    expect(sut).toEqual({
      role: 'user',
      email: 'friend@example.com',
      customAttributes: {
        plan: 'trial',
        vip: false,
        campaign: 'Spring',
        referrer_name: 'Jane Doe',
        referred_by_code: 'jane-k7p2',
        lead_source: 'invite',
        plan_status: 'signed_up',
      },
    })
  })

  it('leaves out attributes switched off in the campaign', () => {
    const off = parseCampaignSettings({
      attributes: { referral_link: null, referral_status: null },
    })
    expect(defaultReferrerFields(off.attributes)).not.toHaveProperty('link')
    expect(defaultFriendFields(off.attributes)).toEqual({
      name: 'name',
      referrerCode: 'referred_by_code',
    })
  })
})

describe('qualificationStart', () => {
  it('sets the initial value of a custom qualification attribute', () => {
    expect(
      qualificationStart({
        attribute: 'custom_attributes.plan',
        values: ['paid'],
        initialValue: 'trial',
      }),
    ).toEqual({ 'custom_attributes.plan': 'trial' })
  })

  it('sets nothing for a standard attribute or without an initial value', () => {
    expect(
      qualificationStart({ attribute: 'role', values: ['user'], initialValue: 'lead' }),
    ).toEqual({})
    expect(
      qualificationStart({
        attribute: 'custom_attributes.plan',
        values: ['paid'],
        initialValue: null,
      }),
    ).toEqual({})
  })
})
