import { describe, expect, it } from 'vitest'
import { decryptSheetUser, encryptSheetUser } from '../../src/http/canvas/sheet-crypto.js'

describe('sheet user encryption (AES-256-GCM, key = SHA-256(secret))', () => {
  const user = { type: 'user', id: 'contact_1', email: 'a@b.co' }

  it('decrypts what was encrypted with the same secret', () => {
    expect(decryptSheetUser(encryptSheetUser(user, 's3cret'), 's3cret')).toEqual(user)
  })

  it.each([
    ['another secret', (v: string) => v, 'other'],
    ['a flipped byte', (v: string) => flip(v), 's3cret'],
    ['a truncated value', (v: string) => v.slice(0, 20), 's3cret'],
    ['not base64 at all', () => '!!!', 's3cret'],
  ])('refuses %s', (_label, mangle, secret) => {
    expect(decryptSheetUser(mangle(encryptSheetUser(user, 's3cret')), secret)).toBeNull()
  })
})

function flip(value: string): string {
  const bytes = Buffer.from(value, 'base64')
  bytes[14] = (bytes[14] ?? 0) ^ 0xff
  return bytes.toString('base64')
}
