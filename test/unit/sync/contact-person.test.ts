import { describe, expect, test } from 'vitest'
import type { IntercomContact } from '../../../src/intercom/api-types.js'
import { personFromContact } from '../../../src/sync/contact-person.js'

function contact(fields: Partial<IntercomContact> = {}): IntercomContact {
  return {
    id: 'c1',
    role: 'user',
    email: 'jane@example.com',
    name: 'Jane Doe',
    externalId: null,
    updatedAt: 1,
    customAttributes: { nickname: 'JJ', first: 'Janet', last: 'Dee' },
    raw: { phone: '+1 555' },
    ...fields,
  }
}

describe('personFromContact', () => {
  test.each([
    ['default map', { name: 'name', email: 'email' }, contact(), 'jane@example.com', 'Jane Doe'],
    [
      'custom attribute as name',
      { 'custom_attributes.nickname': 'name' },
      contact(),
      'jane@example.com',
      'JJ',
    ],
    [
      'first and last name joined',
      { 'custom_attributes.first': 'firstName', 'custom_attributes.last': 'lastName' },
      contact(),
      'jane@example.com',
      'Janet Dee',
    ],
    ['no name mapped', {}, contact(), 'jane@example.com', null],
    [
      'email from another field',
      { 'custom_attributes.work_email': 'email' },
      contact({ customAttributes: { work_email: 'work@example.com' } }),
      'work@example.com',
      null,
    ],
    ['unknown app field ignored', { phone: 'mobile' }, contact(), 'jane@example.com', null],
  ] as const)('%s', (_label, map, input, email, name) => {
    expect(personFromContact(input, map)).toEqual({ contactId: 'c1', email, name })
  })

  test.each([
    ['no email', contact({ email: null })],
    ['malformed email', contact({ email: 'not-an-email' })],
  ])('skips a contact with %s (email is required)', (_label, input) => {
    expect(personFromContact(input, { email: 'email', name: 'name' })).toBeNull()
  })
})
