import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  decryptToken,
  encryptToken,
  TokenDecryptionError,
} from '../../src/crypto/token-crypto.js'

const key = randomBytes(32)
const token = 'dG9rOjEyMzQ1Njc4OTA6YWJjZGVm='

describe('token crypto', () => {
  it('round-trips a token, with a fresh IV each time', () => {
    const first = encryptToken(key, token, 'ws_1')
    const second = encryptToken(key, token, 'ws_1')
    expect(first).toMatch(/^v1:[A-Za-z0-9+/]+=*$/)
    expect(first).not.toBe(second)
    expect(first).not.toContain(token)
    expect(decryptToken(key, first, 'ws_1')).toBe(token)
    expect(decryptToken(key, second, 'ws_1')).toBe(token)
  })

  it.each([
    ['a flipped ciphertext byte', (c: string) => flipByte(c, 14)],
    ['a flipped tag byte', (c: string) => flipByte(c, -1)],
    ['a flipped IV byte', (c: string) => flipByte(c, 0)],
    ['another version', (c: string) => c.replace(/^v1:/, 'v2:')],
    ['a truncated payload', (c: string) => c.slice(0, 20)],
    ['garbage', () => 'not a ciphertext'],
  ])('refuses %s', (_label, tamper) => {
    expect(() => decryptToken(key, tamper(encryptToken(key, token, 'ws_1')), 'ws_1')).toThrow(
      TokenDecryptionError,
    )
  })

  it('refuses another key or another workspace', () => {
    const encrypted = encryptToken(key, token, 'ws_1')
    expect(() => decryptToken(randomBytes(32), encrypted, 'ws_1')).toThrow(TokenDecryptionError)
    expect(() => decryptToken(key, encrypted, 'ws_2')).toThrow(TokenDecryptionError)
  })
})

function flipByte(encrypted: string, index: number): string {
  const bytes = Buffer.from(encrypted.slice(3), 'base64')
  const at = index < 0 ? bytes.length + index : index
  bytes[at] = (bytes[at] ?? 0) ^ 0xff
  return `v1:${bytes.toString('base64')}`
}
