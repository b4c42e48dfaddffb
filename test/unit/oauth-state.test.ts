import jwt from 'jsonwebtoken'
import { describe, expect, it, vi } from 'vitest'
import { signOauthState, verifyOauthState } from '../../src/intercom/oauth-state.js'

const SECRET = 'client-secret-for-state-tests'

describe('oauth state', () => {
  describe('verifyOauthState', () => {
    it('accepts a state it signed, with its purpose, id and a 10-minute expiry', () => {
      const sut = verifyOauthState(SECRET, signOauthState(SECRET, 'admin'))
      expect(sut.purpose).toBe('admin')
      expect(sut.jti).toMatch(/^[0-9a-f-]{36}$/)
      const minutes = (sut.expiresAt.getTime() - Date.now()) / 60_000
      expect(minutes).toBeGreaterThan(9)
      expect(minutes).toBeLessThanOrEqual(10)
    })

    it('gives every state its own id', () => {
      const a = verifyOauthState(SECRET, signOauthState(SECRET, 'install'))
      const b = verifyOauthState(SECRET, signOauthState(SECRET, 'install'))
      expect(a.jti).not.toBe(b.jti)
    })

    it.each([
      ['signed with another secret', () => signOauthState('another-secret', 'install')],
      ['not a JWT', () => 'not-a-state'],
      ['tampered', () => signOauthState(SECRET, 'install').slice(0, -2) + 'xx'],
      [
        'unsigned (alg none)',
        () => jwt.sign({ purpose: 'install', jti: 'x' }, '', { algorithm: 'none' }),
      ],
    ])('refuses a state %s as invalid', (_label, make) => {
      expect(() => verifyOauthState(SECRET, make())).toThrow(
        expect.objectContaining({ reason: 'invalid' }),
      )
    })

    it('refuses a state older than 10 minutes as expired, with a message saying so', () => {
      const state = signOauthState(SECRET, 'install')
      vi.useFakeTimers({ now: Date.now() + 10 * 60_000 + 5_000 })
      try {
        expect(() => verifyOauthState(SECRET, state)).toThrow(
          expect.objectContaining({ reason: 'expired', message: expect.stringMatching(/expired/) }),
        )
      } finally {
        vi.useRealTimers()
      }
    })
  })
})
